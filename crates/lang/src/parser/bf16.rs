//! Matrix products in bfloat16 for decoding: the BiLSTM's input and
//! recurrent products and the projection of its outputs into the hidden
//! layer. Weights and activations are rounded to bf16 (8 bits of mantissa),
//! products are exact in f32 and sums are f32, so on CPUs with AVX-512 BF16
//! one `vdpbf16ps` does the work of two f32 multiply-adds (measured: see
//! crates/lang/SCORES.md). Rounding both to bf16 left the parser's dev
//! scores unchanged (UAS 90.13, LAS 88.58 → 88.59, SCORES.md log 16).
//! Training keeps f32 throughout.
//!
//! Written by hand: no crate offers a bf16 dot-product kernel for a few
//! dozen rows against a fixed matrix. The portable path computes exactly what
//! the instruction computes — per output and per pair of inputs, the odd
//! product added first, then the even one, each by one fused multiply-add
//! (checked bit for bit against the hardware in `tests`) — so a parse does not
//! depend on the CPU. Inputs are rounded to nearest-even with subnormals set
//! to zero (the instruction treats subnormal inputs as zero); a sum that
//! falls into f32's subnormal range would be flushed by the instruction and
//! kept by the portable path, which for these sums (magnitudes near 1) does
//! not happen.

/// f32 → bf16 bits: round to nearest even; subnormals become signed zero,
/// NaN stays NaN. Written with selects rather than branches so that
/// [`pack_rows`]' loop vectorises.
#[inline(always)]
pub fn to_bf16(x: f32) -> u16 {
    let b = x.to_bits();
    let rounded = b.wrapping_add(0x7fff + ((b >> 16) & 1)) >> 16;
    let sign = (b >> 16) & 0x8000;
    let nan = (b >> 16) | 0x40;
    let r = if b & 0x7f80_0000 == 0 { sign } else { rounded };
    (if b & 0x7fff_ffff > 0x7f80_0000 { nan } else { r }) as u16
}

#[inline]
fn lo(p: u32) -> f32 {
    f32::from_bits(p << 16)
}

#[inline]
fn hi(p: u32) -> f32 {
    f32::from_bits(p & 0xffff_0000)
}

/// Two bf16 values in one word: the even element low, the odd one high
/// (the instruction's layout).
#[inline(always)]
fn pair(even: f32, odd: f32) -> u32 {
    (to_bf16(odd) as u32) << 16 | to_bf16(even) as u32
}

/// A k × n weight matrix (row-major f32) in bf16 pairs along k:
/// `data[m * n + j]` holds rows 2m and 2m+1 of column j (a missing odd row is zero).
#[derive(Clone, Debug, Default)]
pub struct PackedB {
    pub kp: usize,
    pub n: usize,
    data: Vec<u32>,
}

impl PackedB {
    pub fn new(b: &[f32], k: usize, n: usize) -> PackedB {
        let kp = k.div_ceil(2);
        let at = |r: usize, j: usize| if r < k { b.get(r * n + j).copied().unwrap_or(0.0) } else { 0.0 };
        let mut data = Vec::with_capacity(kp * n);
        for m in 0..kp {
            for j in 0..n {
                data.push(pair(at(2 * m, j), at(2 * m + 1, j)));
            }
        }
        PackedB { kp, n, data }
    }
}

/// Rows of A (m × k, row stride `lda`) as bf16 pairs along k, into `out` (m × kp).
#[inline(always)]
pub fn pack_rows(a: &[f32], m: usize, k: usize, lda: usize, out: &mut Vec<u32>) {
    let kp = k.div_ceil(2);
    out.clear();
    out.resize(m * kp, 0);
    for (r, dst) in out.chunks_exact_mut(kp.max(1)).enumerate().take(m) {
        let row = a.get(r * lda..r * lda + k).unwrap_or(&[]);
        let whole = row.chunks_exact(2);
        let last = whole.remainder().first().copied();
        for (d, p) in dst.iter_mut().zip(whole) {
            *d = pair(p[0], p[1]);
        }
        if let (Some(x), Some(d)) = (last, dst.get_mut(k / 2)) {
            *d = pair(x, 0.0);
        }
    }
}

