//! The arc-hybrid transition system (Kuhlmann et al. 2011) with its dynamic
//! oracle (Goldberg & Nivre 2013).
//!
//! Positions are 1-based token indices; 0 is the artificial root, which starts
//! on the stack and never leaves it. Actions: SHIFT moves the buffer front b0
//! onto the stack; LEFT(l) pops s0 and makes it a child of b0; RIGHT(l) pops s0
//! and makes it a child of s1. To guarantee a single root, an arc from the root
//! is only allowed as the very last action (stack `[0, x]`, empty buffer), so
//! every completed state holds a well-formed tree with exactly one root child.

use super::labels::{N_LABELS, ROOT};

pub const NONE: u32 = u32::MAX;

/// Class ids: 0 = SHIFT, 1..=L = LEFT(label), L+1..=2L = RIGHT(label).
pub const N_CLASSES: usize = 1 + 2 * N_LABELS;
pub const SHIFT: usize = 0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Shift,
    Left,
    Right,
}

pub fn decode(class: usize) -> (Move, u8) {
    if class == SHIFT {
        (Move::Shift, 0)
    } else if class <= N_LABELS {
        (Move::Left, (class - 1) as u8)
    } else {
        (Move::Right, (class - 1 - N_LABELS) as u8)
    }
}

pub fn encode(m: Move, label: u8) -> usize {
    match m {
        Move::Shift => SHIFT,
        Move::Left => 1 + label as usize,
        Move::Right => 1 + N_LABELS + label as usize,
    }
}

/// A parser configuration plus the per-token child bookkeeping the features need.
/// All per-token vectors have `n + 1` entries (index 0 = root).
#[derive(Clone, Debug)]
pub struct State {
    pub n: u32,
    pub stack: Vec<u32>,
    /// Buffer front; the buffer is `b..=n`, empty when `b > n`.
    pub b: u32,
    pub heads: Vec<u32>,
    pub labels: Vec<u8>,
    /// Leftmost / second-leftmost / rightmost / second-rightmost child so far.
    pub l1: Vec<u32>,
    pub l2: Vec<u32>,
    pub r1: Vec<u32>,
    pub r2: Vec<u32>,
    pub nl: Vec<u8>,
    pub nr: Vec<u8>,
    /// Bitmasks of the labels of left / right children.
    pub lset: Vec<u64>,
    pub rset: Vec<u64>,
}

impl State {
    pub fn new(n: usize) -> Self {
        let m = n + 1;
        let mut stack = Vec::with_capacity(m);
        stack.push(0);
        State {
            n: n as u32,
            stack,
            b: 1,
            heads: vec![NONE; m],
            labels: vec![0; m],
            l1: vec![NONE; m],
            l2: vec![NONE; m],
            r1: vec![NONE; m],
            r2: vec![NONE; m],
            nl: vec![0; m],
            nr: vec![0; m],
            lset: vec![0; m],
            rset: vec![0; m],
        }
    }

    pub fn buffer_empty(&self) -> bool {
        self.b > self.n
    }

    pub fn is_terminal(&self) -> bool {
        self.buffer_empty() && self.stack.len() == 1
    }

    /// Stack item `i` from the top (0 = s0), or NONE.
    pub fn s(&self, i: usize) -> u32 {
        let k = self.stack.len();
        if i < k { self.stack[k - 1 - i] } else { NONE }
    }

    /// Buffer item `i` (0 = b0), or NONE.
    pub fn buf(&self, i: u32) -> u32 {
        let p = self.b.saturating_add(i);
        if p <= self.n { p } else { NONE }
    }

    pub fn can(&self, m: Move) -> bool {
        let k = self.stack.len();
        match m {
            Move::Shift => !self.buffer_empty(),
            Move::Left => k >= 2 && !self.buffer_empty(),
            Move::Right => k >= 2 && (self.s(1) != 0 || (k == 2 && self.buffer_empty())),
        }
    }

    /// Which classes are legal now: root arcs only with `root`, other arcs never with it.
    pub fn legal(&self, out: &mut [bool; N_CLASSES]) {
        out.fill(false);
        out[SHIFT] = self.can(Move::Shift);
        let left = self.can(Move::Left);
        let right = self.can(Move::Right);
        let root_arc = self.s(1) == 0;
        for l in 0..N_LABELS {
            let is_root = l as u8 == ROOT;
            out[encode(Move::Left, l as u8)] = left && !is_root;
            out[encode(Move::Right, l as u8)] = right && (is_root == root_arc);
        }
    }

