//! `corroborate stats`: what the store holds.

use super::Ctx;
use crate::exit::{fail, Code};
use anyhow::Result;
use corroborate_store::Store;

#[derive(clap::Args, Debug)]
#[command(
    about = "Summarise the store: documents, outlets, dates, duplicate clusters",
    after_help = "Examples:
  corroborate stats
  corroborate --db war.db stats --json"
)]
pub struct Args {
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<Code> {
    let store = ctx.open_existing()?;
    let s = store.stats().map_err(|e| fail(Code::Store, e.to_string()))?;
    if args.json {
        super::print_json(&s)?;
        return Ok(Code::Ok);
    }
    println!("store:      {}", ctx.db.display());
    println!("documents:  {} ({} more id(s) point at duplicates)", s.documents, s.aliases);
    println!("text:       {:.1} MB", s.text_bytes as f64 / 1e6);
    if let Some((a, b)) = &s.published_range {
        println!("dates:      {a} .. {b}");
    }
    println!("clusters:   {} near-duplicate group(s) holding {} document(s)", s.clusters, s.clustered_documents);
    if !s.outlets.is_empty() {
        println!("outlets:");
        for (name, n) in s.outlets.iter().take(20) {
            println!("  {n:>7}  {}", name.as_deref().unwrap_or("(unknown)"));
        }
        if s.outlets.len() > 20 {
            println!("  ... and {} more (use --json)", s.outlets.len() - 20);
        }
    }
    Ok(Code::Ok)
}
