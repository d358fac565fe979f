//! Credibility on FA-KES: stratified 5-fold cross-validation, and training
//! the shipped model.
//!
//! cargo run -p corroborate-reconcile --release --example credibility_eval -- ../shared/fakes/fakes-dev.csv \
//!     [--groups sourcing,hedging,...] [--ablate] [--train-out crates/reconcile/models/credibility.json]
//!     [--cache FILE] [--seed N] [--l2 X] [--l2-lex X] [--bits N] [--oracle-facts] [--explain N]
//!
//! Articles are read exactly as `corroborate extract` reads them (the ingest
//! crate: id, title, text, source, date; never the label) and analysed by the
//! same stages. Labels are read separately, for scoring only. Everything
//! fitted — standardisation, outlet rates, word weights, the threshold — is
//! fitted on the training folds only. The consistency signals compare each
//! article with the whole corpus, which reads no labels.

use corroborate_export::DocRecord;
use corroborate_reconcile::credibility::features::{self, Example, Group};
use corroborate_reconcile::credibility::{metrics, ArticleFacts, CorpusContext, Model, TrainOptions};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;

type Error = Box<dyn std::error::Error>;

#[derive(Serialize, Deserialize)]
struct Analysed {
    record: DocRecord,
    facts: ArticleFacts,
}

struct Args {
    csv: String,
    groups: Vec<Group>,
    ablate: bool,
    train_out: Option<PathBuf>,
    cache: Option<PathBuf>,
    seed: u64,
    /// Diagnostic only: facts from FA-KES's crowd-coded columns instead of our extraction.
    oracle: bool,
    /// Print the explanation of the first N articles under the model trained on all.
    explain: usize,
    opts: TrainOptions,
}

fn parse_args() -> Result<Args, Error> {
    let mut it = std::env::args().skip(1);
    let mut a = Args { csv: String::new(), groups: TrainOptions::default().groups, ablate: false, train_out: None, cache: None, seed: 20261122, oracle: false, explain: 0, opts: TrainOptions::default() };
    while let Some(arg) = it.next() {
        let mut val = || it.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--groups" => {
                a.groups = val()?.split(',').map(|g| Group::parse(g.trim()).ok_or(format!("unknown group {g}"))).collect::<Result<_, _>>()?
            }
            "--ablate" => a.ablate = true,
            "--train-out" => a.train_out = Some(val()?.into()),
            "--cache" => a.cache = Some(val()?.into()),
            "--seed" => a.seed = val()?.parse()?,
            "--oracle-facts" => a.oracle = true,
            "--explain" => a.explain = val()?.parse()?,
            "--l2" => a.opts.l2_dense = val()?.parse()?,
            "--l2-lex" => a.opts.l2_lexical = val()?.parse()?,
            "--bits" => a.opts.hash_bits = val()?.parse()?,
            "--iterations" => a.opts.iterations = val()?.parse()?,
            "--threshold-folds" => a.opts.threshold_folds = val()?.parse()?,
            _ if a.csv.is_empty() && !arg.starts_with("--") => a.csv = arg,
            _ => return Err(format!("unknown argument {arg}").into()),
        }
    }
    if a.csv.is_empty() {
        return Err("usage: credibility_eval FAKES.csv [--groups g,..] [--ablate] [--train-out FILE] [--cache FILE]".into());
    }
    a.opts.groups = a.groups.clone();
    Ok(a)
}

/// Labels in file order: (unit_id, label is 1, the crowd-coded location,
/// actor, cause and four counts — read only for the `--oracle-facts` diagnostic).
type Gold = (String, bool, [String; 3], [u32; 4]);

fn labels(path: &str) -> Result<Vec<Gold>, Error> {
    let mut rd = csv::Reader::from_path(path).map_err(|e| format!("{path}: {e}"))?;
    let h = rd.headers()?.clone();
    let col = |n: &str| h.iter().position(|x| x == n).ok_or(format!("{path}: no column {n}"));
    let (ci, cl) = (col("unit_id")?, col("label")?);
    let mut out = Vec::new();
    for (n, rec) in rd.records().enumerate() {
        let rec = rec.map_err(|e| format!("{path}: record {}: {e}", n + 1))?;
        let label = match rec.get(cl).map(str::trim) {
            Some("1") => true,
            Some("0") => false,
            other => return Err(format!("{path}: record {}: label {other:?} is not 0 or 1", n + 1).into()),
        };
        let text = |c: &str| col(c).ok().and_then(|i| rec.get(i)).unwrap_or("").trim().to_string();
        let num = |c: &str| text(c).parse::<u32>().unwrap_or(0);
        out.push((
            rec.get(ci).unwrap_or("").trim().to_string(),
            label,
            [text("location"), text("actor"), text("cause_of_death")],
            [num("nb_civilians"), num("nb_children"), num("nb_women"), num("nb_noncivilians")],
        ));
    }
    Ok(out)
}

