//! A feed-forward transition scorer (Chen & Manning 2014) for the same
//! arc-hybrid system: dense embeddings of the words, tags and arc labels at 21
//! positions of the stack, buffer and their children, one ReLU hidden layer,
//! one score per transition. Trained with minibatch Adam, first on the static
//! oracle's path, then on paths the model itself takes (dynamic oracle with
//! exploration, as the perceptron is), the target being the set of moves that
//! lose no gold arc.
//!
//! Optionally (file version 2) a sentence BiLSTM (`lstm.rs`) runs over the
//! word and tag embeddings once per sentence, and its output vectors for the
//! tokens at s0, b0, s1, b1, s2, b2 (the first `slots` of them) are further
//! inputs, so each decision sees those tokens in their whole sentence.
//!
//! Written by hand: decoding scores one state at a time from precomputed
//! hidden-layer rows (no allocation, no per-call framework overhead), which a
//! tensor library's per-operation cost would dominate. Training (`nn_train.rs`)
//! computes the same function in batches with `matrixmultiply`; a unit test
//! checks the two agree.

use super::lstm::{BiLstm, Trace};
use super::system::{State, N_CLASSES, NONE};
use crate::binfmt::{Reader, Writer};
use crate::LangError;
use std::collections::HashMap;

/// Token positions read: s0 s1 s2 b0 b1 b2, then children (labels read from 6 on).
pub const N_POS: usize = 21;
pub const LAB_FROM: usize = 6;
pub const N_IDS: usize = 2 * N_POS + (N_POS - LAB_FROM);

const NN_MAGIC: &[u8] = b"CRBNNP\0\0";
/// Version 2 files add the sentence BiLSTM (`lstm.rs`); version 3 files its
/// layer count, then each layer, bottom first; version 4 files (what a net
/// with a BiLSTM is written as) the net-first margin ([`Net::first`]) after the count.
const NN_MAGIC_V2: &[u8] = b"CRBNNP\0\x02";
const NN_MAGIC_V3: &[u8] = b"CRBNNP\0\x03";
const NN_MAGIC_V4: &[u8] = b"CRBNNP\0\x04";
/// Which of the 21 positions also read the BiLSTM's vector of their token, in
/// the order slots are added: s0, b0, s1, b1, s2, b2.
pub const LSTM_SLOTS: [usize; 6] = [0, 3, 1, 4, 2, 5];
const NULL: u32 = 0;
const ROOT_ID: u32 = 1;
pub(super) const UNK: u32 = 2;

#[derive(Clone, Copy, Debug)]
pub struct Dims {
    pub dw: usize,
    pub dt: usize,
    pub dl: usize,
    pub hidden: usize,
    /// BiLSTM units per direction (0: no BiLSTM).
    pub lstm: usize,
    /// How many of [`LSTM_SLOTS`] read the BiLSTM.
    pub slots: usize,
    /// Stacked BiLSTM layers (1 or more when `lstm` > 0).
    pub layers: usize,
}

impl Dims {
    /// Inputs from the embeddings at the 21 positions.
    pub fn n_base(&self) -> usize {
        N_POS * self.dw + N_POS * self.dt + (N_POS - LAB_FROM) * self.dl
    }
    /// All inputs: the embeddings, then 2 × lstm per BiLSTM slot.
    pub fn n_in(&self) -> usize {
        self.n_base() + self.n_lstm()
    }
    pub fn n_lstm(&self) -> usize {
        if self.lstm == 0 {
            0
        } else {
            self.slots * 2 * self.lstm
        }
    }
}

#[derive(Clone, Debug)]
pub struct Net {
    pub dims: Dims,
    pub(super) words: HashMap<u64, u32>,
    pub(super) tags: HashMap<u64, u32>,
    pub(super) ew: Vec<f32>,
    pub(super) et: Vec<f32>,
    pub(super) el: Vec<f32>,
    /// hidden × n_in, row-major.
    pub(super) w1: Vec<f32>,
    pub(super) b1: Vec<f32>,
    /// N_CLASSES × hidden.
    pub(super) w2: Vec<f32>,
    pub(super) b2: Vec<f32>,
    /// The sentence encoder whose outputs the BiLSTM slots read (dims.lstm > 0).
    pub(super) lstm: Option<BiLstm>,
    /// Weight of the net's scores when added to the perceptron's (perceptron
    /// score units per logit), chosen on dev by `train_nn_parser`.
    pub mix: f32,
    /// The net is not consulted when the perceptron's best legal move leads
    /// the runner-up by more than this (perceptron score units): there the
    /// net almost never changes the choice, and skipping it saves most of its cost.
    pub skip: f32,
    /// Net first (when finite): the net scores every state and the perceptron
    /// is consulted only where the net's best legal move leads the runner-up
    /// by at most this many logits; `skip` is then unused. Infinity: perceptron first.
    pub first: f32,
    /// Inference tables (see [`Net::prepare`]); empty until prepared.
    pub(super) fast: Fast,
}

