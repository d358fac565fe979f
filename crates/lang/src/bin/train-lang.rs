//! Trains the tagger, entity recogniser and lemmas (and the parser, when
//! asked) on PolNeAR's CoreNLP token files, prints dev scores, writes models.
//!
//! cargo run --release -p corroborate-lang --bin train-lang -- \
//!     --train ../shared/polnear/train/tokens --dev ../shared/polnear/dev/tokens --out crates/lang/models

use clap::Parser as _;
use corroborate_lang::conll::{load_dir, Sent};
use corroborate_lang::training::{evaluate, train, TrainOptions};
use std::path::PathBuf;
use std::time::Instant;

#[derive(clap::Parser)]
struct Args {
    #[arg(long, default_value = "../shared/polnear/train/tokens")]
    train: PathBuf,
    #[arg(long, default_value = "../shared/polnear/dev/tokens")]
    dev: PathBuf,
    /// Directory for lang.bin (and parser.bin with --parser).
    #[arg(long, default_value = "crates/lang/models")]
    out: PathBuf,
    #[arg(long, default_value_t = TrainOptions::default().pos_epochs)]
    pos_epochs: usize,
    #[arg(long, default_value_t = TrainOptions::default().ner_epochs)]
    ner_epochs: usize,
    #[arg(long, default_value_t = TrainOptions::default().seed)]
    seed: u64,
    /// Also train the dependency parser (slow) with this many epochs.
    #[arg(long)]
    parser_epochs: Option<usize>,
}

fn load(dir: &PathBuf) -> Result<Vec<Sent>, Box<dyn std::error::Error>> {
    Ok(load_dir(dir)?.into_iter().flat_map(|(_, s)| s).collect())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let a = Args::parse();
    let (tr, dev) = (load(&a.train)?, load(&a.dev)?);
    println!("train {} sentences, dev {} sentences", tr.len(), dev.len());
    let opts = TrainOptions { pos_epochs: a.pos_epochs, ner_epochs: a.ner_epochs, seed: a.seed, ..Default::default() };
    let t0 = Instant::now();
    let models = train(&tr, &opts, &mut |l| println!("{l}"));
    println!("trained in {:.1}s", t0.elapsed().as_secs_f64());
    print!("{}", evaluate(&models, &dev).render());
    std::fs::create_dir_all(&a.out)?;
    let bytes = models.to_bytes();
    let path = a.out.join("lang.bin");
    std::fs::write(&path, &bytes)?;
    println!("wrote {} ({} bytes)", path.display(), bytes.len());
    // parser: see parser::train — it trains from the same sentences.
    if let Some(epochs) = a.parser_epochs {
        let (parser, _) = corroborate_lang::parser::train_with(&tr, &dev, epochs, corroborate_lang::parser::PRUNE, |e, s, _| {
            println!("parser epoch {e}: dev UAS {:.2} LAS {:.2}", s.uas, s.las)
        });
        let bytes = parser.to_bytes();
        let path = a.out.join("parser.bin");
        std::fs::write(&path, &bytes)?;
        println!("wrote {} ({} bytes)", path.display(), bytes.len());
    }
    Ok(())
}
