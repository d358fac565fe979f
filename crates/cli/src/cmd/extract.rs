//! `corroborate extract`: analyse inputs and write the v1 output contract,
//! one JSON object per document, in input order. Needs no store.

use super::{Ctx, ReadFlags};
use crate::exit::{fail, Code};
use crate::pipeline;
use anyhow::{Context, Result};
use corroborate_model::Document;
use corroborate_export::DocRecord;
use corroborate_ingest::{expand_inputs, read_inputs};
use std::io::{BufWriter, Write};

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutFormat {
    /// One JSON object per document (docs/output-contract.md).
    Jsonl,
    /// PolNeAR-style brat standoff, DIR/<doc>.ann per document (needs --out DIR).
    Brat,
}

#[derive(clap::Args, Debug)]
#[command(
    about = "Analyse articles and print the v1 JSON record of each (no store needed)",
    after_help = "Examples:
  corroborate extract examples/aleppo > aleppo.jsonl
  corroborate extract --format jsonl ../shared/fakes/fakes-dev.csv | jq .entities
  corroborate extract --format brat --out ann/ ../shared/polnear/dev/text
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
    let opts = args.read.options()?;
    let inputs = expand_inputs(&args.inputs).map_err(|e| fail(Code::NothingWritten, e.to_string()))?;
    let brat_dir = match (args.format, &args.out) {
        (OutFormat::Brat, Some(dir)) => {
            std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create directory", dir.display()))?;
            Some(dir.clone())
        }
        (OutFormat::Brat, None) => return Err(fail(Code::NothingWritten, "--format brat needs --out DIR")),
        (OutFormat::Jsonl, _) => None,
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut errors = 0usize;
    let mut chunk = Vec::with_capacity(args.chunk as usize);
    let emit = |chunk: &mut Vec<_>, out: &mut BufWriter<_>| -> Result<()> {
        pipeline::analyse_all(chunk);
        for doc in chunk.drain(..) {
            if let Some(dir) = &brat_dir {
                write_brat(dir, &doc)?;
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
    Ok(if errors > 0 { Code::InputErrors } else { Code::Ok })
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