/// Precomputed hidden-layer contributions, so a transition costs a few vector
/// adds per tag, label and frequent word instead of a full matrix product.
#[derive(Clone, Debug, Default)]
pub(super) struct Fast {
    /// Rows of hidden-size contributions: [position][word id < n_pre], then
    /// from `tag_at` [position][tag id], then [label position][label id].
    pre: Vec<f32>,
    tag_at: usize,
    n_pre: usize,
    /// W1's word columns transposed: [position][dim][hidden]
    wcols: Vec<f32>,
    /// W1's BiLSTM columns transposed, [dim][slot][hidden], in bf16 pairs
    /// (`bf16.rs`): one product projects a sentence's BiLSTM outputs into every slot.
    lcolsb: super::bf16::PackedB,
    /// W2 in blocks of eight classes, [block][hidden][8]: the output layer
    /// then scores eight classes per pass with the classes in the lanes
    /// (a row-by-row dot product ended each class with a horizontal sum).
    w2t: Vec<f32>,
    avx2: bool,
    /// AVX-512 for the hidden sums (implies `avx2`).
    avx512: bool,
}

/// Words whose hidden contributions are precomputed at every position (the
/// null and root rows, unknown, then the most frequent words).
const N_PRE: usize = 256;

/// The 21 positions (token indices or NONE) a state's features read.
pub fn positions(st: &State) -> [u32; N_POS] {
    let ch = |p: u32, v: &[u32]| if p == NONE { NONE } else { v.get(p as usize).copied().unwrap_or(NONE) };
    let (s0, s1, s2, b0, b1, b2) = (st.s(0), st.s(1), st.s(2), st.buf(0), st.buf(1), st.buf(2));
    let (l1, l2, r1, r2) = (&st.l1[..], &st.l2[..], &st.r1[..], &st.r2[..]);
    [
        s0,
        s1,
        s2,
        b0,
        b1,
        b2,
        ch(s0, l1),
        ch(s0, l2),
        ch(s0, r1),
        ch(s0, r2),
        ch(s1, l1),
        ch(s1, l2),
        ch(s1, r1),
        ch(s1, r2),
        ch(b0, l1),
        ch(b0, l2),
        ch(ch(s0, l1), l1),
        ch(ch(s0, r1), r1),
        ch(ch(s1, l1), l1),
        ch(ch(s1, r1), r1),
        ch(ch(b0, l1), l1),
    ]
}

/// Per-sentence word and tag ids (index 0 = root).
#[derive(Default)]
pub struct SentIds {
    pub w: Vec<u32>,
    pub t: Vec<u32>,
}

impl Net {
    pub fn n_params(&self) -> usize {
        self.ew.len() + self.et.len() + self.el.len() + self.w1.len() + self.b1.len() + self.w2.len() + self.b2.len() + self.lstm.as_ref().map_or(0, |l| l.n_params())
    }

    /// The BiLSTM's input rows of a sentence (root first): each token's word
    /// embedding followed by its tag embedding.
    pub(super) fn lstm_inputs(&self, si: &SentIds, xs: &mut Vec<f32>) {
        let Dims { dw, dt, .. } = self.dims;
        let (nw, nt) = (self.ew.len() / dw.max(1), self.et.len() / dt.max(1));
        xs.clear();
        for (&w, &t) in si.w.iter().zip(&si.t) {
            let (w, t) = ((w as usize).min(nw.saturating_sub(1)), (t as usize).min(nt.saturating_sub(1)));
            xs.extend_from_slice(&self.ew[w * dw..(w + 1) * dw]);
            xs.extend_from_slice(&self.et[t * dt..(t + 1) * dt]);
        }
    }

    /// Copies the BiLSTM vectors (`out`, one 2h row per token) of the slot
    /// positions into the input vector's tail; zeros where a slot is empty.
    pub(super) fn gather_lstm(&self, pos: &[u32; N_POS], out: &[f32], x: &mut [f32]) {
        let d2 = 2 * self.dims.lstm;
        let base = self.dims.n_base();
        for (j, &k) in LSTM_SLOTS.iter().take(self.dims.slots).enumerate() {
            let dst = &mut x[base + j * d2..base + (j + 1) * d2];
            let p = pos[k] as usize;
            match out.get(p * d2..(p + 1) * d2) {
                Some(src) if pos[k] != NONE => dst.copy_from_slice(src),
                _ => dst.fill(0.0),
            }
        }
    }

    pub fn sent_ids(&self, words: &[&str], tags: &[&str], out: &mut SentIds) {
        out.w.clear();
        out.t.clear();
        out.w.push(ROOT_ID);
        out.t.push(ROOT_ID);
        for (i, w) in words.iter().enumerate() {
            let t = tags.get(i).copied().unwrap_or("");
            out.w.push(self.words.get(&crate::hash::fnv_lower(w)).copied().unwrap_or(UNK));
            out.t.push(self.tags.get(&crate::hash::fnv(t.as_bytes())).copied().unwrap_or(UNK));
        }
    }

    /// Fills a state's feature ids; returns the positions they were read at.
    pub fn ids(st: &State, s: &SentIds, out: &mut [u32; N_IDS]) -> [u32; N_POS] {
        let pos = positions(st);
        for (k, &p) in pos.iter().enumerate() {
            let (w, t) = if p == NONE {
                (NULL, NULL)
            } else {
                (s.w.get(p as usize).copied().unwrap_or(UNK), s.t.get(p as usize).copied().unwrap_or(UNK))
            };
            out[k] = w;
            out[N_POS + k] = t;
            if k >= LAB_FROM {
                out[2 * N_POS + k - LAB_FROM] = if p == NONE { 0 } else { st.labels.get(p as usize).map(|&l| l as u32 + 1).unwrap_or(0) };
            }
        }
        pos
    }

