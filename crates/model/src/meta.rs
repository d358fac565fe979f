use serde::{Deserialize, Serialize};

/// A stable document identifier: the id a corpus gives (a CSV/JSONL id column,
/// a file stem), else the URL, else a content hash (see `corroborate-ingest`).
pub type DocId = String;

/// What is known about a document besides its text. Every field is optional
/// because real inputs rarely carry all of them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub title: Option<String>,
    /// Site or outlet name ("Reuters", "breitbart").
    pub outlet: Option<String>,
    /// Publication date or date-time, ISO 8601 when it could be parsed, else as given.
    pub published: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    /// When a crawler fetched it (WARC-Date), ISO 8601.
    pub fetched: Option<String>,
    /// Where it was read from: a path, plus `#record` / `:line` for multi-document files.
    pub origin: String,
    /// Reader that produced it: txt, html, feed, warc, csv, jsonl, stdin.
    pub format: String,
}
