//! WARC 1.0/1.1 (plain or multi-member gzip, as Common Crawl writes it), streamed record by
//! record. Written by hand on `BufRead` because the `warc` crate is rarely released and pulls old
//! dependencies; the format is only "version line, headers, blank line, Content-Length bytes".
//!
//! Kept: `response` records whose HTTP status is 200 and payload is HTML (run through
//! `read_html_with`, deferred as an `HtmlJob`), HTML `resource` records, and WET `conversion`
//! records (plain text). Everything else is skipped silently. A truncated stream ends the file
//! with an error naming the record; the records before it have already been yielded.

use crate::decode::decode;
use crate::pending::{HtmlJob, Pending};
use crate::record::{finish, Record};
use crate::{date::normalize_date, ErrorKind, ReadError};
use corroborate_model::Document;
use std::io::{self, BufRead, Read};

/// Header block limit: far above real WARC headers, low enough to stop garbage early.
const MAX_HEADER_BYTES: usize = 256 << 10;
/// Room for HTTP headers on top of `max_doc_bytes`.
const HTTP_SLACK: u64 = 64 << 10;

pub struct WarcDocs<R: BufRead> {
    r: R,
    origin: String,
    max: usize,
    record_no: usize,
    line: Vec<u8>,
    done: bool,
}

pub fn read_warc<R: BufRead>(reader: R, origin: &str, max_doc_bytes: usize) -> WarcDocs<R> {
    WarcDocs {
        r: reader,
        origin: origin.to_string(),
        max: max_doc_bytes,
        record_no: 0,
        line: Vec::new(),
        done: false,
    }
}

#[derive(Default, Debug)]
struct Headers {
    warc_type: String,
    content_length: Option<u64>,
    target_uri: Option<String>,
    date: Option<String>,
    content_type: Option<String>,
}

/// What one record turned into.
#[allow(clippy::large_enum_variant)]
enum Outcome {
    Doc(Pending),
    Skip,
    End,
}

impl<R: BufRead> WarcDocs<R> {
    fn here(&self) -> String {
        format!("{}#record {}", self.origin, self.record_no)
    }

    fn stream_err(&self, e: &io::Error, what: &str) -> ReadError {
        let (kind, msg) = match e.kind() {
            io::ErrorKind::UnexpectedEof => (
                ErrorKind::Truncated,
                format!("input ends inside the {what} (truncated file)"),
            ),
            io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData => (
                ErrorKind::Truncated,
                format!("corrupt or truncated compressed data in the {what}: {e}"),
            ),
            _ => return ReadError::io(self.here(), e),
        };
        ReadError::new(self.here(), kind, msg)
    }

    /// Reads one line into `self.line`, without its line ending; `Ok(false)` at end of input.
    fn read_line(&mut self, budget: &mut usize) -> io::Result<bool> {
        self.line.clear();
        let n = (&mut self.r)
            .take(*budget as u64 + 1)
            .read_until(b'\n', &mut self.line)?;
        if n == 0 {
            return Ok(false);
        }
        *budget = budget.saturating_sub(n);
        if self.line.last() == Some(&b'\n') {
            self.line.pop();
        }
        if self.line.last() == Some(&b'\r') {
            self.line.pop();
        }
        Ok(true)
    }