    /// The embedding part of one example's input vector.
    pub(super) fn gather(&self, ids: &[u32; N_IDS], x: &mut [f32]) {
        let Dims { dw, dt, dl, .. } = self.dims;
        let mut o = 0;
        for (k, &id) in ids.iter().enumerate() {
            let (table, d) = if k < N_POS {
                (&self.ew, dw)
            } else if k < 2 * N_POS {
                (&self.et, dt)
            } else {
                (&self.el, dl)
            };
            let r = id as usize * d;
            x[o..o + d].copy_from_slice(&table[r..r + d]);
            o += d;
        }
    }

    /// Builds the inference tables (done by [`Net::read`]; training uses the plain product).
    pub fn prepare(&mut self) {
        let Dims { dw, dt, dl, hidden, .. } = self.dims;
        let n_in = self.dims.n_in();
        let (nt, nl) = (self.et.len() / dt.max(1), self.el.len() / dl.max(1));
        let n_pre = N_PRE.min(self.ew.len() / dw.max(1));
        let col = |off: usize, e: &[f32], out: &mut [f32]| {
            for (j, o) in out.iter_mut().enumerate() {
                *o = dot(&self.w1[j * n_in + off..j * n_in + off + e.len()], e);
            }
        };
        let mut f = Fast { n_pre, ..Fast::default() };
        let nlp = N_POS - LAB_FROM;
        f.tag_at = N_POS * n_pre * hidden;
        f.pre = vec![0.0; f.tag_at + N_POS * nt * hidden + nlp * nl * hidden];
        for k in 0..N_POS {
            for w in 0..n_pre {
                let o = (k * n_pre + w) * hidden;
                col(k * dw, &self.ew[w * dw..(w + 1) * dw], &mut f.pre[o..o + hidden]);
            }
            for t in 0..nt {
                let o = f.tag_at + (k * nt + t) * hidden;
                col(N_POS * dw + k * dt, &self.et[t * dt..(t + 1) * dt], &mut f.pre[o..o + hidden]);
            }
        }
        let lab0 = f.tag_at + N_POS * nt * hidden;
        for k in 0..nlp {
            for l in 0..nl {
                let o = lab0 + (k * nl + l) * hidden;
                col(N_POS * (dw + dt) + k * dl, &self.el[l * dl..(l + 1) * dl], &mut f.pre[o..o + hidden]);
            }
        }
        #[cfg(target_arch = "x86_64")]
        {
            f.avx2 = std::is_x86_feature_detected!("avx2") && std::env::var_os("CORROBORATE_NO_AVX2").is_none();
            f.avx512 = f.avx2 && std::is_x86_feature_detected!("avx512f") && std::env::var_os("CORROBORATE_NO_AVX512").is_none();
        }
        f.wcols = vec![0.0; N_POS * dw * hidden];
        for k in 0..N_POS {
            for i in 0..dw {
                for j in 0..hidden {
                    f.wcols[(k * dw + i) * hidden + j] = self.w1[j * n_in + k * dw + i];
                }
            }
        }
        let (base, d2, slots) = (self.dims.n_base(), 2 * self.dims.lstm, self.dims.slots);
        let mut lcols = vec![0.0; self.dims.n_lstm() * hidden];
        for i in 0..d2 {
            for j in 0..slots {
                for k in 0..hidden {
                    lcols[(i * slots + j) * hidden + k] = self.w1[k * n_in + base + j * d2 + i];
                }
            }
        }
        f.lcolsb = super::bf16::PackedB::new(&lcols, d2, slots * hidden);
        f.w2t = blocks_of_eight(&self.w2, hidden);
        self.fast = f;
    }

    /// Transition scores of one state (`x`, `h`: scratch of n_in / hidden
    /// floats); `ctx` gives the state's positions and its sentence's BiLSTM
    /// outputs when the net has a BiLSTM.
    pub fn scores(&self, ids: &[u32; N_IDS], ctx: Option<(&[u32; N_POS], &[f32])>, x: &mut Vec<f32>, h: &mut Vec<f32>, out: &mut [f32; N_CLASSES]) {
        let n_in = self.dims.n_in();
        x.resize(n_in, 0.0);
        h.resize(self.dims.hidden, 0.0);
        self.gather(ids, x);
        if self.dims.n_lstm() > 0 {
            match ctx {
                Some((pos, lo)) => self.gather_lstm(pos, lo, x),
                None => x[self.dims.n_base()..].fill(0.0),
            }
        }
        for (j, hj) in h.iter_mut().enumerate() {
            let row = &self.w1[j * n_in..(j + 1) * n_in];
            *hj = (dot(row, x) + self.b1[j]).max(0.0);
        }
        let hd = self.dims.hidden;
        for (c, o) in out.iter_mut().enumerate() {
            *o = dot(&self.w2[c * hd..(c + 1) * hd], h) + self.b2[c];
        }
    }
}

