//! `corroborate ingest`: read inputs, analyse each document, store in batches.
//!
//! Crash safety comes from the store: every batch is one transaction and
//! documents are keyed by id, so a killed run leaves whole batches behind and
//! a rerun skips what is already stored ("unchanged").

use super::{Ctx, ReadFlags};
use crate::exit::{fail, Code};
use crate::pipeline;
use crate::progress;
use crate::records;
use anyhow::Result;
use corroborate_ingest::{expand_inputs, input_size, read_inputs, InputSpec, ReadError};
use corroborate_model::Document;
use corroborate_store::{BatchOutcome, Store};
use serde::Serialize;
use std::time::Instant;

#[derive(clap::Args, Debug)]
#[command(
    about = "Read articles into the store (text, HTML, RSS/Atom, WARC, CSV, JSONL)",
    after_help = "Examples:
  corroborate ingest examples/aleppo
  corroborate ingest --db war.db 'crawl/*.warc.gz' feeds/ articles.csv
  corroborate ingest --text-col body --id-col uuid dump.jsonl
  cat article.txt | corroborate ingest -
  corroborate ingest --strict batch.csv    # write nothing unless every record reads cleanly

Re-ingesting the same input changes nothing. A document whose id is already
stored with other text replaces it (counted as 'updated'); identical text under
another id is stored once (counted as 'duplicate')."
)]
pub struct Args {
    /// Files, directories (read recursively), glob patterns, or - for standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    #[command(flatten)]
    pub read: ReadFlags,
    /// Write nothing at all if any input record cannot be read.
    #[arg(long)]
    pub strict: bool,
    /// Documents per transaction.
    #[arg(long, default_value_t = 256, value_parser = clap::value_parser!(u32).range(1..))]
    pub batch: u32,
    /// Print the summary as JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

#[derive(Default, Serialize)]
pub struct Summary {
    pub inputs: usize,
    pub input_bytes: u64,
    pub read: usize,
    pub errors: usize,
    pub inserted: usize,
    pub unchanged: usize,
    pub updated: usize,
    pub duplicates: usize,
    pub seconds: f64,
    pub store_documents: u64,
    pub store_clusters: u64,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<Code> {
    let opts = args.read.options()?;
    let mut inputs = expand_inputs(&args.inputs).map_err(|e| fail(Code::NothingWritten, e.to_string()))?;
    // Keeps a spooled copy of stdin alive for the whole run (strict mode reads twice).
    let mut _spool = None;
    if args.strict {
        if let Some(pos) = inputs.iter().position(|i| matches!(i, InputSpec::Stdin)) {
            let mut tmp = tempfile::NamedTempFile::new()?;
            std::io::copy(&mut std::io::stdin().lock(), &mut tmp)?;
            inputs[pos] = InputSpec::Path(tmp.path().to_path_buf());
            _spool = Some(tmp);
        }
        let errors: Vec<ReadError> = read_inputs(inputs.clone(), opts.clone()).filter_map(|r| r.err()).collect();
        if !errors.is_empty() {
            for e in &errors {
                eprintln!("error: {e}");
            }
            return Err(fail(
                Code::NothingWritten,
                format!("--strict: {} input record(s) could not be read; nothing was written", errors.len()),
            ));
        }
    }

    let mut store = ctx.open_store()?;
    let total = input_size(&inputs);
    let bar = progress::bytes_bar(total, ctx.quiet, "ingest");
    let started = Instant::now();
    let mut sum = Summary { inputs: inputs.len(), input_bytes: total, ..Default::default() };
    let mut batch: Vec<Document> = Vec::with_capacity(args.batch as usize);
    let mut done_bytes = 0u64;
    for input in inputs {
        let size = input_size(std::slice::from_ref(&input));
        for item in read_inputs(vec![input], opts.clone()) {
            match item {
                Ok(doc) => {
                    sum.read += 1;
                    // Approximate progress inside a file by text bytes, never past the file's end.
                    bar.set_position((bar.position() + doc.text.len() as u64).min(done_bytes + size));
                    batch.push(doc);
                    if batch.len() >= args.batch as usize {
                        flush(&mut store, &mut batch, &mut sum)?;
                    }
                }
                Err(e) => {
                    sum.errors += 1;
                    bar.suspend(|| eprintln!("warning: {e}"));
                }
            }
        }
        done_bytes += size;
        bar.set_position(done_bytes);
    }
    flush(&mut store, &mut batch, &mut sum)?;
    bar.finish_and_clear();
    sum.seconds = started.elapsed().as_secs_f64();
    let stats = store.stats().map_err(|e| fail(Code::Store, e.to_string()))?;
    sum.store_documents = stats.documents;
    sum.store_clusters = stats.clusters;
    report(ctx, &args, &sum)?;
    super::reconcile::after_ingest(ctx, &store);
    Ok(if sum.errors > 0 { Code::InputErrors } else { Code::Ok })
}

fn flush(store: &mut dyn Store, batch: &mut Vec<Document>, sum: &mut Summary) -> Result<()> {
    if batch.is_empty() {
        return Ok(());
    }
    pipeline::analyse_all(batch);
    let out = store_batch(store, batch)?;
    sum.inserted += out.inserted;
    sum.unchanged += out.unchanged.len();
    sum.updated += out.updated.len();
    sum.duplicates += out.duplicates.len();
    batch.clear();
    Ok(())
}

fn report(ctx: &Ctx, args: &Args, s: &Summary) -> Result<()> {
    if args.json {
        return super::print_json(s);
    }
    if ctx.quiet {
        return Ok(());
    }
    let mb = s.input_bytes as f64 / 1e6;
    eprintln!(
        "read {} document(s) from {} input(s), {:.1} MB in {:.2}s ({:.1} MB/s, {:.0} docs/s)",
        s.read,
        s.inputs,
        mb,
        s.seconds,
        mb / s.seconds.max(1e-9),
        s.read as f64 / s.seconds.max(1e-9)
    );
    eprintln!(
        "  inserted {}, unchanged {}, updated {}, duplicates {}, unreadable {}",
        s.inserted, s.unchanged, s.updated, s.duplicates, s.errors
    );
    eprintln!(
        "store {}: {} document(s), {} near-duplicate cluster(s)",
        ctx.db.display(),
        s.store_documents,
        s.store_clusters
    );
    let db = ctx.db.display().to_string();
    let db_flag = if db == "corroborate.db" { String::new() } else { format!(" --db {db}") };
    eprintln!("explore it in a browser: corroborate{db_flag} serve   (then open the address it prints)");
    Ok(())
}

/// Stores one analysed batch, with each document's v1 record, atomically.
pub fn store_batch(store: &mut dyn Store, batch: &[Document]) -> Result<BatchOutcome> {
    let records: Vec<String> = batch.iter().map(records::to_json).collect();
    store
        .put_batch_with(batch, records::RECORD_KIND, records::RECORD_SCHEMA, &records)
        .map_err(|e| fail(Code::Store, e.to_string()))
}
