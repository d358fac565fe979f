//! Multi-class averaged perceptron over hashed sparse features
//! (Collins 2002; the "averaged" trick as in Honnibal's tagger).
//!
//! Hand-written because no maintained crate offers a small, fast, sparse
//! averaged perceptron with a compact frozen form; it is ~150 lines.
//!
//! Training keeps, per feature, a weight row, a running total and the step at
//! which each weight last changed, so averaging is O(1) per update. `freeze()`
//! turns it into [`Frozen`]: one flat `Vec<f32>` of rows plus a feature index,
//! which is what ships and what inference uses.

use std::collections::HashMap;

/// A hashed feature id. Build with [`feat`].
pub type Feat = u64;

/// FNV-1a over a template id and string parts: stable across runs and
/// platforms (std's hasher is randomly seeded, so it cannot be used for models).
pub fn feat(template: u8, parts: &[&str]) -> Feat {
    let mut h: u64 = 0xcbf29ce484222325 ^ template as u64;
    h = h.wrapping_mul(0x100000001b3);
    for p in parts {
        for b in p.bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
        h ^= 0xff; // separator, so ("ab","c") != ("a","bc")
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

struct Row {
    w: Vec<f32>,
    total: Vec<f32>,
    stamp: Vec<u32>,
}

/// A perceptron being trained.
pub struct Trainer {
    n_classes: usize,
    rows: HashMap<Feat, Row>,
    step: u32,
}

impl Trainer {
    pub fn new(n_classes: usize) -> Self {
        Trainer { n_classes, rows: HashMap::new(), step: 0 }
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Current (non-averaged) scores; used during training for prediction.
    pub fn scores(&self, feats: &[Feat], out: &mut [f32]) {
        out.iter_mut().for_each(|s| *s = 0.0);
        for f in feats {
            if let Some(r) = self.rows.get(f) {
                for (o, w) in out.iter_mut().zip(&r.w) {
                    *o += *w;
                }
            }
        }
    }

    /// Best class under the current weights, among those `allowed` (all if None).
    pub fn predict(&self, feats: &[Feat], allowed: Option<&[bool]>) -> usize {
        let mut s = vec![0.0; self.n_classes];
        self.scores(feats, &mut s);
        argmax(&s, allowed)
    }

    /// One perceptron update: reward `truth`, penalise `guess`. Call
    /// [`Trainer::tick`] once per training example, whether or not it updates.
    pub fn update(&mut self, feats: &[Feat], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        self.adjust(feats, truth, 1.0);
        self.adjust(feats, guess, -1.0);
    }

    /// Moves one class's weights by `delta` on `feats` (a structured
    /// perceptron's one-sided update: the gold path's features up, the
    /// predicted path's down, each with its own context).
    pub fn adjust(&mut self, feats: &[Feat], class: usize, delta: f32) {
        let n = self.n_classes;
        if class >= n {
            return;
        }
        let step = self.step;
        for f in feats {
            let r = self.rows.entry(*f).or_insert_with(|| Row {
                w: vec![0.0; n],
                total: vec![0.0; n],
                stamp: vec![0; n],
            });
            r.total[class] += (step - r.stamp[class]) as f32 * r.w[class];
            r.stamp[class] = step;
            r.w[class] += delta;
        }
    }

    pub fn tick(&mut self) {
        self.step += 1;
    }

    /// Averages the weights and drops features whose averaged row is all
    /// below `prune` in absolute value (keeps shipped models small).
    pub fn freeze(self, prune: f32) -> Frozen {
        let step = self.step.max(1) as f32;
        let n = self.n_classes;
        let mut keys: Vec<Feat> = Vec::new();
        let mut weights: Vec<f32> = Vec::new();
        let mut entries: Vec<(Feat, Vec<f32>)> = self
            .rows
            .into_iter()
            .map(|(f, r)| {
                let avg = (0..n)
                    .map(|c| (r.total[c] + (self.step - r.stamp[c]) as f32 * r.w[c]) / step)
                    .collect();
                (f, avg)
            })
            .filter(|(_, avg): &(Feat, Vec<f32>)| avg.iter().any(|w| w.abs() >= prune))
            .collect();
        entries.sort_by_key(|e| e.0); // deterministic model files
        for (f, avg) in entries {
            keys.push(f);
            weights.extend(avg);
        }
        Frozen::from_parts(n, keys, weights)
    }
}

/// An averaged, read-only perceptron: what ships and what inference uses.
#[derive(Clone, Debug)]
pub struct Frozen {
    n_classes: usize,
    index: HashMap<Feat, u32>,
    keys: Vec<Feat>,
    weights: Vec<f32>,
}

impl Frozen {
    pub fn from_parts(n_classes: usize, keys: Vec<Feat>, weights: Vec<f32>) -> Self {
        let index = keys.iter().enumerate().map(|(i, k)| (*k, i as u32)).collect();
        Frozen { n_classes, index, keys, weights }
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    pub fn n_features(&self) -> usize {
        self.keys.len()
    }

    /// Feature keys and the flat row-major weight matrix (for serialization).
    pub fn parts(&self) -> (&[Feat], &[f32]) {
        (&self.keys, &self.weights)
    }

    pub fn scores(&self, feats: &[Feat], out: &mut [f32]) {
        out.iter_mut().for_each(|s| *s = 0.0);
        let n = self.n_classes;
        for f in feats {
            if let Some(&i) = self.index.get(f) {
                let row = &self.weights[i as usize * n..(i as usize + 1) * n];
                for (o, w) in out.iter_mut().zip(row) {
                    *o += *w;
                }
            }
        }
    }

    pub fn predict(&self, feats: &[Feat], allowed: Option<&[bool]>) -> usize {
        let mut s = vec![0.0; self.n_classes];
        self.scores(feats, &mut s);
        argmax(&s, allowed)
    }
}

/// Index of the highest score among allowed classes (first on ties; 0 if none allowed).
pub fn argmax(scores: &[f32], allowed: Option<&[bool]>) -> usize {
    let mut best = None::<(usize, f32)>;
    for (i, &s) in scores.iter().enumerate() {
        if allowed.is_some_and(|a| !a.get(i).copied().unwrap_or(false)) {
            continue;
        }
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map(|b| b.0).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Learns a tiny separable problem: class = which of two cue words is present.
    #[test]
    fn learns_separable_data() {
        let data = [(feat(0, &["said"]), 0usize), (feat(0, &["killed"]), 1), (feat(0, &["told"]), 0)];
        let mut t = Trainer::new(2);
        for _ in 0..5 {
            for (f, y) in data {
                let g = t.predict(&[f], None);
                t.update(&[f], y, g);
                t.tick();
            }
        }
        let m = t.freeze(0.0);
        for (f, y) in data {
            assert_eq!(m.predict(&[f], None), y);
        }
        assert_eq!(m.predict(&[feat(0, &["unseen"])], Some(&[false, true])), 1);
    }

    #[test]
    fn feature_hash_separates_parts() {
        assert_ne!(feat(1, &["ab", "c"]), feat(1, &["a", "bc"]));
        assert_ne!(feat(1, &["a"]), feat(2, &["a"]));
    }
}