impl Net {
    /// A standalone file: magic `CRBNNP\0\0` (no BiLSTM) or `CRBNNP\0\x04` (versions 2 and 3 are still read), then the net.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.buf.extend_from_slice(if self.lstm.is_some() { NN_MAGIC_V4 } else { NN_MAGIC });
        self.write(&mut w);
        w.buf
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Net, LangError> {
        let mut r = Reader::new("parser net", bytes);
        let version = if bytes.starts_with(NN_MAGIC_V4) {
            4
        } else if bytes.starts_with(NN_MAGIC_V3) {
            3
        } else if bytes.starts_with(NN_MAGIC_V2) {
            2
        } else {
            1
        };
        r.expect([NN_MAGIC, NN_MAGIC_V2, NN_MAGIC_V3, NN_MAGIC_V4][version - 1])?;
        let n = Net::read(&mut r, version)?;
        if !r.done() {
            return Err(r.err("trailing bytes"));
        }
        Ok(n)
    }

    /// Writes the net after its magic; the BiLSTM's fields only when it has one.
    fn write(&self, w: &mut Writer) {
        let Dims { dw, dt, dl, hidden, slots, .. } = self.dims;
        w.f32(self.mix);
        w.f32(self.skip);
        for v in [dw, dt, dl, hidden] {
            w.u32(v as u32);
        }
        if self.lstm.is_some() {
            w.u32(slots as u32);
        }
        for map in [&self.words, &self.tags] {
            let mut by_id: Vec<(u32, u64)> = map.iter().map(|(&h, &i)| (i, h)).collect();
            by_id.sort_unstable();
            w.u32(by_id.len() as u32);
            for (_, h) in by_id {
                w.u64(h);
            }
        }
        for a in [&self.ew, &self.et, &self.el, &self.w1, &self.b1, &self.w2, &self.b2] {
            w.u32(a.len() as u32);
            for &x in a.iter() {
                w.f32(x);
            }
        }
        if let Some(l) = &self.lstm {
            w.u32(l.layers() as u32);
            w.f32(self.first);
            let mut at = Some(l);
            while let Some(l) = at {
                l.write(w);
                at = l.upper.as_deref();
            }
        }
    }

    /// Reads a net written by [`Net::write`] and builds its inference tables.
    fn read(r: &mut Reader, version: usize) -> Result<Net, LangError> {
        let v2 = version >= 2;
        let mix = r.f32()?;
        let skip = r.f32()?;
        if !mix.is_finite() || skip.is_nan() {
            return Err(r.err("mixing weight or skip margin is not a number"));
        }
        let mut dim = || -> Result<usize, LangError> { Ok(r.u32()? as usize) };
        let mut dims = Dims { dw: dim()?, dt: dim()?, dl: dim()?, hidden: dim()?, lstm: 0, slots: 0, layers: 0 };
        if v2 {
            dims.slots = dim()?;
        }
        if [dims.dw, dims.dt, dims.dl, dims.hidden].iter().any(|&d| d == 0 || d > 4096) || dims.slots > LSTM_SLOTS.len() {
            return Err(r.err("implausible network dimensions"));
        }
        let mut maps = Vec::new();
        for _ in 0..2 {
            let n = r.len(8)?;
            let mut m = HashMap::with_capacity(n);
            for i in 0..n {
                m.insert(r.u64()?, i as u32 + 3);
            }
            maps.push(m);
        }
        let mut arrays = Vec::new();
        for _ in 0..7 {
            let n = r.len(4)?;
            arrays.push((0..n).map(|_| r.f32()).collect::<Result<Vec<f32>, _>>()?);
        }
        let tags = maps.pop().unwrap_or_default();
        let words = maps.pop().unwrap_or_default();
        let [ew, et, el, w1, b1, w2, b2]: [Vec<f32>; 7] = arrays.try_into().map_err(|_| r.err("missing arrays"))?;
        let mut first = f32::INFINITY;
        let lstm = if v2 {
            let layers = if version >= 3 { r.u32()? as usize } else { 1 };
            if !(1..=8).contains(&layers) {
                return Err(r.err("implausible number of BiLSTM layers"));
            }
            if version >= 4 {
                first = r.f32()?;
                if first.is_nan() {
                    return Err(r.err("net-first margin is not a number"));
                }
            }
            let mut stack: Vec<BiLstm> = Vec::with_capacity(layers);
            for k in 0..layers {
                let l = BiLstm::read(r)?;
                let want = if k == 0 { dims.dw + dims.dt } else { 2 * stack[k - 1].h };
                if l.d_in != want {
                    return Err(r.err("a BiLSTM layer's input size does not match the layer below (or word + tag embedding)"));
                }
                stack.push(l);
            }
            let mut top: Option<BiLstm> = None;
            while let Some(mut l) = stack.pop() {
                l.upper = top.map(Box::new);
                top = Some(l);
            }
            let mut l = top.ok_or_else(|| r.err("missing BiLSTM"))?;
            l.refresh();
            dims.lstm = l.top_h();
            dims.layers = layers;
            Some(l)
        } else {
            None
        };
        let n_in = dims.n_in();
        let ok = ew.len() == (words.len() + 3) * dims.dw
            && et.len() == (tags.len() + 3) * dims.dt
            && el.len() == (super::labels::N_LABELS + 1) * dims.dl
            && w1.len() == dims.hidden * n_in
            && b1.len() == dims.hidden
            && w2.len() == N_CLASSES * dims.hidden
            && b2.len() == N_CLASSES;
        if !ok {
            return Err(r.err("network arrays do not match its dimensions"));
        }
        let mut net = Net { dims, words, tags, ew, et, el, w1, b1, w2, b2, lstm, mix, skip, first, fast: Fast::default() };
        net.prepare();
        Ok(net)
    }

