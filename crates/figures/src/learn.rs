//! Features of the learned FA-KES model (rule scores, the words of the lead,
//! figures, perpetrators and incidents) and the averaged-perceptron field
//! classifier (the language core's perceptron), which `model.rs` can use in
//! place of the maxent one (`maxent.rs`). Trained with cross-validation in
//! `examples/eval_fakes.rs`.

use crate::candidates;
use crate::fakes::{self, FakesRow, ACTORS, CAUSES, LOCATIONS};
use crate::figure::Extraction;
use crate::incident::Incident;
use crate::view::View;
use corroborate_lang::perceptron::{feat, Feat, Frozen, Trainer};
use corroborate_model::Document;

/// Everything the learned FA-KES model reads about one article: per-field
/// classifier features (location, actor, cause), the ranked candidates for
/// nb_civilians and location, and the rules' row (the fallback).
#[derive(Clone, Debug)]
pub struct Features {
    pub fields: [Vec<Feat>; 3],
    pub civilians: Vec<(u32, Vec<Feat>)>,
    pub locations: Vec<(usize, Vec<Feat>)>,
    pub rules: FakesRow,
}

/// Features carry their template in the low byte (see `tf`), so ablation can find them.
fn tagged(t: u8, f: &Feat) -> bool {
    (*f & 0xff) as u8 == t
}

pub(crate) fn tf(t: u8, parts: &[&str]) -> Feat {
    (feat(t, parts) & !0xff) | t as u64
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Location,
    Actor,
    Cause,
}

impl Field {
    pub fn idx(self) -> usize {
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

/// Features of one article (see [`Features`]).
pub fn features(doc: &Document, ex: &Extraction, incs: &[Incident]) -> Features {
    features_view(&View::new(doc), ex, incs, &[])
}

/// Like [`features`]; word templates listed in `drop` are left out (ablation
/// experiments in the eval example).
pub fn features_view(v: &View, ex: &Extraction, incs: &[Incident], drop: &[u8]) -> Features {
    let doc = v.doc;
    let rules = fakes::fakes_row_rules(v, ex, incs);
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
    // What the lead's figures count, and which incident cues the lead carries. (The raw
    // words of their perpetrators, template 13, gave way to their actor classes, 17.)
    for f in ex.figures.iter().filter(|f| f.sentence < crate::fakes::LEAD_SENTENCES) {
        if let Some(c) = f.category {
            // The class of people (civilian, child, combatant...), not the words: raw "who" strings
            // are sparse and made actor and cause swing with every extraction change.
            words.push(tf(14, &[c.as_str(), candidates::who_class(f.who.as_deref().unwrap_or("people"))]));
        }
    }
    // Who the article's first toll and main incident blame, as actor classes.
    let first_perp = ex.figures.iter().find(|f| f.category == Some(crate::Category::Killed) && f.sentence < crate::fakes::LEAD_SENTENCES).and_then(|f| f.perpetrator.as_deref());
    for k in first_perp.map(fakes::actor_classes).unwrap_or_default() {
        words.push(tf(17, &["first-perp", &k.to_string()]));
    }
    for k in main.and_then(|m| m.blame.as_deref()).map(fakes::actor_classes).unwrap_or_default() {
        words.push(tf(17, &["main-actor", &k.to_string()]));
    }
    // Actor classes the title names (FA-KES content repeats it as its first sentence).
    let title_end = v.sentences.first().map(|s| s.1).unwrap_or(0);
    let mut in_title = 0;
    for i in 0..title_end {
        if let Some(k) = fakes::actor_class(v.w(i), v.text(i), if i > 0 { v.w(i - 1) } else { "" }, v.w(i + 1)) {
            words.push(tf(18, &["title-actor", &k.to_string()]));
            in_title += 1;
        }
    }
    words.push(tf(18, &["title-actors", &in_title.min(2).to_string()]));
    for inc in incs.iter().filter(|i| i.sentence < crate::fakes::LEAD_SENTENCES) {
        words.push(tf(15, &[inc.kind.as_str()]));
        if let Some(a) = &inc.blame {
            for w in a.split_whitespace() {
                words.push(tf(16, &[&w.to_lowercase()]));
            }
        }
    }
    words.sort_unstable();
    words.dedup();
    words.retain(|f| !drop.iter().any(|&t| tagged(t, f)));
    let mut loc = vec![feat(1, &["bias"])];
    let loc_scores = fakes::location_scores(v, ex, main);
    scored(&mut loc, 2, &loc_scores);
    let mut act = words.clone();
    act.push(feat(1, &["bias"]));
    scored(&mut act, 3, &fakes::actor_scores(v));
    if let Some(o) = &doc.meta.outlet {
        act.push(feat(5, &[o]));
    }
    let mut cause = words;
    cause.push(feat(1, &["bias"]));
    scored(&mut cause, 4, &fakes::cause_scores(v));
    cause.extend(crate::cause::features(v, ex, &rules).into_iter().filter(|f| !drop.iter().any(|&t| tagged(t, f))));
    if let Some(m) = main {
        cause.push(feat(6, &[m.kind.as_str()]));
        act.push(feat(6, &[m.kind.as_str()]));
    }
    let rule_loc = LOCATIONS.iter().position(|c| *c == rules.location).unwrap_or(0);
    Features {
        fields: [loc, act, cause],
        civilians: candidates::civilians(v, ex, incs, rules.nb_civilians),
        locations: candidates::locations(v, ex, incs, rule_loc, &loc_scores),
        rules,
    }
}

/// Trains a field's classifier for `epochs` passes, once per shuffle seed,
/// and averages the runs (as the rankers do, see [`crate::rank::mix`]).
pub fn train(field: Field, data: &[(&Features, usize)], epochs: usize) -> Frozen {
    crate::rank::mix((0..crate::rank::SEEDS).map(|seed| train_once(field, data, epochs, seed)).collect())
}

fn train_once(field: Field, data: &[(&Features, usize)], epochs: usize, seed: usize) -> Frozen {
    let mut t = Trainer::new(field.classes().len());
    let mut order: Vec<usize> = (0..data.len()).collect();
    for e in 0..epochs {
        // Deterministic shuffle: sort by a hash of (seed, epoch, index).
        order.sort_by_key(|&i| feat(7, &[&seed.to_string(), &e.to_string(), &i.to_string()]));
        for &i in &order {
            let Some((f, y)) = data.get(i) else { continue };
            let Some(x) = f.fields.get(field.idx()) else { continue };
            let guess = t.predict(x, None);
            t.update(x, *y, guess);
            t.tick();
        }
    }
    // Weights this small never change a decision in practice; pruning keeps the shipped model small.
    t.freeze(0.01)
}

/// A field classifier's prediction.
pub fn predict(model: &Frozen, field: Field, f: &Features) -> usize {
    f.fields.get(field.idx()).map(|x| model.predict(x, None)).unwrap_or(0)
}
