//! Training (dynamic oracle with error exploration) and evaluation.

use super::features::extract;
use super::labels::label_id;
use super::model::Trainer;
use super::system::{is_projective, is_tree, State, N_CLASSES, NONE};
use super::{Parser, Scratch};
use crate::conll::Sent;

/// Attachment scores in percent, with and without punctuation tokens
/// (CoNLL convention: tokens whose gold tag is `` '' , . : are punctuation).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Scores {
    pub uas: f64,
    pub las: f64,
    pub uas_no_punct: f64,
    pub las_no_punct: f64,
    pub tokens: usize,
}

/// What happened while training, for the caller to print.
#[derive(Clone, Debug, Default)]
pub struct TrainStats {
    pub sentences: usize,
    /// Sentences left out of training because their tree is not projective
    /// (the arc-hybrid oracle needs projective trees) or not a tree at all.
    pub non_projective: usize,
    pub malformed: usize,
    pub features: usize,
}

const PUNCT_TAGS: &[&str] = &["``", "''", ",", ".", ":"];

/// Small deterministic RNG (xorshift64*) for shuffling and exploration, so
/// training is reproducible without a dependency.
pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545F4914F6CDD1D)
    }
    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    /// Uniform in [0, 1) with 24 bits.
    pub(super) fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }
    pub(super) fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
}

/// Probability of following a wrong prediction (from the 2nd epoch on).
const EXPLORE: f64 = 0.9;
/// Averaged weights below this are dropped from the shipped model. Measured on
/// dev (feature version 3, 12 epochs, no-punct UAS/LAS, CPU words/s on the loaded machine):
/// 2.0 -> 15.6 MB, 88.36/86.78, 30k; 2.5 -> 10.0 MB, 88.46/86.89, 33k;
/// 2.75 -> 7.7 MB, 88.32/86.73, 39k; 3.0 -> 6.3 MB, 88.14/86.59, 47k; 4.0 -> 2.8 MB, 87.21/85.55.
/// (The shipped model was trained at 2.0 and re-pruned with `train_parser --prune`.)
pub const PRUNE: f32 = 2.75;

/// Trains for `epochs` passes and returns the parser (see [`train_with`]).
pub fn train(train: &[Sent], dev: &[Sent], epochs: usize) -> Parser {
    train_with(train, dev, epochs, PRUNE, |_, _, _| {}).0
}

/// Trains on `train`, calling `on_epoch(epoch, dev scores, stats)` after each
/// pass (dev is parsed with gold tags; no call when `dev` is empty). Weights
/// below `prune` are dropped from the returned parser.
pub fn train_with(
    train: &[Sent],
    dev: &[Sent],
    epochs: usize,
    prune: f32,
    mut on_epoch: impl FnMut(usize, &Scores, &TrainStats),
) -> (Parser, TrainStats) {
    train_checkpointed(train, dev, epochs, prune, 0, |e, s, st, _| on_epoch(e, s, st))
}

/// [`train_with`], also handing the parser trained so far to `on_epoch`
/// (to save checkpoints). `seed` varies the visiting order and exploration
/// (0 gives the shipped model's run), for models to mix.
pub fn train_checkpointed(
    train: &[Sent],
    dev: &[Sent],
    epochs: usize,
    prune: f32,
    seed: u64,
    mut on_epoch: impl FnMut(usize, &Scores, &TrainStats, &Parser),
) -> (Parser, TrainStats) {
    let mut stats = TrainStats { sentences: train.len(), ..Default::default() };
    let usable: Vec<&Sent> = train
        .iter()
        .filter(|s| {
            if s.is_empty() || !is_tree(&s.heads) || s.pos.len() != s.len() || s.deprels.len() != s.len() {
                stats.malformed += 1;
                false
            } else if !is_projective(&s.heads) {
                stats.non_projective += 1;
                false
            } else {
                true
            }
        })
        .collect();
    let mut t = Trainer::default();
    let mut rng = Rng(0x9E3779B97F4A7C15 ^ seed.wrapping_mul(0xD1B5_4A32_D192_ED03));
    let mut order: Vec<usize> = (0..usable.len()).collect();
    let mut sc = Scratch::default();
    for epoch in 0..epochs {
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        for &i in &order {
            if let Some(s) = usable.get(i) {
                train_sentence(&mut t, s, epoch > 0, &mut rng, &mut sc);
            }
        }
        stats.features = t.n_features();
        if !dev.is_empty() {
            let p = Parser { model: t.freeze(prune), n_feats: super::N_FEATS, net: None };
            on_epoch(epoch + 1, &eval(&p, dev, None), &stats, &p);
        }
    }
    (Parser { model: t.freeze(prune), n_feats: super::N_FEATS, net: None }, stats)
}

