//! A small bidirectional LSTM over a sentence's word and tag embeddings, so
//! the transition scorer (`nn.rs`) sees each stack and buffer token in the
//! context of its whole sentence (Kiperwasser & Goldberg 2016), not only
//! through the 21 positions it reads.
//!
//! Written by hand, with its backward pass: no maintained Rust crate offers an
//! LSTM cell that runs without a tensor framework's per-operation overhead,
//! and decoding runs it once per sentence of a few dozen tokens. The forward
//! pass's input product uses `gemm.rs`, the backward pass `matrixmultiply`.
//! Every code path (plain, AVX2, AVX-512) uses fused multiply-adds in the
//! same order, so outputs do not depend on the CPU. Decoding uses
//! [`BiLstm::infer`], the same pass with its products in bf16 (`bf16.rs`,
//! likewise CPU-independent); training uses the f32 [`BiLstm::forward`].

use super::bf16::{pack_rows, PackedB};
use crate::binfmt::{Reader, Writer};
use crate::LangError;

/// One direction's weights: gates in the order input, forget, cell, output.
#[derive(Clone, Debug, Default)]
pub struct Dir {
    /// 4h × d_in, row-major.
    pub wx: Vec<f32>,
    /// 4h × h, row-major.
    pub wh: Vec<f32>,
    /// 4h.
    pub b: Vec<f32>,
    /// `wh` transposed (h × 4h), derived by [`BiLstm::refresh`] for the recurrent step.
    wht: Vec<f32>,
    /// `wx` transposed (d_in × 4h), derived likewise for the input product.
    wxt: Vec<f32>,
    /// `wxt` and `wht` in bf16 pairs, for decoding ([`BiLstm::infer`]).
    wxb: PackedB,
    whb: PackedB,
}

/// Forward and backward directions; a token's output is [h_fw; h_bw] (2h floats).
/// An `upper` layer, when present, reads those outputs (a stacked BiLSTM),
/// and its outputs are the stack's.
#[derive(Clone, Debug, Default)]
pub struct BiLstm {
    pub h: usize,
    pub d_in: usize,
    pub fw: Dir,
    pub bw: Dir,
    /// The vector instructions of the f32 recurrent step (set by [`BiLstm::refresh`]).
    simd: Simd,
    pub upper: Option<Box<BiLstm>>,
}

/// What the backward pass needs of one direction's forward pass, in token order.
#[derive(Default)]
pub struct DirTrace {
    /// Gate activations after their nonlinearity, n × 4h.
    gates: Vec<f32>,
    /// Cell states, n × h.
    c: Vec<f32>,
    /// Outputs, n × h.
    hs: Vec<f32>,
}

impl DirTrace {
    /// Zeroed buffers for `n` tokens of an `h`-unit direction.
    fn reset(&mut self, n: usize, h: usize) {
        for (v, len) in [(&mut self.gates, n * 4 * h), (&mut self.c, n * h), (&mut self.hs, n * h)] {
            v.clear();
            v.resize(len, 0.0);
        }
    }

    /// Adds the gate biases to every token's pre-activations.
    fn add_bias(&mut self, b: &[f32]) {
        for row in self.gates.chunks_exact_mut(b.len().max(1)) {
            for (v, b) in row.iter_mut().zip(b) {
                *v += b;
            }
        }
    }
}

/// A forward pass over one sentence.
#[derive(Default)]
pub struct Trace {
    n: usize,
    fw: DirTrace,
    bw: DirTrace,
    /// n × 2h: token i's [h_fw; h_bw] (this layer's).
    pub out: Vec<f32>,
    /// The upper layer's pass, when the BiLSTM is stacked.
    upper: Option<Box<Trace>>,
    /// [`BiLstm::infer`]'s scratch: the inputs and the previous output in bf16 pairs.
    packed: Vec<u32>,
    hp: Vec<u32>,
}

impl Trace {
    /// This layer's outputs from its two directions: token t's [h_fw; h_bw].
    fn join(&mut self, h: usize) {
        self.out.clear();
        for t in 0..self.n {
            self.out.extend_from_slice(&self.fw.hs[t * h..(t + 1) * h]);
            self.out.extend_from_slice(&self.bw.hs[t * h..(t + 1) * h]);
        }
    }

    /// The stack's outputs: the top layer's, n × 2h.
    pub fn top(&self) -> &[f32] {
        match &self.upper {
            Some(u) => u.top(),
            None => &self.out,
        }
    }
}

