//! Errors of the language core. Each names the file/record and what is wrong.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum LangError {
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

impl LangError {
    pub(crate) fn model(name: &str, message: impl Into<String>) -> Self {
        LangError::Model { name: name.to_string(), message: message.into() }
    }
}
