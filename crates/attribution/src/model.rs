//! The learned parts: a cue tagger (O/B/I per token) and two span rankers
//! (source, content) choosing among `candidates`, all averaged perceptrons
//! from `corroborate_lang::perceptron`. Training reads gold relations; the
//! compact binary form is what ships.

use crate::analysis::Analysis;
use crate::brat::BratRelation;
use crate::candidates::{self, Cand};
use crate::eval::{normalise, CharSet};
use crate::features::{cue_base_features, cue_features, push_cue_prev_features, span_features, B, I, O};
use crate::AttributionError;
use corroborate_lang::perceptron::{Feat, Frozen, Trainer};

/// Averaged weights below this are dropped (keeps the embedded model small).
const PRUNE: f32 = 1.0;

/// File magic. Version 2: the cue tagger is a structured perceptron decoded
/// with Viterbi (version 1 was greedy; its weights do not suit Viterbi).
const MAGIC: &[u8] = b"CATTR2\n";

/// No bias: shifting it on dev traded precision for recall without gaining F1 (SCORES.md).
pub const DEFAULT_CUE_BIAS: f32 = 0.0;

pub struct Model {
    pub cue: Frozen,
    pub source: Frozen,
    pub content: Frozen,
    /// Added to the cue classes' scores before tagging (recall/precision trade-off).
    pub cue_bias: f32,
}

/// A cue found by the tagger: sorted token indices.
pub type CueTokens = Vec<usize>;

/// Rank score from a two-class perceptron used as a linear scorer.
fn rank(scores: &[f32]) -> f32 {
    scores.get(1).copied().unwrap_or(0.0) - scores.first().copied().unwrap_or(0.0)
}

trait Scorer {
    fn score(&self, feats: &[Feat], out: &mut [f32]);
}
impl Scorer for Frozen {
    fn score(&self, feats: &[Feat], out: &mut [f32]) {
        self.scores(feats, out)
    }
}
impl Scorer for Trainer {
    fn score(&self, feats: &[Feat], out: &mut [f32]) {
        self.scores(feats, out)
    }
}

/// Best O/B/I sequence for tokens `s0..s1` (Viterbi over the previous tag;
/// I never follows O). `bias` is added to the cue classes' scores.
fn viterbi(a: &Analysis, s0: usize, s1: usize, m: &dyn Scorer, bias: f32, out: &mut Vec<usize>) {
    out.clear();
    let n = s1.saturating_sub(s0);
    if n == 0 {
        return;
    }
    let mut delta = vec![[f32::NEG_INFINITY; 3]; n];
    let mut back = vec![[O; 3]; n];
    let (mut base, mut pf) = (Vec::new(), Vec::new());
    let (mut sb, mut sp) = ([0f32; 3], [0f32; 3]);
    for k in 0..n {
        let i = s0 + k;
        cue_base_features(a, i, &mut base);
        m.score(&base, &mut sb);
        let prevs: &[usize] = if k == 0 { &[O] } else { &[O, B, I] };
        for &prev in prevs {
            let from = if k == 0 { 0.0 } else { delta[k - 1][prev] };
            if from == f32::NEG_INFINITY {
                continue;
            }
            pf.clear();
            push_cue_prev_features(a, i, prev, &mut pf);
            m.score(&pf, &mut sp);
            for tag in [O, B, I] {
                if tag == I && prev == O {
                    continue;
                }
                let s = from + sb[tag] + sp[tag] + if tag == O { 0.0 } else { bias };
                if s > delta[k][tag] {
                    delta[k][tag] = s;
                    back[k][tag] = prev;
                }
            }
        }
    }
    let last = delta[n - 1];
    let mut tag = corroborate_lang::perceptron::argmax(&last, None);
    out.resize(n, O);
    for k in (0..n).rev() {
        out[k] = tag;
        tag = back[k][tag];
    }
}

/// Cue tagging, sentence by sentence (Viterbi over O/B/I).
fn tag_cues(a: &Analysis, m: &dyn Scorer, bias: f32) -> Vec<usize> {
    let mut tags = vec![O; a.len()];
    let mut seq = Vec::new();
    for &(s0, s1) in &a.sents {
        viterbi(a, s0, s1, m, bias, &mut seq);
        for (k, &t) in seq.iter().enumerate() {
            if let Some(x) = tags.get_mut(s0 + k) {
                *x = t;
            }
        }
    }
    tags
}

fn cues_from_tags(tags: &[usize]) -> Vec<CueTokens> {
    let mut out: Vec<CueTokens> = Vec::new();
    for (i, &t) in tags.iter().enumerate() {
        match t {
            B => out.push(vec![i]),
            I => match out.last_mut() {
                Some(c) if c.last().is_some_and(|&l| l + 1 == i) => c.push(i),
                _ => out.push(vec![i]),
            },
            _ => {}
        }
    }
    out
}

