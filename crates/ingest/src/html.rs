//! HTML pages: the article body comes from rs-trafilatura (boilerplate removal is its job, not
//! ours); metadata from its result, with the page's own `<head>` (Open Graph, `article:*`,
//! JSON-LD, canonical link, `<title>`) filling gaps. An explicit publication date in the head is
//! preferred over trafilatura's, which is converted to UTC and may be a modification date.

use crate::decode::decode;
use crate::record::{finish, Record};
use crate::{ErrorKind, ReadError, DEFAULT_MAX_DOC_BYTES};
use corroborate_model::Document;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// One document from an HTML page's bytes. `url` is where it was fetched from (WARC target URI);
/// it becomes the id and `meta.url`. Without it, the canonical / `og:url` link is used.
pub fn read_html(bytes: &[u8], origin: &str, url: Option<&str>) -> Result<Document, ReadError> {
    read_html_with(bytes, origin, url, None, DEFAULT_MAX_DOC_BYTES)
}

/// [`read_html`] with a charset hint (HTTP `Content-Type`) and a size limit for the body text.
pub fn read_html_with(
    bytes: &[u8],
    origin: &str,
    url: Option<&str>,
    charset: Option<&str>,
    max_doc_bytes: usize,
) -> Result<Document, ReadError> {
    let declared = charset.map(str::to_string).or_else(|| meta_charset(bytes));
    let decoded = decode(bytes.to_vec(), declared.as_deref());
    let html = decoded.text;

    let depth = crate::html_depth::max_depth(&html, crate::html_depth::MAX_HTML_DEPTH);
    if depth > crate::html_depth::MAX_HTML_DEPTH {
        return Err(ReadError::new(
            origin,
            ErrorKind::Extraction,
            format!(
                "HTML elements nested more than {} levels deep: not extracted (real pages nest a few dozen; \
                 deeper trees make the extractor slow or overflow its stack)",
                crate::html_depth::MAX_HTML_DEPTH
            ),
        ));
    }
    let options = rs_trafilatura::Options {
        url: url.map(str::to_string),
        ..Default::default()
    };
    // The extractor is third-party code run on untrusted pages: a panic in it must become a
    // per-document error, not end the stream.
    let extracted = catch_unwind(AssertUnwindSafe(|| {
        rs_trafilatura::extract_with_options(&html, &options)
    }));
    let result = match extracted {
        Ok(Ok(r)) => r,
        Ok(Err(rs_trafilatura::Error::NoContent)) => {
            return Err(ReadError::new(
                origin,
                ErrorKind::Empty,
                "empty document (no article body found in the HTML)",
            ))
        }
        Ok(Err(e)) => {
            return Err(ReadError::new(
                origin,
                ErrorKind::Extraction,
                format!("HTML extraction failed: {e}"),
            ))
        }
        Err(_) => {
            return Err(ReadError::new(
                origin,
                ErrorKind::Extraction,
                "HTML extraction failed (extractor panicked)",
            ))
        }
    };
    let head = HeadMeta::parse(&html);
    let m = result.metadata;
    let mut rec = Record {
        id: url.map(str::to_string),
        text: result.content_text,
        title: m.title.or(head.title),
        published: head
            .published
            .or_else(|| m.date.map(|d| crate::date::utc_iso(&d))),
        author: m.author.or(head.author),
        outlet: m.sitename.or(head.site),
        url: url.map(str::to_string).or(head.canonical).or(m.url),
        ..Default::default()
    };
    if let Some(note) = decoded.note {
        rec.warnings.push(("reader:html".into(), note));
    }
    finish(rec, origin, "html", max_doc_bytes)
}

/// `charset` from `<meta charset=..>` or `<meta http-equiv content="..; charset=..">` in the
/// first 2 KiB (where HTML requires it to be).
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = bytes.get(..bytes.len().min(2048)).unwrap_or(bytes);
    let lower = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = lower.as_str();
    while let Some(i) = rest.find("charset") {
        let after = rest.get(i + 7..).unwrap_or("");
        let before = rest.get(..i).unwrap_or("");
        rest = after;
        // Only inside a <meta ...> tag.
        let in_meta = before
            .rfind("<meta")
            .is_some_and(|m| !before.get(m..).unwrap_or("").contains('>'));
        if !in_meta {
            continue;
        }
        let value = after
            .trim_start()
            .strip_prefix('=')?
            .trim_start()
            .trim_start_matches(['"', '\'']);
        let end = value.find(|c: char| {
            c == '"' || c == '\'' || c == ';' || c == '>' || c == '/' || c.is_whitespace()
        });
        let label = value.get(..end.unwrap_or(value.len())).unwrap_or("");
        if !label.is_empty() {
            return Some(label.to_string());
        }
    }
    None
}

