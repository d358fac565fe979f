//! JSON Lines: one object per line, read line by line into a reused buffer (so memory is bounded
//! by the longest line, itself capped), keys mapped like CSV columns. Whole-JSON files (an array
//! of objects, or one object) go through [`read_json_value`].

use crate::columns::{Role, Roles};
use crate::record::{finish, Record};
use crate::{ErrorKind, ReadError, ReadOptions};
use corroborate_model::Document;
use serde_json::Value;
use std::io::{BufRead, Read};

pub struct JsonlDocs<R: BufRead> {
    r: R,
    origin: String,
    max: usize,
    roles: Roles,
    line_no: usize,
    buf: Vec<u8>,
    seen_object: bool,
    done: bool,
}

pub fn read_jsonl<R: BufRead>(reader: R, origin: &str, opts: &ReadOptions) -> JsonlDocs<R> {
    JsonlDocs {
        r: reader,
        origin: origin.to_string(),
        max: opts.max_doc_bytes,
        roles: Roles::new(&opts.columns),
        line_no: 0,
        buf: Vec::new(),
        seen_object: false,
        done: false,
    }
}

fn as_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

impl<R: BufRead> JsonlDocs<R> {
    /// Longest line accepted: JSON escaping can double a text, plus room for the other fields.
    fn line_cap(&self) -> u64 {
        (self.max as u64).saturating_mul(2).saturating_add(1 << 16)
    }

    /// Reads the next line into `buf`. `Ok(false)` at end of input; `Err` for I/O errors and
    /// over-long lines (whose rest is skipped so the next line can be read).
    fn next_line(&mut self) -> Result<bool, ReadError> {
        self.buf.clear();
        self.line_no += 1;
        let cap = self.line_cap();
        let n = (&mut self.r)
            .take(cap)
            .read_until(b'\n', &mut self.buf)
            .map_err(|e| self.io_err(&e))?;
        if n == 0 {
            return Ok(false);
        }
        if n as u64 >= cap && self.buf.last() != Some(&b'\n') {
            let mut skipped = n as u64;
            loop {
                let here = format!("{}:line {}", self.origin, self.line_no);
                let chunk = self.r.fill_buf().map_err(|e| ReadError::io(here, &e))?;
                if chunk.is_empty() {
                    break;
                }
                match chunk.iter().position(|&b| b == b'\n') {
                    Some(i) => {
                        skipped += i as u64;
                        self.r.consume(i + 1);
                        break;
                    }
                    None => {
                        let len = chunk.len();
                        skipped += len as u64;
                        self.r.consume(len);
                    }
                }
            }
            return Err(ReadError::too_large(self.here(), skipped, self.max));
        }
        Ok(true)
    }

    fn here(&self) -> String {
        format!("{}:line {}", self.origin, self.line_no)
    }

    fn io_err(&self, e: &std::io::Error) -> ReadError {
        ReadError::io(self.here(), e)
    }

    fn parse_line(&mut self) -> Option<Result<Document, ReadError>> {
        let trimmed = self.buf.trim_ascii();
        if trimmed.is_empty() {
            return None;
        }
        let (obj, lossy) = match serde_json::from_slice::<Value>(trimmed) {
            Ok(v) => (v, false),
            Err(e) if e.is_syntax() && std::str::from_utf8(trimmed).is_err() => {
                match serde_json::from_str::<Value>(&String::from_utf8_lossy(trimmed)) {
                    Ok(v) => (v, true),
                    Err(e) => {
                        return Some(Err(ReadError::new(
                            self.here(),
                            ErrorKind::Malformed,
                            format!("invalid JSON: {e}"),
                        )))
                    }
                }
            }
            Err(e) => {
                return Some(Err(ReadError::new(
                    self.here(),
                    ErrorKind::Malformed,
                    format!("invalid JSON: {e}"),
                )))
            }
        };
        let Value::Object(obj) = obj else {
            return Some(Err(ReadError::new(
                self.here(),
                ErrorKind::Malformed,
                "line is valid JSON but not an object",
            )));
        };
        let first = !self.seen_object;
        self.seen_object = true;
        match object_doc(&obj, &self.roles, &self.here(), self.max, lossy) {
            Ok(r) => Some(r),
            // The mapping is wrong for the whole file: one error, not one per line.
            Err(msg) if first => {
                self.done = true;
                Some(Err(ReadError::new(
                    self.origin.clone(),
                    ErrorKind::MissingColumn,
                    msg,
                )))
            }
            Err(msg) => Some(Err(ReadError::new(self.here(), ErrorKind::Malformed, msg))),
        }
    }
}

