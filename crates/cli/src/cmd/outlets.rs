//! `corroborate outlets`: how each outlet sources and frames its reporting.

use super::reconcile::{current, ActorsFlag};
use super::Ctx;
use crate::exit::Code;
use anyhow::Result;

#[derive(clap::Args, Debug)]
#[command(
    about = "Outlet profiles: documents, named vs unnamed sourcing, hedges, framing terms per side",
    after_help = "Examples:
  corroborate outlets
  corroborate outlets --limit 5 --json"
)]
pub struct Args {
    #[arg(long, default_value_t = 30)]
    pub limit: usize,
    #[command(flatten)]
    pub actors: ActorsFlag,
    /// Print the profiles as a JSON array.
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<Code> {
    let (r, _) = current(ctx, &args.actors)?;
    let list: Vec<_> = r.outlets.iter().take(args.limit).collect();
    if args.json {
        super::print_json(&list)?;
        return Ok(Code::Ok);
    }
    for p in list {
        println!(
            "{} — {} documents{}",
            p.outlet,
            p.documents,
            match (&p.first, &p.last) {
                (Some(a), Some(b)) => format!(", {a}..{b}"),
                _ => String::new(),
            }
        );
        let named = p.named_share().map(|s| format!("{:.0}% named", s * 100.0)).unwrap_or_else(|| "-".into());
        println!(
            "    statements {} ({named}; {} unnamed, {} without source); figures {} ({} sourced); accusations {}",
            p.attributions, p.unnamed_sources, p.no_source, p.figures, p.sourced_figures, p.accusations
        );
        if !p.hedges.is_empty() {
            let h: Vec<String> = p.hedges.iter().map(|(k, v)| format!("{k} {v}")).collect();
            println!("    hedges: {}", h.join(", "));
        }
        for (side, terms) in &p.framing {
            let mut t: Vec<(&String, &usize)> = terms.iter().collect();
            t.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
            let t: Vec<String> = t.iter().take(6).map(|(k, v)| format!("{k} {v}")).collect();
            println!("    of {side}: {}", t.join(", "));
        }
        if !p.top_speakers.is_empty() {
            let s: Vec<String> = p.top_speakers.iter().take(5).map(|(k, v)| format!("{k} {v}")).collect();
            println!("    quotes most: {}", s.join(", "));
        }
    }
    Ok(Code::Ok)
}
