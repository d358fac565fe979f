#![no_main]
use corroborate_ingest::read_feed;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = read_feed(data, "fuzz.rss", 1 << 16);
});
