//! Token patterns for the lexicons: words matched against a token's lemma or
//! lowercased text, with alternatives (`a|b`) and optional words (`word?`).
//!
//! Hand-written because the match runs over the language core's token arrays
//! (lemma *or* surface form per position, optional slots), which string
//! matchers such as aho-corasick do not model; patterns are a few words long,
//! so a small backtracking match is enough.

/// One position of a pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Slot {
    alts: Vec<String>,
    optional: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    slots: Vec<Slot>,
    /// The pattern as written, normalised (the key a user file overrides).
    source: String,
}

/// The words a token can match as: lowercased text and lemma.
pub struct Words {
    pub lower: Vec<String>,
    pub lemma: Vec<String>,
}

impl Words {
    fn is(&self, i: usize, w: &str) -> bool {
        self.lower.get(i).is_some_and(|x| x == w) || self.lemma.get(i).is_some_and(|x| x == w)
    }
    pub fn len(&self) -> usize {
        self.lower.len()
    }
}

impl Pattern {
    /// Parses `"could|can not be independently? verified"`; `None` if it has no
    /// required word.
    pub fn parse(text: &str) -> Option<Pattern> {
        let mut slots = Vec::new();
        for w in text.split_whitespace() {
            let w = w.to_lowercase();
            let (w, optional) = match w.strip_suffix('?') {
                Some(rest) if !rest.is_empty() => (rest.to_string(), true),
                _ => (w, false),
            };
            let alts: Vec<String> = w.split('|').filter(|a| !a.is_empty()).map(str::to_string).collect();
            if alts.is_empty() {
                return None;
            }
            slots.push(Slot { alts, optional });
        }
        if slots.iter().all(|s| s.optional) {
            return None;
        }
        let source = text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        Some(Pattern { slots, source })
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    /// Every word a match can start with (for indexing).
    pub fn first_words(&self) -> Vec<&str> {
        let mut out = Vec::new();
        for s in &self.slots {
            out.extend(s.alts.iter().map(String::as_str));
            if !s.optional {
                break;
            }
        }
        out
    }

    /// The end (exclusive token index) of the longest match starting at
    /// token `start`, never crossing `limit`.
    pub fn match_at(&self, words: &Words, start: usize, limit: usize) -> Option<usize> {
        self.longest(words, 0, start, limit.min(words.len()))
    }

    fn longest(&self, words: &Words, slot: usize, at: usize, limit: usize) -> Option<usize> {
        let Some(s) = self.slots.get(slot) else { return Some(at) };
        let here = (at < limit && s.alts.iter().any(|a| words.is(at, a)))
            .then(|| self.longest(words, slot + 1, at + 1, limit))
            .flatten();
        let skipped = if s.optional { self.longest(words, slot + 1, at, limit) } else { None };
        match (here, skipped) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str, lemmas: &str) -> Words {
        Words {
            lower: text.split(' ').map(|w| w.to_lowercase()).collect(),
            lemma: lemmas.split(' ').map(str::to_string).collect(),
        }
    }

    #[test]
    fn alternatives_optional_and_lemmas() {
        let p = Pattern::parse("could|can not be independently? verify|confirm").unwrap();
        let w = words("The figures could not be independently verified .", "the figure could not be independently verify .");
        assert_eq!(p.match_at(&w, 2, 99), Some(7));
        let w = words("It can not be confirmed", "it can not be confirm");
        assert_eq!(p.match_at(&w, 1, 99), Some(5));
        assert_eq!(p.match_at(&w, 0, 99), None);
        // The limit (sentence end) stops a match.
        assert_eq!(p.match_at(&w, 1, 4), None);
    }

    #[test]
    fn longest_of_the_optional_paths() {
        let p = Pattern::parse("al-nusra front?").unwrap();
        let w = words("al-Nusra Front fighters", "al-nusra front fighter");
        assert_eq!(p.match_at(&w, 0, 99), Some(2));
        assert_eq!(p.first_words(), vec!["al-nusra"]);
        let q = Pattern::parse("the? regime").unwrap();
        assert_eq!(q.first_words(), vec!["the", "regime"]);
    }

    #[test]
    fn rejects_empty_patterns() {
        assert!(Pattern::parse("").is_none());
        assert!(Pattern::parse("maybe?").is_none());
        assert!(Pattern::parse("a || b").is_none());
    }
}
