//! Accusations stated in one document, read off the dependency parse:
//! "A accused B of X", "A blamed B for X" / "blamed X on B", "B was accused
//! by A", "held B responsible for X", "A and B accused each other" / "traded
//! accusations" (both directions), and a party reported as having done a
//! hostile or ceasefire-breaking act ("A said B had resumed shelling").

use crate::speakers::{self, Statement};
use crate::view::View;
use corroborate_model::{Relation, RelationArg, Span};

pub const RELATION: &str = "accusation";

/// Verbs that accuse their object.
const ACCUSING: &[&str] = &["accuse", "blame", "fault"];
/// Adjectives of "held B responsible".
const RESPONSIBLE: &[&str] = &["responsible", "accountable", "liable", "culpable"];
/// Nouns of "A and B traded accusations".
const MUTUAL_NOUNS: &[&str] = &["accusation", "blame", "recrimination", "charge"];
const MUTUAL_VERBS: &[&str] = &["trade", "exchange", "swap"];
/// Acts that blame whoever is said to have done them, when someone reports them.
const HOSTILE_ACTS: &[&str] = &[
    "violate", "breach", "obstruct", "sabotage", "block", "attack", "shell", "bomb", "bombard", "target", "kill",
    "massacre", "prevent", "torture", "execute", "loot", "besiege", "starve", "abduct", "kidnap", "gas", "fire",
];
/// Heads that name an event or weapon, not a party ("the air strike killed").
const NOT_PARTIES: &[&str] = &[
    "attack", "strike", "airstrike", "raid", "fire", "shelling", "bombing", "bomb", "explosion", "blast", "shell", "rocket",
    "missile", "mortar", "artillery", "barrel", "assault", "offensive", "clash", "fighting", "violence", "operation",
    "video", "footage", "report", "fighting", "war", "conflict", "bombardment", "gas", "weapon", "car", "ied", "mine",
];

/// Acts that blame only with a fitting object ("broke the truce", "resumed shelling").
const OBJECT_ACTS: &[(&str, &[&str])] = &[
    ("break", &["ceasefire", "truce", "agreement", "deal", "promise", "pledge", "cease-fire"]),
    (
        "resume",
        &["fighting", "shelling", "bombing", "attack", "airstrike", "air", "hostility", "bombardment", "offensive", "strike", "raid", "fire"],
    ),
    ("launch", &["attack", "offensive", "strike", "airstrike", "assault", "raid"]),
    ("open", &["fire"]),
    ("commit", &["atrocity", "crime", "massacre", "violation", "abuse"]),
    ("use", &["weapon", "gas", "chlorine", "sarin", "barrel", "bomb"]),
];

#[derive(Clone, Debug, PartialEq)]
pub struct Accusation {
    pub accuser: Option<String>,
    pub accused: Span,
    pub cue: Span,
    pub about: Option<Span>,
    pub attribution: Option<usize>,
}

/// A party named in the text: a display name and the span that names it.
#[derive(Clone, Debug)]
struct Party {
    name: String,
    span: Span,
}

pub fn find(view: &View<'_>, statements: &[Statement]) -> Vec<Accusation> {
    let mut out = Vec::new();
    for v in 0..view.len() {
        // "No group blamed", "did not accuse": nobody is accused.
        if view.is_verb(v) && view.negated(v) {
            continue;
        }
        let lemma = view.lemma(v);
        if view.is_verb(v) && view.is_any(v, ACCUSING) {
            accusing_verb(view, statements, v, &mut out);
        } else if view.is_verb(v) && view.is_any(v, &["hold", "held"]) {
            held_responsible(view, statements, v, &mut out);
        } else if view.pos(v).starts_with("NN") && MUTUAL_NOUNS.contains(&lemma) {
            traded(view, statements, v, &mut out);
        } else if view.is_verb(v) && is_hostile_act(view, v) {
            reported_act(view, statements, v, &mut out);
        }
    }
    out
}

