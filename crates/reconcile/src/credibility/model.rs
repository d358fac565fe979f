//! The credibility model: standardised signals, an outlet prior and hashed
//! words in one logistic regression; trained, saved as JSON, and explained.

use super::context::CorpusContext;
use super::facts::ArticleFacts;
use super::features::{self, Example, Group};
use super::logistic::{self, Row};
use super::metrics;
use super::{Credibility, Signal};
use corroborate_export::DocRecord;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

/// The model trained on all of FA-KES dev (see CREDIBILITY.md for the command).
const SHIPPED: &str = include_str!("../../models/credibility.json");

#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("{what}: not a credibility model: {source}")]
    Parse { what: String, source: serde_json::Error },
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{what}: {problem}")]
    Invalid { what: String, problem: String },
}

/// How to train. Defaults are the shipped model's settings.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainOptions {
    pub groups: Vec<Group>,
    /// Lexical features hash into 2^bits buckets.
    pub hash_bits: u32,
    pub l2_dense: f64,
    pub l2_lexical: f64,
    pub iterations: usize,
    pub rate: f64,
    /// Pseudo-articles at the base rate added to each outlet's counts.
    pub outlet_smoothing: f64,
    /// Folds of an inner cross-validation whose held-out scores choose the
    /// threshold (0 or 1: choose it on the training scores, which overfit).
    pub threshold_folds: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            // The explainable per-article and corpus signals; outlet, date and
            // words are priors of FA-KES that did not help under CV (CREDIBILITY.md).
            groups: vec![Group::Sourcing, Group::Hedging, Group::Framing, Group::Consistency, Group::Text],
            hash_bits: 12,
            l2_dense: 0.5,
            l2_lexical: 0.05,
            iterations: 300,
            rate: 0.05,
            outlet_smoothing: 5.0,
            threshold_folds: 3,
        }
    }
}

/// An outlet's training articles: how many were true, of how many.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OutletCount {
    pub true_articles: u32,
    pub articles: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Model {
    /// What it was trained on and how (free text, for people).
    pub trained_on: String,
    pub groups: Vec<Group>,
    /// Dense signals used, in weight order; the last is `outlet_prior` when the outlet group is on.
    pub features: Vec<String>,
    pub mean: Vec<f64>,
    pub scale: Vec<f64>,
    pub weights: Vec<f64>,
    pub bias: f64,
    pub outlets: BTreeMap<String, OutletCount>,
    pub base_rate: f64,
    pub outlet_smoothing: f64,
    pub hash_bits: u32,
    /// One weight per hash bucket (empty without the lexical group).
    pub lexical: Vec<f64>,
    /// Score at or above which an article is called likely true (best F1 on the training set).
    pub threshold: f64,
}

const OUTLET_PRIOR: &str = "outlet_prior";

/// FNV-1a: a stable hash (std's `DefaultHasher` may change between Rust
/// releases, which would silently scramble a saved model's buckets).
fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
}

