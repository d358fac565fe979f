//! Training of the feed-forward transition scorer (`nn.rs`): minibatch Adam
//! on examples collected by running the state machine over the treebank,
//! first along the static oracle's path, then along the net's own choices
//! with error exploration; the target of a state is the set of moves that
//! lose no gold arc (dynamic oracle), the loss −log P(that set).
//!
//! Examples are collected per epoch with the epoch's starting weights (in two
//! threads). A net without a BiLSTM then trains on them in a global shuffle; a
//! net with one trains on batches of whole sentences in the epoch's shuffled
//! sentence order, running the BiLSTM afresh for each batch with the current
//! weights and back-propagating through it into the embeddings.

use super::labels::label_id;
use super::lstm::{BiLstm, Trace};
use super::nn::{Dims, Fast, Net, SentIds, N_IDS, N_POS, UNK};
use super::system::{State, N_CLASSES, NONE, SHIFT};
use super::train::Rng;
use crate::conll::Sent;
use std::collections::HashMap;

/// Training settings.
#[derive(Clone, Debug)]
pub struct NnConfig {
    pub dims: Dims,
    pub epochs: usize,
    pub batch: usize,
    pub lr: f32,
    pub dropout: f32,
    /// Probability of following the model's own wrong move (from the 2nd epoch).
    pub explore: f64,
    pub seed: u64,
    pub min_count: usize,
    /// The learning rate is multiplied by this after every epoch.
    pub decay: f32,
    /// Word dropout: a word seen c times in training is read as unknown with
    /// probability a / (a + c), so the unknown row learns from real contexts.
    pub word_dropout: f32,
}

impl Default for NnConfig {
    /// The shipped net's settings (crates/lang/SCORES.md log 15: a two-layer
    /// BiLSTM read at four slots; log 13's feed-forward net had `lstm: 0`,
    /// log 14's one-layer net `slots: 6, layers: 1`).
    fn default() -> Self {
        NnConfig { dims: Dims { dw: 32, dt: 16, dl: 16, hidden: 128, lstm: 64, slots: 4, layers: 2 }, epochs: 10, batch: 256, lr: 1e-3, dropout: 0.3, explore: 0.9, seed: 0, min_count: 2, decay: 0.85, word_dropout: 0.0 }
    }
}

/// One training example: feature ids, legal moves and the moves that lose no gold arc.
struct Example {
    ids: [u32; N_IDS],
    /// The sentence (index into the usable training sentences) and the
    /// positions the ids were read at, for the BiLSTM slots.
    sent: u32,
    pos: [u32; N_POS],
    legal: [u64; 2],
    target: [u64; 2],
}

fn bit(m: &[u64; 2], k: usize) -> bool {
    m[k / 64] >> (k % 64) & 1 == 1
}

/// Adam state of one parameter block.
struct Adam {
    m: Vec<f32>,
    v: Vec<f32>,
}

impl Adam {
    fn new(n: usize) -> Self {
        Adam { m: vec![0.0; n], v: vec![0.0; n] }
    }
    fn step_range(&mut self, w: &mut [f32], g: &[f32], range: std::ops::Range<usize>, lr: f32, t: i32) {
        let (b1, b2) = (0.9f32, 0.999f32);
        let c1 = 1.0 - b1.powi(t);
        let c2 = 1.0 - b2.powi(t);
        for i in range {
            let gi = g[i];
            self.m[i] = b1 * self.m[i] + (1.0 - b1) * gi;
            self.v[i] = b2 * self.v[i] + (1.0 - b2) * gi * gi;
            w[i] -= lr * (self.m[i] / c1) / ((self.v[i] / c2).sqrt() + 1e-8);
        }
    }
}

