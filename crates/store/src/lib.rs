//! Storage for corroborate, behind the [`Store`] trait so the pipeline does not
//! care which backend holds the corpus. [`SqliteStore`] is the embedded
//! default: one SQLite file with versioned migrations, WAL, FTS5 search and
//! incremental near-duplicate clustering (MinHash + LSH, see [`neardup`]).
//!
//! * **Identity.** A document is stored once per distinct text (BLAKE3
//!   `content_hash`, UNIQUE). Another id with the same text becomes an
//!   [`Alias`] carrying its own metadata; the same id with the same text and
//!   metadata is `unchanged` and nothing is written.
//! * **Atomicity / crash safety.** Each `put_batch` is one IMMEDIATE
//!   transaction; ids and content hashes are UNIQUE. A process killed at any
//!   point leaves whole batches only, and re-running the same input inserts
//!   exactly what is missing (`tests/crash.rs` SIGKILLs a writer to check).
//! * **Near-duplicates.** Word 5-shingles, 192-bin one-permutation MinHash,
//!   64 LSH bands of 3 rows in an indexed table; candidates are confirmed by
//!   exact Jaccard ≥ [`neardup::THRESHOLD`] (0.30, calibrated on FA-KES) and
//!   clusters merge transitively in the database.
//! * **Search.** FTS5 (porter + unicode61) over title and text, bm25 with the
//!   title weighted ×3; user input is always quoted (see [`fts_query`]).

mod error;
pub mod neardup;
mod query;
mod schema;
mod sqlite;
mod types;

pub use error::StoreError;
pub use query::fts_query;
pub use sqlite::{DocSummary, SqliteStore};
pub use types::{Alias, Analysis, BatchOutcome, Cluster, ClusterMember, Duplicate, SearchHit, Stats, StoredDoc};

use corroborate_model::Document;

/// Marks the start of a match in [`SearchHit::snippet`].
/// How many matches a search ranks at most: ranking (bm25 over term
/// positions) costs ~30 µs a match, so a query matching most of a 100k store
/// would take seconds; the newest matches are ranked instead and the web page
/// says so. Chosen with `page_bench`: p99 under 100 ms at 100k documents.
pub const SEARCH_CANDIDATES: usize = 1000;

pub const SNIPPET_OPEN: &str = "⟦";
/// Marks the end of a match in [`SearchHit::snippet`].
pub const SNIPPET_CLOSE: &str = "⟧";

/// A document store. Object-safe, so callers hold a `Box<dyn Store>`.
pub trait Store: Send {
    /// Stores a batch atomically (one transaction): either every document is
    /// applied or, on error, nothing is. Re-putting identical documents writes nothing.
    fn put_batch(&mut self, docs: &[Document]) -> Result<BatchOutcome, StoreError>;

    /// Like [`Store::put_batch`], and in the same transaction stores `jsons[i]`
    /// as the `kind` analysis of `docs[i]`, so a document is never stored
    /// without its analysis (a crash leaves both or neither). An identical
    /// stored analysis is left as it is (re-ingesting changes nothing).
    fn put_batch_with(
        &mut self,
        docs: &[Document],
        kind: &str,
        schema: u32,
        jsons: &[String],
    ) -> Result<BatchOutcome, StoreError>;

    /// A document by canonical id or alias.
    fn get(&self, id: &str) -> Result<Option<StoredDoc>, StoreError>;

    /// Full-text search over titles and texts, best first. Input is user text:
    /// terms are quoted, `"double quotes"` make a phrase, `term*` a prefix.
    /// When more than [`SEARCH_CANDIDATES`] documents match, only the most
    /// recently stored `SEARCH_CANDIDATES` of them are ranked.
    fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError>;

    /// How many documents match `query`, counting no further than `cap`
    /// (a broad query's exact count costs a pass over every match).
    fn count_matches(&self, query: &str, cap: usize) -> Result<usize, StoreError>;

    fn stats(&self) -> Result<Stats, StoreError>;

    /// Calls `f` with every canonical id, in insertion order, streaming.
    fn for_each_id(&self, f: &mut dyn FnMut(&str) -> Result<(), StoreError>) -> Result<(), StoreError>;

    /// Calls `f` with every document, in insertion order, one at a time (for
    /// export); an error from `f` stops the walk and is returned.
    fn for_each_document(&self, f: &mut dyn FnMut(StoredDoc) -> Result<(), StoreError>) -> Result<(), StoreError>;

    /// Near-duplicate clusters with at least `min_size` documents, largest first.
    fn clusters(&self, min_size: usize) -> Result<Vec<Cluster>, StoreError>;

    /// Stores (replaces) the `kind` analysis of a document (id or alias).
    /// `json` must be valid JSON; `schema` is the producer's format version.
    /// Analyses belong to the text: they are dropped when the text changes.
    fn put_analysis(&mut self, id: &str, kind: &str, schema: u32, json: &str) -> Result<(), StoreError>;

    fn get_analysis(&self, id: &str, kind: &str) -> Result<Option<Analysis>, StoreError>;
}
