//! `corroborate claims`: what a speaker said (statements and figures), across
//! outlets, resolved through the reconciled entities.

use super::reconcile::{current, ActorsFlag};
use super::Ctx;
use crate::exit::{fail, Code};
use crate::records;
use anyhow::Result;
use corroborate_reconcile::claims::{matching, ClaimHit};
use corroborate_store::Store;

#[derive(clap::Args, Debug)]
#[command(
    group(clap::ArgGroup::new("filter").required(true).multiple(true).args(["speaker", "about"])),
    about = "Statements and figures by a speaker and/or about a subject, across outlets",
    after_help = "Examples:
  corroborate claims --speaker 'de Mistura'
  corroborate claims --speaker Moscow --about evacuation
  corroborate claims --about 'chemical attack' --json

--speaker is resolved like the entities list: \"Moscow\" and \"the Kremlin\" find
Russia's government, \"UN envoy\" finds Staffan de Mistura, misspellings merge.
--about keeps claims containing every word given. Exit code 5: unknown speaker or nothing found."
)]
pub struct Args {
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    #[arg(long, value_name = "WORDS")]
    pub about: Option<String>,
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    #[command(flatten)]
    pub actors: ActorsFlag,
    /// Print the claims as a JSON array.
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<Code> {
    let (r, actors) = current(ctx, &args.actors)?;
    let index = r.name_index(&actors);
    let target = match &args.speaker {
        None => None,
        Some(q) => match r.find_entity(&actors, q) {
            Some(e) => Some(e),
            None => return Err(fail(Code::NotFound, format!("no speaker matching {q:?} (see `corroborate entities`)"))),
        },
    };
    let store = ctx.open_existing()?;
    let mut hits: Vec<ClaimHit> = Vec::new();
    let speaker = |name: Option<&str>| -> Option<Option<String>> {
        let e = name.and_then(|n| index.resolve(n));
        match target {
            None => Some(e.map(|e| e.id.clone())),
            Some(t) => e.filter(|e| e.id == t.id).map(|e| Some(e.id.clone())),
        }
    };
    store
        .for_each_document(&mut |doc| {
            if hits.len() < args.limit {
                let rec = records::load(&store, &doc);
                hits.extend(matching(&rec, args.about.as_deref(), &speaker));
            }
            Ok(())
        })
        .map_err(|e| fail(Code::Store, e.to_string()))?;
    hits.truncate(args.limit);
    if args.json {
        super::print_json(&hits)?;
    } else {
        if let Some(t) = target {
            println!("{} ({}) — {} statement(s) in {} document(s)", t.name, t.kind.as_deref().unwrap_or("?"), t.statements, t.documents);
        }
        for h in &hits {
            println!(
                "{} {} {}  [{}] {}: {}",
                h.published.as_deref().map(|p| p.get(..10).unwrap_or(p)).unwrap_or("(undated)"),
                h.doc,
                h.outlet.as_deref().unwrap_or("(unknown outlet)"),
                h.kind,
                h.speaker.as_deref().unwrap_or("?"),
                h.text.replace('\n', " ")
            );
        }
        if hits.is_empty() {
            eprintln!("no claims found");
        }
    }
    Ok(if hits.is_empty() { Code::NotFound } else { Code::Ok })
}
