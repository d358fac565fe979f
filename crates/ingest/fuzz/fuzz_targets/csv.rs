#![no_main]
use corroborate_ingest::{read_csv, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions {
        max_doc_bytes: 1 << 16,
        ..Default::default()
    };
    let delimiter = if data.first() == Some(&b'\t') {
        b'\t'
    } else {
        b','
    };
    for _ in read_csv(data, "fuzz.csv", &opts, delimiter) {}
});
