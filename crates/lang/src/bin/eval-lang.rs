//! Prints dev scores of the embedded models (POS, lemmas, entities per type)
//! and their load time.
//!
//! cargo run --release -p corroborate-lang --bin eval-lang -- --dev ../shared/polnear/dev/tokens

use clap::Parser as _;
use corroborate_lang::conll::load_dir;
use corroborate_lang::training::evaluate;
use corroborate_lang::Pipeline;
use corroborate_model::{Document, Meta};
use std::path::PathBuf;
use std::time::Instant;

#[derive(clap::Parser)]
struct Args {
    #[arg(long, default_value = "../shared/polnear/dev/tokens")]
    dev: PathBuf,
    /// Only the speed runs, repeated this many times (best and median
    /// reported): for comparing builds on the shared, noisy machine.
    #[arg(long)]
    speed_only: Option<usize>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let a = Args::parse();
    let t0 = Instant::now();
    let p = Pipeline::load()?;
    let total = t0.elapsed();
    let t1 = Instant::now();
    let _ = corroborate_lang::models::Models::from_bytes(p.model_bytes())?;
    println!("load tagger+ner+lemmas alone: {:.1} ms", t1.elapsed().as_secs_f64() * 1e3);
    println!("load (embedded, parser {}): {:.1} ms", if p.has_parser() { "included" } else { "absent" }, total.as_secs_f64() * 1e3);
    if let Some(reps) = a.speed_only {
        speed_runs(&p, &a.dev.join("../text"), reps.max(1));
        return Ok(());
    }
    let dev = load_dir(&a.dev)?;
    print!("{}", evaluate(p.models(), &dev).render());
    throughput(&p, &a.dev.join("../text"));
    Ok(())
}

/// Single-thread words/s of tokenize+tag+entities (and the full analysis) over raw texts.
fn throughput(p: &Pipeline, dir: &std::path::Path) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    let texts: Vec<String> = rd.filter_map(|e| e.ok()).filter_map(|e| std::fs::read_to_string(e.path()).ok()).collect();
    let docs: Vec<Document> = texts.iter().map(|t| Document::new("d", t.clone(), Meta::default())).collect();
    let run = |name: &str, f: &dyn Fn(&mut Document)| {
        let mut words = 0usize;
        let c0 = cpu_ns();
        let t0 = Instant::now();
        for _ in 0..3 {
            for d in &docs {
                let mut d = d.clone();
                f(&mut d);
                words += d.tokens.len();
            }
        }
        let s = t0.elapsed().as_secs_f64();
        let cpu = cpu_ns().zip(c0).map(|(b, a)| (b - a) as f64 / 1e9);
        print!("{name}: {words} words in {s:.2}s wall = {:.0} words/s", words as f64 / s);
        match cpu {
            Some(c) => println!("; {c:.2}s on-CPU = {:.0} words/s per core", words as f64 / c),
            None => println!(),
        }
    };
    run("tokenize+tag+ner", &|d| p.ner(d));
    if p.has_parser() {
        run("analyse (incl. parser)", &|d| p.analyse(d));
    }
    println!("output fingerprint (all layers, dev texts): {:016x}", fingerprint(p, &docs));
}

/// FNV-1a over every output of the full analysis (tags, lemmas, entities,
/// heads, labels) of the dev texts in file-name order: speed work that must
/// not change predictions is checked by this value staying the same.
fn fingerprint(p: &Pipeline, docs: &[Document]) -> u64 {
    let mut order: Vec<&Document> = docs.iter().collect();
    order.sort_by(|a, b| a.text.cmp(&b.text));
    let mut h = 0xcbf29ce484222325u64;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h = (h ^ b as u64).wrapping_mul(0x100000001b3);
        }
    };
    for d in order {
        let mut d = d.clone();
        p.analyse(&mut d);
        let t = &d.tokens;
        eat(&t.pos);
        eat(&t.ner);
        for l in &t.lemmas {
            eat(l.as_bytes());
            eat(&[0]);
        }
        for &x in &t.heads {
            eat(&x.to_le_bytes());
        }
        eat(&t.deprels);
        for s in d.layer("entities").map(|l| l.spans.as_slice()).unwrap_or(&[]) {
            eat(&s.span.start.to_le_bytes());
            eat(&s.span.end.to_le_bytes());
            eat(s.label.as_bytes());
        }
    }
    h
}

/// Words/s per core of tokenize+tag+entities, of the full analysis and of
/// the parser alone (full minus the rest), `reps` times over the dev texts.
fn speed_runs(p: &Pipeline, dir: &std::path::Path, reps: usize) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    let docs: Vec<Document> = rd
        .filter_map(|e| e.ok())
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .map(|t| Document::new("d", t, Meta::default()))
        .collect();
    let time = |f: &dyn Fn(&mut Document)| -> Option<(usize, f64)> {
        let c0 = cpu_ns()?;
        let mut words = 0;
        for d in &docs {
            let mut d = d.clone();
            f(&mut d);
            words += d.tokens.len();
        }
        Some((words, (cpu_ns()? - c0) as f64 / 1e9))
    };
    let (mut ner, mut full, mut parse) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..reps {
        let (Some((w, a)), Some((_, b))) = (time(&|d| p.ner(d)), time(&|d| p.analyse(d))) else { return };
        ner.push(w as f64 / a);
        full.push(w as f64 / b);
        parse.push(w as f64 / (b - a).max(1e-9));
    }
    for (name, v) in [("tokenize+tag+ner", &mut ner), ("analyse (incl. parser)", &mut full), ("parser alone", &mut parse)] {
        v.sort_by(|a, b| a.total_cmp(b));
        println!("{name}: best {:.0} median {:.0} words/s per core ({reps} runs)", v[v.len() - 1], v[v.len() / 2]);
    }
}

/// Nanoseconds this thread has run on a CPU (Linux schedstat), so the
/// figure is not skewed by other processes on a busy machine.
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}