/// Trains a scorer; `on_epoch(epoch, &net)` after each pass.
pub fn train_nn(train: &[Sent], cfg: &NnConfig, mut on_epoch: impl FnMut(usize, &Net)) -> Net {
    let usable: Vec<&Sent> = train
        .iter()
        .filter(|s| !s.is_empty() && super::system::is_tree(&s.heads) && super::system::is_projective(&s.heads) && s.pos.len() == s.len() && s.deprels.len() == s.len())
        .collect();
    // vocabularies
    let mut counts: HashMap<u64, usize> = HashMap::new();
    let mut tags: HashMap<u64, u32> = HashMap::new();
    for s in &usable {
        for (w, t) in s.words.iter().zip(&s.pos) {
            *counts.entry(crate::hash::fnv_lower(w)).or_default() += 1;
            let n = tags.len() as u32 + 3;
            tags.entry(crate::hash::fnv(t.as_bytes())).or_insert(n);
        }
    }
    let mut kept: Vec<(u64, usize)> = counts.into_iter().filter(|&(_, c)| c >= cfg.min_count).collect();
    kept.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let words: HashMap<u64, u32> = kept.iter().enumerate().map(|(i, &(h, _))| (h, i as u32 + 3)).collect();
    // probability of reading word id i as unknown (word dropout)
    let p_unk: Vec<f32> = [0.0; 3].into_iter().chain(kept.iter().map(|&(_, c)| cfg.word_dropout / (cfg.word_dropout + c as f32))).collect();
    let d = cfg.dims;
    let (nw, nt, nl) = (words.len() + 3, tags.len() + 3, super::labels::N_LABELS + 1);
    let n_in = d.n_in();
    let mut rng = Rng(0x9E3779B97F4A7C15 ^ cfg.seed.wrapping_mul(0xD1B5_4A32_D192_ED03));
    let uni = |n: usize, a: f32, rng: &mut Rng| (0..n).map(|_| (rng.unit() * 2.0 - 1.0) * a).collect::<Vec<f32>>();
    let mut net = Net {
        dims: d,
        words,
        tags,
        ew: uni(nw * d.dw, 0.5, &mut rng),
        et: uni(nt * d.dt, 0.5, &mut rng),
        el: uni(nl * d.dl, 0.5, &mut rng),
        w1: uni(d.hidden * n_in, (6.0 / n_in as f32).sqrt(), &mut rng),
        b1: vec![0.01; d.hidden],
        w2: uni(N_CLASSES * d.hidden, (6.0 / (d.hidden + N_CLASSES) as f32).sqrt(), &mut rng),
        b2: vec![0.0; N_CLASSES],
        lstm: (d.lstm > 0).then(|| BiLstm::init_stack(d.lstm, d.dw + d.dt, d.layers.max(1), || rng.unit())),
        mix: 0.0,
        skip: f32::INFINITY,
        first: f32::INFINITY,
        fast: Fast::default(),
    };
    let mut opt = [Adam::new(net.ew.len()), Adam::new(net.et.len()), Adam::new(net.el.len()), Adam::new(net.w1.len()), Adam::new(d.hidden), Adam::new(net.w2.len()), Adam::new(N_CLASSES)];
    let mut lopt: Vec<Adam> = match &mut net.lstm {
        Some(l) => {
            let g = l.zero_grads();
            l.blocks_mut(&g).iter().map(|(w, _)| Adam::new(w.len())).collect()
        }
        None => Vec::new(),
    };
    let mut t = 0i32;
    let mut order: Vec<usize> = (0..usable.len()).collect();
    for epoch in 0..cfg.epochs {
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        let explore = if epoch == 0 { 0.0 } else { cfg.explore };
        let seed = rng.next();
        let mut ex = collect_examples(&net, &usable, &order, explore, epoch > 0, seed);
        let mut loss = 0f64;
        let ecfg = NnConfig { lr: cfg.lr * cfg.decay.powi(epoch as i32), ..cfg.clone() };
        if net.lstm.is_some() {
            // batches end at sentence ends (the BiLSTM runs per sentence); the
            // sentences are already in this epoch's shuffled order
            let mut a = 0;
            while a < ex.len() {
                let mut b = (a + cfg.batch).min(ex.len());
                while b < ex.len() && ex[b].sent == ex[b - 1].sent {
                    b += 1;
                }
                t += 1;
                loss += train_batch_lstm(&mut net, &mut opt, &mut lopt, &ex[a..b], &usable, &ecfg, t, &mut rng, &p_unk);
                a = b;
            }
        } else {
            for i in (1..ex.len()).rev() {
                ex.swap(i, rng.below(i + 1));
            }
            for batch in ex.chunks(cfg.batch) {
                t += 1;
                loss += train_batch(&mut net, &mut opt, batch, &ecfg, t, &mut rng, &p_unk);
            }
        }
        eprintln!("nn epoch {}: {} examples, mean loss {:.4}", epoch + 1, ex.len(), loss / ex.len().max(1) as f64);
        on_epoch(epoch + 1, &net);
    }
    net
}