/// Best candidate index (None = no candidate / "none" wins when allowed).
fn choose(a: &Analysis, cue: &[usize], cands: &[Cand], allow_none: bool, m: &dyn Scorer) -> Option<usize> {
    let head = candidates::cue_head(a, cue);
    let mut f = Vec::new();
    let mut s = [0f32; 2];
    let mut best: Option<(Option<usize>, f32)> = None;
    if allow_none {
        span_features(a, cue, head, None, &mut f);
        m.score(&f, &mut s);
        best = Some((None, rank(&s)));
    }
    for (k, c) in cands.iter().enumerate() {
        span_features(a, cue, head, Some(c), &mut f);
        m.score(&f, &mut s);
        let r = rank(&s);
        if best.is_none_or(|(_, b)| r > b) {
            best = Some((Some(k), r));
        }
    }
    best.and_then(|b| b.0)
}

/// One extracted relation in token ranges.
pub struct TokRelation {
    pub cue: CueTokens,
    pub source: Option<Vec<(usize, usize)>>,
    pub content: Vec<(usize, usize)>,
}

impl Model {
    /// Finds cues, then the best source and content for each.
    pub fn predict(&self, a: &Analysis) -> Vec<TokRelation> {
        let tags = tag_cues(a, &self.cue, self.cue_bias);
        let mut out = Vec::new();
        for cue in cues_from_tags(&tags) {
            let cc = candidates::content(a, &cue);
            let Some(ci) = choose(a, &cue, &cc, false, &self.content) else { continue };
            let Some(content) = cc.get(ci).map(|c| c.ranges.clone()) else { continue };
            let sc = candidates::source(a, &cue);
            // a source may not overlap the chosen content
            let sc: Vec<Cand> = sc
                .into_iter()
                .filter(|s| !s.ranges.iter().any(|r| content.iter().any(|c| r.0 < c.1 && c.0 < r.1)))
                .collect();
            let source = choose(a, &cue, &sc, true, &self.source).and_then(|k| sc.get(k)).map(|c| c.ranges.clone());
            out.push(TokRelation { cue, source, content });
        }
        out
    }

    /// Which of `candidates::content(a, cue)` the content ranker picks (error analysis).
    pub fn rank_content(&self, a: &Analysis, cue: &[usize], cands: &[Cand]) -> Option<usize> {
        choose(a, cue, cands, false, &self.content)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        for m in [&self.cue, &self.source, &self.content] {
            let (keys, w) = m.parts();
            out.extend((m.n_classes() as u32).to_le_bytes());
            out.extend((keys.len() as u32).to_le_bytes());
            for k in keys {
                out.extend(k.to_le_bytes());
            }
            for x in w {
                out.extend(x.to_le_bytes());
            }
        }
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Model, AttributionError> {
        let err = |m: &str| AttributionError::Model { name: "attribution".into(), message: m.to_string() };
        if bytes.starts_with(b"CATTR1\n") {
            return Err(err("a model of the old greedy cue tagger (CATTR1): retrain it with `attribution_eval --train`"));
        }
        let mut rest = bytes.strip_prefix(MAGIC).ok_or_else(|| err("bad magic"))?;
        let mut take = |n: usize| -> Result<&[u8], AttributionError> {
            if rest.len() < n {
                return Err(err("truncated"));
            }
            let (a, b) = rest.split_at(n);
            rest = b;
            Ok(a)
        };
        let mut parts = Vec::new();
        for _ in 0..3 {
            let u32_at = |b: &[u8]| b.try_into().map(u32::from_le_bytes).map_err(|_| err("truncated"));
            let nc = u32_at(take(4)?)? as usize;
            let nk = u32_at(take(4)?)? as usize;
            if nc == 0 || nc > 64 {
                return Err(err("implausible class count"));
            }
            let kb = take(nk.checked_mul(8).ok_or_else(|| err("size overflow"))?)?;
            let keys: Vec<u64> = kb.chunks_exact(8).filter_map(|c| c.try_into().ok().map(u64::from_le_bytes)).collect();
            let wb = take(nk.checked_mul(nc * 4).ok_or_else(|| err("size overflow"))?)?;
            let w: Vec<f32> = wb.chunks_exact(4).filter_map(|c| c.try_into().ok().map(f32::from_le_bytes)).collect();
            parts.push(Frozen::from_parts(nc, keys, w));
        }
        let content = parts.pop().ok_or_else(|| err("missing part"))?;
        let source = parts.pop().ok_or_else(|| err("missing part"))?;
        let cue = parts.pop().ok_or_else(|| err("missing part"))?;
        Ok(Model { cue, source, content, cue_bias: DEFAULT_CUE_BIAS })
    }
}

/// One training document: its analysis, text characters and gold relations.
pub struct Example<'a> {
    pub analysis: Analysis<'a>,
    pub chars: Vec<char>,
    pub gold: Vec<BratRelation>,
}