/// Whether the AVX-512 BF16 kernels run (else the portable ones, same floats).
pub fn hardware() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        static HW: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
        *HW.get_or_init(|| {
            std::is_x86_feature_detected!("avx512f") && std::is_x86_feature_detected!("avx512bf16") && std::env::var_os("CORROBORATE_NO_AVX512").is_none()
        })
    }
    #[cfg(not(target_arch = "x86_64"))]
    false
}

/// C (m × n, row stride `ldc`) = A · B, or C += A · B when `accumulate`,
/// with A given as [`pack_rows`] (m × b.kp) and B packed.
pub fn gemm(m: usize, a: &[u32], b: &PackedB, c: &mut [f32], ldc: usize, accumulate: bool) {
    let (kp, n) = (b.kp, b.n);
    if m == 0 || n == 0 {
        return;
    }
    assert!(a.len() >= m * kp && b.data.len() >= kp * n && c.len() >= (m - 1) * ldc + n, "bf16 gemm: operand too short");
    #[cfg(target_arch = "x86_64")]
    if n.is_multiple_of(32) && hardware() {
        // SAFETY: the CPU has AVX-512F and BF16; the assert above bounds every access.
        unsafe { gemm_avx512(m, kp, n, a, &b.data, c, ldc, accumulate) };
        return;
    }
    gemm_portable(m, kp, n, a, &b.data, c, ldc, accumulate)
}

#[allow(clippy::too_many_arguments)]
fn gemm_portable(m: usize, kp: usize, n: usize, a: &[u32], b: &[u32], c: &mut [f32], ldc: usize, accumulate: bool) {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma") {
        // SAFETY: the CPU has AVX2 and FMA.
        return unsafe { gemm_fma(m, kp, n, a, b, c, ldc, accumulate) };
    }
    gemm_plain(m, kp, n, a, b, c, ldc, accumulate)
}

/// The instruction's sums written out: per pair, odd product then even, each fused.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn gemm_plain(m: usize, kp: usize, n: usize, a: &[u32], b: &[u32], c: &mut [f32], ldc: usize, accumulate: bool) {
    for r in 0..m {
        let row = &mut c[r * ldc..r * ldc + n];
        if !accumulate {
            row.fill(0.0);
        }
        for (q, &x) in a[r * kp..(r + 1) * kp].iter().enumerate() {
            let (x0, x1) = (lo(x), hi(x));
            for (o, &w) in row.iter_mut().zip(&b[q * n..(q + 1) * n]) {
                *o = x0.mul_add(lo(w), x1.mul_add(hi(w), *o));
            }
        }
    }
}

/// [`gemm_plain`] compiled with hardware fused multiply-adds (a software
/// `fmaf` per value otherwise).
///
/// # Safety
/// The CPU must support AVX2 and FMA.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
#[allow(clippy::too_many_arguments)]
unsafe fn gemm_fma(m: usize, kp: usize, n: usize, a: &[u32], b: &[u32], c: &mut [f32], ldc: usize, accumulate: bool) {
    gemm_plain(m, kp, n, a, b, c, ldc, accumulate)
}

/// Tiles of 12 rows × 32 columns (24 accumulating registers), the last
/// rows as one smaller tile.
///
/// # Safety
/// AVX-512F and AVX-512 BF16; `n % 32 == 0`; operands as long as `gemm` asserts.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512bf16")]
#[allow(clippy::too_many_arguments)]
unsafe fn gemm_avx512(m: usize, kp: usize, n: usize, a: &[u32], b: &[u32], c: &mut [f32], ldc: usize, accumulate: bool) {
    let (ap, bp, cp) = (a.as_ptr(), b.as_ptr(), c.as_mut_ptr());
    let mut c0 = 0;
    while c0 < n {
        let mut r = 0;
        while r + 12 <= m {
            tile::<12>(kp, ap.add(r * kp), bp.add(c0), n, cp.add(r * ldc + c0), ldc, accumulate);
            r += 12;
        }
        let (a, cc, b) = (ap.add(r * kp), cp.add(r * ldc + c0), bp.add(c0));
        super::gemm::tile_rows!(m - r, tile(kp, a, b, n, cc, ldc, accumulate));
        c0 += 32;
    }
}

