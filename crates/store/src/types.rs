//! Storage-side records. These are not the core model: a stored document has
//! no tokens or layers (those are recomputed or kept as analysis records), but
//! it has storage facts (content hash, aliases, cluster, ingestion time).

use corroborate_model::{DocId, Document, Meta};
use serde::{Deserialize, Serialize};

/// What one `put_batch` did. `inserted + unchanged + updated + duplicates`
/// equals the batch length.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchOutcome {
    pub inserted: usize,
    /// Same id, same text and metadata: nothing was written.
    pub unchanged: Vec<DocId>,
    /// Same id, different text or metadata: replaced.
    pub updated: Vec<DocId>,
    /// New id whose text is already stored: recorded as an alias of `of`.
    pub duplicates: Vec<Duplicate>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Duplicate {
    pub id: DocId,
    /// Canonical id of the document holding the identical text.
    pub of: DocId,
}

/// Another id under which the same text was ingested, with its own metadata
/// (syndicated copy keeps its outlet and date).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alias {
    pub id: DocId,
    pub meta: Meta,
    pub ingested_at: String,
}

/// A stored document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredDoc {
    /// Canonical id (the first id the text was stored under).
    pub id: DocId,
    pub aliases: Vec<Alias>,
    pub meta: Meta,
    pub text: String,
    /// BLAKE3 of the text, hex.
    pub content_hash: String,
    /// Near-duplicate cluster id; a document alone in its cluster still has one.
    pub cluster: i64,
    /// When this text was first stored (UTC, ISO 8601).
    pub ingested_at: String,
}

impl StoredDoc {
    /// The core-model document (id, metadata, text; no analysis layers yet).
    pub fn into_document(self) -> Document {
        Document::new(self.id, self.text, self.meta)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub id: DocId,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    /// Negated bm25 (title weighted ×3): higher is better.
    pub score: f64,
    /// Excerpt with matches between [`SNIPPET_OPEN`](crate::SNIPPET_OPEN) and
    /// [`SNIPPET_CLOSE`](crate::SNIPPET_CLOSE).
    pub snippet: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    /// Distinct stored texts.
    pub documents: u64,
    pub aliases: u64,
    /// UTF-8 bytes of stored text.
    pub text_bytes: u64,
    /// Documents and aliases per outlet (`None` = unknown outlet), most first.
    pub outlets: Vec<(Option<String>, u64)>,
    /// Earliest and latest `published` value (string order; ISO dates sort right).
    pub published_range: Option<(String, String)>,
    /// Near-duplicate clusters with more than one document, and how many documents they hold.
    pub clusters: u64,
    pub clustered_documents: u64,
    pub schema_version: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterMember {
    pub id: DocId,
    pub aliases: Vec<DocId>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cluster {
    pub id: i64,
    /// Ordered by published date, then id.
    pub members: Vec<ClusterMember>,
}

/// A per-document analysis record (JSON text), versioned by its producer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analysis {
    pub schema: u32,
    pub json: String,
    pub updated_at: String,
}