/// Gradient accumulators, same shapes as the weights.
#[derive(Clone, Debug, Default)]
pub struct Grads {
    pub fw: Dir,
    pub bw: Dir,
    pub upper: Option<Box<Grads>>,
}

/// exp written out (Cephes' expf: range reduction by ln 2, degree-6
/// polynomial, exponent bits set directly) so that loops over gate arrays
/// vectorise: libm's expf, one call per value, was a third of the parser's
/// time with the BiLSTM. Relative error below 3e-7 on the clamped range.
#[inline(always)]
fn exp_approx(x: f32) -> f32 {
    let x = x.clamp(-87.0, 87.0);
    // round to nearest without a conversion instruction: adding 1.5 × 2^23 drops
    // the fraction and leaves the integer in the low mantissa bits
    let t = x * std::f32::consts::LOG2_E + 12_582_912.0;
    let ni = (t.to_bits() as i32).wrapping_sub(0x4B40_0000);
    let n = t - 12_582_912.0;
    let r = x - n * 0.693_359_4 - n * -2.121_944_4e-4;
    let mut p = 1.987_569_2e-4f32;
    p = p * r + 1.398_2e-3;
    p = p * r + 8.333_452e-3;
    p = p * r + 4.166_579_6e-2;
    p = p * r + 0.166_666_65;
    p = p * r + 0.5;
    let e = p * r * r + r + 1.0;
    e * f32::from_bits((ni.wrapping_add(127) << 23) as u32)
}

#[inline(always)]
fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + exp_approx(-x))
}

#[inline(always)]
fn tanh(x: f32) -> f32 {
    2.0 / (1.0 + exp_approx(-2.0 * x)) - 1.0
}

/// One step's gates from their pre-activations `a` (4h, in place), the
/// previous cell (`cp`, None at the first step) and the new cell and output.
#[inline(always)]
fn cell(a: &mut [f32], cp: Option<&[f32]>, c: &mut [f32], hs: &mut [f32]) {
    let h = c.len();
    let (ifo, rest) = a.split_at_mut(2 * h);
    let (g, o) = rest.split_at_mut(h);
    for v in ifo.iter_mut() {
        *v = sigmoid(*v);
    }
    for v in o.iter_mut() {
        *v = sigmoid(*v);
    }
    for v in g.iter_mut() {
        *v = tanh(*v);
    }
    let (i, f) = ifo.split_at(h);
    for j in 0..h {
        let prev = cp.map_or(0.0, |cp| cp[j] * f[j]);
        c[j] = prev + i[j] * g[j];
    }
    for j in 0..h {
        hs[j] = o[j] * tanh(c[j]);
    }
}

/// a += Wh h_prev, with `wht` = Wh transposed (h × 4h), by fused
/// multiply-adds (one instruction in `steps_avx2`, exact in software elsewhere).
#[inline(always)]
fn recur(wht: &[f32], hp: &[f32], a: &mut [f32]) {
    let g4 = a.len();
    for (i, &x) in hp.iter().enumerate() {
        for (v, w) in a.iter_mut().zip(&wht[i * g4..(i + 1) * g4]) {
            *v = x.mul_add(*w, *v);
        }
    }
}

impl Dir {
    fn zeros(h: usize, d_in: usize) -> Dir {
        Dir { wx: vec![0.0; 4 * h * d_in], wh: vec![0.0; 4 * h * h], b: vec![0.0; 4 * h], ..Dir::default() }
    }

    fn refresh(&mut self, h: usize, d_in: usize) {
        let g4 = 4 * h;
        self.wht.resize(g4 * h, 0.0);
        self.wxt.resize(g4 * d_in, 0.0);
        for r in 0..g4 {
            for i in 0..h {
                self.wht[i * g4 + r] = self.wh[r * h + i];
            }
            for i in 0..d_in {
                self.wxt[i * g4 + r] = self.wx[r * d_in + i];
            }
        }
        self.wxb = PackedB::new(&self.wxt, d_in, g4);
        self.whb = PackedB::new(&self.wht, h, g4);
    }

