//! Framing terms: lexicon matches with the side they name and who used them.

use crate::lexicon::{Hit, Lexicon};
use crate::speakers::{self, Statement, NAMING_VERBS};
use crate::view::View;
use corroborate_model::{Relation, RelationArg, Span};

pub const RELATION: &str = "framing";

/// One framing term found in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Term {
    pub span: Span,
    pub term: String,
    pub side: Option<String>,
    pub tone: &'static str,
    pub used_by: Option<String>,
    pub attribution: Option<usize>,
    /// The words the term was applied to, when the text names them
    /// ("described *the fighters* as terrorists", "*ISIS* militants").
    pub refers_to_text: Option<String>,
}

pub fn find(view: &View<'_>, lex: &Lexicon, statements: &[Statement]) -> Vec<Term> {
    let mut hits: Vec<Hit> = Vec::new();
    for k in 0..view.doc.sentences.len() {
        let r = view.sentence_tokens(k);
        hits.extend(lex.find_terms(&view.words, r.start, r.end));
    }
    let side_at = |tok: usize| {
        hits.iter()
            .find(|h| (h.start..h.end).contains(&tok))
            .and_then(|h| lex.terms().get(h.entry))
            .and_then(|e| e.side.clone())
    };
    let mut out = Vec::new();
    for h in &hits {
        let (Some(entry), Some(span)) = (lex.terms().get(h.entry), view.range_span(h.start, h.end)) else { continue };
        // The head of the match in the parse: the token whose head lies outside it.
        let head = (h.start..h.end).find(|&t| view.head(t).is_none_or(|p| p < h.start || p >= h.end)).unwrap_or(h.start);
        let statement = speakers::statement_containing(statements, span);
        let verb = speakers::verb_speaker(view, head);
        let used_by = match (&verb, statement) {
            // The attribution's own cue verb: its resolved speaker is better.
            (Some(v), Some(s))
                if v.verb.and_then(|t| view.span(t)).is_some_and(|vs| s.cue.iter().any(|c| c.overlaps(vs))) =>
            {
                s.speaker.clone()
            }
            (Some(v), Some(s)) if speakers::is_pronoun(&v.name) => s.speaker.clone().or(Some(v.name.clone())),
            (Some(v), _) => Some(v.name.clone()),
            (None, Some(s)) => s.speaker.clone(),
            (None, None) => speakers::quote_tag_speaker(view, head).or_else(|| speakers::quote_paragraph_speaker(view, head)),
        };
        let mut side = entry.side.clone();
        let mut refers_to_text = None;
        // "X called the fighters terrorists": the named object.
        if let Some(obj) = named_object(view, head, h.start, h.end) {
            refers_to_text = Some(view.text(obj.1).trim().to_string());
            if let Some(s) = side_at(obj.0) {
                side = Some(s);
            }
        } else if entry.tone == crate::lexicon::Tone::Loaded {
            // "ISIS terrorists", "Kurdish militants": a modifier that names a side.
            let m = view.children(head).iter().copied().filter(|c| !(h.start..h.end).contains(c)).find(|&c| {
                matches!(view.deprel(c), "compound" | "amod" | "nmod:poss") && side_at(c).is_some_and(|s| Some(&s) != entry.side.as_ref())
            });
            if let Some(m) = m {
                side = side_at(m);
                refers_to_text = view.span(m).map(|s| view.text(s).to_string());
            }
        }
        out.push(Term {
            span,
            term: entry.term.clone(),
            side,
            tone: entry.tone.as_str(),
            used_by: used_by.filter(|u| !u.is_empty()),
            attribution: statement.map(|s| s.index),
            refers_to_text,
        });
    }
    out
}

