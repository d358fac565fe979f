//! `corroborate extract`: analyse inputs and write the v1 output contract,
//! one JSON object per document, in input order. Needs no store.

use super::{Ctx, ReadFlags};
use crate::exit::{fail, Code};
use crate::pipeline;
use anyhow::{Context, Result};
use corroborate_model::Document;
use corroborate_export::DocRecord;
use corroborate_ingest::{expand_inputs, read_inputs};
use corroborate_reconcile::credibility::{self, ArticleFacts, CorpusContext};
use std::io::{BufWriter, Write};

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutFormat {
    /// One JSON object per document (docs/output-contract.md).
    Jsonl,
    /// PolNeAR-style brat standoff, DIR/<doc>.ann per document (needs --out DIR).
    Brat,
    /// One CSV row per input row in FA-KES's vocabulary (unit_id, location, actor,
    /// cause_of_death, nb_civilians, nb_children, nb_women, nb_noncivilians, credibility).
    FakesCsv,
}

/// Columns of `--format fakes-csv`.
const FAKES_HEADER: [&str; 9] = [
    "unit_id",
    "location",
    "actor",
    "cause_of_death",
    "nb_civilians",
    "nb_children",
    "nb_women",
    "nb_noncivilians",
    "credibility",
];

#[derive(clap::Args, Debug)]
#[command(
    about = "Analyse articles and print the v1 JSON record of each (no store needed)",
    after_help = "Examples:
  corroborate extract examples/aleppo > aleppo.jsonl
  corroborate extract --format jsonl ../shared/fakes/fakes-dev.csv | jq .entities
  corroborate extract --format brat --out ann/ ../shared/polnear/dev/text
  corroborate extract --format fakes-csv articles.csv > coded.csv

fakes-csv reads only id, title, text, source and date columns (never a label) and
keeps ids exactly as given, one output row per input row. Its credibility column
is the credibility model's probability that the article is accurate, each article
checked against the others of the same run (crates/reconcile/CREDIBILITY.md).
  curl -s ... | corroborate extract -

Offsets in the output are Unicode code points into the record's `text`."
)]
pub struct Args {
    /// Files, directories, glob patterns, or - for standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: OutFormat,
    /// Output directory for --format brat.
    #[arg(long, value_name = "DIR")]
    pub out: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub read: ReadFlags,
    /// Documents analysed in parallel per chunk.
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u32).range(1..))]
    pub chunk: u32,
}

pub fn run(_ctx: &Ctx, args: Args) -> Result<Code> {
    let mut opts = args.read.options()?;
    // A row-oriented export echoes the input's ids, repeats included.
    opts.keep_repeated_ids = args.format == OutFormat::FakesCsv;
    let inputs = expand_inputs(&args.inputs).map_err(|e| fail(Code::NothingWritten, e.to_string()))?;
    let brat_dir = match (args.format, &args.out) {
        (OutFormat::Brat, Some(dir)) => {
            std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create directory", dir.display()))?;
            Some(dir.clone())
        }
        (OutFormat::Brat, None) => return Err(fail(Code::NothingWritten, "--format brat needs --out DIR")),
        (OutFormat::Jsonl | OutFormat::FakesCsv, _) => None,
    };
    // fakes-csv rows wait for the whole batch: credibility compares each article with the others.
    let mut fakes: Option<Vec<FakesPending>> = (args.format == OutFormat::FakesCsv).then(Vec::new);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut errors = 0usize;
    let mut chunk = Vec::with_capacity(args.chunk as usize);
    let mut emit = |chunk: &mut Vec<_>, out: &mut BufWriter<_>| -> Result<()> {
        pipeline::analyse_all(chunk);
        for doc in chunk.drain(..) {
            if let Some(dir) = &brat_dir {
                write_brat(dir, &doc)?;
                continue;
            }
            if let Some(rows) = fakes.as_mut() {
                rows.push(fakes_row(&doc));
                continue;
            }
            serde_json::to_writer(&mut *out, &DocRecord::from_document(&doc))?;
            out.write_all(b"\n")?;
        }
        Ok(())
    };
    for item in read_inputs(inputs, opts) {
        match item {
            Ok(doc) => {
                chunk.push(doc);
                if chunk.len() >= args.chunk as usize {
                    emit(&mut chunk, &mut out)?;
                }
            }
            Err(e) => {
                errors += 1;
                eprintln!("warning: {e}");
            }
        }
    }
    emit(&mut chunk, &mut out)?;
    out.flush()?;
    if let Some(rows) = fakes {
        write_fakes(rows)?;
    }
    Ok(if errors > 0 { Code::InputErrors } else { Code::Ok })
}

