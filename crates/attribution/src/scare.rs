//! Scare quotes and quoted titles: short quoted stretches ("hell",
//! 'terrorists', a film title) that are not statements. They are recorded as
//! their own relations, never as attributions.
//!
//! Scanned on the raw text rather than on tokens because single quotes are
//! ambiguous with apostrophes and tokenizers split them inconsistently.

use corroborate_model::Span;

/// At most this many words for a scare quote; a title-cased stretch may be longer.
const MAX_WORDS: usize = 4;
const MAX_TITLE_WORDS: usize = 10;

fn closing_for(open: char) -> &'static [char] {
    match open {
        '“' => &['”', '"'],
        '"' => &['"', '”'],
        '‘' => &['’', '\''],
        '\'' => &['\'', '’'],
        _ => &[],
    }
}

/// Byte spans of the quoted words (inside the marks, edge punctuation trimmed)
/// of every short quotation in `text`.
pub fn find(text: &str) -> Vec<Span> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |k: usize| chars.get(k).map(|c| c.1);
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let Some((b, c)) = chars.get(k).copied() else { break };
        let before = k.checked_sub(1).and_then(at);
        let opens_here = match c {
            '“' | '‘' => true,
            // a straight mark opens after a space, bracket or dash and before a letter
            '"' | '\'' => {
                before.is_none_or(|p| p.is_whitespace() || "([—–-".contains(p)) && at(k + 1).is_some_and(|n| n.is_alphanumeric())
            }
            _ => false,
        };
        if !opens_here {
            k += 1;
            continue;
        }
        let closers = closing_for(c);
        // the matching close on the same line, not an apostrophe inside a word
        let mut close = None;
        let mut j = k + 1;
        while let Some((_, d)) = chars.get(j).copied() {
            if d == '\n' || j > k + 200 {
                break;
            }
            if closers.contains(&d) {
                let next_is_letter = at(j + 1).is_some_and(|n| n.is_alphanumeric());
                let prev_is_space = at(j.saturating_sub(1)).is_some_and(char::is_whitespace);
                if !next_is_letter && !prev_is_space {
                    close = Some(j);
                    break;
                }
            }
            // another opening double mark: this one was not a quotation
            if (c == '“' || c == '"') && d == '“' {
                break;
            }
            j += 1;
        }
        let Some(j) = close else {
            k += 1;
            continue;
        };
        let inner_start = b + c.len_utf8();
        let inner_end = chars.get(j).map(|x| x.0).unwrap_or(text.len());
        let inner = text.get(inner_start..inner_end).unwrap_or("");
        let trimmed_start = inner_start + (inner.len() - inner.trim_start().len());
        let t = inner.trim().trim_end_matches([',', '.', ';', ':']);
        let span = Span::new(trimmed_start, trimmed_start + t.len());
        let n_words = t.split_whitespace().count();
        // titles capitalise every word but short function words ("The Battle of Aleppo")
        let small = |w: &str| matches!(w, "of" | "the" | "and" | "in" | "on" | "for" | "a" | "an" | "to" | "at" | "de");
        let title_case = t.split_whitespace().enumerate().all(|(i, w)| {
            (i > 0 && small(w)) || w.chars().next().is_some_and(|ch| ch.is_uppercase() || !ch.is_alphabetic())
        });
        let sentence_like = t.ends_with(['!', '?']) || inner.trim_end().ends_with(['.', ','])  && n_words > MAX_WORDS;
        if n_words >= 1 && (n_words <= MAX_WORDS || (title_case && n_words <= MAX_TITLE_WORDS)) && !sentence_like && t.chars().any(char::is_alphabetic) {
            out.push(span);
        }
        k = j + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        find(t).into_iter().map(|s| &t[s.range()]).collect()
    }

    #[test]
    fn short_quotes_and_titles() {
        assert_eq!(texts("civilians described the scene as “hell”, and left"), vec!["hell"]);
        assert_eq!(texts("media said 'terrorists' had attacked"), vec!["terrorists"]);
        assert_eq!(texts("their \"humanitarian corridors,\" after"), vec!["humanitarian corridors"]);
        assert_eq!(texts("the film “The White Helmets of Eastern Aleppo” won"), vec!["The White Helmets of Eastern Aleppo"]);
    }

    #[test]
    fn apostrophes_and_long_quotes_are_not_scare_quotes() {
        assert!(texts("Russia’s ministry didn’t say 'it is over' yet").contains(&"it is over"));
        assert!(texts("Russia’s ministry didn’t say").is_empty());
        assert!(texts("“All the women and children in areas controlled by rebel fighters have been taken out,” it read").is_empty());
        assert!(texts("the rebels' positions and the 'Syrian' army's").contains(&"Syrian"));
    }
}
