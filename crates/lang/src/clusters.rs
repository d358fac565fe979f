//! Word clusters learned from unlabelled text, for the parser's features
//! (Koo et al. 2008): a coarse class works like a part-of-speech tag, a fine
//! one like a word that has been seen more often than the word itself.
//!
//! Status: tried as parser features (feature version 4, commit 5d5bc6f) and
//! dropped — no dev gain with clusters learned from the treebank's own text
//! (SCORES.md log 7). Kept, tested, for a larger unlabelled corpus.
//!
//! Learned with the exchange algorithm (Kneser & Ney 1993; Martin et al. 1998;
//! Uszkoreit & Brants 2008), once per granularity: each word moves to the
//! class that most raises the likelihood of a class bigram model, until few
//! words move. Written by hand because no maintained Rust crate does Brown or
//! exchange clustering (the `word2vec` crate only reads cluster files); the
//! exchange algorithm rather than Brown's agglomerative one because it is far
//! simpler, runs in seconds on the ~900k training words, and two flat
//! granularities give the coarse/fine pair the parser uses.
//!
//! Words are keyed like the parser keys them: FNV-1a over ASCII-lowercased
//! bytes ([`word_key`]), so a lookup costs no allocation.
//!
//! File (`models/clusters.tsv`): a header `#clusters<TAB>K_COARSE<TAB>K_FINE`,
//! then `word<TAB>coarse<TAB>fine<TAB>count` a line, most frequent first.

use crate::LangError;
use std::collections::HashMap;
use crate::hash::IdHasher;
use std::hash::BuildHasherDefault;
use std::path::Path;

/// The cluster file shipped beside the parser (the input of `train_parser`).
pub const SHIPPED_TSV: &str = include_str!("../models/clusters.tsv");

/// Key of a word: FNV-1a over its bytes with ASCII letters lowercased (the
/// same hash the parser gives words, so the two agree on every word).
pub fn word_key(w: &str) -> u64 {
    crate::hash::fnv_lower(w)
}


/// Word key → (coarse, fine) class.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Clusters {
    map: HashMap<u64, [u16; 2], BuildHasherDefault<IdHasher>>,
    /// Number of coarse and fine classes.
    pub sizes: [u16; 2],
}

impl Clusters {
    /// (coarse, fine) class of the word with key `k` (see [`word_key`]).
    #[inline]
    pub fn get(&self, k: u64) -> Option<[u16; 2]> {
        self.map.get(&k).copied()
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The clusters shipped in `models/clusters.tsv`.
    pub fn shipped() -> Result<Clusters, LangError> {
        Clusters::parse_tsv(SHIPPED_TSV, Path::new("crates/lang/models/clusters.tsv"))
    }

    /// Reads a cluster file (see the module docs); errors name `path` and the line.
    pub fn read_tsv(path: &Path) -> Result<Clusters, LangError> {
        let text = std::fs::read_to_string(path).map_err(|source| LangError::Io { path: path.to_path_buf(), source })?;
        Clusters::parse_tsv(&text, path)
    }

    /// Parses cluster-file text; `path` only names the file in errors.
    pub fn parse_tsv(text: &str, path: &Path) -> Result<Clusters, LangError> {
        let err = |line: usize, message: String| LangError::Format { path: path.to_path_buf(), line, message };
        let mut lines = text.lines().enumerate();
        let (_, head) = lines.next().ok_or_else(|| err(1, "empty cluster file".into()))?;
        let sizes: Vec<u16> = match head.split('\t').collect::<Vec<_>>().as_slice() {
            ["#clusters", a, b] => [a, b].iter().map(|s| s.parse::<u16>()).collect::<Result<_, _>>().map_err(|e| err(1, format!("bad class count: {e}")))?,
            _ => return Err(err(1, format!("expected header `#clusters<TAB>K_COARSE<TAB>K_FINE`, found {head:?}"))),
        };
        let sizes = [sizes.first().copied().unwrap_or(0), sizes.get(1).copied().unwrap_or(0)];
        let mut c = Clusters { map: HashMap::default(), sizes };
        for (i, line) in lines {
            if line.is_empty() {
                continue;
            }
            let mut f = line.split('\t');
            let (Some(w), Some(a), Some(b)) = (f.next(), f.next(), f.next()) else {
                return Err(err(i + 1, format!("expected word<TAB>coarse<TAB>fine[<TAB>count], found {line:?}")));
            };
            let mut ids = [0u16; 2];
            for (slot, (s, k)) in ids.iter_mut().zip([(a, sizes[0]), (b, sizes[1])]) {
                *slot = s.parse::<u16>().ok().filter(|&x| x < k).ok_or_else(|| err(i + 1, format!("class {s:?} is not below {k}")))?;
            }
            if c.map.insert(word_key(w), ids).is_some() {
                return Err(err(i + 1, format!("word {w:?} listed twice (or folds to the same lowercase form)")));
            }
        }
        Ok(c)
    }

    /// Compact form embedded in the parser model: sizes, count, then
    /// (key u64, coarse u16, fine u16) per word in key order (little-endian).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut rows: Vec<(u64, [u16; 2])> = self.map.iter().map(|(&k, &v)| (k, v)).collect();
        rows.sort_unstable_by_key(|r| r.0);
        let mut out = Vec::with_capacity(8 + rows.len() * 12);
        out.extend_from_slice(&self.sizes[0].to_le_bytes());
        out.extend_from_slice(&self.sizes[1].to_le_bytes());
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        for (k, [a, b]) in rows {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&a.to_le_bytes());
            out.extend_from_slice(&b.to_le_bytes());
        }
        out
    }

    /// Inverse of [`Clusters::to_bytes`]; `name` names the containing model in errors.
    pub fn from_bytes(bytes: &[u8], name: &str) -> Result<Clusters, LangError> {
        let bad = |m: String| LangError::model(name, format!("cluster table: {m}"));
        let u16_at = |i: usize| bytes.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]));
        let (Some(ka), Some(kb), Some(n)) = (u16_at(0), u16_at(2), bytes.get(4..8)) else {
            return Err(bad("truncated header".into()));
        };
        let n = u32::from_le_bytes([n[0], n[1], n[2], n[3]]) as usize;
        let body = &bytes[8..];
        if Some(body.len()) != n.checked_mul(12) {
            return Err(bad(format!("{} bytes for {n} words (expected 12 each)", body.len())));
        }
        let mut map = HashMap::with_capacity_and_hasher(n, BuildHasherDefault::default());
        for r in body.chunks_exact(12) {
            let mut k = [0u8; 8];
            k.copy_from_slice(&r[..8]);
            let (a, b) = (u16::from_le_bytes([r[8], r[9]]), u16::from_le_bytes([r[10], r[11]]));
            if a >= ka || b >= kb {
                return Err(bad(format!("class ({a}, {b}) outside ({ka}, {kb})")));
            }
            map.insert(u64::from_le_bytes(k), [a, b]);
        }
        Ok(Clusters { map, sizes: [ka, kb] })
    }
}

