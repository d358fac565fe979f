//! Learned FA-KES classifiers: an averaged perceptron (the language core's)
//! over the rule scores and the words of the lead and body. Trained with
//! cross-validation in `examples/eval_fakes.rs`.

use crate::fakes::{self, FakesRow, ACTORS, CAUSES, LOCATIONS};
use crate::figure::Extraction;
use crate::incident::Incident;
use crate::view::View;
use corroborate_lang::perceptron::{feat, Feat, Frozen, Trainer};
use corroborate_model::Document;

pub type Features = [Vec<Feat>; 3];

/// Feature templates switched off for experiments: FAKES_DROP="10,12".
fn dropped() -> Option<Vec<u8>> {
    let d = std::env::var("FAKES_DROP").ok()?;
    Some(d.split(',').filter_map(|x| x.trim().parse().ok()).collect())
}

/// Features carry their template in the low byte (see `tf`), so ablation can find them.
fn tagged(t: u8, f: &Feat) -> bool {
    (*f & 0xff) as u8 == t
}

fn tf(t: u8, parts: &[&str]) -> Feat {
    (feat(t, parts) & !0xff) | t as u64
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Location,
    Actor,
    Cause,
}

impl Field {
    fn idx(self) -> usize {
        match self {
            Field::Location => 0,
            Field::Actor => 1,
            Field::Cause => 2,
        }
    }

    pub fn classes(self) -> &'static [&'static str] {
        match self {
            Field::Location => LOCATIONS,
            Field::Actor => ACTORS,
            Field::Cause => CAUSES,
        }
    }

    pub fn class_of(self, row: &FakesRow) -> Option<usize> {
        let v = match self {
            Field::Location => &row.location,
            Field::Actor => &row.actor,
            Field::Cause => &row.cause_of_death,
        };
        self.classes().iter().position(|c| c == v)
    }
}

fn scored(out: &mut Vec<Feat>, t: u8, scores: &[f32]) {
    let total: f32 = scores.iter().sum::<f32>().max(1e-6);
    let best = scores.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1)).map(|(k, _)| k).unwrap_or(0);
    out.push(feat(t, &["best", &best.to_string(), &(scores.get(best).copied().unwrap_or(0.0) > 0.0).to_string()]));
    for (k, &s) in scores.iter().enumerate() {
        if s > 0.0 {
            let share = ((s / total) * 4.0).round() as u32;
            out.push(feat(t, &["share", &k.to_string(), &share.to_string()]));
            out.push(feat(t, &["any", &k.to_string()]));
        }
    }
}

/// Features of one article for each field (location, actor, cause).
pub fn features(doc: &Document, ex: &Extraction, incs: &[Incident], _rules: &FakesRow) -> Features {
    let v = View::new(doc);
    let main = crate::incident::main_incident(incs);
    let mut words = Vec::new();
    for i in 0..v.len() {
        let s = v.sentence_of.get(i).copied().unwrap_or(99);
        let w = v.l(i);
        if w.len() < 3 || !w.chars().next().is_some_and(char::is_alphabetic) {
            continue;
        }
        // Body-wide unigrams (template 10) and lead bigrams (12) were dropped: they
        // lowered cross-validated actor and cause accuracy (see SCORES.md).
        if s <= 2 {
            words.push(tf(11, &[w]));
        }
    }
    // Who the lead's figures blame, and which incident cues the lead carries.
    for f in ex.figures.iter().filter(|f| f.sentence < crate::fakes::LEAD_SENTENCES) {
        if let Some(p) = &f.perpetrator {
            for w in p.split_whitespace() {
                words.push(tf(13, &[&w.to_lowercase()]));
            }
        }
        if let Some(c) = f.category {
            words.push(tf(14, &[c.as_str(), f.who.as_deref().unwrap_or("")]));
        }
    }
    for inc in incs.iter().filter(|i| i.sentence < crate::fakes::LEAD_SENTENCES) {
        words.push(tf(15, &[inc.kind.as_str()]));
        if let Some(a) = &inc.actor {
            for w in a.split_whitespace() {
                words.push(tf(16, &[&w.to_lowercase()]));
            }
        }
    }
    words.sort_unstable();
    words.dedup();
    if let Some(drop) = dropped() {
        words.retain(|f| !drop.iter().any(|&t| tagged(t, f)));
    }
    let mut loc = vec![feat(1, &["bias"])];
    scored(&mut loc, 2, &fakes::location_scores(&v, ex, main));
    let mut act = words.clone();
    act.push(feat(1, &["bias"]));
    scored(&mut act, 3, &fakes::actor_scores(&v));
    if let Some(o) = &doc.meta.outlet {
        act.push(feat(5, &[o]));
    }
    let mut cause = words;
    cause.push(feat(1, &["bias"]));
    scored(&mut cause, 4, &fakes::cause_scores(&v));
    if let Some(m) = main {
        cause.push(feat(6, &[m.kind.as_str()]));
        act.push(feat(6, &[m.kind.as_str()]));
    }
    [loc, act, cause]
}

pub struct Model {
    field: Field,
    weights: Frozen,
}

impl Model {
    pub fn predict(&self, f: &Features) -> usize {
        f.get(self.field.idx()).map(|x| self.weights.predict(x, None)).unwrap_or(0)
    }
}

/// Trains a field's classifier for `epochs` passes (deterministic order shuffle).
pub fn train(field: Field, data: &[(&Features, usize)], epochs: usize) -> Model {
    let mut t = Trainer::new(field.classes().len());
    let mut order: Vec<usize> = (0..data.len()).collect();
    for e in 0..epochs {
        // Deterministic shuffle: sort by a hash of (epoch, index).
        order.sort_by_key(|&i| feat(7, &[&e.to_string(), &i.to_string()]));
        for &i in &order {
            let Some((f, y)) = data.get(i) else { continue };
            let Some(x) = f.get(field.idx()) else { continue };
            let guess = t.predict(x, None);
            t.update(x, *y, guess);
            t.tick();
        }
    }
    Model { field, weights: t.freeze(0.0) }
}