    /// Transition scores of a parser state, for decoding: like [`Net::scores`]
    /// on the state's ids, but with the prepared tables, and each rare word's
    /// contribution at a position computed once per sentence (`cache`, reset per
    /// sentence with [`NetCache::reset`]).
    pub fn scores_state(&self, st: &State, si: &SentIds, cache: &mut NetCache, out: &mut [f32; N_CLASSES]) {
        let mut ids = [0u32; N_IDS];
        let pos = Net::ids(st, si, &mut ids);
        if let Some(l) = self.lstm.as_ref().filter(|_| !cache.lstm_done) {
            // once per sentence, on the first state that consults the net: the
            // BiLSTM, then its outputs' hidden-layer rows in every slot
            self.lstm_inputs(si, &mut cache.xs);
            l.infer(&cache.xs, &mut cache.trace);
            let (d2, width) = (2 * self.dims.lstm, self.dims.slots * self.dims.hidden);
            let n = cache.trace.top().len() / d2.max(1);
            cache.proj.clear();
            cache.proj.resize(n * width, 0.0);
            let lb = &self.fast.lcolsb;
            if lb.kp == d2.div_ceil(2) && lb.n == width && n > 0 {
                super::bf16::pack_rows(cache.trace.top(), n, d2, d2, &mut cache.packed);
                super::bf16::gemm(n, &cache.packed, lb, &mut cache.proj, width, false);
            }
            cache.lstm_done = true;
        }
        if self.fast.pre.is_empty() {
            let (mut x, mut h) = (Vec::new(), std::mem::take(&mut cache.h));
            self.scores(&ids, Some((&pos, cache.trace.top())), &mut x, &mut h, out);
            cache.h = h;
            return;
        }
        let Dims { dw, dt, dl, hidden, .. } = self.dims;
        let f = &self.fast;
        let (nt, nl) = (self.et.len() / dt.max(1), self.el.len() / dl.max(1));
        let n_words = self.ew.len() / dw.max(1);
        // rare words: their contribution at this position, once per sentence
        let mut from_cache = [u32::MAX; N_POS];
        for k in 0..N_POS {
            let (p, w) = (pos[k], (ids[k] as usize).min(n_words.saturating_sub(1)));
            if p == NONE || w < f.n_pre {
                continue;
            }
            let key = p as usize * N_POS + k;
            if cache.slot.len() <= key {
                cache.slot.resize(key + 1, u32::MAX);
            }
            if cache.slot[key] == u32::MAX {
                let at = cache.rows.len();
                cache.rows.resize(at + hidden, 0.0);
                word_row(&self.ew[w * dw..(w + 1) * dw], &f.wcols[k * dw * hidden..(k + 1) * dw * hidden], &mut cache.rows[at..at + hidden], f.avx2);
                cache.slot[key] = (at / hidden) as u32;
            }
            from_cache[k] = cache.slot[key];
        }
        let lab0 = f.tag_at + N_POS * nt * hidden;
        let mut rows: [&[f32]; N_IDS + LSTM_SLOTS.len()] = [&[]; N_IDS + LSTM_SLOTS.len()];
        let mut na = 0;
        for k in 0..N_POS {
            rows[na] = if from_cache[k] != u32::MAX {
                let o = from_cache[k] as usize * hidden;
                &cache.rows[o..o + hidden]
            } else {
                let w = (ids[k] as usize).min(f.n_pre.saturating_sub(1));
                &f.pre[(k * f.n_pre + w) * hidden..][..hidden]
            };
            na += 1;
            let t = (ids[N_POS + k] as usize).min(nt.saturating_sub(1));
            rows[na] = &f.pre[f.tag_at + (k * nt + t) * hidden..][..hidden];
            na += 1;
            if k >= LAB_FROM {
                let l = (ids[2 * N_POS + k - LAB_FROM] as usize).min(nl.saturating_sub(1));
                rows[na] = &f.pre[lab0 + ((k - LAB_FROM) * nl + l) * hidden..][..hidden];
                na += 1;
            }
        }
        // BiLSTM slots: the rows projected for the sentence above; none for an empty slot
        if self.lstm.is_some() {
            let slots = self.dims.slots;
            for (j, &k) in LSTM_SLOTS.iter().take(slots).enumerate() {
                let p = pos[k];
                if let Some(r) = cache.proj.get((p as usize * slots + j) * hidden..(p as usize * slots + j + 1) * hidden).filter(|_| p != NONE) {
                    rows[na] = r;
                    na += 1;
                }
            }
        }
        cache.h.resize(hidden, 0.0);
        #[cfg(target_arch = "x86_64")]
        if f.avx2 && hidden % 32 == 0 && self.w2.len() == N_CLASSES * hidden && f.w2t.len() == N_CLASSES / 8 * 8 * hidden && self.b1.len() == hidden {
            // SAFETY: `avx2` is set by `prepare` only when the CPU reports AVX2; every row
            // and `b1` hold `hidden` floats, `w2` N_CLASSES rows of them, `w2t` its
            // whole blocks of eight (checked here).
            unsafe {
                if f.avx512 && hidden % 128 == 0 {
                    sum_avx512(&self.b1, &rows[..na], &mut cache.h, &self.w2, &f.w2t, &self.b2, out)
                } else {
                    sum_avx2(&self.b1, &rows[..na], &mut cache.h, &self.w2, &f.w2t, &self.b2, out)
                }
            };
            return;
        }
        sum_rows(&self.b1, &rows[..na], &mut cache.h, &self.w2, &self.b2, out);
    }
}