    fn next_record(&mut self) -> Result<Outcome, ReadError> {
        let mut budget = MAX_HEADER_BYTES;
        // Skip the blank lines that end the previous record.
        let version = loop {
            match self.read_line(&mut budget) {
                Ok(false) => return Ok(Outcome::End),
                Ok(true) if self.line.trim_ascii().is_empty() => {
                    if budget == 0 {
                        self.record_no += 1;
                        return Err(ReadError::new(
                            self.here(),
                            ErrorKind::Malformed,
                            "no WARC record found",
                        ));
                    }
                }
                Ok(true) => break self.line.clone(),
                Err(e) => {
                    self.record_no += 1;
                    return Err(self.stream_err(&e, "record header"));
                }
            }
        };
        self.record_no += 1;
        if !version.starts_with(b"WARC/") {
            let shown =
                String::from_utf8_lossy(version.get(..version.len().min(40)).unwrap_or_default())
                    .into_owned();
            return Err(ReadError::new(
                self.here(),
                ErrorKind::Malformed,
                format!("expected a WARC/1.x version line, found {shown:?}"),
            ));
        }
        let mut h = Headers::default();
        loop {
            match self.read_line(&mut budget) {
                Ok(true) => {}
                Ok(false) => {
                    return Err(ReadError::new(
                        self.here(),
                        ErrorKind::Truncated,
                        "input ends inside the record header (truncated file)",
                    ))
                }
                Err(e) => return Err(self.stream_err(&e, "record header")),
            }
            if self.line.is_empty() {
                break;
            }
            if budget == 0 {
                return Err(ReadError::new(
                    self.here(),
                    ErrorKind::Malformed,
                    "record header is too long",
                ));
            }
            let line = String::from_utf8_lossy(&self.line);
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim().to_string();
            match name.trim().to_ascii_lowercase().as_str() {
                "warc-type" => h.warc_type = value.to_ascii_lowercase(),
                "content-length" => h.content_length = value.parse().ok(),
                "warc-target-uri" => {
                    h.target_uri = Some(value.trim_matches(['<', '>']).to_string())
                }
                "warc-date" => h.date = Some(value),
                "content-type" => h.content_type = Some(value.to_ascii_lowercase()),
                _ => {}
            }
        }
        let Some(len) = h.content_length else {
            return Err(ReadError::new(
                self.here(),
                ErrorKind::Malformed,
                "record has no valid Content-Length",
            ));
        };
        let wanted = matches!(h.warc_type.as_str(), "response" | "conversion" | "resource");
        if !wanted || len > (self.max as u64).saturating_add(HTTP_SLACK) {
            let copied = io::copy(&mut (&mut self.r).take(len), &mut io::sink())
                .map_err(|e| self.stream_err(&e, "record body"))?;
            if copied < len {
                return Err(self.truncated_body(copied, len));
            }
            if wanted {
                return Ok(Outcome::Doc(Pending::Ready(Err(ReadError::too_large(
                    self.here(),
                    len,
                    self.max,
                )))));
            }
            return Ok(Outcome::Skip);
        }
        // Capacity capped: Content-Length is untrusted until the bytes arrive.
        let mut body = Vec::with_capacity((len as usize).min(1 << 24));
        let got = (&mut self.r)
            .take(len)
            .read_to_end(&mut body)
            .map_err(|e| self.stream_err(&e, "record body"))?;
        if (got as u64) < len {
            return Err(self.truncated_body(got as u64, len));
        }
        Ok(self.to_doc(&h, body))
    }

    fn truncated_body(&self, got: u64, len: u64) -> ReadError {
        ReadError::new(
            self.here(),
            ErrorKind::Truncated,
            format!("record body truncated: {got} of {len} bytes (Content-Length)"),
        )
    }

    fn to_doc(&self, h: &Headers, body: Vec<u8>) -> Outcome {
        let origin = self.here();
        let fetched = h.date.as_deref().map(normalize_date);
        let fail = |msg: String| {
            Outcome::Doc(Pending::Ready(Err(ReadError::new(
                origin.clone(),
                ErrorKind::Malformed,
                msg,
            ))))
        };
        if h.warc_type == "conversion" {
            if !h
                .content_type
                .as_deref()
                .unwrap_or("text/plain")
                .starts_with("text/plain")
            {
                return Outcome::Skip;
            }
            let d = decode(body, None);
            let mut rec = Record {
                id: h.target_uri.clone(),
                text: d.text,
                url: h.target_uri.clone(),
                fetched,
                ..Default::default()
            };
            rec.title = rec
                .text
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .map(str::to_string);
            if let Some(note) = d.note {
                rec.warnings.push(("reader:warc".into(), note));
            }
            return Outcome::Doc(Pending::Ready(finish(rec, &origin, "warc", self.max)));
        }
        if h.warc_type == "resource" {
            // An archived file without HTTP wrapping (webrecorder, wget --warc-file of local pages).
            let ct = h.content_type.as_deref().unwrap_or("");
            if !ct.contains("html") {
                return Outcome::Skip;
            }
            let charset = ct
                .split(';')
                .skip(1)
                .filter_map(|p| p.trim().strip_prefix("charset="))
                .map(|c| c.trim_matches(['"', '\'']).to_string())
                .next();
            return Outcome::Doc(Pending::Html(Box::new(HtmlJob {
                bytes: body,
                origin,
                url: h.target_uri.clone(),
                charset,
                max: self.max,
                id: None,
                fetched,
                format: "warc",
            })));
        }
        if h.content_type
            .as_deref()
            .is_some_and(|ct| !ct.contains("application/http"))
        {
            return Outcome::Skip; // e.g. a DNS or metadata response
        }
        let Some(http) = parse_http(&body) else {
            return fail("response record without a valid HTTP header".into());
        };
        if http.status != 200 || !http.is_html(&body) {
            return Outcome::Skip;
        }
        let payload = match http.payload(&body, self.max) {
            Ok(p) => p,
            Err(msg) => return fail(msg),
        };
        Outcome::Doc(Pending::Html(Box::new(HtmlJob {
            bytes: payload,
            origin,
            url: h.target_uri.clone(),
            charset: http.charset,
            max: self.max,
            id: None,
            fetched,
            format: "warc",
        })))
    }

