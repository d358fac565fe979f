//! Statements across outlets: the same quote or claim in several documents,
//! grouped by shingle overlap, with its first appearance and how later
//! copies drifted (word diff by `similar`).
//!
//! Blocking: word 3-shingles hashed with FNV; a sample of them (hash % 4 == 0,
//! plus the two smallest) indexes each distinct wording, and candidates are
//! confirmed by containment |A∩B| / min(|A|,|B|) ≥ [`CONTAINMENT`], so a
//! truncated copy joins its original. Identical wordings are stored once.

use crate::normalize::{fnv64, words};
use serde::{Deserialize, Serialize};
use similar::{ChangeTag, TextDiff};
use std::collections::{HashMap, HashSet};

/// Statements shorter than this many words are too generic to trace.
pub const MIN_WORDS: usize = 6;
pub const CONTAINMENT: f64 = 0.6;
/// And at least this many shared shingles: a stock phrase ("the Syrian
/// Observatory for Human Rights") shares four and must not link statements.
pub const MIN_SHARED: usize = 6;
/// Stored text of a wording is cut here (characters); shingles use all of it.
const MAX_TEXT: usize = 600;
/// A shingle shared by more wordings than this stops being a useful key.
const MAX_POSTING: usize = 64;
/// Appearances and variants listed per group.
pub const MAX_LISTED: usize = 50;
/// Appearances listed in a group's timeline (`appearances` and `documents`
/// count all). Was 50: at 100k documents the timelines were most of the
/// statements' memory; no FA-KES group has more than 11.
pub const MAX_TIMELINE: usize = 20;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Appearance {
    pub doc: String,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub speaker: Option<String>,
    /// direct | indirect | mixed | according_to | no_source
    pub kind: String,
    /// Code points of the statement's content in the document.
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DiffOp {
    /// equal | delete | insert (against the first appearance's wording).
    pub op: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Wording {
    pub text: String,
    pub appearances: usize,
    pub first: Appearance,
    /// truncated | extended | changed_words | misspelt_name; empty for the original.
    pub drift: Vec<String>,
    /// Word diff from the first appearance's wording to this one.
    pub diff: Vec<DiffOp>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatementGroup {
    pub id: String,
    /// The earliest appearance (by publication date, then document id).
    pub first: Appearance,
    pub text: String,
    pub appearances: usize,
    pub documents: usize,
    pub outlets: Vec<String>,
    pub speakers: Vec<String>,
    /// Every distinct wording (at most 50), the first appearance's first.
    pub wordings: Vec<Wording>,
    /// Appearances in date order (at most [`MAX_TIMELINE`]).
    pub timeline: Vec<Appearance>,
}

/// Sort key of an appearance: undated last, then by day, then document id.
type DateOrder = (bool, Option<i32>, String);

/// One appearance of a wording: 20 bytes (speaker `u32::MAX` when none).
struct Member {
    doc: u32,
    speaker: u32,
    start: u32,
    end: u32,
    kind: u8,
}

struct Wrd {
    text: String,
    shingles: Vec<u64>,
    group: usize,
    members: Vec<Member>,
}

const KINDS: &[&str] = &["direct", "indirect", "mixed", "according_to", "no_source"];

#[derive(Default)]
pub struct StatementCollector {
    wordings: Vec<Wrd>,
    by_hash: HashMap<u64, usize>,
    index: HashMap<u64, Vec<u32>>,
    groups: Vec<Vec<usize>>,
    speakers: Vec<String>,
    speaker_ix: HashMap<String, u32>,
}

/// Everything the collector needs to know about a document at finish.
pub struct DocInfo<'a> {
    pub id: &'a str,
    pub outlet: Option<&'a str>,
    pub published: Option<&'a str>,
    pub day: Option<i32>,
}

fn shingles(ws: &[String]) -> Vec<u64> {
    let mut v: Vec<u64> = ws.windows(3).map(|w| fnv64(w.join(" ").as_bytes())).collect();
    if v.is_empty() && !ws.is_empty() {
        v.push(fnv64(ws.join(" ").as_bytes()));
    }
    v.sort_unstable();
    v.dedup();
    v
}

/// Containment of the smaller shingle set in the larger, and the shared count.
fn containment(a: &[u64], b: &[u64]) -> (f64, usize) {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if small.is_empty() {
        return (0.0, 0);
    }
    let inter = small.iter().filter(|h| large.binary_search(h).is_ok()).count();
    (inter as f64 / small.len() as f64, inter)
}

impl StatementCollector {
    /// Approximate heap bytes held: (wordings, appearances, shingle index, groups).
    pub(crate) fn heap_bytes(&self) -> (usize, usize, usize, usize) {
        let wordings = self.wordings.capacity() * std::mem::size_of::<Wrd>()
            + self.wordings.iter().map(|w| w.text.capacity() + w.shingles.capacity() * 8).sum::<usize>()
            + crate::intern::map_bytes(&self.by_hash);
        let members = self.wordings.iter().map(|w| w.members.capacity() * std::mem::size_of::<Member>()).sum();
        let index = crate::intern::map_bytes(&self.index) + self.index.values().map(|v| v.capacity() * 4).sum::<usize>();
        let groups = self.groups.capacity() * 24 + self.groups.iter().map(|g| g.capacity() * 8).sum::<usize>();
        (wordings, members, index, groups)
    }

    #[allow(clippy::too_many_arguments)]
    pub fn add(&mut self, doc: u32, speaker: Option<&str>, kind: &str, text: &str, start: usize, end: usize) {
        let ws = words(text);
        if ws.len() < MIN_WORDS {
            return;
        }
        let h = fnv64(ws.join(" ").as_bytes());
        let speaker = speaker.map(|s| {
            let s = s.trim().to_string();
            let next = self.speakers.len() as u32;
            *self.speaker_ix.entry(s.clone()).or_insert_with(|| {
                self.speakers.push(s);
                next
            })
        });
        let member = Member {
            doc,
            speaker: speaker.unwrap_or(u32::MAX),
            kind: KINDS.iter().position(|k| *k == kind).unwrap_or(1) as u8,
            start: start as u32,
            end: end as u32,
        };
        if let Some(&w) = self.by_hash.get(&h) {
            if let Some(wrd) = self.wordings.get_mut(w) {
                wrd.members.push(member);
            }
            return;
        }
        let sh = shingles(&ws);
        let sample: Vec<u64> = sh.iter().enumerate().filter(|(i, h)| *i < 2 || *h % 4 == 0).map(|(_, h)| *h).collect();
        let mut votes: HashMap<u32, usize> = HashMap::new();
        for s in &sample {
            for &w in self.index.get(s).map(Vec::as_slice).unwrap_or(&[]) {
                *votes.entry(w).or_default() += 1;
            }
        }
        let mut cands: Vec<(u32, usize)> = votes.into_iter().collect();
        cands.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let best = cands
            .iter()
            .take(10)
            .filter_map(|&(w, _)| {
                let other = self.wordings.get(w as usize)?;
                let (c, shared) = containment(&sh, &other.shingles);
                // Compared with the group's first wording too, so groups do not chain.
                let rep = self.groups.get(other.group)?.first().and_then(|&r| self.wordings.get(r))?;
                let (c_rep, shared_rep) = containment(&sh, &rep.shingles);
                (c >= CONTAINMENT && shared >= MIN_SHARED && c_rep >= CONTAINMENT && shared_rep >= MIN_SHARED)
                    .then_some((other.group, c))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1));
        let ix = self.wordings.len();
        let group = match best {
            Some((g, _)) => g,
            None => {
                self.groups.push(Vec::new());
                self.groups.len() - 1
            }
        };
        if let Some(g) = self.groups.get_mut(group) {
            g.push(ix);
        }
        for s in sample {
            let post = self.index.entry(s).or_default();
            if post.len() < MAX_POSTING {
                post.push(ix as u32);
            }
        }
        let text: String = text.chars().take(MAX_TEXT).collect();
        self.by_hash.insert(h, ix);
        self.wordings.push(Wrd { text, shingles: sh, group, members: vec![member] });
    }

    /// Groups seen in at least two documents, most documents first.
    pub fn finish<'d>(self, doc: &dyn Fn(u32) -> Option<DocInfo<'d>>) -> Vec<StatementGroup> {
        let mut out = Vec::new();
        // Consumed group by group, so the collector shrinks as the result grows.
        let StatementCollector { mut wordings, groups, speakers, index, by_hash, speaker_ix } = self;
        drop((index, by_hash, speaker_ix));
        let speaker_name = |s: u32| speakers.get(s as usize).cloned();
        let appearance = |m: &Member| -> Option<(Appearance, (Option<i32>, String))> {
            let d = doc(m.doc)?;
            let key = (d.day, d.id.to_string());
            Some((
                Appearance {
                    doc: d.id.to_string(),
                    outlet: d.outlet.map(str::to_string),
                    published: d.published.map(str::to_string),
                    speaker: speaker_name(m.speaker),
                    kind: KINDS.get(m.kind as usize).unwrap_or(&"indirect").to_string(),
                    start: m.start as usize,
                    end: m.end as usize,
                },
                key,
            ))
        };
        // Undated documents sort after dated ones.
        let order = |k: &(Option<i32>, String)| (k.0.is_none(), k.0, k.1.clone());
        for members in &groups {
            let mut group: Vec<Wrd> = Vec::with_capacity(members.len());
            for &w in members {
                if let Some(w) = wordings.get_mut(w) {
                    let text = std::mem::take(&mut w.text);
                    let members = std::mem::take(&mut w.members);
                    w.shingles = Vec::new();
                    group.push(Wrd { text, shingles: Vec::new(), group: w.group, members });
                }
            }
            let docs: HashSet<u32> = group.iter().flat_map(|w| w.members.iter().map(|m| m.doc)).collect();
            if docs.len() < 2 {
                continue;
            }
            let mut wordings: Vec<(Wording, DateOrder)> = Vec::new();
            let mut timeline: Vec<(Appearance, DateOrder)> = Vec::new();
            let mut outlets: Vec<String> = Vec::new();
            let mut speakers: Vec<String> = Vec::new();
            let mut appearances = 0;
            for w in &group {
                let mut apps: Vec<(Appearance, DateOrder)> =
                    w.members.iter().filter_map(appearance).map(|(a, k)| (a, order(&k))).collect();
                apps.sort_by(|a, b| a.1.cmp(&b.1));
                appearances += apps.len();
                for (a, _) in &apps {
                    if let Some(o) = &a.outlet {
                        if !outlets.contains(o) {
                            outlets.push(o.clone());
                        }
                    }
                    if let Some(s) = &a.speaker {
                        if !speakers.contains(s) && speakers.len() < MAX_LISTED {
                            speakers.push(s.clone());
                        }
                    }
                }
                let Some((first, key)) = apps.first().cloned() else { continue };
                wordings.push((
                    Wording { text: w.text.clone(), appearances: apps.len(), first, drift: Vec::new(), diff: Vec::new() },
                    key,
                ));
                timeline.extend(apps);
            }
            wordings.sort_by(|a, b| a.1.cmp(&b.1));
            timeline.sort_by(|a, b| a.1.cmp(&b.1));
            let Some((origin, _)) = wordings.first().cloned() else { continue };
            // Fresh vectors of the listed size: collecting in place would keep
            // the buffer of every appearance alive in the result.
            let mut listed = Vec::with_capacity(wordings.len().min(MAX_LISTED));
            listed.extend(wordings.into_iter().map(|(w, _)| w).take(MAX_LISTED));
            let mut wordings = listed;
            for w in wordings.iter_mut().skip(1) {
                let (diff, drift) = drift(&origin.text, &w.text);
                w.diff = diff;
                w.drift = drift;
            }
            outlets.truncate(MAX_LISTED);
            outlets.shrink_to_fit();
            speakers.shrink_to_fit();
            let mut listed = Vec::with_capacity(timeline.len().min(MAX_TIMELINE));
            listed.extend(timeline.into_iter().map(|(a, _)| a).take(MAX_TIMELINE));
            out.push(StatementGroup {
                id: String::new(),
                first: origin.first.clone(),
                text: origin.text.clone(),
                appearances,
                documents: docs.len(),
                outlets,
                speakers,
                wordings,
                timeline: listed,
            });
        }
        // Provenance is about spread across outlets: a statement carried by several outlets
        // ranks above one outlet repeating itself (its page template, a stock paragraph).
        out.sort_by(|a, b| {
            b.outlets.len().cmp(&a.outlets.len()).then(b.documents.cmp(&a.documents)).then_with(|| a.first.doc.cmp(&b.first.doc))
        });
        for (i, g) in out.iter_mut().enumerate() {
            g.id = format!("s{}", i + 1);
        }
        out
    }
}

/// Word diff of a later wording against the original, and what kind of drift it shows.
pub fn drift(original: &str, later: &str) -> (Vec<DiffOp>, Vec<String>) {
    let diff = TextDiff::from_words(original, later);
    let mut ops: Vec<DiffOp> = Vec::new();
    for c in diff.iter_all_changes() {
        let op = match c.tag() {
            ChangeTag::Equal => "equal",
            ChangeTag::Delete => "delete",
            ChangeTag::Insert => "insert",
        };
        match ops.last_mut() {
            Some(last) if last.op == op => last.text.push_str(c.value()),
            _ => ops.push(DiffOp { op: op.into(), text: c.value().to_string() }),
        }
    }
    let mut kinds = Vec::new();
    let changed: Vec<usize> =
        ops.iter().enumerate().filter(|(_, o)| o.op != "equal" && !o.text.trim().is_empty()).map(|(i, _)| i).collect();
    let at_edge = |i: usize| i == 0 || i + 1 == ops.len();
    let only = |op: &str| changed.iter().all(|&i| ops.get(i).is_some_and(|o| o.op == op));
    if !changed.is_empty() && changed.iter().all(|&i| at_edge(i)) && only("delete") {
        kinds.push("truncated".to_string());
    } else if !changed.is_empty() && changed.iter().all(|&i| at_edge(i)) && only("insert") {
        kinds.push("extended".to_string());
    } else if !changed.is_empty() {
        // A deleted word replaced by a capitalised word one or two letters away is a misspelt name.
        let mut misspelt = false;
        let mut other = false;
        for pair in ops.windows(2) {
            let [a, b] = pair else { continue };
            if a.op == "delete" && b.op == "insert" {
                let (x, y) = (a.text.trim(), b.text.trim());
                let name = y.chars().next().is_some_and(char::is_uppercase) && !x.contains(' ') && !y.contains(' ');
                if name && x != y && strsim::levenshtein(x, y) <= 2 {
                    misspelt = true;
                    continue;
                }
            }
            if a.op != "equal" && !a.text.trim().is_empty() {
                other = true;
            }
        }
        if misspelt {
            kinds.push("misspelt_name".to_string());
        }
        // Any change not explained as a misspelling is changed wording.
        let explained = ops.windows(2).filter(|p| p[0].op == "delete" && p[1].op == "insert").count() * 2;
        if other && (changed.len() > explained || !misspelt) {
            kinds.push("changed_words".to_string());
        }
    }
    (ops, kinds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drift_kinds() {
        let o = "All the women and children in areas controlled by rebel fighters have been taken out";
        let (_, k) = drift(o, "All the women and children in areas controlled by rebel fighters");
        assert_eq!(k, vec!["truncated"]);
        let (_, k) = drift("Staffan de Mistura said the talks would resume", "Staffan de Mistora said the talks would resume");
        assert_eq!(k, vec!["misspelt_name"]);
        let (d, k) = drift("the talks would resume on Monday in Geneva", "the talks could resume on Monday in Geneva");
        assert_eq!(k, vec!["changed_words"]);
        assert!(d.iter().any(|o| o.op == "delete" && o.text.contains("would")));
        let (_, k) = drift(o, o);
        assert!(k.is_empty());
    }

    #[test]
    fn copies_group_and_first_appearance_is_earliest() {
        let mut c = StatementCollector::default();
        let q = "there remain groups of radical fighters and irreconcilable gangs who are firing on Syrian forces";
        c.add(0, Some("Russia"), "direct", q, 10, 20);
        c.add(1, Some("the Russian statement"), "direct", "there remain groups of radical fighters and irreconcilable gangs", 5, 9);
        c.add(2, Some("Russia"), "direct", q, 0, 3);
        c.add(3, Some("Turkey"), "direct", "the evacuation of civilians from Aleppo will continue tomorrow morning", 0, 3);
        c.add(3, Some("x"), "direct", "too short to count", 0, 3);
        let days = [Some(5), Some(3), None, Some(1)];
        let ids = ["a", "b", "c", "d"];
        let groups = c.finish(&|d| {
            Some(DocInfo { id: ids.get(d as usize)?, outlet: Some("o"), published: None, day: *days.get(d as usize)? })
        });
        assert_eq!(groups.len(), 1, "the Turkey statement appears once");
        let g = &groups[0];
        assert_eq!(g.documents, 3);
        assert_eq!(g.first.doc, "b", "earliest dated appearance, even though a truncated copy");
        assert_eq!(g.timeline.iter().map(|a| a.doc.as_str()).collect::<Vec<_>>(), vec!["b", "a", "c"]);
        assert_eq!(g.wordings.len(), 2);
        assert_eq!(g.wordings[1].drift, vec!["extended"]);
    }

    #[test]
    fn statements_carried_by_more_outlets_rank_first() {
        let mut c = StatementCollector::default();
        let stock = "a political solution in Syria was discussed at the talks in Tehran";
        let spread = "the evacuation of civilians from Aleppo will continue tomorrow morning";
        for d in 0..4 {
            c.add(d, Some("PM Summit"), "indirect", stock, 0, 3);
        }
        c.add(4, Some("Turkey"), "direct", spread, 0, 3);
        c.add(5, Some("Turkey"), "direct", spread, 0, 3);
        let outlets = ["trt", "trt", "trt", "trt", "trt", "sana"];
        let ids = ["a", "b", "c", "d", "e", "f"];
        let groups = c.finish(&|d| {
            Some(DocInfo { id: ids.get(d as usize)?, outlet: outlets.get(d as usize).copied(), published: None, day: Some(d as i32) })
        });
        assert_eq!(groups.len(), 2);
        assert_eq!((groups[0].documents, groups[0].outlets.len()), (2, 2), "two outlets beat four pages of one");
        assert_eq!(groups[1].documents, 4);
    }
}
