//! One input -> a lazy stream of documents: pick the reader, apply size limits, undo gzip.

use crate::detect::{format_from_path, is_gzip, is_tsv, sniff};
use crate::pending::{HtmlJob, Pending};
use crate::{ErrorKind, Format, InputSpec, ReadError, ReadOptions};
use corroborate_model::Document;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

pub(crate) type DocIter = Box<dyn Iterator<Item = Pending> + Send>;
type Input = Box<dyn BufRead + Send>;

const BUF: usize = 256 << 10;

fn one(r: Result<Document, ReadError>) -> DocIter {
    Box::new(std::iter::once(Pending::Ready(r)))
}

pub(crate) fn open(spec: InputSpec, opts: &ReadOptions) -> DocIter {
    match spec {
        InputSpec::Stdin => open_reader(
            Box::new(BufReader::with_capacity(BUF, io::stdin())),
            "<stdin>".into(),
            None,
            None,
            opts,
        ),
        InputSpec::Path(p) => open_path(&p, opts),
    }
}

fn open_path(path: &Path, opts: &ReadOptions) -> DocIter {
    let origin = path.display().to_string();
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return one(Err(ReadError::io(origin, &e))),
    };
    if meta.is_dir() {
        return one(Err(ReadError::new(
            origin,
            ErrorKind::Io,
            "cannot read: is a directory, not a file",
        )));
    }
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return one(Err(ReadError::io(origin, &e))),
    };
    open_reader(
        Box::new(BufReader::with_capacity(BUF, file)),
        origin,
        Some(path),
        Some(meta.len()),
        opts,
    )
}

/// The id a file gives its document: the file name without its extension(s) (`a.txt.gz` -> `a`).
fn stem(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_string_lossy();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    Some(match name.rsplit_once('.') {
        Some((s, _)) if !s.is_empty() => s.to_string(),
        _ => name.to_string(),
    })
}

fn open_reader(
    mut r: Input,
    origin: String,
    path: Option<&Path>,
    file_len: Option<u64>,
    opts: &ReadOptions,
) -> DocIter {
    let gz = match r.fill_buf() {
        Ok(head) => is_gzip(head),
        Err(e) => return one(Err(ReadError::io(origin, &e))),
    };
    // Compressed size says nothing about the document size.
    let (mut r, file_len): (Input, _) = if gz {
        (
            Box::new(BufReader::with_capacity(
                BUF,
                flate2::read::MultiGzDecoder::new(r),
            )),
            None,
        )
    } else {
        (r, file_len)
    };
    let format = match opts.format.or_else(|| path.and_then(format_from_path)) {
        Some(f) => f,
        None => match r.fill_buf() {
            Ok(head) => match sniff(head) {
                Some(f) => f,
                None => {
                    return one(Err(ReadError::new(
                        origin,
                        ErrorKind::UnknownFormat,
                        "unknown format: binary data that is none of txt, html, feed, warc, csv, jsonl (name one with --format)",
                    )))
                }
            },
            Err(e) => return one(Err(ReadError::io(origin, &e))),
        },
    };
    let max = opts.max_doc_bytes;
    match format {
        Format::Warc => {
            let mut warc = crate::warc::read_warc(r, &origin, max);
            Box::new(std::iter::from_fn(move || warc.next_pending()))
        }
        Format::Jsonl if is_whole_json(&mut r, path) => match read_whole(r, &origin, file_len, max)
        {
            Ok(bytes) => Box::new(
                crate::jsonl::read_json_value(bytes, &origin, opts)
                    .into_iter()
                    .map(Pending::Ready),
            ),
            Err(e) => one(Err(e)),
        },
        Format::Jsonl => Box::new(crate::jsonl::read_jsonl(r, &origin, opts).map(Pending::Ready)),
        Format::Csv => {
            let delimiter =
                if path.is_some_and(is_tsv) || (path.is_none() && tabs_in_header(&mut r)) {
                    b'\t'
                } else {
                    b','
                };
            Box::new(crate::tabular::read_csv(r, &origin, opts, delimiter).map(Pending::Ready))
        }
        Format::Text | Format::Html | Format::Feed => {
            let bytes = match read_whole(r, &origin, file_len, max) {
                Ok(b) => b,
                Err(e) => return one(Err(e)),
            };
            let id = path.and_then(stem);
            match format {
                Format::Text => one(crate::text::read_text(bytes, &origin, id.as_deref(), max)),
                Format::Html => Box::new(std::iter::once(Pending::Html(Box::new(HtmlJob {
                    bytes,
                    origin,
                    url: None,
                    charset: None,
                    max,
                    id,
                    fetched: None,
                    format: "html",
                })))),
                _ => Box::new(
                    crate::feed::read_feed(&bytes, &origin, max)
                        .into_iter()
                        .map(Pending::Ready),
                ),
            }
        }
    }
}

