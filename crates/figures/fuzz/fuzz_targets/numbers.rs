//! The number parser must never panic, and every quantity must be well-formed.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &str| {
    let toks: Vec<&str> = data.split_whitespace().collect();
    for q in corroborate_figures::numbers::scan(&toks) {
        assert!(q.start <= q.num_start && q.num_start < q.end && q.end <= toks.len());
        if let (Some(a), Some(b)) = (q.min, q.max) {
            assert!(a <= b);
        }
    }
});
