//! Trains the tagger, entity recogniser and lemmas (and the parser and its
//! feed-forward scorer, when asked) on PolNeAR's CoreNLP token files, prints dev scores, writes models.
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
    /// Averaged weights below this are dropped (smaller, faster models).
    #[arg(long, default_value_t = TrainOptions::default().prune)]
    prune: f32,
    /// Also train the dependency parser (slow) with this many epochs.
    #[arg(long)]
    parser_epochs: Option<usize>,
    /// Also train the parser's feed-forward scorer (parser_net.bin, ~15 min) with
    /// this many epochs; its mixing weight is chosen on dev against parser.bin in --out.
    #[arg(long)]
    net_epochs: Option<usize>,
}

fn sentences(docs: &[(String, Vec<Sent>)]) -> Vec<Sent> {
    docs.iter().flat_map(|d| d.1.iter().cloned()).collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let a = Args::parse();
    let (tr_docs, dev_docs) = (load_dir(&a.train)?, load_dir(&a.dev)?);
    let (tr, dev) = (sentences(&tr_docs), sentences(&dev_docs));
    println!("train {} sentences, dev {} sentences", tr.len(), dev.len());
    let opts = TrainOptions { pos_epochs: a.pos_epochs, ner_epochs: a.ner_epochs, seed: a.seed, prune: a.prune };
    let t0 = Instant::now();
    let models = train(&tr_docs, &opts, &mut |l| println!("{l}"));
    println!("trained in {:.1}s", t0.elapsed().as_secs_f64());
    print!("{}", evaluate(&models, &dev_docs).render());
    std::fs::create_dir_all(&a.out)?;
    let bytes = models.to_bytes();
    let path = a.out.join("lang.bin");
    std::fs::write(&path, &bytes)?;
    println!("wrote {} ({} bytes)", path.display(), bytes.len());
    // parser: see parser::train — it trains from the same sentences.
    if let Some(epochs) = a.parser_epochs {
        let parser = corroborate_lang::parser::train(&tr, &dev, epochs);
        let sc = corroborate_lang::parser::eval(&parser, &dev, None);
        println!("parser: dev UAS {:.2} LAS {:.2} (silver tags)", sc.uas, sc.las);
        let bytes = parser.to_bytes();
        let path = a.out.join("parser.bin");
        std::fs::write(&path, &bytes)?;
        println!("wrote {} ({} bytes)", path.display(), bytes.len());
    }
    if let Some(epochs) = a.net_epochs {
        use corroborate_lang::parser::{choose_mix, choose_skip, train_nn, NnConfig, Parser, MIX_GRID, SKIP_GRID};
        let parser = Parser::from_bytes(&std::fs::read(a.out.join("parser.bin"))?)?;
        let cfg = NnConfig { epochs, ..NnConfig::default() };
        let mut net = train_nn(&tr, &cfg, |e, _| println!("net epoch {e}"));
        net.prepare();
        let (mix, sc) = choose_mix(&parser, &net, &dev, MIX_GRID);
        net.mix = mix;
        net.skip = choose_skip(&parser, &net, &dev, SKIP_GRID);
        let path = a.out.join("parser_net.bin");
        std::fs::write(&path, net.to_bytes())?;
        println!("wrote {}: mix {mix}, dev UAS {:.2} LAS {:.2} (no punct, silver tags)", path.display(), sc.uas_no_punct, sc.las_no_punct);
    }
    Ok(())
}