/// Gold cue tags per token: B on the first token of each cue fragment.
fn gold_tags(ex: &Example) -> Vec<usize> {
    let a = &ex.analysis;
    let mut tags = vec![O; a.len()];
    for r in &ex.gold {
        for &(s, e) in &r.cue {
            let toks = a.tokens_in(&[(s, e)]);
            for (k, &t) in toks.iter().enumerate() {
                if let Some(x) = tags.get_mut(t) {
                    if *x == O {
                        *x = if k == 0 { B } else { I };
                    }
                }
            }
        }
    }
    tags
}

fn find(ex: &Example, cands: &[Cand], gold: &CharSet) -> Option<usize> {
    cands.iter().position(|c| normalise(&ex.chars, &ex.analysis.char_frags(&c.ranges)) == *gold)
}

/// Trains all three parts for `epochs` passes (documents in a fixed shuffled order).
pub fn train(examples: &[Example], epochs: usize, log: impl FnMut(&str)) -> Model {
    train_seeded(examples, epochs, 0x2545F4914F6CDD1D, log)
}

/// Parameter mixing: the mean of perceptrons trained with different example
/// orders. One retrain moves dev scores by up to a point (SCORES.md); the
/// mean is steadier than any one of them.
pub fn train_mixed(examples: &[Example], epochs: usize, runs: usize, mut log: impl FnMut(&str)) -> Model {
    let seeds = [0x2545F4914F6CDD1Du64, 0x9E3779B97F4A7C15, 0xD1B54A32D192ED03, 0x94D049BB133111EB, 0xBF58476D1CE4E5B9];
    let models: Vec<Model> = seeds.iter().take(runs.clamp(1, seeds.len())).map(|&s| train_seeded(examples, epochs, s, &mut log)).collect();
    let mean = |pick: fn(&Model) -> &Frozen| {
        let n_classes = models.first().map(|m| pick(m).n_classes()).unwrap_or(2);
        let mut sum: std::collections::HashMap<Feat, Vec<f32>> = std::collections::HashMap::new();
        for m in &models {
            let (keys, weights) = pick(m).parts();
            for (k, row) in keys.iter().zip(weights.chunks(n_classes)) {
                let acc = sum.entry(*k).or_insert_with(|| vec![0.0; n_classes]);
                acc.iter_mut().zip(row).for_each(|(a, w)| *a += w / models.len() as f32);
            }
        }
        // the same pruning as one model: drop rows whose mean stays small
        let mut keys = Vec::new();
        let mut weights = Vec::new();
        let mut rows: Vec<_> = sum.into_iter().collect();
        rows.sort_unstable_by_key(|(k, _)| *k);
        for (k, row) in rows {
            if row.iter().any(|w| w.abs() >= PRUNE) {
                keys.push(k);
                weights.extend(row);
            }
        }
        Frozen::from_parts(n_classes, keys, weights)
    };
    Model { cue: mean(|m| &m.cue), source: mean(|m| &m.source), content: mean(|m| &m.content), cue_bias: DEFAULT_CUE_BIAS }
}

