//! `corroborate` — the command-line glue. Each subcommand lives in `cmd/`;
//! this file only parses arguments and maps outcomes to exit codes.

mod cmd;
mod exit;
mod pipeline;
mod records;
mod progress;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

const AFTER_HELP: &str = "\
Exit codes:
  0  success
  1  finished, but some input records could not be read (each is reported on stderr)
  2  usage error (bad flags or arguments)
  3  nothing was written: --strict found bad input, or the store refused the batch
  4  the store could not be opened or written (I/O, not a database, newer schema)
  5  a requested item does not exist (show ID)

The store defaults to ./corroborate.db; set --db or CORROBORATE_DB to use another file.";

#[derive(Parser)]
#[command(name = "corroborate", version = concat!(env!("CARGO_PKG_VERSION"), " (output contract v1.2)"),
    about = "Turn reporting on a war or crisis into a cross-checked record.",
    after_help = AFTER_HELP)]
struct Cli {
    /// SQLite store file.
    #[arg(long, global = true, env = "CORROBORATE_DB", default_value = "corroborate.db")]
    db: PathBuf,
    /// No progress bars or summaries on stderr.
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    cmd: Command,
}

#[derive(Subcommand)]
enum Command {
    Ingest(cmd::ingest::Args),
    Extract(cmd::extract::Args),
    Search(cmd::search::Args),
    Show(cmd::show::Args),
    Stats(cmd::stats::Args),
    Clusters(cmd::clusters::Args),
    Export(cmd::export::Args),
    Bench(cmd::bench::Args),
    Serve(cmd::serve::Args),
    Report(cmd::report::Args),
    Reconcile(cmd::reconcile::Args),
    Disputes(cmd::disputes::Args),
    Claims(cmd::claims::Args),
    Quotes(cmd::quotes::Args),
    Entities(cmd::entities::Args),
    Outlets(cmd::outlets::Args),
    /// Score the extractors against annotated data.
    Eval(cmd::eval::Args),
}

/// A closed pipe (`corroborate disputes --json | head`) ends the process
/// quietly, as for other Unix tools, instead of a panic in `println!`: Rust
/// ignores SIGPIPE by default, so the default action is restored.
#[cfg(unix)]
fn default_sigpipe() {
    // SAFETY: called first thing in main, before any thread exists; SIG_DFL is a valid handler.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn default_sigpipe() {}

fn main() -> ExitCode {
    default_sigpipe();
    let cli = Cli::parse();
    let ctx = cmd::Ctx { db: cli.db, quiet: cli.quiet };
    let result = match cli.cmd {
        Command::Ingest(a) => cmd::ingest::run(&ctx, a),
        Command::Extract(a) => cmd::extract::run(&ctx, a),
        Command::Search(a) => cmd::search::run(&ctx, a),
        Command::Show(a) => cmd::show::run(&ctx, a),
        Command::Stats(a) => cmd::stats::run(&ctx, a),
        Command::Clusters(a) => cmd::clusters::run(&ctx, a),
        Command::Export(a) => cmd::export::run(&ctx, a),
        Command::Bench(a) => cmd::bench::run(&ctx, a),
        Command::Serve(a) => cmd::serve::run(&ctx, a),
        Command::Report(a) => cmd::report::run(&ctx, a),
        Command::Reconcile(a) => cmd::reconcile::run(&ctx, a),
        Command::Disputes(a) => cmd::disputes::run(&ctx, a),
        Command::Claims(a) => cmd::claims::run(&ctx, a),
        Command::Quotes(a) => cmd::quotes::run(&ctx, a),
        Command::Entities(a) => cmd::entities::run(&ctx, a),
        Command::Outlets(a) => cmd::outlets::run(&ctx, a),
        Command::Eval(a) => cmd::eval::run(&ctx, a),
    };
    match result {
        Ok(code) => code.into(),
        Err(e) => {
            eprintln!("error: {e:#}");
            exit::code_of(&e).into()
        }
    }
}
