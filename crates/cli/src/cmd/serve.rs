//! `corroborate serve`: the browser front end over the store. The CLI owns the
//! glue: it hands the web crate the same analysis pipeline and record format
//! that `ingest` uses, so articles added in the browser are analysed alike.

use super::Ctx;
use crate::exit::{fail, Code};
use crate::{pipeline, records};
use anyhow::Result;
use corroborate_web::{Analyzer, AppState};
use std::net::{IpAddr, SocketAddr};

#[derive(clap::Args, Debug)]
#[command(
    about = "Explore the store in a browser (overview, articles, search, disputes, speakers, outlets)",
    after_help = "Examples:
  corroborate serve                      # http://127.0.0.1:8080/
  corroborate serve --db war.db --port 0 # any free port
Binds to 127.0.0.1 unless --host says otherwise; there is no authentication."
)]
pub struct Args {
    /// Port to listen on (0 = any free port).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Address to bind (loopback by default: the server has no authentication).
    #[arg(long, default_value = "127.0.0.1")]
    pub host: IpAddr,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<Code> {
    let store = ctx.open_store()?;
    let analyzer = Analyzer {
        analyse: Box::new(pipeline::analyse_all),
        record: Box::new(records::to_json),
    };
    let state = AppState::new(store, Some(analyzer)).map_err(|e| fail(Code::Store, e.to_string()))?;
    let quiet = ctx.quiet;
    corroborate_web::serve_blocking(state, SocketAddr::new(args.host, args.port), |addr| {
        // The URL goes to stdout even with --quiet: scripts (and the browser tests) read it.
        println!("corroborate: serving {} — open http://{addr}/", ctx.db.display());
        if !quiet {
            eprintln!("press Ctrl-C to stop");
        }
    })
    .map_err(|e| fail(Code::Store, format!("cannot serve on {}:{}: {e}", args.host, args.port)))?;
    Ok(Code::Ok)
}