    /// [`Dir::forward`] in bf16 (`bf16.rs`), for decoding: `xs` as bf16
    /// pairs (n × ⌈d_in/2⌉), `hp` scratch.
    #[allow(clippy::too_many_arguments)]
    fn infer(&self, h: usize, xs: &[u32], n: usize, reverse: bool, tr: &mut DirTrace, hp: &mut Vec<u32>, simd: Simd) {
        let g4 = 4 * h;
        tr.reset(n, h);
        if n == 0 || self.b.len() != g4 {
            return;
        }
        super::bf16::gemm(n, xs, &self.wxb, &mut tr.gates, g4, false);
        tr.add_bias(&self.b);
        // (the same choice as the f32 steps, `BiLstm::simd`, plus BF16 for the AVX-512 kernel)
        #[cfg(target_arch = "x86_64")]
        if simd == Simd::Avx512 && super::bf16::hardware() {
            // SAFETY: `hardware()` is true only when the CPU has AVX-512F and BF16;
            // `Simd::Avx512` only when it has AVX2 and FMA too.
            return unsafe { steps_bf16_avx512(&self.whb, h, reverse, tr, hp) };
        }
        #[cfg(target_arch = "x86_64")]
        if simd != Simd::None {
            // SAFETY: `Simd::Avx2` and above are chosen only when the CPU has AVX2 and FMA.
            return unsafe { steps_bf16_avx2(&self.whb, h, reverse, tr, hp) };
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = simd;
        steps_bf16(&self.whb, h, reverse, tr, hp)
    }

    /// Runs over `xs` (n × d_in), left to right or right to left; the trace is in token order.
    fn forward(&self, h: usize, d_in: usize, xs: &[f32], reverse: bool, tr: &mut DirTrace, simd: Simd) {
        let n = xs.len() / d_in.max(1);
        let g4 = 4 * h;
        tr.reset(n, h);
        if n == 0 {
            return;
        }
        // every token's input part at once: A = X Wx^T + b
        super::gemm::gemm(n, d_in, g4, xs, d_in, &self.wxt, g4, &mut tr.gates, g4);
        tr.add_bias(&self.b);
        #[cfg(target_arch = "x86_64")]
        if simd != Simd::None && self.wht.len() == g4 * h && self.wxt.len() == g4 * d_in {
            // SAFETY: `Simd::Avx2` is chosen only when the CPU reports AVX2 and FMA,
            // `Simd::Avx512` only when it also reports AVX-512F (`BiLstm::refresh`).
            unsafe {
                if simd == Simd::Avx512 {
                    steps_avx512(&self.wht, h, reverse, tr)
                } else {
                    steps_avx2(&self.wht, h, reverse, tr)
                }
            };
            return;
        }
        let _ = simd;
        steps(&self.wht, h, reverse, tr);
    }

    /// Backward through one direction: `dh` (n × h, token order, from the
    /// layer above) in; weight gradients added to `g`, input gradients added to `dxs`.
    #[allow(clippy::too_many_arguments)]
    fn backward(&self, h: usize, d_in: usize, xs: &[f32], reverse: bool, tr: &DirTrace, dh: &[f32], g: &mut Dir, dxs: &mut [f32]) {
        let n = xs.len() / d_in.max(1);
        if n == 0 {
            return;
        }
        let g4 = 4 * h;
        let mut da = vec![0f32; n * g4];
        let mut dh_next = vec![0f32; h];
        let mut dc_next = vec![0f32; h];
        // tokens in reverse processing order; prev = the token processed before
        for step in (0..n).rev() {
            let tok = if reverse { n - 1 - step } else { step };
            let prev = if step == 0 { None } else if reverse { Some(tok + 1) } else { Some(tok - 1) };
            let gt = &tr.gates[tok * g4..(tok + 1) * g4];
            let dab = &mut da[tok * g4..(tok + 1) * g4];
            for j in 0..h {
                let (i, f, gg, o) = (gt[j], gt[h + j], gt[2 * h + j], gt[3 * h + j]);
                let c = tr.c[tok * h + j];
                let cp = prev.map_or(0.0, |p| tr.c[p * h + j]);
                let tc = tanh(c);
                let dhj = dh[tok * h + j] + dh_next[j];
                let dc = dc_next[j] + dhj * o * (1.0 - tc * tc);
                dab[j] = dc * gg * i * (1.0 - i);
                dab[h + j] = dc * cp * f * (1.0 - f);
                dab[2 * h + j] = dc * i * (1.0 - gg * gg);
                dab[3 * h + j] = dhj * tc * o * (1.0 - o);
                dc_next[j] = dc * f;
            }
            // dh_prev = Wh^T da
            for (i, v) in dh_next.iter_mut().enumerate() {
                *v = if prev.is_some() { super::nn::dot(&self.wht[i * g4..(i + 1) * g4], dab) } else { 0.0 };
            }
        }
        for t in 0..n {
            for (gb, d) in g.b.iter_mut().zip(&da[t * g4..(t + 1) * g4]) {
                *gb += d;
            }
        }
        // SAFETY (all sgemm calls): every matrix pointer covers rows × cols floats at the strides given.
        unsafe {
            // gWx += DA^T X
            matrixmultiply::sgemm(g4, n, d_in, 1.0, da.as_ptr(), 1, g4 as isize, xs.as_ptr(), d_in as isize, 1, 1.0, g.wx.as_mut_ptr(), d_in as isize, 1);
            // gWh += Σ da[tok] h[prev(tok)]^T
            if n > 1 {
                let (da_from, h_from) = if reverse { (0, h) } else { (g4, 0) };
                matrixmultiply::sgemm(g4, n - 1, h, 1.0, da[da_from..].as_ptr(), 1, g4 as isize, tr.hs[h_from..].as_ptr(), h as isize, 1, 1.0, g.wh.as_mut_ptr(), h as isize, 1);
            }
            // dX += DA Wx
            matrixmultiply::sgemm(n, g4, d_in, 1.0, da.as_ptr(), g4 as isize, 1, self.wx.as_ptr(), d_in as isize, 1, 1.0, dxs.as_mut_ptr(), d_in as isize, 1);
        }
    }
}

/// [`recur`] with the gate pre-activations held in registers, 64 at a time,
/// while the inputs stream past: the plain loop reloads and stores all 4h of
/// them once per input. Same fused multiply-adds in the same order per value,
/// so the same floats.
///
/// # Safety
/// The CPU must support AVX2 and FMA; `wht` holds `hp.len()` rows of `a.len()` floats.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn recur_avx2(wht: &[f32], hp: &[f32], a: &mut [f32]) {
    use std::arch::x86_64::*;
    let g4 = a.len();
    if !g4.is_multiple_of(64) || wht.len() < hp.len() * g4 {
        return recur(wht, hp, a);
    }
    let (wp, ap) = (wht.as_ptr(), a.as_mut_ptr());
    let mut c = 0;
    while c < g4 {
        let mut acc = [_mm256_setzero_ps(); 8];
        for (j, v) in acc.iter_mut().enumerate() {
            *v = _mm256_loadu_ps(ap.add(c + 8 * j));
        }
        for (i, &x) in hp.iter().enumerate() {
            let xv = _mm256_set1_ps(x);
            let row = wp.add(i * g4 + c);
            for (j, v) in acc.iter_mut().enumerate() {
                *v = _mm256_fmadd_ps(xv, _mm256_loadu_ps(row.add(8 * j)), *v);
            }
        }
        for (j, v) in acc.iter().enumerate() {
            _mm256_storeu_ps(ap.add(c + 8 * j), *v);
        }
        c += 64;
    }
}

