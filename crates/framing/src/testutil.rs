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

/// A document with a hand-written parse, one `(word, lemma, POS, head, label)`
/// per token (head `-1` = root), words joined by single spaces: tests a rule
/// on the tree it is written for, whatever the parser does today.
pub fn parsed(rows: &[(&str, &str, &str, i64, &str)]) -> Document {
    use corroborate_model::{Sentence, Span};
    let text = rows.iter().map(|r| r.0).collect::<Vec<_>>().join(" ");
    let mut doc = Document::new("p", text, Meta::default());
    let mut at = 0;
    for &(w, lemma, pos, head, label) in rows {
        doc.tokens.spans.push(Span::new(at, at + w.len()));
        at += w.len() + 1;
        doc.tokens.lemmas.push(lemma.into());
        doc.tokens.pos.push(corroborate_lang::pos_id(pos).expect("known POS tag"));
        doc.tokens.heads.push(if head < 0 { u32::MAX } else { head as u32 });
        doc.tokens.deprels.push(corroborate_lang::parser::label_id(label));
        doc.tokens.ner.push(0);
    }
    let n = rows.len();
    doc.sentences.push(Sentence { tokens: (0, n as u32), span: Span::new(0, doc.text.len()) });
    doc
}
