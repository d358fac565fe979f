//! Property tests: arbitrary bytes, and mangled versions of valid inputs, never make a reader
//! panic; every item is a document or an error naming the input.

mod common;
use common::*;
use corroborate_ingest::{
    read_csv, read_feed, read_html_with, read_json_value, read_jsonl, read_text, read_warc, sniff,
    ReadOptions,
};
use proptest::prelude::*;

fn run_all(bytes: &[u8]) {
    let opts = ReadOptions {
        max_doc_bytes: 1 << 16,
        ..Default::default()
    };
    let _ = sniff(bytes);
    let _ = read_text(bytes.to_vec(), "t", Some("t"), opts.max_doc_bytes);
    let _ = read_feed(bytes, "f", opts.max_doc_bytes);
    for r in read_csv(bytes, "c", &opts, b',') {
        if let Err(e) = r {
            assert!(e.origin.starts_with('c'));
        }
    }
    for r in read_jsonl(bytes, "j", &opts) {
        if let Err(e) = r {
            assert!(e.origin.starts_with('j'));
        }
    }
    let _ = read_json_value(bytes.to_vec(), "jv", &opts);
    let mut n = 0;
    for r in read_warc(bytes, "w", opts.max_doc_bytes) {
        n += 1;
        if let Err(e) = r {
            assert!(e.origin.starts_with("w#record"), "{e}");
        }
    }
    assert!(n <= bytes.len() + 1);
    // No limit at all must not overflow or trust Content-Length for allocations.
    for _ in read_warc(bytes, "w", usize::MAX) {}
    for _ in read_jsonl(
        bytes,
        "j",
        &ReadOptions {
            max_doc_bytes: usize::MAX,
            ..Default::default()
        },
    ) {}
    let gz = flate2::read::MultiGzDecoder::new(bytes);
    for _ in read_warc(std::io::BufReader::new(gz), "wgz", opts.max_doc_bytes) {}
}

/// Valid inputs of every kind, to be mangled.
fn samples() -> Vec<Vec<u8>> {
    let mut v: Vec<Vec<u8>> = [
        "csv/articles.csv",
        "jsonl/articles.jsonl",
        "feed/syria-news.rss",
        "feed/aleppo.atom",
        "html/treve-latin1.html",
    ]
    .iter()
    .map(|p| std::fs::read(fixture(p)).unwrap())
    .collect();
    v.push(sample_warc_records().concat());
    v.push(gzip_members(&sample_warc_records()));
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        run_all(&bytes);
        let _ = read_html_with(&bytes, "h", None, None, 1 << 16);
    }

    #[test]
    fn mangled_valid_inputs(which in 0usize..7, cut in any::<prop::sample::Index>(),
                            flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8)) {
        let mut bytes = samples().swap_remove(which);
        for (at, b) in flips {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        bytes.truncate(cut.index(bytes.len() + 1));
        run_all(&bytes);
    }

    #[test]
    fn html_like_text(s in "(<[a-z]{1,6}( [a-z]+=\"[^\"]{0,10}\")?>|</[a-z]{1,6}>|[^<]{0,30}){0,60}") {
        let _ = read_html_with(s.as_bytes(), "h", Some("https://x.test/"), None, 1 << 16);
    }
}
