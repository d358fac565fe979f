//! Trains the dependency parser on PolNeAR's CoreNLP token files and writes
//! the model, printing dev scores after every epoch.
//!
//! cargo run --release -p corroborate-lang --example train_parser -- \
//!     ../shared/polnear/train/tokens ../shared/polnear/dev/tokens crates/lang/models/parser.bin [epochs]

use corroborate_lang::conll::{load_dir, Sent};
use corroborate_lang::parser::{eval, train_with, Parser};
use std::time::Instant;

fn load(dir: &str) -> Result<Vec<Sent>, Box<dyn std::error::Error>> {
    Ok(load_dir(dir)?.into_iter().flat_map(|(_, s)| s).collect())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [train_dir, dev_dir, out, rest @ ..] = args.as_slice() else {
        return Err("usage: train_parser TRAIN_DIR DEV_DIR OUT_MODEL [EPOCHS]".into());
    };
    let epochs: usize = rest.first().map(|e| e.parse()).transpose()?.unwrap_or(12);
    let (train, dev) = (load(train_dir)?, load(dev_dir)?);
    let words: usize = train.iter().map(|s| s.len()).sum();
    println!("train: {} sentences, {words} words; dev: {} sentences", train.len(), dev.len());
    let t0 = Instant::now();
    let (parser, stats) = train_with(&train, &dev, epochs, corroborate_lang::parser::PRUNE, |e, s, st| {
        println!(
            "epoch {e:2}  dev UAS {:.2} LAS {:.2} | no punct UAS {:.2} LAS {:.2}  ({} features, {:.0}s)",
            s.uas, s.las, s.uas_no_punct, s.las_no_punct, st.features, t0.elapsed().as_secs_f64()
        );
    });
    println!(
        "skipped {} non-projective and {} malformed of {} training sentences",
        stats.non_projective, stats.malformed, stats.sentences
    );
    let bytes = parser.to_bytes();
    std::fs::write(out, &bytes)?;
    let t1 = Instant::now();
    let loaded = Parser::from_bytes(&bytes)?;
    let load_ms = t1.elapsed().as_secs_f64() * 1e3;
    let s = eval(&loaded, &dev, |s| s.pos.clone());
    println!(
        "wrote {out}: {:.1} MB, {} weights, loads in {load_ms:.0} ms; reloaded dev UAS {:.2} LAS {:.2} | no punct UAS {:.2} LAS {:.2}",
        bytes.len() as f64 / 1e6,
        loaded.n_weights(),
        s.uas,
        s.las,
        s.uas_no_punct,
        s.las_no_punct
    );
    Ok(())
}
