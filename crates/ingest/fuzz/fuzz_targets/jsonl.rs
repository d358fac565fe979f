#![no_main]
use corroborate_ingest::{read_json_value, read_jsonl, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions {
        max_doc_bytes: 1 << 16,
        ..Default::default()
    };
    for _ in read_jsonl(data, "fuzz.jsonl", &opts) {}
    let _ = read_json_value(data.to_vec(), "fuzz.json", &opts);
});