/// [`recur`] with AVX-512: all 256 gate pre-activations of a 64-unit cell in
/// sixteen registers, so each input is broadcast once and the sixteen
/// independent sums leave the multiply-add units enough work to hide the
/// weights' loads from L2 (the AVX2 version, eight sums per pass, waits on
/// them). Same fused multiply-adds in the same order per value, so the same floats.
///
/// # Safety
/// The CPU must support AVX-512F, AVX2 and FMA; `wht` holds `hp.len()` rows of `a.len()` floats.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx2,fma")]
unsafe fn recur_avx512(wht: &[f32], hp: &[f32], a: &mut [f32]) {
    use std::arch::x86_64::*;
    let g4 = a.len();
    if !g4.is_multiple_of(256) || wht.len() < hp.len() * g4 {
        return recur_avx2(wht, hp, a);
    }
    let (wp, ap) = (wht.as_ptr(), a.as_mut_ptr());
    let mut c = 0;
    while c < g4 {
        let mut acc = [_mm512_setzero_ps(); 16];
        for (j, v) in acc.iter_mut().enumerate() {
            *v = _mm512_loadu_ps(ap.add(c + 16 * j));
        }
        for (i, &x) in hp.iter().enumerate() {
            let xv = _mm512_set1_ps(x);
            let row = wp.add(i * g4 + c);
            for (j, v) in acc.iter_mut().enumerate() {
                *v = _mm512_fmadd_ps(xv, _mm512_loadu_ps(row.add(16 * j)), *v);
            }
        }
        for (j, v) in acc.iter().enumerate() {
            _mm512_storeu_ps(ap.add(c + 16 * j), *v);
        }
        c += 256;
    }
}

