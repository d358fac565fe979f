//! `corroborate disputes`: figures about the same thing that disagree.

use super::reconcile::{current, ActorsFlag};
use super::Ctx;
use crate::exit::Code;
use anyhow::Result;
use corroborate_reconcile::FigureGroup;

#[derive(clap::Args, Debug)]
#[command(
    about = "Figures about the same thing (category, who, place, time window) that disagree",
    after_help = "Examples:
  corroborate disputes
  corroborate disputes --category killed --limit 5
  corroborate disputes --all --json

Two claims dispute when their ranges do not overlap after widening each by 10%
(20% for \"about\"); \"at least N\" is open-ended and vague claims never dispute.
A figure \"in the past 24 hours\" is not compared with a total. See docs/reconcile.md."
)]
pub struct Args {
    /// Only this category (killed, injured, evacuated, displaced, ...).
    #[arg(long)]
    pub category: Option<String>,
    /// Also list groups whose claims agree.
    #[arg(long)]
    pub all: bool,
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    #[command(flatten)]
    pub actors: ActorsFlag,
    /// Print the groups as a JSON array.
    #[arg(long)]
    pub json: bool,
}

fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 { format!("{}", v as i64) } else { format!("{v:.1}") }
}

pub fn print_group(g: &FigureGroup) {
    let place = g.place.as_deref().unwrap_or("(no place named)");
    let window = match (&g.from, &g.to) {
        (Some(a), Some(b)) if a == b => format!(" on {a}"),
        (Some(a), Some(b)) => format!(" {a}..{b}"),
        _ => String::new(),
    };
    let scope = if g.scope == "total" { String::new() } else { format!(" [{}]", g.scope) };
    let flag = if g.dispute { "DISPUTE" } else { "agree" };
    println!("{} {flag}: {} {} in {place}{window}{scope} — {} claims in {} documents", g.id, g.category, g.who, g.total_claims, g.documents);
    if let Some(c) = &g.consensus {
        println!("    consensus {}..{} (median {})", num(c.min), num(c.max), g.median.map(num).unwrap_or_default());
    }
    for s in g.sources.iter().take(8) {
        let hi = s.max.map(num).unwrap_or_else(|| "open".into());
        let range = if s.max == Some(s.min) { num(s.min) } else { format!("{}..{hi}", num(s.min)) };
        println!("    {:>14}  {} ({} claim(s))", range, s.source, s.claims);
    }
    if g.sources.len() > 8 {
        println!("    ... {} more sources (use --json)", g.sources.len() - 8);
    }
    for c in g.claims.iter().take(6) {
        println!(
            "      {} {} chars {}..{}: {:?} ({}{})",
            c.doc,
            c.outlet.as_deref().unwrap_or("(unknown outlet)"),
            c.start,
            c.end,
            c.text,
            c.qualifier,
            c.source.as_deref().map(|s| format!(", {s}")).unwrap_or_default()
        );
    }
}

pub fn run(ctx: &Ctx, args: Args) -> Result<Code> {
    let (r, _) = current(ctx, &args.actors)?;
    let groups: Vec<&FigureGroup> = r
        .figure_groups
        .iter()
        .filter(|g| args.all || g.dispute)
        .filter(|g| args.category.as_deref().is_none_or(|c| g.category.eq_ignore_ascii_case(c)))
        .take(args.limit)
        .collect();
    if args.json {
        super::print_json(&groups)?;
        return Ok(Code::Ok);
    }
    let total = r.disputes().count();
    if groups.is_empty() {
        eprintln!("no {} found among {} figure group(s)", if args.all { "figure groups" } else { "disputes" }, r.figure_groups.len());
        return Ok(Code::Ok);
    }
    println!("{total} dispute(s) among {} figure group(s) in {} documents", r.figure_groups.len(), r.documents);
    for g in groups {
        println!();
        print_group(g);
    }
    Ok(Code::Ok)
}
