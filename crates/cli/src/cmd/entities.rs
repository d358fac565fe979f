//! `corroborate entities`: people, organisations, states, armed groups and
//! media across documents, merged over name variants.

use super::reconcile::{current, ActorsFlag};
use super::Ctx;
use crate::exit::Code;
use anyhow::Result;

#[derive(clap::Args, Debug)]
#[command(
    about = "Actors across documents: merged name variants, roles, type and side",
    after_help = "Examples:
  corroborate entities
  corroborate entities --side jihadist
  corroborate entities --type person --limit 50 --json
  corroborate entities --actors my-actors.tsv

Type and side come from the curated actor list (crates/reconcile/data/actors.tsv);
extend it with --actors FILE in the same format."
)]
pub struct Args {
    /// person | state | government | armed_group | organisation | media | unnamed | place
    /// (unnamed: generic speakers such as "a monitor"; place: names figures happened in;
    /// both listed after the named actors)
    #[arg(long = "type", value_name = "TYPE")]
    pub kind: Option<String>,
    /// state_forces | foreign_state | armed_opposition | jihadist | kurdish | coalition | un_ngo | media
    #[arg(long)]
    pub side: Option<String>,
    /// Only entities the actor list knows.
    #[arg(long)]
    pub listed: bool,
    #[arg(long, default_value_t = 40)]
    pub limit: usize,
    #[command(flatten)]
    pub actors: ActorsFlag,
    /// Print the entities as a JSON array.
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<Code> {
    let (r, _) = current(ctx, &args.actors)?;
    let list: Vec<_> = r
        .entities
        .iter()
        .filter(|e| args.kind.as_deref().is_none_or(|k| e.kind.as_deref() == Some(k)))
        .filter(|e| args.side.as_deref().is_none_or(|s| e.side.as_deref() == Some(s)))
        .filter(|e| !args.listed || e.listed)
        .take(args.limit)
        .collect();
    if args.json {
        super::print_json(&list)?;
        return Ok(Code::Ok);
    }
    println!("{:>5} {:>6} {:>5}  {:<36} {:<13} {:<16} variants / roles", "docs", "ments", "said", "entity", "type", "side");
    for e in &list {
        let variants: Vec<&str> = e.variants.iter().filter(|v| v.name != e.name).take(4).map(|v| v.name.as_str()).collect();
        let roles: Vec<&str> = e.roles.iter().take(3).map(|v| v.name.as_str()).collect();
        let mut extra = variants.join(", ");
        if !roles.is_empty() {
            extra.push_str(&format!(" / {}", roles.join(", ")));
        }
        println!(
            "{:>5} {:>6} {:>5}  {:<36} {:<13} {:<16} {}",
            e.documents,
            e.mentions,
            e.statements,
            e.name.chars().take(36).collect::<String>(),
            e.kind.as_deref().unwrap_or("-"),
            e.side.as_deref().unwrap_or("-"),
            extra
        );
    }
    if list.is_empty() {
        eprintln!("no entities match");
    }
    Ok(Code::Ok)
}