/// Word types and bigram counts of a corpus, over lowercased words seen at
/// least `min_count` times; rarer words all become one `<rare>` type (so
/// their contexts still count), which is never written out.
pub struct Corpus {
    /// Types, most frequent first (ties by spelling, for reproducibility).
    pub words: Vec<String>,
    pub counts: Vec<u32>,
    /// Per type: (next type, count) and (previous type, count) within sentences.
    right: Vec<Vec<(u32, u32)>>,
    left: Vec<Vec<(u32, u32)>>,
    rare: Option<u32>,
    bigrams: u64,
}

pub const RARE: &str = "<rare>";

impl Corpus {
    pub fn new<S: AsRef<str>>(sentences: &[Vec<S>], min_count: u32) -> Corpus {
        let norm = |w: &str| w.to_ascii_lowercase();
        let mut freq: HashMap<String, u32> = HashMap::new();
        for s in sentences {
            for w in s {
                *freq.entry(norm(w.as_ref())).or_default() += 1;
            }
        }
        let mut rare_n = 0u32;
        let mut kept: Vec<(String, u32)> = Vec::new();
        for (w, n) in freq {
            if n >= min_count {
                kept.push((w, n));
            } else {
                rare_n += n;
            }
        }
        if rare_n > 0 {
            kept.push((RARE.to_string(), rare_n));
        }
        kept.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let id: HashMap<&str, u32> = kept.iter().enumerate().map(|(i, (w, _))| (w.as_str(), i as u32)).collect();
        let rare = id.get(RARE).copied();
        let mut pairs: HashMap<(u32, u32), u32> = HashMap::new();
        let mut bigrams = 0u64;
        for s in sentences {
            let ids: Vec<u32> = s.iter().filter_map(|w| id.get(norm(w.as_ref()).as_str()).copied().or(rare)).collect();
            for p in ids.windows(2) {
                *pairs.entry((p[0], p[1])).or_default() += 1;
                bigrams += 1;
            }
        }
        let v = kept.len();
        let (mut right, mut left) = (vec![Vec::new(); v], vec![Vec::new(); v]);
        let mut pairs: Vec<((u32, u32), u32)> = pairs.into_iter().collect();
        pairs.sort_unstable();
        for ((a, b), n) in pairs {
            right[a as usize].push((b, n));
            left[b as usize].push((a, n));
        }
        let (words, counts) = kept.into_iter().unzip();
        Corpus { words, counts, right, left, rare, bigrams }
    }

