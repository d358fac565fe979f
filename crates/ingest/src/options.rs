use std::fmt;
use std::str::FromStr;

/// Which reader to use for an input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Text,
    Html,
    Feed,
    Warc,
    Csv,
    Jsonl,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::Text,
        Format::Html,
        Format::Feed,
        Format::Warc,
        Format::Csv,
        Format::Jsonl,
    ];

    /// The name used on the command line and in `Meta::format`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Html => "html",
            Format::Feed => "feed",
            Format::Warc => "warc",
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s.trim().to_ascii_lowercase().as_str() {
            "txt" | "text" | "md" => Format::Text,
            "html" | "htm" => Format::Html,
            "feed" | "rss" | "atom" | "xml" => Format::Feed,
            "warc" | "warc.gz" => Format::Warc,
            "csv" | "tsv" => Format::Csv,
            "jsonl" | "ndjson" | "json" => Format::Jsonl,
            other => {
                let names: Vec<_> = Format::ALL.iter().map(|f| f.name()).collect();
                return Err(format!(
                    "unknown format {other:?} (expected one of {})",
                    names.join(", ")
                ));
            }
        })
    }
}

/// Column-name overrides for CSV/JSONL; `None` = automatic mapping.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnMap {
    pub id: Option<String>,
    pub title: Option<String>,
    pub text: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadOptions {
    /// Documents (and CSV/JSONL rows, WARC payloads) above this many bytes are rejected.
    pub max_doc_bytes: usize,
    pub columns: ColumnMap,
    /// Force a reader instead of detecting it from extension / content.
    pub format: Option<Format>,
    /// Keep an id that repeats within the stream as given (with a Warning) instead of renaming
    /// it `id~2`; for row-oriented exports that must echo the input's ids.
    pub keep_repeated_ids: bool,
}

pub const DEFAULT_MAX_DOC_BYTES: usize = 32 << 20;

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_doc_bytes: DEFAULT_MAX_DOC_BYTES,
            columns: ColumnMap::default(),
            format: None,
            keep_repeated_ids: false,
        }
    }
}