/// The recurrent steps of [`Dir::infer`]: [`steps_with`] with the bf16
/// product (`hp`: scratch for the previous output in bf16 pairs).
#[inline(always)]
fn steps_bf16(whb: &PackedB, h: usize, reverse: bool, tr: &mut DirTrace, hp: &mut Vec<u32>) {
    steps_with(h, reverse, tr, |prev, a| {
        pack_rows(prev, 1, h, h, hp);
        super::bf16::row_acc(hp, whb, a);
    })
}

/// [`steps_bf16`] compiled for AVX-512 (the cell's gate functions vectorise
/// sixteen wide; the same operations, so the same floats).
///
/// # Safety
/// The CPU must support AVX-512F and AVX-512 BF16.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512bf16,avx2,fma")]
unsafe fn steps_bf16_avx512(whb: &PackedB, h: usize, reverse: bool, tr: &mut DirTrace, hp: &mut Vec<u32>) {
    steps_bf16(whb, h, reverse, tr, hp)
}

/// [`steps_bf16`] compiled for AVX2 and FMA, for CPUs without BF16 (the
/// gate functions vectorise eight wide; the same floats).
///
/// # Safety
/// The CPU must support AVX2 and FMA.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn steps_bf16_avx2(whb: &PackedB, h: usize, reverse: bool, tr: &mut DirTrace, hp: &mut Vec<u32>) {
    steps_bf16(whb, h, reverse, tr, hp)
}

/// Which vector instructions the recurrent steps use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
enum Simd {
    #[default]
    None,
    Avx2,
    Avx512,
}

/// The recurrent steps of one direction over pre-activations already holding b + Wx x.
#[inline(always)]
fn steps(wht: &[f32], h: usize, reverse: bool, tr: &mut DirTrace) {
    steps_with(h, reverse, tr, |hp, a| recur(wht, hp, a))
}

/// One direction's steps: `recur(h_prev, a)` adds the recurrent product to the
/// pre-activations `a`, then the cell runs.
#[inline(always)]
fn steps_with(h: usize, reverse: bool, tr: &mut DirTrace, mut recur: impl FnMut(&[f32], &mut [f32])) {
    let n = tr.c.len() / h.max(1);
    let g4 = 4 * h;
    let mut cp = vec![0f32; h];
    for step in 0..n {
        let tok = if reverse { n - 1 - step } else { step };
        let prev = if step == 0 { None } else if reverse { Some(tok + 1) } else { Some(tok - 1) };
        let a = &mut tr.gates[tok * g4..(tok + 1) * g4];
        if let Some(p) = prev {
            recur(&tr.hs[p * h..(p + 1) * h], a);
            cp.copy_from_slice(&tr.c[p * h..(p + 1) * h]);
        }
        let (c, hs) = (&mut tr.c[tok * h..(tok + 1) * h], &mut tr.hs[tok * h..(tok + 1) * h]);
        cell(a, prev.map(|_| &cp[..]), c, hs);
    }
}

/// [`steps`] compiled for AVX2 and FMA.
///
/// # Safety
/// The CPU must support AVX2 and FMA.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn steps_avx2(wht: &[f32], h: usize, reverse: bool, tr: &mut DirTrace) {
    // SAFETY: this function's own contract (AVX2 and FMA); `wht` is h × 4h (`Dir::forward` checks)
    steps_with(h, reverse, tr, |hp, a| unsafe { recur_avx2(wht, hp, a) })
}

/// [`steps`] compiled for AVX-512.
///
/// # Safety
/// The CPU must support AVX-512F, AVX2 and FMA.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx2,fma")]
unsafe fn steps_avx512(wht: &[f32], h: usize, reverse: bool, tr: &mut DirTrace) {
    // SAFETY: this function's own contract; `wht` is h × 4h (`Dir::forward` checks)
    steps_with(h, reverse, tr, |hp, a| unsafe { recur_avx512(wht, hp, a) })
}

