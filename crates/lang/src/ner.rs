//! Entity recogniser: greedy left-to-right averaged perceptron over BILOU
//! labels. CoreNLP's column is IO (a run of same-type tokens is one entity):
//! runs are turned into BILOU for learning — position in the entity is a
//! useful signal — and predictions are turned back into IO runs. Features:
//! word, affixes, shapes in a ±1 window, predicted POS ±1, ±2 words, lexicon
//! classes (the cluster stand-in), the two previous predicted labels, and the
//! type this word last received in the same document (keeps "Clinton"
//! consistent after "Hillary Clinton").

use crate::hash::{f1, f2, f3};
use crate::perceptron::Trainer;
use crate::sparse::Sparse;
use crate::tags::ENTITY_TYPES;
use crate::token::{Tok, F_UPPER_INITIAL};
use std::collections::HashMap;

const START: u64 = 0x5354_4152;
const END: u64 = 0x454e_4444;
const LABEL_START: u8 = 254;

/// Number of BILOU classes: `O`, then B, I, L, U per entity type.
pub const N_LABELS: usize = 4 * ENTITY_TYPES.len() + 1;

/// IO label (0 or 1 + type) of a BILOU class.
#[inline]
fn io_of(y: u8) -> u8 {
    if y == 0 {
        0
    } else {
        (y - 1) / 4 + 1
    }
}

/// BILOU classes of IO labels.
pub fn bilou(io: &[u8]) -> Vec<u8> {
    let mut out = vec![0u8; io.len()];
    for (s, e, t) in spans(io) {
        let base = 1 + 4 * t;
        if e - s == 1 {
            out[s] = base + 3;
        } else {
            out[s] = base;
            out[s + 1..e - 1].iter_mut().for_each(|y| *y = base + 1);
            out[e - 1] = base + 2;
        }
    }
    out
}

/// Types given to words earlier in the same document (by lower-case key).
#[derive(Default)]
pub struct DocMemory {
    seen: HashMap<u64, u8>,
}