fn is_hostile_act(view: &View<'_>, v: usize) -> bool {
    if view.is_any(v, HOSTILE_ACTS) {
        return true;
    }
    let Some((_, objects)) = OBJECT_ACTS.iter().find(|(l, _)| view.is_any(v, &[l])) else { return false };
    view.children(v).iter().any(|&c| matches!(view.deprel(c), "dobj" | "xcomp" | "nmod") && view.is_any(c, objects))
}

/// The statement carrying token `v`: one whose cue is `v` or whose content holds it.
fn statement_at<'s>(view: &View<'_>, statements: &'s [Statement], v: usize) -> Option<&'s Statement> {
    let span = view.span(v)?;
    statements
        .iter()
        .find(|s| s.cue.iter().any(|c| c.overlaps(span)))
        .or_else(|| speakers::statement_containing(statements, span))
}

/// A party's words: without relative clauses or participle clauses
/// ("the regime, saying ...") and leading prepositions.
fn phrase(view: &View<'_>, n: usize) -> Option<Span> {
    view.phrase_span(n, &|c| matches!(view.deprel(c), "acl:relcl" | "punct") || (view.deprel(c) == "acl" && view.pos(c) == "VBG"))
}

/// The parties a subject names: conjuncts ("Russia and Turkey"), or shared-head
/// modifier conjuncts ("pro-government and rebel forces" gives
/// "pro-government forces" and "rebel forces").
fn parties(view: &View<'_>, n: usize) -> Vec<Party> {
    let np_skip = |c: usize| matches!(view.deprel(c), "conj" | "cc" | "punct" | "acl:relcl");
    let conj: Vec<usize> = view.children(n).iter().copied().filter(|&c| view.deprel(c) == "conj").collect();
    if !conj.is_empty() {
        // "pro-government and rebel forces" parsed as adjective + noun
        // conjuncts: the adjective reads with the last conjunct's head noun.
        let last_head = conj.last().filter(|&&c| view.pos(c).starts_with("NN")).and_then(|&c| view.span(c));
        let mut out: Vec<Party> = Vec::new();
        for t in std::iter::once(n).chain(conj) {
            if let Some(span) = view.subtree_span(t, &np_skip) {
                let text = view.text(span).trim();
                let name = match last_head {
                    Some(h) if view.pos(t).starts_with("JJ") && view.subtree(t, &np_skip).len() == 1 => {
                        format!("{text} {}", view.text(h))
                    }
                    _ => text.to_string(),
                };
                out.push(Party { name, span });
            }
        }
        return out;
    }
    let head_word = view.span(n).map(|s| view.text(s)).unwrap_or("");
    for &m in view.children(n) {
        if !matches!(view.deprel(m), "amod" | "compound") {
            continue;
        }
        let mconj: Vec<usize> = view.children(m).iter().copied().filter(|&c| view.deprel(c) == "conj").collect();
        // Only a coordination of modifiers before the head ("A and B forces").
        if mconj.is_empty() || mconj.iter().any(|&c| c > n) {
            continue;
        }
        let mut out = Vec::new();
        for t in std::iter::once(m).chain(mconj) {
            let Some(span) = view.subtree_span(t, &np_skip) else { continue };
            // A conjunct right before the head reads with it ("rebel forces").
            let span = match view.span(n) {
                Some(h) if view.subtree(t, &np_skip).last().is_some_and(|&l| l + 1 == n) => span.cover(h),
                _ => span,
            };
            let text = view.text(span).trim();
            let name = if text.ends_with(head_word) { text.to_string() } else { format!("{text} {head_word}") };
            out.push(Party { name, span });
        }
        return out;
    }
    // The same coordination with both modifiers hung on the head and the "and"
    // on the first ("pro-government[amod, cc: and] rebel[compound] forces"):
    // split the modifiers at the "and", whatever the parse linked it to.
    let mods: Vec<usize> = view.children(n).iter().copied().filter(|&c| c < n && matches!(view.deprel(c), "amod" | "compound")).collect();
    let and = mods.iter().flat_map(|&m| view.children(m).iter().copied()).chain(view.children(n).iter().copied()).find(|&c| c < n && view.deprel(c) == "cc");
    if let Some(and) = and {
        let left: Vec<usize> = mods.iter().copied().filter(|&m| m < and).collect();
        let right: Vec<usize> = mods.iter().copied().filter(|&m| m > and).collect();
        let group = |g: &[usize]| g.iter().filter_map(|&m| view.subtree_span(m, &np_skip)).reduce(Span::cover);
        if let (Some(l), Some(r), Some(h)) = (group(&left), group(&right), view.span(n)) {
            let r = r.cover(h);
            return vec![
                Party { name: format!("{} {head_word}", view.text(l).trim()), span: l },
                Party { name: view.text(r).trim().to_string(), span: r },
            ];
        }
    }
    phrase(view, n).map(|span| vec![Party { name: speakers::noun_phrase(view, n), span }]).unwrap_or_default()
}

