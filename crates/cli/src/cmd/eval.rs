//! `corroborate eval attribution DIR`: scores the shipped attribution
//! extractor, end to end (our tokenizer, tagger, parser), against a
//! PolNeAR-layout split. The scoring lives in `corroborate_attribution::eval`;
//! this command only runs the same per-document pipeline as `ingest`.

use super::Ctx;
use crate::exit::{fail, Code};
use crate::pipeline;
use anyhow::Result;
use corroborate_attribution::{brat::BratRelation, eval};
use corroborate_model::Document;
use std::collections::HashMap;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
#[command(after_help = "\
Examples:
  corroborate eval attribution ../shared/polnear/dev
  corroborate eval attribution ../shared/polnear/dev --json

DIR holds text/<article>.txt and attributions/<article>_<annotator>.ann (brat);
where an article has several annotators' files the alphabetically first is the gold.
Exact F1: identical character sets after trimming whitespace and punctuation at
span edges (discontinuous spans are the union of their fragments). Soft F1:
Jaccard >= 0.5, matched one-to-one. Relation: cue and content match softly and
the source matches softly or both lack one.")]
pub struct Args {
    #[command(subcommand)]
    pub what: What,
}

#[derive(clap::Subcommand, Debug)]
pub enum What {
    /// Source, cue and content F1 (exact and soft) and relation F1 on a PolNeAR-layout directory.
    Attribution {
        /// The split directory (with text/ and attributions/).
        dir: PathBuf,
        /// Print the scores as JSON.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(_ctx: &Ctx, args: Args) -> Result<Code> {
    match args.what {
        What::Attribution { dir, json } => attribution(&dir, json),
    }
}

fn attribution(dir: &std::path::Path, json: bool) -> Result<Code> {
    let gold = eval::load_gold(dir).map_err(|e| fail(Code::NothingWritten, e.to_string()))?;
    if gold.is_empty() {
        return Err(fail(Code::NothingWritten, format!("{}: no annotated articles (expected attributions/*.ann)", dir.display())));
    }
    let mut docs: Vec<Document> =
        gold.iter().map(|g| Document::new(g.stem.as_str(), g.text.as_str(), Default::default())).collect();
    let words: usize = gold.iter().map(|g| g.text.split_whitespace().count()).sum();
    pipeline::warm_up();
    let t = std::time::Instant::now();
    pipeline::analyse_all(&mut docs);
    let secs = t.elapsed().as_secs_f64();
    let predictions: HashMap<String, Vec<BratRelation>> = docs
        .iter()
        .map(|d| {
            let ix = d.char_index();
            let rels = d.relations.iter().filter_map(corroborate_attribution::from_relation).map(|a| a.to_brat(&ix)).collect();
            (d.id.clone(), rels)
        })
        .collect();
    let report = eval::evaluate(dir, &predictions).map_err(|e| fail(Code::NothingWritten, e.to_string()))?;
    if json {
        let prf = |p: eval::Prf| serde_json::json!({"f1": p.f1(), "precision": p.precision(), "recall": p.recall(),
            "matched": p.matched, "predicted": p.predicted, "gold": p.gold});
        let role = |r: eval::RoleScores| serde_json::json!({"exact": prf(r.exact), "soft": prf(r.soft)});
        println!(
            "{}",
            serde_json::json!({"documents": report.documents, "words": words, "seconds": secs,
                "source": role(report.source), "cue": role(report.cue), "content": role(report.content),
                "relation": prf(report.relation)})
        );
    } else {
        print!("{report}");
        println!("analysed {words} words in {secs:.1}s (full pipeline, all cores)");
    }
    Ok(Code::Ok)
}
