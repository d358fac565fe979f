//! Tokenizer + sentence splitter throughput over the PolNeAR dev texts
//! (skipped with a message if the data is not beside the repo).
//! cargo bench -p corroborate-tokenize --bench tokenize

use corroborate_tokenize::{split_sentences, tokenize};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::path::Path;

fn load() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/polnear/dev/text");
    let mut texts: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok()).filter_map(|e| std::fs::read_to_string(e.path()).ok()).collect())
        .unwrap_or_default();
    texts.sort();
    texts
}

fn bench(c: &mut Criterion) {
    let texts = load();
    if texts.is_empty() {
        eprintln!("no PolNeAR dev texts found; nothing to benchmark");
        return;
    }
    // Throughput in whitespace-separated words, the unit of the speed budget.
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut g = c.benchmark_group("polnear-dev");
    g.throughput(Throughput::Elements(words as u64));
    g.bench_function(format!("tokenize {words} words"), |b| {
        b.iter(|| texts.iter().map(|t| tokenize(black_box(t)).len()).sum::<usize>())
    });
    g.bench_function(format!("tokenize+split {words} words"), |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| {
                    let s = tokenize(black_box(t));
                    split_sentences(t, &s).len()
                })
                .sum::<usize>()
        })
    });
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function(format!("tokenize {bytes} bytes"), |b| {
        b.iter(|| texts.iter().map(|t| tokenize(black_box(t)).len()).sum::<usize>())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
