//! The PolNeAR scorer: per role (Source, Cue, Content) exact and soft F1, and
//! whole-relation soft F1, over whole documents.
//!
//! * A span is compared as a *set of characters*: each fragment is trimmed of
//!   whitespace, punctuation and symbols at its edges (so `“lie,”` = `lie`;
//!   a fragment that is only punctuation, like the cue `:`, keeps its
//!   characters), and fragments of a discontinuous span are united.
//! * Per role, the items of a document are its relations' spans of that role,
//!   deduplicated (one source shared by two relations counts once).
//! * Exact: identical character sets. Soft: Jaccard ≥ 0.5, pairs matched
//!   one-to-one greedily by best Jaccard.
//! * Relation: cue and content match softly, and the sources match softly or
//!   both are absent; matched one-to-one greedily by summed Jaccard.
//!
//! Where an article has several annotators' files, the alphabetically first
//! file is the gold.

use crate::brat::{read_ann, BratRelation, CharRange};
use crate::AttributionError;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;

/// Counts behind precision, recall and F1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Prf {
    pub matched: usize,
    pub predicted: usize,
    pub gold: usize,
}

impl Prf {
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: Prf) {
        self.matched += o.matched;
        self.predicted += o.predicted;
        self.gold += o.gold;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RoleScores {
    pub exact: Prf,
    pub soft: Prf,
}

/// The seven numbers (and their counts).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub documents: usize,
    pub source: RoleScores,
    pub cue: RoleScores,
    pub content: RoleScores,
    pub relation: Prf,
}

impl Report {
    pub fn add(&mut self, o: &Report) {
        self.documents += o.documents;
        for (a, b) in [(&mut self.source, o.source), (&mut self.cue, o.cue), (&mut self.content, o.content)] {
            a.exact.add(b.exact);
            a.soft.add(b.soft);
        }
        self.relation.add(o.relation);
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "documents: {}", self.documents)?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, p: Prf| {
            writeln!(
                f,
                "{name:<16} F1 {:.3}  P {:.3}  R {:.3}  ({} matched / {} predicted / {} gold)",
                p.f1(),
                p.precision(),
                p.recall(),
                p.matched,
                p.predicted,
                p.gold
            )
        };
        for (name, r) in [("source", self.source), ("cue", self.cue), ("content", self.content)] {
            row(f, &format!("{name} exact"), r.exact)?;
        }
        for (name, r) in [("source", self.source), ("cue", self.cue), ("content", self.content)] {
            row(f, &format!("{name} soft"), r.soft)?;
        }
        row(f, "relation soft", self.relation)
    }
}

/// A normalised span: sorted, disjoint code-point intervals.
pub type CharSet = Vec<CharRange>;

