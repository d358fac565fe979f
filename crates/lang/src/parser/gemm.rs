//! A small matrix product for the BiLSTM's f32 forward pass: C = A · B with B
//! a fixed weight matrix and A a sentence's few dozen rows. (Training runs it
//! on every sentence; decoding uses the bf16 products of `bf16.rs` instead.)
//!
//! Written by hand because `matrixmultiply` (used for training's large
//! batches) packs both operands on every call: for a 25-row A against a
//! 128 × 768 B, packing cost as much as the product itself and was a quarter
//! of the parser's time with the BiLSTM. Here B is read in place, 32 columns
//! at a time against 12 rows of A with AVX-512 (24 accumulators in
//! registers), else 16 columns against 6 rows with AVX2 (12 accumulators).
//! All paths give the same floats.

/// `$tile::<R>(args…)` with R = `$rows` (below 12; 0 does nothing): a
/// product's last rows as one tile whose height is a compile-time constant.
macro_rules! tile_rows {
    ($rows:expr, $tile:ident($($arg:expr),*)) => {
        match $rows {
            0 => {}
            1 => $tile::<1>($($arg),*),
            2 => $tile::<2>($($arg),*),
            3 => $tile::<3>($($arg),*),
            4 => $tile::<4>($($arg),*),
            5 => $tile::<5>($($arg),*),
            6 => $tile::<6>($($arg),*),
            7 => $tile::<7>($($arg),*),
            8 => $tile::<8>($($arg),*),
            9 => $tile::<9>($($arg),*),
            10 => $tile::<10>($($arg),*),
            _ => $tile::<11>($($arg),*),
        }
    };
}
pub(super) use tile_rows;

/// Whether the AVX-512 product runs: the CPU has it and `CORROBORATE_NO_AVX512`
/// is unset (read once, not on every product).
#[cfg(target_arch = "x86_64")]
fn avx512() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::is_x86_feature_detected!("avx512f") && std::is_x86_feature_detected!("fma") && std::env::var_os("CORROBORATE_NO_AVX512").is_none())
}

/// C (m × n) = A (m × k) · B (k × n); row-major with row strides `lda`, `ldb`, `ldc`.
#[allow(clippy::too_many_arguments)]
pub fn gemm(m: usize, k: usize, n: usize, a: &[f32], lda: usize, b: &[f32], ldb: usize, c: &mut [f32], ldc: usize) {
    if m == 0 || n == 0 {
        return;
    }
    assert!(a.len() >= (m - 1) * lda + k && b.len() >= k.saturating_sub(1) * ldb + n && c.len() >= (m - 1) * ldc + n, "gemm: operand too short");
    #[cfg(target_arch = "x86_64")]
    if n.is_multiple_of(32) && avx512() {
        // SAFETY: the CPU supports AVX-512F and FMA; the assert above bounds every access.
        unsafe { gemm_avx512(m, k, n, a, lda, b, ldb, c, ldc) };
        return;
    }
    #[cfg(target_arch = "x86_64")]
    if n.is_multiple_of(16) && std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma") {
        // SAFETY: the CPU supports AVX2 and FMA; the assert above bounds every access.
        unsafe { gemm_avx2(m, k, n, a, lda, b, ldb, c, ldc) };
        return;
    }
    gemm_portable(m, k, n, a, lda, b, ldb, c, ldc);
}

/// The same sums in the same order as `gemm_avx2`, with the same fused
/// multiply-adds, so a product does not depend on the CPU.
#[allow(clippy::too_many_arguments)]
fn gemm_portable(m: usize, k: usize, n: usize, a: &[f32], lda: usize, b: &[f32], ldb: usize, c: &mut [f32], ldc: usize) {
    for r in 0..m {
        let row = &mut c[r * ldc..r * ldc + n];
        row.fill(0.0);
        for (kk, &x) in a[r * lda..r * lda + k].iter().enumerate() {
            for (o, w) in row.iter_mut().zip(&b[kk * ldb..kk * ldb + n]) {
                *o = x.mul_add(*w, *o);
            }
        }
    }
}

/// # Safety
/// AVX2 and FMA must be available; `n % 16 == 0`; the operands are as long as `gemm` asserts.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
#[allow(clippy::too_many_arguments)]
unsafe fn gemm_avx2(m: usize, k: usize, n: usize, a: &[f32], lda: usize, b: &[f32], ldb: usize, c: &mut [f32], ldc: usize) {
    use std::arch::x86_64::*;
    let (ap, bp, cp) = (a.as_ptr(), b.as_ptr(), c.as_mut_ptr());
    let mut c0 = 0;
    while c0 < n {
        let mut r = 0;
        // 6 rows × 16 columns: 12 accumulators, two B vectors and a broadcast fill the 16 registers
        while r + 6 <= m {
            let mut acc = [_mm256_setzero_ps(); 12];
            for kk in 0..k {
                let b0 = _mm256_loadu_ps(bp.add(kk * ldb + c0));
                let b1 = _mm256_loadu_ps(bp.add(kk * ldb + c0 + 8));
                for q in 0..6 {
                    let x = _mm256_set1_ps(*ap.add((r + q) * lda + kk));
                    acc[2 * q] = _mm256_fmadd_ps(x, b0, acc[2 * q]);
                    acc[2 * q + 1] = _mm256_fmadd_ps(x, b1, acc[2 * q + 1]);
                }
            }
            for q in 0..6 {
                _mm256_storeu_ps(cp.add((r + q) * ldc + c0), acc[2 * q]);
                _mm256_storeu_ps(cp.add((r + q) * ldc + c0 + 8), acc[2 * q + 1]);
            }
            r += 6;
        }
        while r < m {
            let (mut s0, mut s1) = (_mm256_setzero_ps(), _mm256_setzero_ps());
            for kk in 0..k {
                let x = _mm256_set1_ps(*ap.add(r * lda + kk));
                s0 = _mm256_fmadd_ps(x, _mm256_loadu_ps(bp.add(kk * ldb + c0)), s0);
                s1 = _mm256_fmadd_ps(x, _mm256_loadu_ps(bp.add(kk * ldb + c0 + 8)), s1);
            }
            _mm256_storeu_ps(cp.add(r * ldc + c0), s0);
            _mm256_storeu_ps(cp.add(r * ldc + c0 + 8), s1);
            r += 1;
        }
        c0 += 16;
    }
}

