//! L2-regularised maximum-entropy (softmax) training of classifiers and
//! candidate rankers, as an alternative to the averaged perceptron (used by
//! the FA-KES model in `corroborate-figures`):
//! on a few hundred articles with thousands of sparse features, a perceptron
//! fits every training article it can and its decisions swing with the
//! visiting order; a regularised convex objective has one optimum and spreads
//! weight over correlated features instead. Hand-written (about a hundred
//! lines) because the crates that fit logistic models (linfa-logistic,
//! smartcore) want dense matrices, while these features are hashed `u64`s
//! and the result must be the language core's `Frozen` table that the model
//! file already stores.
//!
//! Optimiser: full-batch gradient descent with Adam steps, a fixed number of
//! iterations from zero weights — deterministic, no shuffling.

use crate::perceptron::{Feat, Frozen};
use std::collections::HashMap;

/// One example of a ranker: candidates' feature lists and the gold one's index.
pub type RankExample<'a> = (&'a [Vec<Feat>], usize);

/// Hyper-parameters (defaults chosen on FA-KES dev cross-validation, see
/// `crates/figures/SCORES.md`).
#[derive(Clone, Copy, Debug)]
pub struct Params {
    /// L2 penalty per weight, relative to the mean log-loss over examples.
    pub l2: f32,
    pub iters: usize,
    pub rate: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params { l2: 0.01, iters: 300, rate: 0.05 }
    }
}

/// Maps the features seen in training to dense columns.
fn index<'a>(lists: impl Iterator<Item = &'a [Feat]>) -> (Vec<Feat>, HashMap<Feat, usize>) {
    let mut keys = Vec::new();
    let mut idx = HashMap::new();
    for l in lists {
        for f in l {
            idx.entry(*f).or_insert_with(|| {
                keys.push(*f);
                keys.len() - 1
            });
        }
    }
    (keys, idx)
}

fn dense(list: &[Feat], idx: &HashMap<Feat, usize>) -> Vec<usize> {
    list.iter().filter_map(|f| idx.get(f).copied()).collect()
}

/// Softmax over `scores` in place.
fn softmax(scores: &mut [f32]) {
    let m = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut z = 0.0;
    for s in scores.iter_mut() {
        *s = (*s - m).exp();
        z += *s;
    }
    for s in scores.iter_mut() {
        *s /= z.max(f32::MIN_POSITIVE);
    }
}

/// Adam over the flat weight vector, given a function that fills the data gradient.
fn optimise(n_weights: usize, p: Params, mut data_grad: impl FnMut(&[f32], &mut [f32])) -> Vec<f32> {
    let mut w = vec![0f32; n_weights];
    let (mut m, mut v, mut g) = (vec![0f32; n_weights], vec![0f32; n_weights], vec![0f32; n_weights]);
    let (b1, b2, eps) = (0.9f32, 0.999f32, 1e-8f32);
    for t in 1..=p.iters {
        g.iter_mut().for_each(|x| *x = 0.0);
        data_grad(&w, &mut g);
        let (c1, c2) = (1.0 - b1.powi(t as i32), 1.0 - b2.powi(t as i32));
        for k in 0..n_weights {
            let gk = g[k] + p.l2 * w[k];
            m[k] = b1 * m[k] + (1.0 - b1) * gk;
            v[k] = b2 * v[k] + (1.0 - b2) * gk * gk;
            w[k] -= p.rate * (m[k] / c1) / ((v[k] / c2).sqrt() + eps);
        }
    }
    w
}

