//! Entity recogniser: greedy left-to-right averaged perceptron over IO labels
//! (`O` or an entity type per token), which is exactly what CoreNLP's column
//! holds: a run of same-type tokens is one entity. Features: word, affixes,
//! shapes in a ±1 window, predicted POS ±1, ±2 words, lexicon classes (the
//! cluster stand-in) and the two previous predicted labels.

use crate::hash::{f1, f2, f3};
use crate::perceptron::Trainer;
use crate::sparse::Sparse;
use crate::tags::ENTITY_TYPES;
use crate::token::{Tok, F_UPPER_INITIAL};

const START: u64 = 0x5354_4152;
const END: u64 = 0x454e_4444;
const LABEL_START: u8 = 254;

/// Number of IO classes: `O` plus one per entity type.
pub const N_LABELS: usize = ENTITY_TYPES.len() + 1;

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
pub(crate) fn features(toks: &[Tok], pos: &[u8], i: usize, l1: u8, l2: u8, out: &mut Vec<u64>) {
    out.clear();
    let Some(t) = toks.get(i) else { return };
    let ii = i as isize;
    let tok = |d: isize| -> Option<&Tok> { if ii + d < 0 { None } else { toks.get((ii + d) as usize) } };
    let lower = |d: isize| tok(d).map(|t| t.lower).unwrap_or(if d < 0 { START } else { END });
    let form = |d: isize| tok(d).map(|t| t.form).unwrap_or(if d < 0 { START } else { END });
    let shape = |d: isize| tok(d).map(|t| t.shape).unwrap_or(if d < 0 { START } else { END });
    let class = |d: isize| tok(d).map(|t| t.lex.class as u64).unwrap_or(if d < 0 { START } else { END });
    let p = |d: isize| at(pos, ii + d, 250) as u64;
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
    ]);
}

impl Ner {
    /// Labels one sentence; `out` gets 0 (`O`) or `1 + entity type` per token.
    pub fn label(&self, toks: &[Tok], pos: &[u8], feats: &mut Vec<u64>, out: &mut Vec<u8>) {
        out.clear();
        let n = self.model.n_classes().min(N_LABELS);
        let mut scores = [0f32; 32];
        let (mut l1, mut l2) = (LABEL_START, LABEL_START);
        for i in 0..toks.len() {
            features(toks, pos, i, l1, l2, feats);
            let s = &mut scores[..n];
            s.iter_mut().for_each(|x| *x = 0.0);
            self.model.add_scores(feats, s);
            let y = crate::perceptron::argmax(s, None) as u8;
            out.push(y);
            (l2, l1) = (l1, y);
        }
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

pub fn train(data: &[Example], epochs: usize, seed: u64, mut on_epoch: impl FnMut(usize, f64)) -> Trainer {
    let mut tr = Trainer::new(N_LABELS);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut feats = Vec::with_capacity(64);
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &si in &order {
            let (toks, pos, gold) = &data[si];
            let (mut l1, mut l2) = (LABEL_START, LABEL_START);
            for (i, &g) in gold.iter().enumerate() {
                features(toks, pos, i, l1, l2, &mut feats);
                let guess = tr.predict(&feats, None) as u8;
                tr.update(&feats, g as usize, guess as usize);
                tr.tick();
                right += (guess == g) as usize;
                total += 1;
                (l2, l1) = (l1, guess);
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
    fn runs_become_spans() {
        assert_eq!(spans(&[0, 1, 1, 3, 0, 3]), vec![(1, 3, 0), (3, 4, 2), (5, 6, 2)]);
        assert!(spans(&[]).is_empty());
    }
}
