//! Time resolution and publication-date parsing must never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &str| {
    let _ = corroborate_figures::time::parse_published(data);
    let _ = corroborate_figures::time::resolve(data, corroborate_figures::time::parse_published("2016-12-15"));
    let _ = corroborate_figures::time::resolve(data, None);
});