/// A multi-class softmax classifier over `data` (feature list, gold class).
pub fn train_classifier(data: &[(&[Feat], usize)], n_classes: usize, p: Params) -> Frozen {
    let (keys, idx) = index(data.iter().map(|d| d.0));
    let rows: Vec<(Vec<usize>, usize)> = data.iter().filter(|d| d.1 < n_classes).map(|(f, y)| (dense(f, &idx), *y)).collect();
    let n = rows.len().max(1) as f32;
    let mut s = vec![0f32; n_classes];
    let w = optimise(keys.len() * n_classes, p, |w, g| {
        for (cols, y) in &rows {
            s.iter_mut().for_each(|x| *x = 0.0);
            for &c in cols {
                for (k, x) in s.iter_mut().enumerate() {
                    *x += w[c * n_classes + k];
                }
            }
            softmax(&mut s);
            if let Some(t) = s.get_mut(*y) {
                *t -= 1.0;
            }
            for &c in cols {
                for (k, x) in s.iter().enumerate() {
                    g[c * n_classes + k] += x / n;
                }
            }
        }
    });
    Frozen::from_parts(n_classes, keys, w)
}

/// A candidate ranker (softmax over each example's candidates, the gold one
/// the target), frozen as a two-class table whose class-1 row is the weight
/// and class-0 row zero, so a score of s1 − s0 reads it as a ranker.
pub fn train_ranker(data: &[RankExample], p: Params) -> Frozen {
    let (keys, idx) = index(data.iter().flat_map(|d| d.0.iter().map(|c| c.as_slice())));
    let rows: Vec<(Vec<Vec<usize>>, usize)> =
        data.iter().filter(|d| d.1 < d.0.len()).map(|(cands, gold)| (cands.iter().map(|c| dense(c, &idx)).collect(), *gold)).collect();
    let n = rows.len().max(1) as f32;
    let mut s = Vec::new();
    let w = optimise(keys.len(), p, |w, g| {
        for (cands, gold) in &rows {
            s.clear();
            s.extend(cands.iter().map(|cols| cols.iter().map(|&c| w[c]).sum::<f32>()));
            softmax(&mut s);
            if let Some(t) = s.get_mut(*gold) {
                *t -= 1.0;
            }
            for (cols, x) in cands.iter().zip(&s) {
                for &c in cols {
                    g[c] += x / n;
                }
            }
        }
    });
    let weights = w.iter().flat_map(|&x| [0.0, x]).collect();
    Frozen::from_parts(2, keys, weights)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::perceptron::feat;

    fn best(m: &Frozen, cands: &[Vec<Feat>]) -> usize {
        let score = |f: &[Feat]| {
            let mut s = [0f32; 2];
            m.scores(f, &mut s);
            s[1] - s[0]
        };
        (0..cands.len()).max_by(|&a, &b| score(&cands[a]).total_cmp(&score(&cands[b]))).unwrap_or(0)
    }

    #[test]
    fn classifier_learns_a_separable_rule() {
        let (a, b, noise) = (feat(0, &["a"]), feat(0, &["b"]), feat(0, &["n"]));
        let xa = [a, noise];
        let xb = [b, noise];
        let data: Vec<(&[Feat], usize)> = vec![(&xa, 0), (&xb, 1), (&xa, 0), (&xb, 1)];
        let m = train_classifier(&data, 2, Params::default());
        assert_eq!(m.predict(&xa, None), 0);
        assert_eq!(m.predict(&xb, None), 1);
    }

    #[test]
    fn ranker_prefers_the_cued_candidate() {
        let (cue, other) = (feat(0, &["cue"]), feat(0, &["other"]));
        let a: Vec<Vec<Feat>> = vec![vec![other], vec![cue]];
        let b: Vec<Vec<Feat>> = vec![vec![cue], vec![other], vec![other]];
        let data: Vec<RankExample> = vec![(&a, 1), (&b, 0)];
        let m = train_ranker(&data, Params::default());
        assert_eq!(best(&m, &a), 1);
        assert_eq!(best(&m, &b), 0);
    }

    #[test]
    fn stronger_penalty_shrinks_weights() {
        let (a, b) = (feat(0, &["a"]), feat(0, &["b"]));
        let (xa, xb) = ([a], [b]);
        let data: Vec<(&[Feat], usize)> = vec![(&xa, 0), (&xb, 1)];
        let norm = |l2| train_classifier(&data, 2, Params { l2, ..Params::default() }).parts().1.iter().map(|w| w * w).sum::<f32>();
        assert!(norm(1.0) < norm(0.001));
    }
}
