use std::fmt;

/// What kind of failure a [`ReadError`] is, so callers can count or filter them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The file could not be opened or read (missing, permissions, a directory, I/O failure).
    Io,
    /// A command-line argument matched no input.
    NoMatch,
    /// The input's format could not be recognised (or a forced format name is unknown).
    UnknownFormat,
    /// A document larger than `ReadOptions::max_doc_bytes`.
    TooLarge,
    /// A document with no non-whitespace text.
    Empty,
    /// A malformed record: bad CSV row, invalid JSON line, bad WARC header, unparsable feed.
    Malformed,
    /// A CSV/JSONL input without a text column.
    MissingColumn,
    /// The input ended in the middle of a record (truncated gzip member or WARC body).
    Truncated,
    /// The HTML extractor found no article body or failed.
    Extraction,
}

/// A per-file or per-record reading failure. Never fatal for the stream.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct ReadError {
    /// `path`, or `path:line 12` / `path#record 3` inside multi-document files.
    pub origin: String,
    pub kind: ErrorKind,
    pub message: String,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.message)
    }
}

impl ReadError {
    pub fn new(origin: impl Into<String>, kind: ErrorKind, message: impl Into<String>) -> Self {
        ReadError {
            origin: origin.into(),
            kind,
            message: message.into(),
        }
    }

    pub(crate) fn io(origin: impl Into<String>, err: &std::io::Error) -> Self {
        let message = match err.kind() {
            std::io::ErrorKind::NotFound => "cannot read: no such file".to_string(),
            std::io::ErrorKind::PermissionDenied => "cannot read: permission denied".to_string(),
            std::io::ErrorKind::IsADirectory => "cannot read: is a directory".to_string(),
            _ => format!("cannot read: {err}"),
        };
        ReadError::new(origin, ErrorKind::Io, message)
    }

    pub(crate) fn empty(origin: impl Into<String>) -> Self {
        ReadError::new(
            origin,
            ErrorKind::Empty,
            "empty document (no non-whitespace text)",
        )
    }

    pub(crate) fn too_large(origin: impl Into<String>, size: u64, limit: usize) -> Self {
        ReadError::new(
            origin,
            ErrorKind::TooLarge,
            format!("document is {size} bytes, above the limit of {limit} bytes (max_doc_bytes)"),
        )
    }
}