/// The subject of `v` as parties; a participle or conjoined verb without
/// one takes its governing clause's subject ("protesters marched, blaming Moscow").
fn subject_parties(view: &View<'_>, v: usize) -> Vec<Party> {
    let mut at = v;
    for _ in 0..4 {
        if let Some(s) = view.child(at, &["nsubj"]) {
            return parties(view, s);
        }
        match view.deprel(at) {
            "advcl" | "xcomp" | "conj" | "dep" | "parataxis" => at = match view.head(at) {
                Some(h) => h,
                None => break,
            },
            // "protesters blaming Moscow": the noun the participle modifies.
            "acl" => return view.head(at).map(|h| parties(view, h)).unwrap_or_default(),
            _ => break,
        }
    }
    Vec::new()
}

/// The child of `v` introduced by one of `preps` (as `case` of an nmod or
/// `mark` of a clause).
fn prep_child(view: &View<'_>, v: usize, preps: &[&str]) -> Option<usize> {
    view.children(v).iter().copied().find(|&c| {
        matches!(view.deprel(c), "nmod" | "advcl" | "acl" | "xcomp")
            && view.children(c).iter().any(|&k| matches!(view.deprel(k), "case" | "mark") && preps.contains(&view.lemma(k)))
    })
}

/// The part of a clause after its prepositions: "of preventing people" gives
/// "preventing people".
fn about_span(view: &View<'_>, c: usize) -> Option<Span> {
    let toks = view.subtree(c, &|k| matches!(view.deprel(k), "punct" | "acl:relcl"));
    let first = toks.iter().copied().find(|&t| !(view.head(t) == Some(c) && matches!(view.deprel(t), "case" | "mark")))?;
    let last = *toks.last()?;
    view.range_span(first, last + 1)
}

/// The first phrase below `n` introduced by one of `preps`.
fn nested_prep(view: &View<'_>, n: usize, preps: &[&str]) -> Option<usize> {
    let mut queue = std::collections::VecDeque::from([n]);
    let mut seen = 0;
    while let Some(x) = queue.pop_front() {
        seen += 1;
        if seen > 64 {
            break;
        }
        if let Some(c) = prep_child(view, x, preps) {
            return Some(c);
        }
        queue.extend(view.children(x).iter().copied());
    }
    None
}

fn is_mutual(view: &View<'_>, n: usize) -> bool {
    matches!(view.lemma(n), "other" | "another")
        && view.children(n).iter().any(|&c| matches!(view.lemma(c), "each" | "one"))
        || (view.lemma(n) == "other" && view.lower(n.wrapping_sub(1)) == "each")
        || (view.lemma(n) == "another" && view.lower(n.wrapping_sub(1)) == "one")
}

fn push_mutual(parties: &[Party], cue: Span, about: Option<Span>, attribution: Option<usize>, out: &mut Vec<Accusation>) {
    for a in parties {
        for b in parties {
            if a.span != b.span {
                out.push(Accusation { accuser: Some(a.name.clone()), accused: b.span, cue, about, attribution });
            }
        }
    }
}