fn train_sentence(t: &mut Trainer, s: &Sent, explore: bool, rng: &mut Rng, sc: &mut Scratch) {
    let words: Vec<&str> = s.words.iter().map(|w| w.as_str()).collect();
    let tags: Vec<&str> = s.pos.iter().map(|w| w.as_str()).collect();
    let mut gold = vec![NONE];
    gold.extend(&s.heads);
    let mut glab = vec![0u8];
    glab.extend(s.deprels.iter().map(|l| label_id(l)));
    sc.hashes.fill(&words, &tags);
    let mut st = State::new(s.len());
    let mut scores = [0f32; N_CLASSES];
    let mut legal = [false; N_CLASSES];
    while !st.is_terminal() {
        st.legal(&mut legal);
        if st.stack.len() == 1 {
            st.apply(super::system::SHIFT);
            continue;
        }
        extract(&st, &sc.hashes, &mut sc.feats);
        t.scores(&sc.feats, &mut scores);
        let c = st.costs(&gold);
        let cost = |k: usize| st.class_cost(c, &gold, &glab, k);
        let (mut pred, mut best) = (None::<(usize, f32)>, None::<(usize, f32, u32)>);
        for k in (0..N_CLASSES).filter(|&k| legal[k]) {
            let (sk, ck) = (scores[k], cost(k));
            if pred.is_none_or(|(_, ps)| sk > ps) {
                pred = Some((k, sk));
            }
            if best.is_none_or(|(_, bs, bc)| ck < bc || (ck == bc && sk > bs)) {
                best = Some((k, sk, ck));
            }
        }
        let (Some((pred, _)), Some((gold_k, _, min_cost))) = (pred, best) else { break };
        if cost(pred) > min_cost {
            t.update(&sc.feats, gold_k, pred);
        }
        t.tick();
        let next = if explore && rng.chance(EXPLORE) { pred } else { gold_k };
        if !st.apply(next) {
            break;
        }
    }
}

/// Scores `parser` on `sents`, parsing with the sentences' own (gold) tags,
/// or with `tags[i]` for sentence `i` (e.g. a tagger's output) when given.
/// Punctuation is always decided by the gold tags.
pub fn eval(parser: &Parser, sents: &[Sent], tags: Option<&[Vec<String>]>) -> Scores {
    let mut sc = Scratch::default();
    eval_by(sents, tags, |w, t| parser.parse_with(w, t, &mut sc))
}

/// [`eval`] with any parsing function (words, tags) -> (head, label) per word.
pub fn eval_by(sents: &[Sent], tags: Option<&[Vec<String>]>, mut parse: impl FnMut(&[&str], &[&str]) -> Vec<(u32, u8)>) -> Scores {
    let (mut n, mut u, mut l, mut np, mut up, mut lp) = (0usize, 0usize, 0usize, 0usize, 0usize, 0usize);
    for (si, s) in sents.iter().enumerate() {
        let words: Vec<&str> = s.words.iter().map(|w| w.as_str()).collect();
        let tagged = tags.and_then(|t| t.get(si)).unwrap_or(&s.pos);
        let tv: Vec<&str> = tagged.iter().map(|w| w.as_str()).collect();
        let out = parse(&words, &tv);
        for (i, &(h, lab)) in out.iter().enumerate() {
            let (Some(&gh), Some(gl)) = (s.heads.get(i), s.deprels.get(i)) else { continue };
            let hit = h == gh;
            let lhit = hit && label_id(gl) == lab;
            n += 1;
            u += hit as usize;
            l += lhit as usize;
            if !s.pos.get(i).is_some_and(|p| PUNCT_TAGS.contains(&p.as_str())) {
                np += 1;
                up += hit as usize;
                lp += lhit as usize;
            }
        }
    }
    let pct = |a: usize, b: usize| if b == 0 { 0.0 } else { 100.0 * a as f64 / b as f64 };
    Scores { uas: pct(u, n), las: pct(l, n), uas_no_punct: pct(up, np), las_no_punct: pct(lp, np), tokens: n }
}

