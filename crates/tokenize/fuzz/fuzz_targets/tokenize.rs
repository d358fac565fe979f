//! cargo fuzz run tokenize   (from crates/tokenize; on stable: cargo fuzz build -s none)
#![no_main]

use corroborate_model::{Document, Meta};
use corroborate_tokenize::{annotate, ptb_form, split_sentences, tokenize};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let toks = tokenize(text);
    let mut covered = vec![false; text.len()];
    let mut prev = 0usize;
    for t in &toks {
        let s = t.slice(text).expect("token slices the text");
        assert!(!s.is_empty() && t.start as usize >= prev, "empty or out-of-order token {t:?}");
        assert!(!s.chars().all(char::is_whitespace), "whitespace token {t:?}");
        covered[t.range()].iter_mut().for_each(|c| *c = true);
        prev = t.end as usize;
        assert!(!ptb_form(text, *t).is_empty(), "empty PTB form for {t:?}");
    }
    for (b, c) in text.char_indices() {
        assert!(c.is_whitespace() || covered[b], "char {c:?} at {b} not covered");
    }
    let sents = split_sentences(text, &toks);
    let mut next = 0u32;
    for s in &sents {
        assert!(s.tokens.0 == next && s.tokens.0 < s.tokens.1, "bad sentence {s:?}");
        assert!(s.span.slice(text).is_some());
        next = s.tokens.1;
    }
    assert_eq!(next as usize, toks.len());
    let mut doc = Document::new("fuzz", text, Meta::default());
    annotate(&mut doc);
    assert_eq!(doc.validate(), Ok(()));
});
