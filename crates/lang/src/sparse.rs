//! The shipped form of a perceptron: rows stored sparsely (only the classes
//! with a non-negligible weight), weights quantised to `i16` with one scale
//! per row. Averaged perceptron rows are mostly zeros, so this is ~10x smaller
//! than dense `f32` rows and as fast to score.

use crate::binfmt::{Reader, Writer};
use crate::perceptron::Frozen;
use crate::LangError;

#[derive(Clone, Debug, Default)]
pub struct Sparse {
    n_classes: usize,
    /// Lookup form: an open-addressing table whose slot holds key, scale and
    /// where the row lives, so a lookup touches one cache line for the slot
    /// and one for the row (scoring is memory-bound).
    slots: Vec<Slot>,
    shift: u32,
    /// Row entries packed as `class << 16 | weight as u16`.
    packed: Vec<u32>,
    keys: Vec<u64>,
    /// Row r's entries are `offsets[r]..offsets[r+1]`.
    offsets: Vec<u32>,
    scales: Vec<f32>,
    classes: Vec<u8>,
    weights: Vec<i16>,
}

#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    /// Low 32 bits of the feature key; a false match needs two 64-bit
    /// feature hashes to agree on both slot and fingerprint (~n/2^60).
    fp: u32,
    /// `row start << 8 | row length`; 0 = empty slot (rows are never empty).
    row: u32,
}

impl Sparse {
    /// Builds the lookup table from the row arrays.
    fn index(mut self) -> Sparse {
        let n = self.keys.len();
        let cap = (n * 3 / 2).next_power_of_two().max(16);
        self.shift = 64 - cap.trailing_zeros();
        let mask = cap - 1;
        self.slots = vec![Slot::default(); cap];
        self.packed = Vec::with_capacity(self.classes.len() + n);
        for r in 0..n {
            let (a, b) = (self.offsets[r] as usize, self.offsets[r + 1] as usize);
            let start = self.packed.len();
            // Rows beyond 2^24 entries cannot be addressed; the trainer never gets near that.
            if b == a || start >= 1 << 24 {
                continue;
            }
            // Each row: its scale, then `class << 16 | weight` entries.
            self.packed.push(self.scales[r].to_bits());
            for (&c, &w) in self.classes[a..b].iter().zip(&self.weights[a..b]) {
                self.packed.push((c as u32) << 16 | w as u16 as u32);
            }
            let k = self.keys[r];
            let mut s = self.slot(k);
            while self.slots[s].row != 0 && self.slots[s].fp != k as u32 {
                s = (s + 1) & mask;
            }
            self.slots[s] = Slot { fp: k as u32, row: (start as u32) << 8 | (b - a) as u32 };
        }
        self
    }

    #[inline]
    fn slot(&self, k: u64) -> usize {
        (k.wrapping_mul(0x9e3779b97f4a7c15) >> self.shift) as usize
    }