/// Reads a single-document input, refusing (before reading, when the size is known) anything
/// above the limit — a sparse multi-GB file fails at once.
fn read_whole(
    r: Input,
    origin: &str,
    file_len: Option<u64>,
    max: usize,
) -> Result<Vec<u8>, ReadError> {
    if let Some(len) = file_len.filter(|&l| l > max as u64) {
        return Err(ReadError::too_large(origin, len, max));
    }
    let mut bytes = Vec::with_capacity(file_len.map_or(0, |l| l as usize));
    r.take((max as u64).saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::io(origin, &e))?;
    if bytes.len() > max {
        return Err(ReadError::new(
            origin,
            ErrorKind::TooLarge,
            format!("document is larger than the limit of {max} bytes (max_doc_bytes)"),
        ));
    }
    Ok(bytes)
}

/// A `.json` file, or any JSON input starting with `[`, is one JSON value rather than JSON Lines.
fn is_whole_json(r: &mut Input, path: Option<&Path>) -> bool {
    let json_ext = path.and_then(|p| p.to_str()).is_some_and(|p| {
        let p = p.to_ascii_lowercase();
        p.ends_with(".json") || p.ends_with(".json.gz")
    });
    let array = r
        .fill_buf()
        .is_ok_and(|head| head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'['));
    json_ext || array
}

/// For stdin CSV: tab-separated if the header line has more tabs than commas.
fn tabs_in_header(r: &mut Input) -> bool {
    let Ok(head) = r.fill_buf() else { return false };
    let line = head.split(|&b| b == b'\n').next().unwrap_or_default();
    let count = |c: u8| line.iter().filter(|&&b| b == c).count();
    count(b'\t') > count(b',')
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    /// What stdin would give: no path, no size, format from the content.
    fn piped(bytes: &[u8]) -> Vec<Result<Document, ReadError>> {
        open_reader(
            Box::new(Cursor::new(bytes.to_vec())),
            "<stdin>".into(),
            None,
            None,
            &ReadOptions::default(),
        )
        .map(Pending::run)
        .collect()
    }

    fn gz(bytes: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn stdin_formats_are_sniffed() {
        let d = piped(b"{\"id\":\"x\",\"text\":\"Shelling in Homs.\"}\n");
        assert_eq!(d[0].as_ref().unwrap().meta.format, "jsonl");
        let d = piped(b"id\ttitle\ttext\nx\tT\tShelling, in Homs.\n");
        assert_eq!(d[0].as_ref().unwrap().text, "Shelling, in Homs.");
        let d = piped(b"id,text\nx,\"Shelling\tin Homs.\"\n");
        assert_eq!(d[0].as_ref().unwrap().text, "Shelling\tin Homs.");
        let d = piped(&gz(b"Shelling in Homs\nBody text."));
        let doc = d[0].as_ref().unwrap();
        assert_eq!(
            (doc.meta.format.as_str(), doc.meta.origin.as_str()),
            ("txt", "<stdin>")
        );
        assert_eq!(doc.id, crate::content_hash("Shelling in Homs\nBody text."));
        let e = piped(b"\x00\x01\x02\x03 binary");
        assert_eq!(e[0].as_ref().unwrap_err().kind, ErrorKind::UnknownFormat);
    }

    #[test]
    fn compressed_single_documents_are_size_checked_after_decompression() {
        let big = vec![b'a'; 5000];
        let opts = ReadOptions {
            max_doc_bytes: 1000,
            ..Default::default()
        };
        let r: Vec<_> = open_reader(
            Box::new(Cursor::new(gz(&big))),
            "big.txt.gz".into(),
            Some(Path::new("big.txt.gz")),
            Some(60),
            &opts,
        )
        .map(Pending::run)
        .collect();
        let e = r[0].as_ref().unwrap_err();
        assert_eq!(e.kind, ErrorKind::TooLarge);
        assert!(
            e.message.contains("larger than the limit of 1000 bytes"),
            "{e}"
        );
        assert_eq!(stem(Path::new("dir/big.txt.gz")).as_deref(), Some("big"));
        assert_eq!(stem(Path::new("README")).as_deref(), Some("README"));
        assert_eq!(stem(Path::new(".hidden")).as_deref(), Some(".hidden"));
    }
}
