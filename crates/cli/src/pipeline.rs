//! Per-document analysis, run in parallel over a batch (rayon). A document's
//! analysis depends on nothing else, so batches parallelise trivially.

use corroborate_lang::Pipeline;
use corroborate_model::{Document, Severity};
use rayon::prelude::*;
use std::sync::Once;

/// The language pipeline, loaded once from the models embedded in the binary
/// ([`Pipeline::shared`]); a load failure is reported once.
fn pipeline() -> Option<&'static Pipeline> {
    static WARNED: Once = Once::new();
    match Pipeline::shared() {
        Ok(p) => Some(p),
        Err(e) => {
            WARNED.call_once(|| {
                eprintln!("warning: language models failed to load ({e}); documents are stored unanalysed")
            });
            None
        }
    }
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
    // A bug in an analyser (a panic, or spans that break the invariants) must not
    // lose the document or stop the run: keep the text, drop the analysis, say why.
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        p.analyse(doc);
        corroborate_figures::place_names::correct_entity_types(doc);
        corroborate_attribution::annotate(doc);
        corroborate_figures::relations::annotate(doc);
        corroborate_framing::annotate(doc);
    }));
    let problem = match outcome {
        Err(_) => Some("an analyser panicked on this document".to_string()),
        Ok(()) => doc.validate().err(),
    };
    if let Some(e) = problem {
        doc.tokens = Default::default();
        doc.sentences.clear();
        doc.layers.clear();
        doc.relations.clear();
        doc.diagnose(Severity::Error, "pipeline", format!("analysis dropped: {e}"));
        eprintln!("warning: {} ({}): analysis dropped: {e}", doc.id, doc.meta.origin);
    }
}
