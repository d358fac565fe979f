//! Mutual accusations: A blames B for X and B blames A for something
//! overlapping X, in one document or across documents within a week.
//! Parties are matched through entity resolution: the same entity, an entity
//! and its parent (a ministry and its government), or — reported as level
//! `camp` — two actors the list puts in the same camp (Russia's defence
//! ministry speaks for the pro-government camp when it blames the rebels).

use crate::normalize::{content_stems, name_key};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Documents further apart than this (days) are not paired.
pub const WINDOW_DAYS: i32 = 7;
/// Candidates examined per accusation (bounds work in big buckets).
const MAX_CANDIDATES: usize = 64;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccusationRef {
    pub doc: String,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub accuser: String,
    pub accused: String,
    pub about: Option<String>,
    pub cue: String,
    /// Code points of the cue in the document.
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MutualAccusation {
    pub id: String,
    /// The two parties' entity names, in the order of `first`'s accuser and accused.
    pub parties: [String; 2],
    pub entities: [String; 2],
    /// entity (same entities, or parent and child) | camp (allies in the actor list).
    pub level: String,
    pub same_document: bool,
    /// Content words both "about"s share (stemmed).
    pub shared: Vec<String>,
    pub first: AccusationRef,
    pub second: AccusationRef,
}

/// One accusation as kept until `finish`.
#[derive(Clone, Debug)]
pub struct Pending {
    pub doc: u32,
    pub day: Option<i32>,
    pub accuser: String,
    pub accused: String,
    pub about: Option<String>,
    pub cue: String,
    pub start: usize,
    pub end: usize,
}

/// An accusation borrowed from wherever it is stored (the reconciler keeps
/// interned strings, not a `Pending` per accusation).
#[derive(Clone, Copy, Debug)]
pub struct PendingRef<'a> {
    pub doc: u32,
    pub day: Option<i32>,
    pub accuser: &'a str,
    pub accused: &'a str,
    pub about: Option<&'a str>,
    pub cue: &'a str,
    pub start: usize,
    pub end: usize,
}

impl Pending {
    pub fn as_ref(&self) -> PendingRef<'_> {
        PendingRef {
            doc: self.doc,
            day: self.day,
            accuser: &self.accuser,
            accused: &self.accused,
            about: self.about.as_deref(),
            cue: &self.cue,
            start: self.start,
            end: self.end,
        }
    }
}

/// Splits "pro-government and rebel forces" into its parties when the
/// accused is "each other" / "one another"; otherwise the one accusation.
pub fn expand(p: Pending) -> Vec<Pending> {
    let reciprocal = matches!(name_key(&p.accused).as_str(), "each other" | "one another" | "each another");
    if !reciprocal {
        return vec![p];
    }
    let parts: Vec<String> = p
        .accuser
        .replace(", and ", ",")
        .replace(" and ", ",")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if parts.len() != 2 {
        return Vec::new();
    }
    // "pro-government and rebel forces": the shared head noun goes to both parts.
    let head = parts.get(1).and_then(|s| s.rsplit(' ').next()).unwrap_or("").to_string();
    let (a, b) = match (parts.first(), parts.get(1)) {
        (Some(a), Some(b)) => {
            let a = if !a.contains(' ') && b.contains(' ') { format!("{a} {head}") } else { a.clone() };
            (a, b.clone())
        }
        _ => return Vec::new(),
    };
    vec![
        Pending { accuser: a.clone(), accused: b.clone(), ..p.clone() },
        Pending { accuser: b, accused: a, ..p },
    ]
}

/// How the reconciler describes a party: its entity and coarse key.
#[derive(Clone, Debug)]
pub struct Party {
    pub entity: String,
    pub name: String,
    /// The entity's topmost ancestor's id (a ministry's government).
    pub root: String,
    pub camp: Option<String>,
}

impl Party {
    fn coarse(&self) -> &str {
        self.camp.as_deref().unwrap_or(&self.root)
    }
}

fn level(a: &Party, b: &Party) -> Option<&'static str> {
    if a.root == b.root {
        Some("entity")
    } else if a.camp.is_some() && a.camp == b.camp {
        Some("camp")
    } else {
        None
    }
}

/// Pairs accusations. `party` resolves a name; `doc` gives (id, outlet, published).
pub fn pair(
    pending: &[Pending],
    party: &dyn Fn(&str) -> Option<Party>,
    doc: &dyn Fn(u32) -> (String, Option<String>, Option<String>),
) -> Vec<MutualAccusation> {
    pair_refs(pending.len(), &|i| pending.get(i).map(Pending::as_ref), party, doc)
}