/// Mixing weights tried for the feed-forward scorer (perceptron score units per logit).
pub const MIX_GRID: &[f32] = &[1000.0, 2000.0, 3000.0, 5000.0, 7000.0, 10000.0, 15000.0, 20000.0, 30000.0, 50000.0, 80000.0];

/// Picks the net's mixing weight on `dev`: the weight of `grid` with the best
/// no-punctuation UAS + LAS (gold tags). Returns it with its scores.
pub fn choose_mix(parser: &Parser, net: &super::nn::Net, dev: &[Sent], grid: &[f32]) -> (f32, Scores) {
    let mut best = (0.0f32, eval_by(dev, None, |w, t| parser.parse_combined(net, 1.0, 0.0, w, t)));
    for &k in grid {
        let s = eval_by(dev, None, |w, t| parser.parse_combined(net, 1.0, k, w, t));
        if s.uas_no_punct + s.las_no_punct > best.1.uas_no_punct + best.1.las_no_punct {
            best = (k, s);
        }
    }
    best
}

/// Margins tried for skipping the net (see `nn::Net::skip`), in perceptron score units.
pub const SKIP_GRID: &[f32] = &[5000.0, 10000.0, 15000.0, 20000.0, 30000.0, 50000.0, 80000.0, 120000.0, 200000.0];

/// Dev cost (no-punctuation UAS + LAS points) accepted for skipping the net.
/// The shipped BiLSTM net (crates/lang/SCORES.md logs 14–15), whose
/// consultations cost more than log 13's feed-forward net's (0.02 was enough
/// there), keeps the 40k words/s floor with margin only at 0.2 (full pipeline
/// 35–41k at 0.02, 46–49k at 0.2; margin 20,000, 0.17 points).
pub const SKIP_TOLERANCE: f64 = 0.2;

/// The smallest margin of `grid` above which skipping the net (mixed at
/// `net.mix`) costs at most [`SKIP_TOLERANCE`] points of no-punctuation
/// UAS + LAS on `dev`; infinity (never skip) when none does.
pub fn choose_skip(parser: &Parser, net: &super::nn::Net, dev: &[Sent], grid: &[f32]) -> f32 {
    smallest_within_tolerance(parser, net, dev, grid, |m, w, t| parser.parse_skipping(net, 1.0, net.mix, m, w, t))
}

/// Logit margins tried for net-first decoding ([`super::nn::Net::first`]).
pub const FIRST_GRID: &[f32] = &[0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0];

/// The smallest margin of `grid` below which the net first consults the
/// perceptron and costs at most [`SKIP_TOLERANCE`] points of no-punctuation
/// UAS + LAS on `dev` against always mixing; infinity (perceptron first) when none does.
pub fn choose_first(parser: &Parser, net: &super::nn::Net, dev: &[Sent], grid: &[f32]) -> f32 {
    smallest_within_tolerance(parser, net, dev, grid, |m, w, t| parser.parse_net_first(net, net.mix, m, w, t))
}

/// The smallest margin of `grid` at which `parse_at` loses at most
/// [`SKIP_TOLERANCE`] points against always mixing perceptron and net; infinity when none.
fn smallest_within_tolerance(parser: &Parser, net: &super::nn::Net, dev: &[Sent], grid: &[f32], parse_at: impl Fn(f32, &[&str], &[&str]) -> Vec<(u32, u8)>) -> f32 {
    let full = eval_by(dev, None, |w, t| parser.parse_combined(net, 1.0, net.mix, w, t));
    let mut g = grid.to_vec();
    g.sort_by(f32::total_cmp);
    for m in g {
        let s = eval_by(dev, None, |w, t| parse_at(m, w, t));
        if s.uas_no_punct + s.las_no_punct >= full.uas_no_punct + full.las_no_punct - SKIP_TOLERANCE {
            return m;
        }
    }
    f32::INFINITY
}
