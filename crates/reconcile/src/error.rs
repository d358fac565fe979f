use thiserror::Error;

/// Errors of the reconcile stage; each names the file or record at fault.
#[derive(Debug, Error)]
pub enum ReconcileError {
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{origin}: line {line}: {msg}")]
    ActorLine { origin: String, line: usize, msg: String },
    #[error("{path}: not a reconcile snapshot: {msg}")]
    Snapshot { path: String, msg: String },
}