    /// The next document-to-be (HTML extraction not yet run).
    pub(crate) fn next_pending(&mut self) -> Option<Pending> {
        while !self.done {
            match self.next_record() {
                Ok(Outcome::Doc(d)) => return Some(d),
                Ok(Outcome::Skip) => {}
                Ok(Outcome::End) => self.done = true,
                Err(e) => {
                    // The stream position is lost: nothing after this can be trusted.
                    self.done = true;
                    return Some(Pending::Ready(Err(e)));
                }
            }
        }
        None
    }
}

impl<R: BufRead> Iterator for WarcDocs<R> {
    type Item = Result<Document, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_pending().map(Pending::run)
    }
}

/// The HTTP response head inside a WARC `response` record.
#[derive(Debug, Default)]
struct Http {
    status: u16,
    body_start: usize,
    content_type: Option<String>,
    charset: Option<String>,
    chunked: bool,
    encoding: Option<String>,
}

fn parse_http(block: &[u8]) -> Option<Http> {
    let (head_len, body_start) = match find(block, b"\r\n\r\n") {
        Some(i) => (i, i + 4),
        None => {
            let i = find(block, b"\n\n")?;
            (i, i + 2)
        }
    };
    let head = String::from_utf8_lossy(block.get(..head_len)?);
    let mut lines = head.lines();
    let status_line = lines.next()?;
    if !status_line.starts_with("HTTP/") {
        return None;
    }
    let status = status_line.split_whitespace().nth(1)?.parse().ok()?;
    let mut http = Http {
        status,
        body_start,
        ..Default::default()
    };
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().to_ascii_lowercase();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => {
                http.charset = value
                    .split(';')
                    .skip(1)
                    .filter_map(|p| p.trim().strip_prefix("charset="))
                    .map(|c| c.trim_matches(['"', '\'', ' ']).to_string())
                    .next();
                http.content_type = Some(value);
            }
            "transfer-encoding" => http.chunked = value.contains("chunked"),
            "content-encoding" => http.encoding = Some(value).filter(|v| v != "identity"),
            _ => {}
        }
    }
    Some(http)
}

impl Http {
    fn is_html(&self, block: &[u8]) -> bool {
        match &self.content_type {
            Some(ct) => ct.contains("html"),
            // No Content-Type: look at the payload.
            None => {
                block.get(self.body_start..).and_then(crate::detect::sniff)
                    == Some(crate::Format::Html)
            }
        }
    }

    /// The entity body, de-chunked and decompressed as the HTTP headers say (Common Crawl
    /// usually stores it decoded, other crawlers do not).
    fn payload(&self, block: &[u8], max: usize) -> Result<Vec<u8>, String> {
        let raw = block.get(self.body_start..).unwrap_or_default();
        let body = if self.chunked {
            dechunk(raw).unwrap_or_else(|| raw.to_vec())
        } else {
            raw.to_vec()
        };
        let limit = (max as u64).saturating_add(1);
        let mut out = Vec::new();
        let res = match self.encoding.as_deref() {
            Some("gzip" | "x-gzip") => flate2::read::MultiGzDecoder::new(body.as_slice())
                .take(limit)
                .read_to_end(&mut out),
            Some("deflate") => flate2::read::ZlibDecoder::new(body.as_slice())
                .take(limit)
                .read_to_end(&mut out),
            Some(other) => return Err(format!("unsupported Content-Encoding {other:?}")),
            None => return Ok(body),
        };
        match res {
            // Common Crawl keeps the header but stores the body decoded: fall back to raw bytes.
            Err(_) if !body.is_empty() && !crate::detect::is_gzip(&body) => Ok(body),
            Err(e) => Err(format!("cannot decompress the HTTP body: {e}")),
            Ok(_) => Ok(out),
        }
    }
}

/// HTTP/1.1 chunked transfer coding; `None` if the body is not actually chunked.
fn dechunk(mut raw: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(raw.len());
    loop {
        let eol = find(raw, b"\r\n")?;
        let size_field = std::str::from_utf8(raw.get(..eol)?).ok()?;
        let size = usize::from_str_radix(size_field.split(';').next()?.trim(), 16).ok()?;
        raw = raw.get(eol + 2..)?;
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(raw.get(..size)?);
        raw = raw.get(size..)?;
        raw = raw.strip_prefix(b"\r\n").unwrap_or(raw);
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_head_and_chunks() {
        let block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";
        let h = parse_http(block).unwrap();
        assert_eq!(h.status, 200);
        assert_eq!(h.charset.as_deref(), Some("iso-8859-1"));
        assert!(h.is_html(block));
        assert_eq!(h.payload(block, 1000).unwrap(), b"hello world");
        assert!(parse_http(b"garbage").is_none());
    }
}
