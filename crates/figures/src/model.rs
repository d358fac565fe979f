//! The learned FA-KES model: location and nb_civilians rankers, actor and
//! cause classifiers over [`crate::learn`]'s features — maxent models
//! ([`crate::maxent`]) except the nb_civilians ranker, an averaged perceptron. Trained on all of FA-KES dev by
//! `cargo run --release -p corroborate-figures --example eval_fakes -- ../shared/fakes/fakes-dev.csv --save crates/figures/data/fakes_model.bin`
//! and embedded; its scores are reported from 5-fold cross-validation (SCORES.md).
//!
//! File format (little-endian), hand-written because it is four flat arrays
//! and the language core's models are stored the same way: the magic
//! `CFKM1\n`, then four sections (location, actor, cause, civilians), each
//! `n_classes: u32, n_keys: u32, keys: [u64; n_keys], weights: [f32; n_keys * n_classes]`.

use crate::fakes::{FakesRow, ACTORS, CAUSES, LOCATIONS};
use crate::learn::{self, Features, Field};
use crate::rank;
use corroborate_lang::perceptron::{Feat, Frozen};
use std::sync::OnceLock;

static SHIPPED: &[u8] = include_bytes!("../data/fakes_model.bin");
const MAGIC: &[u8] = b"CFKM1\n";
const SECTIONS: [&str; 4] = ["location", "actor", "cause", "civilians"];

#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("FA-KES model: not a corroborate FA-KES model (bad magic)")]
    Magic,
    #[error("FA-KES model: section {section} truncated at byte {at}")]
    Truncated { section: &'static str, at: usize },
    #[error("FA-KES model: section {section} has {got} classes, expected {want}")]
    Classes { section: &'static str, got: usize, want: usize },
    #[error("FA-KES model: {extra} trailing bytes after the last section")]
    Trailing { extra: usize },
}

pub struct FakesModel {
    pub location: Frozen,
    pub actor: Frozen,
    pub cause: Frozen,
    pub civilians: Frozen,
}

fn as_examples(d: &[(Vec<Vec<Feat>>, usize)]) -> Vec<rank::RankExample<'_>> {
    d.iter().map(|(c, g)| (c.as_slice(), *g)).collect()
}

/// Epochs for the classifiers and the rankers (chosen on cross-validation, see SCORES.md).
pub const EPOCHS: usize = 12;
pub const RANK_EPOCHS: usize = 10;

/// Parts trained as L2-regularised maxent instead of averaged perceptrons:
/// location, actor and cause gained about 0.8 points each in cross-validation
/// (mean of 5 fold seeds), the civilians ranker lost 0.7, so it stays a
/// perceptron (SCORES.md).
pub const MAXENT_PARTS: &str = "loc,act,cau";

/// Ranker epochs, overridable by FAKES_RANK_EPOCHS for experiments.
fn rank_epochs() -> usize {
    std::env::var("FAKES_RANK_EPOCHS").ok().and_then(|e| e.parse().ok()).unwrap_or(RANK_EPOCHS)
}