impl BiLstm {
    /// Random initial weights (uniform ±1/√h), forget-gate bias 1.
    pub fn init(h: usize, d_in: usize, mut unit: impl FnMut() -> f32) -> BiLstm {
        let a = 1.0 / (h as f32).sqrt();
        let mut dir = || {
            let mut d = Dir::zeros(h, d_in);
            d.wx.iter_mut().chain(d.wh.iter_mut()).for_each(|w| *w = (unit() * 2.0 - 1.0) * a);
            d.b[h..2 * h].iter_mut().for_each(|b| *b = 1.0);
            d
        };
        let fw = dir();
        let bw = dir();
        let mut l = BiLstm { h, d_in, fw, bw, simd: Simd::None, upper: None };
        l.refresh();
        l
    }

    /// `layers` BiLSTMs of `h` units each way, each above reading the one below.
    pub fn init_stack(h: usize, d_in: usize, layers: usize, mut unit: impl FnMut() -> f32) -> BiLstm {
        let mut bottom = BiLstm::init(h, d_in, &mut unit);
        let mut at = &mut bottom;
        for _ in 1..layers {
            at = at.upper.insert(Box::new(BiLstm::init(h, 2 * h, &mut unit)));
        }
        bottom
    }

    /// Number of stacked layers (1 without an upper one).
    pub fn layers(&self) -> usize {
        1 + self.upper.as_ref().map_or(0, |u| u.layers())
    }

    /// Units per direction of the top layer (the width of [`Trace::top`] is twice it).
    pub fn top_h(&self) -> usize {
        self.upper.as_ref().map_or(self.h, |u| u.top_h())
    }

    /// Re-derives the transposed weights after the weights changed, and picks the AVX2 path.
    pub fn refresh(&mut self) {
        self.fw.refresh(self.h, self.d_in);
        self.bw.refresh(self.h, self.d_in);
        #[cfg(target_arch = "x86_64")]
        {
            let avx2 = std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma") && std::env::var_os("CORROBORATE_NO_AVX2").is_none();
            let avx512 = avx2 && std::is_x86_feature_detected!("avx512f") && std::env::var_os("CORROBORATE_NO_AVX512").is_none();
            self.simd = if avx512 { Simd::Avx512 } else if avx2 { Simd::Avx2 } else { Simd::None };
        }
        if let Some(u) = &mut self.upper {
            u.refresh();
        }
    }

    pub fn zero_grads(&self) -> Grads {
        Grads { fw: Dir::zeros(self.h, self.d_in), bw: Dir::zeros(self.h, self.d_in), upper: self.upper.as_ref().map(|u| Box::new(u.zero_grads())) }
    }

    pub fn n_params(&self) -> usize {
        2 * (self.fw.wx.len() + self.fw.wh.len() + self.fw.b.len()) + self.upper.as_ref().map_or(0, |u| u.n_params())
    }

    /// Runs both directions over `xs` (n × d_in); the outputs are in `tr.out`.
    pub fn forward(&self, xs: &[f32], tr: &mut Trace) {
        let n = xs.len() / self.d_in.max(1);
        tr.n = n;
        self.fw.forward(self.h, self.d_in, xs, false, &mut tr.fw, self.simd);
        self.bw.forward(self.h, self.d_in, xs, true, &mut tr.bw, self.simd);
        tr.join(self.h);
        match &self.upper {
            Some(u) => u.forward(&tr.out, tr.upper.get_or_insert_with(Default::default)),
            None => tr.upper = None,
        }
    }

    /// [`BiLstm::forward`] with bf16 products (`bf16.rs`), for decoding;
    /// training uses `forward`.
    pub fn infer(&self, xs: &[f32], tr: &mut Trace) {
        let n = xs.len() / self.d_in.max(1);
        tr.n = n;
        pack_rows(xs, n, self.d_in, self.d_in, &mut tr.packed);
        self.fw.infer(self.h, &tr.packed, n, false, &mut tr.fw, &mut tr.hp, self.simd);
        self.bw.infer(self.h, &tr.packed, n, true, &mut tr.bw, &mut tr.hp, self.simd);
        tr.join(self.h);
        match &self.upper {
            Some(u) => u.infer(&tr.out, tr.upper.get_or_insert_with(Default::default)),
            None => tr.upper = None,
        }
    }