    /// Applies a class; returns false (and does nothing) if it is illegal.
    pub fn apply(&mut self, class: usize) -> bool {
        let (m, label) = decode(class);
        if !self.can(m) {
            return false;
        }
        match m {
            Move::Shift => {
                self.stack.push(self.b);
                self.b += 1;
            }
            Move::Left => {
                let d = self.stack.pop().unwrap_or(0);
                self.add_arc(self.b, d, label);
            }
            Move::Right => {
                let d = self.stack.pop().unwrap_or(0);
                let h = self.s(0);
                self.add_arc(h, d, label);
            }
        }
        true
    }

    fn add_arc(&mut self, h: u32, d: u32, label: u8) {
        let (hu, du) = (h as usize, d as usize);
        self.heads[du] = h;
        self.labels[du] = label;
        let bit = 1u64 << (label as u32 % 64);
        if d < h {
            self.nl[hu] = self.nl[hu].saturating_add(1);
            self.lset[hu] |= bit;
            if self.l1[hu] == NONE || d < self.l1[hu] {
                self.l2[hu] = self.l1[hu];
                self.l1[hu] = d;
            } else if self.l2[hu] == NONE || d < self.l2[hu] {
                self.l2[hu] = d;
            }
        } else {
            self.nr[hu] = self.nr[hu].saturating_add(1);
            self.rset[hu] |= bit;
            if self.r1[hu] == NONE || d > self.r1[hu] {
                self.r2[hu] = self.r1[hu];
                self.r1[hu] = d;
            } else if self.r2[hu] == NONE || d > self.r2[hu] {
                self.r2[hu] = d;
            }
        }
    }

    /// Labelled cost of class `k` given the unlabelled costs `c` (from
    /// [`State::costs`]): an arc that attaches s0 to its gold head with
    /// another label than `glab[s0]` costs one more.
    pub fn class_cost(&self, c: [u32; 3], gold: &[u32], glab: &[u8], k: usize) -> u32 {
        let s0 = self.s(0) as usize;
        let g0 = gold.get(s0).copied().unwrap_or(NONE);
        let l0 = glab.get(s0).copied().unwrap_or(0);
        let (m, l) = decode(k);
        match m {
            Move::Shift => c[0],
            Move::Left => c[1] + u32::from(g0 == self.b && l != l0),
            Move::Right => c[2] + u32::from(g0 == self.s(1) && l != l0),
        }
    }

    /// Unlabeled dynamic-oracle costs of SHIFT, LEFT and RIGHT against a
    /// projective gold tree `gold` (index = position, `gold[0]` unused): the
    /// number of gold arcs each move makes unreachable.
    pub fn costs(&self, gold: &[u32]) -> [u32; 3] {
        let g = |p: u32| gold.get(p as usize).copied().unwrap_or(NONE);
        let in_buf = |p: u32| p != NONE && p >= self.b && p <= self.n;
        // Gold children of `p` still in the buffer.
        let buf_children = |p: u32| (self.b..=self.n).filter(|&d| g(d) == p).count() as u32;
        let (s0, s1, b0) = (self.s(0), self.s(1), self.buf(0));
        let mut c = [0u32; 3];
        if b0 != NONE {
            // SHIFT: b0 loses its stack children and any head below s0.
            let below = self.stack.len().saturating_sub(1);
            let mut lost = 0;
            for (i, &x) in self.stack.iter().enumerate() {
                if g(x) == b0 {
                    lost += 1;
                }
                if i < below && g(b0) == x {
                    lost += 1;
                }
            }
            c[0] = lost;
        }
        if s0 != NONE && s0 != 0 {
            let kids = buf_children(s0);
            let h = g(s0);
            c[1] = kids + u32::from(h != b0 && (h == s1 || in_buf(h)));
            c[2] = kids + u32::from(h != s1 && in_buf(h));
        }
        c
    }
}

/// Whether a tree (heads 1-based, 0 = root) is projective: no two arcs cross.
pub fn is_projective(heads: &[u32]) -> bool {
    let arcs: Vec<(u32, u32)> = heads
        .iter()
        .enumerate()
        .map(|(i, &h)| {
            let d = i as u32 + 1;
            (h.min(d), h.max(d))
        })
        .collect();
    for &(a, b) in &arcs {
        for &(c, d) in &arcs {
            if a < c && c < b && b < d {
                return false;
            }
        }
    }
    true
}

