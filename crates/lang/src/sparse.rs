//! The shipped form of a perceptron: rows stored sparsely (only the classes
//! with a non-negligible weight), weights quantised to `i16` with one scale
//! per row. Averaged perceptron rows are mostly zeros, so this is ~10x smaller
//! than dense `f32` rows and as fast to score.

use crate::binfmt::{Reader, Writer};
use crate::perceptron::Frozen;
use crate::table::U64Map;
use crate::LangError;

#[derive(Clone, Debug, Default)]
pub struct Sparse {
    n_classes: usize,
    index: U64Map,
    keys: Vec<u64>,
    /// Row r's entries are `offsets[r]..offsets[r+1]`.
    offsets: Vec<u32>,
    scales: Vec<f32>,
    classes: Vec<u8>,
    weights: Vec<i16>,
}

impl Sparse {
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
        s.index = U64Map::new(s.keys.iter().enumerate().map(|(i, &k)| (k, i as u32)));
        s
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    pub fn n_features(&self) -> usize {
        self.keys.len()
    }

    /// Adds the weights of `feats` to `out` (which must have `n_classes` entries).
    #[inline]
    pub fn add_scores(&self, feats: &[u64], out: &mut [f32]) {
        for &f in feats {
            let Some(r) = self.index.get(f) else { continue };
            let r = r as usize;
            let (Some(&a), Some(&b), Some(&scale)) =
                (self.offsets.get(r), self.offsets.get(r + 1), self.scales.get(r))
            else {
                continue;
            };
            let (a, b) = (a as usize, b as usize);
            let (Some(cs), Some(ws)) = (self.classes.get(a..b), self.weights.get(a..b)) else { continue };
            for (&c, &w) in cs.iter().zip(ws) {
                if let Some(o) = out.get_mut(c as usize) {
                    *o += w as f32 * scale;
                }
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
        let keys = (0..n).map(|_| r.u64()).collect::<Result<Vec<_>, _>>()?;
        let scales = (0..n).map(|_| r.f32()).collect::<Result<Vec<_>, _>>()?;
        let mut offsets = Vec::with_capacity(n + 1);
        offsets.push(0u32);
        let mut total = 0u32;
        for _ in 0..n {
            let l = r.u8()? as u32;
            if l as usize > n_classes {
                return Err(r.err("row longer than the class count"));
            }
            total += l;
            offsets.push(total);
        }
        let classes = (0..total).map(|_| r.u8()).collect::<Result<Vec<_>, _>>()?;
        if classes.iter().any(|&c| c as usize >= n_classes) {
            return Err(r.err("class id out of range"));
        }
        let mut weights = Vec::with_capacity(total as usize);
        for _ in 0..total {
            let lo = r.u8()?;
            let hi = r.u8()?;
            weights.push(i16::from_le_bytes([lo, hi]));
        }
        let index = U64Map::new(keys.iter().enumerate().map(|(i, &k)| (k, i as u32)));
        Ok(Sparse { n_classes, index, keys, offsets, scales, classes, weights })
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
}