    /// Whether type `i` is the `<rare>` stand-in.
    pub fn is_rare(&self, i: usize) -> bool {
        self.rare == Some(i as u32)
    }
}

/// Class per word type after the exchange algorithm with `k` classes,
/// stopping after `max_iters` passes or when under 0.1% of the types move.
/// `on_pass(pass, moved)` reports progress.
pub fn exchange(c: &Corpus, k: usize, max_iters: usize, mut on_pass: impl FnMut(usize, usize)) -> Vec<u16> {
    let v = c.words.len();
    let k = k.clamp(1, u16::MAX as usize);
    // Frequency-ranked round robin: the k most frequent words start apart.
    let mut class: Vec<u16> = (0..v).map(|i| (i % k) as u16).collect();
    // n[a*k+b] = bigrams of class a followed by class b; nt is its transpose
    // (column reads become row reads); nl/nr: class counts as left/right item.
    let mut n = vec![0i64; k * k];
    let mut nt = vec![0i64; k * k];
    let (mut nl, mut nr) = (vec![0i64; k], vec![0i64; k]);
    for (a, row) in c.right.iter().enumerate() {
        for &(b, cnt) in row {
            let (ca, cb) = (class[a] as usize, class[b as usize] as usize);
            n[ca * k + cb] += cnt as i64;
            nt[cb * k + ca] += cnt as i64;
            nl[ca] += cnt as i64;
            nr[cb] += cnt as i64;
        }
    }
    // x ln x for every count that can occur (counts never exceed the bigram total).
    let flog: Vec<f64> = (0..=c.bigrams as usize).map(|x| if x == 0 { 0.0 } else { x as f64 * (x as f64).ln() }).collect();
    let f = |x: i64| flog.get(x.max(0) as usize).copied().unwrap_or(0.0);
    let (mut rr, mut ll) = (vec![0i64; k], vec![0i64; k]);
    let (mut tr, mut tl): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    for pass in 1..=max_iters {
        let mut moved = 0usize;
        for w in 0..v {
            // Class counts of w's neighbours (self-bigrams apart).
            let mut self_n = 0i64;
            for &(x, cnt) in c.right.get(w).map(Vec::as_slice).unwrap_or(&[]) {
                if x as usize == w {
                    self_n += cnt as i64;
                    continue;
                }
                let cx = class[x as usize] as usize;
                if rr[cx] == 0 {
                    tr.push(cx);
                }
                rr[cx] += cnt as i64;
            }
            for &(x, cnt) in c.left.get(w).map(Vec::as_slice).unwrap_or(&[]) {
                if x as usize == w {
                    continue;
                }
                let cx = class[x as usize] as usize;
                if ll[cx] == 0 {
                    tl.push(cx);
                }
                ll[cx] += cnt as i64;
            }
            let wl = tr.iter().map(|&x| rr[x]).sum::<i64>() + self_n;
            let wr = tl.iter().map(|&x| ll[x]).sum::<i64>() + self_n;
            let old = class[w] as usize;
            // Move w's bigrams in or out of class `a` (sign ±1).
            let shift = |a: usize, sign: i64, n: &mut [i64], nt: &mut [i64], nl: &mut [i64], nr: &mut [i64]| {
                for &x in &tr {
                    n[a * k + x] += sign * rr[x];
                    nt[x * k + a] += sign * rr[x];
                }
                for &x in &tl {
                    n[x * k + a] += sign * ll[x];
                    nt[a * k + x] += sign * ll[x];
                }
                n[a * k + a] += sign * self_n;
                nt[a * k + a] += sign * self_n;
                nl[a] += sign * wl;
                nr[a] += sign * wr;
            };
            shift(old, -1, &mut n, &mut nt, &mut nl, &mut nr);
            // Gain in Σ f(N(a,b)) − Σ f(Nl(a)) − Σ f(Nr(a)) of adding w to each class.
            let (mut best, mut best_gain) = (old, f64::NEG_INFINITY);
            for cand in 0..k {
                let row = &n[cand * k..cand * k + k];
                let col = &nt[cand * k..cand * k + k];
                let mut g = 0.0;
                for &x in &tr {
                    if x != cand {
                        g += f(row[x] + rr[x]) - f(row[x]);
                    }
                }
                for &x in &tl {
                    if x != cand {
                        g += f(col[x] + ll[x]) - f(col[x]);
                    }
                }
                let diag = row[cand];
                g += f(diag + rr[cand] + ll[cand] + self_n) - f(diag);
                g -= f(nl[cand] + wl) - f(nl[cand]);
                g -= f(nr[cand] + wr) - f(nr[cand]);
                // Strictly better only, with the old class first: no churn on ties.
                if g > best_gain + 1e-9 || (cand == old && g >= best_gain - 1e-9) {
                    best = cand;
                    best_gain = g;
                }
            }
            shift(best, 1, &mut n, &mut nt, &mut nl, &mut nr);
            if best != old {
                class[w] = best as u16;
                moved += 1;
            }
            for &x in &tr {
                rr[x] = 0;
            }
            for &x in &tl {
                ll[x] = 0;
            }
            tr.clear();
            tl.clear();
        }
        on_pass(pass, moved);
        if moved * 1000 < v.max(1) {
            break;
        }
    }
    class
}