    /// Backward pass of [`BiLstm::forward`]: `dout` (the gradient of
    /// [`Trace::top`]) in; gradients added to `g`; returns the gradient of `xs` (n × d_in).
    pub fn backward(&self, xs: &[f32], tr: &Trace, dout: &[f32], g: &mut Grads) -> Vec<f32> {
        let below;
        let dout = match (&self.upper, &tr.upper, &mut g.upper) {
            (Some(u), Some(ut), Some(ug)) => {
                below = u.backward(&tr.out, ut, dout, ug);
                &below[..]
            }
            _ => dout,
        };
        let (n, h) = (tr.n, self.h);
        let mut dxs = vec![0f32; n * self.d_in];
        let mut dfw = vec![0f32; n * h];
        let mut dbw = vec![0f32; n * h];
        for t in 0..n {
            dfw[t * h..(t + 1) * h].copy_from_slice(&dout[t * 2 * h..t * 2 * h + h]);
            dbw[t * h..(t + 1) * h].copy_from_slice(&dout[t * 2 * h + h..(t + 1) * 2 * h]);
        }
        self.fw.backward(h, self.d_in, xs, false, &tr.fw, &dfw, &mut g.fw, &mut dxs);
        self.bw.backward(h, self.d_in, xs, true, &tr.bw, &dbw, &mut g.bw, &mut dxs);
        dxs
    }

