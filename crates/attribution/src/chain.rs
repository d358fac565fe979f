//! Chains of transmission: who relayed a claim between its speaker and the
//! article ("according to Russia's defense ministry, as quoted by the Interfax
//! news agency"; "rebel officials told Reuters"; "Orient TV cited its
//! correspondent as saying"; a statement reported inside another's content).
//! `via` lists the relays nearest the original speaker first.

use crate::analysis::Analysis;
use crate::model::TokRelation;
use crate::speaker::{self, Seen, Speaker, SpeakerType};

fn lower<'x>(a: &'x Analysis<'_>, i: usize) -> &'x str {
    a.toks.get(i).map(|t| t.lower.as_str()).unwrap_or("")
}

/// End of the phrase starting at `s`: the next comma, semicolon, dash or
/// sentence end.
fn phrase_end(a: &Analysis, s: usize) -> usize {
    let (_, se) = a.sent_range(s);
    (s..se).find(|&i| matches!(lower(a, i), "," | ";" | "." | "--" | "—" | "–" | ":" | "(" | ")")).unwrap_or(se)
}

/// Tokens of a relation (cue, source, content).
fn all_tokens(r: &TokRelation) -> impl Iterator<Item = usize> + '_ {
    r.cue
        .iter()
        .copied()
        .chain(r.source.iter().flatten().flat_map(|&(x, y)| x..y))
        .chain(r.content.iter().flat_map(|&(x, y)| x..y))
}

/// Whether tokens `i..i + 3` read "as quoted by", "as reported by", ….
pub(crate) fn as_relayed_by(a: &Analysis, i: usize) -> bool {
    lower(a, i) == "as"
        && matches!(lower(a, i + 1), "quoted" | "reported" | "cited" | "carried" | "relayed" | "told")
        && lower(a, i + 2) == "by"
}

/// "as quoted by X", "as reported by X" in the cue's sentence, from the start
/// of the source ("Russia's defence ministry, as quoted by Interfax, said") or
/// the cue on: X relays the statement.
fn as_quoted_by(a: &Analysis, ents: &speaker::Ents, r: &TokRelation) -> Option<Speaker> {
    let cue = *r.cue.first()?;
    let from = r.source.as_ref().and_then(|s| s.first()).map(|&(s0, _)| s0).filter(|&s0| s0 < cue).unwrap_or(cue);
    let (_, se) = a.sent_range(cue);
    (from..se.saturating_sub(2)).find_map(|i| {
        if !as_relayed_by(a, i) {
            return None;
        }
        let e = phrase_end(a, i + 3);
        (e > i + 3).then(|| speaker::np_speaker(a, ents, &Seen::default(), i + 3, e))
    })
}

/// ", citing Y" / ", quoting Y" after the cue: Y is the speaker, the source relays.
fn citing(a: &Analysis, ents: &speaker::Ents, r: &TokRelation) -> Option<Speaker> {
    let cue = *r.cue.last()?;
    let (_, se) = a.sent_range(cue);
    (cue + 1..se).find_map(|i| {
        if !matches!(lower(a, i), "citing" | "quoting") || lower(a, i.checked_sub(1)?) != "," {
            return None;
        }
        let e = phrase_end(a, i + 1);
        (e > i + 1).then(|| speaker::np_speaker(a, ents, &Seen::default(), i + 1, e))
    })
}

/// "according to SANA news agency citing the Interior Ministry": a source that
/// cites another inside its own phrase; (relay, original speaker).
fn citing_in_source(a: &Analysis, ents: &speaker::Ents, r: &TokRelation) -> Option<(Speaker, Speaker)> {
    let &[(s0, s1)] = r.source.as_deref()? else { return None };
    let at = (s0 + 1..s1).find(|&i| matches!(lower(a, i), "citing" | "quoting"))?;
    let seen = Seen::default();
    let relay = speaker::np_speaker(a, ents, &seen, s0, at);
    let orig = speaker::np_speaker(a, ents, &seen, at + 1, s1);
    (!relay.name.is_empty() && !orig.name.is_empty()).then_some((relay, orig))
}

/// "X cited Y as saying …": the content starts with Y then "as saying".
fn cited_as_saying(a: &Analysis, ents: &speaker::Ents, r: &TokRelation, relay: &Speaker) -> Option<Speaker> {
    if !r.cue.iter().any(|&i| matches!(a.toks.get(i).map(|t| t.lemma.as_str()), Some("cite" | "quote"))) {
        return None;
    }
    let &(c0, c1) = r.content.first()?;
    let as_at = (c0 + 1..c1.min(c0 + 10)).find(|&i| {
        lower(a, i) == "as" && a.toks.get(i + 1).is_some_and(|t| t.pos == "VBG")
    })?;
    let first = lower(a, c0);
    if matches!(first, "its" | "their" | "his" | "her") {
        // "its correspondent": the relay's own correspondent
        let rest = speaker::text(a, c0 + 1, as_at);
        if rest.is_empty() {
            return None;
        }
        return Some(Speaker {
            name: format!("{}'s {rest}", relay.name),
            kind: SpeakerType::Unnamed,
            role: Some(rest),
            affiliation: Some(relay.name.clone()),
        });
    }
    Some(speaker::np_speaker(a, ents, &Seen::default(), c0, as_at))
}