/// Whether `heads` (1-based, 0 = root) is a tree: exactly one root child,
/// every head in range, and no cycles.
pub fn is_tree(heads: &[u32]) -> bool {
    let n = heads.len() as u32;
    if heads.iter().filter(|&&h| h == 0).count() != 1 || heads.iter().any(|&h| h > n) {
        return false;
    }
    for start in 1..=n {
        let mut p = start;
        for _ in 0..=n {
            if p == 0 {
                break;
            }
            p = heads[(p - 1) as usize];
        }
        if p != 0 {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn best_gold(st: &State, gold: &[u32], glab: &[u8]) -> usize {
        let c = st.costs(gold);
        let mut legal = [false; N_CLASSES];
        st.legal(&mut legal);
        let mut best = (u32::MAX, 0);
        for (k, ok) in legal.iter().enumerate() {
            if !ok {
                continue;
            }
            let (m, l) = decode(k);
            let s0 = st.s(0) as usize;
            let cost = match m {
                Move::Shift => c[0],
                Move::Left => c[1] + u32::from(gold[s0] == st.b && glab[s0] != l),
                Move::Right => c[2] + u32::from(gold[s0] == st.s(1) && glab[s0] != l),
            };
            if cost < best.0 {
                best = (cost, k);
            }
        }
        best.1
    }

    /// Random projective tree with a single root child, as 1-based heads.
    fn projective_tree(n: usize, seed: &[u32]) -> Vec<u32> {
        // Recursively split spans: pick a head in the span, attach sub-spans to it.
        fn build(lo: u32, hi: u32, parent: u32, seed: &[u32], k: &mut usize, heads: &mut [u32]) {
            if lo > hi {
                return;
            }
            let r = seed.get(*k % seed.len().max(1)).copied().unwrap_or(0);
            *k += 1;
            let h = lo + r % (hi - lo + 1);
            heads[(h - 1) as usize] = parent;
            build(lo, h - 1, h, seed, k, heads);
            build(h + 1, hi, h, seed, k, heads);
        }
        let mut heads = vec![0; n];
        let mut k = 0;
        build(1, n as u32, 0, seed, &mut k, &mut heads);
        heads
    }

    proptest! {
        /// Any sequence of legal actions ends in a well-formed tree.
        #[test]
        fn any_legal_sequence_yields_a_tree(n in 1usize..30, choices in prop::collection::vec(0usize..N_CLASSES, 200)) {
            let mut st = State::new(n);
            let mut legal = [false; N_CLASSES];
            let mut i = 0;
            while !st.is_terminal() {
                st.legal(&mut legal);
                let options: Vec<usize> = (0..N_CLASSES).filter(|&k| legal[k]).collect();
                prop_assert!(!options.is_empty(), "no legal action in a non-terminal state");
                let pick = options[choices[i % choices.len()] % options.len()];
                prop_assert!(st.apply(pick));
                i += 1;
                prop_assert!(i <= 2 * n, "more than 2n transitions");
            }
            let heads: Vec<u32> = st.heads[1..].to_vec();
            prop_assert!(is_tree(&heads), "not a tree: {:?}", heads);
            prop_assert!(is_projective(&heads));
            let root_child = heads.iter().position(|&h| h == 0).unwrap() + 1;
            prop_assert_eq!(st.labels[root_child], ROOT);
            prop_assert!(st.labels[1..].iter().enumerate().all(|(i, &l)| (l == ROOT) == (i + 1 == root_child)));
        }

        /// Following the dynamic oracle from the start reproduces a projective gold tree exactly.
        #[test]
        fn oracle_reproduces_projective_trees(n in 1usize..40, seed in prop::collection::vec(0u32..1000, 1..60)) {
            let heads = projective_tree(n, &seed);
            prop_assert!(is_tree(&heads) && is_projective(&heads));
            let mut gold = vec![NONE];
            gold.extend(&heads);
            let mut glab = vec![0u8];
            glab.extend(heads.iter().enumerate().map(|(i, &h)| if h == 0 { ROOT } else { (1 + i % 30) as u8 }));
            let mut st = State::new(n);
            while !st.is_terminal() {
                let k = best_gold(&st, &gold, &glab);
                prop_assert!(st.apply(k));
            }
            prop_assert_eq!(&st.heads[1..], &gold[1..]);
            prop_assert_eq!(&st.labels[1..], &glab[1..]);
        }
    }

    #[test]
    fn projectivity_and_tree_checks() {
        assert!(is_projective(&[2, 0, 2]));
        assert!(!is_projective(&[3, 4, 0, 3])); // 1<-3 crosses 2<-4
        assert!(is_tree(&[2, 0, 2]));
        assert!(!is_tree(&[0, 0]));
        assert!(!is_tree(&[2, 1, 0]));
        assert!(!is_tree(&[5, 0]));
    }

    #[test]
    fn illegal_moves_are_refused() {
        let mut st = State::new(1);
        assert!(!st.apply(encode(Move::Left, 3)));
        assert!(!st.apply(encode(Move::Right, ROOT)));
        assert!(st.apply(SHIFT));
        assert!(!st.apply(SHIFT));
        assert!(st.apply(encode(Move::Right, ROOT)));
        assert!(st.is_terminal());
    }
}
