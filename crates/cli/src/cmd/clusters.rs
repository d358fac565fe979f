//! `corroborate clusters`: groups of near-duplicate documents (syndicated
//! wire copy, lightly edited rewrites).

use super::Ctx;
use crate::exit::{fail, Code};
use anyhow::Result;
use corroborate_store::Store;

#[derive(clap::Args, Debug)]
#[command(
    about = "List near-duplicate clusters (the same story in several outlets)",
    after_help = "Examples:
  corroborate clusters
  corroborate clusters --min-size 3 --json"
)]
pub struct Args {
    /// Smallest cluster to list.
    #[arg(long, default_value_t = 2)]
    pub min_size: usize,
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<Code> {
    let store = ctx.open_existing()?;
    let clusters = store.clusters(args.min_size.max(1)).map_err(|e| fail(Code::Store, e.to_string()))?;
    if args.json {
        super::print_json(&clusters)?;
        return Ok(Code::Ok);
    }
    for c in &clusters {
        println!("cluster {} ({} documents)", c.id, c.members.len());
        for m in &c.members {
            println!(
                "  {:<24} {:<16} {}",
                m.id,
                m.outlet.as_deref().unwrap_or("-"),
                m.title.as_deref().unwrap_or("(untitled)")
            );
        }
    }
    if clusters.is_empty() {
        eprintln!("no near-duplicate clusters of {} or more documents", args.min_size);
    }
    Ok(Code::Ok)
}