    /// Compresses a frozen perceptron, dropping weights below `min_abs`.
    pub fn from_frozen(m: &Frozen, min_abs: f32) -> Sparse {
        let n = m.n_classes();
        let (keys, w) = m.parts();
        let mut s = Sparse { n_classes: n, offsets: vec![0], ..Default::default() };
        for (r, &k) in keys.iter().enumerate() {
            let row = &w[r * n..(r + 1) * n];
            let max = row.iter().fold(0f32, |a, x| a.max(x.abs()));
            if max < min_abs || max == 0.0 {
                continue;
            }
            let scale = max / 32767.0;
            s.keys.push(k);
            s.scales.push(scale);
            for (c, &x) in row.iter().enumerate() {
                if x.abs() >= min_abs {
                    s.classes.push(c as u8);
                    s.weights.push((x / scale).round() as i16);
                }
            }
            s.offsets.push(s.classes.len() as u32);
        }
        s.index()
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    pub fn n_features(&self) -> usize {
        self.keys.len()
    }

    /// Adds the weights of `feats` to `out` (which must have `n_classes` entries).
    ///
    /// Three passes, like the parser's table: prefetch every feature's slot,
    /// then probe the slots and prefetch the rows found, then add the rows.
    /// Lookups are bound by cache misses and do not depend on each other, so
    /// issuing every load first overlaps the misses (measured: see SCORES.md).
    /// Rows are added in feature order, so the float sums are the same as a
    /// one-feature-at-a-time loop.
    #[inline]
    pub fn add_scores(&self, feats: &[u64], out: &mut [f32]) {
        let mut rows = [0u32; 96];
        for chunk in feats.chunks(rows.len()) {
            let rows = &mut rows[..chunk.len()];
            self.find_rows(chunk, rows);
            self.add_rows(rows, out);
        }
    }

    /// Row handles of `feats` (0 = unknown feature) for [`Sparse::add_rows`],
    /// with every slot prefetched before any is probed and every row
    /// prefetched once found.
    #[inline]
    fn find_rows(&self, feats: &[u64], rows: &mut [u32]) {
        for (r, &f) in rows.iter_mut().zip(feats) {
            let s = self.slot(f);
            if let Some(x) = self.slots.get(s) {
                crate::table::prefetch(x);
            }
            *r = s as u32;
        }
        for (r, &f) in rows.iter_mut().zip(feats) {
            *r = self.find_from(f, *r as usize);
            // First and last line of the row (rows of frequent features
            // span several lines; the ones between follow sequentially).
            let (a, len) = ((*r >> 8) as usize, (*r & 0xff) as usize);
            if let (Some(x), Some(y)) = (self.packed.get(a), self.packed.get(a + len)) {
                crate::table::prefetch(x);
                crate::table::prefetch(y);
            }
        }
    }

    /// Adds the rows found by [`Sparse::find_rows`] to `out`, in order.
    #[inline]
    fn add_rows(&self, rows: &[u32], out: &mut [f32]) {
        for &row in rows {
            if row == 0 {
                continue;
            }
            let (a, len) = ((row >> 8) as usize, (row & 0xff) as usize);
            let Some((&scale, entries)) = self.packed.get(a..a + 1 + len).and_then(|r| r.split_first()) else {
                continue;
            };
            let scale = f32::from_bits(scale);
            for &e in entries {
                if let Some(o) = out.get_mut((e >> 16) as usize) {
                    *o += (e as u16 as i16) as f32 * scale;
                }
            }
        }
    }

    /// `row` word of feature `f` (0 = unknown), probing from slot `s`.
    #[inline]
    fn find_from(&self, f: u64, mut s: usize) -> u32 {
        let mask = self.slots.len().wrapping_sub(1);
        loop {
            match self.slots.get(s) {
                Some(x) if x.row != 0 && x.fp != f as u32 => s = (s + 1) & mask,
                Some(x) => return x.row,
                None => return 0,
            }
        }
    }

    pub fn write(&self, w: &mut Writer) {
        w.u32(self.n_classes as u32);
        w.u32(self.keys.len() as u32);
        for &k in &self.keys {
            w.u64(k);
        }
        for &s in &self.scales {
            w.f32(s);
        }
        // Row lengths (one byte each: rows never exceed 255 classes).
        for r in 0..self.keys.len() {
            w.u8((self.offsets[r + 1] - self.offsets[r]) as u8);
        }
        w.buf.extend_from_slice(&self.classes);
        for &x in &self.weights {
            w.buf.extend_from_slice(&x.to_le_bytes());
        }
    }

    pub fn read(r: &mut Reader) -> Result<Sparse, LangError> {
        let n_classes = r.u32()? as usize;
        if n_classes == 0 || n_classes > 255 {
            return Err(r.err(&format!("bad class count {n_classes}")));
        }
        let n = r.len(8 + 4 + 1)?;
        // Bulk slices rather than per-item reads: loading is on every start-up.
        let keys: Vec<u64> = r.take(n * 8)?.chunks_exact(8).map(|c| u64::from_le_bytes(c.try_into().unwrap_or_default())).collect();
        let scales: Vec<f32> = r.take(n * 4)?.chunks_exact(4).map(|c| f32::from_le_bytes(c.try_into().unwrap_or_default())).collect();
        let mut offsets = Vec::with_capacity(n + 1);
        offsets.push(0u32);
        let mut total = 0u32;
        for &l in r.take(n)? {
            if l as usize > n_classes {
                return Err(r.err("row longer than the class count"));
            }
            total += l as u32;
            offsets.push(total);
        }
        let classes = r.take(total as usize)?.to_vec();
        if classes.iter().any(|&c| c as usize >= n_classes) {
            return Err(r.err("class id out of range"));
        }
        let weights: Vec<i16> =
            r.take(total as usize * 2)?.chunks_exact(2).map(|c| i16::from_le_bytes([c[0], c[1]])).collect();
        Ok(Sparse { n_classes, keys, offsets, scales, classes, weights, ..Default::default() }.index())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compress_roundtrip_keeps_scores() {
        let f = Frozen::from_parts(3, vec![10, 20, 30], vec![1.0, 0.0, -2.0, 0.001, 0.0, 0.0, 0.5, 0.25, 0.0]);
        let s = Sparse::from_frozen(&f, 0.01);
        assert_eq!(s.n_features(), 2); // row 20 pruned
        let mut w = Writer::default();
        s.write(&mut w);
        let t = Sparse::read(&mut Reader::new("t", &w.buf)).unwrap();
        let mut out = [0f32; 3];
        t.add_scores(&[10, 20, 30, 99], &mut out);
        let want = [1.5, 0.25, -2.0];
        for (o, w) in out.iter().zip(want) {
            assert!((o - w).abs() < 1e-3, "{out:?}");
        }
        assert!(Sparse::read(&mut Reader::new("t", &w.buf[..w.buf.len() - 1])).is_err());
    }

    /// The batched, prefetching lookup adds exactly what a plain per-feature
    /// loop over the dense rows adds (same float order), over a table with
    /// many probe collisions and more features than one batch.
    #[test]
    fn batched_scores_equal_plain_loop() {
        let mut rng = fastrand::Rng::with_seed(7);
        let (n, nk) = (5usize, 3000usize);
        let keys: Vec<u64> = (0..nk).map(|_| rng.u64(..)).collect();
        let w: Vec<f32> = (0..nk * n).map(|_| if rng.bool() { rng.f32() - 0.5 } else { 0.0 }).collect();
        let f = Frozen::from_parts(n, keys.clone(), w);
        let s = Sparse::from_frozen(&f, 0.01);
        let feats: Vec<u64> = (0..250).map(|i| if i % 3 == 0 { rng.u64(..) } else { keys[rng.usize(..nk)] }).collect();
        let mut got = [0f32; 5];
        s.add_scores(&feats, &mut got);
        let mut want = [0f32; 5];
        for &x in &feats {
            s.add_scores(&[x], &mut want);
        }
        assert_eq!(got, want);
        assert!(want.iter().any(|&x| x != 0.0));
    }
}
