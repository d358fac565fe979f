//! Framing: loaded terms, hedges and accusations in one document.
//!
//! Runs after the language core, attributions and figures (it reads their
//! relations to know who used a term and what a hedge qualifies) and records
//! its findings as relations `framing`, `hedge` and `accusation` — see
//! `docs/output-contract.md` for their roles and attrs.

use corroborate_model::Document;

/// Adds this document's framing, hedge and accusation relations.
pub fn annotate(doc: &mut Document) {
    let _ = doc;
}