/// Per-sentence buffers of [`Net::scores_state`].
#[derive(Default)]
pub struct NetCache {
    /// (token × position) -> row in `rows`, or u32::MAX.
    slot: Vec<u32>,
    rows: Vec<f32>,
    h: Vec<f32>,
    /// The sentence's BiLSTM inputs and outputs, computed on first use.
    xs: Vec<f32>,
    trace: Trace,
    /// n × slots × hidden: each token's BiLSTM output projected for each slot.
    proj: Vec<f32>,
    /// The BiLSTM outputs in bf16 pairs, for the projection.
    packed: Vec<u32>,
    lstm_done: bool,
}

impl NetCache {
    pub fn reset(&mut self) {
        self.slot.clear();
        self.rows.clear();
        self.lstm_done = false;
    }
}

/// out = Σ_i e[i] · cols[i] (cols: [dim][hidden]).
fn word_row(e: &[f32], cols: &[f32], out: &mut [f32], avx2: bool) {
    #[inline(always)]
    fn run(e: &[f32], cols: &[f32], out: &mut [f32]) {
        let hd = out.len();
        for (i, &x) in e.iter().enumerate() {
            for (o, c) in out.iter_mut().zip(&cols[i * hd..(i + 1) * hd]) {
                *o += x * c;
            }
        }
    }
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn run_avx2(e: &[f32], cols: &[f32], out: &mut [f32]) {
        run(e, cols, out)
    }
    #[cfg(target_arch = "x86_64")]
    if avx2 {
        // SAFETY: only called with `avx2` when the CPU reports it (see `prepare`).
        return unsafe { run_avx2(e, cols, out) };
    }
    let _ = avx2;
    run(e, cols, out)
}

/// W2 (N_CLASSES rows of `hidden`) transposed in whole blocks of eight
/// classes, [block][hidden][8], for [`out_layer_avx2`].
fn blocks_of_eight(w2: &[f32], hidden: usize) -> Vec<f32> {
    let mut t = vec![0.0; N_CLASSES / 8 * 8 * hidden];
    for c in 0..N_CLASSES / 8 * 8 {
        for i in 0..hidden {
            t[((c / 8) * hidden + i) * 8 + c % 8] = w2.get(c * hidden + i).copied().unwrap_or(0.0);
        }
    }
    t
}

/// h = relu(b1 + Σ rows); out = W2 h + b2.
fn sum_rows(b1: &[f32], rows: &[&[f32]], h: &mut [f32], w2: &[f32], b2: &[f32], out: &mut [f32; N_CLASSES]) {
    let hidden = h.len();
    h.copy_from_slice(&b1[..hidden]);
    for r in rows {
        for (a, b) in h.iter_mut().zip(r.iter()) {
            *a += b;
        }
    }
    for v in h.iter_mut() {
        *v = v.max(0.0);
    }
    for (c, o) in out.iter_mut().enumerate() {
        *o = dot(&w2[c * hidden..(c + 1) * hidden], h) + b2[c];
    }
}

/// [`sum_rows`] with explicit AVX2 vectors: lane by lane the same additions in
/// the same order (no fused multiply-add), so both give identical scores. The
/// output layer runs eight classes at a time over `w2t` (W2 transposed in
/// blocks of eight): accumulator `j` holds, for eight classes at once, what
/// [`dot`]'s partial sum `j` holds for one, and they are added in `dot`'s
/// order; the classes past the last whole block use `w2` row by row.
///
/// # Safety
/// The CPU must support AVX2; `h.len()` is a multiple of 32, and `b1` and every
/// row hold at least `h.len()` floats, `w2` N_CLASSES rows of them, `w2t`
/// N_CLASSES / 8 blocks of `h.len()` × 8.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn sum_avx2(b1: &[f32], rows: &[&[f32]], h: &mut [f32], w2: &[f32], w2t: &[f32], b2: &[f32], out: &mut [f32; N_CLASSES]) {
    use std::arch::x86_64::*;
    let hidden = h.len();
    let mut c0 = 0;
    while c0 < hidden {
        let b = b1.as_ptr().add(c0);
        let (mut a0, mut a1, mut a2, mut a3) = (_mm256_loadu_ps(b), _mm256_loadu_ps(b.add(8)), _mm256_loadu_ps(b.add(16)), _mm256_loadu_ps(b.add(24)));
        for r in rows {
            let p = r.as_ptr().add(c0);
            a0 = _mm256_add_ps(a0, _mm256_loadu_ps(p));
            a1 = _mm256_add_ps(a1, _mm256_loadu_ps(p.add(8)));
            a2 = _mm256_add_ps(a2, _mm256_loadu_ps(p.add(16)));
            a3 = _mm256_add_ps(a3, _mm256_loadu_ps(p.add(24)));
        }
        let z = _mm256_setzero_ps();
        let q = h.as_mut_ptr().add(c0);
        _mm256_storeu_ps(q, _mm256_max_ps(a0, z));
        _mm256_storeu_ps(q.add(8), _mm256_max_ps(a1, z));
        _mm256_storeu_ps(q.add(16), _mm256_max_ps(a2, z));
        _mm256_storeu_ps(q.add(24), _mm256_max_ps(a3, z));
        c0 += 32;
    }
    out_layer_avx2(h, w2, w2t, b2, out);
}