fn accusing_verb(view: &View<'_>, statements: &[Statement], v: usize, out: &mut Vec<Accusation>) {
    let Some(cue) = view.span(v) else { return };
    let blame = view.is_any(v, &["blame"]);
    let statement = statement_at(view, statements, v);
    let attribution = statement.map(|s| s.index);
    let mut about = prep_child(view, v, if blame { &["for"] } else { &["of", "for"] }).and_then(|c| about_span(view, c));
    // "blamed the attack on the rebels": the object is what, "on" is whom.
    let on = if blame { prep_child(view, v, &["on"]) } else { None };
    let (accused, accusers): (Option<usize>, Vec<Party>) = if let Some(p) = view.child(v, &["nsubjpass"]) {
        let agent = prep_child(view, v, &["by"]);
        (Some(p), agent.map(|a| parties(view, a)).unwrap_or_default())
    } else {
        let obj = view.child(v, &["dobj"]);
        let accused = match (on, obj) {
            (Some(o), Some(x)) => {
                // "the attacks, which the government blamed on X": the relative
                // pronoun stands for the noun the clause modifies.
                let x = match view.head(v) {
                    Some(h) if matches!(view.pos(x), "WDT" | "WP") && view.deprel(v) == "acl:relcl" => h,
                    _ => x,
                };
                about = view.phrase_span(x, &|c| c == v || matches!(view.deprel(c), "acl:relcl" | "punct"));
                Some(o)
            }
            (Some(o), None) => Some(o),
            (None, x) => x,
        };
        (accused, subject_parties(view, v))
    };
    let Some(accused) = accused else { return };
    // The parser often hangs "of X" / "for X" on the object instead of the verb.
    let inner = if about.is_none() { nested_prep(view, accused, if blame { &["for"] } else { &["of", "for"] }) } else { None };
    if let Some(c) = inner {
        about = about_span(view, c);
    }
    if is_mutual(view, accused) {
        push_mutual(&accusers, cue, about, attribution, out);
        return;
    }
    // "on the rebels": the party without its preposition.
    let Some(accused_span) = view.phrase_span(accused, &|c| {
        Some(c) == inner
            || matches!(view.deprel(c), "acl:relcl" | "punct")
            || (view.deprel(c) == "acl" && view.pos(c) == "VBG")
            || (view.head(c) == Some(accused) && view.deprel(c) == "case" && c < accused)
    }) else {
        return;
    };
    let from_statement = statement.and_then(|s| s.speaker.clone());
    let accuser = match accusers.as_slice() {
        [] => from_statement,
        // "it accused ...": the statement's speaker says more, when there is one.
        [one] if speakers::is_pronoun(&one.name) => from_statement.or(Some(one.name.clone())),
        [one] if one.name.is_empty() => from_statement,
        [one] => Some(one.name.clone()),
        many => {
            let a = many.iter().map(|p| p.span).reduce(|a, b| a.cover(b));
            a.map(|s| view.text(s).trim().to_string())
        }
    };
    out.push(Accusation { accuser, accused: accused_span, cue, about, attribution });
}

fn held_responsible(view: &View<'_>, statements: &[Statement], v: usize, out: &mut Vec<Accusation>) {
    let Some(adj) = view.children(v).iter().copied().find(|&c| view.is_any(c, RESPONSIBLE)) else { return };
    let Some(accused) = view.child(v, &["dobj"]).or_else(|| view.child(adj, &["nsubj"])) else { return };
    let (Some(cue), Some(accused_span)) = (view.span(adj), phrase(view, accused)) else { return };
    let about = prep_child(view, adj, &["for"]).and_then(|c| about_span(view, c));
    let statement = statement_at(view, statements, v);
    let accusers = subject_parties(view, v);
    let accuser = accusers.first().map(|p| p.name.clone()).or_else(|| statement.and_then(|s| s.speaker.clone()));
    out.push(Accusation { accuser, accused: accused_span, cue, about, attribution: statement.map(|s| s.index) });
}