/// For a term that is the predicate of a naming verb ("called them
/// terrorists", "described them as terrorists", "lumped together under the
/// label of terrorist"), the verb's direct object: (head token, span).
fn named_object(view: &View<'_>, term: usize, start: usize, end: usize) -> Option<(usize, Span)> {
    let mut at = term;
    for _ in 0..4 {
        // Only up through predicate positions, never out of a clause.
        if !matches!(view.deprel(at), "xcomp" | "dobj" | "nmod" | "dep" | "appos") {
            return None;
        }
        let h = view.head(at)?;
        if view.is_verb(h) && view.is_any(h, NAMING_VERBS) {
            let object = |c: usize| matches!(view.deprel(c), "dobj" | "nsubjpass") && !(start..end).contains(&c);
            // "described [the fighters [as terrorists]]": the term hangs off the object.
            if at != term && object(at) {
                let below = |c: usize| c == term || view.head(c) == Some(at) && view.subtree(c, &|_| false).contains(&term);
                let span = view.subtree_span(at, &|c| below(c) || matches!(view.deprel(c), "acl:relcl" | "punct"))?;
                return Some((at, span));
            }
            let obj = view.children(h).iter().copied().find(|&c| object(c) && c != at)?;
            let span = view.subtree_span(obj, &|c| matches!(view.deprel(c), "acl:relcl" | "punct"))?;
            return Some((obj, span));
        }
        at = h;
    }
    None
}

pub fn relation(t: &Term) -> Relation {
    let mut attrs = vec![("term".to_string(), t.term.clone()), ("tone".to_string(), t.tone.to_string())];
    if let Some(u) = &t.used_by {
        attrs.push(("used_by".into(), u.clone()));
    }
    if let Some(a) = t.attribution {
        attrs.push(("attribution".into(), a.to_string()));
    }
    if let Some(r) = &t.refers_to_text {
        attrs.push(("refers_to_text".into(), r.clone()));
    }
    Relation {
        name: RELATION.into(),
        label: t.side.clone().unwrap_or_default(),
        args: vec![RelationArg { role: "term".into(), spans: vec![t.span] }],
        attrs,
    }
}

#[cfg(test)]
mod tests {
    use crate::testutil::run;

    #[test]
    fn narration_has_no_user_and_longest_match_wins() {
        let (doc, f) = run("The Assad regime bombed the town on Monday.");
        let t = f.terms.iter().find(|t| t.term == "Assad regime").expect("Assad regime");
        assert_eq!(doc.slice(t.span), "Assad regime");
        assert_eq!((t.side.as_deref(), t.tone, t.used_by.as_deref()), (Some("government"), "loaded", None));
        assert!(!f.terms.iter().any(|t| t.term == "regime"), "the shorter pattern must not match inside the longer");
    }

    #[test]
    fn naming_verb_gives_user_and_referent() {
        let (_, f) = run("State television described the fighters as terrorists.");
        let t = f.terms.iter().find(|t| t.term == "terrorist").expect("terrorist");
        assert_eq!(t.used_by.as_deref(), Some("State television"));
        assert_eq!(t.refers_to_text.as_deref(), Some("the fighters"));
        assert_eq!(t.side.as_deref(), Some("opposition"));
    }

    #[test]
    fn reported_speech_gives_user() {
        let (_, f) = run("The defence ministry said insurgents had attacked a checkpoint near the city.");
        let t = f.terms.iter().find(|t| t.term == "insurgents").expect("insurgents");
        // The attribution stage may resolve the speaker ("defence ministry").
        assert!(t.used_by.as_deref().is_some_and(|u| u.contains("defence ministry")), "{:?}", t.used_by);
    }

    #[test]
    fn modifier_names_the_side() {
        let (_, f) = run("ISIS militants stormed the village at dawn.");
        let t = f.terms.iter().find(|t| t.term == "militants").expect("militants");
        assert_eq!(t.side.as_deref(), Some("jihadist"));
        assert_eq!(t.refers_to_text.as_deref(), Some("ISIS"));
    }

    #[test]
    fn quote_tag_gives_user() {
        let (_, f) = run("“The armed gangs are firing on our soldiers,” the army statement read.");
        let t = f.terms.iter().find(|t| t.term == "armed gangs").expect("armed gangs");
        assert!(t.used_by.as_deref().is_some_and(|u| u.contains("army statement")), "{:?}", t.used_by);
    }
}
