//! `corroborate export`: stream every stored document out as v1 JSONL records
//! or as a flat CSV table. Writing to --out goes through a temporary file that
//! is renamed at the end, so a failed export never leaves a half-written file.

use super::Ctx;
use crate::exit::{fail, Code};
use crate::records;
use anyhow::{Context, Result};
use corroborate_export::table::{CsvSink, Row};
use corroborate_store::Store;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// v1 output contract, one JSON object per document.
    Jsonl,
    /// One row per document: id, title, outlet, published, author, url, origin, format, cluster, text.
    Csv,
}

#[derive(clap::Args, Debug)]
#[command(
    about = "Export the stored documents and their analysis (JSONL or CSV)",
    after_help = "Examples:
  corroborate export --format jsonl --out corpus.jsonl
  corroborate export --format csv > corpus.csv"
)]
pub struct Args {
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: ExportFormat,
    /// Output file (default: standard output).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<Code> {
    let store = ctx.open_existing()?;
    match &args.out {
        None => {
            let stdout = std::io::stdout();
            write_all(&store, args.format, BufWriter::new(stdout.lock()))?;
        }
        Some(path) => {
            let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
            let tmp = tempfile::NamedTempFile::new_in(dir)
                .with_context(|| format!("{}: cannot create a file in this directory", dir.display()))?;
            let n = write_all(&store, args.format, BufWriter::new(tmp.as_file()))?;
            tmp.persist(path).with_context(|| format!("{}: cannot write", path.display()))?;
            if !ctx.quiet {
                eprintln!("wrote {n} document(s) to {}", path.display());
            }
        }
    }
    Ok(Code::Ok)
}

fn write_all<W: Write>(store: &dyn Store, format: ExportFormat, mut out: W) -> Result<usize> {
    let mut n = 0usize;
    let mut failure: Option<anyhow::Error> = None;
    match format {
        ExportFormat::Jsonl => {
            store
                .for_each_document(&mut |doc| {
                    let rec = records::load(store, &doc);
                    let r = serde_json::to_writer(&mut out, &rec)
                        .map_err(anyhow::Error::from)
                        .and_then(|_| out.write_all(b"\n").map_err(anyhow::Error::from));
                    n += 1;
                    r.map_err(|e| {
                        let msg = e.to_string();
                        failure = Some(e);
                        corroborate_store::StoreError::Callback(msg)
                    })
                })
                .or_else(|e| if failure.is_some() { Ok(()) } else { Err(fail(Code::Store, e.to_string())) })?;
        }
        ExportFormat::Csv => {
            let mut sink = CsvSink::new(&mut out)?;
            store
                .for_each_document(&mut |doc| {
                    let m = &doc.meta;
                    let s = |o: &Option<String>| o.clone().unwrap_or_default();
                    let (title, outlet, published, author, url) =
                        (s(&m.title), s(&m.outlet), s(&m.published), s(&m.author), s(&m.url));
                    let cluster = doc.cluster.to_string();
                    let row = Row {
                        fields: [
                            &doc.id, &title, &outlet, &published, &author, &url, &m.origin, &m.format, &cluster,
                            &doc.text,
                        ],
                    };
                    n += 1;
                    sink.row(row).map_err(|e| {
                        let msg = e.to_string();
                        failure = Some(e.into());
                        corroborate_store::StoreError::Callback(msg)
                    })
                })
                .or_else(|e| if failure.is_some() { Ok(()) } else { Err(fail(Code::Store, e.to_string())) })?;
            sink.finish()?;
        }
    }
    if let Some(e) = failure {
        return Err(e.context("export failed while writing"));
    }
    out.flush()?;
    Ok(n)
}
