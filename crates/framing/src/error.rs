use std::path::PathBuf;

/// Errors reading a user lexicon; each names the file (and line) at fault.
#[derive(Debug, thiserror::Error)]
pub enum FramingError {
    #[error("cannot read lexicon {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{origin}:{line}: {message}")]
    Line { origin: String, line: usize, message: String },
}