impl Model {
    /// The shipped model, parsed once. Should it fail to parse (a build
    /// with a broken model file; tests guard against it) every article scores
    /// the neutral 0.5 and the reason says so.
    pub fn shipped() -> &'static Model {
        static M: OnceLock<Model> = OnceLock::new();
        M.get_or_init(|| Model::from_json(SHIPPED, "models/credibility.json").unwrap_or_else(|_| Model::neutral()))
    }

    /// A model with no signals: every article scores 0.5.
    pub fn neutral() -> Model {
        Model {
            trained_on: "nothing (neutral model)".into(),
            groups: Vec::new(),
            features: Vec::new(),
            mean: Vec::new(),
            scale: Vec::new(),
            weights: Vec::new(),
            bias: 0.0,
            outlets: BTreeMap::new(),
            base_rate: 0.5,
            outlet_smoothing: 5.0,
            hash_bits: 0,
            lexical: Vec::new(),
            threshold: 0.5,
        }
    }

    pub fn from_json(json: &str, what: &str) -> Result<Model, ModelError> {
        let m: Model = serde_json::from_str(json).map_err(|source| ModelError::Parse { what: what.into(), source })?;
        let n = m.features.len();
        if m.mean.len() != n || m.scale.len() != n || m.weights.len() != n {
            return Err(ModelError::Invalid { what: what.into(), problem: format!("{n} features but {} means, {} scales, {} weights", m.mean.len(), m.scale.len(), m.weights.len()) });
        }
        if !m.lexical.is_empty() && m.lexical.len() != 1usize.checked_shl(m.hash_bits).unwrap_or(0) {
            return Err(ModelError::Invalid { what: what.into(), problem: format!("{} lexical weights for {} hash bits", m.lexical.len(), m.hash_bits) });
        }
        Ok(m)
    }

    pub fn load(path: &Path) -> Result<Model, ModelError> {
        let s = std::fs::read_to_string(path).map_err(|source| ModelError::Io { path: path.display().to_string(), source })?;
        Model::from_json(&s, &path.display().to_string())
    }

    pub fn save(&self, path: &Path) -> Result<(), ModelError> {
        // Rounded weights keep the shipped file small and its diffs readable.
        let mut m = self.clone();
        let round = |v: &mut Vec<f64>| v.iter_mut().for_each(|x| *x = (*x * 1e5).round() / 1e5);
        round(&mut m.mean);
        round(&mut m.scale);
        round(&mut m.weights);
        round(&mut m.lexical);
        let json = serde_json::to_string(&m).map_err(|source| ModelError::Parse { what: path.display().to_string(), source })?;
        std::fs::write(path, json + "\n").map_err(|source| ModelError::Io { path: path.display().to_string(), source })
    }

    /// Smoothed log-odds of an outlet's articles being true, relative to the base rate.
    fn outlet_prior(&self, outlet: Option<&str>) -> f64 {
        let base = self.base_rate.clamp(1e-3, 1.0 - 1e-3);
        let c = outlet.and_then(|o| self.outlets.get(o)).cloned().unwrap_or_default();
        let a = self.outlet_smoothing;
        let p = (c.true_articles as f64 + a * base) / (c.articles as f64 + a);
        let p = p.clamp(1e-3, 1.0 - 1e-3);
        (p / (1.0 - p)).ln() - (base / (1.0 - base)).ln()
    }

    /// Raw dense values in `self.features` order.
    fn dense_values(&self, ex: &Example) -> Vec<f64> {
        self.features
            .iter()
            .map(|name| {
                if name == OUTLET_PRIOR {
                    self.outlet_prior(ex.outlet.as_deref())
                } else {
                    ex.dense.iter().find(|f| f.name == name).map_or(0.0, |f| f.value)
                }
            })
            .collect()
    }

    fn lexical_row(&self, ex: &Example) -> Vec<(usize, f64, usize)> {
        if self.lexical.is_empty() || ex.terms.is_empty() {
            return Vec::new();
        }
        let mask = (1u64 << self.hash_bits.min(30)) - 1;
        let v = 1.0 / (ex.terms.len() as f64).sqrt();
        ex.terms.iter().enumerate().map(|(k, t)| ((fnv1a(t) & mask) as usize, v, k)).collect()
    }

    fn row(&self, ex: &Example) -> Row {
        let d = self.features.len();
        let mut row: Row = self
            .dense_values(ex)
            .into_iter()
            .enumerate()
            .map(|(i, x)| (i, standardise(x, self.mean.get(i), self.scale.get(i))))
            .collect();
        row.extend(self.lexical_row(ex).into_iter().map(|(b, v, _)| (d + b, v)));
        row
    }

    fn fitted(&self) -> logistic::Fitted {
        let mut weights = self.weights.clone();
        weights.extend(&self.lexical);
        logistic::Fitted { weights, bias: self.bias }
    }

    /// Probability that the article is accurate.
    pub fn predict(&self, ex: &Example) -> f64 {
        logistic::sigmoid(self.fitted().logit(&self.row(ex)))
    }

    /// Trains on `examples` with `labels` (true = accurate).
    pub fn train(examples: &[Example], labels: &[bool], opts: &TrainOptions, trained_on: &str) -> Model {
        let mut features: Vec<String> = examples
            .first()
            .map(|e| e.dense.iter().filter(|f| opts.groups.contains(&f.group)).map(|f| f.name.to_string()).collect())
            .unwrap_or_default();
        let mut outlets: BTreeMap<String, OutletCount> = BTreeMap::new();
        if opts.groups.contains(&Group::Outlet) {
            features.push(OUTLET_PRIOR.into());
            for (e, &l) in examples.iter().zip(labels) {
                let c = outlets.entry(e.outlet.clone().unwrap_or_default()).or_default();
                c.articles += 1;
                c.true_articles += u32::from(l);
            }
        }
        let n = examples.len().min(labels.len());
        let base_rate = if n == 0 { 0.5 } else { labels.iter().take(n).filter(|&&l| l).count() as f64 / n as f64 };
        let hash_bits = if opts.groups.contains(&Group::Lexical) { opts.hash_bits.min(24) } else { 0 };
        let d = features.len();
        let mut m = Model {
            trained_on: trained_on.into(),
            groups: opts.groups.clone(),
            features,
            mean: vec![0.0; d],
            scale: vec![1.0; d],
            weights: vec![0.0; d],
            bias: 0.0,
            outlets,
            base_rate,
            outlet_smoothing: opts.outlet_smoothing,
            hash_bits,
            lexical: if hash_bits > 0 { vec![0.0; 1 << hash_bits] } else { Vec::new() },
            threshold: 0.5,
        };
        // Standardise with the training set's mean and spread.
        let raw: Vec<Vec<f64>> = examples.iter().take(n).map(|e| m.dense_values(e)).collect();
        for i in 0..d {
            let col: Vec<f64> = raw.iter().filter_map(|r| r.get(i).copied()).collect();
            let mean = col.iter().sum::<f64>() / col.len().max(1) as f64;
            let var = col.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / col.len().max(1) as f64;
            if let (Some(mu), Some(sd)) = (m.mean.get_mut(i), m.scale.get_mut(i)) {
                *mu = mean;
                *sd = if var > 1e-12 { var.sqrt() } else { 1.0 };
            }
        }
        let rows: Vec<Row> = examples.iter().take(n).map(|e| m.row(e)).collect();
        let mut l2 = vec![opts.l2_dense; d];
        l2.extend(std::iter::repeat_n(opts.l2_lexical, m.lexical.len()));
        let fitted = logistic::fit(&rows, labels, &l2, opts.iterations, opts.rate);
        m.bias = fitted.bias;
        m.weights = fitted.weights.get(..d).unwrap_or(&[]).to_vec();
        m.lexical = fitted.weights.get(d..).unwrap_or(&[]).to_vec();
        m.threshold = if opts.threshold_folds > 1 && n >= 2 * opts.threshold_folds {
            // Held-out scores of models trained on the other inner folds (article k in fold k mod folds).
            let k = opts.threshold_folds;
            let inner = TrainOptions { threshold_folds: 0, ..opts.clone() };
            let mut held = vec![0.0; n];
            for f in 0..k {
                let (tx, ty): (Vec<Example>, Vec<bool>) =
                    (0..n).filter(|i| i % k != f).filter_map(|i| Some((examples.get(i)?.clone(), *labels.get(i)?))).unzip();
                let sub = Model::train(&tx, &ty, &inner, "inner fold");
                for i in (0..n).filter(|i| i % k == f) {
                    if let (Some(h), Some(e)) = (held.get_mut(i), examples.get(i)) {
                        *h = sub.predict(e);
                    }
                }
            }
            metrics::best_threshold(&held, labels.get(..n).unwrap_or(&[]))
        } else {
            let train_scores: Vec<f64> = examples.iter().take(n).map(|e| m.predict(e)).collect();
            metrics::best_threshold(&train_scores, labels)
        };
        m
    }

    /// Scores `record` against `ctx`, listing every signal's contribution.
    pub fn score(&self, record: &DocRecord, ctx: &CorpusContext) -> Credibility {
        let facts = ctx.facts_of(&record.doc).cloned().unwrap_or_else(|| ArticleFacts::from_record(record));
        self.score_with(record, &facts, ctx)
    }

    /// As [`Model::score`], with the article's facts given (when the caller
    /// coded them from the analysed document, or ids repeat).
    pub fn score_with(&self, record: &DocRecord, facts: &ArticleFacts, ctx: &CorpusContext) -> Credibility {
        self.explain(&features::example(record, facts, ctx))
    }

    /// The score of an example with its signals, strongest first.
    pub fn explain(&self, ex: &Example) -> Credibility {
        let values = self.dense_values(ex);
        let mut signals: Vec<Signal> = self
            .features
            .iter()
            .zip(&values)
            .enumerate()
            .map(|(i, (name, &x))| {
                let contribution = self.weights.get(i).copied().unwrap_or(0.0) * standardise(x, self.mean.get(i), self.scale.get(i));
                let reason = if name == OUTLET_PRIOR {
                    self.outlet_reason(ex.outlet.as_deref())
                } else {
                    ex.dense.iter().find(|f| f.name == name).map_or_else(|| format!("{name} missing"), |f| f.reason.clone())
                };
                Signal { name: name.clone(), value: x, contribution, reason }
            })
            .collect();
        let lex = self.lexical_row(ex);
        if !lex.is_empty() {
            let mut parts: Vec<(f64, &str)> =
                lex.iter().filter_map(|&(b, v, k)| Some((self.lexical.get(b)? * v, ex.terms.get(k)?.as_str()))).collect();
            let total: f64 = parts.iter().map(|p| p.0).sum();
            parts.sort_by(|a, b| b.0.abs().partial_cmp(&a.0.abs()).unwrap_or(std::cmp::Ordering::Equal));
            let show = |up: bool| -> String {
                let w: Vec<String> = parts.iter().filter(|p| (p.0 > 0.0) == up).take(3).map(|p| format!("\"{}\"", p.1)).collect();
                if w.is_empty() { "none".into() } else { w.join(", ") }
            };
            signals.push(Signal {
                name: "wording".into(),
                value: ex.terms.len() as f64,
                contribution: total,
                reason: format!("wording like that of accurate reports: {}; of inaccurate ones: {}", show(true), show(false)),
            });
        }
        let logit = self.bias + signals.iter().map(|s| s.contribution).sum::<f64>();
        signals.sort_by(|a, b| b.contribution.abs().partial_cmp(&a.contribution.abs()).unwrap_or(std::cmp::Ordering::Equal));
        if self.features.is_empty() && self.lexical.is_empty() {
            signals.push(Signal { name: "no_model".into(), value: 0.0, contribution: 0.0, reason: "no credibility model loaded: neutral score".into() });
        }
        let score = logistic::sigmoid(logit);
        Credibility { score, likely_true: score >= self.threshold, signals }
    }

    fn outlet_reason(&self, outlet: Option<&str>) -> String {
        let name = outlet.unwrap_or("unknown outlet");
        match outlet.and_then(|o| self.outlets.get(o)) {
            Some(c) => format!("{name}: {} of its {} training articles were accurate", c.true_articles, c.articles),
            None => format!("{name}: not among the training outlets"),
        }
    }
}

