//! Scores the extractor on a PolNeAR split, or trains it.
//!
//!   cargo run --release -p corroborate-attribution --example attribution_eval -- ../shared/polnear/dev [--silver]
//!   cargo run --release -p corroborate-attribution --example attribution_eval -- --train ../shared/polnear/train --e2e
//!
//! Run from the workspace root (the model path is `crates/attribution/models/attribution.bin`
//! unless `--model FILE`). Scoring analyses raw text with `corroborate_lang::Pipeline`
//! (the headline), or with `--silver` PolNeAR's CoreNLP token files. Training reads
//! train only: `--e2e` learns from our own analyses (the shipped model), without it
//! from the silver layers; `--both` uses both; `--epochs N` (default 12).
//! `--dump DIR` also writes the predicted .ann files; `--cue-bias X` shifts cue recall.
use corroborate_attribution::{analyse_with, brat, eval, model, silver, Model, Rules, Tagset};
use std::collections::HashMap;
use std::path::PathBuf;

const MODEL_PATH: &str = "crates/attribution/models/attribution.bin";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |f: &str| args.iter().any(|a| a == f);
    let opt = |f: &str| args.iter().position(|a| a == f).and_then(|i| args.get(i + 1)).cloned();
    let dir = PathBuf::from(
        args.iter().find(|a| !a.starts_with("--") && Some(*a) != opt("--dump").as_ref()).cloned().unwrap_or("../shared/polnear/dev".into()),
    );
    let model_path = PathBuf::from(opt("--model").unwrap_or(MODEL_PATH.into()));
    let mut tags = Tagset::default();
    if flag("--train") {
        let gold = eval::load_annotations(&dir, !flag("--first-annotator"))?;
        // --e2e: learn from our own pipeline's analyses (what the model sees at run time)
        let lang = if flag("--e2e") { Some((corroborate_lang::Pipeline::load()?, Tagset::lang())) } else { None };
        if let Some((p, t)) = &lang {
            tags = t.clone();
            let mut docs: Vec<_> = gold
                .iter()
                .map(|g| {
                    let mut d = corroborate_model::Document::new(g.stem.as_str(), g.text.as_str(), Default::default());
                    p.analyse(&mut d);
                    (d, g)
                })
                .collect();
            // --both: add the silver analyses too (two parses of each article), re-interned into the lang tables
            if flag("--both") {
                let mut st = Tagset::default();
                for g in &gold {
                    if let Ok(mut d) = silver::load(&dir, &g.stem, &mut st) {
                        let remap = |ids: &mut Vec<u8>, from: &[String], to: &mut Vec<String>| {
                            for x in ids.iter_mut() {
                                let name = from.get(*x as usize).map(String::as_str).unwrap_or("");
                                *x = Tagset::intern(to, name);
                            }
                        };
                        remap(&mut d.tokens.pos, &st.pos, &mut tags.pos);
                        remap(&mut d.tokens.ner, &st.ner, &mut tags.ner);
                        remap(&mut d.tokens.deprels, &st.deprel, &mut tags.deprel);
                        docs.push((d, g));
                    }
                }
            }
            return train_and_write(&docs, &tags, &args, &model_path);
        }
        let docs: Vec<_> = gold
            .iter()
            .filter_map(|g| match silver::load(&dir, &g.stem, &mut tags) {
                Ok(d) => Some((d, g)),
                Err(e) => {
                    eprintln!("skipped: {e}");
                    None
                }
            })
            .collect();
        return train_and_write(&docs, &tags, &args, &model_path);
    }
    let gold = eval::load_gold(&dir)?;
    let mut m = Model::from_bytes(&std::fs::read(&model_path)?)?;
    if let Some(b) = opt("--cue-bias").and_then(|b| b.parse().ok()) {
        m.cue_bias = b;
    }
    let silver_mode = flag("--silver");
    let lang_tags = Tagset::lang();
    let pipeline = if silver_mode { None } else { Some(corroborate_lang::Pipeline::load()?) };
    if pipeline.as_ref().is_some_and(|p| !p.has_parser()) {
        eprintln!("warning: the language core ships no parser model yet; sources and most contents need a parse");
    }
    // --off quote,inherit,say,trail,signed switches post-extraction rules off (SCORES.md ablations)
    let off = opt("--off").unwrap_or_default();
    let rules = Rules {
        quote_paragraphs: !off.contains("quote"),
        inherit_subject: !off.contains("inherit"),
        missed_say: !off.contains("say"),
        trailing_quote: !off.contains("trail"),
        signed_lines: !off.contains("signed"),
    };
    let t0 = std::time::Instant::now();
    let mut preds = HashMap::new();
    let mut words = 0usize;
    let mut extract_secs = 0f64;
    for g in &gold {
        let (doc, t) = match &pipeline {
            Some(p) => {
                let mut d = corroborate_model::Document::new(g.stem.as_str(), g.text.as_str(), Default::default());
                p.analyse(&mut d);
                (d, &lang_tags)
            }
            None => match silver::load(&dir, &g.stem, &mut tags) {
                Ok(d) => (d, &tags),
                Err(e) => {
                    eprintln!("no analysis, predicting nothing: {e}");
                    continue;
                }
            },
        };
        words += doc.tokens.len();
        let ix = doc.char_index();
        let te = std::time::Instant::now();
        let found: Vec<_> = analyse_with(&doc, t, &m, rules).found.into_iter().map(|f| f.attribution).collect();
        extract_secs += te.elapsed().as_secs_f64();
        let rels: Vec<brat::BratRelation> = found.iter().map(|a| a.to_brat(&ix)).collect();
        if let Some(out) = opt("--dump") {
            std::fs::create_dir_all(&out)?;
            std::fs::write(PathBuf::from(out).join(format!("{}.ann", g.stem)), brat::write_ann(&rels, &g.text))?;
        }
        preds.insert(g.stem.clone(), rels);
    }
    let secs = t0.elapsed().as_secs_f64();
    let report = eval::evaluate(&dir, &preds)?;
    print!("{report}");
    eprintln!(
        "{words} words in {secs:.2}s ({:.0} words/s incl. reading and analysis); attribution alone {:.0} words/s",
        words as f64 / secs,
        words as f64 / extract_secs.max(1e-9)
    );
    Ok(())
}

fn train_and_write(
    docs: &[(corroborate_model::Document, &eval::GoldDoc)],
    tags: &Tagset,
    args: &[String],
    model_path: &std::path::Path,
) -> Result<(), Box<dyn std::error::Error>> {
    let examples: Vec<model::Example> = docs
        .iter()
        .map(|(d, g)| model::Example {
            analysis: corroborate_attribution::analysis::Analysis::new(d, tags),
            chars: g.text.chars().collect(),
            gold: g.relations.clone(),
        })
        .collect();
    let epochs = args.iter().position(|a| a == "--epochs").and_then(|i| args.get(i + 1)).and_then(|e| e.parse().ok()).unwrap_or(12);
    let mix = args.iter().position(|a| a == "--mix").and_then(|i| args.get(i + 1)).and_then(|e| e.parse().ok()).unwrap_or(1);
    let m = model::train_mixed(&examples, epochs, mix, |s| eprintln!("{s}"));
    let bytes = m.to_bytes();
    std::fs::write(model_path, &bytes)?;
    eprintln!("wrote {} ({} bytes)", model_path.display(), bytes.len());
    Ok(())
}
