//! Which reader an input needs: by file extension first, else by sniffing its first bytes.

use crate::Format;
use std::path::Path;

/// Format implied by a file name; `.gz` is looked through (`x.warc.gz`, `x.jsonl.gz`).
pub fn format_from_path(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = name.rsplit_once('.')?.1;
    Some(match ext {
        "txt" | "text" | "md" => Format::Text,
        "html" | "htm" | "xhtml" | "shtml" => Format::Html,
        "xml" | "rss" | "atom" | "rdf" => Format::Feed,
        "warc" => Format::Warc,
        "csv" | "tsv" => Format::Csv,
        "jsonl" | "ndjson" | "json" | "jsonlines" => Format::Jsonl,
        _ => return None,
    })
}

/// Whether a path names a tab-separated file.
pub(crate) fn is_tsv(path: &Path) -> bool {
    path.to_str().map(|s| {
        let s = s.to_ascii_lowercase();
        s.ends_with(".tsv") || s.ends_with(".tsv.gz")
    }) == Some(true)
}

pub(crate) fn is_gzip(head: &[u8]) -> bool {
    head.starts_with(&[0x1f, 0x8b])
}

/// Guess the format from the first bytes of an input. `None` = binary / unrecognisable.
pub fn sniff(head: &[u8]) -> Option<Format> {
    let utf16 = head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]);
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let body = head.get(start..).unwrap_or_default();
    if body.is_empty() {
        return Some(Format::Text); // empty input: the text reader reports "empty document"
    }
    if body.starts_with(b"WARC/") {
        return Some(Format::Warc);
    }
    if !utf16 && head.iter().take(8192).any(|&b| b == 0) {
        return None;
    }
    let probe = String::from_utf8_lossy(body.get(..body.len().min(4096)).unwrap_or_default())
        .to_ascii_lowercase();
    if probe.starts_with('<') {
        let html =
            probe.contains("<html") || probe.contains("<!doctype html") || probe.contains("<body");
        let feed = probe.contains("<rss") || probe.contains("<feed") || probe.contains("<rdf:rdf");
        return Some(if feed && !html {
            Format::Feed
        } else if html || !probe.starts_with("<?xml") {
            Format::Html
        } else {
            Format::Feed
        });
    }
    if probe.starts_with('{') {
        if probe.contains("jsonfeed.org/version") {
            return Some(Format::Feed);
        }
        return Some(Format::Jsonl);
    }
    let first_line = probe.lines().next().unwrap_or("");
    if first_line.contains(',') || first_line.contains('\t') {
        // A header: every field a short identifier, one of them a known text column. Prose
        // ("Body, text, and more") fails the identifier test.
        let fields: Vec<&str> = first_line
            .split([',', '\t'])
            .map(|f| f.trim().trim_matches('"'))
            .collect();
        let ident = |f: &&str| {
            !f.is_empty()
                && f.len() <= 40
                && f.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"_-.".contains(&b))
        };
        if fields.iter().all(ident)
            && fields
                .iter()
                .any(|f| crate::columns::TEXT_NAMES.contains(f))
        {
            return Some(Format::Csv);
        }
    }
    Some(Format::Text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_extension() {
        for (p, f) in [
            ("a/b.txt", Format::Text),
            ("x.HTM", Format::Html),
            ("feed.rss", Format::Feed),
            ("cc.warc.gz", Format::Warc),
            ("f.tsv", Format::Csv),
            ("d.ndjson", Format::Jsonl),
            ("d.jsonl.gz", Format::Jsonl),
        ] {
            assert_eq!(format_from_path(Path::new(p)), Some(f), "{p}");
        }
        assert_eq!(format_from_path(Path::new("notes")), None);
        assert_eq!(format_from_path(Path::new("x.pdf")), None);
    }

    #[test]
    fn by_content() {
        assert_eq!(
            sniff(b"WARC/1.0\r\nWARC-Type: warcinfo"),
            Some(Format::Warc)
        );
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?><rss version=\"2.0\">"),
            Some(Format::Feed)
        );
        assert_eq!(
            sniff(b"\xef\xbb\xbf<!DOCTYPE html><html>"),
            Some(Format::Html)
        );
        assert_eq!(sniff(b"{\"id\":1,\"text\":\"x\"}\n"), Some(Format::Jsonl));
        assert_eq!(
            sniff(b"unit_id,article_title,article_content\n1,a,b"),
            Some(Format::Csv)
        );
        assert_eq!(
            sniff(b"Aleppo, Syria: a title\n\nBody."),
            Some(Format::Text)
        );
        assert_eq!(
            sniff(b"Body, text, and content\nAn article."),
            Some(Format::Text)
        );
        assert_eq!(sniff(b"id\ttext\n1\tx"), Some(Format::Csv));
        assert_eq!(sniff(b"%PDF-1.4\x00\x01\x02"), None);
    }
}