/// One fakes-csv row before its credibility is known.
struct FakesPending {
    columns: [String; 8],
    record: DocRecord,
    facts: ArticleFacts,
}

/// The FA-KES columns for one analysed article (rules; see crates/figures/src/fakes.rs),
/// and what the credibility check needs of it.
fn fakes_row(doc: &Document) -> FakesPending {
    let (ex, incidents) = corroborate_figures::analyse(doc);
    let r = corroborate_figures::fakes_row(doc, &ex, &incidents);
    let record = DocRecord::from_document(doc);
    // The same facts the shipped model was trained with (crates/reconcile/examples/credibility_eval.rs).
    let facts = ArticleFacts::from_record(&record).with_coding(
        &r.location,
        &r.actor,
        &r.cause_of_death,
        [r.nb_civilians, r.nb_children, r.nb_women, r.nb_noncivilians],
    );
    let columns = [
        doc.id.clone(),
        r.location,
        r.actor,
        r.cause_of_death,
        r.nb_civilians.to_string(),
        r.nb_children.to_string(),
        r.nb_women.to_string(),
        r.nb_noncivilians.to_string(),
    ];
    FakesPending { columns, record, facts }
}

/// Writes the fakes-csv rows, credibility scored with the whole batch as the corpus.
fn write_fakes(rows: Vec<FakesPending>) -> Result<()> {
    let ctx = CorpusContext::new(rows.iter().map(|r| r.facts.clone()).collect());
    let model = credibility::Model::shipped();
    let mut w = csv::Writer::from_writer(std::io::stdout());
    w.write_record(FAKES_HEADER)?;
    for r in rows {
        let c = model.score_with(&r.record, &r.facts, &ctx);
        w.write_record(r.columns.iter().map(String::as_str).chain([format!("{:.4}", c.score).as_str()]))?;
    }
    w.flush()?;
    Ok(())
}

/// Writes `dir/<doc>.ann`: the document's attributions in PolNeAR's brat
/// layout, offsets in code points. Ids that are not safe file names (URLs)
/// are rewritten: every character outside `[A-Za-z0-9._~-]` becomes `_`.
fn write_brat(dir: &std::path::Path, doc: &Document) -> Result<()> {
    let ix = doc.char_index();
    let rels: Vec<_> = doc
        .relations
        .iter()
        .filter_map(corroborate_attribution::from_relation)
        .map(|a| a.to_brat(&ix))
        .collect();
    let name = safe_file_stem(&doc.id);
    let path = dir.join(format!("{name}.ann"));
    std::fs::write(&path, corroborate_attribution::brat::write_ann(&rels, &doc.text))
        .with_context(|| format!("{}: cannot write", path.display()))
}

fn safe_file_stem(id: &str) -> String {
    let s: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '~' | '-') { c } else { '_' })
        .collect();
    if s.is_empty() || s.starts_with('.') {
        format!("_{s}")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_stems_are_safe() {
        assert_eq!(super::safe_file_stem("004_b36bf3ba6d96f8ac"), "004_b36bf3ba6d96f8ac");
        assert_eq!(super::safe_file_stem("https://x.org/a?b=1"), "https___x.org_a_b_1");
        assert_eq!(super::safe_file_stem("../../etc/passwd"), "_.._.._etc_passwd");
        assert_eq!(super::safe_file_stem(""), "_");
    }
}