/// [`pair`] over `n` accusations read through `get`. Each distinct party
/// name is resolved once; per accusation only indices and its subject's
/// stems are held, and only for accusations whose parties resolve.
pub fn pair_refs<'a>(
    n: usize,
    get: &dyn Fn(usize) -> Option<PendingRef<'a>>,
    party: &dyn Fn(&str) -> Option<Party>,
    doc: &dyn Fn(u32) -> (String, Option<String>, Option<String>),
) -> Vec<MutualAccusation> {
    /// The accusation's position plus what pairing compares.
    struct Resolved<'m> {
        i: usize,
        p: Meta,
        from: &'m Party,
        to: &'m Party,
        stems: Vec<String>,
    }
    #[derive(Clone, Copy)]
    struct Meta {
        doc: u32,
        day: Option<i32>,
        start: usize,
    }
    let mut parties: HashMap<&'a str, Option<Party>> = HashMap::new();
    for p in (0..n).filter_map(get) {
        for name in [p.accuser, p.accused] {
            if !parties.contains_key(name) {
                parties.insert(name, party(name));
            }
        }
    }
    let parties = parties;
    let resolved: Vec<Resolved> = (0..n)
        .filter_map(|i| {
            let p = get(i)?;
            let from = parties.get(p.accuser)?.as_ref()?;
            let to = parties.get(p.accused)?.as_ref()?;
            // Self-blame within a camp is not an accusation between parties.
            if from.coarse() == to.coarse() {
                return None;
            }
            let stems = p.about.map(content_stems).unwrap_or_default();
            Some(Resolved { i, p: Meta { doc: p.doc, day: p.day, start: p.start }, stems, from, to })
        })
        .collect();
    let mut buckets: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (i, r) in resolved.iter().enumerate() {
        buckets.entry((r.from.coarse(), r.to.coarse())).or_default().push(i);
    }
    for v in buckets.values_mut() {
        v.sort_by_key(|&i| resolved.get(i).map(|r| (r.p.day.is_none(), r.p.day, r.p.doc)));
    }
    let mut used = vec![false; resolved.len()];
    let mut out = Vec::new();
    let mut keys: Vec<(&str, &str)> = buckets.keys().copied().filter(|(a, b)| a < b).collect();
    keys.sort();
    for (ga, gb) in keys {
        let (Some(left), Some(right)) = (buckets.get(&(ga, gb)), buckets.get(&(gb, ga))) else { continue };
        for &i in left {
            let Some(a) = resolved.get(i) else { continue };
            // Same document first, then the nearest day within the window.
            let mut best: Option<(usize, (bool, i32), Vec<String>)> = None;
            let same_doc = right.iter().copied().filter(|&j| resolved.get(j).is_some_and(|b| b.p.doc == a.p.doc));
            let near = right.iter().copied().filter(|&j| {
                resolved.get(j).is_some_and(|b| match (a.p.day, b.p.day) {
                    (Some(x), Some(y)) => (x - y).abs() <= WINDOW_DAYS && b.p.doc != a.p.doc,
                    _ => false,
                })
            });
            for j in same_doc.chain(near).take(MAX_CANDIDATES) {
                let Some(b) = resolved.get(j) else { continue };
                if used.get(j).copied().unwrap_or(true) {
                    continue;
                }
                let (Some(_), Some(_)) = (level(a.from, b.to), level(a.to, b.from)) else { continue };
                let same = a.p.doc == b.p.doc;
                let shared: Vec<String> = a.stems.iter().filter(|s| b.stems.contains(s)).cloned().collect();
                // Across documents the two must be about the same thing; in one
                // document a missing "about" is allowed (the text pairs them).
                let about_ok = !shared.is_empty() || (same && (a.stems.is_empty() || b.stems.is_empty()));
                if !about_ok {
                    continue;
                }
                let dist = match (a.p.day, b.p.day) {
                    (Some(x), Some(y)) => (x - y).abs(),
                    _ => 0,
                };
                let rank = (!same, dist);
                if best.as_ref().is_none_or(|(_, r, _)| rank < *r) {
                    best = Some((j, rank, shared));
                }
            }
            let Some((j, _, shared)) = best else { continue };
            let Some(b) = resolved.get(j) else { continue };
            if let Some(u) = used.get_mut(j) {
                *u = true;
            }
            if let Some(u) = used.get_mut(i) {
                *u = true;
            }
            let lvl = match (level(a.from, b.to), level(a.to, b.from)) {
                (Some("entity"), Some("entity")) => "entity",
                _ => "camp",
            };
            let mk = |r: &Resolved| {
                let (id, outlet, published) = doc(r.p.doc);
                let p = get(r.i);
                AccusationRef {
                    doc: id,
                    outlet,
                    published,
                    accuser: p.map(|p| p.accuser.to_string()).unwrap_or_default(),
                    accused: p.map(|p| p.accused.to_string()).unwrap_or_default(),
                    about: p.and_then(|p| p.about.map(str::to_string)),
                    cue: p.map(|p| p.cue.to_string()).unwrap_or_default(),
                    start: r.p.start,
                    end: p.map_or(r.p.start, |p| p.end),
                }
            };
            // The earlier accusation comes first.
            let (x, y) = if (b.p.day.is_none(), b.p.day, b.p.doc, b.p.start) < (a.p.day.is_none(), a.p.day, a.p.doc, a.p.start) {
                (b, a)
            } else {
                (a, b)
            };
            out.push(MutualAccusation {
                id: String::new(),
                parties: [x.from.name.clone(), x.to.name.clone()],
                entities: [x.from.entity.clone(), x.to.entity.clone()],
                level: lvl.into(),
                same_document: a.p.doc == b.p.doc,
                shared,
                first: mk(x),
                second: mk(y),
            });
        }
    }
    out.sort_by(|a, b| (&a.first.published, &a.first.doc, a.first.start).cmp(&(&b.first.published, &b.first.doc, b.first.start)));
    for (i, m) in out.iter_mut().enumerate() {
        m.id = format!("m{}", i + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acc(doc: u32, day: Option<i32>, by: &str, against: &str, about: Option<&str>) -> Pending {
        Pending {
            doc,
            day,
            accuser: by.into(),
            accused: against.into(),
            about: about.map(str::to_string),
            cue: "accused".into(),
            start: 0,
            end: 7,
        }
    }

    /// A tiny resolver: government-side and rebel-side names.
    fn party(s: &str) -> Option<Party> {
        let k = name_key(s);
        let (entity, root, camp) = if k.contains("rebel") {
            ("rebels", "rebels", Some("opposition"))
        } else if k.contains("russia") {
            ("russian-mod", "russia", Some("pro_government"))
        } else if k.contains("government") {
            ("syrian-forces", "syria", Some("pro_government"))
        } else if k.contains("islamic state") {
            ("is", "is", None)
        } else {
            return None;
        };
        Some(Party { entity: entity.into(), name: entity.into(), root: root.into(), camp: camp.map(str::to_string) })
    }

    fn doc(d: u32) -> (String, Option<String>, Option<String>) {
        (format!("d{d}"), None, None)
    }

    #[test]
    fn each_other_becomes_two_directions_and_pairs() {
        let e = expand(acc(0, None, "pro-government and rebel forces", "each other", Some("preventing people from leaving Aleppo")));
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].accuser, "pro-government forces");
        assert_eq!(e[0].accused, "rebel forces");
        let m = pair(&e, &party, &doc);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].level, "entity");
        assert!(m[0].same_document);
    }

    #[test]
    fn camp_level_pairs_ally_with_ally() {
        let v = vec![
            acc(2, None, "Syrian rebel officials", "Government forces", Some("resumed shelling")),
            acc(2, None, "Russia's defense ministry", "rebels", Some("resumed fighting at dawn")),
        ];
        let m = pair(&v, &party, &doc);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].level, "camp");
        assert_eq!(m[0].shared, vec!["resum"]);
    }

    #[test]
    fn across_documents_needs_window_and_shared_subject() {
        let v = vec![
            acc(0, Some(100), "rebels", "government forces", Some("chemical attack on Khan Sheikhoun")),
            acc(1, Some(103), "Syrian government", "rebels", Some("staging the chemical attack")),
            acc(2, Some(300), "Syrian government", "rebels", Some("chemical attack")),
            acc(3, Some(101), "Syrian government", "rebels", Some("shelling a school")),
        ];
        let m = pair(&v, &party, &doc);
        assert_eq!(m.len(), 1);
        assert_eq!((m[0].first.doc.as_str(), m[0].second.doc.as_str()), ("d0", "d1"));
        // One-sided blame is not mutual; unknown parties are skipped.
        let v = vec![acc(0, Some(1), "rebels", "government forces", Some("x y")), acc(0, Some(1), "Nobody", "rebels", None)];
        assert!(pair(&v, &party, &doc).is_empty());
    }
}
