//! Wire datelines ("BEIRUT (Reuters) -", "ALEPPO, Syria, Dec 7 (AP) —"): where
//! a report was filed, not part of what anyone said nor where anything
//! happened. Shared by attribution (a dateline is no part of a content) and
//! figures (a dateline's place is no incident's place), which read the same
//! tokens through different views; the caller says which tokens the
//! recogniser calls locations.

use corroborate_model::Span;

/// The index of the token after a dateline's dash, when the tokens from `c0`
/// (before `c1`) open a paragraph with one: capitalised words, commas, a date
/// and an agency in brackets, with an agency or a place in capitals (a region
/// after a comma, or a location) — not an acronym ("NATO — which …").
/// `span(i)` is token `i`'s byte span in `text` (None past the end).
pub fn dateline_end(text: &str, span: impl Fn(usize) -> Option<Span>, c0: usize, c1: usize, is_location: impl Fn(usize) -> bool) -> Option<usize> {
    let tok = |i: usize| span(i).and_then(|s| text.get(s.start as usize..s.end as usize)).unwrap_or("");
    let first = span(c0)?;
    let prev_end = c0.checked_sub(1).and_then(&span).map_or(0, |s| s.end as usize);
    if !(c0 == 0 || text.get(prev_end..first.start as usize).is_some_and(|g| g.contains('\n'))) {
        return None;
    }
    let dash = (c0 + 1..(c0 + 12).min(c1)).find(|&i| matches!(tok(i), "-" | "—" | "–" | "--"))?;
    let bracket = |i: usize| matches!(tok(i), "(" | ")");
    let agency = (c0..dash).any(bracket);
    let shouted = tok(c0).chars().filter(|c| c.is_alphabetic()).count() >= 3 && !tok(c0).chars().any(char::is_lowercase);
    let place = (c0..dash).any(|i| tok(i) == ",") || is_location(c0);
    let dateline_word = |i: usize| {
        let w = tok(i);
        bracket(i) || matches!(w, "," | ".") || w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    };
    ((agency || shouted && place) && (c0..dash).all(dateline_word)).then_some(dash + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tokens split at spaces.
    fn spans(text: &str) -> impl Fn(usize) -> Option<Span> {
        let mut out = Vec::new();
        let mut at = 0;
        for w in text.split(' ') {
            out.push(Span { start: at as u32, end: (at + w.len()) as u32 });
            at += w.len() + 1;
        }
        move |i| out.get(i).copied()
    }

    #[test]
    fn wire_datelines_end_after_their_dash() {
        let t = "BEIRUT ( Reuters ) - Air strikes killed 37 people";
        assert_eq!(dateline_end(t, spans(t), 0, 10, |_| false), Some(5));
        let t = "ALEPPO , Syria , Dec 7 — Shelling went on";
        assert_eq!(dateline_end(t, spans(t), 0, 10, |_| false), Some(7));
        // an acronym in capitals opening a sentence is no dateline
        let t = "NATO — which has troops nearby — said nothing";
        assert_eq!(dateline_end(t, spans(t), 0, 9, |_| false), None);
        // not at a paragraph's start
        let t = "He said BEIRUT ( Reuters ) - is calm";
        assert_eq!(dateline_end(t, spans(t), 2, 9, |_| false), None);
    }
}