fn standardise(x: f64, mean: Option<&f64>, scale: Option<&f64>) -> f64 {
    let z = (x - mean.copied().unwrap_or(0.0)) / scale.copied().filter(|s| *s > 0.0).unwrap_or(1.0);
    // Clipped: one extreme article must not dominate its own score.
    z.clamp(-5.0, 5.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credibility::features::Feature;

    fn ex(x: f64, outlet: &str, words: &[&str]) -> Example {
        Example {
            dense: vec![Feature { name: "x", group: Group::Consistency, value: x, reason: format!("x is {x}") }],
            outlet: Some(outlet.into()),
            terms: words.iter().map(|w| w.to_string()).collect(),
        }
    }

    #[test]
    fn shipped_model_parses() {
        let m = Model::from_json(SHIPPED, "models/credibility.json").unwrap();
        assert!(m.threshold > 0.0 && m.threshold < 1.0);
    }

    #[test]
    fn learns_signal_and_explains_it() {
        let exs: Vec<Example> = (0..60).map(|k| ex(if k % 2 == 0 { 2.0 } else { 0.0 }, if k % 3 == 0 { "a" } else { "b" }, &["w"])).collect();
        let labels: Vec<bool> = (0..60).map(|k| k % 2 == 0).collect();
        let m = Model::train(&exs, &labels, &TrainOptions { groups: Group::ALL.to_vec(), l2_dense: 0.05, ..Default::default() }, "test");
        let hi = m.explain(&ex(2.0, "a", &["w"]));
        let lo = m.explain(&ex(0.0, "a", &["w"]));
        assert!(hi.score > 0.7 && lo.score < 0.3, "{} {}", hi.score, lo.score);
        assert_eq!(hi.signals[0].name, "x");
        assert_eq!(hi.signals[0].reason, "x is 2");
        assert!(hi.signals.iter().any(|s| s.name == OUTLET_PRIOR && s.reason.starts_with("a: ")));
    }

    #[test]
    fn round_trips_through_json() {
        let exs: Vec<Example> = (0..10).map(|k| ex(k as f64, "a", &["w", "v"])).collect();
        let labels: Vec<bool> = (0..10).map(|k| k > 4).collect();
        let m = Model::train(&exs, &labels, &TrainOptions { hash_bits: 4, groups: Group::ALL.to_vec(), ..Default::default() }, "test");
        let dir = std::env::temp_dir().join(format!("cred-model-{}.json", std::process::id()));
        m.save(&dir).unwrap();
        let back = Model::load(&dir).unwrap();
        std::fs::remove_file(&dir).ok();
        assert!((back.predict(&exs[7]) - m.predict(&exs[7])).abs() < 1e-3);
    }

    #[test]
    fn rejects_malformed_models() {
        assert!(matches!(Model::from_json("{}", "x.json"), Err(ModelError::Parse { .. })));
        let mut m = Model::neutral();
        m.features.push("x".into());
        let json = serde_json::to_string(&m).unwrap();
        assert!(matches!(Model::from_json(&json, "x.json"), Err(ModelError::Invalid { .. })));
    }

    #[test]
    fn neutral_model_says_so() {
        let c = Model::neutral().explain(&ex(1.0, "a", &[]));
        assert_eq!(c.score, 0.5);
        assert!(c.signals.iter().any(|s| s.name == "no_model"));
    }
}
