//! CSV / TSV: one document per row, streamed with the csv crate (one reused record buffer).
//! Columns are mapped by name (see `columns`); a malformed row is reported with its line number
//! and the rows after it are still read. Known limit (the csv crate's lenient quoting): a quote
//! left open in the *last* column swallows the rest of the file into that field without an
//! error; in any other column it shows up as a field-count error.

use crate::columns::{Role, Roles};
use crate::record::{finish, Record};
use crate::{ErrorKind, ReadError, ReadOptions};
use corroborate_model::Document;
use std::io::Read;

pub struct CsvDocs<R: Read> {
    rdr: csv::Reader<R>,
    origin: String,
    max: usize,
    roles: Roles,
    cols: Option<[Option<usize>; 6]>,
    record: csv::ByteRecord,
    done: bool,
}

/// Documents from CSV (`delimiter` b',') or TSV (b'\t') rows; the first row is the header.
pub fn read_csv<R: Read>(reader: R, origin: &str, opts: &ReadOptions, delimiter: u8) -> CsvDocs<R> {
    let rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .flexible(false)
        .from_reader(reader);
    CsvDocs {
        rdr,
        origin: origin.to_string(),
        max: opts.max_doc_bytes,
        roles: Roles::new(&opts.columns),
        cols: None,
        record: csv::ByteRecord::new(),
        done: false,
    }
}

impl<R: Read> CsvDocs<R> {
    fn header(&mut self) -> Result<[Option<usize>; 6], ReadError> {
        let headers = self
            .rdr
            .byte_headers()
            .map_err(|e| csv_error(&self.origin, &e))?;
        let names: Vec<String> = headers
            .iter()
            .map(|h| {
                String::from_utf8_lossy(h)
                    .trim()
                    .trim_start_matches('\u{feff}')
                    .to_string()
            })
            .collect();
        let cols = self.roles.assign(names.iter().map(String::as_str));
        if let Some(msg) = self.roles.missing(&cols, &names) {
            return Err(ReadError::new(
                self.origin.clone(),
                ErrorKind::MissingColumn,
                msg,
            ));
        }
        Ok(cols)
    }

    fn row(&self, cols: &[Option<usize>; 6]) -> Result<Document, ReadError> {
        let line = self.record.position().map_or(0, |p| p.line());
        let origin = format!("{}:line {line}", self.origin);
        let mut lossy = false;
        let mut field = |role: Role| -> Option<String> {
            let raw = self.record.get(cols[role as usize]?)?;
            Some(match std::str::from_utf8(raw) {
                Ok(s) => s.to_string(),
                Err(_) => {
                    lossy = true;
                    String::from_utf8_lossy(raw).into_owned()
                }
            })
        };
        let mut rec = Record {
            id: field(Role::Id),
            text: field(Role::Text).unwrap_or_default(),
            title: field(Role::Title),
            published: field(Role::Date),
            outlet: field(Role::Source),
            url: field(Role::Url),
            ..Default::default()
        };
        if lossy {
            rec.warnings.push((
                "reader:csv".into(),
                "row is not valid UTF-8; invalid bytes replaced with U+FFFD".into(),
            ));
        }
        finish(rec, &origin, "csv", self.max)
    }
}

fn csv_error(origin: &str, e: &csv::Error) -> ReadError {
    let line = e.position().map(|p| p.line());
    let origin = match line {
        Some(l) => format!("{origin}:line {l}"),
        None => origin.to_string(),
    };
    match e.kind() {
        csv::ErrorKind::Io(io) => ReadError::io(origin, io),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => ReadError::new(
            origin,
            ErrorKind::Malformed,
            format!("malformed row: {len} fields where the header has {expected_len}"),
        ),
        _ => ReadError::new(origin, ErrorKind::Malformed, format!("malformed row: {e}")),
    }
}

impl<R: Read> Iterator for CsvDocs<R> {
    type Item = Result<Document, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let cols = match self.cols {
            Some(c) => c,
            None => match self.header() {
                Ok(c) => {
                    self.cols = Some(c);
                    c
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            },
        };
        match self.rdr.read_byte_record(&mut self.record) {
            Ok(true) => Some(self.row(&cols)),
            Ok(false) => {
                self.done = true;
                None
            }
            Err(e) => {
                // An I/O error cannot be resumed; a bad row can.
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    self.done = true;
                }
                Some(Err(csv_error(&self.origin, &e)))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_style_bom_and_crlf() {
        let data = b"\xef\xbb\xbfID,Title,Body,Link\r\n7,\"Aleppo, again\",\"Line one\r\nline two\",https://x.test/7\r\n";
        let docs: Vec<_> = read_csv(&data[..], "x.csv", &ReadOptions::default(), b',').collect();
        let d = docs[0].as_ref().unwrap();
        assert_eq!(d.id, "7");
        assert_eq!(d.meta.title.as_deref(), Some("Aleppo, again"));
        assert_eq!(d.text, "Line one\r\nline two");
        assert_eq!(d.meta.url.as_deref(), Some("https://x.test/7"));
    }

    #[test]
    fn column_overrides() {
        let data = b"key,story,site\nk1,The story.,wire\n";
        let opts = ReadOptions {
            columns: crate::ColumnMap {
                id: Some("KEY".into()),
                text: Some("story".into()),
                ..Default::default()
            },
            ..Default::default()
        };
        let docs: Vec<_> = read_csv(&data[..], "x.csv", &opts, b',').collect();
        let d = docs[0].as_ref().unwrap();
        assert_eq!(
            (d.id.as_str(), d.text.as_str(), d.meta.outlet.as_deref()),
            ("k1", "The story.", Some("wire"))
        );
    }
}