/// Writes a cluster file from a corpus and its coarse/fine classes.
pub fn write_tsv(c: &Corpus, sizes: [usize; 2], coarse: &[u16], fine: &[u16]) -> String {
    let mut out = format!("#clusters\t{}\t{}\n", sizes[0], sizes[1]);
    for (i, w) in c.words.iter().enumerate() {
        // Tabs or newlines inside a token would break the format; PTB tokens have none.
        if c.is_rare(i) || w.contains(['\t', '\n', '\r']) || w.is_empty() {
            continue;
        }
        let (Some(a), Some(b), Some(n)) = (coarse.get(i), fine.get(i), c.counts.get(i)) else { continue };
        out.push_str(&format!("{w}\t{a}\t{b}\t{n}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Determiners, nouns and verbs in a rigid "det noun verb" language: with
    /// three classes the exchange algorithm must recover the three groups.
    #[test]
    fn exchange_finds_obvious_groups() {
        let (dets, nouns, verbs) = (["the", "a", "this"], ["cat", "dog", "army", "town"], ["runs", "sleeps", "fell"]);
        let mut sents = Vec::new();
        for d in dets {
            for n in nouns {
                for v in verbs {
                    sents.push(vec![d, n, v, d, n]);
                }
            }
        }
        let c = Corpus::new(&sents, 1);
        let cls = exchange(&c, 3, 20, |_, _| {});
        let of = |w: &str| cls[c.words.iter().position(|x| x == w).unwrap()];
        for group in [&dets[..], &nouns[..], &verbs[..]] {
            assert!(group.iter().all(|w| of(w) == of(group[0])), "{group:?}: {:?}", group.iter().map(|w| of(w)).collect::<Vec<_>>());
        }
        assert_ne!(of("the"), of("cat"));
        assert_ne!(of("cat"), of("runs"));
        assert_ne!(of("the"), of("runs"));
    }

    #[test]
    fn rare_words_pool_and_tsv_roundtrips() {
        let sents = vec![vec!["The", "war", "ended"], vec!["the", "war", "began"], vec!["the", "war", "ended"]];
        let c = Corpus::new(&sents, 2);
        assert_eq!(c.words[..2], ["the", "war"]);
        assert!(c.words.iter().any(|w| w == RARE)); // "began" (once)
        let coarse = exchange(&c, 2, 5, |_, _| {});
        let fine = exchange(&c, 3, 5, |_, _| {});
        let tsv = write_tsv(&c, [2, 3], &coarse, &fine);
        assert!(!tsv.contains(RARE));
        let cl = Clusters::parse_tsv(&tsv, Path::new("t.tsv")).unwrap();
        assert_eq!(cl.len(), 3); // the, war, ended
        assert_eq!(cl.get(word_key("THE")), cl.get(word_key("the")));
        assert!(cl.get(word_key("began")).is_none());
        let back = Clusters::from_bytes(&cl.to_bytes(), "test").unwrap();
        assert_eq!(back, cl);
    }

    #[test]
    fn malformed_files_name_the_line() {
        let p = Path::new("c.tsv");
        let e = Clusters::parse_tsv("#clusters\t4\t8\nwar\t1\t9\n", p).unwrap_err().to_string();
        assert!(e.contains("c.tsv:2") && e.contains("below 8"), "{e}");
        assert!(Clusters::parse_tsv("word\t1\t2\n", p).unwrap_err().to_string().contains("c.tsv:1"));
        assert!(Clusters::parse_tsv("#clusters\t4\t8\nwar\t1\n", p).is_err());
        assert!(Clusters::parse_tsv("#clusters\t4\t8\nwar\t1\t2\nWar\t1\t2\n", p).is_err());
        assert!(Clusters::parse_tsv("", p).is_err());
        let ok = Clusters::parse_tsv("#clusters\t4\t8\nwar\t1\t2\n", p).unwrap();
        let b = ok.to_bytes();
        for cut in [0, 3, 7, b.len() - 1] {
            assert!(Clusters::from_bytes(&b[..cut], "parser").is_err());
        }
    }

    #[test]
    fn shipped_file_parses() {
        let c = Clusters::shipped().expect("models/clusters.tsv is malformed");
        assert!(c.sizes[0] >= 2 && c.sizes[1] > c.sizes[0]);
    }
}
