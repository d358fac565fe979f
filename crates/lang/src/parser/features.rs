//! Feature extraction: the Zhang & Nivre (2011) rich non-local feature set,
//! adapted to arc-hybrid (s0/s1/s2, b0/b1/b2, children of s0, s1 and b0).
//!
//! Allocation-free: words and tags are hashed once per sentence, and every
//! feature is a mix of a template id and those precomputed u64s.

use super::system::{State, NONE};

/// Per-token hashes of one sentence; index 0 is the root.
#[derive(Default)]
pub struct TokHashes {
    pub word: Vec<u64>,
    pub tag: Vec<u64>,
    /// Running counts of punctuation / verb tags up to and including each position.
    punct: Vec<u32>,
    verbs: Vec<u32>,
}

const ROOT_H: u64 = 0x5151_0000_0000_0001;
const NONE_H: u64 = 0x7a7a_0000_0000_0002;
const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// FNV-1a; when `lower`, ASCII letters are folded so "The" and "the" share weights.
fn hash_str(s: &str, lower: bool) -> u64 {
    if lower {
        crate::hash::fnv_lower(s)
    } else {
        crate::hash::fnv(s.as_bytes())
    }
}

impl TokHashes {
    /// Refills the tables for a sentence (reusing their allocations).
    pub fn fill(&mut self, words: &[&str], tags: &[&str]) {
        self.word.clear();
        self.tag.clear();
        self.punct.clear();
        self.verbs.clear();
        self.word.push(ROOT_H);
        self.tag.push(ROOT_H);
        self.punct.push(0);
        self.verbs.push(0);
        let (mut np, mut nv) = (0, 0);
        for (i, w) in words.iter().enumerate() {
            let t = tags.get(i).copied().unwrap_or("");
            self.word.push(hash_str(w, true));
            self.tag.push(if t.is_empty() { NONE_H } else { hash_str(t, false) });
            np += u32::from(super::is_punct_tag(t));
            nv += u32::from(t.starts_with("VB") || t == "MD");
            self.punct.push(np);
            self.verbs.push(nv);
        }
    }

    /// Verbs from position `p` (exclusive) to the end of the sentence, capped at 3.
    fn verbs_after(&self, p: u32) -> u64 {
        if p == NONE {
            return 9;
        }
        let end = self.verbs.last().copied().unwrap_or(0);
        end.saturating_sub(self.verbs.get(p as usize).copied().unwrap_or(end)).min(3) as u64
    }

    /// (punctuation, verbs) strictly between positions `a < b`, capped at 3.
    fn between(&self, a: u32, b: u32) -> (u64, u64) {
        if a == NONE || b == NONE || a + 1 >= b {
            return (0, 0);
        }
        let c = |v: &[u32]| {
            let hi = v.get(b as usize - 1).copied().unwrap_or(0);
            let lo = v.get(a as usize).copied().unwrap_or(0);
            hi.saturating_sub(lo).min(3) as u64
        };
        (c(&self.punct), c(&self.verbs))
    }
}

#[inline]
fn mix(t: u32, parts: &[u64]) -> u64 {
    let mut h = (t as u64 + 1).wrapping_mul(K);
    for &p in parts {
        h = (h.rotate_left(23) ^ p).wrapping_mul(K);
    }
    h ^ (h >> 31)
}

/// Distance bucket: 1..4 exact, then 5-9, then 10+.
fn dist(a: u32, b: u32) -> u64 {
    if a == NONE || b == NONE {
        return 99;
    }
    match a.abs_diff(b) {
        d @ 0..=4 => d as u64,
        5..=9 => 5,
        _ => 6,
    }
}

struct Ctx<'a> {
    st: &'a State,
    h: &'a TokHashes,
}

impl Ctx<'_> {
    fn w(&self, p: u32) -> u64 {
        if p == NONE { NONE_H } else { self.h.word.get(p as usize).copied().unwrap_or(NONE_H) }
    }
    fn p(&self, p: u32) -> u64 {
        if p == NONE { NONE_H } else { self.h.tag.get(p as usize).copied().unwrap_or(NONE_H) }
    }
    /// Label of the arc above `p` (when attached).
    fn l(&self, p: u32) -> u64 {
        if p == NONE { 255 } else { self.st.labels.get(p as usize).map(|&l| l as u64).unwrap_or(255) }
    }
    fn get(v: &[u32], p: u32) -> u32 {
        if p == NONE { NONE } else { v.get(p as usize).copied().unwrap_or(NONE) }
    }
    fn small(v: &[u8], p: u32) -> u64 {
        if p == NONE { 99 } else { v.get(p as usize).map(|&x| x.min(8) as u64).unwrap_or(99) }
    }
    fn set(v: &[u64], p: u32) -> u64 {
        if p == NONE { 0 } else { v.get(p as usize).copied().unwrap_or(0) }
    }
}

