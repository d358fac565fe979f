//! corroborate's browser front end: server-rendered pages over a store
//! (overview, article with highlights, search, outlets, disputes, speakers,
//! provenance, upload), a JSON API behind each page (docs/web-api.md), and a
//! one-file HTML report.
//!
//! Templates are maud: compile-time checked and HTML-escaping by default, so
//! untrusted corpus text can only reach a page as text. No script is ever
//! built from data: the pages load one static JS file, the report none.

mod app;
mod catalog;
mod charts;
mod crosscheck;
mod highlight;
mod links;
mod record;
mod report;
mod routes;
mod views;

pub use app::{upload_id, Analyzer, AnalyseFn, AppState, RecordFn, Shared, WebError};
pub use catalog::Catalog;
pub use report::{render_report, ReportOptions};
pub use routes::{router, CSP};

use std::net::SocketAddr;

/// Serves `state` on `addr` until the process ends; `on_ready` gets the bound
/// address (port 0 picks a free port).
pub async fn serve(state: Shared, addr: SocketAddr, on_ready: impl FnOnce(SocketAddr)) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    on_ready(listener.local_addr()?);
    axum::serve(listener, router(state)).await
}

/// [`serve`] on its own multi-threaded runtime, for callers without one (the CLI).
pub fn serve_blocking(state: Shared, addr: SocketAddr, on_ready: impl FnOnce(SocketAddr)) -> std::io::Result<()> {
    tokio::runtime::Builder::new_multi_thread().enable_all().build()?.block_on(serve(state, addr, on_ready))
}