/// Reads and analyses every article as the CLI does (crates/cli/src/pipeline.rs).
fn analyse(path: &str) -> Result<Vec<Analysed>, Error> {
    let inputs = corroborate_ingest::expand_inputs(&[path.to_string()])?;
    let opts = corroborate_ingest::ReadOptions { keep_repeated_ids: true, ..Default::default() };
    let mut docs = corroborate_ingest::read_inputs(inputs, opts).collect::<Result<Vec<_>, _>>()?;
    let pipeline = corroborate_lang::Pipeline::shared()?;
    Ok(docs
        .par_iter_mut()
        .map(|doc| {
            pipeline.analyse(doc);
            corroborate_attribution::annotate(doc);
            corroborate_figures::relations::annotate(doc);
            corroborate_framing::annotate(doc);
            let (ex, inc) = corroborate_figures::analyse(doc);
            let row = corroborate_figures::fakes_row(doc, &ex, &inc);
            let record = DocRecord::from_document(doc);
            let facts = ArticleFacts::from_record(&record).with_coding(
                &row.location,
                &row.actor,
                &row.cause_of_death,
                [row.nb_civilians, row.nb_children, row.nb_women, row.nb_noncivilians],
            );
            Analysed { record, facts }
        })
        .collect())
}

fn cached(path: &str, cache: Option<PathBuf>) -> Result<Vec<Analysed>, Error> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    let file = cache.unwrap_or_else(|| std::env::temp_dir().join(format!("corroborate-credibility-{:016x}.jsonl", h.finish())));
    if let Ok(s) = std::fs::read_to_string(&file) {
        let rows: Result<Vec<Analysed>, _> = s.lines().map(serde_json::from_str).collect();
        if let Ok(rows) = rows {
            eprintln!("analysis read from cache {} (delete it after changing the pipeline)", file.display());
            return Ok(rows);
        }
    }
    let t = std::time::Instant::now();
    let rows = analyse(path)?;
    eprintln!("analysed {} articles in {:.1}s; cached in {}", rows.len(), t.elapsed().as_secs_f64(), file.display());
    let mut out = String::new();
    for r in &rows {
        out.push_str(&serde_json::to_string(r)?);
        out.push('\n');
    }
    std::fs::write(&file, out).map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(rows)
}

/// Stratified folds, grouped by unit_id (FA-KES repeats a few articles):
/// ids of each label in a seeded hash order, dealt round-robin.
fn folds(ids: &[&str], labels: &[bool], k: usize, seed: u64) -> Vec<usize> {
    let mut first_label: Vec<(String, bool)> = Vec::new();
    for (id, &l) in ids.iter().zip(labels) {
        if !first_label.iter().any(|(i, _)| i == id) {
            first_label.push((id.to_string(), l));
        }
    }
    let key = |id: &str| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (seed, id).hash(&mut h);
        h.finish()
    };
    let mut fold_of: HashMap<String, usize> = HashMap::new();
    for label in [true, false] {
        let mut group: Vec<&String> = first_label.iter().filter(|(_, l)| *l == label).map(|(i, _)| i).collect();
        group.sort_by_key(|id| key(id));
        for (n, id) in group.into_iter().enumerate() {
            fold_of.insert(id.clone(), n % k);
        }
    }
    ids.iter().map(|id| fold_of.get(*id).copied().unwrap_or(0)).collect()
}

struct Cv {
    f1: Vec<f64>,
    auc: Vec<f64>,
    acc: Vec<f64>,
    pooled_auc: f64,
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len().max(1) as f64
}

fn sd(v: &[f64]) -> f64 {
    let m = mean(v);
    (v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / v.len().max(1) as f64).sqrt()
}

fn cross_validate(exs: &[Example], labels: &[bool], fold: &[usize], opts: &TrainOptions) -> Cv {
    let mut cv = Cv { f1: Vec::new(), auc: Vec::new(), acc: Vec::new(), pooled_auc: 0.0 };
    let mut pooled = vec![0.0; exs.len()];
    for k in 0..5 {
        let train: Vec<usize> = (0..exs.len()).filter(|&i| fold[i] != k).collect();
        let test: Vec<usize> = (0..exs.len()).filter(|&i| fold[i] == k).collect();
        let tx: Vec<Example> = train.iter().map(|&i| exs[i].clone()).collect();
        let ty: Vec<bool> = train.iter().map(|&i| labels[i]).collect();
        let m = Model::train(&tx, &ty, opts, "cv fold");
        let scores: Vec<f64> = test.iter().map(|&i| m.predict(&exs[i])).collect();
        let gold: Vec<bool> = test.iter().map(|&i| labels[i]).collect();
        for (&i, &s) in test.iter().zip(&scores) {
            pooled[i] = s;
        }
        cv.f1.push(metrics::f1(&scores, &gold, m.threshold).2);
        cv.auc.push(metrics::auc(&scores, &gold));
        cv.acc.push(metrics::accuracy(&scores, &gold, m.threshold));
    }
    cv.pooled_auc = metrics::auc(&pooled, labels);
    cv
}