/// Metadata the page states about itself in `<head>`.
#[derive(Default, Debug)]
struct HeadMeta {
    title: Option<String>,
    published: Option<String>,
    author: Option<String>,
    site: Option<String>,
    canonical: Option<String>,
}

impl HeadMeta {
    fn parse(html: &str) -> HeadMeta {
        // Only the head is parsed again (small); the body was parsed by the extractor.
        let end = find_ascii_ci(html, "</head").unwrap_or(html.len().min(64 << 10));
        let mut cut = end.min(html.len());
        while !html.is_char_boundary(cut) {
            cut -= 1;
        }
        let doc = dom_query::Document::from(html.get(..cut).unwrap_or(""));
        let meta = |sel: &str| -> Option<String> {
            doc.select(sel)
                .iter()
                .filter_map(|n| n.attr("content"))
                .map(|c| c.trim().to_string())
                .find(|c| !c.is_empty())
        };
        let mut h = HeadMeta {
            title: meta("meta[property='og:title']").or_else(|| {
                let t = doc.select("title").text().trim().to_string();
                (!t.is_empty()).then_some(t)
            }),
            published: meta(
                "meta[property='article:published_time'], meta[name='article:published_time'], \
                 meta[itemprop='datePublished'], meta[name='pubdate'], meta[name='publishdate'], \
                 meta[name='dc.date.issued'], meta[name='DC.date.issued'], meta[name='date']",
            ),
            author: meta("meta[name='author'], meta[property='article:author']")
                .filter(|a| !a.starts_with("http")),
            site: meta("meta[property='og:site_name'], meta[name='application-name']"),
            canonical: doc
                .select("link[rel='canonical']")
                .attr("href")
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .or_else(|| meta("meta[property='og:url']")),
        };
        for script in doc.select("script[type='application/ld+json']").iter() {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(script.text().trim()) {
                h.fill_from_json_ld(&v, 0);
            }
        }
        h
    }

    fn fill_from_json_ld(&mut self, v: &serde_json::Value, depth: usize) {
        use serde_json::Value;
        if depth > 4 {
            return;
        }
        match v {
            Value::Array(items) => items
                .iter()
                .for_each(|i| self.fill_from_json_ld(i, depth + 1)),
            Value::Object(o) => {
                if let Some(g) = o.get("@graph") {
                    self.fill_from_json_ld(g, depth + 1);
                }
                if self.published.is_none() {
                    self.published = o
                        .get("datePublished")
                        .and_then(Value::as_str)
                        .map(str::to_string);
                }
                if self.author.is_none() {
                    self.author = o.get("author").and_then(person_name);
                }
                if self.site.is_none() {
                    self.site = o.get("publisher").and_then(person_name);
                }
            }
            _ => {}
        }
    }
}

/// A JSON-LD person/organisation: `"Name"`, `{"name": ..}`, or a list of those (joined).
fn person_name(v: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    match v {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Object(o) => o.get("name").and_then(person_name),
        Value::Array(a) => {
            let names: Vec<String> = a.iter().filter_map(person_name).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    hay.as_bytes()
        .windows(n.len())
        .position(|w| w.eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_from_meta() {
        assert_eq!(
            meta_charset(b"<html><head><meta charset=\"ISO-8859-1\">").as_deref(),
            Some("iso-8859-1")
        );
        assert_eq!(
            meta_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\">"
            )
            .as_deref(),
            Some("windows-1256")
        );
        assert_eq!(meta_charset(b"<p>the charset=utf-8 in prose</p>"), None);
    }

    #[test]
    fn json_ld_people() {
        let v: serde_json::Value = serde_json::from_str(
            r#"{"@graph":[{"@type":"NewsArticle","datePublished":"2016-12-15T09:00:00+03:00",
                "author":[{"name":"Anne Barnard"},{"name":"Hwaida Saad"}],"publisher":{"name":"The Times"}}]}"#,
        )
        .unwrap();
        let mut h = HeadMeta::default();
        h.fill_from_json_ld(&v, 0);
        assert_eq!(h.published.as_deref(), Some("2016-12-15T09:00:00+03:00"));
        assert_eq!(h.author.as_deref(), Some("Anne Barnard, Hwaida Saad"));
        assert_eq!(h.site.as_deref(), Some("The Times"));
    }
}