/// The output layer of [`sum_avx2`] (which see), on the hidden vector `h`.
///
/// # Safety
/// As [`sum_avx2`].
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
unsafe fn out_layer_avx2(h: &[f32], w2: &[f32], w2t: &[f32], b2: &[f32], out: &mut [f32; N_CLASSES]) {
    use std::arch::x86_64::*;
    let hidden = h.len();
    let blocks = N_CLASSES / 8;
    let hp = h.as_ptr();
    for blk in 0..blocks {
        let w = w2t.as_ptr().add(blk * hidden * 8);
        let mut acc = [_mm256_setzero_ps(); 8];
        let mut i = 0;
        while i < hidden {
            for (j, a) in acc.iter_mut().enumerate() {
                let x = _mm256_set1_ps(*hp.add(i + j));
                *a = _mm256_add_ps(*a, _mm256_mul_ps(_mm256_loadu_ps(w.add((i + j) * 8)), x));
            }
            i += 8;
        }
        let mut s = acc[0];
        for a in &acc[1..] {
            s = _mm256_add_ps(s, *a);
        }
        s = _mm256_add_ps(s, _mm256_loadu_ps(b2.as_ptr().add(blk * 8)));
        _mm256_storeu_ps(out.as_mut_ptr().add(blk * 8), s);
    }
    for c in blocks * 8..N_CLASSES {
        let r = w2.as_ptr().add(c * hidden);
        let mut acc = _mm256_setzero_ps();
        let mut i = 0;
        while i < hidden {
            acc = _mm256_add_ps(acc, _mm256_mul_ps(_mm256_loadu_ps(r.add(i)), _mm256_loadu_ps(hp.add(i))));
            i += 8;
        }
        let mut lanes = [0f32; 8];
        _mm256_storeu_ps(lanes.as_mut_ptr(), acc);
        let s: f32 = lanes.iter().sum();
        out[c] = s + b2[c];
    }
}

/// [`sum_avx2`] with the hidden sums in AVX-512 registers: all 128 sums at
/// once, so each row is read in one pass instead of four. The same additions
/// lane by lane, so the same floats.
///
/// # Safety
/// The CPU must support AVX-512F and AVX2; `h.len()` is a multiple of 128;
/// otherwise as [`sum_avx2`].
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx2")]
unsafe fn sum_avx512(b1: &[f32], rows: &[&[f32]], h: &mut [f32], w2: &[f32], w2t: &[f32], b2: &[f32], out: &mut [f32; N_CLASSES]) {
    use std::arch::x86_64::*;
    let hidden = h.len();
    let mut c0 = 0;
    while c0 < hidden {
        let b = b1.as_ptr().add(c0);
        let mut acc = [_mm512_setzero_ps(); 8];
        for (j, a) in acc.iter_mut().enumerate() {
            *a = _mm512_loadu_ps(b.add(16 * j));
        }
        for r in rows {
            let p = r.as_ptr().add(c0);
            for (j, a) in acc.iter_mut().enumerate() {
                *a = _mm512_add_ps(*a, _mm512_loadu_ps(p.add(16 * j)));
            }
        }
        let z = _mm512_setzero_ps();
        let q = h.as_mut_ptr().add(c0);
        for (j, a) in acc.iter().enumerate() {
            _mm512_storeu_ps(q.add(16 * j), _mm512_max_ps(*a, z));
        }
        c0 += 128;
    }
    out_layer_avx2(h, w2, w2t, b2, out);
}

