//! Runs the real pipeline (language core, attributions, figures, framing)
//! on a made-up text, for the rule tests.

use corroborate_model::{Document, Meta};

pub fn analyse(text: &str) -> Document {
    let mut doc = Document::new("t", text, Meta::default());
    corroborate_lang::Pipeline::shared().expect("language models").analyse(&mut doc);
    corroborate_attribution::annotate(&mut doc);
    corroborate_figures::relations::annotate(&mut doc);
    doc
}

/// The framing findings of `text`, and the document for slicing spans.
pub fn run(text: &str) -> (Document, crate::Framing) {
    let doc = analyse(text);
    let found = crate::extract(&doc, crate::builtin());
    (doc, found)
}

/// The findings from the language core alone (no attribution or figure
/// relations): for rules that read only the parse.
pub fn run_parse_only(text: &str) -> (Document, crate::Framing) {
    let mut doc = Document::new("t", text, Meta::default());
    corroborate_lang::Pipeline::shared().expect("language models").analyse(&mut doc);
    let found = crate::extract(&doc, crate::builtin());
    (doc, found)
}