/// Runs every sentence through the state machine, recording examples. With
/// `use_model`, the model's own move is followed with probability `explore`.
fn collect_examples(net: &Net, sents: &[&Sent], order: &[usize], explore: f64, use_model: bool, seed: u64) -> Vec<Example> {
    // the two halves keep `order`: batches of a BiLSTM net follow it
    let half = order.len() / 2;
    let (a, b) = order.split_at(half);
    std::thread::scope(|sc| {
        let h = sc.spawn(|| examples_of(net, sents, b, explore, use_model, seed ^ 0x1234_5678));
        let mut out = examples_of(net, sents, a, explore, use_model, seed);
        out.extend(h.join().unwrap_or_default());
        out
    })
}

fn examples_of(net: &Net, sents: &[&Sent], order: &[usize], explore: f64, use_model: bool, seed: u64) -> Vec<Example> {
    let mut rng = Rng(seed | 1);
    let mut out = Vec::new();
    let mut si = SentIds::default();
    let (mut x, mut h) = (Vec::new(), Vec::new());
    let mut scores = [0f32; N_CLASSES];
    let mut legal = [false; N_CLASSES];
    let (mut xs, mut trace) = (Vec::new(), Trace::default());
    for &i in order {
        let Some(s) = sents.get(i) else { continue };
        let words: Vec<&str> = s.words.iter().map(|w| w.as_str()).collect();
        let tags: Vec<&str> = s.pos.iter().map(|w| w.as_str()).collect();
        net.sent_ids(&words, &tags, &mut si);
        if let Some(l) = net.lstm.as_ref().filter(|_| use_model) {
            net.lstm_inputs(&si, &mut xs);
            l.forward(&xs, &mut trace);
        }
        let mut gold = vec![NONE];
        gold.extend(&s.heads);
        let mut glab = vec![0u8];
        glab.extend(s.deprels.iter().map(|l| label_id(l)));
        let mut st = State::new(s.len());
        while !st.is_terminal() {
            st.legal(&mut legal);
            if legal.iter().filter(|&&l| l).count() <= 1 {
                let Some(k) = legal.iter().position(|&l| l) else { break };
                st.apply(k);
                continue;
            }
            let c = st.costs(&gold);
            let cost = |k: usize| st.class_cost(c, &gold, &glab, k);
            let min = (0..N_CLASSES).filter(|&k| legal[k]).map(cost).min().unwrap_or(0);
            let mut e = Example { ids: [0; N_IDS], sent: i as u32, pos: [0; N_POS], legal: [0; 2], target: [0; 2] };
            e.pos = Net::ids(&st, &si, &mut e.ids);
            for k in (0..N_CLASSES).filter(|&k| legal[k]) {
                e.legal[k / 64] |= 1 << (k % 64);
                if cost(k) == min {
                    e.target[k / 64] |= 1 << (k % 64);
                }
            }
            let next = if use_model {
                net.scores(&e.ids, Some((&e.pos, trace.top())), &mut x, &mut h, &mut scores);
                let pred = crate::perceptron::argmax(&scores, Some(&legal));
                let best_target = (0..N_CLASSES).filter(|&k| bit(&e.target, k)).max_by(|&a, &b| scores[a].total_cmp(&scores[b])).unwrap_or(SHIFT);
                // a wrong prediction is followed with probability `explore` (error exploration)
                if bit(&e.target, pred) || rng.chance(explore) {
                    pred
                } else {
                    best_target
                }
            } else {
                // static path: arcs before SHIFT among the moves that lose nothing
                (0..N_CLASSES).filter(|&k| bit(&e.target, k)).max_by_key(|&k| (k != SHIFT) as u8).unwrap_or(SHIFT)
            };
            out.push(e);
            if !st.apply(next) {
                break;
            }
        }
    }
    out
}

