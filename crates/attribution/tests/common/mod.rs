//! What the end-to-end attribution tests share.

use corroborate_model::Document;

/// `text` through our tokenizer, tagger, parser, then `annotate`.
pub fn annotated(text: &str) -> Document {
    let pipe = corroborate_lang::Pipeline::shared().expect("language models load");
    let mut doc = Document::new("t", text, Default::default());
    pipe.analyse(&mut doc);
    corroborate_attribution::annotate(&mut doc);
    doc
}