/// Trims each fragment (see module docs) and unites them.
pub fn normalise(chars: &[char], frags: &[CharRange]) -> CharSet {
    let keep = |c: char| c.is_alphanumeric();
    let mut v: Vec<CharRange> = Vec::new();
    for &(a, b) in frags {
        let b = b.min(chars.len() as u32);
        if a >= b {
            continue;
        }
        let is = |i: u32, f: &dyn Fn(char) -> bool| chars.get(i as usize).is_some_and(|&c| f(c));
        let (mut s, mut e) = (a, b);
        while s < e && !is(s, &keep) {
            s += 1;
        }
        while e > s && !is(e - 1, &keep) {
            e -= 1;
        }
        if s == e {
            // only punctuation: keep it, minus surrounding whitespace
            let (mut s2, mut e2) = (a, b);
            while s2 < e2 && is(s2, &|c: char| c.is_whitespace()) {
                s2 += 1;
            }
            while e2 > s2 && is(e2 - 1, &|c: char| c.is_whitespace()) {
                e2 -= 1;
            }
            (s, e) = (s2, e2);
        }
        if s < e {
            v.push((s, e));
        }
    }
    v.sort_unstable();
    let mut out: CharSet = Vec::with_capacity(v.len());
    for (s, e) in v {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

fn size(a: &CharSet) -> u64 {
    a.iter().map(|(s, e)| (e - s) as u64).sum()
}

/// Jaccard index of two normalised sets (0 if both are empty).
pub fn jaccard(a: &CharSet, b: &CharSet) -> f64 {
    let (mut i, mut j, mut inter) = (0, 0, 0u64);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        let (s, e) = (x.0.max(y.0), x.1.min(y.1));
        if s < e {
            inter += (e - s) as u64;
        }
        if x.1 < y.1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    let union = size(a) + size(b) - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// Greedy one-to-one matching of pairs with `score(g, p) >= threshold`, best first.
fn greedy(n_gold: usize, n_pred: usize, score: impl Fn(usize, usize) -> Option<f64>) -> usize {
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for g in 0..n_gold {
        for p in 0..n_pred {
            if let Some(s) = score(g, p) {
                pairs.push((s, g, p));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut gu, mut pu) = (vec![false; n_gold], vec![false; n_pred]);
    let mut n = 0;
    for (_, g, p) in pairs {
        if !gu[g] && !pu[p] {
            gu[g] = true;
            pu[p] = true;
            n += 1;
        }
    }
    n
}

fn role_scores(gold: &[CharSet], pred: &[CharSet]) -> RoleScores {
    let dedup = |v: &[CharSet]| {
        let mut v: Vec<CharSet> = v.iter().filter(|s| !s.is_empty()).cloned().collect();
        v.sort();
        v.dedup();
        v
    };
    let (g, p) = (dedup(gold), dedup(pred));
    let exact = p.iter().filter(|x| g.binary_search(x).is_ok()).count();
    let soft = greedy(g.len(), p.len(), |i, j| {
        let s = jaccard(&g[i], &p[j]);
        (s >= 0.5).then_some(s)
    });
    RoleScores {
        exact: Prf { matched: exact, predicted: p.len(), gold: g.len() },
        soft: Prf { matched: soft, predicted: p.len(), gold: g.len() },
    }
}

struct Norm {
    source: Option<CharSet>,
    cue: CharSet,
    content: CharSet,
}

/// Scores one document's predicted relations against its gold.
pub fn score_document(text: &str, gold: &[BratRelation], pred: &[BratRelation]) -> Report {
    let chars: Vec<char> = text.chars().collect();
    let norm = |rs: &[BratRelation]| -> Vec<Norm> {
        rs.iter()
            .map(|r| Norm {
                source: r.source.as_ref().map(|s| normalise(&chars, s)).filter(|s| !s.is_empty()),
                cue: normalise(&chars, &r.cue),
                content: normalise(&chars, &r.content),
            })
            .collect()
    };
    let (g, p) = (norm(gold), norm(pred));
    let role = |f: &dyn Fn(&Norm) -> Option<CharSet>| {
        role_scores(&g.iter().filter_map(f).collect::<Vec<_>>(), &p.iter().filter_map(f).collect::<Vec<_>>())
    };
    let rel = greedy(g.len(), p.len(), |i, j| {
        let (a, b) = (&g[i], &p[j]);
        let cue = jaccard(&a.cue, &b.cue);
        let content = jaccard(&a.content, &b.content);
        let source = match (&a.source, &b.source) {
            (None, None) => 1.0,
            (Some(x), Some(y)) => jaccard(x, y),
            _ => 0.0,
        };
        (cue >= 0.5 && content >= 0.5 && source >= 0.5).then_some(cue + content + source)
    });
    Report {
        documents: 1,
        source: role(&|n| n.source.clone()),
        cue: role(&|n| Some(n.cue.clone())),
        content: role(&|n| Some(n.content.clone())),
        relation: Prf { matched: rel, predicted: p.len(), gold: g.len() },
    }
}

/// One gold article: its stem, text and relations (from the alphabetically
/// first annotator's file).
pub struct GoldDoc {
    pub stem: String,
    pub text: String,
    pub relations: Vec<BratRelation>,
}

/// Reads `dir/text/<stem>.txt` and `dir/attributions/<stem>_<annotator>.ann`
/// for every annotated article, sorted by stem.
pub fn load_gold(dir: &Path) -> Result<Vec<GoldDoc>, AttributionError> {
    load_annotations(dir, false)
}

/// Like [`load_gold`]; with `all_annotators`, one entry per annotator file
/// (more training data where an article was annotated several times).
pub fn load_annotations(dir: &Path, all_annotators: bool) -> Result<Vec<GoldDoc>, AttributionError> {
    let ann_dir = dir.join("attributions");
    let mut files: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for e in std::fs::read_dir(&ann_dir).map_err(|e| AttributionError::io(&ann_dir, e))? {
        let name = e.map_err(|e| AttributionError::io(&ann_dir, e))?.file_name().to_string_lossy().into_owned();
        let Some(base) = name.strip_suffix(".ann") else { continue };
        let Some((stem, _annotator)) = base.rsplit_once('_') else { continue };
        files.entry(stem.to_string()).or_default().push(name.clone());
    }
    files
        .into_iter()
        .flat_map(|(stem, mut names)| {
            names.sort();
            if !all_annotators {
                names.truncate(1);
            }
            names.into_iter().map(move |n| (stem.clone(), n))
        })
        .map(|(stem, file)| {
            let tp = dir.join("text").join(format!("{stem}.txt"));
            let text = std::fs::read_to_string(&tp).map_err(|e| AttributionError::io(&tp, e))?;
            let relations = read_ann(&ann_dir.join(file))?;
            Ok(GoldDoc { stem, text, relations })
        })
        .collect()
}

/// Scores predictions (keyed by article stem, code-point offsets) against the
/// gold in `gold_dir`. An article without predictions counts as predicting nothing.
pub fn evaluate(gold_dir: &Path, predictions: &HashMap<String, Vec<BratRelation>>) -> Result<Report, AttributionError> {
    let mut total = Report::default();
    for d in load_gold(gold_dir)? {
        let pred = predictions.get(&d.stem).map(Vec::as_slice).unwrap_or(&[]);
        total.add(&score_document(&d.text, &d.relations, pred));
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brat::parse_ann;

    const TEXT: &str = "Turkey said 7,500 people had left. “It is a lie,” said Bassem Ayoub, a council member.";

    fn check(gold: &str, pred: &str) -> Report {
        score_document(TEXT, &parse_ann(gold).unwrap(), &parse_ann(pred).unwrap())
    }

    const GOLD: &str = "T1\tSource 0 6\tTurkey\nT2\tCue 7 11\tsaid\nT3\tContent 12 34\t7,500 people had left.\n\
                        T4\tAttribution 7 11\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n\
                        T5\tContent 35 49\t“It is a lie,”\nT6\tCue 50 54\tsaid\nT7\tSource 55 85\tBassem Ayoub, a council member\n\
                        T8\tAttribution 50 54\tsaid\nE2\tAttribution:T8 Content:T5 Cue:T6 Source:T7\n";

    #[test]
    fn identical_annotations_score_one() {
        let r = check(GOLD, GOLD);
        for p in [r.source.exact, r.cue.exact, r.content.exact, r.content.soft, r.relation] {
            assert_eq!((p.matched, p.predicted, p.gold), (2, 2, 2));
            assert!((p.f1() - 1.0).abs() < 1e-9);
        }
    }

    #[test]
    fn edge_punctuation_is_ignored_but_words_are_not() {
        // content without the quotes and comma, source without the apposition
        let pred = "T1\tSource 55 67\tBassem Ayoub\nT2\tCue 50 54\tsaid\nT3\tContent 36 47\tIt is a lie\n\
                    T4\tAttribution 50 54\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n";
        let r = check(GOLD, pred);
        assert_eq!(r.content.exact.matched, 1);
        assert_eq!(r.cue.exact.matched, 1);
        assert_eq!(r.source.exact.matched, 0);
        // 12 of 30 characters: Jaccard 0.4 < 0.5, so the source misses softly too, and so does the relation
        assert_eq!(r.source.soft.matched, 0);
        assert_eq!(r.relation.matched, 0);
        assert_eq!((r.content.exact.predicted, r.content.exact.gold), (1, 2));
    }

    #[test]
    fn soft_match_and_missing_source() {
        // content "people had left" (15 of 21 trimmed chars), no source where gold has one
        let pred = "T2\tCue 7 11\tsaid\nT3\tContent 18 33\tpeople had left\n\
                    T4\tAttribution-no-source 7 11\tsaid\nE1\tAttribution-no-source:T4 Content:T3 Cue:T2\n";
        let r = check(GOLD, pred);
        assert_eq!(r.content.exact.matched, 0);
        assert_eq!(r.content.soft.matched, 1);
        assert_eq!(r.source.exact.predicted, 0);
        assert_eq!(r.relation.matched, 0, "gold has a source, prediction has none");
        let gold_ns = pred; // both lack a source: the relation matches
        assert_eq!(check(gold_ns, pred).relation.matched, 1);
    }

    #[test]
    fn discontinuous_spans_are_unions_and_matching_is_one_to_one() {
        let gold = "T1\tCue 7 11\tsaid\nT2\tContent 12 17;18 24\t7,500 people\nT3\tAttribution-no-source 7 11\tsaid\n\
                    E1\tAttribution-no-source:T3 Content:T2 Cue:T1\n";
        let pred = "T1\tCue 7 11\tsaid\nT2\tContent 12 24\t7,500 people\nT3\tAttribution-no-source 7 11\tsaid\n\
                    E1\tAttribution-no-source:T3 Content:T2 Cue:T1\n\
                    T4\tCue 7 11\tsaid\nT5\tContent 12 25\t7,500 people \nT6\tAttribution-no-source 7 11\tsaid\n\
                    E2\tAttribution-no-source:T6 Content:T5 Cue:T4\n";
        let r = check(gold, pred);
        // the space at 17 is covered by the prediction, not by the gold: 11/12 chars
        assert_eq!(r.content.exact.matched, 0);
        assert_eq!(r.content.soft.matched, 1);
        assert_eq!((r.cue.exact.matched, r.cue.exact.predicted), (1, 1), "duplicate cues count once");
        assert_eq!((r.relation.matched, r.relation.predicted), (1, 2), "one-to-one");
    }

    #[test]
    fn normalise_keeps_punctuation_only_cues() {
        let chars: Vec<char> = "Trump: “No.”".chars().collect();
        assert_eq!(normalise(&chars, &[(5, 6)]), vec![(5, 6)]);
        assert_eq!(normalise(&chars, &[(7, 12)]), vec![(8, 10)]);
        assert_eq!(normalise(&chars, &[(0, 3), (2, 5)]), vec![(0, 5)]);
        assert!((jaccard(&vec![(0, 4)], &vec![(2, 6)]) - 2.0 / 6.0).abs() < 1e-9);
    }
}