/// Number of features [`extract`] produces (always the same count).
pub const N_FEATS: usize = 130;

/// Writes the feature hashes of state `st` into `out` (cleared first).
pub fn extract(st: &State, h: &TokHashes, out: &mut Vec<u64>) {
    out.clear();
    let c = Ctx { st, h };
    let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
    let (b0, b1, b2) = (st.buf(0), st.buf(1), st.buf(2));
    let (s0l, s0l2) = (Ctx::get(&st.l1, s0), Ctx::get(&st.l2, s0));
    let (s0r, s0r2) = (Ctx::get(&st.r1, s0), Ctx::get(&st.r2, s0));
    let (s1l, s1r, s1r2) = (Ctx::get(&st.l1, s1), Ctx::get(&st.r1, s1), Ctx::get(&st.r2, s1));
    let (b0l, b0l2) = (Ctx::get(&st.l1, b0), Ctx::get(&st.l2, b0));

    let (s0w, s0p, s1w, s1p, s2w, s2p) = (c.w(s0), c.p(s0), c.w(s1), c.p(s1), c.w(s2), c.p(s2));
    let (b0w, b0p, b1w, b1p, b2w, b2p) = (c.w(b0), c.p(b0), c.w(b1), c.p(b1), c.w(b2), c.p(b2));
    let mut t = 0u32;
    let mut f = |parts: &[u64]| {
        t += 1;
        out.push(mix(t, parts));
    };
    // Unigrams of stack and buffer items.
    for (w, p) in [(s0w, s0p), (s1w, s1p), (b0w, b0p), (b1w, b1p), (b2w, b2p), (s2w, s2p)] {
        f(&[w]);
        f(&[p]);
        f(&[w, p]);
    }
    // Pairs around s0/b0 and s1/s0.
    f(&[s0w, s0p, b0w, b0p]);
    f(&[s0w, s0p, b0w]);
    f(&[s0w, b0w, b0p]);
    f(&[s0w, s0p, b0p]);
    f(&[s0p, b0w, b0p]);
    f(&[s0w, b0w]);
    f(&[s0p, b0p]);
    f(&[b0p, b1p]);
    f(&[s1w, s1p, s0w, s0p]);
    f(&[s1w, s0w]);
    f(&[s1p, s0p]);
    f(&[s1w, s1p, s0p]);
    f(&[s1p, s0w, s0p]);
    f(&[s1w, b0w]);
    f(&[s1p, b0p]);
    // Tag trigrams.
    f(&[b0p, b1p, b2p]);
    f(&[s0p, b0p, b1p]);
    f(&[s1p, s0p, b0p]);
    f(&[s2p, s1p, s0p]);
    f(&[s0w, b0p, b1p]);
    f(&[s1p, s0w, b0p]);
    // Distance.
    let d0 = dist(s0, b0);
    let d1 = dist(s1, s0);
    f(&[s0w, d0]);
    f(&[s0p, d0]);
    f(&[b0w, d0]);
    f(&[b0p, d0]);
    f(&[s0w, b0w, d0]);
    f(&[s0p, b0p, d0]);
    f(&[s1p, s0p, d1]);
    f(&[s1w, s0w, d1]);
    // Valency.
    let (s0vl, s0vr) = (Ctx::small(&st.nl, s0), Ctx::small(&st.nr, s0));
    let (s1vl, s1vr, b0vl) = (Ctx::small(&st.nl, s1), Ctx::small(&st.nr, s1), Ctx::small(&st.nl, b0));
    f(&[s0w, s0vr]);
    f(&[s0p, s0vr]);
    f(&[s0w, s0vl]);
    f(&[s0p, s0vl]);
    f(&[b0w, b0vl]);
    f(&[b0p, b0vl]);
    f(&[s1p, s1vr]);
    f(&[s1p, s1vl]);
    // Children: unigrams (word, tag, label).
    for x in [s0l, s0r, b0l, s1r, s1l, s0l2, s0r2, b0l2] {
        f(&[c.w(x)]);
        f(&[c.p(x)]);
        f(&[c.l(x)]);
    }
    // Children in context.
    f(&[s0p, c.p(s0l), b0p]);
    f(&[s0p, c.p(s0r), b0p]);
    f(&[s0p, b0p, c.p(b0l)]);
    f(&[s1p, s0p, c.p(s0l)]);
    f(&[s1p, s0p, c.p(s0r)]);
    f(&[s1p, c.p(s1r), s0p]);
    f(&[s1p, c.p(s1l), s0p]);
    f(&[s0p, c.p(s0l), c.p(s0l2)]);
    f(&[s0p, c.p(s0r), c.p(s0r2)]);
    f(&[b0p, c.p(b0l), c.p(b0l2)]);
    f(&[s1p, c.p(s1r), c.p(s1r2)]);
    f(&[s0w, c.l(s0l), c.l(s0r)]);
    f(&[s0p, c.l(s0l), c.l(s0r)]);
    // Label sets.
    let (s0ls, s0rs, b0ls) = (Ctx::set(&st.lset, s0), Ctx::set(&st.rset, s0), Ctx::set(&st.lset, b0));
    f(&[s0w, s0rs]);
    f(&[s0p, s0rs]);
    f(&[s0w, s0ls]);
    f(&[s0p, s0ls]);
    f(&[b0w, b0ls]);
    f(&[b0p, b0ls]);
    f(&[s1p, Ctx::set(&st.rset, s1)]);
    // Lexicalised attachment: the function-word child (preposition, marker,
    // coordinator) of a candidate dependent, with the candidate head.
    let (s0lw, b0lw, s1rw) = (c.w(s0l), c.w(b0l), c.w(s1r));
    f(&[s1w, s0lw]);
    f(&[s1p, s0lw]);
    f(&[s1w, s0lw, s0p]);
    f(&[s1p, s0lw, s0w]);
    f(&[s1p, s0lw, s0p]);
    f(&[s1p, c.l(s0l), s0p]);
    f(&[s0w, b0lw]);
    f(&[s0p, b0lw, b0p]);
    f(&[s0w, b0lw, b0p]);
    f(&[s0p, c.l(b0l), b0p]);
    f(&[s1p, c.l(s1r), s0p]);
    f(&[s1w, s1rw, s0p]);
    f(&[s1rw, s0w]);
    f(&[s1p, s1rw, s0p]);
    f(&[s0p, c.l(s0l), c.l(s0l2)]);
    f(&[s0p, c.l(s0r), c.l(s0r2)]);
    // What lies between the candidates: punctuation and verbs.
    let (p01, v01) = h.between(s0, b0);
    let (p10, v10) = h.between(s1, s0);
    f(&[s0p, b0p, p01, v01]);
    f(&[s1p, s0p, p10, v10]);
    f(&[s0w, b0p, p01]);
    f(&[s1p, s0w, p10]);
    // Buffer words together (Zhang & Nivre's N0/N1 pairs).
    f(&[b0w, b1w]);
    f(&[b0w, b0p, b1p]);
    f(&[b0p, b1w, b1p]);
    // Prepositional attachment: the marker child of b0 ("in", "of") with
    // both candidate heads and with b0 itself.
    f(&[s1w, b0lw]);
    f(&[s1w, b0lw, b0w]);
    f(&[s0w, b0lw, b0w]);
    f(&[s1p, s0p, b0lw, b0p]);
    // Root choice: whether any verb is still to come.
    let (rv0, rvb) = (h.verbs_after(s0), h.verbs_after(b0));
    f(&[s0p, b0p, rvb]);
    f(&[s1p, s0p, rv0]);
    f(&[s0w, rv0]);
    f(&[b0p, c.p(b0l), rvb]);
    debug_assert_eq!(out.len(), N_FEATS);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_count_and_case_folding() {
        let mut h = TokHashes::default();
        h.fill(&["The", "war"], &["DT", "NN"]);
        let mut a = Vec::new();
        let st = State::new(2);
        extract(&st, &h, &mut a);
        assert_eq!(a.len(), N_FEATS);
        let mut h2 = TokHashes::default();
        h2.fill(&["the", "war"], &["DT", "NN"]);
        let mut b = Vec::new();
        extract(&st, &h2, &mut b);
        assert_eq!(a, b);
        h2.fill(&["the", "peace"], &["DT", "NN"]);
        extract(&st, &h2, &mut b);
        assert_ne!(a, b);
        // A short tag list never panics: missing tags hash as NONE.
        h2.fill(&["a", "b", "c"], &["DT"]);
        extract(&State::new(3), &h2, &mut b);
        assert_eq!(b.len(), N_FEATS);
    }
}
