//! `corroborate bench`: throughput and peak memory of each pipeline stage on
//! real corpora, with a reference measured in the same run (reading the raw
//! bytes from disk) so numbers from different machines compare as ratios.
//!
//! Each (corpus, stage) runs in a fresh child process (`bench --stage S`), so
//! its peak RSS (VmHWM) belongs to that stage alone and page-cache or
//! allocator state from earlier stages does not leak into it.

use super::Ctx;
use crate::exit::{fail, Code};
use crate::pipeline;
use anyhow::{Context, Result};
use corroborate_ingest::{expand_inputs, input_size, read_inputs, InputSpec, ReadOptions};
use corroborate_model::Document;
use corroborate_store::SqliteStore;
use serde::{Deserialize, Serialize};
use std::time::Instant;

/// Stages, in pipeline order.
const STAGES: &[&str] = &["raw", "read", "store", "analyse", "ingest"];

#[derive(clap::Args, Debug)]
#[command(
    about = "Measure ingest and analysis throughput and peak memory on real corpora",
    after_help = "Examples:
  corroborate bench                       # ../shared/polnear/train/text and ../shared/fakes/fakes-dev.csv
  corroborate bench --corpus 'data/*.warc.gz' --json

Stages: raw (read the bytes: the reference), read (parse into documents),
store (read + store, no analysis), analyse (language core, all cores, in memory),
ingest (read + analyse + store: what `corroborate ingest` does).
Build with --release for meaningful numbers."
)]
pub struct Args {
    /// Corpora to measure, each separately (default: PolNeAR train texts and FA-KES dev).
    #[arg(long = "corpus", value_name = "INPUT")]
    pub corpora: Vec<String>,
    /// Documents per store transaction.
    #[arg(long, default_value_t = 256)]
    pub batch: usize,
    /// Print results as JSON.
    #[arg(long)]
    pub json: bool,
    /// Run one stage in this process and print its result as JSON (used internally).
    #[arg(long, hide = true)]
    pub stage: Option<String>,
}

#[derive(Serialize, Deserialize, Default)]
pub struct Stage {
    pub stage: String,
    pub docs: usize,
    pub mb: f64,
    pub seconds: f64,
    pub docs_per_s: f64,
    pub mb_per_s: f64,
    /// Tokens per second, for stages that analyse.
    pub words_per_s: Option<f64>,
    /// Time of the raw read divided by this stage's time (1.0 = as fast as reading the bytes).
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
    if let Some(stage) = &args.stage {
        let inputs = expand_inputs(&corpora).map_err(|e| fail(Code::NothingWritten, e.to_string()))?;
        let st = measure(stage, &inputs, args.batch)?;
        super::print_json(&st)?;
        return Ok(Code::Ok);
    }
    let exe = std::env::current_exe().context("finding this program to run bench stages")?;
    let mut results = Vec::new();
    for c in &corpora {
        // Fail early, with a clear message, if the corpus is not there.
        expand_inputs(std::slice::from_ref(c)).map_err(|e| fail(Code::NothingWritten, e.to_string()))?;
        let mut stages: Vec<Stage> = Vec::new();
        for stage in STAGES {
            let out = std::process::Command::new(&exe)
                .args(["--quiet", "bench", "--stage", stage, "--batch", &args.batch.to_string(), "--corpus", c])
                .output()
                .with_context(|| format!("running bench stage {stage}"))?;
            if !out.status.success() {
                return Err(fail(
                    Code::Store,
                    format!("bench stage {stage} on {c} failed: {}", String::from_utf8_lossy(&out.stderr).trim()),
                ));
            }
            let mut st: Stage = serde_json::from_slice(&out.stdout).context("reading a bench stage's result")?;
            if let Some(raw) = stages.first().filter(|_| *stage != "raw") {
                st.ratio_to_raw_read = Some(raw.seconds / st.seconds.max(1e-9));
            }
            stages.push(st);
        }
        results.push(CorpusResult { corpus: c.clone(), stages });
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

fn measure(stage: &str, inputs: &[InputSpec], batch: usize) -> Result<Stage> {
    let mb = input_size(inputs) as f64 / 1e6;
    let opts = ReadOptions::default();
    match stage {
        "raw" => {
            let t = Instant::now();
            let mut raw = 0u64;
            for i in inputs {
                if let InputSpec::Path(p) = i {
                    raw += std::fs::read(p).map(|b| b.len() as u64).unwrap_or(0);
                }
            }
            Ok(finish("raw", 0, raw as f64 / 1e6, t, None))
        }
        "read" => {
            let t = Instant::now();
            let docs = read_inputs(inputs.to_vec(), opts).flatten().map(std::hint::black_box).count();
            Ok(finish("read", docs, mb, t, None))
        }
        "analyse" => {
            let mut all: Vec<Document> = read_inputs(inputs.to_vec(), opts).flatten().collect();
            pipeline::warm_up();
            let t = Instant::now();
            pipeline::analyse_all(&mut all);
            let words: usize = all.iter().map(|d| d.tokens.len()).sum();
            let secs = t.elapsed().as_secs_f64().max(1e-9);
            Ok(finish("analyse", all.len(), mb, t, (words > 0).then(|| words as f64 / secs)))
        }
        "store" | "ingest" => {
            let analyse = stage == "ingest";
            let dir = tempfile::tempdir()?;
            let mut store =
                SqliteStore::open(dir.path().join("bench.db")).map_err(|e| fail(Code::Store, e.to_string()))?;
            if analyse {
                pipeline::warm_up();
            }
            let t = Instant::now();
            let mut docs = 0usize;
            let mut buf = Vec::with_capacity(batch);
            let mut put = |buf: &mut Vec<Document>| -> Result<()> {
                if analyse {
                    pipeline::analyse_all(buf);
                }
                crate::cmd::ingest::store_batch(&mut store, buf)?;
                buf.clear();
                Ok(())
            };
            for d in read_inputs(inputs.to_vec(), opts).flatten() {
                docs += 1;
                buf.push(d);
                if buf.len() >= batch {
                    put(&mut buf)?;
                }
            }
            put(&mut buf)?;
            Ok(finish(if analyse { "ingest" } else { "store" }, docs, mb, t, None))
        }
        other => Err(fail(Code::NothingWritten, format!("unknown bench stage {other:?}"))),
    }
}

fn finish(name: &str, docs: usize, mb: f64, started: Instant, wps: Option<f64>) -> Stage {
    let s = started.elapsed().as_secs_f64().max(1e-9);
    Stage {
        stage: name.to_string(),
        docs,
        mb,
        seconds: s,
        docs_per_s: docs as f64 / s,
        mb_per_s: mb / s,
        words_per_s: wps,
        ratio_to_raw_read: None,
        peak_rss_mb: peak_rss_mb(),
    }
}

/// Peak resident set size since the last reset, from /proc/self/status (VmHWM).
pub fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

