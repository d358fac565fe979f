//! The Penn Treebank spelling of a token, as CoreNLP writes it in its `word`
//! column ("-LRB-", "``", "''", "--", "n't" with a straight apostrophe).
//! Models trained on CoreNLP output see these forms; tokens here stay spans
//! into the original text, so this maps a span to the form on demand.

use crate::abbrev::{classify, Abbrev};
use corroborate_model::Span;
use std::borrow::Cow;

/// The PTB form of the token `span` of `text` ("" if the span is invalid).
pub fn ptb_form(text: &str, span: Span) -> Cow<'_, str> {
    let Some(w) = span.slice(text) else { return Cow::Borrowed("") };
    let before = text.get(..span.start as usize).and_then(|t| t.chars().next_back());
    let opens = before.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '{' | '“' | '‘' | '`' | '—' | '–'));
    let fixed = match w {
        "(" => "-LRB-",
        ")" => "-RRB-",
        "[" => "-LSB-",
        "]" => "-RSB-",
        "{" => "-LCB-",
        "}" => "-RCB-",
        "—" | "–" | "―" | "---" => "--",
        "…" | ". . ." => "...",
        "\"" if opens => "``",
        "\"" => "''",
        "'" if before.is_some_and(char::is_whitespace) || before.is_none() => "`",
        "¢" => "cents",
        "€" | "£" => "$",
        "½" => "1/2",
        _ => "",
    };
    if !fixed.is_empty() {
        return Cow::Borrowed(fixed);
    }
    // An abbreviation whose period was split off as the sentence end keeps
    // it in its PTB form ("U.S" "." → "U.S." "."), as CoreNLP writes it;
    // hyphenated ones ("(R-Ky.)" → "R-Ky" ".") do not.
    let period_split =
        text.as_bytes().get(span.end as usize) == Some(&b'.') && !w.contains('-') && classify(w) != Abbrev::No;
    let curly = w.contains(['“', '”', '‘', '’', '\u{AD}']);
    if !curly && !period_split {
        return Cow::Borrowed(w);
    }
    let mut out = String::with_capacity(w.len() + 2);
    for c in w.chars() {
        match c {
            '“' => out.push_str("``"),
            '”' => out.push_str("''"),
            '‘' => out.push('`'),
            '’' => out.push('\''),
            '\u{AD}' => {}
            _ => out.push(c),
        }
    }
    if period_split {
        out.push('.');
    }
    // a token of soft hyphens alone (found by fuzzing) would vanish: the
    // tagger needs a word, and a lone hyphen is what it shows
    if out.is_empty() {
        return Cow::Borrowed("-");
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize;

    fn forms(text: &str) -> Vec<String> {
        tokenize(text).iter().map(|&s| ptb_form(text, s).into_owned()).collect()
    }

    #[test]
    fn a_lone_soft_hyphen_keeps_a_form() {
        let text = "'')'x\u{AD}) a \u{AD} b";
        for s in tokenize(text) {
            assert!(!ptb_form(text, s).is_empty(), "empty form for {s:?} in {text:?}");
        }
    }

    #[test]
    fn brackets_quotes_dashes() {
        assert_eq!(forms("(AP) — “Go,” he said."), ["-LRB-", "AP", "-RRB-", "--", "``", "Go", ",", "''", "he", "said", "."]);
        assert_eq!(forms("\"No,\" she said: 'maybe'"), ["``", "No", ",", "''", "she", "said", ":", "`", "maybe", "'"]);
        assert_eq!(forms("it’s O’Malley’s… don’t"), ["it", "'s", "O'Malley", "'s", "...", "do", "n't"]);
    }

    #[test]
    fn split_abbreviation_gets_its_period_back() {
        assert_eq!(forms("in the U.S. The"), ["in", "the", "U.S.", ".", "The"]);
        assert_eq!(forms("ended. The"), ["ended", ".", "The"]);
    }
}
