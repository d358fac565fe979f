//! How deeply a page's elements nest, estimated by one linear scan of its tags.
//!
//! The extractor walks the DOM recursively and, per node, over its
//! descendants: a page of 10,000 nested `<div>`s took 23 s and 50,000 nested
//! `<b>`s overflowed the stack and aborted the whole process (a panic guard
//! cannot catch that). Real articles nest a few dozen levels, so pages far
//! deeper are refused before parsing, with an error naming the depth.
//!
//! Written by hand because a parser cannot be asked this question without
//! building the tree that is the problem; it is a tag count, not an HTML
//! parser: it over-counts only elements a parser would close implicitly, and
//! those (p, li, td, …) are left out of the count.

/// Pages nesting deeper than this are not extracted (real pages: < 100).
pub const MAX_HTML_DEPTH: usize = 1000;

/// Elements with no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    "basefont", "bgsound", "frame", "keygen",
];

/// Elements whose end tag is optional: an HTML parser closes them when a
/// sibling starts, so counting them would make flat lists look deep.
const IMPLIED_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "rb", "rt", "rtc", "rp",
    "colgroup", "caption",
];

/// Raw-text elements: their content is not markup.
const RAW: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript", "plaintext"];

/// The greatest depth reached by counted start and end tags, stopping early
/// once it passes `stop_at` (the caller only needs to know it is too deep).
pub fn max_depth(html: &str, stop_at: usize) -> usize {
    let b = html.as_bytes();
    let (mut i, mut depth, mut max) = (0usize, 0usize, 0usize);
    while let Some(off) = b.get(i..).and_then(|r| r.iter().position(|&c| c == b'<')) {
        i += off + 1;
        match b.get(i) {
            Some(b'!') => {
                // comment, doctype or CDATA
                let end = if b.get(i..i + 3) == Some(b"!--") { "-->" } else { ">" };
                i = find_from(b, i, end.as_bytes()).map_or(b.len(), |e| e + end.len());
            }
            Some(b'?') => i = find_from(b, i, b">").map_or(b.len(), |e| e + 1),
            Some(b'/') => {
                let name = tag_name(b, i + 1);
                if counted(&name) {
                    depth = depth.saturating_sub(1);
                }
                i = find_from(b, i, b">").map_or(b.len(), |e| e + 1);
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let name = tag_name(b, i);
                let close = find_from(b, i, b">").unwrap_or(b.len());
                let self_closing = close > 0 && b.get(close - 1) == Some(&b'/');
                i = close.saturating_add(1);
                if RAW.contains(&name.as_str()) {
                    let end = format!("</{name}");
                    i = find_ci_from(b, i, end.as_bytes()).unwrap_or(b.len());
                    continue;
                }
                if counted(&name) && !self_closing {
                    depth += 1;
                    max = max.max(depth);
                    if max > stop_at {
                        return max;
                    }
                }
            }
            _ => {}
        }
    }
    max
}

fn counted(name: &str) -> bool {
    !name.is_empty() && !VOID.contains(&name) && !IMPLIED_END.contains(&name)
}

/// The lower-cased tag name starting at `i` (letters, digits, '-', ':').
fn tag_name(b: &[u8], i: usize) -> String {
    b.get(i..)
        .unwrap_or(&[])
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b':')
        .take(32)
        .map(|c| c.to_ascii_lowercase() as char)
        .collect()
}

fn find_from(b: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    let hay = b.get(from..)?;
    hay.windows(pat.len()).position(|w| w == pat).map(|p| from + p)
}

fn find_ci_from(b: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    let hay = b.get(from..)?;
    hay.windows(pat.len()).position(|w| w.eq_ignore_ascii_case(pat)).map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_nesting_not_siblings() {
        assert_eq!(max_depth("<html><body><div><p>a<p>b</div></body></html>", 100), 3);
        let flat = "<ul>".to_string() + &"<li>x".repeat(5000) + "</ul>";
        assert_eq!(max_depth(&flat, 100), 1);
        let siblings = "<div>x</div>".repeat(5000);
        assert_eq!(max_depth(&siblings, 100), 1);
    }

    #[test]
    fn void_self_closing_comments_and_scripts_do_not_nest() {
        let html = "<div><br><img src=x><span/><!-- <div><div> --><script>if (a<b) { x = '<div>' }</script><style>p{}</style></div>";
        assert_eq!(max_depth(html, 100), 1);
    }

    #[test]
    fn deep_pages_stop_early() {
        let deep = "<div>".repeat(100_000);
        assert_eq!(max_depth(&deep, MAX_HTML_DEPTH), MAX_HTML_DEPTH + 1);
        assert_eq!(max_depth("<b>".repeat(50).as_str(), MAX_HTML_DEPTH), 50);
    }

    #[test]
    fn truncated_markup_ends_the_scan() {
        assert_eq!(max_depth("<div><span", 10), 2);
        assert_eq!(max_depth("<!-- never closed <div>", 10), 0);
        assert_eq!(max_depth("<script>never closed <div>", 10), 0);
        assert_eq!(max_depth("<", 10), 0);
        assert_eq!(max_depth("</", 10), 0);
    }
}
