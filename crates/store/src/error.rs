use thiserror::Error;

/// Everything that can go wrong in a store. Each variant names the database
/// (`:memory:` for an in-memory store) and what was being done.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{path}: {action}: {source}")]
    Sqlite {
        path: String,
        action: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error("{path}: not a corroborate/SQLite database ({detail}); the file was left untouched")]
    NotADatabase { path: String, detail: String },
    #[error("{path}: directory {dir} does not exist (create it first)")]
    MissingDirectory { path: String, dir: String },
    #[error("{path}: schema version {found} is newer than this program knows ({known}); upgrade corroborate")]
    TooNew { path: String, found: i64, known: i64 },
    #[error("{path}: near-duplicate index was built with `{found}`, this program uses `{expected}`")]
    IncompatibleIndex { path: String, found: String, expected: String },
    #[error("{path}: document #{index} in batch (id {id:?}) rejected: {reason}; the whole batch was rolled back")]
    InvalidDocument { path: String, index: usize, id: String, reason: String },
    #[error("{path}: no document or alias with id {id:?}")]
    UnknownDocument { path: String, id: String },
    /// An error raised by a caller's callback (e.g. an export writer), passed through.
    #[error("{0}")]
    Callback(String),
    #[error("invalid search query {query:?}: {reason}")]
    InvalidQuery { query: String, reason: String },
    #[error("{path}: analysis {kind:?} for {id:?} is not valid JSON: {source}")]
    InvalidJson {
        path: String,
        id: String,
        kind: String,
        #[source]
        source: serde_json::Error,
    },
    #[error("{path}: corrupt record: {what}")]
    Corrupt { path: String, what: String },
}

/// Attaches the database path and an action to rusqlite errors.
pub(crate) trait Ctx<T> {
    fn ctx(self, path: &str, action: impl FnOnce() -> String) -> Result<T, StoreError>;
}

impl<T> Ctx<T> for rusqlite::Result<T> {
    fn ctx(self, path: &str, action: impl FnOnce() -> String) -> Result<T, StoreError> {
        self.map_err(|source| StoreError::Sqlite { path: path.to_string(), action: action(), source })
    }
}
