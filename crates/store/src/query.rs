//! Turns free user input into a safe FTS5 MATCH expression.
//!
//! FTS5 has its own query language (AND/OR/NOT, NEAR, column filters, `^`,
//! `*`, parentheses); raw user input such as `U.S.-led "strike` is a syntax
//! error there. We therefore never pass input through: every bare term becomes
//! a quoted FTS5 string, text inside double quotes becomes one phrase, and a
//! trailing `*` on a bare term keeps its meaning as a prefix search. Terms are
//! ANDed (FTS5's implicit operator).

use crate::StoreError;

/// Builds the MATCH expression, or explains why the input cannot be searched.
pub fn fts_query(input: &str) -> Result<String, StoreError> {
    let parts: Vec<String> = terms(input)?.iter().map(|(t, prefix)| quote(t, *prefix)).collect();
    Ok(parts.join(" "))
}

/// The user's terms and phrases (cleaned, each with its prefix flag), or an
/// error when there is nothing to search for.
fn terms(input: &str) -> Result<Vec<(String, bool)>, StoreError> {
    let invalid = |reason: &str| StoreError::InvalidQuery { query: input.to_string(), reason: reason.to_string() };
    let mut parts: Vec<(String, bool)> = Vec::new();
    let mut rest = input;
    while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
        rest = &rest[start..];
        if let Some(after) = rest.strip_prefix('"') {
            let Some(end) = after.find('"') else {
                return Err(invalid("unbalanced double quote (a phrase needs a closing \")"));
            };
            push_term(&mut parts, &after[..end], false);
            rest = &after[end + 1..];
        } else {
            let end = rest.find(|c: char| c.is_whitespace() || c == '"').unwrap_or(rest.len());
            let term = &rest[..end];
            match term.strip_suffix('*') {
                Some(stem) => push_term(&mut parts, stem, true),
                None => push_term(&mut parts, term, false),
            }
            rest = &rest[end..];
        }
    }
    if parts.is_empty() {
        return Err(invalid("no words to search for"));
    }
    Ok(parts)
}

/// Whether the query holds a phrase of several words (a quoted phrase, or a
/// term such as `U.S.-led` that FTS5's tokenizer splits into several).
pub fn has_phrase(input: &str) -> Result<bool, StoreError> {
    // FTS5's unicode61 tokenizer splits on everything but letters and digits.
    Ok(terms(input)?.iter().any(|(t, _)| t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).count() > 1))
}

/// Quotes one term or phrase; skips it when it has no letters or digits
/// (FTS5 would tokenize it to nothing).
fn push_term(parts: &mut Vec<(String, bool)>, term: &str, prefix: bool) {
    if !term.chars().any(char::is_alphanumeric) {
        return;
    }
    // Control characters have no business in a query and NUL would end the C string.
    parts.push((term.chars().filter(|c| !c.is_control()).collect(), prefix));
}

fn quote(term: &str, prefix: bool) -> String {
    let quoted = format!("\"{}\"", term.replace('"', "\"\""));
    if prefix {
        quoted + "*"
    } else {
        quoted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_are_told_from_words() {
        assert!(!has_phrase("chlorine Douma civil*").unwrap());
        assert!(has_phrase(r#""barrel bombs" Aleppo"#).unwrap());
        assert!(has_phrase("U.S.-led").unwrap());
        assert!(has_phrase("\"").is_err());
    }

    #[test]
    fn terms_are_quoted_and_phrases_kept() {
        assert_eq!(fts_query("chlorine Douma").unwrap(), r#""chlorine" "Douma""#);
        assert_eq!(fts_query(r#"  "barrel bombs"  Aleppo "#).unwrap(), r#""barrel bombs" "Aleppo""#);
        assert_eq!(fts_query("U.S.-led NOT (strike").unwrap(), r#""U.S.-led" "NOT" "(strike""#);
        assert_eq!(fts_query("civil*").unwrap(), r#""civil"*"#);
        assert!(fts_query(r#"a"b c"#).unwrap_err().to_string().contains("unbalanced"));
    }

    #[test]
    fn unsearchable_input_is_an_error() {
        for q in ["", "   ", "- * ()", r#""""#, "\"unclosed"] {
            let e = fts_query(q).unwrap_err();
            assert!(matches!(e, StoreError::InvalidQuery { .. }), "{q:?}: {e}");
        }
    }
}
