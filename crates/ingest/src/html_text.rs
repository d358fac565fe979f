//! HTML fragment -> plain text via dom_query (html5ever): entities decoded, scripts dropped,
//! paragraph breaks after block elements. For fragments that are already the article (feed items).

pub(crate) fn to_plain_text(fragment: &str) -> String {
    if !fragment.contains('<') && !fragment.contains('&') {
        return fragment.trim().to_string();
    }
    let doc = dom_query::Document::fragment(fragment);
    doc.select("script, style, noscript, template").remove();
    doc.formatted_text().trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_paragraphs() {
        let t = to_plain_text("<p>Rebels &amp; civilians left.</p><script>x()</script><p>Turkey said <b>7,500</b>.</p>");
        assert_eq!(t, "Rebels & civilians left.\n\nTurkey said 7,500.");
    }
}
