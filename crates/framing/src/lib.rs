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

#[cfg(test)]
mod tests {
    use crate::testutil::analyse;

    #[test]
    fn user_lexicon_adds_terms_and_hedges() {
        let path = std::env::temp_dir().join(format!("framing-user-{}.tsv", std::process::id()));
        std::fs::write(&path, "# my corpus\nrafidi\trafidis\tiran\tloaded\nsources close to\treported\n").unwrap();
        let lex = crate::load_lexicon(&path).unwrap();
        let _ = std::fs::remove_file(&path);
        let mut doc = analyse("Sources close to the army said rafidi fighters entered the town.");
        crate::annotate_with(&mut doc, &lex);
        let rel = |name: &str| doc.relations.iter().filter(|r| r.name == name).collect::<Vec<_>>();
        assert!(rel("framing").iter().any(|r| r.label == "iran" && r.attr("term") == Some("rafidis")));
        assert!(rel("hedge").iter().any(|r| r.label == "reported"));
        // Annotating again replaces, never duplicates.
        let n = doc.relations.len();
        crate::annotate_with(&mut doc, &lex);
        assert_eq!(doc.relations.len(), n);
    }

    #[test]
    fn bad_user_file_names_file_and_line() {
        let path = std::env::temp_dir().join(format!("framing-bad-{}.tsv", std::process::id()));
        std::fs::write(&path, "ok\tok\t-\tloaded\n\nregime\tregime\tgovernment\tharsh\n").unwrap();
        let err = crate::load_lexicon(&path).unwrap_err().to_string();
        let _ = std::fs::remove_file(&path);
        assert!(err.starts_with(&format!("{}:3:", path.display())), "{err}");
        assert!(err.contains("harsh"), "{err}");
    }
}
