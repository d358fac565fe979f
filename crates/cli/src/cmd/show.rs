//! `corroborate show`: one stored document, its metadata and text.

use super::Ctx;
use crate::exit::{fail, Code};
use anyhow::Result;
use corroborate_store::Store;

#[derive(clap::Args, Debug)]
#[command(
    about = "Show one stored document: metadata, duplicates and text",
    after_help = "Examples:
  corroborate show 004_b36bf3ba6d96f8ac
  corroborate show 1914947530 --json"
)]
pub struct Args {
    /// Document id (or any alias under which a duplicate was ingested).
    #[arg(value_name = "ID")]
    pub id: String,
    /// Print the stored document as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<Code> {
    let store = ctx.open_existing()?;
    let Some(doc) = store.get(&args.id).map_err(|e| fail(Code::Store, e.to_string()))? else {
        return Err(fail(Code::NotFound, format!("no document with id {:?} in {}", args.id, ctx.db.display())));
    };
    if args.json {
        super::print_json(&doc)?;
        return Ok(Code::Ok);
    }
    let m = &doc.meta;
    println!("id:        {}", doc.id);
    for (k, v) in [
        ("title", &m.title),
        ("outlet", &m.outlet),
        ("published", &m.published),
        ("author", &m.author),
        ("url", &m.url),
        ("fetched", &m.fetched),
    ] {
        if let Some(v) = v {
            println!("{:<10} {v}", format!("{k}:"));
        }
    }
    println!("origin:    {} ({})", m.origin, m.format);
    if !doc.aliases.is_empty() {
        let ids: Vec<&str> = doc.aliases.iter().map(|a| a.id.as_str()).collect();
        println!("aliases:   {}", ids.join(", "));
    }
    println!("cluster:   {}", doc.cluster);
    println!();
    println!("{}", doc.text);
    Ok(Code::Ok)
}
