//! Invariants that must hold for any input, and robustness on odd text.

use corroborate_model::{Document, Meta};
use corroborate_tokenize::{annotate, ptb_form, split_sentences, tokenize};
use proptest::prelude::*;

/// Checks every invariant the crate promises; panics with the first broken one.
fn check_invariants(text: &str) {
    let toks = tokenize(text);
    let mut covered = vec![false; text.len()];
    let mut prev_end = 0usize;
    for (i, t) in toks.iter().enumerate() {
        let s = t.slice(text).unwrap_or_else(|| panic!("token {i} {t:?} does not slice {text:?}"));
        assert!(!s.is_empty(), "token {i} is empty");
        assert!(t.start as usize >= prev_end, "token {i} overlaps or is out of order");
        assert!(!s.chars().all(char::is_whitespace), "token {i} {s:?} is whitespace");
        covered[t.range()].iter_mut().for_each(|c| *c = true);
        prev_end = t.end as usize;
        assert!(!ptb_form(text, *t).is_empty(), "empty PTB form for token {i}");
    }
    for (b, c) in text.char_indices() {
        if !c.is_whitespace() {
            assert!(covered[b], "char {c:?} at byte {b} of {text:?} is in no token");
        }
    }
    let sents = split_sentences(text, &toks);
    let mut next = 0u32;
    for (i, s) in sents.iter().enumerate() {
        let (a, b) = s.tokens;
        assert_eq!(a, next, "sentence {i} does not start where the last ended");
        assert!(a < b, "sentence {i} is empty");
        assert!(s.span.slice(text).is_some(), "sentence {i} span does not slice");
        assert_eq!(s.span.start, toks[a as usize].start);
        assert_eq!(s.span.end, toks[b as usize - 1].end);
        next = b;
    }
    assert_eq!(next as usize, toks.len(), "sentences do not cover all tokens");
    let mut doc = Document::new("p", text, Meta::default());
    annotate(&mut doc);
    assert_eq!(doc.validate(), Ok(()));
}

/// Text made of the pieces news English is made of, so the interesting
/// branches (abbreviations, clitics, quotes, URLs) get exercised.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Mr."), Just("U.S."), Just("Calif."), Just("p.m."), Just("The"), Just("said"),
        Just("don't"), Just("Russia’s"), Just("O'Malley"), Just("“"), Just("”"), Just("\""),
        Just("'"), Just("’"), Just("''"), Just("."), Just(","), Just("?"), Just("!"), Just("..."),
        Just(". . ."), Just("…"), Just("—"), Just("--"), Just("-"), Just("("), Just(")"),
        Just("9,500"), Just("11-hour"), Just("http://x.org/a(b)."), Just("@un"), Just("#tag"),
        Just("<b>"), Just("<"), Just(" "), Just("\n"), Just("\n\n"), Just("\r\n"), Just("\u{a0}"),
        Just("قال"), Just("👨‍👩‍👧"), Just("\u{301}"), Just("\u{200D}"), Just("\u{0}"), Just("a@b.c"),
        Just("'90s"), Just("No."), Just("R-Ky."), Just("*"), Just("+3"), Just(".5"),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn invariants_hold_for_any_string(text in any::<String>()) {
        check_invariants(&text);
    }

    #[test]
    fn invariants_hold_for_newsy_strings(text in newsy()) {
        check_invariants(&text);
    }

    #[test]
    fn split_sentences_survives_arbitrary_spans(text in newsy(), raw in prop::collection::vec((0u32..400, 0u32..400), 0..50)) {
        // Callers may pass spans that do not fit the text; no panic, and the
        // sentences still partition the token indices.
        let spans: Vec<corroborate_model::Span> = raw.into_iter().map(|(a, b)| corroborate_model::Span { start: a, end: b }).collect();
        let sents = split_sentences(&text, &spans);
        let covered: u32 = sents.iter().map(|s| s.tokens.1 - s.tokens.0).sum();
        prop_assert_eq!(covered as usize, spans.len());
    }

    #[test]
    fn tokens_do_not_depend_on_what_follows_a_paragraph(a in newsy(), b in newsy()) {
        // Bounded lookahead: text after a blank line can change at most the
        // last word before it and its period ("U.S." vs "U.S" ".").
        let joined = format!("{a}\n\n{b}");
        let ta = tokenize(&a);
        let tj = tokenize(&joined);
        let keep = ta.len().saturating_sub(2);
        prop_assert_eq!(&ta[..keep], &tj[..keep]);
    }
}

#[test]
fn right_to_left_scripts() {
    let t = "قال المتحدث باسم الأمم المتحدة، إن 12 مدنيا قتلوا. \u{200F}(حلب)";
    check_invariants(t);
    let words: Vec<&str> = tokenize(t).iter().map(|s| &t[s.range()]).collect();
    assert!(words.contains(&"المتحدث"));
    assert!(words.contains(&"12"));
}

#[test]
fn emoji_sequences_stay_whole() {
    let t = "Aleppo 🏳️‍🌈 👩🏽‍⚕️ 🇸🇾!";
    check_invariants(t);
    let words: Vec<&str> = tokenize(t).iter().map(|s| &t[s.range()]).collect();
    assert!(words.contains(&"🏳️‍🌈"), "{words:?}");
    assert!(words.contains(&"👩🏽‍⚕️"), "{words:?}");
    assert!(words.contains(&"🇸🇾"), "{words:?}");
}

#[test]
fn control_characters() {
    let t: String = (0u8..0x20).map(char::from).chain("a\u{7f}b\u{85}c\u{2028}d\u{2029}e".chars()).collect();
    check_invariants(&t);
}

#[test]
fn long_runs_without_spaces_or_punctuation() {
    let letters = "a".repeat(100_000);
    check_invariants(&letters);
    assert_eq!(tokenize(&letters).len(), 1);
    for unit in [".", "-", "'", "’", "<a", "http://", "U.S.", "9,", "“", "\u{301}", "\u{200D}", "*", "?"] {
        check_invariants(&unit.repeat(100_000 / unit.len()));
    }
}

/// Not a unit test: documents that time grows linearly. The algorithms are
/// single-pass with bounded lookahead (see the module docs), which is what
/// guarantees it; wall-clock ratios on a shared machine are too noisy to assert.
#[test]
#[ignore]
fn timing_is_linear() {
    use std::time::Instant;
    let base = "Mr. Smith said the U.S. “won’t” pay $9,500 — http://x.org/a. ".repeat(2_000);
    let best = |t: &str| {
        (0..3)
            .map(|_| {
                let t0 = Instant::now();
                std::hint::black_box(tokenize(t));
                t0.elapsed().as_secs_f64()
            })
            .fold(f64::MAX, f64::min)
    };
    for unit in [base.as_str(), "a", "<a", "http://", "...", "U.S.", "’"] {
        let small = unit.repeat(200_000 / unit.len().max(1));
        let big = small.repeat(10);
        let (d1, d2) = (best(&small), best(&big));
        let label: String = unit.chars().take(12).collect();
        println!("{label:?}: {} bytes {:.2} ms, 10x {:.2} ms ({:.1}x)", small.len(), d1 * 1e3, d2 * 1e3, d2 / d1.max(1e-9));
    }
}
