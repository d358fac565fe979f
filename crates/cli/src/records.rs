//! Stored analysis records. Ingest stores each document's v1 record (without
//! its text, which the store already holds) under [`RECORD_KIND`]; export and
//! later whole-corpus stages read it back instead of re-analysing.

use corroborate_export::DocRecord;
use corroborate_model::Document;
use corroborate_store::{Store, StoredDoc};

pub const RECORD_KIND: &str = "record";
/// Version of the stored record format (the output contract version).
pub const RECORD_SCHEMA: u32 = 1;

/// Serialises the record of an analysed document, leaving out the text.
pub fn to_json(doc: &Document) -> String {
    let mut rec = DocRecord::from_document(doc);
    rec.text = String::new();
    serde_json::to_string(&rec).unwrap_or_else(|_| "{}".to_string())
}

/// The stored record of `doc` with its text restored; a document stored
/// without analysis gets a record with empty arrays.
pub fn load(store: &dyn Store, doc: &StoredDoc) -> DocRecord {
    let stored = store
        .get_analysis(&doc.id, RECORD_KIND)
        .ok()
        .flatten()
        .filter(|a| a.schema == RECORD_SCHEMA)
        .and_then(|a| serde_json::from_str::<DocRecord>(&a.json).ok());
    let mut rec = stored.unwrap_or_else(|| {
        DocRecord::from_document(&Document::new(doc.id.clone(), String::new(), doc.meta.clone()))
    });
    rec.doc = doc.id.clone();
    rec.title = doc.meta.title.clone();
    rec.outlet = doc.meta.outlet.clone();
    rec.published = doc.meta.published.clone();
    rec.text = doc.text.clone();
    rec
}