/// One minibatch: forward, loss -log P(target set | legal), backward, Adam. Returns the summed loss.
fn train_batch(net: &mut Net, opt: &mut [Adam; 7], batch: &[Example], cfg: &NnConfig, t: i32, rng: &mut Rng, p_unk: &[f32]) -> f64 {
    let n_in = net.dims.n_in();
    let b = batch.len();
    let mut x = vec![0f32; b * n_in];
    let mut ids: Vec<[u32; N_IDS]> = batch.iter().map(|e| e.ids).collect();
    if cfg.word_dropout > 0.0 {
        for row in ids.iter_mut() {
            for id in row[..N_POS].iter_mut() {
                if p_unk.get(*id as usize).is_some_and(|&p| rng.unit() < p) {
                    *id = UNK;
                }
            }
        }
    }
    for (r, e) in ids.iter().enumerate() {
        net.gather(e, &mut x[r * n_in..(r + 1) * n_in]);
    }
    let (loss, dx) = mlp_step(net, opt, batch, &x, cfg, t, rng);
    let mut gw = HashMap::new();
    embedding_grads(net, &ids, &dx, &mut gw);
    apply_embedding_grads(net, opt, gw, cfg.lr, t);
    loss
}

/// One minibatch of a net with a BiLSTM: the sentences' BiLSTM outputs are
/// computed afresh with the current weights, and the slots' input gradients
/// flow back through the BiLSTM into the word and tag embeddings.
#[allow(clippy::too_many_arguments)]
fn train_batch_lstm(net: &mut Net, opt: &mut [Adam; 7], lopt: &mut [Adam], batch: &[Example], sents: &[&Sent], cfg: &NnConfig, t: i32, rng: &mut Rng, p_unk: &[f32]) -> f64 {
    let Some(lstm) = net.lstm.take() else { return 0.0 };
    let d = net.dims;
    let (n_in, base, d2, b) = (d.n_in(), d.n_base(), 2 * d.lstm, batch.len());
    // the batch's sentences, in order of first appearance
    let mut sent_of: HashMap<u32, usize> = HashMap::new();
    let mut runs: Vec<(SentIds, Vec<f32>, Trace)> = Vec::new();
    for e in batch {
        if sent_of.contains_key(&e.sent) {
            continue;
        }
        let Some(s) = sents.get(e.sent as usize) else { continue };
        let words: Vec<&str> = s.words.iter().map(|w| w.as_str()).collect();
        let tags: Vec<&str> = s.pos.iter().map(|w| w.as_str()).collect();
        let mut si = SentIds::default();
        net.sent_ids(&words, &tags, &mut si);
        if cfg.word_dropout > 0.0 {
            for id in si.w.iter_mut().skip(1) {
                if p_unk.get(*id as usize).is_some_and(|&p| rng.unit() < p) {
                    *id = UNK;
                }
            }
        }
        let mut xs = Vec::new();
        net.lstm_inputs(&si, &mut xs);
        let mut tr = Trace::default();
        lstm.forward(&xs, &mut tr);
        sent_of.insert(e.sent, runs.len());
        runs.push((si, xs, tr));
    }
    let mut x = vec![0f32; b * n_in];
    let mut ids: Vec<[u32; N_IDS]> = batch.iter().map(|e| e.ids).collect();
    if cfg.word_dropout > 0.0 {
        // the same words dropped as in the BiLSTM's input
        for (row, e) in ids.iter_mut().zip(batch) {
            let Some(&k) = sent_of.get(&e.sent) else { continue };
            for (id, &p) in row[..N_POS].iter_mut().zip(&e.pos) {
                if let Some(&w) = runs[k].0.w.get(p as usize).filter(|_| p != super::system::NONE) {
                    *id = w;
                }
            }
        }
    }
    for (r, e) in batch.iter().enumerate() {
        let row = &mut x[r * n_in..(r + 1) * n_in];
        net.gather(&ids[r], row);
        match sent_of.get(&e.sent) {
            Some(&k) => net.gather_lstm(&e.pos, runs[k].2.top(), row),
            None => row[base..].fill(0.0),
        }
    }
    let (loss, dx) = mlp_step(net, opt, batch, &x, cfg, t, rng);
    let mut gw = HashMap::new();
    embedding_grads(net, &ids, &dx, &mut gw);
    // slot gradients back to their tokens, then through the BiLSTM
    let mut douts: Vec<Vec<f32>> = runs.iter().map(|r| vec![0f32; r.2.top().len()]).collect();
    for (r, e) in batch.iter().enumerate() {
        let Some(&k) = sent_of.get(&e.sent) else { continue };
        for (j, &slot) in super::nn::LSTM_SLOTS.iter().take(d.slots).enumerate() {
            let p = e.pos[slot];
            if p == super::system::NONE {
                continue;
            }
            let src = &dx[r * n_in + base + j * d2..r * n_in + base + (j + 1) * d2];
            if let Some(dst) = douts[k].get_mut(p as usize * d2..(p as usize + 1) * d2) {
                for (a, g) in dst.iter_mut().zip(src) {
                    *a += g;
                }
            }
        }
    }
    let mut lg = lstm.zero_grads();
    for ((si, xs, tr), dout) in runs.iter().zip(&douts) {
        let dxs = lstm.backward(xs, tr, dout, &mut lg);
        let d_in = d.dw + d.dt;
        for (tok, (&w, &tg)) in si.w.iter().zip(&si.t).enumerate() {
            let g = &dxs[tok * d_in..(tok + 1) * d_in];
            add_grad(&mut gw, 0, w, &g[..d.dw]);
            add_grad(&mut gw, 1, tg, &g[d.dw..]);
        }
    }
    apply_embedding_grads(net, opt, gw, cfg.lr, t);
    let mut lstm = lstm;
    for ((w, g), o) in lstm.blocks_mut(&lg).into_iter().zip(lopt.iter_mut()) {
        o.step_range(w, g, 0..g.len(), cfg.lr, t);
    }
    lstm.refresh();
    net.lstm = Some(lstm);
    loss
}

