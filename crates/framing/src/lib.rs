//! Framing: loaded terms, hedges and accusations in one document.
//!
//! Runs after the language core, attributions and figures (it reads their
//! relations to know who used a term and what a hedge qualifies) and records
//! its findings as relations `framing`, `hedge` and `accusation` — see
//! `docs/output-contract.md` for their roles and attrs and `docs/framing.md`
//! for the lexicon and the rules.

mod accusations;
mod error;
mod hedges;
pub mod lexicon;
mod pattern;
mod speakers;
mod terms;
mod view;

#[cfg(test)]
mod testutil;

pub use accusations::Accusation;
pub use error::FramingError;
pub use hedges::Hedge;
pub use lexicon::{builtin, load_lexicon, HedgeKind, Lexicon, Tone, SIDES};
pub use terms::Term;

use corroborate_model::Document;

/// What framing finds in one document, before it becomes relations.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Framing {
    pub terms: Vec<Term>,
    pub hedges: Vec<Hedge>,
    pub accusations: Vec<Accusation>,
}

/// Finds terms, hedges and accusations with the lexicon `lex`. The document
/// should carry the language core's layers and the attribution and figure
/// relations; without them the results are thinner, never an error.
pub fn extract(doc: &Document, lex: &Lexicon) -> Framing {
    let view = view::View::new(doc);
    let statements = speakers::Statement::all(&view);
    let figures = hedges::figure_spans(&view);
    Framing {
        terms: terms::find(&view, lex, &statements),
        hedges: hedges::find(&view, lex, &statements, &figures),
        accusations: accusations::find(&view, &statements),
    }
}

/// Adds this document's framing, hedge and accusation relations (replacing
/// earlier ones), using the shipped lexicon.
pub fn annotate(doc: &mut Document) {
    annotate_with(doc, lexicon::builtin());
}

/// [`annotate`] with a lexicon of one's own (see [`load_lexicon`]).
pub fn annotate_with(doc: &mut Document, lex: &Lexicon) {
    let found = extract(doc, lex);
    doc.relations.retain(|r| !matches!(r.name.as_str(), terms::RELATION | hedges::RELATION | accusations::RELATION));
    doc.relations.extend(found.terms.iter().map(terms::relation));
    doc.relations.extend(found.hedges.iter().map(hedges::relation));
    doc.relations.extend(found.accusations.iter().map(accusations::relation));
}
