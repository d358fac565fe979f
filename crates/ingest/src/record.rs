//! The last step every reader shares: size / emptiness checks and the id fallback chain
//! (given id -> URL -> content hash).

use crate::{content_hash, date::normalize_date, ErrorKind, ReadError};
use corroborate_model::{Document, Meta, Severity};

#[derive(Default)]
pub(crate) struct Record {
    pub id: Option<String>,
    pub text: String,
    pub title: Option<String>,
    /// Raw date string; normalised here.
    pub published: Option<String>,
    pub author: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub fetched: Option<String>,
    /// Warnings to attach to the document (e.g. charset used).
    pub warnings: Vec<(String, String)>,
}

fn clean(s: Option<String>) -> Option<String> {
    s.map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

pub(crate) fn finish(
    rec: Record,
    origin: &str,
    format: &str,
    max_doc_bytes: usize,
) -> Result<Document, ReadError> {
    if rec.text.len() > max_doc_bytes {
        return Err(ReadError::too_large(
            origin,
            rec.text.len() as u64,
            max_doc_bytes,
        ));
    }
    if rec.text.len() > u32::MAX as usize {
        return Err(ReadError::new(
            origin,
            ErrorKind::TooLarge,
            "document above 4 GiB (spans are u32)",
        ));
    }
    if rec.text.trim().is_empty() {
        return Err(ReadError::empty(origin));
    }
    let url = clean(rec.url);
    let id = clean(rec.id)
        .or_else(|| url.clone())
        .unwrap_or_else(|| content_hash(&rec.text));
    let meta = Meta {
        title: clean(rec.title),
        outlet: clean(rec.outlet),
        published: clean(rec.published).map(|d| normalize_date(&d)),
        author: clean(rec.author),
        url,
        fetched: clean(rec.fetched).map(|d| normalize_date(&d)),
        origin: origin.to_string(),
        format: format.to_string(),
    };
    let mut doc = Document::new(id, rec.text, meta);
    for (source, message) in rec.warnings {
        doc.diagnose(Severity::Warning, &source, message);
    }
    Ok(doc)
}
