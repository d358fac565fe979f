//! Framing never panics and leaves only valid spans, whatever the text.

use corroborate_model::{Document, Meta};
use proptest::prelude::*;

fn run(text: &str) {
    let mut doc = Document::new("p", text, Meta::default());
    corroborate_lang::Pipeline::shared().expect("language models").analyse(&mut doc);
    // Framing alone (its own inputs may be missing) and after the full pipeline.
    corroborate_framing::annotate(&mut doc);
    corroborate_attribution::annotate(&mut doc);
    corroborate_figures::relations::annotate(&mut doc);
    corroborate_framing::annotate(&mut doc);
    assert_eq!(doc.validate(), Ok(()));
}

const WORDS: &[&str] = &[
    "the", "regime", "said", "rebels", "accused", "each", "other", "of", "“", "”", "\"", ",", ".", "could", "not", "be",
    "independently", "verified", "blamed", "held", "responsible", "for", "terrorists", "described", "as", "40", "killed",
    "It", "is", "unclear", "whether", "and", "Russia", "traded", "accusations", "\n\n", "résumé", "🙂", "so-called",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn arbitrary_text(text in "\\PC{0,300}") {
        run(&text);
    }

    #[test]
    fn lexicon_words_in_any_order(words in proptest::collection::vec(proptest::sample::select(WORDS), 0..60)) {
        run(&words.join(" "));
    }
}

#[test]
fn documents_without_analysis() {
    // No tokens, no parse: nothing found, nothing broken.
    let mut doc = Document::new("e", "The regime accused the rebels.", Meta::default());
    corroborate_framing::annotate(&mut doc);
    assert!(doc.relations.is_empty());
}