fn add_grad(gw: &mut HashMap<(u8, u32), Vec<f32>>, tbl: u8, id: u32, g: &[f32]) {
    let e = gw.entry((tbl, id)).or_insert_with(|| vec![0.0; g.len()]);
    for (a, b) in e.iter_mut().zip(g) {
        *a += b;
    }
}

/// The embedding part of the input gradients `dx` (one row of n_in per example), summed per (table, id).
fn embedding_grads(net: &Net, ids: &[[u32; N_IDS]], dx: &[f32], gw: &mut HashMap<(u8, u32), Vec<f32>>) {
    let d = net.dims;
    let n_in = d.n_in();
    for (r, e) in ids.iter().enumerate() {
        let mut off = r * n_in;
        for (k, &id) in e.iter().enumerate() {
            let (tbl, dd) = if k < N_POS {
                (0u8, d.dw)
            } else if k < 2 * N_POS {
                (1, d.dt)
            } else {
                (2, d.dl)
            };
            add_grad(gw, tbl, id, &dx[off..off + dd]);
            off += dd;
        }
    }
}

/// Lazy Adam on the embedding rows a batch touched.
fn apply_embedding_grads(net: &mut Net, opt: &mut [Adam; 7], gw: HashMap<(u8, u32), Vec<f32>>, lr: f32, t: i32) {
    let d = net.dims;
    let [o_ew, o_et, o_el, ..] = opt;
    for ((tbl, id), g) in gw {
        let (w, o, dd) = match tbl {
            0 => (&mut net.ew, &mut *o_ew, d.dw),
            1 => (&mut net.et, &mut *o_et, d.dt),
            _ => (&mut net.el, &mut *o_el, d.dl),
        };
        let r0 = id as usize * dd;
        if r0 + dd > w.len() {
            continue;
        }
        let (m, v) = (&mut o.m[r0..r0 + dd], &mut o.v[r0..r0 + dd]);
        let (b1, b2) = (0.9f32, 0.999f32);
        let (c1, c2) = (1.0 - b1.powi(t), 1.0 - b2.powi(t));
        for i in 0..dd {
            m[i] = b1 * m[i] + (1.0 - b1) * g[i];
            v[i] = b2 * v[i] + (1.0 - b2) * g[i] * g[i];
            w[r0 + i] -= lr * (m[i] / c1) / ((v[i] / c2).sqrt() + 1e-8);
        }
    }
}

