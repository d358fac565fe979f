//! `corroborate report`: the web views as one self-contained HTML file.

use super::Ctx;
use crate::exit::{fail, Code};
use anyhow::Result;
use corroborate_web::{render_report, ReportOptions};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
#[command(
    about = "Write a self-contained HTML report (overview, outlets, disputes, speakers, provenance, articles)",
    after_help = "Examples:
  corroborate report --out report.html
The file needs no server and runs no script; open it in any browser."
)]
pub struct Args {
    /// Output file.
    #[arg(long, default_value = "report.html")]
    pub out: PathBuf,
    /// Articles included in full (newest first); all are counted in the views.
    #[arg(long, default_value_t = 500)]
    pub max_docs: usize,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<Code> {
    let store = ctx.open_existing()?;
    let html = render_report(&store, &ReportOptions { max_docs: args.max_docs }).map_err(|e| fail(Code::Store, e.to_string()))?;
    std::fs::write(&args.out, html.as_bytes())
        .map_err(|e| fail(Code::NothingWritten, format!("{}: cannot write: {e}", args.out.display())))?;
    if !ctx.quiet {
        eprintln!("wrote {} ({:.1} KB) — open it in a browser", args.out.display(), html.len() as f64 / 1e3);
    }
    Ok(Code::Ok)
}
