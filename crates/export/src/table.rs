//! Flat CSV export of stored documents: one row per document, metadata
//! columns first, then the text. Uses the csv crate so quoting is correct.

use std::io::Write;

pub const CSV_HEADER: &[&str] =
    &["id", "title", "outlet", "published", "author", "url", "origin", "format", "cluster", "text"];

/// One CSV row's fields in [`CSV_HEADER`] order.
pub struct Row<'a> {
    pub fields: [&'a str; 10],
}

pub struct CsvSink<W: Write> {
    w: csv::Writer<W>,
}

impl<W: Write> CsvSink<W> {
    pub fn new(out: W) -> Result<Self, csv::Error> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(CSV_HEADER)?;
        Ok(CsvSink { w })
    }
    pub fn row(&mut self, row: Row<'_>) -> Result<(), csv::Error> {
        self.w.write_record(row.fields)
    }
    pub fn finish(mut self) -> Result<(), csv::Error> {
        self.w.flush()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_commas_and_newlines() {
        let mut buf = Vec::new();
        let mut s = CsvSink::new(&mut buf).unwrap();
        s.row(Row { fields: ["a", "T, \"q\"", "", "", "", "", "", "", "", "line1\nline2"] }).unwrap();
        s.finish().unwrap();
        let out = String::from_utf8(buf).unwrap();
        let mut r = csv::Reader::from_reader(out.as_bytes());
        let rec = r.records().next().unwrap().unwrap();
        assert_eq!(&rec[1], "T, \"q\"");
        assert_eq!(&rec[9], "line1\nline2");
    }
}
