//! Part-of-speech tagger: greedy left-to-right averaged perceptron with
//! Honnibal's feature set (word, affixes, shape, ±2 words, two previous
//! predicted tags) plus the lexicon's ambiguity classes; frequent unambiguous
//! words take their tag-dictionary tag directly.

use crate::hash::{f1, f2, f3};
use crate::lexicon::NONE;
use crate::perceptron::Trainer;
use crate::sparse::Sparse;
use crate::tags::POS_TAGS;
use crate::token::{Tok, F_ALL_UPPER, F_ALPHA, F_DIGIT, F_HYPHEN, F_SPACE_AFTER, F_SPACE_BEFORE, F_UPPER_INITIAL};

const START: u64 = 0x5741_5254;
const END: u64 = 0x0045_4e44;
const TAG_START: u8 = 254;

#[derive(Clone, Debug, Default)]
pub struct Tagger {
    pub(crate) model: Sparse,
}

fn lower_at(toks: &[Tok], i: isize) -> u64 {
    if i < 0 {
        // Sentinel hashes for positions outside the sentence; wrapping, as hashes.
        START.wrapping_add(i as u64)
    } else {
        toks.get(i as usize).map(|t| t.lower).unwrap_or(END.wrapping_add(i as u64))
    }
}

fn amb(t: Option<&Tok>) -> u64 {
    t.map(|t| (t.lex.tag1 as u64) << 8 | t.lex.tag2 as u64).unwrap_or(0xffff_ffff)
}

/// Features of token `i` given the two previous predicted tags.
pub(crate) fn features(toks: &[Tok], i: usize, p1: u8, p2: u8, out: &mut Vec<u64>) {
    out.clear();
    let Some(t) = toks.get(i) else { return };
    let ii = i as isize;
    let (p1, p2) = (p1 as u64, p2 as u64);
    let shape_flags = t.flags & (F_UPPER_INITIAL | F_ALL_UPPER | F_DIGIT | F_HYPHEN | F_ALPHA);
    out.extend_from_slice(&[
        f1(0, 0),
        f1(1, t.form),
        f1(2, t.lower),
        f1(3, t.suf[0]),
        f1(4, t.suf[1]),
        f1(5, t.suf[2]),
        f1(6, t.pre[0]),
        f1(7, t.pre[1]),
        f1(8, t.pre[2]),
        f1(9, t.shape),
        f2(10, shape_flags as u64, (i == 0) as u64),
        f1(11, p1),
        f2(12, p2, p1),
        f2(13, p1, t.lower),
        f1(14, lower_at(toks, ii - 1)),
        f1(15, lower_at(toks, ii - 2)),
        f1(16, lower_at(toks, ii + 1)),
        f1(17, lower_at(toks, ii + 2)),
        f1(18, if i > 0 { toks.get(i - 1).map(|t| t.suf[2]).unwrap_or(START) } else { START }),
        f1(19, toks.get(i + 1).map(|t| t.suf[2]).unwrap_or(END)),
        f1(20, t.lex.class as u64),
        f1(21, amb(Some(t))),
        f2(22, amb(Some(t)), amb(toks.get(i + 1))),
        f2(23, p1, amb(Some(t))),
        f2(24, lower_at(toks, ii - 1), t.lower),
        f2(25, t.lower, lower_at(toks, ii + 1)),
        f2(26, p1, t.suf[2]),
        f3(27, p1, t.shape, (t.flags & (F_SPACE_BEFORE | F_SPACE_AFTER)) as u64),
    ]);
    if t.flags & F_ALPHA == 0 {
        out.push(f2(28, t.form, (t.flags & (F_SPACE_BEFORE | F_SPACE_AFTER)) as u64));
    }
}

impl Tagger {
    /// Tags one sentence; `out` receives one [`POS_TAGS`] index per token.
    pub fn tag(&self, toks: &[Tok], feats: &mut Vec<u64>, out: &mut Vec<u8>) {
        out.clear();
        let n = self.model.n_classes().min(POS_TAGS.len());
        let mut scores = [0f32; 64];
        let (mut p1, mut p2) = (TAG_START, TAG_START);
        for (i, t) in toks.iter().enumerate() {
            let prev = i.checked_sub(1).and_then(|j| toks.get(j));
            let next = toks.get(i + 1);
            let compound = prev.and_then(|p| crate::domain::forced_tag(p.lower, t.lower))
                .or_else(|| next.and_then(|n| crate::domain::modifier_tag(t.lower, n.lower)));
            let tag = if let Some(c) = compound.or(t.force) {
                c
            } else if t.lex.fixed != NONE {
                t.lex.fixed
            } else {
                features(toks, i, p1, p2, feats);
                let s = &mut scores[..n];
                s.iter_mut().for_each(|x| *x = 0.0);
                self.model.add_scores(feats, s);
                crate::perceptron::argmax(s, None) as u8
            };
            out.push(tag);
            (p2, p1) = (p1, tag);
        }
    }
}

/// Trains on `(tokens, gold tags)` sentences; `on_epoch(epoch, tagger_in_training)`
/// is told after each epoch (for progress output).
pub fn train(data: &[(Vec<Tok>, Vec<u8>)], epochs: usize, seed: u64, mut on_epoch: impl FnMut(usize, f64)) -> Trainer {
    let mut tr = Trainer::new(POS_TAGS.len());
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut feats = Vec::with_capacity(64);
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &si in &order {
            let (toks, gold) = &data[si];
            let (mut p1, mut p2) = (TAG_START, TAG_START);
            for (i, (t, &g)) in toks.iter().zip(gold).enumerate() {
                let guess = if t.lex.fixed != NONE {
                    t.lex.fixed
                } else {
                    features(toks, i, p1, p2, &mut feats);
                    let guess = tr.predict(&feats, None) as u8;
                    tr.update(&feats, g as usize, guess as usize);
                    tr.tick();
                    guess
                };
                right += (guess == g) as usize;
                total += 1;
                (p2, p1) = (p1, guess);
            }
        }
        on_epoch(epoch, right as f64 / total.max(1) as f64);
    }
    tr
}
