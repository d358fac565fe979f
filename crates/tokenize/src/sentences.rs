//! Sentence splitting over tokens, following CoreNLP's rules (a sentence
//! ends at ".", "?", "!" plus any closing quotes/brackets stuck to them) and
//! adding one of ours: a paragraph break (blank line) always ends a sentence,
//! so headlines, bylines and datelines without final punctuation stand alone.
//!
//! A single line break also ends a sentence after a title-like line without
//! final punctuation ("Assad Forces Retake Aleppo⏎By Jane Doe⏎BEIRUT — …"):
//! every word of four letters or more capitalised. Prose that is merely
//! hard-wrapped fails that test, so it is not cut at its line ends.
//!
//! One pass over the tokens; each inter-token gap is scanned once, and the
//! title test is kept incrementally per line.

use crate::chars::is_closer;
use corroborate_model::{Sentence, Span};

/// Groups `tokens` (as from [`crate::tokenize`] on the same `text`) into sentences.
pub fn split_sentences(text: &str, tokens: &[Span]) -> Vec<Sentence> {
    // Works on bytes: token and gap slices need no char-boundary checks, and
    // the common cases (a one-space gap, an ASCII word) stay branch-light.
    let bytes = text.as_bytes();
    let tok = |k: usize| -> &[u8] {
        tokens.get(k).and_then(|t| bytes.get(t.start as usize..t.end as usize)).unwrap_or(&[])
    };
    let gap = |k: usize| -> &[u8] {
        // The text between token k-1 and token k.
        match (k.checked_sub(1).and_then(|p| tokens.get(p)), tokens.get(k)) {
            (Some(a), Some(b)) if a.end <= b.start => bytes.get(a.end as usize..b.start as usize).unwrap_or(&[]),
            _ => &[],
        }
    };
    let mut out = Vec::with_capacity(tokens.len() / 20 + 1);
    let mut push = |a: usize, b: usize| {
        if let (Some(first), Some(last)) = (tokens.get(a), b.checked_sub(1).and_then(|l| tokens.get(l))) {
            if a < b {
                out.push(Sentence { tokens: (a as u32, b as u32), span: Span { start: first.start, end: last.end } });
            }
        }
    };
    let mut start = 0;
    // A terminal was seen: closing quotes/brackets may still attach.
    let mut closing = false;
    // Whether the current line (since the last line break) looks like a title.
    let mut line_titleish = true;
    for k in 0..tokens.len() {
        let t = tok(k);
        let g = gap(k);
        let lines = line_breaks(g);
        if closing {
            // "Sen. Claire McCaskill (D-Mo.) said": the period of a party label
            // is split off (CoreNLP's habit), but a lower-case word after the
            // closing bracket shows the sentence goes on
            let goes_on = lines == 0 && tok(k - 1) == b")" && t.first().is_some_and(u8::is_ascii_lowercase);
            if goes_on {
                closing = false;
            } else if !is_follower(t, g, lines) {
                push(start, k);
                start = k;
                closing = false;
            }
        } else if k > start
            && (lines >= 2 || (lines == 1 && line_titleish && !is_continuation(tok(k - 1)) && starts_line(t)))
        {
            push(start, k);
            start = k;
        }
        if lines > 0 {
            line_titleish = true;
        }
        line_titleish &= is_titleish_word(t);
        closing |= is_terminal(t);
    }
    push(start, tokens.len());
    out
}

/// ".", "?", "!", "?!"… — not "..." (CoreNLP does not split there either).
fn is_terminal(t: &[u8]) -> bool {
    t == b"." || (!t.is_empty() && t.iter().all(|&b| b == b'?' || b == b'!'))
}

/// A closing quote or bracket that belongs to the sentence just ended. A
/// straight quote counts only when stuck to what precedes it (`."` closes;
/// `. "` opens the next sentence); nothing attaches across a blank line.
fn is_follower(t: &[u8], gap: &[u8], lines: usize) -> bool {
    if t.is_empty() || lines >= 2 {
        return false;
    }
    let Ok(t) = std::str::from_utf8(t) else { return false };
    if !t.chars().all(is_closer) {
        return false;
    }
    let straight = t.bytes().all(|b| matches!(b, b'"' | b'\''));
    !straight || gap.is_empty()
}

