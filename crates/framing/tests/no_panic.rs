//! Framing never panics and leaves only valid spans, whatever the text.

use corroborate_model::{Document, Meta};
use proptest::prelude::*;

fn run(text: &str) {
    let mut doc = Document::new("p", text, Meta::default());
    corroborate_lang::Pipeline::shared().expect("language models").analyse(&mut doc);
    // Framing alone (its own inputs may be missing) and after the full pipeline.
    corroborate_framing::annotate(&mut doc);
    assert_eq!(doc.validate(), Ok(()));
    // Then after the other stages. This test is about framing: a panic in an
    // earlier stage is that stage's bug (the CLI drops such a document), so
    // it is caught here and framing runs on what the document holds.
    let mut full = doc.clone();
    let earlier = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        corroborate_attribution::annotate(&mut full);
        corroborate_figures::relations::annotate(&mut full);
    }));
    if earlier.is_err() {
        eprintln!("an earlier stage panicked on {text:?}");
        full = doc;
    }
    corroborate_framing::annotate(&mut full);
    assert_eq!(full.validate(), Ok(()));
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

/// Documents whose layers are inconsistent (as a damaged or hand-made stored
/// document could be): heads anywhere, labels out of range, layers of the
/// wrong length, sentences out of order, relation spans reversed.
fn arbitrary_doc() -> impl Strategy<Value = Document> {
    let text = "The regime said rebels accused each other of shelling. “Terrorists,” the statement read. It is unclear whether 40 died.";
    let n = 30usize;
    (
        proptest::collection::vec((0u32..200, 0u32..200), 0..n),
        proptest::collection::vec(any::<u32>(), 0..n),
        proptest::collection::vec(any::<u8>(), 0..n),
        proptest::collection::vec(any::<u8>(), 0..n),
        proptest::collection::vec((0u32..40, 0u32..40, 0u32..200, 0u32..200), 0..6),
        proptest::collection::vec((0u32..200, 0u32..200, 0u8..4), 0..8),
        any::<bool>(),
    )
        .prop_map(move |(spans, heads, pos, deprels, sentences, rels, real_tokens)| {
            let mut doc = Document::new("a", text, Meta::default());
            doc.tokens.spans = if real_tokens {
                // Valid tokens, so the lexicon matches and the rules run on a random parse.
                let mut at = 0;
                text.split(' ')
                    .map(|w| {
                        let s = corroborate_model::Span { start: at as u32, end: (at + w.len()) as u32 };
                        at += w.len() + 1;
                        s
                    })
                    .collect()
            } else {
                spans.into_iter().map(|(a, b)| corroborate_model::Span { start: a, end: b }).collect()
            };
            doc.tokens.lemmas = doc.tokens.spans.iter().map(|s| doc.slice(*s).to_lowercase().into_boxed_str()).collect();
            doc.tokens.heads = heads;
            doc.tokens.pos = pos;
            doc.tokens.deprels = deprels;
            doc.sentences = sentences
                .into_iter()
                .map(|(a, b, s, e)| corroborate_model::Sentence { tokens: (a, b), span: corroborate_model::Span { start: s, end: e } })
                .collect();
            let names = ["attribution", "figure", "framing", "hedge"];
            doc.relations = rels
                .into_iter()
                .map(|(s, e, k)| corroborate_model::Relation {
                    name: names[k as usize % names.len()].into(),
                    label: String::new(),
                    args: ["source", "cue", "content", "number"]
                        .iter()
                        .map(|role| corroborate_model::RelationArg {
                            role: role.to_string(),
                            spans: vec![corroborate_model::Span { start: s, end: e }],
                        })
                        .collect(),
                    attrs: vec![("speaker".into(), "X".into())],
                })
                .collect();
            doc
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn inconsistent_layers(doc in arbitrary_doc()) {
        let found = corroborate_framing::extract(&doc, corroborate_framing::builtin());
        // Whatever is found points into the text.
        for t in &found.terms {
            prop_assert!(t.span.slice(&doc.text).is_some());
        }
        for a in &found.accusations {
            prop_assert!(a.accused.slice(&doc.text).is_some() && a.cue.slice(&doc.text).is_some());
        }
    }
}
