//! Prints dev scores of the embedded models (POS, lemmas, entities per type)
//! and their load time.
//!
//! cargo run --release -p corroborate-lang --bin eval-lang -- --dev ../shared/polnear/dev/tokens

use clap::Parser as _;
use corroborate_lang::conll::load_dir;
use corroborate_lang::training::evaluate;
use corroborate_lang::Pipeline;
use std::path::PathBuf;
use std::time::Instant;

#[derive(clap::Parser)]
struct Args {
    #[arg(long, default_value = "../shared/polnear/dev/tokens")]
    dev: PathBuf,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let a = Args::parse();
    let t0 = Instant::now();
    let p = Pipeline::load()?;
    println!("load (embedded, parser {}): {:.1} ms", if p.has_parser() { "included" } else { "absent" }, t0.elapsed().as_secs_f64() * 1e3);
    let dev: Vec<_> = load_dir(&a.dev)?.into_iter().flat_map(|(_, s)| s).collect();
    print!("{}", evaluate(p.models(), &dev).render());
    Ok(())
}
