//! Tag + entity throughput over the PolNeAR dev texts, in words/s, with the
//! embedded models (and the full pipeline incl. tokenizer and parser).

use corroborate_lang::Pipeline;
use corroborate_model::{Document, Meta};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

fn dev_texts() -> Vec<String> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/polnear/dev/text");
    let Ok(rd) = std::fs::read_dir(root) else { return Vec::new() };
    let mut paths: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect()
}

fn bench(c: &mut Criterion) {
    let (Ok(p), texts) = (Pipeline::load(), dev_texts()) else {
        eprintln!("lang bench skipped: no embedded model");
        return;
    };
    if texts.is_empty() {
        eprintln!("lang bench skipped: PolNeAR dev texts not found");
        return;
    }
    // Tokenize once; time tagging and entities alone over the tokenized docs.
    let docs: Vec<Document> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut d = Document::new(i.to_string(), t.clone(), Meta::default());
            p.tag(&mut d);
            d
        })
        .collect();
    let words: usize = docs.iter().map(|d| d.tokens.len()).sum();
    let mut g = c.benchmark_group("lang");
    g.throughput(Throughput::Elements(words as u64));
    g.sample_size(10);
    g.bench_function("tag+ner_dev", |b| {
        b.iter(|| {
            for d in &docs {
                let mut d = d.clone();
                p.tag(&mut d);
                p.ner(&mut d);
                black_box(&d.tokens.ner);
            }
        })
    });
    g.bench_function("tokenize+tag+ner_dev", |b| {
        b.iter(|| {
            for (i, t) in texts.iter().enumerate() {
                let mut d = Document::new(i.to_string(), t.clone(), Meta::default());
                p.ner(&mut d);
                black_box(&d.tokens.ner);
            }
        })
    });
    if p.has_parser() {
        g.bench_function("analyse_full_dev", |b| {
            b.iter(|| {
                for (i, t) in texts.iter().enumerate() {
                    let mut d = Document::new(i.to_string(), t.clone(), Meta::default());
                    p.analyse(&mut d);
                    black_box(&d.tokens.heads);
                }
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
