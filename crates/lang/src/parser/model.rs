//! Sparse averaged perceptron for the parser, and its compact frozen form.
//!
//! Why not `crate::perceptron`: its rows are dense over all classes, and the
//! parser has 1 + 2×46 classes and millions of features, which would need
//! gigabytes while training and far more than the 12 MB budget when shipped.
//! Perceptron rows are naturally sparse (a feature only ever touches the
//! classes it was a truth or a guess for), so rows here are (class, weight)
//! lists, and the frozen model is an open-addressing table over pre-hashed
//! keys (std's SipHash would dominate parse time).

use crate::LangError;
use std::collections::HashMap;
use crate::hash::IdHasher;
use std::hash::BuildHasherDefault;


type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

struct Ent {
    class: u8,
    w: f32,
    total: f32,
    stamp: u32,
}

/// A sparse averaged perceptron being trained.
#[derive(Default)]
pub struct Trainer {
    rows: IdMap<Vec<Ent>>,
    step: u32,
}

impl Trainer {
    pub fn scores(&self, feats: &[u64], out: &mut [f32]) {
        out.fill(0.0);
        for f in feats {
            if let Some(r) = self.rows.get(f) {
                for e in r {
                    if let Some(o) = out.get_mut(e.class as usize) {
                        *o += e.w;
                    }
                }
            }
        }
    }

    /// Rewards `truth`, penalises `guess` (no-op when equal).
    pub fn update(&mut self, feats: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        let step = self.step;
        for f in feats {
            let row = self.rows.entry(*f).or_default();
            for (c, delta) in [(truth as u8, 1.0f32), (guess as u8, -1.0f32)] {
                let i = match row.iter().position(|e| e.class == c) {
                    Some(i) => i,
                    None => {
                        row.push(Ent { class: c, w: 0.0, total: 0.0, stamp: step });
                        row.len() - 1
                    }
                };
                let e = &mut row[i];
                e.total += (step - e.stamp) as f32 * e.w;
                e.stamp = step;
                e.w += delta;
            }
        }
    }

    /// Call once per training example.
    pub fn tick(&mut self) {
        self.step += 1;
    }

    pub fn n_features(&self) -> usize {
        self.rows.len()
    }

    /// Averaged weights, dropping those below `prune` in absolute value.
    pub fn freeze(&self, prune: f32) -> Model {
        let step = self.step.max(1) as f32;
        let rows: Vec<(u64, Vec<(u8, f32)>)> = self
            .rows
            .iter()
            .map(|(&k, r)| {
                let avg = r
                    .iter()
                    .map(|e| (e.class, (e.total + (self.step - e.stamp) as f32 * e.w) / step))
                    .filter(|(_, w)| w.abs() >= prune && *w != 0.0)
                    .collect::<Vec<_>>();
                (k, avg)
            })
            .filter(|(_, avg)| !avg.is_empty())
            .collect();
        Model::from_rows(rows)
    }
}

/// The frozen, read-only model: what ships and what `parse` uses.
///
/// Laid out for cache locality, since parsing is bound by memory lookups:
/// one `u64` slot per feature (32-bit key fingerprint + row offset), and each
/// row stored as its length followed by packed `class | i16 weight << 16`
/// words. Weights are quantised to i16 with one scale; argmax does not need
/// the scale, so scoring sums the raw integers.
#[derive(Clone, Debug, Default)]
pub struct Model {
    slots: Vec<u64>,
    shift: u32,
    keys: Vec<u64>,
    ents: Vec<u32>,
    scale: f32,
}

