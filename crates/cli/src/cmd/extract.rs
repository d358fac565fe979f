//! `corroborate extract`: analyse inputs and write the v1 output contract,
//! one JSON object per document, in input order. Needs no store.

use super::{Ctx, ReadFlags};
use crate::exit::{fail, Code};
use crate::pipeline;
use anyhow::Result;
use corroborate_export::DocRecord;
use corroborate_ingest::{expand_inputs, read_inputs};
use std::io::{BufWriter, Write};

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutFormat {
    /// One JSON object per document (docs/output-contract.md).
    Jsonl,
}

#[derive(clap::Args, Debug)]
#[command(
    about = "Analyse articles and print the v1 JSON record of each (no store needed)",
    after_help = "Examples:
  corroborate extract examples/aleppo > aleppo.jsonl
  corroborate extract --format jsonl ../shared/fakes/fakes-dev.csv | jq .entities
  curl -s ... | corroborate extract -

Offsets in the output are Unicode code points into the record's `text`."
)]
pub struct Args {
    /// Files, directories, glob patterns, or - for standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: OutFormat,
    #[command(flatten)]
    pub read: ReadFlags,
    /// Documents analysed in parallel per chunk.
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u32).range(1..))]
    pub chunk: u32,
}

pub fn run(_ctx: &Ctx, args: Args) -> Result<Code> {
    let opts = args.read.options()?;
    let inputs = expand_inputs(&args.inputs).map_err(|e| fail(Code::NothingWritten, e.to_string()))?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut errors = 0usize;
    let mut chunk = Vec::with_capacity(args.chunk as usize);
    let emit = |chunk: &mut Vec<_>, out: &mut BufWriter<_>| -> Result<()> {
        pipeline::analyse_all(chunk);
        for doc in chunk.drain(..) {
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
