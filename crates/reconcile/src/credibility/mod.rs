//! Per-article credibility: signals with reasons, combined into a score.
//!
//! Signals come from one analysed record (sourcing, hedges, loaded terms,
//! wording, text shape) and from the rest of the corpus (do other articles on
//! the same incident — same place, near in date — report the same toll?).
//! A logistic regression trained on FA-KES combines them; the shipped model
//! is `models/credibility.json` (see `CREDIBILITY.md` for how it was trained
//! and what each signal group is worth under cross-validation).
//!
//! ```no_run
//! # use corroborate_reconcile::credibility::{score, CorpusContext};
//! # let records: Vec<corroborate_export::DocRecord> = Vec::new();
//! let ctx = CorpusContext::from_records(&records);
//! for r in &records {
//!     let c = score(r, &ctx);
//!     println!("{} {:.2} {}", r.doc, c.score, c.explanation());
//! }
//! ```

pub mod context;
pub mod facts;
pub mod features;
pub mod logistic;
pub mod metrics;
pub mod model;

pub use context::CorpusContext;
pub use facts::ArticleFacts;
pub use features::{Example, Group};
pub use model::{Model, ModelError, TrainOptions};

use corroborate_export::DocRecord;
use serde::{Deserialize, Serialize};

/// One signal that went into a score, in plain words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Signal {
    /// Feature name ("named_sources", "toll_disagreements", "wording").
    pub name: String,
    /// Its raw value in this article.
    pub value: f64,
    /// What it added to the log-odds of "true" (negative: it lowered the score).
    pub contribution: f64,
    /// "3 of 4 statements name their source".
    pub reason: String,
}

/// Probability that the article is accurate, with the signals behind it,
/// strongest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Credibility {
    /// In [0, 1]: the model's probability that the article is accurate.
    pub score: f64,
    /// Above the model's decision threshold (chosen for F1 when training).
    pub likely_true: bool,
    pub signals: Vec<Signal>,
}

impl Credibility {
    /// The strongest signals as one line: "+0.41 2 other outlets report the same toll; -0.20 ...".
    pub fn explanation(&self) -> String {
        self.signals
            .iter()
            .filter(|s| s.contribution.abs() >= 0.01)
            .take(5)
            .map(|s| format!("{:+.2} {}", s.contribution, s.reason))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Scores `record` with the shipped model, `context` being the corpus it is
/// checked against (it may or may not contain the record itself; a record is
/// never compared with itself or with a record of the same id).
pub fn score(record: &DocRecord, context: &CorpusContext) -> Credibility {
    Model::shipped().score(record, context)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explanation_lists_strongest_signals() {
        let c = Credibility {
            score: 0.7,
            likely_true: true,
            signals: vec![
                Signal { name: "a".into(), value: 2.0, contribution: 0.5, reason: "2 outlets agree".into() },
                Signal { name: "b".into(), value: 0.0, contribution: 0.0, reason: "nothing".into() },
            ],
        };
        assert_eq!(c.explanation(), "+0.50 2 outlets agree");
    }
}