/// `gemm_avx2` with AVX-512: tiles of 12 rows × 32 columns (24 of the 32
/// registers accumulate), and the last rows (fewer than 12) as one smaller
/// tile rather than one row at a time, whose single sum per register waits
/// on each multiply-add's latency. Every output is still one chain of fused
/// multiply-adds over `k` in order, so the floats are `gemm_portable`'s.
///
/// # Safety
/// AVX-512F and FMA must be available; `n % 32 == 0`; the operands are as long as `gemm` asserts.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,fma")]
#[allow(clippy::too_many_arguments)]
unsafe fn gemm_avx512(m: usize, k: usize, n: usize, a: &[f32], lda: usize, b: &[f32], ldb: usize, c: &mut [f32], ldc: usize) {
    let (ap, bp, cp) = (a.as_ptr(), b.as_ptr(), c.as_mut_ptr());
    let mut c0 = 0;
    while c0 < n {
        let mut r = 0;
        while r + 12 <= m {
            tile512::<12>(k, ap.add(r * lda), lda, bp.add(c0), ldb, cp.add(r * ldc + c0), ldc);
            r += 12;
        }
        let (a, cc) = (ap.add(r * lda), cp.add(r * ldc + c0));
        tile_rows!(m - r, tile512(k, a, lda, bp.add(c0), ldb, cc, ldc));
        c0 += 32;
    }
}

/// R rows × 32 columns of C from R rows of A and a 32-column strip of B.
///
/// # Safety
/// AVX-512F and FMA; `a` covers R rows of `k` at stride `lda`, `b` `k` rows of 32 at
/// stride `ldb`, `c` R rows of 32 at stride `ldc`.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,fma")]
#[inline]
unsafe fn tile512<const R: usize>(k: usize, a: *const f32, lda: usize, b: *const f32, ldb: usize, c: *mut f32, ldc: usize) {
    use std::arch::x86_64::*;
    let mut acc = [[_mm512_setzero_ps(); 2]; R];
    for kk in 0..k {
        let b0 = _mm512_loadu_ps(b.add(kk * ldb));
        let b1 = _mm512_loadu_ps(b.add(kk * ldb + 16));
        for (q, v) in acc.iter_mut().enumerate() {
            let x = _mm512_set1_ps(*a.add(q * lda + kk));
            v[0] = _mm512_fmadd_ps(x, b0, v[0]);
            v[1] = _mm512_fmadd_ps(x, b1, v[1]);
        }
    }
    for (q, v) in acc.iter().enumerate() {
        _mm512_storeu_ps(c.add(q * ldc), v[0]);
        _mm512_storeu_ps(c.add(q * ldc + 16), v[1]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_plain_product_on_odd_shapes() {
        // 12-row tiles, every remainder from 0 to 11 rows, AVX-512, AVX2 and portable widths
        let mut shapes = vec![(1, 3, 16), (5, 7, 32), (9, 64, 48), (4, 1, 16), (3, 5, 20), (25, 48, 256), (30, 5, 96)];
        shapes.extend((1..=25).map(|m| (m, 7, 32)));
        for &(m, k, n) in &shapes {
            let a: Vec<f32> = (0..m * k).map(|i| ((i * 7 % 13) as f32 - 6.0) / 5.0).collect();
            let b: Vec<f32> = (0..k * n).map(|i| ((i * 5 % 11) as f32 - 5.0) / 3.0).collect();
            let mut c = vec![9.0f32; m * n];
            gemm(m, k, n, &a, k, &b, n, &mut c, n);
            for r in 0..m {
                for j in 0..n {
                    let want: f32 = (0..k).map(|kk| a[r * k + kk] * b[kk * n + j]).sum();
                    assert!((c[r * n + j] - want).abs() < 1e-4 * (1.0 + want.abs()), "({m},{k},{n}) [{r},{j}]: {} vs {want}", c[r * n + j]);
                }
            }
            // the portable path gives the very same floats
            let mut p = vec![7.0f32; m * n];
            gemm_portable(m, k, n, &a, k, &b, n, &mut p, n);
            assert_eq!(p, c, "({m},{k},{n})");
        }
    }
}