    /// Weights and their gradients block by block (fw wx, wh, b, bw wx, wh, b),
    /// for the optimiser; call [`BiLstm::refresh`] after changing them.
    /// Layer by layer, bottom first.
    pub fn blocks_mut<'a>(&'a mut self, g: &'a Grads) -> Vec<(&'a mut Vec<f32>, &'a Vec<f32>)> {
        let mut v = vec![(&mut self.fw.wx, &g.fw.wx), (&mut self.fw.wh, &g.fw.wh), (&mut self.fw.b, &g.fw.b), (&mut self.bw.wx, &g.bw.wx), (&mut self.bw.wh, &g.bw.wh), (&mut self.bw.b, &g.bw.b)];
        if let (Some(u), Some(ug)) = (&mut self.upper, &g.upper) {
            v.extend(u.blocks_mut(ug));
        }
        v
    }

    /// This layer's weights only (a stack is written layer by layer by its owner).
    pub fn write(&self, w: &mut Writer) {
        w.u32(self.h as u32);
        w.u32(self.d_in as u32);
        for a in [&self.fw.wx, &self.fw.wh, &self.fw.b, &self.bw.wx, &self.bw.wh, &self.bw.b] {
            w.u32(a.len() as u32);
            for &x in a.iter() {
                w.f32(x);
            }
        }
    }

    pub fn read(r: &mut Reader) -> Result<BiLstm, LangError> {
        let h = r.u32()? as usize;
        let d_in = r.u32()? as usize;
        if h == 0 || h > 1024 || d_in == 0 || d_in > 4096 {
            return Err(r.err("implausible LSTM dimensions"));
        }
        let mut arrays = Vec::new();
        for _ in 0..6 {
            let n = r.len(4)?;
            arrays.push((0..n).map(|_| r.f32()).collect::<Result<Vec<f32>, _>>()?);
        }
        let [fwx, fwh, fb, bwx, bwh, bb]: [Vec<f32>; 6] = arrays.try_into().map_err(|_| r.err("missing LSTM arrays"))?;
        let ok = |wx: &Vec<f32>, wh: &Vec<f32>, b: &Vec<f32>| wx.len() == 4 * h * d_in && wh.len() == 4 * h * h && b.len() == 4 * h;
        if !ok(&fwx, &fwh, &fb) || !ok(&bwx, &bwh, &bb) {
            return Err(r.err("LSTM arrays do not match its dimensions"));
        }
        let dir = |wx, wh, b| Dir { wx, wh, b, ..Dir::default() };
        let mut l = BiLstm { h, d_in, fw: dir(fwx, fwh, fb), bw: dir(bwx, bwh, bb), simd: Simd::None, upper: None };
        l.refresh();
        Ok(l)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Uniform values in [0, 1) from a xorshift generator seeded with `s`.
    fn uniform(mut s: u64) -> impl FnMut() -> f32 {
        move || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s >> 40) as f32 / (1u64 << 24) as f32
        }
    }

    /// The backward pass against finite differences of a fixed linear loss,
    /// for one layer and for a stack of two.
    #[test]
    fn gradients_match_finite_differences() {
        check_gradients(1);
        check_gradients(2);
    }

    fn check_gradients(layers: usize) {
        let (h, d_in, n) = (3, 4, 5);
        let mut unit = uniform(12345);
        let lstm = BiLstm::init_stack(h, d_in, layers, &mut unit);
        assert_eq!(lstm.layers(), layers);
        let xs: Vec<f32> = (0..n * d_in).map(|_| unit() * 2.0 - 1.0).collect();
        let coef: Vec<f32> = (0..n * 2 * h).map(|_| unit() * 2.0 - 1.0).collect();
        let loss = |l: &BiLstm, xs: &[f32]| {
            let mut l = l.clone();
            l.refresh();
            let mut tr = Trace::default();
            l.forward(xs, &mut tr);
            tr.top().iter().zip(&coef).map(|(a, b)| (a * b) as f64).sum::<f64>()
        };
        let mut tr = Trace::default();
        lstm.forward(&xs, &mut tr);
        let mut g = lstm.zero_grads();
        let dx = lstm.backward(&xs, &tr, &coef, &mut g);
        let eps = 1e-2f32;
        // inputs
        for i in 0..xs.len() {
            let mut a = xs.clone();
            a[i] += eps;
            let mut b = xs.clone();
            b[i] -= eps;
            let num = (loss(&lstm, &a) - loss(&lstm, &b)) / (2.0 * eps as f64);
            assert!((num - dx[i] as f64).abs() < 1e-3, "dx[{i}]: numeric {num} vs {}", dx[i]);
        }
        // every weight block
        let n_blocks = lstm.clone().blocks_mut(&g).len();
        assert_eq!(n_blocks, 6 * layers);
        for blk in 0..n_blocks {
            let len = lstm.clone().blocks_mut(&g)[blk].0.len();
            for i in 0..len {
                let mut a = lstm.clone();
                a.blocks_mut(&g.clone())[blk].0[i] += eps;
                let mut b = lstm.clone();
                b.blocks_mut(&g.clone())[blk].0[i] -= eps;
                let num = (loss(&a, &xs) - loss(&b, &xs)) / (2.0 * eps as f64);
                let mut l2 = lstm.clone();
                let an = l2.blocks_mut(&g)[blk].1[i] as f64;
                assert!((num - an).abs() < 1e-3, "block {blk}[{i}]: numeric {num} vs {an}");
            }
        }
        // a write/read round trip keeps every weight
        let mut w = Writer::default();
        lstm.write(&mut w);
        let mut r = Reader::new("lstm", &w.buf);
        let back = BiLstm::read(&mut r).unwrap();
        assert_eq!(back.fw.wh, lstm.fw.wh);
        assert_eq!(back.bw.b, lstm.bw.b);
    }

    #[test]
    fn the_avx512_avx2_and_portable_paths_give_the_same_floats() {
        // 16 units take AVX-512's fallback to AVX2 (4h not a multiple of 256), 64 its own loop
        for (h, d_in, n) in [(16, 12, 9), (64, 20, 7)] {
            let mut unit = uniform(99);
            let fast = BiLstm::init(h, d_in, &mut unit);
            let mut avx2 = fast.clone();
            avx2.simd = avx2.simd.min(Simd::Avx2);
            let mut plain = fast.clone();
            plain.simd = Simd::None;
            let xs: Vec<f32> = (0..n * d_in).map(|_| unit() * 2.0 - 1.0).collect();
            let (mut a, mut b, mut c) = (Trace::default(), Trace::default(), Trace::default());
            fast.forward(&xs, &mut a);
            avx2.forward(&xs, &mut b);
            plain.forward(&xs, &mut c);
            assert_eq!(a.out.len(), n * 2 * h);
            assert_eq!(a.out, c.out, "h = {h}");
            assert_eq!(b.out, c.out, "h = {h}");
        }
    }

    #[test]
    fn the_written_out_exp_is_accurate() {
        let mut x = -90.0f32;
        while x < 90.0 {
            let (a, b) = (exp_approx(x) as f64, (x.clamp(-87.0, 87.0) as f64).exp());
            assert!((a - b).abs() <= 1e-6 * b, "exp({x}): {a} vs {b}");
            x += 0.37;
        }
        assert!((tanh(0.3) - 0.3f32.tanh()).abs() < 1e-6 && (sigmoid(-2.0) - 1.0 / (1.0 + 2f32.exp())).abs() < 1e-6);
    }
}
