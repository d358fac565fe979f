//! Errors of the attribution crate. Each names the file/record and what is wrong.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum AttributionError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Format { path: PathBuf, line: usize, message: String },
    #[error("model {name}: {message}")]
    Model { name: String, message: String },
}

impl AttributionError {
    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        AttributionError::Io { path: path.to_path_buf(), source }
    }
}
