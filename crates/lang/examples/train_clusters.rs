//! Learns the parser's word clusters from unlabelled text: the words of
//! PolNeAR's training token files (never dev), clustered by the exchange
//! algorithm at a coarse and a fine granularity (see `corroborate_lang::clusters`).
//!
//! cargo run --release -p corroborate-lang --example train_clusters -- \
//!     ../shared/polnear/train/tokens crates/lang/models/clusters.tsv [K_COARSE K_FINE [MIN_COUNT [PASSES]]]

use corroborate_lang::clusters::{exchange, write_tsv, Clusters, Corpus};
use corroborate_lang::conll::load_dir;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [tokens, out, rest @ ..] = args.as_slice() else {
        return Err("usage: train_clusters TOKENS_DIR OUT.tsv [K_COARSE K_FINE [MIN_COUNT [PASSES]]]".into());
    };
    let num = |i: usize, d: usize| -> Result<usize, Box<dyn std::error::Error>> {
        Ok(rest.get(i).map(|s| s.parse()).transpose()?.unwrap_or(d))
    };
    let (kc, kf, min_count, passes) = (num(0, 64)?, num(1, 512)?, num(2, 3)?, num(3, 15)?);
    let t0 = Instant::now();
    let sents: Vec<Vec<String>> = load_dir(tokens)?.into_iter().flat_map(|(_, s)| s).map(|s| s.words).collect();
    let words: usize = sents.iter().map(Vec::len).sum();
    let corpus = Corpus::new(&sents, min_count as u32);
    println!("{} sentences, {words} words, {} types with count >= {min_count} (+ <rare>)", sents.len(), corpus.words.len());
    let run = |k: usize| {
        exchange(&corpus, k, passes, |p, moved| {
            println!("  k={k} pass {p}: {moved} words moved ({:.0}s)", t0.elapsed().as_secs_f64())
        })
    };
    let coarse = run(kc);
    let fine = run(kf);
    let tsv = write_tsv(&corpus, [kc, kf], &coarse, &fine);
    // Check the file reads back before writing it.
    let back = Clusters::parse_tsv(&tsv, std::path::Path::new(out))?;
    std::fs::write(out, &tsv)?;
    println!("wrote {out}: {} words, {:.0} kB, {:.0}s", back.len(), tsv.len() as f64 / 1e3, t0.elapsed().as_secs_f64());
    Ok(())
}
