//! `corroborate reconcile`: cross-check the whole store (entities, figure
//! groups and disputes, quote provenance, mutual accusations, outlet
//! profiles) and save the snapshot the query commands read. Also the shared
//! helpers those commands use to get a fresh snapshot.

use super::Ctx;
use crate::exit::{fail, Code};
use crate::records;
use anyhow::Result;
use corroborate_reconcile::{ActorList, Fingerprint, Reconciled, Reconciler, Snapshot};
use corroborate_store::{SqliteStore, Store};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(clap::Args, Debug)]
#[command(
    about = "Cross-check the whole store and save the reconciled snapshot",
    after_help = "Examples:
  corroborate reconcile
  corroborate reconcile --actors my-actors.tsv
  corroborate --db war.db reconcile --json > reconciled.json

`ingest` reconciles at its end; the query commands (disputes, claims, quotes,
entities, outlets) rebuild the snapshot themselves when the store changed.
Rules and tolerances: docs/reconcile.md."
)]
pub struct Args {
    #[command(flatten)]
    pub actors: ActorsFlag,
    /// Print the whole reconciled result as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `--actors FILE`: extend the built-in actor list (shared by the query commands).
#[derive(clap::Args, Debug, Clone, Default)]
pub struct ActorsFlag {
    /// Tab-separated actor file extending the built-in list (format: crates/reconcile/data/actors.tsv).
    #[arg(long, value_name = "FILE")]
    pub actors: Option<PathBuf>,
}

impl ActorsFlag {
    /// The actor list and the bytes of the user file (for the fingerprint).
    pub fn load(&self) -> Result<(ActorList, Option<Vec<u8>>)> {
        match &self.actors {
            None => Ok((ActorList::builtin(), None)),
            Some(p) => {
                let bytes = std::fs::read(p).map_err(|e| fail(Code::NothingWritten, format!("{}: {e}", p.display())))?;
                let list = ActorList::with_file(p).map_err(|e| fail(Code::NothingWritten, e.to_string()))?;
                Ok((list, Some(bytes)))
            }
        }
    }
}

fn fingerprint(store: &SqliteStore, actors_file: Option<&[u8]>) -> Result<Fingerprint> {
    let s = store.stats().map_err(|e| fail(Code::Store, e.to_string()))?;
    Ok(Fingerprint::new(s.documents, s.aliases, s.text_bytes, actors_file))
}

/// Reconciles every stored record (streaming: one record in memory at a time).
pub fn build(store: &dyn Store, actors: ActorList) -> Result<Reconciled> {
    let mut r = Reconciler::new(actors);
    store
        .for_each_document(&mut |doc| {
            r.add(&records::load(store, &doc));
            Ok(())
        })
        .map_err(|e| fail(Code::Store, e.to_string()))?;
    Ok(r.finish())
}

/// Rebuilds and saves the snapshot of the store at `db`.
pub fn rebuild(db: &Path, store: &SqliteStore, actors: ActorList, actors_file: Option<&[u8]>) -> Result<Snapshot> {
    let started = Instant::now();
    let fingerprint = fingerprint(store, actors_file)?;
    let reconciled = build(store, actors)?;
    let snap = Snapshot { fingerprint, seconds: started.elapsed().as_secs_f64(), reconciled };
    snap.save(&Snapshot::path_for(db)).map_err(|e| fail(Code::Store, e.to_string()))?;
    Ok(snap)
}

/// The snapshot of the store, rebuilt when the store or actor list changed
/// since it was saved (or it is missing or unreadable).
pub fn current(ctx: &Ctx, flag: &ActorsFlag) -> Result<(Reconciled, ActorList)> {
    let store = ctx.open_existing()?;
    let (actors, bytes) = flag.load()?;
    let want = fingerprint(&store, bytes.as_deref())?;
    let path = Snapshot::path_for(&ctx.db);
    match Snapshot::load(&path) {
        Ok(Some(s)) if s.fingerprint == want => return Ok((s.reconciled, actors)),
        Ok(_) => {}
        Err(e) => eprintln!("warning: {e}; rebuilding it"),
    }
    if !ctx.quiet {
        eprintln!("reconciling {} document(s)...", want.documents);
    }
    let snap = rebuild(&ctx.db, &store, actors.clone(), bytes.as_deref())?;
    Ok((snap.reconciled, actors))
}

/// Called at the end of `ingest`: refreshes the snapshot with the built-in
/// actor list. A failure here is a warning; the documents are already stored.
pub fn after_ingest(ctx: &Ctx, store: &SqliteStore) {
    match rebuild(&ctx.db, store, ActorList::builtin(), None) {
        Ok(s) if !ctx.quiet => {
            let r = &s.reconciled;
            let n = |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
            eprintln!(
                "reconciled in {:.1}s: {}, {} ({}), {}, {}",
                s.seconds,
                n(r.entities.len(), "entity", "entities"),
                n(r.figure_groups.len(), "figure group", "figure groups"),
                n(r.disputes().count(), "dispute", "disputes"),
                n(r.statements.len(), "repeated statement", "repeated statements"),
                n(r.accusations.len(), "mutual accusation", "mutual accusations")
            );
        }
        Ok(_) => {}
        Err(e) => eprintln!("warning: reconciling the store failed: {e:#}"),
    }
}

pub fn run(ctx: &Ctx, args: Args) -> Result<Code> {
    let store = ctx.open_existing()?;
    let (actors, bytes) = args.actors.load()?;
    let snap = rebuild(&ctx.db, &store, actors, bytes.as_deref())?;
    let r = &snap.reconciled;
    if args.json {
        super::print_json(r)?;
        return Ok(Code::Ok);
    }
    println!("documents:           {}", r.documents);
    println!("entities:            {} ({} from the actor list)", r.entities.len(), r.entities.iter().filter(|e| e.listed).count());
    println!("figure groups:       {} ({} disputes)", r.figure_groups.len(), r.disputes().count());
    println!("repeated statements: {}", r.statements.len());
    println!("mutual accusations:  {}", r.accusations.len());
    println!("outlets:             {}", r.outlets.len());
    println!("took {:.2}s; snapshot {}", snap.seconds, Snapshot::path_for(&ctx.db).display());
    Ok(Code::Ok)
}