/// One JSON object -> a document; `Err(message)` when it has no text field.
fn object_doc(
    obj: &serde_json::Map<String, Value>,
    roles: &Roles,
    origin: &str,
    max: usize,
    lossy: bool,
) -> Result<Result<Document, ReadError>, String> {
    let entries: Vec<(&String, &Value)> = obj.iter().collect();
    let cols = roles.assign(entries.iter().map(|(k, _)| k.as_str()));
    if let Some(msg) = roles.missing(
        &cols,
        &entries
            .iter()
            .map(|(k, _)| k.to_string())
            .collect::<Vec<_>>(),
    ) {
        return Err(msg);
    }
    let get = |role: Role| {
        cols[role as usize]
            .and_then(|i| entries.get(i))
            .and_then(|(_, v)| as_text(v))
    };
    let mut rec = Record {
        id: get(Role::Id),
        text: get(Role::Text).unwrap_or_default(),
        title: get(Role::Title),
        published: get(Role::Date),
        outlet: get(Role::Source),
        url: get(Role::Url),
        ..Default::default()
    };
    if lossy {
        rec.warnings.push((
            "reader:jsonl".into(),
            "not valid UTF-8; invalid bytes replaced with U+FFFD".into(),
        ));
    }
    Ok(finish(rec, origin, "jsonl", max))
}

/// A whole JSON file (`.json`, or input starting with `[`): an array of article objects, or one
/// object. serde_json has no streaming array reader, so these are read whole, within
/// `max_doc_bytes`; JSON Lines is the format for large inputs. Bytes that are not one JSON value
/// (JSON Lines in a `.json` file) are read as JSON Lines.
pub fn read_json_value(
    bytes: Vec<u8>,
    origin: &str,
    opts: &ReadOptions,
) -> Vec<Result<Document, ReadError>> {
    let roles = Roles::new(&opts.columns);
    let value = match serde_json::from_slice::<Value>(&bytes) {
        Ok(v) => v,
        Err(_) => return read_jsonl(std::io::Cursor::new(bytes), origin, opts).collect(),
    };
    let missing = |msg: String| vec![Err(ReadError::new(origin, ErrorKind::MissingColumn, msg))];
    match value {
        Value::Object(obj) => match object_doc(&obj, &roles, origin, opts.max_doc_bytes, false) {
            Ok(r) => vec![r],
            Err(msg) => missing(msg),
        },
        Value::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let here = format!("{origin}#record {}", i + 1);
                let Value::Object(obj) = item else {
                    out.push(Err(ReadError::new(
                        here,
                        ErrorKind::Malformed,
                        "array element is not an object",
                    )));
                    continue;
                };
                match object_doc(obj, &roles, &here, opts.max_doc_bytes, false) {
                    Ok(r) => out.push(r),
                    Err(msg) if out.is_empty() => return missing(msg),
                    Err(msg) => out.push(Err(ReadError::new(here, ErrorKind::Malformed, msg))),
                }
            }
            out
        }
        _ => vec![Err(ReadError::new(
            origin,
            ErrorKind::Malformed,
            "JSON value is neither an object nor an array of objects",
        ))],
    }
}

impl<R: BufRead> Iterator for JsonlDocs<R> {
    type Item = Result<Document, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.next_line() {
                Ok(true) => {
                    if let Some(r) = self.parse_line() {
                        return Some(r);
                    }
                }
                Ok(false) => self.done = true,
                Err(e) => {
                    if e.kind == ErrorKind::Io {
                        self.done = true;
                    }
                    return Some(Err(e));
                }
            }
        }
        None
    }
}
