//! The multi-document readers are lazy: they yield records from an endless input, so memory
//! cannot depend on the input size.

mod common;
use corroborate_ingest::{read_csv, read_jsonl, read_warc, ReadOptions};
use std::io::{BufReader, Read};

/// An endless reader: `head` once, then `row(i)` for i = 0, 1, 2, ...
struct Endless<F: FnMut(usize) -> Vec<u8>> {
    pending: Vec<u8>,
    pos: usize,
    i: usize,
    row: F,
}

impl<F: FnMut(usize) -> Vec<u8>> Endless<F> {
    fn new(head: &[u8], row: F) -> Self {
        Endless {
            pending: head.to_vec(),
            pos: 0,
            i: 0,
            row,
        }
    }
}

impl<F: FnMut(usize) -> Vec<u8>> Read for Endless<F> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.pos == self.pending.len() {
            self.pending = (self.row)(self.i);
            self.pos = 0;
            self.i += 1;
        }
        let n = buf.len().min(self.pending.len() - self.pos);
        buf[..n].copy_from_slice(&self.pending[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

#[test]
fn csv_is_lazy() {
    let src = Endless::new(b"id,text\n", |i| {
        format!("{i},Report number {i} from Idlib.\n").into_bytes()
    });
    let docs: Vec<_> = read_csv(src, "endless.csv", &ReadOptions::default(), b',')
        .take(5000)
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(docs[4999].id, "4999");
}

#[test]
fn jsonl_is_lazy() {
    let src = Endless::new(b"", |i| {
        format!("{{\"id\":{i},\"text\":\"Report {i}.\"}}\n").into_bytes()
    });
    let docs: Vec<_> = read_jsonl(
        BufReader::new(src),
        "endless.jsonl",
        &ReadOptions::default(),
    )
    .take(5000)
    .collect::<Result<_, _>>()
    .unwrap();
    assert_eq!(docs[4999].id, "4999");
}

#[test]
fn warc_is_lazy() {
    let src = Endless::new(b"", |i| {
        common::warc_record(
            "conversion",
            &format!("https://x.test/{i}"),
            "text/plain",
            format!("Report {i}.").as_bytes(),
        )
    });
    let docs: Vec<_> = read_warc(BufReader::new(src), "endless.warc", 1 << 20)
        .take(2000)
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(docs[1999].id, "https://x.test/1999");
}