/// The slot of `k` is the top bits of this, whatever the table size.
#[inline]
fn slot_key(k: u64) -> u64 {
    k.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// 32 bits of the key, mixed independently of the slot index (which uses the
/// top bits of `k * golden ratio`); never 0, which marks an empty slot.
fn fingerprint(k: u64) -> u64 {
    ((k ^ (k >> 29)).wrapping_mul(0xBF58_476D_1CE4_E5B9) >> 32) | 1
}

impl Model {
    fn from_rows(mut rows: Vec<(u64, Vec<(u8, f32)>)>) -> Model {
        // Deterministic files, in slot order: loading then fills the table
        // front to back instead of writing to random slots (load time).
        rows.sort_by_key(|r| slot_key(r.0));
        let maxw = rows.iter().flat_map(|r| &r.1).fold(0f32, |m, e| m.max(e.1.abs())).max(1e-6);
        let scale = maxw / i16::MAX as f32;
        let mut m = Model::empty(rows.len(), scale);
        for (k, r) in rows {
            let row: Vec<(u8, i16)> = r.iter().map(|&(c, w)| (c, (w / scale).round() as i16)).collect();
            m.push_row(k, &row);
        }
        m
    }

    fn empty(n: usize, scale: f32) -> Model {
        // Load factor 1/3..2/3: short probe chains, and half the memory of a
        // table at most half full (8 instead of 17 MB for the shipped model;
        // lookups are bound by cache misses, so a smaller table is faster).
        let cap = (n + n / 2).next_power_of_two().max(16);
        Model { slots: vec![0; cap], shift: 64 - cap.trailing_zeros(), keys: Vec::with_capacity(n), ents: Vec::new(), scale }
    }

    fn slot_of(&self, k: u64) -> usize {
        (slot_key(k) >> self.shift) as usize
    }

    fn push_row(&mut self, k: u64, row: &[(u8, i16)]) {
        let mask = self.slots.len() - 1;
        let fp = fingerprint(k);
        let mut s = self.slot_of(k);
        while self.slots[s] != 0 && self.slots[s] >> 32 != fp {
            s = (s + 1) & mask;
        }
        self.slots[s] = fp << 32 | self.ents.len() as u64;
        self.keys.push(k);
        self.ents.push(row.len() as u32);
        self.ents.extend(row.iter().map(|&(c, w)| c as u32 | ((w as u16 as u32) << 16)));
    }

    fn rows(&self) -> impl Iterator<Item = (u64, &[u32])> + '_ {
        let mut at = 0usize;
        self.keys.iter().map(move |&k| {
            let len = self.ents.get(at).copied().unwrap_or(0) as usize;
            let row = self.ents.get(at + 1..at + 1 + len).unwrap_or(&[]);
            at += 1 + len;
            (k, row)
        })
    }

    pub fn n_features(&self) -> usize {
        self.keys.len()
    }

    pub fn n_weights(&self) -> usize {
        self.ents.len() - self.keys.len()
    }

    /// A copy without the weights below `threshold` in absolute value.
    pub fn pruned(&self, threshold: f32) -> Model {
        let rows = self
            .rows()
            .filter_map(|(k, r)| {
                let row: Vec<(u8, f32)> = r
                    .iter()
                    .map(|&e| (e as u8, (e >> 16) as u16 as i16 as f32 * self.scale))
                    .filter(|e| e.1.abs() >= threshold)
                    .collect();
                (!row.is_empty()).then_some((k, row))
            })
            .collect();
        Model::from_rows(rows)
    }

    /// The mean of several models' weights (parameter mixing, McDonald et al.
    /// 2010): independently shuffled training runs averaged into one linear
    /// model of the same shape, so parsing costs what one model costs.
    pub fn mixed(models: &[&Model]) -> Model {
        let k = models.len().max(1) as f32;
        let mut sum: std::collections::BTreeMap<u64, Vec<(u8, f32)>> = std::collections::BTreeMap::new();
        for m in models {
            for (key, r) in m.rows() {
                let row = sum.entry(key).or_default();
                for &e in r {
                    let (c, w) = (e as u8, (e >> 16) as u16 as i16 as f32 * m.scale / k);
                    match row.iter_mut().find(|x| x.0 == c) {
                        Some(x) => x.1 += w,
                        None => row.push((c, w)),
                    }
                }
            }
        }
        Model::from_rows(sum.into_iter().collect())
    }

    /// Offset of `k`'s row in `ents`, probing from slot `s`.
    #[inline]
    fn find_from(&self, k: u64, mut s: usize) -> Option<usize> {
        let mask = self.slots.len().wrapping_sub(1);
        let fp = fingerprint(k);
        loop {
            let slot = *self.slots.get(s)?;
            if slot == 0 {
                return None;
            }
            if slot >> 32 == fp {
                return Some((slot & 0xffff_ffff) as usize);
            }
            s = (s + 1) & mask;
        }
    }

    /// Unscaled class scores (fine for argmax).
    ///
    /// Three passes: prefetch every feature's slot, then probe the slots and
    /// prefetch the rows found, then add the rows. Lookups are bound by cache
    /// misses, and neither the probes nor the rows depend on each other, so
    /// issuing all the loads first keeps many misses in flight at once instead
    /// of waiting on each (the probe branches are unpredictable, so without
    /// the prefetch pass a mispredicted branch serialises the misses).
    pub fn scores(&self, feats: &[u64], out: &mut [f32]) {
        let mut found = [0u32; 160];
        debug_assert!(feats.len() <= found.len());
        let n = feats.len().min(found.len());
        for (slot, &f) in found.iter_mut().zip(feats) {
            let s = self.slot_of(f);
            if let Some(x) = self.slots.get(s) {
                crate::table::prefetch(x);
            }
            *slot = s as u32;
        }
        for (slot, &f) in found.iter_mut().zip(feats) {
            *slot = match self.find_from(f, *slot as usize) {
                Some(a) => {
                    if let Some(x) = self.ents.get(a) {
                        crate::table::prefetch(x);
                    }
                    a as u32
                }
                None => u32::MAX,
            };
        }
        // Integer sums: at most 160 rows of |w| <= 32767 stay below 2^24, so
        // these equal the float sums exactly (every partial sum is an integer
        // a float holds), and integer adds are cheaper.
        let mut acc = [0i32; 256];
        for &at in &found[..n] {
            let at = at as usize;
            let len = self.ents.get(at).copied().unwrap_or(0) as usize;
            for &e in self.ents.get(at.wrapping_add(1)..at.wrapping_add(1 + len)).unwrap_or(&[]) {
                acc[(e & 0xff) as usize] += (e >> 16) as u16 as i16 as i32;
            }
        }
        for (o, &a) in out.iter_mut().zip(&acc) {
            *o = a as f32;
        }
    }

    /// Serialises as: magic, header words, counts, scale, u64 keys, u8 row
    /// lengths, u8 classes, i16 weights (all little-endian).
    pub fn to_bytes(&self, header: &[u32]) -> Vec<u8> {
        let n_w = self.n_weights();
        let mut out = Vec::with_capacity(32 + self.keys.len() * 9 + n_w * 3);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(header.len() as u32).to_le_bytes());
        for h in header {
            out.extend_from_slice(&h.to_le_bytes());
        }
        out.extend_from_slice(&(self.keys.len() as u32).to_le_bytes());
        out.extend_from_slice(&(n_w as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        for k in &self.keys {
            out.extend_from_slice(&k.to_le_bytes());
        }
        let rows: Vec<&[u32]> = self.rows().map(|r| r.1).collect();
        out.extend(rows.iter().map(|r| r.len() as u8));
        out.extend(rows.iter().flat_map(|r| r.iter().map(|&e| e as u8)));
        for r in &rows {
            for &e in r.iter() {
                out.extend_from_slice(&((e >> 16) as u16).to_le_bytes());
            }
        }
        out
    }

    /// Inverse of [`Model::to_bytes`]; returns the header words too.
    pub fn from_bytes(bytes: &[u8]) -> Result<(Vec<u32>, Model), LangError> {
        let mut r = Reader { b: bytes, pos: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            return Err(LangError::model(NAME, "not a parser model (bad magic bytes)"));
        }
        let nh = r.u32()? as usize;
        let header = (0..nh.min(64)).map(|_| r.u32()).collect::<Result<Vec<_>, _>>()?;
        let nrows = r.u32()? as usize;
        let nents = r.u32()? as usize;
        let scale = f32::from_le_bytes(r.arr::<4>()?);
        let keys = r.take(nrows.checked_mul(8).ok_or_else(|| trunc(0))?)?;
        let lens = r.take(nrows)?;
        let classes = r.take(nents)?;
        let ws = r.take(nents.checked_mul(2).ok_or_else(|| trunc(0))?)?;
        if r.pos != bytes.len() {
            return Err(LangError::model(NAME, format!("{} trailing bytes", bytes.len() - r.pos)));
        }
        if lens.iter().map(|&l| l as usize).sum::<usize>() != nents {
            return Err(LangError::model(NAME, "row lengths do not add up to the weight count"));
        }
        let mut m = Model::empty(nrows, scale);
        m.ents.reserve(nrows + nents);
        let mut row: Vec<(u8, i16)> = Vec::with_capacity(256);
        let mut e = 0usize;
        for (kb, &len) in keys.chunks_exact(8).zip(lens) {
            let k = u64::from_le_bytes(kb.try_into().map_err(|_| trunc(0))?);
            row.clear();
            for j in e..e + len as usize {
                let (Some(&c), Some(w)) = (classes.get(j), ws.get(2 * j..2 * j + 2)) else {
                    return Err(trunc(j));
                };
                row.push((c, i16::from_le_bytes([w[0], w[1]])));
            }
            e += len as usize;
            m.push_row(k, &row);
        }
        Ok((header, m))
    }
}

const MAGIC: &[u8] = b"CRBPARS1";
const NAME: &str = "parser";

fn trunc(at: usize) -> LangError {
    LangError::model(NAME, format!("file truncated or corrupt near byte {at}"))
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], LangError> {
        let s = self.b.get(self.pos..self.pos.checked_add(n).ok_or_else(|| trunc(self.pos))?).ok_or_else(|| trunc(self.pos))?;
        self.pos += n;
        Ok(s)
    }
    fn arr<const N: usize>(&mut self) -> Result<[u8; N], LangError> {
        let s = self.take(N)?;
        s.try_into().map_err(|_| trunc(self.pos))
    }
    fn u32(&mut self) -> Result<u32, LangError> {
        Ok(u32::from_le_bytes(self.arr::<4>()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_and_roundtrips() {
        let data = [(vec![11u64, 12], 0usize), (vec![21, 12], 3), (vec![31, 32], 5)];
        let mut t = Trainer::default();
        let mut s = [0f32; 8];
        for _ in 0..5 {
            for (f, y) in &data {
                t.scores(f, &mut s);
                let g = crate::perceptron::argmax(&s, None);
                t.update(f, *y, g);
                t.tick();
            }
        }
        let m = t.freeze(0.0);
        let bytes = m.to_bytes(&[7, 9]);
        let (h, m2) = Model::from_bytes(&bytes).unwrap();
        assert_eq!(h, [7, 9]);
        for (f, y) in &data {
            m2.scores(f, &mut s);
            assert_eq!(crate::perceptron::argmax(&s, None), *y);
        }
        // Truncated or padded files are errors, never panics.
        for cut in [0, 5, bytes.len() / 2, bytes.len() - 1] {
            assert!(Model::from_bytes(&bytes[..cut]).is_err());
        }
        let mut long = bytes.clone();
        long.push(0);
        assert!(Model::from_bytes(&long).is_err());
    }

    #[test]
    fn mixing_averages_weights_over_the_union_of_features() {
        let a = Model::from_rows(vec![(1, vec![(0, 4.0)]), (2, vec![(1, 2.0)])]);
        let b = Model::from_rows(vec![(1, vec![(0, 2.0), (2, 6.0)])]);
        let m = Model::mixed(&[&a, &b]);
        assert_eq!(m.n_features(), 2);
        let mut s = [0f32; 4];
        m.scores(&[1], &mut s);
        // class 0: (4 + 2) / 2, class 2: 6 / 2 (absent from a), in units of the scale
        assert!(((s[0] * m.scale) - 3.0).abs() < 0.01 && ((s[2] * m.scale) - 3.0).abs() < 0.01, "{s:?}");
        m.scores(&[2], &mut s);
        assert!(((s[1] * m.scale) - 1.0).abs() < 0.01, "{s:?}");
    }
}
