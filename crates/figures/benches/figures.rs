//! Cost of figures + incidents relative to the language analysis, over the
//! FA-KES dev texts (first 150 articles, to keep a run short).
//! `cargo bench -p corroborate-figures --bench figures`

use corroborate_model::{Document, Meta};
use criterion::{criterion_group, criterion_main, Criterion};

const FAKES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/fakes/fakes-dev.csv");

fn texts() -> Vec<(String, String)> {
    let Ok(mut rd) = csv::Reader::from_path(FAKES) else { return Vec::new() };
    rd.records()
        .filter_map(Result::ok)
        .take(150)
        .map(|r| (format!("{}\n\n{}", r.get(1).unwrap_or(""), r.get(2).unwrap_or("")), r.get(4).unwrap_or("").to_string()))
        .collect()
}

fn bench(c: &mut Criterion) {
    let Ok(pipeline) = corroborate_lang::Pipeline::load() else { return };
    let texts = texts();
    let docs = |texts: &[(String, String)]| -> Vec<Document> {
        texts.iter().map(|(t, d)| Document::new("d", t.clone(), Meta { published: Some(d.clone()), ..Meta::default() })).collect()
    };
    let mut g = c.benchmark_group("fakes150");
    g.sample_size(10);
    g.bench_function("analyse", |b| {
        b.iter_batched(|| docs(&texts), |mut ds| for d in &mut ds { pipeline.analyse(d) }, criterion::BatchSize::LargeInput)
    });
    g.bench_function("analyse+figures+incidents", |b| {
        b.iter_batched(
            || docs(&texts),
            |mut ds| {
                for d in &mut ds {
                    pipeline.analyse(d);
                    std::hint::black_box(corroborate_figures::analyse(d));
                }
            },
            criterion::BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