/// Line breaks in the whitespace between two tokens, counting "\r\n" once
/// and stopping at two (a blank line: paragraph break). Besides ASCII it knows
/// NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029).
fn line_breaks(gap: &[u8]) -> usize {
    if gap == b" " {
        return 0;
    }
    let mut breaks = 0;
    let mut i = 0;
    while i < gap.len() && breaks < 2 {
        match gap[i] {
            b'\r' => {
                breaks += 1;
                if gap.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\n' => breaks += 1,
            0xC2 if gap.get(i + 1) == Some(&0x85) => breaks += 1,
            0xE2 if gap.get(i + 1) == Some(&0x80) => match gap.get(i + 2) {
                Some(0xA8) => breaks += 1,
                Some(0xA9) => breaks += 2,
                _ => {}
            },
            _ => {}
        }
        i += 1;
    }
    breaks.min(2)
}

/// A title-case word, a short word, or no word at all (punctuation, numbers).
fn is_titleish_word(t: &[u8]) -> bool {
    match t.first() {
        Some(b) if b.is_ascii_lowercase() => t.iter().filter(|b| b.is_ascii_alphabetic()).take(4).count() < 4,
        Some(b) if b.is_ascii() => true,
        _ => {
            let s = std::str::from_utf8(t).unwrap_or("");
            !(s.chars().next().is_some_and(char::is_lowercase) && s.chars().filter(|c| c.is_alphabetic()).take(4).count() == 4)
        }
    }
}

/// A line ending in these continues on the next line.
fn is_continuation(t: &[u8]) -> bool {
    matches!(std::str::from_utf8(t), Ok("," | "-" | "--" | "—" | "–" | "&" | "(" | "[" | "“" | "‘" | "/"))
}

/// The next line starts something new: a capital, a digit, a quote, a bullet.
fn starts_line(t: &[u8]) -> bool {
    let c = std::str::from_utf8(t).ok().and_then(|s| s.chars().next());
    c.is_some_and(|c| c.is_uppercase() || c.is_numeric() || matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[' | '•' | '*' | '-' | '—'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize;

    fn sents(text: &str) -> Vec<&str> {
        let t = tokenize(text);
        split_sentences(text, &t).iter().map(|s| &text[s.span.range()]).collect()
    }

    #[test]
    fn basic_terminals() {
        assert_eq!(sents("It rained. Was it cold? Yes! Fine"), ["It rained.", "Was it cold?", "Yes!", "Fine"]);
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(sents("Mr. Smith met Gen. Jones on Sept. 11 at the U.N. headquarters."), ["Mr. Smith met Gen. Jones on Sept. 11 at the U.N. headquarters."]);
        assert_eq!(sents("He arrived in the U.S. The next day he left."), ["He arrived in the U.S.", "The next day he left."]);
    }

    #[test]
    fn a_party_label_before_the_verb_does_not_end_the_sentence() {
        assert_eq!(
            sents("Sen. Claire McCaskill (D-Mo.) said it was bad. (It was.) Then it rained."),
            vec!["Sen. Claire McCaskill (D-Mo.) said it was bad.", "(It was.)", "Then it rained."]
        );
    }

    #[test]
    fn closers_attach_to_the_sentence_before() {
        assert_eq!(sents("\"We will win,\" he said. \"Go.\" Then"), ["\"We will win,\" he said.", "\"Go.\"", "Then"]);
        assert_eq!(sents("“Keep it under wraps.” She left (quietly.) Done"), ["“Keep it under wraps.”", "She left (quietly.)", "Done"]);
    }

    #[test]
    fn paragraph_breaks_end_sentences() {
        assert_eq!(
            sents("Assad Forces Retake Aleppo\n\nBy Jane Doe\n\nBEIRUT — Troops advanced"),
            ["Assad Forces Retake Aleppo", "By Jane Doe", "BEIRUT — Troops advanced"]
        );
        assert_eq!(sents("one\r\n\r\ntwo"), ["one", "two"]);
    }

    #[test]
    fn title_lines_end_sentences_but_wrapped_prose_does_not() {
        assert_eq!(
            sents("Assad Forces Retake Aleppo\nBy Jane Doe\nBEIRUT — Troops advanced on the city\nas rebels fled."),
            ["Assad Forces Retake Aleppo", "By Jane Doe", "BEIRUT — Troops advanced on the city\nas rebels fled."]
        );
        assert_eq!(sents("The ministry said that the\nPresident had left."), ["The ministry said that the\nPresident had left."]);
        assert_eq!(sents("one\ntwo"), ["one\ntwo"]);
    }

    #[test]
    fn ellipsis_does_not_split_but_question_marks_do() {
        assert_eq!(sents("He paused … then spoke. Why?” she asked."), ["He paused … then spoke.", "Why?”", "she asked."]);
    }

    #[test]
    fn empty_and_whitespace() {
        assert!(sents("").is_empty());
        assert!(sents(" \n\n\t").is_empty());
    }
}
