//! Turns a record's code-point spans into non-overlapping text segments for
//! highlighting. Spans come from stored records (untrusted): out-of-range or
//! inverted spans are dropped, never indexed blindly.

/// One highlight: code-point range, CSS class, and the anchor the record
/// sidebar links to.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    pub class: &'static str,
    pub anchor: String,
    pub title: String,
}

/// A stretch of text, highlighted or not.
#[derive(Debug, PartialEq)]
pub enum Segment<'a> {
    Plain(&'a str),
    Marked(&'a str, &'a Mark),
}

/// Splits `text` into segments. Overlaps are resolved by keeping the span that
/// starts first (longer first on ties) — nested spans show in the sidebar.
pub fn segments<'a>(text: &'a str, marks: &'a mut Vec<Mark>) -> Vec<Segment<'a>> {
    // Code point → byte offset table (one entry past the end).
    let bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect();
    let n = bytes.len().saturating_sub(1);
    marks.retain(|m| m.start < m.end && m.end <= n);
    marks.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out = Vec::new();
    let mut at = 0usize; // code points
    for m in marks.iter() {
        if m.start < at {
            continue;
        }
        let (Some(&b0), Some(&b1), Some(&b2)) = (bytes.get(at), bytes.get(m.start), bytes.get(m.end)) else {
            continue;
        };
        if let Some(s) = text.get(b0..b1).filter(|s| !s.is_empty()) {
            out.push(Segment::Plain(s));
        }
        if let Some(s) = text.get(b1..b2) {
            out.push(Segment::Marked(s, m));
        }
        at = m.end;
    }
    if let Some(s) = bytes.get(at).and_then(|&b| text.get(b..)).filter(|s| !s.is_empty()) {
        out.push(Segment::Plain(s));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, end: usize) -> Mark {
        Mark { start, end, class: "ent", anchor: format!("m{start}"), title: String::new() }
    }

    #[test]
    fn code_points_not_bytes() {
        let text = "“Turkey” said";
        let mut marks = vec![mark(1, 7)];
        let segs = segments(text, &mut marks);
        assert_eq!(segs.len(), 3);
        assert!(matches!(segs[1], Segment::Marked("Turkey", _)));
    }

    #[test]
    fn overlaps_and_bad_spans_are_skipped() {
        let text = "abcdefgh";
        let mut marks = vec![mark(0, 4), mark(2, 6), mark(5, 99), mark(7, 6), mark(6, 8)];
        let segs = segments(text, &mut marks);
        let shown: Vec<&str> = segs
            .iter()
            .map(|s| match s {
                Segment::Plain(t) | Segment::Marked(t, _) => *t,
            })
            .collect();
        assert_eq!(shown, vec!["abcd", "ef", "gh"]);
    }
}
