//! Per-document analysis, run in parallel over a batch (rayon). A document's
//! analysis depends on nothing else, so batches parallelise trivially.

use corroborate_lang::Pipeline;
use corroborate_model::{Document, Severity};
use rayon::prelude::*;
use std::sync::OnceLock;

static PIPELINE: OnceLock<Option<Pipeline>> = OnceLock::new();

/// The language pipeline, loaded once from the models embedded in the binary.
fn pipeline() -> Option<&'static Pipeline> {
    PIPELINE
        .get_or_init(|| match Pipeline::load() {
            Ok(p) => Some(p),
            Err(e) => {
                eprintln!("warning: language models failed to load ({e}); documents are stored unanalysed");
                None
            }
        })
        .as_ref()
}

/// Loads the models now, so timing what follows excludes loading them.
pub fn warm_up() {
    let _ = pipeline();
}

pub fn analyse_all(docs: &mut [Document]) {
    let Some(p) = pipeline() else { return };
    docs.par_iter_mut().for_each(|d| analyse(p, d));
}

fn analyse(p: &Pipeline, doc: &mut Document) {
    p.analyse(doc);
    corroborate_attribution::annotate(doc);
    corroborate_figures::relations::annotate(doc);
    if let Err(e) = doc.validate() {
        // A bug in an analyser must not lose the document: drop the layers, keep the text.
        doc.tokens = Default::default();
        doc.sentences.clear();
        doc.layers.clear();
        doc.relations.clear();
        doc.diagnose(Severity::Error, "pipeline", format!("analysis dropped: {e}"));
    }
}
