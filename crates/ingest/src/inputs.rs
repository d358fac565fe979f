//! Command-line arguments -> input list: `-` is stdin, directories are walked recursively in
//! sorted order, glob patterns are expanded.

use crate::detect::format_from_path;
use crate::{ErrorKind, ReadError};
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputSpec {
    Path(PathBuf),
    Stdin,
}

/// Expands CLI arguments. Inside directories only files with a known extension are taken and
/// hidden entries are skipped (a named file is always taken and its format sniffed). An
/// argument that matches nothing (missing path, empty glob, directory without inputs) is an
/// error naming it.
pub fn expand_inputs(args: &[String]) -> Result<Vec<InputSpec>, ReadError> {
    let mut out = Vec::new();
    for arg in args {
        if arg == "-" {
            out.push(InputSpec::Stdin);
            continue;
        }
        let before = out.len();
        let path = Path::new(arg);
        if path.is_dir() {
            walk_dir(path, &mut out)?;
        } else if path.exists() || !is_glob(arg) {
            if !path.exists() {
                return Err(ReadError::new(
                    arg.clone(),
                    ErrorKind::NoMatch,
                    "no such file or directory",
                ));
            }
            out.push(InputSpec::Path(path.to_path_buf()));
        } else {
            let paths = glob::glob(arg).map_err(|e| {
                ReadError::new(
                    arg.clone(),
                    ErrorKind::NoMatch,
                    format!("invalid glob pattern: {e}"),
                )
            })?;
            let mut matched: Vec<PathBuf> = Vec::new();
            for p in paths {
                match p {
                    Ok(p) => matched.push(p),
                    Err(e) => return Err(ReadError::io(e.path().display().to_string(), e.error())),
                }
            }
            matched.sort();
            for p in matched {
                if p.is_dir() {
                    walk_dir(&p, &mut out)?;
                } else {
                    out.push(InputSpec::Path(p));
                }
            }
        }
        if out.len() == before {
            return Err(ReadError::new(
                arg.clone(),
                ErrorKind::NoMatch,
                "matches no input files",
            ));
        }
    }
    Ok(out)
}

fn is_glob(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

fn walk_dir(dir: &Path, out: &mut Vec<InputSpec>) -> Result<(), ReadError> {
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.map_err(|e| {
            let p = e.path().unwrap_or(dir).display().to_string();
            match e.io_error() {
                Some(io) => ReadError::io(p, io),
                None => ReadError::new(p, ErrorKind::Io, format!("cannot walk directory: {e}")),
            }
        })?;
        if entry.file_type().is_file() && format_from_path(entry.path()).is_some() {
            out.push(InputSpec::Path(entry.into_path()));
        }
    }
    Ok(())
}

/// Total bytes of the inputs on disk (stdin counts 0), for progress bars and MB/s.
pub fn input_size(inputs: &[InputSpec]) -> u64 {
    inputs
        .iter()
        .map(|i| match i {
            InputSpec::Path(p) => std::fs::metadata(p).map(|m| m.len()).unwrap_or(0),
            InputSpec::Stdin => 0,
        })
        .sum()
}
