//! Readers that turn real inputs into [`Document`]s: plain text, HTML pages, RSS/Atom feeds,
//! WARC / WARC.gz crawls, CSV/TSV and JSON Lines (any of them optionally gzip-compressed).
//!
//! Everything streams: [`read_inputs`] opens one input at a time and multi-document files are
//! read record by record, so memory depends on the largest document, not on the input size.
//! A bad file or record yields a [`ReadError`] naming it and the stream goes on.
//!
//! Ids: a file's stem, else the corpus's id column, else the URL, else [`content_hash`].
//! Within one `read_inputs` stream, an id seen before (two `a.txt` in different folders, a CSV
//! that repeats an id — FA-KES repeats some unit_ids) becomes `a~2`, `a~3`, … with a Warning
//! diagnostic. The renaming depends only on input order, so re-reading the same input gives the
//! same ids and a store sees every record under a stable id (re-ingesting changes nothing).
//! Row-oriented exports that must echo the given ids set [`ReadOptions::keep_repeated_ids`].

mod columns;
mod date;
mod decode;
mod detect;
mod error;
mod feed;
mod hash;
mod html;
mod html_depth;
mod html_text;
mod inputs;
mod jsonl;
mod open;
mod options;
mod pending;
mod record;
mod tabular;
mod text;
mod warc;

pub use date::normalize_date;
pub use detect::{format_from_path, sniff};
pub use error::{ErrorKind, ReadError};
pub use feed::read_feed;
pub use hash::content_hash;
pub use html::{read_html, read_html_with};
pub use inputs::{expand_inputs, input_size, InputSpec};
pub use jsonl::{read_json_value, read_jsonl, JsonlDocs};
pub use options::{ColumnMap, Format, ReadOptions, DEFAULT_MAX_DOC_BYTES};
pub use tabular::{read_csv, CsvDocs};
pub use text::read_text;
pub use warc::{read_warc, WarcDocs};

use corroborate_model::{Document, Severity};
use std::collections::HashSet;

/// Lazily yields documents and per-record errors from the inputs, in order. HTML extraction
/// (HTML files, WARC responses) runs in parallel on rayon's global pool, in batches of at most
/// 64 documents / 64 MiB, so memory stays bounded.
pub fn read_inputs(
    inputs: Vec<InputSpec>,
    opts: ReadOptions,
) -> impl Iterator<Item = Result<Document, ReadError>> + Send {
    let mut ids = UniqueIds { keep_repeats: opts.keep_repeated_ids, ..Default::default() };
    let pending = inputs
        .into_iter()
        .flat_map(move |spec| open::open(spec, &opts));
    pending::Batched::new(pending).map(move |r| r.map(|d| ids.claim(d)))
}

/// Ids seen so far, as 128-bit hashes (16 bytes per document, not the id strings).
#[derive(Default)]
struct UniqueIds {
    seen: HashSet<u128>,
    keep_repeats: bool,
}

impl UniqueIds {
    fn key(id: &str) -> u128 {
        let h = blake3::hash(id.as_bytes());
        let mut b = [0u8; 16];
        b.copy_from_slice(h.as_bytes().get(..16).unwrap_or(&[0; 16]));
        u128::from_le_bytes(b)
    }

    fn claim(&mut self, mut doc: Document) -> Document {
        if self.seen.insert(Self::key(&doc.id)) {
            return doc;
        }
        let base = doc.id.clone();
        if self.keep_repeats {
            doc.diagnose(
                Severity::Warning,
                "ingest",
                format!("id {base:?} is also used by an earlier document"),
            );
            return doc;
        }
        let mut n = 2u64;
        loop {
            let candidate = format!("{base}~{n}");
            if self.seen.insert(Self::key(&candidate)) {
                doc.diagnose(
                    Severity::Warning,
                    "ingest",
                    format!("id {base:?} is already used by an earlier document; renamed to {candidate:?}"),
                );
                doc.id = candidate;
                return doc;
            }
            n += 1;
        }
    }
}
