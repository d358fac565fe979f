//! Shared server state: the store (one SQLite connection behind a mutex; pages
//! run short indexed queries), the catalogue, and the analysis callbacks the
//! CLI supplies so uploads go through the same pipeline as `ingest`.

use crate::catalog::Catalog;
use crate::record::{load_record, RECORD_KIND, RECORD_SCHEMA};
use corroborate_export::DocRecord;
use corroborate_model::{Document, Meta};
use corroborate_store::{BatchOutcome, SqliteStore, Store, StoreError};
use std::sync::{Arc, Mutex, RwLock};

/// Analyses documents in place (the CLI's pipeline).
pub type AnalyseFn = dyn Fn(&mut [Document]) + Send + Sync;
/// Serialises an analysed document's stored record (the CLI's `records::to_json`).
pub type RecordFn = dyn Fn(&Document) -> String + Send + Sync;

pub struct Analyzer {
    pub analyse: Box<AnalyseFn>,
    pub record: Box<RecordFn>,
}

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("store: {0}")]
    Store(#[from] StoreError),
    #[error("the store lock was poisoned by an earlier panic")]
    Poisoned,
    #[error("{0}")]
    BadInput(String),
    #[error("this server was started without an analysis pipeline; adding articles is disabled")]
    NoPipeline,
}

pub struct AppState {
    store: Mutex<SqliteStore>,
    catalog: RwLock<Arc<Catalog>>,
    analyzer: Option<Analyzer>,
    /// Largest accepted request body (uploads), bytes.
    pub max_body: usize,
}

pub type Shared = Arc<AppState>;

impl AppState {
    pub fn new(store: SqliteStore, analyzer: Option<Analyzer>) -> Result<Shared, WebError> {
        let catalog = Catalog::load(&store)?;
        Ok(Arc::new(AppState {
            store: Mutex::new(store),
            catalog: RwLock::new(Arc::new(catalog)),
            analyzer,
            max_body: 5 << 20,
        }))
    }

    pub fn catalog(&self) -> Arc<Catalog> {
        match self.catalog.read() {
            Ok(c) => Arc::clone(&c),
            Err(p) => Arc::clone(&p.into_inner()),
        }
    }

    pub fn with_store<T>(&self, f: impl FnOnce(&SqliteStore) -> Result<T, StoreError>) -> Result<T, WebError> {
        let g = self.store.lock().map_err(|_| WebError::Poisoned)?;
        Ok(f(&g)?)
    }

    /// A document's record with its text, or `None` if no such id.
    pub fn record(&self, id: &str) -> Result<Option<DocRecord>, WebError> {
        self.with_store(|s| {
            let Some(d) = s.get(id)? else { return Ok(None) };
            Ok(Some(load_record(s, &d.id, &d.meta.title, &d.meta.outlet, &d.meta.published, d.text)))
        })
    }

    /// Analyses and stores new documents (blocking: call from a blocking task),
    /// then rebuilds the catalogue so every page shows them.
    pub fn add(&self, mut docs: Vec<Document>) -> Result<BatchOutcome, WebError> {
        let an = self.analyzer.as_ref().ok_or(WebError::NoPipeline)?;
        (an.analyse)(&mut docs);
        let jsons: Vec<String> = docs.iter().map(|d| (an.record)(d)).collect();
        let mut g = self.store.lock().map_err(|_| WebError::Poisoned)?;
        let out = g.put_batch_with(&docs, RECORD_KIND, RECORD_SCHEMA, &jsons)?;
        let cat = Catalog::load(&g)?;
        drop(g);
        match self.catalog.write() {
            Ok(mut c) => *c = Arc::new(cat),
            Err(p) => *p.into_inner() = Arc::new(cat),
        }
        Ok(out)
    }
}

/// A stable id for a pasted/uploaded text: FNV-1a 64 of the text (hand-written:
/// eight lines, not worth a hashing dependency; identity is the store's BLAKE3 anyway).
pub fn upload_id(text: &str) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("web_{h:016x}")
}

/// Builds a document from browser input, checking what the user can fix.
pub fn upload_doc(text: String, title: Option<String>, outlet: Option<String>, published: Option<String>, origin: &str) -> Result<Document, WebError> {
    if text.trim().is_empty() {
        return Err(WebError::BadInput(format!("{origin}: the text is empty")));
    }
    let clean = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let meta = Meta {
        title: clean(title),
        outlet: clean(outlet),
        published: clean(published),
        origin: origin.to_string(),
        format: "web".into(),
        ..Meta::default()
    };
    Ok(Document::new(upload_id(&text), text, meta))
}