/// Forward and backward through the hidden and output layers for a batch of
/// input rows `x`; Adam on W1, b1, W2, b2. Returns the summed loss and the
/// gradient of `x`.
fn mlp_step(net: &mut Net, opt: &mut [Adam; 7], batch: &[Example], x: &[f32], cfg: &NnConfig, t: i32, rng: &mut Rng) -> (f64, Vec<f32>) {
    let d = net.dims;
    let (n_in, hd, b) = (d.n_in(), d.hidden, batch.len());
    // H = X W1^T + b1
    let mut hmat = vec![0f32; b * hd];
    for r in 0..b {
        hmat[r * hd..(r + 1) * hd].copy_from_slice(&net.b1);
    }
    unsafe {
        matrixmultiply::sgemm(b, n_in, hd, 1.0, x.as_ptr(), n_in as isize, 1, net.w1.as_ptr(), 1, n_in as isize, 1.0, hmat.as_mut_ptr(), hd as isize, 1);
    }
    let keep = 1.0 - cfg.dropout;
    let mut mask = vec![0f32; b * hd];
    for (hv, m) in hmat.iter_mut().zip(mask.iter_mut()) {
        let on = *hv > 0.0 && rng.unit() < keep;
        *m = if on { 1.0 / keep } else { 0.0 };
        *hv *= *m;
    }
    // O = H W2^T + b2
    let c = N_CLASSES;
    let mut o = vec![0f32; b * c];
    for r in 0..b {
        o[r * c..(r + 1) * c].copy_from_slice(&net.b2);
    }
    unsafe {
        matrixmultiply::sgemm(b, hd, c, 1.0, hmat.as_ptr(), hd as isize, 1, net.w2.as_ptr(), 1, hd as isize, 1.0, o.as_mut_ptr(), c as isize, 1);
    }
    // softmax over legal moves; gradient p - p(.|target) on the target set
    let mut loss = 0f64;
    for (r, e) in batch.iter().enumerate() {
        let row = &mut o[r * c..(r + 1) * c];
        let mx = (0..c).filter(|&k| bit(&e.legal, k)).map(|k| row[k]).fold(f32::NEG_INFINITY, f32::max);
        let mut z = 0f32;
        let mut zt = 0f32;
        for (k, v) in row.iter_mut().enumerate() {
            if bit(&e.legal, k) {
                *v = (*v - mx).exp();
                z += *v;
                if bit(&e.target, k) {
                    zt += *v;
                }
            } else {
                *v = 0.0;
            }
        }
        loss -= ((zt / z).max(1e-30) as f64).ln();
        for (k, v) in row.iter_mut().enumerate() {
            let p = *v / z;
            let q = if bit(&e.target, k) { *v / zt } else { 0.0 };
            *v = (p - q) / b as f32;
        }
    }
    // gradients
    let mut gw2 = vec![0f32; c * hd];
    let mut gb2 = vec![0f32; c];
    unsafe {
        // gW2 = dO^T H
        matrixmultiply::sgemm(c, b, hd, 1.0, o.as_ptr(), 1, c as isize, hmat.as_ptr(), hd as isize, 1, 0.0, gw2.as_mut_ptr(), hd as isize, 1);
    }
    for r in 0..b {
        for k in 0..c {
            gb2[k] += o[r * c + k];
        }
    }
    let mut dh = vec![0f32; b * hd];
    unsafe {
        // dH = dO W2
        matrixmultiply::sgemm(b, c, hd, 1.0, o.as_ptr(), c as isize, 1, net.w2.as_ptr(), hd as isize, 1, 0.0, dh.as_mut_ptr(), hd as isize, 1);
    }
    for (g, m) in dh.iter_mut().zip(&mask) {
        *g *= m;
    }
    let mut gw1 = vec![0f32; hd * n_in];
    let mut gb1 = vec![0f32; hd];
    unsafe {
        // gW1 = dH^T X
        matrixmultiply::sgemm(hd, b, n_in, 1.0, dh.as_ptr(), 1, hd as isize, x.as_ptr(), n_in as isize, 1, 0.0, gw1.as_mut_ptr(), n_in as isize, 1);
    }
    for r in 0..b {
        for j in 0..hd {
            gb1[j] += dh[r * hd + j];
        }
    }
    let mut dx = vec![0f32; b * n_in];
    unsafe {
        // dX = dH W1
        matrixmultiply::sgemm(b, hd, n_in, 1.0, dh.as_ptr(), hd as isize, 1, net.w1.as_ptr(), n_in as isize, 1, 0.0, dx.as_mut_ptr(), n_in as isize, 1);
    }
    let [_, _, _, o_w1, o_b1, o_w2, o_b2] = opt;
    o_w1.step_range(&mut net.w1, &gw1, 0..gw1.len(), cfg.lr, t);
    o_b1.step_range(&mut net.b1, &gb1, 0..hd, cfg.lr, t);
    o_w2.step_range(&mut net.w2, &gw2, 0..gw2.len(), cfg.lr, t);
    o_b2.step_range(&mut net.b2, &gb2, 0..c, cfg.lr, t);
    (loss, dx)
}