impl DocMemory {
    fn get(&self, t: &Tok) -> u64 {
        self.seen.get(&t.lower).copied().unwrap_or(255) as u64
    }
    fn learn(&mut self, toks: &[Tok], io: &[u8]) {
        for (t, &y) in toks.iter().zip(io) {
            if y != 0 && t.flags & F_UPPER_INITIAL != 0 {
                self.seen.insert(t.lower, y);
            }
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Ner {
    pub(crate) model: Sparse,
}

#[inline]
fn at<T: Copy>(v: &[T], i: isize, edge: T) -> T {
    if i < 0 {
        edge
    } else {
        v.get(i as usize).copied().unwrap_or(edge)
    }
}

/// Features of token `i` given POS tags of the sentence and the two previous labels.
pub(crate) fn features(toks: &[Tok], pos: &[u8], i: usize, l1: u8, l2: u8, mem: &DocMemory, out: &mut Vec<u64>) {
    out.clear();
    let Some(t) = toks.get(i) else { return };
    let ii = i as isize;
    let tok = |d: isize| -> Option<&Tok> {
        if ii + d < 0 {
            None
        } else {
            toks.get((ii + d) as usize)
        }
    };
    let lower = |d: isize| tok(d).map(|t| t.lower).unwrap_or(if d < 0 { START } else { END });
    let form = |d: isize| tok(d).map(|t| t.form).unwrap_or(if d < 0 { START } else { END });
    let shape = |d: isize| tok(d).map(|t| t.shape).unwrap_or(if d < 0 { START } else { END });
    let class = |d: isize| {
        tok(d)
            .map(|t| t.lex.class as u64)
            .unwrap_or(if d < 0 { START } else { END })
    };
    let p = |d: isize| at(pos, ii + d, 250) as u64;
    let ent = |d: isize| tok(d).map(|t| t.lex.ent as u64).unwrap_or(if d < 0 { START } else { END });
    let (l1, l2) = (l1 as u64, l2 as u64);
    out.extend_from_slice(&[
        f1(0, 0),
        f1(1, t.form),
        f1(2, t.lower),
        f1(3, t.suf[0]),
        f1(4, t.suf[1]),
        f1(5, t.suf[2]),
        f1(6, t.pre[0]),
        f1(7, t.pre[1]),
        f1(8, t.pre[2]),
        f1(9, t.shape),
        f1(10, p(0)),
        f2(11, p(-1), p(0)),
        f2(12, p(0), p(1)),
        f1(13, l1),
        f2(14, l2, l1),
        f2(15, l1, t.form),
        f2(16, l1, t.shape),
        f1(17, lower(-1)),
        f1(18, lower(-2)),
        f1(19, lower(1)),
        f1(20, lower(2)),
        f1(21, shape(-1)),
        f1(22, shape(1)),
        f3(23, shape(-1), t.shape, shape(1)),
        f1(24, class(0)),
        f2(25, class(-1), class(0)),
        f2(26, class(0), class(1)),
        f2(27, lower(-1), t.lower),
        f2(28, t.lower, lower(1)),
        f2(29, p(0), t.shape),
        f2(30, (i == 0) as u64, t.shape),
        f2(31, l1, p(0)),
        f1(32, form(-1)),
        f1(33, form(1)),
        f3(34, p(-1), p(0), p(1)),
        f2(35, t.lex.tag1 as u64, t.lex.tag2 as u64),
        f2(36, l1, lower(1)),
        f2(37, class(0), (t.flags & F_UPPER_INITIAL) as u64),
        f3(38, l1, p(0), p(1)),
        f2(39, t.len as u64, t.shape),
        f1(40, mem.get(t)),
        f3(41, mem.get(t), t.shape, l1),
        f2(42, mem.get(t), tok(1).map(|t| mem.get(t)).unwrap_or(256)),
        f1(43, tok(1).map(|t| t.suf[2]).unwrap_or(END)),
        f2(44, l1, form(1)),
        f1(45, ent(0)),
        f2(46, ent(0), t.shape),
        f2(47, ent(-1), ent(0)),
        f2(48, ent(0), ent(1)),
        f2(49, l1, ent(0)),
        f3(50, ent(-1), ent(0), ent(1)),
    ]);
    // The capitalised run around the token: organisations are recognised by
    // their last word ("... Committee", "Ministry of ...") and by what comes
    // before ("the") or after the whole name, which a ±2 window misses.
    let run = cap_run(toks, i);
    let (first, last, before, after, place, len) = match run {
        Some((a, b)) => {
            let place = if b - a == 1 { 3 } else if i == a { 0 } else if i + 1 == b { 2 } else { 1 };
            let lw = |k: Option<usize>, edge| k.and_then(|k| toks.get(k)).map(|t| t.lower).unwrap_or(edge);
            (lw(Some(a), END), lw(Some(b - 1), END), lw(a.checked_sub(1), START), lw(Some(b), END), place, (b - a).min(5) as u64)
        }
        None => (NO_RUN, NO_RUN, NO_RUN, NO_RUN, 9, 0),
    };
    let last_tok = run.and_then(|(_, b)| toks.get(b - 1));
    out.extend_from_slice(&[
        f1(51, last),
        f2(52, last, place),
        f1(53, before),
        f2(54, before, last),
        f2(55, after, place),
        f3(56, len, place, t.shape),
        f2(57, first, place),
        f2(58, last_tok.map(|t| t.suf[2]).unwrap_or(NO_RUN), place),
        f2(59, last_tok.map(|t| t.lex.ent as u64).unwrap_or(NO_RUN), place),
        f2(60, before, t.lower),
    ]);
}

const NO_RUN: u64 = 0x4e4f_5255;
/// Longest stretch scanned each way for a capitalised run (bounds the cost
/// on all-caps text).
const MAX_RUN: usize = 8;

/// FNV-1a at compile time (same function as `hash::fnv`).
const fn fnv_const(s: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    let mut i = 0;
    while i < s.len() {
        h ^= s[i] as u64;
        h = h.wrapping_mul(0x100000001b3);
        i += 1;
    }
    h
}

/// Lower-case words that may join capitalised words into one name.
const LINKS: [u64; 5] = [fnv_const(b"of"), fnv_const(b"for"), fnv_const(b"and"), fnv_const(b"&"), fnv_const(b"de")];

/// `(start, end)` of the run of capitalised tokens containing `i` (joined by
/// a link word between two capitalised tokens), or None when `i` is not in one.
fn cap_run(toks: &[Tok], i: usize) -> Option<(usize, usize)> {
    let cap = |k: usize| toks.get(k).is_some_and(|t| t.flags & F_UPPER_INITIAL != 0);
    let inside = |k: usize| {
        cap(k) || (k > 0 && cap(k - 1) && cap(k + 1) && toks.get(k).is_some_and(|t| LINKS.contains(&t.lower)))
    };
    if !inside(i) {
        return None;
    }
    let mut a = i;
    while a > 0 && i - a < MAX_RUN && inside(a - 1) {
        a -= 1;
    }
    let mut b = i + 1;
    while b < toks.len() && b - i < MAX_RUN && inside(b) {
        b += 1;
    }
    Some((a, b))
}

/// Lower-case particles inside names ("Staffan de Mistura", "Osama bin Laden",
/// "Ursula von der Leyen", "Rio de Janeiro").
const PARTICLES: [u64; 15] = [
    fnv_const(b"de"),
    fnv_const(b"van"),
    fnv_const(b"von"),
    fnv_const(b"der"),
    fnv_const(b"den"),
    fnv_const(b"bin"),
    fnv_const(b"ibn"),
    fnv_const(b"da"),
    fnv_const(b"di"),
    fnv_const(b"del"),
    fnv_const(b"della"),
    fnv_const(b"dos"),
    fnv_const(b"du"),
    fnv_const(b"la"),
    fnv_const(b"le"),
];

/// Joins a name split at its lower-case particle: an entity word, one or two
/// particles, then a capitalised word take the first entity's type, up to the
/// end of the entity (or capitalised run, at most two words) after them.
/// CoreNLP's silver layer keeps every such name whole (all 26 cases between
/// capitalised words in PolNeAR train), but they are too rare for the
/// perceptron to learn: it labelled "Staffan" a person and "Mistura" a place.
fn join_particles(toks: &[Tok], out: &mut [u8]) {
    let cap = |k: usize| toks.get(k).is_some_and(|t| t.flags & F_UPPER_INITIAL != 0);
    let part = |k: usize| toks.get(k).is_some_and(|t| t.flags & F_UPPER_INITIAL == 0 && PARTICLES.contains(&t.lower));
    let mut k = 1;
    while k < out.len() {
        let y = out[k - 1];
        if y == 0 || !cap(k - 1) || !part(k) {
            k += 1;
            continue;
        }
        let mut j = k + 1;
        if part(j) {
            j += 1;
        }
        if !cap(j) {
            k = j;
            continue;
        }
        let right = out[j];
        let mut e = j + 1;
        while e < out.len() && cap(e) && out[e] == right && (right != 0 || e < j + 2) {
            e += 1;
        }
        out[k..e].fill(y);
        k = e;
    }
}

/// IO label of ORGANIZATION (1 + its index in `ENTITY_TYPES`).
const ORG: u8 = 2;
const OF: u64 = fnv_const(b"of");
const FOR: u64 = fnv_const(b"for");

/// Joins two organisation names linked by "of" or "for" ("Syrian Observatory"
/// "for" "Human Rights"): CoreNLP's silver layer never splits them (455 joined,
/// 0 split in PolNeAR train), while people ("Murray of Christie") stay apart.
fn join_org_links(toks: &[Tok], out: &mut [u8]) {
    for k in 1..out.len().saturating_sub(1) {
        let link = toks.get(k).is_some_and(|t| t.lower == OF || t.lower == FOR);
        let next_cap = toks.get(k + 1).is_some_and(|t| t.flags & F_UPPER_INITIAL != 0);
        if link && next_cap && out.get(k - 1) == Some(&ORG) && out.get(k + 1) == Some(&ORG) {
            if let Some(y) = out.get_mut(k) {
                *y = ORG;
            }
        }
    }
}

impl Ner {
    /// Labels one sentence of a document; `out` gets IO labels: 0 (`O`) or
    /// `1 + entity type` per token. `mem` carries what earlier sentences of
    /// the same document were labelled.
    pub fn label(&self, toks: &[Tok], pos: &[u8], mem: &mut DocMemory, feats: &mut Vec<u64>, out: &mut Vec<u8>) {
        out.clear();
        let n = self.model.n_classes().min(N_LABELS);
        let mut scores = [0f32; 64];
        let (mut l1, mut l2) = (LABEL_START, LABEL_START);
        for i in 0..toks.len() {
            features(toks, pos, i, l1, l2, mem, feats);
            let s = &mut scores[..n];
            s.iter_mut().for_each(|x| *x = 0.0);
            self.model.add_scores(feats, s);
            let y = crate::perceptron::argmax(s, None) as u8;
            out.push(io_of(y));
            (l2, l1) = (l1, y);
        }
        join_particles(toks, out);
        join_org_links(toks, out);
        mem.learn(toks, out);
    }
}

/// Entity spans `(first token, end token exclusive, type)` from IO labels:
/// maximal runs of one type.
pub fn spans(labels: &[u8]) -> Vec<(usize, usize, u8)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < labels.len() {
        let y = labels[i];
        let mut j = i + 1;
        while j < labels.len() && labels[j] == y {
            j += 1;
        }
        if y != 0 {
            out.push((i, j, y - 1));
        }
        i = j;
    }
    out
}

/// A training sentence: tokens, POS tags, gold IO labels.
pub type Example = (Vec<Tok>, Vec<u8>, Vec<u8>);

/// Trains on documents (lists of sentences, in order: the document memory
/// needs them so); documents are shuffled each epoch.
pub fn train(docs: &[Vec<Example>], epochs: usize, seed: u64, mut on_epoch: impl FnMut(usize, f64)) -> Trainer {
    let mut tr = Trainer::new(N_LABELS);
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut feats = Vec::with_capacity(80);
    let mut io = Vec::new();
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &di in &order {
            let mut mem = DocMemory::default();
            for (toks, pos, gold_io) in &docs[di] {
                let gold = bilou(gold_io);
                let (mut l1, mut l2) = (LABEL_START, LABEL_START);
                io.clear();
                for (i, &g) in gold.iter().enumerate() {
                    features(toks, pos, i, l1, l2, &mem, &mut feats);
                    let guess = tr.predict(&feats, None) as u8;
                    tr.update(&feats, g as usize, guess as usize);
                    tr.tick();
                    right += (guess == g) as usize;
                    total += 1;
                    io.push(io_of(guess));
                    (l2, l1) = (l1, guess);
                }
                mem.learn(toks, &io);
            }
        }
        on_epoch(epoch, right as f64 / total.max(1) as f64);
    }
    tr
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitalised_runs_join_link_words() {
        let lex = crate::lexicon::Lexicon::default();
        let mut s = String::new();
        let words = ["the", "Ministry", "of", "Defence", "said", "of", "Syria"];
        let toks: Vec<Tok> = words.iter().map(|w| crate::token::analyse(w, true, true, &lex, &mut s)).collect();
        assert_eq!(cap_run(&toks, 2), Some((1, 4)));
        assert_eq!(cap_run(&toks, 5), None); // "of" without a name on both sides
        assert_eq!(cap_run(&toks, 1), Some((1, 4)));
        assert_eq!(cap_run(&toks, 3), Some((1, 4)));
        assert_eq!(cap_run(&toks, 6), Some((6, 7)));
        assert_eq!(cap_run(&toks, 0), None);
        assert_eq!(fnv_const(b"of"), crate::hash::fnv(b"of"));
    }

    #[test]
    fn names_stay_whole_across_their_particles() {
        let lex = crate::lexicon::Lexicon::default();
        let mut s = String::new();
        let mut toks = |words: &[&str]| -> Vec<Tok> { words.iter().map(|w| crate::token::analyse(w, true, true, &lex, &mut s)).collect() };
        // Staffan/PERSON de/O Mistura/LOCATION welcomed/O -> one person.
        let t = toks(&["Staffan", "de", "Mistura", "welcomed", "it"]);
        let mut y = vec![1, 0, 3, 0, 0];
        join_particles(&t, &mut y);
        assert_eq!(y, vec![1, 1, 1, 0, 0]);
        // Two particles, and an unlabelled capitalised word after them.
        let t = toks(&["Ursula", "von", "der", "Leyen", "said"]);
        let mut y = vec![1, 0, 0, 0, 0];
        join_particles(&t, &mut y);
        assert_eq!(y, vec![1, 1, 1, 1, 0]);
        // No entity before, or no capitalised word after: unchanged.
        let t = toks(&["the", "de", "Gaulle", "Obama", "de", "facto"]);
        let mut y = vec![0, 0, 1, 1, 0, 0];
        join_particles(&t, &mut y);
        assert_eq!(y, vec![0, 0, 1, 1, 0, 0]);
        assert_eq!(fnv_const(b"von"), crate::hash::fnv(b"von"));
    }

    #[test]
    fn organisations_linked_by_of_or_for_are_one() {
        let lex = crate::lexicon::Lexicon::default();
        let mut s = String::new();
        let words = ["the", "Syrian", "Observatory", "for", "Human", "Rights", "and", "Murray", "of", "Christie"];
        let t: Vec<Tok> = words.iter().map(|w| crate::token::analyse(w, true, true, &lex, &mut s)).collect();
        assert_eq!(ENTITY_TYPES.get(ORG as usize - 1), Some(&"ORGANIZATION"));
        let mut y = vec![0, 2, 2, 0, 2, 2, 0, 1, 0, 1];
        join_org_links(&t, &mut y);
        assert_eq!(y, vec![0, 2, 2, 2, 2, 2, 0, 1, 0, 1]);
    }

    #[test]
    fn runs_become_spans() {
        assert_eq!(spans(&[0, 1, 1, 3, 0, 3]), vec![(1, 3, 0), (3, 4, 2), (5, 6, 2)]);
        assert!(spans(&[]).is_empty());
        let b = bilou(&[0, 1, 1, 1, 3, 0]);
        assert_eq!(b, vec![0, 1, 2, 3, 4 * 2 + 4, 0]);
        assert_eq!(b.iter().map(|&y| io_of(y)).collect::<Vec<_>>(), vec![0, 1, 1, 1, 3, 0]);
    }
}
