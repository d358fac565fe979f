//! One module per subcommand.

pub mod bench;
pub mod claims;
pub mod clusters;
pub mod disputes;
pub mod entities;
pub mod eval;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod outlets;
pub mod quotes;
pub mod reconcile;
pub mod report;
pub mod search;
pub mod serve;
pub mod show;
pub mod stats;

use crate::exit::{fail, Code};
use anyhow::Result;
use corroborate_store::SqliteStore;
use std::path::PathBuf;

pub struct Ctx {
    pub db: PathBuf,
    pub quiet: bool,
}

impl Ctx {
    /// Opens (creating if needed) the store for writing.
    pub fn open_store(&self) -> Result<SqliteStore> {
        SqliteStore::open(&self.db).map_err(|e| fail(Code::Store, e.to_string()))
    }

    /// Opens an existing store; a missing file is an error, not a new empty store.
    pub fn open_existing(&self) -> Result<SqliteStore> {
        if !self.db.exists() {
            return Err(fail(
                Code::Store,
                format!("{}: no such store (run `corroborate ingest` first, or pass --db)", self.db.display()),
            ));
        }
        self.open_store()
    }
}

/// Shared reader flags (column mapping and forced format).
#[derive(clap::Args, Debug, Clone, Default)]
pub struct ReadFlags {
    /// Force a reader instead of detecting by extension/content: text, html, feed, warc, csv, jsonl.
    #[arg(long, value_name = "FORMAT")]
    pub input_format: Option<String>,
    /// CSV/JSONL column holding the document id (default: id, unit_id, doc_id, ...).
    #[arg(long, value_name = "COL")]
    pub id_col: Option<String>,
    /// CSV/JSONL column holding the title (default: title, article_title, headline).
    #[arg(long, value_name = "COL")]
    pub title_col: Option<String>,
    /// CSV/JSONL column holding the text (default: text, content, body, article_content, ...).
    #[arg(long, value_name = "COL")]
    pub text_col: Option<String>,
    /// CSV/JSONL column holding the date (default: date, published, ...).
    #[arg(long, value_name = "COL")]
    pub date_col: Option<String>,
    /// CSV/JSONL column holding the outlet (default: source, outlet, publisher, ...).
    #[arg(long, value_name = "COL")]
    pub source_col: Option<String>,
    /// CSV/JSONL column holding the URL (default: url, link).
    #[arg(long, value_name = "COL")]
    pub url_col: Option<String>,
    /// Largest document accepted, in MiB; bigger ones are reported and skipped.
    #[arg(long, value_name = "MIB", default_value_t = 32)]
    pub max_doc_mib: usize,
}

impl ReadFlags {
    pub fn options(&self) -> Result<corroborate_ingest::ReadOptions> {
        use corroborate_ingest::{ColumnMap, Format, ReadOptions};
        let format = match self.input_format.as_deref() {
            None => None,
            Some(f) => Some(
                f.parse::<Format>().map_err(|e| fail(Code::NothingWritten, format!("--input-format: {e}")))?,
            ),
        };
        Ok(ReadOptions {
            max_doc_bytes: self.max_doc_mib.saturating_mul(1 << 20),
            columns: ColumnMap {
                id: self.id_col.clone(),
                title: self.title_col.clone(),
                text: self.text_col.clone(),
                date: self.date_col.clone(),
                source: self.source_col.clone(),
                url: self.url_col.clone(),
            },
            format,
            keep_repeated_ids: false,
        })
    }
}

/// Prints rows as JSON (one array) or as aligned text.
pub fn print_json<T: serde::Serialize>(v: &T) -> Result<()> {
    println!("{}", serde_json::to_string_pretty(v)?);
    Ok(())
}

