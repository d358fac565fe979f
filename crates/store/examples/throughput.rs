//! Insert throughput of the SQLite store, FTS5 and near-duplicate index included.
//!
//! `cargo run --release -p corroborate-store --example throughput [N] [BATCH]`
//!
//! Generates N synthetic articles (~350 words, Zipf-like vocabulary; every
//! tenth is a light rewrite of an earlier one so clusters form), writes them
//! to a fresh file store in batches, then re-ingests them (all unchanged).

use corroborate_model::{Document, Meta};
use corroborate_store::{SqliteStore, Store};
use std::time::Instant;

/// xorshift64*: deterministic, dependency-free test data.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// CPU time of this (single-threaded) process in seconds, from Linux's
/// /proc/self/schedstat; the machine is shared, so wall time alone misleads.
fn cpu_secs() -> f64 {
    std::fs::read_to_string("/proc/self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|ns| ns.parse::<f64>().ok()))
        .map_or(f64::NAN, |ns| ns / 1e9)
}

/// Runs `f`, printing docs/s by wall clock and by CPU time.
fn timed<T>(label: &str, n: usize, f: impl FnOnce() -> T) -> T {
    let (t, c) = (Instant::now(), cpu_secs());
    let out = f();
    let (wall, cpu) = (t.elapsed().as_secs_f64(), cpu_secs() - c);
    println!("{label}: {n} docs, wall {wall:.2} s = {:.0} docs/s; CPU {cpu:.2} s = {:.0} docs/s", n as f64 / wall, n as f64 / cpu);
    out
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(10_000);
    let batch: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(500);

    let syllables = ["al", "ra", "ma", "des", "ku", "tor", "sy", "ri", "on", "lep", "po", "ham", "id", "lib", "ga"];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let vocab: Vec<String> = (0..8000)
        .map(|_| (0..2 + rng.below(3)).map(|_| syllables[rng.below(syllables.len())]).collect())
        .collect();
    let mut texts: Vec<String> = Vec::with_capacity(n);
    for i in 0..n {
        let text = if i % 10 == 9 && i > 0 {
            // Light rewrite of an earlier article: replace ~10% of the words.
            let src = &texts[rng.below(i)];
            src.split(' ')
                .map(|w| if rng.below(10) == 0 { vocab[rng.below(vocab.len())].as_str() } else { w })
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            let len = 250 + rng.below(200);
            (0..len)
                .map(|_| {
                    // Zipf-like: squaring a uniform draw favours low ranks.
                    let u = rng.below(vocab.len());
                    vocab[u * u / vocab.len()].as_str()
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        texts.push(text);
    }
    let docs: Vec<Document> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let meta = Meta {
                title: Some(format!("Synthetic article {i}")),
                outlet: Some(format!("outlet{}", i % 13)),
                published: Some(format!("2017-{:02}-{:02}", 1 + i % 12, 1 + i % 28)),
                origin: format!("synthetic:{i}"),
                format: "txt".into(),
                ..Meta::default()
            };
            Document::new(format!("doc-{i}"), t.clone(), meta)
        })
        .collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();

    // The near-duplicate fingerprint alone (shingles + MinHash), for the breakdown.
    let sigs = timed("fingerprints alone", n, || {
        docs.iter()
            .map(|d| corroborate_store::neardup::signature(&corroborate_store::neardup::shingles(&d.text)).map_or(0, |s| s.len()))
            .sum::<usize>()
    });
    assert_eq!(sigs, n * corroborate_store::neardup::NUM_HASHES);

    let dir = std::env::temp_dir().join(format!("corroborate-throughput-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("bench.db");
    let mut store = SqliteStore::open(&path)?;
    println!("{:.1} MB of text, batches of {batch}", bytes as f64 / 1e6);
    let inserted = timed("insert", n, || -> Result<usize, corroborate_store::StoreError> {
        let mut k = 0;
        for chunk in docs.chunks(batch) {
            k += store.put_batch(chunk)?.inserted;
        }
        Ok(k)
    })?;
    assert_eq!(inserted, n);
    let unchanged = timed("re-ingest (unchanged)", n, || -> Result<usize, corroborate_store::StoreError> {
        let mut k = 0;
        for chunk in docs.chunks(batch) {
            k += store.put_batch(chunk)?.unchanged.len();
        }
        Ok(k)
    })?;
    assert_eq!(unchanged, n);

    let stats = store.stats()?;
    println!("clusters with >1 member: {} holding {} docs", stats.clusters, stats.clustered_documents);
    let t = Instant::now();
    let hits = store.search(&vocab[3], 10)?;
    println!("search: {} hits in {:.1} ms", hits.len(), t.elapsed().as_secs_f64() * 1e3);

    drop(store);
    let size = std::fs::metadata(&path)?.len();
    println!("db file: {:.1} MB", size as f64 / 1e6);
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