fn train_seeded(examples: &[Example], epochs: usize, seed: u64, mut log: impl FnMut(&str)) -> Model {
    let mut cue = Trainer::new(3);
    let mut src = Trainer::new(2);
    let mut con = Trainer::new(2);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut seed = seed;
    let mut f = Vec::new();
    let mut fg = Vec::new();
    let mut seq = Vec::new();
    for epoch in 0..epochs {
        // Fisher–Yates with xorshift: deterministic, no rand dependency
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        let (mut cue_err, mut cue_n, mut con_err, mut con_n, mut src_err, mut src_n) = (0, 0, 0, 0, 0, 0);
        for &d in &order {
            let Some(ex) = examples.get(d) else { continue };
            let a = &ex.analysis;
            let gold = gold_tags(ex);
            for &(s0, s1) in &a.sents {
                // Collins' structured perceptron: decode the sentence, then move
                // the gold path's features up and the predicted path's down
                // wherever the two differ in a tag or in the tag before it.
                // (A greedy tagger trained with teacher forcing scored cue
                // exact F1 0.708 on dev against 0.720 for this; SCORES.md #19.)
                viterbi(a, s0, s1, &cue, 0.0, &mut seq);
                for (k, &p) in seq.iter().enumerate() {
                    let i = s0 + k;
                    let g = gold.get(i).copied().unwrap_or(O);
                    let gp = if k == 0 { O } else { gold.get(i - 1).copied().unwrap_or(O) };
                    let pp = if k == 0 { O } else { seq.get(k - 1).copied().unwrap_or(O) };
                    cue_n += 1;
                    if g != p {
                        cue_err += 1;
                    }
                    if g != p || gp != pp {
                        cue_features(a, i, gp, &mut f);
                        cue.adjust(&f, g, 1.0);
                        cue_features(a, i, pp, &mut f);
                        cue.adjust(&f, p, -1.0);
                    }
                    cue.tick();
                }
            }
            for r in &ex.gold {
                let cue_toks = a.tokens_in(&r.cue);
                if cue_toks.is_empty() {
                    continue;
                }
                let head = candidates::cue_head(a, &cue_toks);
                let cc = candidates::content(a, &cue_toks);
                let gc = normalise(&ex.chars, &r.content);
                if let Some(gi) = find(ex, &cc, &gc) {
                    con_n += 1;
                    let pi = choose(a, &cue_toks, &cc, false, &con);
                    if pi != Some(gi) {
                        con_err += 1;
                        span_features(a, &cue_toks, head, cc.get(gi), &mut fg);
                        con.update(&fg, 1, 0);
                        if let Some(pi) = pi {
                            span_features(a, &cue_toks, head, cc.get(pi), &mut f);
                            con.update(&f, 0, 1);
                        }
                    }
                    con.tick();
                }
                let sc = candidates::source(a, &cue_toks);
                let gi = match &r.source {
                    None => Some(None),
                    Some(s) => find(ex, &sc, &normalise(&ex.chars, s)).map(Some),
                };
                if let Some(gi) = gi {
                    src_n += 1;
                    let pi = choose(a, &cue_toks, &sc, true, &src);
                    if pi != gi {
                        src_err += 1;
                        span_features(a, &cue_toks, head, gi.and_then(|k| sc.get(k)), &mut fg);
                        src.update(&fg, 1, 0);
                        span_features(a, &cue_toks, head, pi.and_then(|k| sc.get(k)), &mut f);
                        src.update(&f, 0, 1);
                    }
                    src.tick();
                }
            }
        }
        log(&format!(
            "epoch {}: cue token error {:.4}, content rank error {:.3} ({con_n}), source rank error {:.3} ({src_n})",
            epoch + 1,
            cue_err as f64 / cue_n.max(1) as f64,
            con_err as f64 / con_n.max(1) as f64,
            src_err as f64 / src_n.max(1) as f64
        ));
    }
    Model { cue: cue.freeze(PRUNE), source: src.freeze(PRUNE), content: con.freeze(PRUNE), cue_bias: DEFAULT_CUE_BIAS }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Tagset;

    fn analysed(text: &str) -> corroborate_model::Document {
        let mut d = corroborate_model::Document::new("t", text, Default::default());
        corroborate_lang::Pipeline::shared().expect("language models load").analyse(&mut d);
        d
    }

    #[test]
    fn viterbi_finds_cues_and_never_continues_from_outside() {
        let doc = analysed(
            "The minister said on Tuesday that talks would resume. “We are ready,” he told reporters. \
             According to the ministry, 40 people left the city, and aid agencies warned of shortages.",
        );
        let a = Analysis::new(&doc, &Tagset::lang());
        let m = Model::embedded().expect("embedded model");
        let tags = tag_cues(&a, &m.cue, 0.0);
        assert_eq!(tags.len(), a.len());
        for &(s0, s1) in &a.sents {
            // a sentence's first tag is never I, and I never follows O
            assert_ne!(tags.get(s0), Some(&I));
            assert!((s0 + 1..s1).all(|i| !(tags[i] == I && tags[i - 1] == O)), "{tags:?}");
        }
        let cues: Vec<String> = cues_from_tags(&tags)
            .iter()
            .map(|c| c.iter().filter_map(|&i| a.toks.get(i)).map(|t| t.lower.as_str()).collect::<Vec<_>>().join(" "))
            .collect();
        for want in ["said", "told", "according to"] {
            assert!(cues.iter().any(|c| c.contains(want)), "{want:?} not in {cues:?}");
        }
        // a bias large enough makes every token a cue token; a very negative one none
        assert!(tag_cues(&a, &m.cue, 1e6).iter().all(|&t| t != O));
        assert!(tag_cues(&a, &m.cue, -1e6).iter().all(|&t| t == O));
    }

    #[test]
    fn an_old_greedy_model_is_refused_with_a_reason() {
        let err = Model::from_bytes(b"CATTR1\n\0\0\0\0").err().expect("refused").to_string();
        assert!(err.contains("CATTR1"), "{err}");
    }
}
