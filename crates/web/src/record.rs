//! Reads a document's stored v1 record (the `record` analysis that ingest
//! writes), mirroring the CLI's `records::load` which is private to the binary.

use corroborate_export::DocRecord;
use corroborate_model::{Document, Meta};
use corroborate_store::Store;

pub const RECORD_KIND: &str = "record";
pub const RECORD_SCHEMA: u32 = 1;

/// The stored record with metadata and `text` filled in; a document without
/// (or with an unreadable) record gets empty arrays.
pub fn load_record(
    store: &dyn Store,
    id: &str,
    title: &Option<String>,
    outlet: &Option<String>,
    published: &Option<String>,
    text: String,
) -> DocRecord {
    let stored = store
        .get_analysis(id, RECORD_KIND)
        .ok()
        .flatten()
        .filter(|a| a.schema == RECORD_SCHEMA)
        .and_then(|a| serde_json::from_str::<DocRecord>(&a.json).ok());
    let mut rec = stored
        .unwrap_or_else(|| DocRecord::from_document(&Document::new(id.to_string(), String::new(), Meta::default())));
    rec.doc = id.to_string();
    rec.title = title.clone();
    rec.outlet = outlet.clone();
    rec.published = published.clone();
    rec.text = text;
    rec
}
