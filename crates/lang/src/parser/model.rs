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
use std::hash::{BuildHasherDefault, Hasher};

/// Feature keys are already well-mixed hashes; use them as they are.
#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ b as u64;
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

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
        let mut rows: Vec<(u64, Vec<(u8, f32)>)> = self
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
        rows.sort_by_key(|r| r.0); // deterministic model files
        Model::from_rows(rows)
    }
}

/// The frozen, read-only model: what ships and what `parse` uses.
#[derive(Clone, Debug, Default)]
pub struct Model {
    /// Open-addressing table: (key, row index); key 0 marks an empty slot.
    slots: Vec<(u64, u32)>,
    mask: usize,
    keys: Vec<u64>,
    /// Row `i` is `ents[start[i]..start[i + 1]]`.
    start: Vec<u32>,
    ents: Vec<(u32, f32)>,
}

fn slot_key(k: u64) -> u64 {
    if k == 0 { 1 } else { k }
}

impl Model {
    fn from_rows(rows: Vec<(u64, Vec<(u8, f32)>)>) -> Model {
        let cap = (rows.len() * 2).next_power_of_two().max(16);
        let mut m = Model { slots: vec![(0, 0); cap], mask: cap - 1, ..Default::default() };
        m.start.push(0);
        for (i, (k, r)) in rows.into_iter().enumerate() {
            m.keys.push(k);
            m.ents.extend(r.into_iter().map(|(c, w)| (c as u32, w)));
            m.start.push(m.ents.len() as u32);
            let key = slot_key(k);
            let mut s = key as usize & m.mask;
            while m.slots[s].0 != 0 && m.slots[s].0 != key {
                s = (s + 1) & m.mask;
            }
            m.slots[s] = (key, i as u32);
        }
        m
    }

    pub fn n_features(&self) -> usize {
        self.keys.len()
    }

    pub fn n_weights(&self) -> usize {
        self.ents.len()
    }

    fn row(&self, k: u64) -> &[(u32, f32)] {
        let key = slot_key(k);
        let mut s = key as usize & self.mask;
        loop {
            match self.slots.get(s) {
                Some(&(sk, i)) if sk == key => {
                    let a = self.start.get(i as usize).copied().unwrap_or(0) as usize;
                    let b = self.start.get(i as usize + 1).copied().unwrap_or(0) as usize;
                    return self.ents.get(a..b).unwrap_or(&[]);
                }
                Some(&(0, _)) | None => return &[],
                _ => s = (s + 1) & self.mask,
            }
        }
    }

    pub fn scores(&self, feats: &[u64], out: &mut [f32]) {
        out.fill(0.0);
        for &f in feats {
            for &(c, w) in self.row(f) {
                if let Some(o) = out.get_mut(c as usize) {
                    *o += w;
                }
            }
        }
    }

    /// Serialises as: magic, then u32 counts, u64 keys, u8 row lengths,
    /// u8 classes and i16 weights quantised with one f32 scale.
    pub fn to_bytes(&self, header: &[u32]) -> Vec<u8> {
        let maxw = self.ents.iter().fold(0f32, |m, e| m.max(e.1.abs())).max(1e-6);
        let scale = maxw / i16::MAX as f32;
        let mut out = Vec::with_capacity(16 + self.keys.len() * 10 + self.ents.len() * 3);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(header.len() as u32).to_le_bytes());
        for h in header {
            out.extend_from_slice(&h.to_le_bytes());
        }
        out.extend_from_slice(&(self.keys.len() as u32).to_le_bytes());
        out.extend_from_slice(&(self.ents.len() as u32).to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        for k in &self.keys {
            out.extend_from_slice(&k.to_le_bytes());
        }
        for w in self.start.windows(2) {
            out.push((w[1] - w[0]).min(255) as u8);
        }
        for e in &self.ents {
            out.push(e.0 as u8);
        }
        for e in &self.ents {
            out.extend_from_slice(&((e.1 / scale).round() as i16).to_le_bytes());
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
        let header = (0..nh).map(|_| r.u32()).collect::<Result<Vec<_>, _>>()?;
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
        let mut rows = Vec::with_capacity(nrows);
        let mut e = 0usize;
        for (i, &len) in lens.iter().enumerate() {
            let k = u64::from_le_bytes(keys[i * 8..i * 8 + 8].try_into().map_err(|_| trunc(i))?);
            let row = (e..e + len as usize)
                .map(|j| (classes[j], i16::from_le_bytes([ws[2 * j], ws[2 * j + 1]]) as f32 * scale))
                .collect();
            e += len as usize;
            rows.push((k, row));
        }
        Ok((header, Model::from_rows(rows)))
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
}
