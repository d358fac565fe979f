//! RSS / Atom / JSON Feed: one document per item, parsed by feed-rs. feed-rs builds the whole
//! feed in memory (it has no per-item streaming API), so a feed file is bounded by
//! `max_doc_bytes` like a single document; feeds are small in practice.
//!
//! Item HTML (content:encoded, Atom content, HTML summaries) becomes plain text through
//! `html_text::to_plain_text` (an HTML5 parser's text, with breaks after block elements), not
//! through trafilatura: a feed item's content is already the article body with no page chrome
//! around it, and trafilatura's boilerplate heuristics drop short fragments entirely.

use crate::html_text::to_plain_text;
use crate::record::{finish, Record};
use crate::{date::utc_iso, ErrorKind, ReadError};
use corroborate_model::Document;
use feed_rs::model::{Entry, Text};

/// All items of a feed, each a document or a per-item error. A feed that cannot be parsed at all
/// gives one error naming the file.
pub fn read_feed(
    bytes: &[u8],
    origin: &str,
    max_doc_bytes: usize,
) -> Vec<Result<Document, ReadError>> {
    // Empty generated ids tell us the feed gave none; we then fall back to link / content hash.
    let parser = feed_rs::parser::Builder::new()
        .id_generator(|_, _, _| String::new())
        .build();
    let feed = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parser.parse(bytes)))
    {
        Ok(Ok(f)) => f,
        Ok(Err(e)) => {
            return vec![Err(ReadError::new(
                origin,
                ErrorKind::Malformed,
                format!("not a valid RSS/Atom feed: {e}"),
            ))]
        }
        Err(_) => {
            return vec![Err(ReadError::new(
                origin,
                ErrorKind::Malformed,
                "feed parser panicked",
            ))]
        }
    };
    let outlet = feed.title.as_ref().map(plain).filter(|t| !t.is_empty());
    if feed.entries.is_empty() {
        return vec![Err(ReadError::new(
            origin,
            ErrorKind::Empty,
            "feed has no items",
        ))];
    }
    feed.entries
        .into_iter()
        .enumerate()
        .map(|(i, e)| {
            entry_doc(
                e,
                &format!("{origin}#record {}", i + 1),
                outlet.clone(),
                max_doc_bytes,
            )
        })
        .collect()
}

fn plain(t: &Text) -> String {
    if t.content_type.as_ref().contains("html") {
        to_plain_text(&t.content)
    } else {
        t.content.trim().to_string()
    }
}

fn entry_doc(
    e: Entry,
    origin: &str,
    outlet: Option<String>,
    max: usize,
) -> Result<Document, ReadError> {
    let from_content = e.content.as_ref().and_then(|c| {
        let body = c.body.as_deref()?;
        Some(if c.content_type.as_ref().contains("html") {
            to_plain_text(body)
        } else {
            body.trim().to_string()
        })
    });
    let text = from_content
        .filter(|t| !t.trim().is_empty())
        .or_else(|| e.summary.as_ref().map(plain))
        .unwrap_or_default();
    let url = e
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or_else(|| e.links.first())
        .map(|l| l.href.clone());
    let authors: Vec<String> = e
        .authors
        .iter()
        .filter_map(|p| p.name.as_deref())
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect();
    let rec = Record {
        id: Some(e.id),
        text,
        title: e.title.as_ref().map(plain),
        published: e.published.or(e.updated).map(|d| utc_iso(&d)),
        author: (!authors.is_empty()).then(|| authors.join(", ")),
        outlet,
        url,
        ..Default::default()
    };
    finish(rec, origin, "feed", max)
}
