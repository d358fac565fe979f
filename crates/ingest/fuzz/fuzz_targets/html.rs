#![no_main]
use corroborate_ingest::read_html_with;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = read_html_with(
        data,
        "fuzz.html",
        Some("https://fuzz.test/a"),
        None,
        1 << 16,
    );
});
