//! FA-KES evaluation: `cargo run --release -p corroborate-figures --example eval_fakes -- ../shared/fakes/fakes-dev.csv`
//!
//! Reads only unit_id, article_title, article_content, source and date to
//! predict; the gold columns are read separately for scoring. Prints the
//! accuracy of the rules, then of the learned classifiers for actor, cause
//! and location under 5-fold cross-validation (folds by unit_id, so FA-KES's
//! repeated articles never straddle train and test).

use corroborate_figures::fakes::{self, FakesRow};
use corroborate_figures::learn::{self, Field};
use corroborate_model::{Document, Meta};
use std::time::Instant;

struct Row {
    id: String,
    features: learn::Features,
    rules: FakesRow,
    gold: FakesRow,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: eval_fakes FAKES.csv")?;
    let mut rd = csv::Reader::from_path(&path).map_err(|e| format!("{path}: {e}"))?;
    let headers = rd.headers()?.clone();
    let col = |name: &str| headers.iter().position(|h| h == name).ok_or(format!("{path}: no column {name}"));
    let (c_id, c_title, c_text, c_src, c_date) = (col("unit_id")?, col("article_title")?, col("article_content")?, col("source")?, col("date")?);
    let gold_cols = ["location", "actor", "cause_of_death", "nb_civilians", "nb_children", "nb_women", "nb_noncivilians"].map(|c| col(c));
    let pipeline = corroborate_lang::Pipeline::load()?;
    let mut rows = Vec::new();
    let (mut t_lang, mut t_fig) = (0f64, 0f64);
    for (n, rec) in rd.records().enumerate() {
        let rec = rec.map_err(|e| format!("{path}: record {}: {e}", n + 1))?;
        let get = |c: usize| rec.get(c).unwrap_or("").to_string();
        let meta = Meta { title: Some(get(c_title)), outlet: Some(get(c_src)), published: Some(get(c_date)), ..Meta::default() };
        let mut doc = Document::new(get(c_id), format!("{}\n\n{}", get(c_title), get(c_text)), meta);
        let t0 = Instant::now();
        pipeline.analyse(&mut doc);
        let t1 = Instant::now();
        let (ex, inc) = corroborate_figures::analyse(&doc);
        t_fig += t1.elapsed().as_secs_f64();
        let rules = fakes::fakes_row(&doc, &ex, &inc);
        let features = learn::features(&doc, &ex, &inc, &rules);
        t_lang += (t1 - t0).as_secs_f64();
        let g = |k: usize| gold_cols[k].as_ref().ok().and_then(|&c| rec.get(c)).unwrap_or("").to_string();
        let num = |k: usize| g(k).trim().parse::<u32>().unwrap_or(0);
        let gold = FakesRow { location: g(0), actor: g(1), cause_of_death: g(2), nb_civilians: num(3), nb_children: num(4), nb_women: num(5), nb_noncivilians: num(6) };
        rows.push(Row { id: get(c_id), features, rules, gold });
    }
    let n = rows.len() as f64;
    println!("{} articles; analyse {:.1}s, figures+incidents {:.2}s ({:.1}%)", rows.len(), t_lang, t_fig, 100.0 * t_fig / t_lang.max(1e-9));
    let acc = |f: &dyn Fn(&Row) -> bool| rows.iter().filter(|r| f(r)).count() as f64 / n;
    println!("rules:   location {:.3}  actor {:.3}  cause {:.3}  nb_civilians {:.3}  nb_children {:.3}  nb_women {:.3}  nb_noncivilians {:.3}",
        acc(&|r| r.rules.location == r.gold.location), acc(&|r| r.rules.actor == r.gold.actor), acc(&|r| r.rules.cause_of_death == r.gold.cause_of_death),
        acc(&|r| r.rules.nb_civilians == r.gold.nb_civilians), acc(&|r| r.rules.nb_children == r.gold.nb_children),
        acc(&|r| r.rules.nb_women == r.gold.nb_women), acc(&|r| r.rules.nb_noncivilians == r.gold.nb_noncivilians));
    // 5-fold cross-validation of the learned classifiers.
    let fold = |id: &str| (corroborate_lang::perceptron::feat(0, &[id]) % 5) as usize;
    let mut pred: Vec<[usize; 3]> = vec![[0; 3]; rows.len()];
    for k in 0..5 {
        for (fi, field) in [Field::Location, Field::Actor, Field::Cause].into_iter().enumerate() {
            let train: Vec<(&learn::Features, usize)> = rows
                .iter()
                .filter(|r| fold(&r.id) != k)
                .filter_map(|r| field.class_of(&r.gold).map(|c| (&r.features, c)))
                .collect();
            let epochs = std::env::var("FAKES_EPOCHS").ok().and_then(|e| e.parse().ok()).unwrap_or(12);
            let model = learn::train(field, &train, epochs);
            for (r, p) in rows.iter().zip(pred.iter_mut()) {
                if fold(&r.id) == k {
                    p[fi] = model.predict(&r.features);
                }
            }
        }
    }
    let cv = |fi: usize, field: Field| rows.iter().zip(&pred).filter(|(r, p)| Some(p[fi]) == field.class_of(&r.gold)).count() as f64 / n;
    println!("learned (5-fold CV): location {:.3}  actor {:.3}  cause {:.3}", cv(0, Field::Location), cv(1, Field::Actor), cv(2, Field::Cause));
    println!("reported (location by rules, actor and cause learned/CV, counts by rules): location {:.3}  actor {:.3}  cause {:.3}  nb_civilians {:.3}",
        acc(&|r| r.rules.location == r.gold.location), cv(1, Field::Actor), cv(2, Field::Cause), acc(&|r| r.rules.nb_civilians == r.gold.nb_civilians));
    if std::env::var_os("FAKES_ERRORS").is_some() {
        for (r, p) in rows.iter().zip(&pred) {
            if r.rules.location != r.gold.location {
                println!("LOC {} got {} gold {}", r.id, r.rules.location, r.gold.location);
            }
            if Some(p[2]) != Field::Cause.class_of(&r.gold) {
                println!("CAU {} got {:?} gold {}", r.id, fakes::CAUSES.get(p[2]), r.gold.cause_of_death);
            }
            if r.rules.nb_civilians != r.gold.nb_civilians {
                println!("CIV {} got {} gold {}", r.id, r.rules.nb_civilians, r.gold.nb_civilians);
            }
            if Some(p[1]) != Field::Actor.class_of(&r.gold) {
                println!("ACT {} got {:?} gold {}", r.id, fakes::ACTORS.get(p[1]), r.gold.actor);
            }
        }
    }
    Ok(())
}
