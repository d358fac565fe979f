//! Hedges and what they qualify: the figures and attributions of their own
//! sentence, or of the sentence before when the hedge's sentence points back
//! ("The figures could not be independently verified.").

use crate::lexicon::Lexicon;
use crate::speakers::Statement;
use crate::view::View;
use corroborate_model::{Relation, RelationArg, Span};

pub const RELATION: &str = "hedge";

/// Subject nouns that point back to what was just reported.
const ANAPHORIC_NOUNS: &[&str] = &[
    "figure", "number", "toll", "tally", "count", "claim", "report", "account", "allegation", "statement", "casualty",
    "information", "death", "estimate", "video", "footage", "image", "photo", "detail",
];
const DEMONSTRATIVES: &[&str] = &["this", "that", "these", "those"];

#[derive(Clone, Debug, PartialEq)]
pub struct Hedge {
    pub span: Span,
    pub kind: &'static str,
    /// Indices into the document's figure relations (contract order).
    pub figures: Vec<usize>,
    /// Indices into the document's attribution relations.
    pub attributions: Vec<usize>,
}

/// Figure number spans in the contract's order (figure relations with a number).
pub fn figure_spans(view: &View<'_>) -> Vec<Span> {
    view.doc.relations.iter().filter(|r| r.name == "figure").filter_map(|r| r.arg("number").first().copied()).collect()
}

pub fn find(view: &View<'_>, lex: &Lexicon, statements: &[Statement], figures: &[Span]) -> Vec<Hedge> {
    let mut out = Vec::new();
    for k in 0..view.doc.sentences.len() {
        let toks = view.sentence_tokens(k);
        let hits = lex.find_hedges(&view.words, toks.start, toks.end);
        if hits.is_empty() {
            continue;
        }
        let here = qualified(view, k, statements, figures);
        let back = if points_back(view, k) || here.0.is_empty() && here.1.is_empty() {
            previous_with_content(view, k, statements, figures)
        } else {
            (Vec::new(), Vec::new())
        };
        for h in hits {
            let (Some(entry), Some(span)) = (lex.hedges().get(h.entry), view.range_span(h.start, h.end)) else { continue };
            // "one can't deny", "did not dispute": a negated verb hedges nothing.
            if h.end - h.start == 1 && view.is_verb(h.start) && view.negated(h.start) {
                continue;
            }
            // "claiming the lives of two", "claimed responsibility": no distance taken.
            if (h.start..h.end).any(|t| crate::speakers::has_non_speech_object(view, t)) {
                continue;
            }
            let mut figs: Vec<usize> = back.0.iter().chain(&here.0).copied().collect();
            let mut atts: Vec<usize> = back.1.iter().chain(&here.1).copied().collect();
            figs.sort_unstable();
            figs.dedup();
            atts.sort_unstable();
            atts.dedup();
            out.push(Hedge { span, kind: entry.kind.as_str(), figures: figs, attributions: atts });
        }
    }
    out
}

/// Figures and attributions in sentence `k`: figures whose number lies in
/// it, attributions whose cue or content overlaps it.
fn qualified(view: &View<'_>, k: usize, statements: &[Statement], figures: &[Span]) -> (Vec<usize>, Vec<usize>) {
    let Some(sent) = view.doc.sentences.get(k).map(|s| s.span) else { return (Vec::new(), Vec::new()) };
    let figs = figures.iter().enumerate().filter(|(_, f)| sent.overlaps(**f)).map(|(i, _)| i).collect();
    let atts = statements
        .iter()
        .filter(|s| s.cue.iter().chain(&s.content).any(|x| sent.overlaps(*x)))
        .map(|s| s.index)
        .collect();
    (figs, atts)
}

/// Whether sentence `k`'s subject refers back ("the figures", "these
/// claims", "this").
fn points_back(view: &View<'_>, k: usize) -> bool {
    view.sentence_tokens(k).any(|t| {
        if !matches!(view.deprel(t), "nsubj" | "nsubjpass") {
            return false;
        }
        let lemma = view.lemma(t);
        if view.pos(t) == "DT" && DEMONSTRATIVES.contains(&lemma) {
            return true;
        }
        ANAPHORIC_NOUNS.contains(&lemma)
            && view.children(t).iter().any(|&c| matches!(view.lemma(c), "the" | "this" | "these" | "those" | "such"))
    })
}

/// The figures and attributions of the nearest of the two sentences before
/// `k` that has any, without crossing a paragraph break.
fn previous_with_content(view: &View<'_>, k: usize, statements: &[Statement], figures: &[Span]) -> (Vec<usize>, Vec<usize>) {
    let text = view.doc.text.as_str();
    let mut next_start = view.doc.sentences.get(k).map(|s| s.span.start as usize).unwrap_or(0);
    for j in (k.saturating_sub(2)..k).rev() {
        let Some(s) = view.doc.sentences.get(j) else { break };
        let gap = text.get(s.span.end as usize..next_start).unwrap_or("");
        if gap.contains("\n\n") {
            break;
        }
        let found = qualified(view, j, statements, figures);
        if !found.0.is_empty() || !found.1.is_empty() {
            return found;
        }
        next_start = s.span.start as usize;
    }
    (Vec::new(), Vec::new())
}

fn join(v: &[usize]) -> String {
    v.iter().map(usize::to_string).collect::<Vec<_>>().join(",")
}

pub fn relation(h: &Hedge) -> Relation {
    let mut attrs = Vec::new();
    if !h.figures.is_empty() {
        attrs.push(("figures".to_string(), join(&h.figures)));
    }
    if !h.attributions.is_empty() {
        attrs.push(("attributions".to_string(), join(&h.attributions)));
    }
    Relation {
        name: RELATION.into(),
        label: h.kind.into(),
        args: vec![RelationArg { role: "cue".into(), spans: vec![h.span] }],
        attrs,
    }
}

#[cfg(test)]
mod tests {
    use crate::testutil::run;

    #[test]
    fn back_reference_to_the_previous_sentence() {
        let (doc, f) = run("The health ministry said 40 people were killed in the strikes. The figures could not be independently verified.");
        let h = f.hedges.iter().find(|h| h.kind == "unverified").expect("unverified hedge");
        assert_eq!(doc.slice(h.span), "could not be independently verified");
        assert!(!h.figures.is_empty(), "the hedge should qualify the previous sentence's figure");
    }

    #[test]
    fn same_sentence_reported() {
        let (doc, f) = run("Rebels reportedly shelled the town, killing 12 people.");
        let h = f.hedges.iter().find(|h| h.kind == "reported").expect("reported hedge");
        assert_eq!(doc.slice(h.span), "reportedly");
        assert_eq!(h.figures.len(), 1);
    }

    #[test]
    fn uncertain_and_negated_denial() {
        let (doc, f) = run("It was not clear who fired first. Nobody can deny the suffering.");
        assert!(f.hedges.iter().any(|h| h.kind == "uncertain" && doc.slice(h.span).starts_with("It was not clear")));
        assert!(!f.hedges.iter().any(|h| h.kind == "disputed"), "{:?}", f.hedges);
    }

    #[test]
    fn denial_is_disputed() {
        let (_, f) = run("The ministry denied the reports.");
        assert!(f.hedges.iter().any(|h| h.kind == "disputed"));
    }
}
