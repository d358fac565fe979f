//! FA-KES evaluation and training:
//! `cargo run --release -p corroborate-figures --example eval_fakes -- ../shared/fakes/fakes-dev.csv [--save crates/figures/data/fakes_model.bin] [--errors]`
//!
//! Reads only unit_id, article_title, article_content, source and date to
//! predict; the gold columns are read separately for scoring (the label
//! column never). Prints the accuracy of the rules, then of the learned model
//! under 5-fold cross-validation (folds by unit_id, so FA-KES's repeated
//! articles never straddle train and test; every fitting step sees only the
//! training folds). `--save` then trains on all articles and writes the model
//! that `fakes_row` embeds. `--errors` lists the cross-validated misses.
//! Env: FAKES_DROP="11,13" leaves word templates out (ablation); FAKES_FOLD_SEED=N
//! hashes unit_ids into other folds (0, the default, gives the reported split) to see
//! how much the CV numbers move with the split alone.

use corroborate_figures::fakes::FakesRow;
use corroborate_figures::learn::{self, Features};
use corroborate_figures::model::FakesModel;
use corroborate_model::{Document, Meta};
use std::time::Instant;

struct Row {
    id: String,
    features: Features,
    gold: FakesRow,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.iter().find(|a| !a.starts_with("--") && !a.ends_with(".bin")).ok_or("usage: eval_fakes FAKES.csv [--save MODEL.bin] [--errors]")?;
    let save = args.iter().position(|a| a == "--save").and_then(|k| args.get(k + 1));
    let errors = args.iter().any(|a| a == "--errors");
    let drop: Vec<u8> = std::env::var("FAKES_DROP").unwrap_or_default().split(',').filter_map(|x| x.trim().parse().ok()).collect();
    let mut rd = csv::Reader::from_path(path).map_err(|e| format!("{path}: {e}"))?;
    let headers = rd.headers()?.clone();
    let col = |name: &str| headers.iter().position(|h| h == name).ok_or(format!("{path}: no column {name}"));
    let (c_id, c_title, c_text, c_src, c_date) = (col("unit_id")?, col("article_title")?, col("article_content")?, col("source")?, col("date")?);
    let gold_cols = ["location", "actor", "cause_of_death", "nb_civilians", "nb_children", "nb_women", "nb_noncivilians"].map(col);
    let pipeline = corroborate_lang::Pipeline::load()?;
    let mut rows = Vec::new();
    let (mut t_lang, mut t_fig, mut t_row, mut t_place) = (0f64, 0f64, 0f64, 0f64);
    for (n, rec) in rd.records().enumerate() {
        let rec = rec.map_err(|e| format!("{path}: record {}: {e}", n + 1))?;
        let get = |c: usize| rec.get(c).unwrap_or("").to_string();
        let meta = Meta { title: Some(get(c_title)), outlet: Some(get(c_src)), published: Some(get(c_date)), ..Meta::default() };
        let mut doc = Document::new(get(c_id), format!("{}\n\n{}", get(c_title), get(c_text)), meta);
        let t0 = Instant::now();
        pipeline.analyse(&mut doc);
        let tp = Instant::now();
        // as the product pipeline does before attribution (crates/cli/src/pipeline.rs); its
        // time counts as the figures crate's
        corroborate_figures::place_names::correct_entity_types(&mut doc);
        let t1 = Instant::now();
        t_place += (t1 - tp).as_secs_f64();
        let (ex, inc) = corroborate_figures::analyse(&doc);
        t_fig += (t1.elapsed() + (t1 - tp)).as_secs_f64();
        let t2 = Instant::now();
        // FAKES_SHOW=<unit_id>[,<unit_id>...] prints those articles' figures (for reading errors).
        if std::env::var("FAKES_SHOW").is_ok_and(|s| s.split(',').any(|x| x == get(c_id))) {
            println!("SHOW {}", get(c_id));
            let v = corroborate_figures::view::View::new(&doc);
            let places: Vec<String> = ex.places.iter().filter_map(|m| m.place.as_ref().map(|p| format!("s{}:{}={}", v.sentence_of.get(m.tokens.0).copied().unwrap_or(0), doc.slice(m.span), p.governorate))).collect();
            println!("PLACES {}", places.join(" | "));
            for i in &inc {
                println!("INC s{} {} main={} toll={:?} actor={:?} blame={:?} place={:?} cue={:?}", i.sentence, i.kind.as_str(), i.main, i.toll, i.actor, i.blame, i.place, doc.slice(i.span));
            }
            for f in &ex.figures {
                let v = corroborate_figures::view::View::new(&doc);
                let sent = v.sentences.get(f.sentence).map(|&(a, b)| v.span(a, b)).map(|s| doc.slice(s)).unwrap_or("");
                println!("FIG s{} {:?} {:?} who={:?} perp={:?} place={:?} | {} || {}", f.sentence, f.value(), f.category, f.who, f.perpetrator, f.place_ref.as_ref().and_then(|m| m.place.as_ref()).map(|p| p.governorate), doc.slice(f.span), sent.chars().take(300).collect::<String>());
            }
        }
        let features = learn::features_view(&corroborate_figures::view::View::new(&doc), &ex, &inc, &drop);
        t_row += t2.elapsed().as_secs_f64();
        t_lang += (tp - t0).as_secs_f64();
        let g = |k: usize| gold_cols[k].as_ref().ok().and_then(|&c| rec.get(c)).unwrap_or("").to_string();
        let num = |k: usize| g(k).trim().parse::<u32>().unwrap_or(0);
        let gold = FakesRow { location: g(0), actor: g(1), cause_of_death: g(2), nb_civilians: num(3), nb_children: num(4), nb_women: num(5), nb_noncivilians: num(6) };
        rows.push(Row { id: get(c_id), features, gold });
    }
    let n = rows.len() as f64;
    println!(
        "{} articles; analyse {:.1}s, figures+incidents {:.2}s ({:.1}%; place-name types {:.2}s of it), FA-KES features {:.2}s ({:.1}%)",
        rows.len(),
        t_lang,
        t_fig,
        100.0 * t_fig / t_lang.max(1e-9),
        t_place,
        t_row,
        100.0 * t_row / t_lang.max(1e-9)
    );
    let report = |name: &str, pred: &[&FakesRow]| {
        let acc = |f: &dyn Fn(&FakesRow, &FakesRow) -> bool| rows.iter().zip(pred).filter(|(r, p)| f(p, &r.gold)).count() as f64 / n;
        println!(
            "{name}: location {:.3}  actor {:.3}  cause {:.3}  nb_civilians {:.3}  nb_children {:.3}  nb_women {:.3}  nb_noncivilians {:.3}",
            acc(&|p, g| p.location == g.location),
            acc(&|p, g| p.actor == g.actor),
            acc(&|p, g| p.cause_of_death == g.cause_of_death),
            acc(&|p, g| p.nb_civilians == g.nb_civilians),
            acc(&|p, g| p.nb_children == g.nb_children),
            acc(&|p, g| p.nb_women == g.nb_women),
            acc(&|p, g| p.nb_noncivilians == g.nb_noncivilians)
        );
    };
    report("rules", &rows.iter().map(|r| &r.features.rules).collect::<Vec<_>>());
    // 5-fold cross-validation: each fold's model is trained on the other four only.
    let fold = |id: &str| (corroborate_lang::perceptron::feat(std::env::var("FAKES_FOLD_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0), &[id]) % 5) as usize;
    let mut pred: Vec<FakesRow> = vec![FakesRow::default(); rows.len()];
    for k in 0..5 {
        let train: Vec<(&Features, &FakesRow)> = rows.iter().filter(|r| fold(&r.id) != k).map(|r| (&r.features, &r.gold)).collect();
        let model = FakesModel::train(&train);
        for (r, p) in rows.iter().zip(pred.iter_mut()) {
            if fold(&r.id) == k {
                *p = model.predict(&r.features);
            }
        }
    }
    report("learned (5-fold CV)", &pred.iter().collect::<Vec<_>>());
    // FAKES_DUMP=1: one line per row with the gold, rules' and learned cause (confusion tables)
    if std::env::var_os("FAKES_DUMP").is_some() {
        for (r, p) in rows.iter().zip(&pred) {
            println!("DUMP\t{}\t{}\t{}\t{}", r.id, r.gold.cause_of_death, r.features.rules.cause_of_death, p.cause_of_death);
        }
    }
    if errors {
        for (r, p) in rows.iter().zip(&pred) {
            let g = &r.gold;
            for (tag, got, want) in [
                ("LOC", p.location.clone(), g.location.clone()),
                ("ACT", p.actor.clone(), g.actor.clone()),
                ("CAU", p.cause_of_death.clone(), g.cause_of_death.clone()),
                ("CIV", p.nb_civilians.to_string(), g.nb_civilians.to_string()),
                ("CHI", p.nb_children.to_string(), g.nb_children.to_string()),
                ("WOM", p.nb_women.to_string(), g.nb_women.to_string()),
                ("NON", p.nb_noncivilians.to_string(), g.nb_noncivilians.to_string()),
            ] {
                if got != want {
                    let cands: Vec<String> = if tag == "LOC" {
                        r.features.locations.iter().filter_map(|c| corroborate_figures::fakes::LOCATIONS.get(c.0).map(|s| s.to_string())).collect()
                    } else {
                        r.features.civilians.iter().map(|c| c.0.to_string()).collect()
                    };
                    println!("{tag} {} got {got} gold {want} rules {:?} cands {:?}", r.id, (&r.features.rules.location, r.features.rules.nb_civilians, &r.features.rules.cause_of_death), cands);
                }
            }
        }
    }
    if let Some(out) = save {
        let all: Vec<(&Features, &FakesRow)> = rows.iter().map(|r| (&r.features, &r.gold)).collect();
        let bytes = FakesModel::train(&all).to_bytes();
        std::fs::write(out, &bytes).map_err(|e| format!("{out}: {e}"))?;
        println!("wrote {out} ({} bytes)", bytes.len());
    }
    Ok(())
}
