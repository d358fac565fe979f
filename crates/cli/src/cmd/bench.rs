//! `corroborate bench`: throughput and peak memory of each pipeline stage on
//! real corpora, with a reference measured in the same run (reading the raw
//! bytes from disk) so numbers from different machines can be compared as
//! ratios. Peak RSS is per stage: the kernel's high-water mark is reset
//! before each stage (`/proc/self/clear_refs`, Linux).

use super::Ctx;
use crate::exit::{fail, Code};
use crate::pipeline;
use anyhow::Result;
use corroborate_ingest::{expand_inputs, input_size, read_inputs, InputSpec, ReadOptions};
use corroborate_model::Document;
use corroborate_store::SqliteStore;
use serde::Serialize;
use std::time::Instant;

#[derive(clap::Args, Debug)]
#[command(
    about = "Measure ingest and analysis throughput and peak memory on real corpora",
    after_help = "Examples:
  corroborate bench                       # ../shared/polnear/train/text and ../shared/fakes/fakes-dev.csv
  corroborate bench --corpus data/*.warc.gz --json

Build with --release for meaningful numbers."
)]
pub struct Args {
    /// Corpora to measure, each measured separately (default: PolNeAR train texts and FA-KES dev).
    #[arg(long = "corpus", value_name = "INPUT")]
    pub corpora: Vec<String>,
    /// Documents per store transaction.
    #[arg(long, default_value_t = 256)]
    pub batch: usize,
    /// Print results as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize, Default)]
pub struct Stage {
    pub stage: &'static str,
    pub docs: usize,
    pub mb: f64,
    pub seconds: f64,
    pub docs_per_s: f64,
    pub mb_per_s: f64,
    /// Words (tokens) per second, for analysis stages.
    pub words_per_s: Option<f64>,
    /// Speed relative to reading the raw bytes in the same run.
    pub ratio_to_raw_read: Option<f64>,
    pub peak_rss_mb: Option<f64>,
}

#[derive(Serialize)]
pub struct CorpusResult {
    pub corpus: String,
    pub stages: Vec<Stage>,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<Code> {
    let corpora = if args.corpora.is_empty() {
        vec!["../shared/polnear/train/text".to_string(), "../shared/fakes/fakes-dev.csv".to_string()]
    } else {
        args.corpora.clone()
    };
    if cfg!(debug_assertions) && !ctx.quiet {
        eprintln!("note: this is a debug build; use `cargo run --release -- bench` for real numbers");
    }
    let mut results = Vec::new();
    for c in &corpora {
        let inputs = expand_inputs(std::slice::from_ref(c)).map_err(|e| fail(Code::NothingWritten, e.to_string()))?;
        results.push(CorpusResult { corpus: c.clone(), stages: measure(&inputs, args.batch)? });
    }
    if args.json {
        super::print_json(&results)?;
    } else {
        for r in &results {
            println!("{}", r.corpus);
            println!(
                "  {:<10} {:>7} {:>8} {:>8} {:>10} {:>8} {:>10} {:>9} {:>9}",
                "stage", "docs", "MB", "s", "docs/s", "MB/s", "words/s", "vs read", "peak MB"
            );
            for s in &r.stages {
                println!(
                    "  {:<10} {:>7} {:>8.2} {:>8.3} {:>10.0} {:>8.2} {:>10} {:>9} {:>9}",
                    s.stage,
                    s.docs,
                    s.mb,
                    s.seconds,
                    s.docs_per_s,
                    s.mb_per_s,
                    s.words_per_s.map(|w| format!("{w:.0}")).unwrap_or_else(|| "-".into()),
                    s.ratio_to_raw_read.map(|w| format!("{w:.3}")).unwrap_or_else(|| "-".into()),
                    s.peak_rss_mb.map(|w| format!("{w:.1}")).unwrap_or_else(|| "-".into()),
                );
            }
        }
    }
    Ok(Code::Ok)
}

fn measure(inputs: &[InputSpec], batch: usize) -> Result<Vec<Stage>> {
    let bytes = input_size(inputs);
    let mb = bytes as f64 / 1e6;
    let mut stages = Vec::new();

    // Reference: the raw bytes from disk (page cache warm after the first pass).
    reset_peak();
    let t = Instant::now();
    let mut raw = 0u64;
    for i in inputs {
        if let InputSpec::Path(p) = i {
            raw += std::fs::read(p).map(|b| b.len() as u64).unwrap_or(0);
        }
    }
    let raw_s = t.elapsed().as_secs_f64().max(1e-9);
    stages.push(stage("raw read", 0, raw as f64 / 1e6, raw_s, None, None));

    // Readers only.
    reset_peak();
    let t = Instant::now();
    let mut docs = 0usize;
    for d in read_inputs(inputs.to_vec(), ReadOptions::default()).flatten() {
        docs += 1;
        std::hint::black_box(&d);
    }
    let s = t.elapsed().as_secs_f64();
    stages.push(stage("read", docs, mb, s, None, Some(raw_s / s.max(1e-9))));

    // Language analysis, in memory, on all cores.
    let mut all: Vec<Document> = read_inputs(inputs.to_vec(), ReadOptions::default()).flatten().collect();
    reset_peak();
    let t = Instant::now();
    pipeline::analyse_all(&mut all);
    let s = t.elapsed().as_secs_f64();
    let words: usize = all.iter().map(|d| d.tokens.len()).sum();
    let mut st = stage("analyse", all.len(), mb, s, Some(words as f64 / s.max(1e-9)), Some(raw_s / s.max(1e-9)));
    st.words_per_s = if words > 0 { st.words_per_s } else { None };
    stages.push(st);
    drop(all);

    // Full ingest: read, analyse and store in a fresh SQLite file.
    let dir = tempfile::tempdir()?;
    let mut store = SqliteStore::open(&dir.path().join("bench.db")).map_err(|e| fail(Code::Store, e.to_string()))?;
    reset_peak();
    let t = Instant::now();
    let mut docs = 0usize;
    let mut buf = Vec::with_capacity(batch);
    let mut put = |buf: &mut Vec<Document>| -> Result<()> {
        pipeline::analyse_all(buf);
        crate::cmd::ingest::store_batch(&mut store, buf)?;
        buf.clear();
        Ok(())
    };
    for d in read_inputs(inputs.to_vec(), ReadOptions::default()).flatten() {
        docs += 1;
        buf.push(d);
        if buf.len() >= batch {
            put(&mut buf)?;
        }
    }
    put(&mut buf)?;
    let s = t.elapsed().as_secs_f64();
    stages.push(stage("ingest", docs, mb, s, None, Some(raw_s / s.max(1e-9))));
    Ok(stages)
}

fn stage(name: &'static str, docs: usize, mb: f64, s: f64, wps: Option<f64>, ratio: Option<f64>) -> Stage {
    let s = s.max(1e-9);
    Stage {
        stage: name,
        docs,
        mb,
        seconds: s,
        docs_per_s: docs as f64 / s,
        mb_per_s: mb / s,
        words_per_s: wps,
        ratio_to_raw_read: ratio,
        peak_rss_mb: peak_rss_mb(),
    }
}

/// Resets the kernel's peak-RSS mark for this process (Linux ≥ 4.0); a no-op elsewhere.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Peak resident set size since the last reset, from /proc/self/status (VmHWM).
pub fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

