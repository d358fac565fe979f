//! `corroborate quotes`: the same statement in several documents, with its
//! first appearance and how later copies drifted.

use super::reconcile::{current, ActorsFlag};
use super::Ctx;
use crate::exit::Code;
use anyhow::Result;

#[derive(clap::Args, Debug)]
#[command(
    about = "Statements repeated across documents: first appearance, outlets, drift",
    after_help = "Examples:
  corroborate quotes
  corroborate quotes --provenance --limit 5
  corroborate quotes --provenance --json

--provenance shows each group's timeline and a word diff of every later wording
against the first ([-deleted-] {+inserted+}), labelled truncated, extended,
changed_words or misspelt_name."
)]
pub struct Args {
    /// Show the timeline and word diffs of each group.
    #[arg(long)]
    pub provenance: bool,
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    #[command(flatten)]
    pub actors: ActorsFlag,
    /// Print the groups as a JSON array.
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<Code> {
    let (r, _) = current(ctx, &args.actors)?;
    let groups: Vec<_> = r.statements.iter().take(args.limit).collect();
    if args.json {
        super::print_json(&groups)?;
        return Ok(Code::Ok);
    }
    if groups.is_empty() {
        eprintln!("no statement appears in more than one document");
        return Ok(Code::Ok);
    }
    println!("{} statement(s) appear in more than one document", r.statements.len());
    for g in groups {
        println!();
        let f = &g.first;
        println!(
            "{} — {} documents, {} outlets; first {} {} ({}) chars {}..{}, {}",
            g.id,
            g.documents,
            g.outlets.len(),
            f.published.as_deref().unwrap_or("(undated)"),
            f.doc,
            f.outlet.as_deref().unwrap_or("(unknown outlet)"),
            f.start,
            f.end,
            f.speaker.as_deref().unwrap_or("(no speaker)")
        );
        println!("    \"{}\"", g.text.replace('\n', " "));
        if !args.provenance {
            continue;
        }
        for a in &g.timeline {
            println!(
                "      {} {} {} — {}",
                a.published.as_deref().unwrap_or("(undated)"),
                a.doc,
                a.outlet.as_deref().unwrap_or("(unknown outlet)"),
                a.speaker.as_deref().unwrap_or("(no speaker)")
            );
        }
        for w in g.wordings.iter().skip(1) {
            let diff: String = w
                .diff
                .iter()
                .map(|o| match o.op.as_str() {
                    "delete" => format!("[-{}-]", o.text),
                    "insert" => format!("{{+{}+}}", o.text),
                    _ => o.text.clone(),
                })
                .collect();
            println!("    {} ({}, {} appearance(s), first {}): {}", w.drift.join(", "), w.first.doc, w.appearances, w.first.outlet.as_deref().unwrap_or("?"), diff.replace('\n', " "));
        }
    }
    Ok(Code::Ok)
}