/// "A and B traded accusations (over X)": every direction between the parties.
fn traded(view: &View<'_>, statements: &[Statement], n: usize, out: &mut Vec<Accusation>) {
    let Some(v) = view.head(n).filter(|&h| view.deprel(n) == "dobj" && view.is_any(h, MUTUAL_VERBS)) else { return };
    let parties = subject_parties(view, v);
    if parties.len() < 2 {
        return;
    }
    let Some(cue) = view.range_span(v.min(n), v.max(n) + 1) else { return };
    let about = prep_child(view, n, &["of", "over", "about", "for"])
        .or_else(|| prep_child(view, v, &["over", "about", "for"]))
        .and_then(|c| about_span(view, c));
    push_mutual(&parties, cue, about, statement_at(view, statements, v).map(|s| s.index), out);
}

/// "A said B had resumed shelling": inside someone's statement, the subject
/// of a hostile act is accused by the speaker.
fn reported_act(view: &View<'_>, statements: &[Statement], v: usize, out: &mut Vec<Accusation>) {
    let Some(subj) = view.child(v, &["nsubj"]) else { return };
    // Pronouns, events ("the strike killed"), places the parser took for a
    // subject, and counted victims of a misread passive ("five civilians killed").
    if view.pos(subj).starts_with("PRP")
        || matches!(view.pos(subj), "WDT" | "WP" | "DT" | "CD" | "IN" | "RB")
        || view.is_any(subj, NOT_PARTIES)
        || view.child(subj, &["nummod", "case"]).is_some()
    {
        return;
    }
    let (Some(cue), Some(accused)) = (view.span(v), phrase(view, subj)) else { return };
    let statement = speakers::statement_containing(statements, cue);
    let speaker = speakers::verb_speaker(view, v)
        .map(|s| s.name)
        .filter(|n| !speakers::is_pronoun(n))
        .or_else(|| statement.and_then(|s| s.speaker.clone()));
    let Some(accuser) = speaker.filter(|s| !speakers::is_pronoun(s)) else { return };
    // Someone reporting their own act is not accusing.
    let accused_text = view.text(accused).trim();
    if accused_text.eq_ignore_ascii_case(accuser.trim()) {
        return;
    }
    let about = {
        // Without the subject, auxiliaries, other clauses and a speech tag ("..., officials told Reuters").
        let tag = |c: usize| matches!(view.deprel(c), "ccomp" | "dep") && c > v && view.is_any(c, speakers::SPEECH_VERBS);
        let toks = view.subtree(v, &|c| {
            tag(c) || matches!(view.deprel(c), "nsubj" | "aux" | "mark" | "punct" | "cc" | "conj" | "advcl" | "parataxis")
        });
        let first = toks.iter().copied().find(|&t| t >= v).unwrap_or(v);
        toks.last().and_then(|&l| view.range_span(first, l + 1))
    };
    out.push(Accusation { accuser: Some(accuser), accused, cue, about, attribution: statement.map(|s| s.index) });
}

pub fn relation(a: &Accusation) -> Relation {
    let mut args = vec![
        RelationArg { role: "accused".into(), spans: vec![a.accused] },
        RelationArg { role: "cue".into(), spans: vec![a.cue] },
    ];
    if let Some(x) = a.about {
        args.push(RelationArg { role: "about".into(), spans: vec![x] });
    }
    let mut attrs = Vec::new();
    if let Some(x) = &a.accuser {
        attrs.push(("accuser".to_string(), x.clone()));
    }
    if let Some(i) = a.attribution {
        attrs.push(("attribution".to_string(), i.to_string()));
    }
    Relation { name: RELATION.into(), label: String::new(), args, attrs }
}

#[cfg(test)]
mod tests {
    use crate::testutil::run;
    use crate::Framing;
    use corroborate_model::Document;

    fn texts(doc: &Document, f: &Framing) -> Vec<(String, String, String)> {
        f.accusations
            .iter()
            .map(|a| {
                (a.accuser.clone().unwrap_or_default(), doc.slice(a.accused).to_string(), a.about.map(|s| doc.slice(s).to_string()).unwrap_or_default())
            })
            .collect()
    }