impl FakesModel {
    /// The embedded model, parsed once; None if it does not parse (the rules then stand in).
    pub fn shipped() -> Option<&'static FakesModel> {
        static M: OnceLock<Option<FakesModel>> = OnceLock::new();
        M.get_or_init(|| FakesModel::from_bytes(SHIPPED).ok()).as_ref()
    }

    /// Trains every part on `data` (features and gold row). Articles whose
    /// gold value is not among their candidates teach the rankers nothing.
    pub fn train(data: &[(&Features, &FakesRow)]) -> FakesModel {
        // Which parts are maxent (the rest perceptrons): MAXENT_PARTS, or for
        // experiments FAKES_MAXENT=act,cau,loc,civ (empty: all perceptrons) with
        // FAKES_L2 / FAKES_ITERS overriding the maxent parameters.
        let me = std::env::var("FAKES_MAXENT").unwrap_or_else(|_| MAXENT_PARTS.to_string());
        let env_f = |k: &str, d: f32| std::env::var(k).ok().and_then(|x| x.parse().ok()).unwrap_or(d);
        let base = crate::maxent::Params::default();
        let mp = crate::maxent::Params { l2: env_f("FAKES_L2", base.l2), iters: env_f("FAKES_ITERS", base.iters as f32) as usize, ..base };
        let use_me = |tag: &str| me.split(',').any(|x| x == tag);
        let field = |fld: Field, tag: &str| {
            let d: Vec<(&Features, usize)> = data.iter().filter_map(|(f, g)| fld.class_of(g).map(|c| (*f, c))).collect();
            if use_me(tag) {
                let dd: Vec<(&[Feat], usize)> = d.iter().filter_map(|(f, c)| f.fields.get(fld.idx()).map(|x| (x.as_slice(), *c))).collect();
                return crate::maxent::train_classifier(&dd, fld.classes().len(), mp);
            }
            learn::train(fld, &d, EPOCHS)
        };
        let ranker = |d: &[(Vec<Vec<Feat>>, usize)], tag: &str| {
            if use_me(tag) {
                crate::maxent::train_ranker(&as_examples(d), mp)
            } else {
                rank::train(&as_examples(d), rank_epochs())
            }
        };
        let civ: Vec<(Vec<Vec<_>>, usize)> = data
            .iter()
            .filter_map(|(f, g)| {
                let gold = f.civilians.iter().position(|c| c.0 == g.nb_civilians)?;
                Some((f.civilians.iter().map(|c| c.1.clone()).collect(), gold))
            })
            .collect();
        let loc: Vec<(Vec<Vec<_>>, usize)> = data
            .iter()
            .filter_map(|(f, g)| {
                let k = Field::Location.class_of(g)?;
                let gold = f.locations.iter().position(|c| c.0 == k)?;
                Some((f.locations.iter().map(|c| c.1.clone()).collect(), gold))
            })
            .collect();
        FakesModel {
            location: ranker(&loc, "loc"),
            actor: field(Field::Actor, "act"),
            cause: field(Field::Cause, "cau"),
            civilians: ranker(&civ, "civ"),
        }
    }

    /// The learned row: ranked location and nb_civilians, classified actor
    /// and cause; the other counts are the rules'.
    pub fn predict(&self, f: &Features) -> FakesRow {
        let pick = |model: &Frozen, fld: Field, classes: &[&str]| classes.get(learn::predict(model, fld, f)).map(|c| c.to_string());
        let loc_feats: Vec<_> = f.locations.iter().map(|c| c.1.clone()).collect();
        let civ_feats: Vec<_> = f.civilians.iter().map(|c| c.1.clone()).collect();
        FakesRow {
            location: rank::best(&self.location, &loc_feats)
                .and_then(|k| f.locations.get(k))
                .and_then(|c| LOCATIONS.get(c.0))
                .map(|c| c.to_string())
                .unwrap_or_else(|| f.rules.location.clone()),
            actor: pick(&self.actor, Field::Actor, ACTORS).unwrap_or_else(|| f.rules.actor.clone()),
            cause_of_death: pick(&self.cause, Field::Cause, CAUSES).unwrap_or_else(|| f.rules.cause_of_death.clone()),
            nb_civilians: rank::best(&self.civilians, &civ_feats).and_then(|k| f.civilians.get(k)).map(|c| c.0).unwrap_or(f.rules.nb_civilians),
            ..f.rules.clone()
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        for m in [&self.location, &self.actor, &self.cause, &self.civilians] {
            let (keys, weights) = m.parts();
            out.extend((m.n_classes() as u32).to_le_bytes());
            out.extend((keys.len() as u32).to_le_bytes());
            keys.iter().for_each(|k| out.extend(k.to_le_bytes()));
            weights.iter().for_each(|w| out.extend(w.to_le_bytes()));
        }
        out
    }

    pub fn from_bytes(b: &[u8]) -> Result<FakesModel, ModelError> {
        let mut at = b.strip_prefix(MAGIC).map(|_| MAGIC.len()).ok_or(ModelError::Magic)?;
        let want = [2, ACTORS.len(), CAUSES.len(), 2];
        let mut parts = Vec::with_capacity(4);
        for (section, want) in SECTIONS.into_iter().zip(want) {
            let mut take = |n: usize| -> Result<&[u8], ModelError> {
                let s = b.get(at..at.checked_add(n).ok_or(ModelError::Truncated { section, at })?).ok_or(ModelError::Truncated { section, at })?;
                at += n;
                Ok(s)
            };
            let u32_at = |s: &[u8]| s.try_into().map(u32::from_le_bytes).unwrap_or(0) as usize;
            let n_classes = u32_at(take(4)?);
            if n_classes != want {
                return Err(ModelError::Classes { section, got: n_classes, want });
            }
            let n_keys = u32_at(take(4)?);
            let keys: Vec<u64> = take(n_keys.saturating_mul(8))?.chunks_exact(8).map(|c| c.try_into().map(u64::from_le_bytes).unwrap_or(0)).collect();
            let weights: Vec<f32> =
                take(n_keys.saturating_mul(n_classes).saturating_mul(4))?.chunks_exact(4).map(|c| c.try_into().map(f32::from_le_bytes).unwrap_or(0.0)).collect();
            parts.push(Frozen::from_parts(n_classes, keys, weights));
        }
        if at != b.len() {
            return Err(ModelError::Trailing { extra: b.len() - at });
        }
        let mut it = parts.into_iter();
        match (it.next(), it.next(), it.next(), it.next()) {
            (Some(location), Some(actor), Some(cause), Some(civilians)) => Ok(FakesModel { location, actor, cause, civilians }),
            _ => Err(ModelError::Truncated { section: "civilians", at }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_model_parses_and_round_trips() {
        let m = FakesModel::from_bytes(SHIPPED).expect("embedded model parses");
        assert!(m.actor.n_features() > 0 && m.civilians.n_features() > 0 && m.location.n_features() > 0);
        assert_eq!(m.to_bytes(), SHIPPED);
    }

    #[test]
    fn damaged_models_are_errors_not_panics() {
        assert!(matches!(FakesModel::from_bytes(b"nope"), Err(ModelError::Magic)));
        for cut in [MAGIC.len(), MAGIC.len() + 3, SHIPPED.len() / 2, SHIPPED.len() - 1] {
            assert!(FakesModel::from_bytes(&SHIPPED[..cut]).is_err(), "cut at {cut}");
        }
        let mut long = SHIPPED.to_vec();
        long.push(0);
        assert!(matches!(FakesModel::from_bytes(&long), Err(ModelError::Trailing { extra: 1 })));
    }
}