fn names(groups: &[Group]) -> String {
    groups.iter().map(|g| g.name()).collect::<Vec<_>>().join(",")
}

fn report(label: &str, cv: &Cv, per_fold: bool) {
    println!(
        "{label:<58} F1 {:.3}±{:.3}  AUC {:.3}±{:.3} (pooled {:.3})  acc {:.3}",
        mean(&cv.f1),
        sd(&cv.f1),
        mean(&cv.auc),
        sd(&cv.auc),
        cv.pooled_auc,
        mean(&cv.acc)
    );
    if per_fold {
        for k in 0..cv.f1.len() {
            println!("  fold {k}: F1 {:.3}  AUC {:.3}  acc {:.3}", cv.f1[k], cv.auc[k], cv.acc[k]);
        }
    }
}

fn main() -> Result<(), Error> {
    let args = parse_args()?;
    let gold = labels(&args.csv)?;
    let mut rows = cached(&args.csv, args.cache.clone())?;
    if rows.len() != gold.len() || rows.iter().zip(&gold).any(|(r, g)| r.record.doc != g.0) {
        return Err(format!("{}: {} analysed articles do not line up with {} labelled rows (an unreadable row?)", args.csv, rows.len(), gold.len()).into());
    }
    let labels: Vec<bool> = gold.iter().map(|g| g.1).collect();
    if args.oracle {
        // An upper bound for the consistency idea: perfect extraction of place, cause and tolls.
        println!("DIAGNOSTIC: facts from the crowd-coded columns, not from the text (never shipped)");
        for (r, g) in rows.iter_mut().zip(&gold) {
            r.facts = r.facts.clone().with_coding(&g.2[0], &g.2[1], &g.2[2], g.3);
        }
    }
    let ctx = CorpusContext::new(rows.iter().map(|r| r.facts.clone()).collect());
    let exs: Vec<Example> = rows.iter().map(|r| features::example(&r.record, &r.facts, &ctx)).collect();
    let ids: Vec<&str> = gold.iter().map(|g| g.0.as_str()).collect();
    let fold = folds(&ids, &labels, 5, args.seed);
    let pos = labels.iter().filter(|&&l| l).count();
    println!("{} articles, {} true, {} fake; stratified 5-fold CV grouped by unit_id, seed {}", labels.len(), pos, labels.len() - pos, args.seed);
    let all_true = metrics::f1(&vec![1.0; labels.len()], &labels, 0.5);
    println!("{:<58} F1 {:.3}  AUC 0.500  acc {:.3}", "baseline: all true", all_true.2, all_true.0);

    let run = |groups: &[Group]| {
        let opts = TrainOptions { groups: groups.to_vec(), ..args.opts.clone() };
        cross_validate(&exs, &labels, &fold, &opts)
    };
    if args.ablate {
        report("outlet only (baseline)", &run(&[Group::Outlet]), false);
        for g in Group::ALL {
            report(&format!("only {}", g.name()), &run(&[g]), false);
        }
        let base: Vec<Group> = args.groups.clone();
        report(&format!("all of [{}]", names(&base)), &run(&base), false);
        for g in &base {
            let without: Vec<Group> = base.iter().copied().filter(|x| x != g).collect();
            report(&format!("without {}", g.name()), &run(&without), false);
        }
    }
    report(&format!("chosen [{}]", names(&args.groups)), &run(&args.groups), true);

    if args.explain > 0 {
        let m = Model::train(&exs, &labels, &args.opts, "all");
        for ((r, e), l) in rows.iter().zip(&exs).zip(&labels).take(args.explain) {
            let c = m.explain(e);
            println!("{} ({}, label {}): {:.3} {}", r.record.doc, r.record.outlet.as_deref().unwrap_or("?"), u8::from(*l), c.score, c.explanation());
        }
    }
    if let Some(out) = &args.train_out {
        let m = Model::train(&exs, &labels, &args.opts, &format!(
            "{} ({} articles), groups [{}], l2 {} / lexical {}, 2^{} buckets",
            args.csv, labels.len(), names(&args.groups), args.opts.l2_dense, args.opts.l2_lexical, args.opts.hash_bits
        ));
        m.save(out)?;
        let train_scores: Vec<f64> = exs.iter().map(|e| m.predict(e)).collect();
        println!(
            "trained on all {} articles -> {} (training F1 {:.3}, AUC {:.3}: not an estimate of accuracy)",
            labels.len(),
            out.display(),
            metrics::f1(&train_scores, &labels, m.threshold).2,
            metrics::auc(&train_scores, &labels)
        );
    }
    Ok(())
}