/// R rows × 32 columns.
///
/// # Safety
/// AVX-512F and BF16; `a` covers R rows of `kp` pairs, `b` `kp` rows of 32 at
/// stride `ldb`, `c` R rows of 32 at stride `ldc`.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512bf16")]
#[inline]
unsafe fn tile<const R: usize>(kp: usize, a: *const u32, b: *const u32, ldb: usize, c: *mut f32, ldc: usize, accumulate: bool) {
    use std::arch::x86_64::*;
    let mut acc = [[_mm512_setzero_ps(); 2]; R];
    if accumulate {
        for (q, v) in acc.iter_mut().enumerate() {
            v[0] = _mm512_loadu_ps(c.add(q * ldc));
            v[1] = _mm512_loadu_ps(c.add(q * ldc + 16));
        }
    }
    for m in 0..kp {
        let b0: __m512bh = std::mem::transmute(_mm512_loadu_si512(b.add(m * ldb) as *const _));
        let b1: __m512bh = std::mem::transmute(_mm512_loadu_si512(b.add(m * ldb + 16) as *const _));
        for (q, v) in acc.iter_mut().enumerate() {
            let x: __m512bh = std::mem::transmute(_mm512_set1_epi32(*a.add(q * kp + m) as i32));
            v[0] = _mm512_dpbf16_ps(v[0], x, b0);
            v[1] = _mm512_dpbf16_ps(v[1], x, b1);
        }
    }
    for (q, v) in acc.iter().enumerate() {
        _mm512_storeu_ps(c.add(q * ldc), v[0]);
        _mm512_storeu_ps(c.add(q * ldc + 16), v[1]);
    }
}

/// `a` (b.n floats) += x · B for one row `x` of b.kp pairs: the BiLSTM's
/// recurrent step. With AVX-512 BF16 and 256 columns all sums stay in
/// sixteen registers (the one-row tile of [`gemm`] would wait on each
/// instruction's latency); the floats are [`gemm`]'s.
pub fn row_acc(x: &[u32], b: &PackedB, a: &mut [f32]) {
    #[cfg(target_arch = "x86_64")]
    if b.n == 256 && a.len() == 256 && x.len() >= b.kp && b.data.len() >= b.kp * 256 && hardware() {
        // SAFETY: the CPU has AVX-512F and BF16; lengths checked just above.
        unsafe { row_acc_avx512(x, b, a) };
        return;
    }
    gemm(1, x, b, a, b.n, true)
}

