//! What the end-to-end tests of the `corroborate` binary share.
#![allow(dead_code)] // each test file uses its own subset

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_corroborate");

/// The repository root (for `examples/aleppo`).
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs the binary quietly against the store `db`.
pub fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(BIN).arg("--db").arg(db).arg("--quiet").args(args).output().expect("run corroborate")
}
