//! Parser throughput over PolNeAR dev sentences (gold tags), in words/s, with
//! the shipped feed-forward scorer mixed in when `parser_net.bin` is present.
//! Needs the shipped model and the shared data; skips quietly without them.

use corroborate_lang::conll::{load_dir, Sent};
use corroborate_lang::parser::Parser;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let model = std::fs::read(format!("{root}/crates/lang/models/parser.bin"));
    let dev = load_dir(format!("{root}/../shared/polnear/dev/tokens"))
        .or_else(|_| load_dir("/work/shared/polnear/dev/tokens"));
    let (Ok(model), Ok(dev)) = (model, dev) else {
        eprintln!("parser bench skipped: model or dev data missing");
        return;
    };
    let Ok(parser) = Parser::from_bytes(&model) else {
        eprintln!("parser bench skipped: model does not load");
        return;
    };
    // the shipped parser: the perceptron with its feed-forward scorer, when one is shipped
    let net = std::fs::read(format!("{root}/crates/lang/models/parser_net.bin")).ok().and_then(|b| corroborate_lang::parser::nn::Net::from_bytes(&b).ok());
    let parser = match net {
        Some(n) => parser.with_net(n),
        None => parser,
    };
    let sents: Vec<Sent> = dev.into_iter().flat_map(|(_, s)| s).take(1000).collect();
    let words: Vec<Vec<&str>> = sents.iter().map(|s| s.words.iter().map(|w| w.as_str()).collect()).collect();
    let tags: Vec<Vec<&str>> = sents.iter().map(|s| s.pos.iter().map(|w| w.as_str()).collect()).collect();
    let n: usize = words.iter().map(|w| w.len()).sum();
    let mut g = c.benchmark_group("parser");
    g.throughput(Throughput::Elements(n as u64));
    g.sample_size(10);
    g.bench_function("parse_dev_1000_sentences", |b| {
        b.iter(|| {
            for (w, t) in words.iter().zip(&tags) {
                black_box(parser.parse(w, t));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