/// # Safety
/// AVX-512F and BF16; `b.n == a.len() == 256`; `x` holds `b.kp` pairs.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512bf16")]
unsafe fn row_acc_avx512(x: &[u32], b: &PackedB, a: &mut [f32]) {
    use std::arch::x86_64::*;
    let (bp, ap) = (b.data.as_ptr(), a.as_mut_ptr());
    let mut acc = [_mm512_setzero_ps(); 16];
    for (j, v) in acc.iter_mut().enumerate() {
        *v = _mm512_loadu_ps(ap.add(16 * j));
    }
    for (m, &p) in x.iter().take(b.kp).enumerate() {
        let xv: __m512bh = std::mem::transmute(_mm512_set1_epi32(p as i32));
        let row = bp.add(m * 256);
        for (j, v) in acc.iter_mut().enumerate() {
            let w: __m512bh = std::mem::transmute(_mm512_loadu_si512(row.add(16 * j) as *const _));
            *v = _mm512_dpbf16_ps(*v, xv, w);
        }
    }
    for (j, v) in acc.iter().enumerate() {
        _mm512_storeu_ps(ap.add(16 * j), *v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(m: usize, k: usize, n: usize, a: &[f32], b: &[f32], c: &mut [f32], accumulate: bool) {
        let (mut ap, bp) = (Vec::new(), PackedB::new(b, k, n));
        pack_rows(a, m, k, k, &mut ap);
        gemm_plain(m, bp.kp, n, &ap, &bp.data, c, n, accumulate);
    }

    #[test]
    fn the_recurrent_row_gives_the_portable_floats() {
        let mut rng = fastrand::Rng::with_seed(8);
        for (k, n) in [(64, 256), (16, 256), (9, 64)] {
            let x: Vec<f32> = (0..k).map(|_| rng.f32() * 2.0 - 1.0).collect();
            let b: Vec<f32> = (0..k * n).map(|_| (rng.f32() - 0.5) * 0.3).collect();
            let mut want: Vec<f32> = (0..n).map(|_| rng.f32()).collect();
            let mut got = want.clone();
            let (mut xp, bp) = (Vec::new(), PackedB::new(&b, k, n));
            pack_rows(&x, 1, k, k, &mut xp);
            gemm_plain(1, bp.kp, n, &xp, &bp.data, &mut want, n, true);
            row_acc(&xp, &bp, &mut got);
            assert_eq!(got, want, "({k},{n})");
        }
    }

    #[test]
    fn rounding_to_bf16() {
        assert_eq!(to_bf16(1.0), 0x3f80);
        assert_eq!(f32::from_bits((to_bf16(1.0 + 1.0 / 256.0) as u32) << 16), 1.0, "a tie rounds to even");
        assert_eq!(f32::from_bits((to_bf16(1.0 + 3.0 / 256.0) as u32) << 16), 1.0 + 4.0 / 256.0);
        assert_eq!(to_bf16(1e-40), 0, "subnormals are zero");
        assert_eq!(to_bf16(-1e-40), 0x8000);
        assert!(f32::from_bits((to_bf16(f32::NAN) as u32) << 16).is_nan());
        assert_eq!(to_bf16(f32::INFINITY), 0x7f80);
    }

    /// The dispatched product (AVX-512 BF16 here when the CPU has it) gives
    /// the portable path's floats, over every tile remainder, odd k, and accumulation.
    #[test]
    fn the_kernels_give_the_portable_floats() {
        let mut rng = fastrand::Rng::with_seed(5);
        let mut shapes = vec![(25, 48, 256), (30, 128, 512), (3, 7, 64), (12, 64, 32)];
        shapes.extend((1..=25).map(|m| (m, 9, 32)));
        for (m, k, n) in shapes {
            let a: Vec<f32> = (0..m * k).map(|_| rng.f32() * 2.0 - 1.0).collect();
            let b: Vec<f32> = (0..k * n).map(|_| (rng.f32() - 0.5) * 0.3).collect();
            let init: Vec<f32> = (0..m * n).map(|_| rng.f32()).collect();
            for accumulate in [false, true] {
                let (mut want, mut got) = (init.clone(), init.clone());
                plain(m, k, n, &a, &b, &mut want, accumulate);
                let (mut ap, bp) = (Vec::new(), PackedB::new(&b, k, n));
                pack_rows(&a, m, k, k, &mut ap);
                gemm(m, &ap, &bp, &mut got, n, accumulate);
                assert_eq!(got, want, "({m},{k},{n}) accumulate {accumulate}");
                // and it is the product up to bf16's precision
                for r in 0..m {
                    for j in 0..n {
                        let exact: f32 = (0..k).map(|q| a[r * k + q] * b[q * n + j]).sum::<f32>() + if accumulate { init[r * n + j] } else { 0.0 };
                        assert!((got[r * n + j] - exact).abs() < 0.02 * (1.0 + exact.abs()), "({m},{k},{n})");
                    }
                }
            }
        }
    }
}