#[inline]
pub(super) fn dot(a: &[f32], b: &[f32]) -> f32 {
    // eight partial sums so the compiler vectorises the loop
    let mut acc = [0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for i in 0..8 {
            acc[i] += x[i] * y[i];
        }
    }
    let mut s: f32 = acc.iter().sum();
    for (x, y) in ra.iter().zip(rb) {
        s += x * y;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use super::super::nn_train::{train_nn, NnConfig};
    use crate::conll::Sent;

    fn toy() -> Vec<Sent> {
        let mk = |w: &[&str], p: &[&str], h: &[u32], d: &[&str]| Sent {
            words: w.iter().map(|x| x.to_string()).collect(),
            lemmas: w.iter().map(|x| x.to_string()).collect(),
            pos: p.iter().map(|x| x.to_string()).collect(),
            ner: vec!["O".into(); w.len()],
            heads: h.to_vec(),
            deprels: d.iter().map(|x| x.to_string()).collect(),
            starts: vec![0; w.len()],
            ..Sent::default()
        };
        let a = mk(&["The", "army", "said", "it", "shelled", "towns", "."], &["DT", "NN", "VBD", "PRP", "VBD", "NNS", "."], &[2, 3, 0, 5, 3, 5, 3], &["det", "nsubj", "root", "nsubj", "ccomp", "dobj", "punct"]);
        let b = mk(&["Rebels", "said", "the", "army", "shelled", "it", "."], &["NNS", "VBD", "DT", "NN", "VBD", "PRP", "."], &[2, 0, 4, 5, 2, 5, 2], &["nsubj", "root", "det", "nsubj", "ccomp", "dobj", "punct"]);
        let mut v = Vec::new();
        for _ in 0..40 {
            v.push(a.clone());
            v.push(b.clone());
        }
        v
    }

    fn check_toy(dims: Dims) {
        let data = toy();
        let cfg = NnConfig { dims, epochs: 6, batch: 16, lr: 1e-2, dropout: 0.0, ..NnConfig::default() };
        let mut net = train_nn(&data, &cfg, |_, _| {});
        assert_eq!(net.lstm.is_some(), dims.lstm > 0);
        if net.lstm.is_some() {
            net.first = 1.25;
        }
        let back = Net::from_bytes(&net.to_bytes()).unwrap();
        assert_eq!(back.first.to_bits(), net.first.to_bits(), "the net-first margin survives the file");
        assert_eq!(back.lstm.as_ref().map(|l| l.layers()), net.lstm.as_ref().map(|l| l.layers()));
        let s = &data[0];
        let words: Vec<&str> = s.words.iter().map(|w| w.as_str()).collect();
        let tags: Vec<&str> = s.pos.iter().map(|w| w.as_str()).collect();
        let mut si = SentIds::default();
        net.sent_ids(&words, &tags, &mut si);
        let (mut xs, mut trace) = (Vec::new(), Trace::default());
        if let Some(l) = &net.lstm {
            net.lstm_inputs(&si, &mut xs);
            l.forward(&xs, &mut trace);
        }
        let mut st = State::new(s.len());
        let (mut x, mut h) = (Vec::new(), Vec::new());
        let (mut a, mut b) = ([0f32; N_CLASSES], [0f32; N_CLASSES]);
        let mut legal = [false; N_CLASSES];
        let mut ids = [0u32; N_IDS];
        let mut heads = Vec::new();
        let mut cache = NetCache::default();
        cache.reset();
        while !st.is_terminal() {
            let pos = Net::ids(&st, &si, &mut ids);
            // the plain product (training) against the prepared tables (decoding)
            net.scores(&ids, Some((&pos, trace.top())), &mut x, &mut h, &mut a);
            back.scores_state(&st, &si, &mut cache, &mut b);
            // decoding runs the BiLSTM and its projection in bf16 (8-bit mantissas)
            let tol = if net.lstm.is_some() { 1e-2 } else { 1e-3 };
            for (p, q) in a.iter().zip(&b) {
                assert!((p - q).abs() < tol * (1.0 + p.abs()), "{p} vs {q}");
            }
            st.legal(&mut legal);
            assert!(st.apply(crate::perceptron::argmax(&a, Some(&legal))));
        }
        for d in 1..=s.len() {
            heads.push(st.heads[d]);
        }
        assert_eq!(heads, s.heads, "a net trained on a repeated toy sentence parses it");
        assert!(Net::from_bytes(b"CRBNNP\0\0\x01").is_err());
        let bytes = net.to_bytes();
        assert!(Net::from_bytes(&bytes[..bytes.len() - 3]).is_err());
    }

    /// The hidden and output layers give the very same floats in plain code,
    /// with AVX2 and with AVX-512 (where the CPU has them).
    #[test]
    fn the_vector_layer_sums_equal_the_plain_ones() {
        let mut rng = fastrand::Rng::with_seed(3);
        let mut r = || rng.f32() * 2.0 - 1.0;
        let hidden = 128;
        let b1: Vec<f32> = (0..hidden).map(|_| r()).collect();
        let rows: Vec<Vec<f32>> = (0..40).map(|_| (0..hidden).map(|_| r()).collect()).collect();
        let rows: Vec<&[f32]> = rows.iter().map(|v| v.as_slice()).collect();
        let w2: Vec<f32> = (0..N_CLASSES * hidden).map(|_| r()).collect();
        let b2: Vec<f32> = (0..N_CLASSES).map(|_| r()).collect();
        let w2t = blocks_of_eight(&w2, hidden);
        let mut h = vec![0f32; hidden];
        let mut want = [0f32; N_CLASSES];
        sum_rows(&b1, &rows, &mut h, &w2, &b2, &mut want);
        assert!(want.iter().any(|&x| x != 0.0));
        #[cfg(target_arch = "x86_64")]
        {
            let mut got = [0f32; N_CLASSES];
            if std::is_x86_feature_detected!("avx2") {
                // SAFETY: AVX2 is present; sizes as the functions require
                unsafe { sum_avx2(&b1, &rows, &mut h, &w2, &w2t, &b2, &mut got) };
                assert_eq!(got, want);
            }
            if std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("avx512f") {
                got = [0f32; N_CLASSES];
                // SAFETY: AVX2 and AVX-512F are present; sizes as the functions require
                unsafe { sum_avx512(&b1, &rows, &mut h, &w2, &w2t, &b2, &mut got) };
                assert_eq!(got, want);
            }
        }
        let _ = w2t;
    }

    #[test]
    fn learns_a_toy_treebank_and_fast_scores_equal_plain_ones_after_a_roundtrip() {
        check_toy(Dims { dw: 8, dt: 4, dl: 4, hidden: 32, lstm: 0, slots: 0, layers: 0 });
    }

    #[test]
    fn with_a_bilstm_too() {
        check_toy(Dims { dw: 8, dt: 4, dl: 4, hidden: 32, lstm: 6, slots: 4, layers: 1 });
        check_toy(Dims { dw: 8, dt: 4, dl: 4, hidden: 32, lstm: 6, slots: 4, layers: 2 });
    }
}