    #[test]
    fn accused_of() {
        let (doc, f) = run("The army accused the rebels of violating the truce.");
        let got = texts(&doc, &f);
        assert!(got.iter().any(|(a, b, x)| a == "The army" && b == "the rebels" && x.contains("violating the truce")), "{got:?}");
    }

    #[test]
    fn blamed_each_other_goes_both_ways() {
        // Parse only: the rule needs no attribution, and keeps this test
        // independent of the attribution stage's own state.
        let (doc, f) = crate::testutil::run_parse_only("Russia and Turkey accused each other of breaking the ceasefire.");
        let got = texts(&doc, &f);
        assert!(got.iter().any(|(a, b, _)| a == "Russia" && b == "Turkey"), "{got:?}");
        assert!(got.iter().any(|(a, b, _)| a == "Turkey" && b == "Russia"), "{got:?}");
    }

    #[test]
    fn passive_blame_without_accuser() {
        let (doc, f) = run("The militia was blamed for the massacre.");
        let got = texts(&doc, &f);
        assert!(got.iter().any(|(a, b, x)| a.is_empty() && b == "The militia" && x.contains("massacre")), "{got:?}");
    }

    #[test]
    fn reported_hostile_act() {
        let (doc, f) = run("Activists said government forces had shelled the market.");
        let got = texts(&doc, &f);
        assert!(got.iter().any(|(a, b, _)| a == "Activists" && b == "government forces"), "{got:?}");
    }

    #[test]
    fn held_responsible() {
        let (doc, f) = run("Washington held Moscow responsible for the air strikes.");
        let got = texts(&doc, &f);
        assert!(got.iter().any(|(a, b, x)| a == "Washington" && b == "Moscow" && x.contains("air strikes")), "{got:?}");
    }

    #[test]
    fn traded_accusations_go_both_ways() {
        let (doc, f) = crate::testutil::run_parse_only("Israel and Hezbollah traded accusations over the border clash.");
        let got = texts(&doc, &f);
        assert!(got.iter().any(|(a, b, _)| a == "Israel" && b == "Hezbollah"), "{got:?}");
        assert!(got.iter().any(|(a, b, _)| a == "Hezbollah" && b == "Israel"), "{got:?}");
    }

    #[test]
    fn blamed_on() {
        let (doc, f) = run("The government blamed the bombing on Kurdish militants.");
        let got = texts(&doc, &f);
        assert!(got.iter().any(|(a, b, x)| a == "The government" && b == "Kurdish militants" && x == "the bombing"), "{got:?}");
    }

    #[test]
    fn blamed_on_in_a_relative_clause() {
        // Hand-written tree: the parser does not always build this one.
        let doc = crate::testutil::parsed(&[
            ("Dozens", "dozen", "NNS", 1, "nsubj"),
            ("died", "die", "VBD", -1, "root"),
            ("in", "in", "IN", 4, "case"),
            ("the", "the", "DT", 4, "det"),
            ("attacks", "attack", "NNS", 1, "nmod"),
            (",", ",", ",", 4, "punct"),
            ("which", "which", "WDT", 9, "dobj"),
            ("the", "the", "DT", 8, "det"),
            ("government", "government", "NN", 9, "nsubj"),
            ("blamed", "blame", "VBD", 4, "acl:relcl"),
            ("on", "on", "IN", 12, "case"),
            ("Islamic", "islamic", "NNP", 12, "compound"),
            ("State", "state", "NNP", 9, "nmod"),
        ]);
        let f = crate::extract(&doc, crate::builtin());
        let got = texts(&doc, &f);
        assert_eq!(got, vec![("the government".to_string(), "Islamic State".to_string(), "the attacks".to_string())]);
    }

    #[test]
    fn negated_blame_is_no_accusation() {
        let (_, f) = run("No group blamed the army for the attack, and the ministry did not accuse the rebels.");
        assert!(f.accusations.is_empty(), "{:?}", f.accusations);
    }

    #[test]
    fn narration_of_an_attack_is_no_accusation() {
        let (_, f) = run("Government forces shelled the market on Tuesday.");
        assert!(f.accusations.is_empty(), "{:?}", f.accusations);
    }
}