/// "X told Reuters": a named outlet as the object of "tell".
fn told_outlet(a: &Analysis, ents: &speaker::Ents, r: &TokRelation) -> Option<Speaker> {
    let v = *r.cue.iter().find(|&&i| a.toks.get(i).is_some_and(|t| t.lemma == "tell"))?;
    let obj = a
        .children
        .get(v)?
        .iter()
        .copied()
        .find(|&c| a.toks.get(c).is_some_and(|t| matches!(t.deprel.as_str(), "dobj" | "iobj" | "obj" | "nmod")))
        // or the name right after "told" when the parse hung it elsewhere
        // ("told Reuters the evacuation had stalled", Reuters as a subject)
        .or_else(|| (!r.content.iter().any(|&(x, y)| x <= v + 1 && v + 1 < y)).then_some(v + 1))?;
    let e = ents.iter().find(|x| x.start <= obj && obj < x.end && x.label == "ORGANIZATION")?;
    let sp = speaker::np_speaker(a, ents, &Seen::default(), e.start, e.end);
    // "told the Security Council" is an audience, "told Reuters" a relay
    (sp.kind == SpeakerType::Media && !sp.name.is_empty()).then_some(sp)
}

/// Cues that pass on what someone else said ("reported", "according to", "said");
/// "agreed after the UN noted" does not relay the UN.
fn reports(a: &Analysis, r: &TokRelation) -> bool {
    r.cue.iter().any(|&i| {
        a.toks.get(i).is_some_and(|t| {
            matches!(
                t.lemma.as_str(),
                "say" | "tell" | "report" | "quote" | "cite" | "according" | "accord" | "state" | "write" | "add" | "note"
                    | "announce" | "claim" | "read" | "publish" | "broadcast" | "carry"
            )
        })
    })
}

/// Fills `via` for every relation and re-points the speaker where the source
/// only relays ("X cited Y as saying", "X reported, citing Y").
pub fn resolve(a: &Analysis, rels: &[TokRelation], speakers: &mut [Option<Speaker>]) -> Vec<Vec<Speaker>> {
    let ents = speaker::entities(a);
    let mut via: Vec<Vec<Speaker>> = vec![Vec::new(); rels.len()];
    for (i, r) in rels.iter().enumerate() {
        let (Some(v), Some(slot)) = (via.get_mut(i), speakers.get_mut(i)) else { continue };
        if let Some((relay, orig)) = citing_in_source(a, &ents, r) {
            v.push(relay);
            *slot = Some(orig);
        } else if let Some(relay) = slot.clone() {
            if let Some(orig) = cited_as_saying(a, &ents, r, &relay).or_else(|| citing(a, &ents, r)) {
                v.push(relay);
                *slot = Some(orig);
            }
        }
        if let Some(x) = told_outlet(a, &ents, r) {
            v.push(x);
        }
        if let Some(x) = as_quoted_by(a, &ents, r) {
            v.push(x);
        }
    }
    // a statement reported inside another's content: the reporter relays it
    for (i, r) in rels.iter().enumerate() {
        let toks: Vec<usize> = r.cue.iter().copied().chain(r.source.iter().flatten().flat_map(|&(x, y)| x..y)).collect();
        let mut outers: Vec<(usize, usize)> = rels
            .iter()
            .enumerate()
            .filter(|(j, o)| {
                *j != i
                    && !toks.is_empty()
                    && toks.iter().all(|t| o.content.iter().any(|&(x, y)| x <= *t && *t < y))
                    && all_tokens(o).count() > all_tokens(r).count()
                    && reports(a, o)
            })
            .map(|(j, o)| (o.content.iter().map(|(x, y)| y - x).sum(), j))
            .collect();
        outers.sort();
        for (_, j) in outers {
            let Some(Some(sp)) = speakers.get(j).cloned() else { continue };
            if let Some(v) = via.get_mut(i) {
                if !v.iter().any(|x| x.name == sp.name) && speakers.get(i).and_then(|s| s.as_ref()).map(|s| &s.name) != Some(&sp.name) {
                    v.push(sp);
                }
            }
        }
    }
    via
}
