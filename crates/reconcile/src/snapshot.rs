//! The reconciled snapshot of a store: `corroborate ingest` writes it after
//! storing, the query commands read it and rebuild it when stale. It lives
//! beside the store file (`<db>.reconcile.json`) so reconciliation needs no
//! schema change in the store; the fingerprint says which store state and
//! actor list it was built from.

use crate::{Reconciled, ReconcileError, RECONCILED_VERSION};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    pub version: u32,
    /// The store's document, alias and text-byte counts when it was built.
    pub documents: u64,
    pub aliases: u64,
    pub text_bytes: u64,
    /// FNV-1a of the user actor file's bytes, or "builtin".
    pub actors: String,
}

impl Fingerprint {
    pub fn new(documents: u64, aliases: u64, text_bytes: u64, actors_file: Option<&[u8]>) -> Self {
        Fingerprint {
            version: RECONCILED_VERSION,
            documents,
            aliases,
            text_bytes,
            actors: actors_file.map(|b| format!("{:016x}", crate::normalize::fnv64(b))).unwrap_or_else(|| "builtin".into()),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub fingerprint: Fingerprint,
    pub seconds: f64,
    pub reconciled: Reconciled,
}

impl Snapshot {
    /// Where the snapshot of the store at `db` lives.
    pub fn path_for(db: &Path) -> PathBuf {
        let mut p = db.as_os_str().to_os_string();
        p.push(".reconcile.json");
        PathBuf::from(p)
    }

    /// The snapshot at `path`; `Ok(None)` when there is none. Parsed from
    /// the file as it is read: the text (larger than the result) is never
    /// held whole.
    pub fn load(path: &Path) -> Result<Option<Snapshot>, ReconcileError> {
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(ReconcileError::Io { path: path.display().to_string(), source: e }),
        };
        serde_json::from_reader(std::io::BufReader::with_capacity(1 << 16, file))
            .map(Some)
            .map_err(|e| ReconcileError::Snapshot { path: path.display().to_string(), msg: e.to_string() })
    }

    /// Writes to a temporary file and renames it, so a reader never sees half a snapshot.
    pub fn save(&self, path: &Path) -> Result<(), ReconcileError> {
        let io = |e: std::io::Error| ReconcileError::Io { path: path.display().to_string(), source: e };
        let mut tmp = path.as_os_str().to_os_string();
        tmp.push(".tmp");
        let tmp = PathBuf::from(tmp);
        // Streamed to the file: the JSON text is never held in memory.
        let mut w = std::io::BufWriter::with_capacity(1 << 16, std::fs::File::create(&tmp).map_err(io)?);
        serde_json::to_writer(&mut w, self)
            .map_err(|e| ReconcileError::Snapshot { path: path.display().to_string(), msg: e.to_string() })?;
        std::io::Write::flush(&mut w).map_err(io)?;
        drop(w);
        std::fs::rename(&tmp, path).map_err(io)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_missing_and_corrupt() {
        let dir = std::env::temp_dir().join(format!("reconcile-snap-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("x.db");
        let path = Snapshot::path_for(&db);
        assert!(path.to_string_lossy().ends_with("x.db.reconcile.json"));
        assert!(Snapshot::load(&path).unwrap().is_none());
        let s = Snapshot { fingerprint: Fingerprint::new(3, 0, 10, None), seconds: 0.1, reconciled: Reconciled::default() };
        s.save(&path).unwrap();
        assert_eq!(Snapshot::load(&path).unwrap(), Some(s));
        std::fs::write(&path, "{not json").unwrap();
        let e = Snapshot::load(&path).unwrap_err().to_string();
        assert!(e.contains("x.db.reconcile.json"), "{e}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
