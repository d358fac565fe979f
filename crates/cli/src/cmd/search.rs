//! `corroborate search`: full-text search over stored titles and bodies.

use super::Ctx;
use crate::exit::{fail, Code};
use anyhow::Result;
use corroborate_store::{Store, SNIPPET_CLOSE, SNIPPET_OPEN};

#[derive(clap::Args, Debug)]
#[command(
    about = "Full-text search over stored titles and article bodies",
    after_help = "Examples:
  corroborate search evacuation
  corroborate search '\"could not be independently verified\"' --limit 5
  corroborate search 'de Mistura' --json

Words are matched in any order (all must appear); put a phrase in double quotes."
)]
pub struct Args {
    /// What to look for.
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Print hits as a JSON array.
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<Code> {
    let store = ctx.open_existing()?;
    let q = args.query.join(" ");
    let hits = store.search(&q, args.limit).map_err(|e| fail(Code::NothingWritten, e.to_string()))?;
    if args.json {
        super::print_json(&hits)?;
    } else if hits.is_empty() {
        eprintln!("no document matches {q:?}");
    } else {
        for h in &hits {
            println!("{}  {}", h.id, h.title.as_deref().unwrap_or("(untitled)"));
            let snippet = h.snippet.replace('\n', " ");
            let snippet = if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
                snippet.replace(SNIPPET_OPEN, "\x1b[1m").replace(SNIPPET_CLOSE, "\x1b[0m")
            } else {
                snippet.replace(SNIPPET_OPEN, "[").replace(SNIPPET_CLOSE, "]")
            };
            println!("    {snippet}");
        }
    }
    Ok(if hits.is_empty() { Code::NotFound } else { Code::Ok })
}
