//! The framing and hedge lexicons: the shipped defaults (`data/*.tsv`,
//! embedded) and user files merged over them.

use crate::pattern::{Pattern, Words};
use crate::FramingError;
use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

const FRAMING_TSV: &str = include_str!("../data/framing.tsv");
const HEDGES_TSV: &str = include_str!("../data/hedges.tsv");

/// Sides a framing term can name (`-` in a file for none).
pub const SIDES: &[&str] = &[
    "government", "opposition", "jihadist", "kurdish", "coalition", "russia", "iran", "israel", "us", "turkey",
    "civilians",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Loaded,
    Neutral,
}

impl Tone {
    pub fn as_str(self) -> &'static str {
        match self {
            Tone::Loaded => "loaded",
            Tone::Neutral => "neutral",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HedgeKind {
    Unverified,
    Reported,
    Claimed,
    Uncertain,
    Disputed,
}

impl HedgeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            HedgeKind::Unverified => "unverified",
            HedgeKind::Reported => "reported",
            HedgeKind::Claimed => "claimed",
            HedgeKind::Uncertain => "uncertain",
            HedgeKind::Disputed => "disputed",
        }
    }
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "unverified" => HedgeKind::Unverified,
            "reported" => HedgeKind::Reported,
            "claimed" => HedgeKind::Claimed,
            "uncertain" => HedgeKind::Uncertain,
            "disputed" => HedgeKind::Disputed,
            _ => return None,
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct TermEntry {
    pub pattern: Pattern,
    /// Canonical form ("irreconcilable gangs").
    pub term: String,
    /// The side it names, `None` for words that name no party ("massacre").
    pub side: Option<String>,
    pub tone: Tone,
}

#[derive(Clone, Debug, PartialEq)]
pub struct HedgeEntry {
    pub pattern: Pattern,
    pub kind: HedgeKind,
}

/// Framing terms and hedges, indexed by the words a match can start with.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    terms: Vec<TermEntry>,
    hedges: Vec<HedgeEntry>,
    term_index: HashMap<String, Vec<usize>>,
    hedge_index: HashMap<String, Vec<usize>>,
}

/// A lexicon match: token range `[start, end)` and the entry's index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub entry: usize,
}

/// The shipped lexicon (parsed once).
pub fn builtin() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut lex = Lexicon::default();
        // The shipped files are tested to parse (tests::builtin_parses); a
        // broken row would only drop that row, never panic here.
        let _ = lex.merge_str(FRAMING_TSV, "data/framing.tsv");
        let _ = lex.merge_str(HEDGES_TSV, "data/hedges.tsv");
        lex
    })
}

/// The shipped lexicon with the user file at `path` merged over it (same
/// format as `data/framing.tsv`: 4 columns for a term, 2 for a hedge; a row
/// with the same pattern as a shipped one replaces it).
pub fn load_lexicon(path: impl AsRef<Path>) -> Result<Lexicon, FramingError> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path).map_err(|source| FramingError::Read { path: path.into(), source })?;
    let mut lex = builtin().clone();
    lex.merge_str(&text, &path.display().to_string())?;
    Ok(lex)
}

impl Lexicon {
    pub fn terms(&self) -> &[TermEntry] {
        &self.terms
    }
    pub fn hedges(&self) -> &[HedgeEntry] {
        &self.hedges
    }

    /// Merges rows from `text` (`origin` names it in errors). Blank lines and
    /// `#` comments are skipped; all rows are checked before any is merged.
    pub fn merge_str(&mut self, text: &str, origin: &str) -> Result<(), FramingError> {
        let err = |line: usize, message: String| FramingError::Line { origin: origin.to_string(), line, message };
        let mut terms = Vec::new();
        let mut hedges = Vec::new();
        for (n, raw) in text.lines().enumerate() {
            let line = n + 1;
            let row = raw.trim_end_matches('\r');
            if row.trim().is_empty() || row.trim_start().starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = row.split('\t').map(str::trim).collect();
            let pattern = |s: &str| Pattern::parse(s).ok_or_else(|| err(line, format!("pattern {s:?} has no word to match")));
            match cols.as_slice() {
                [pat, term, side, tone] => {
                    let side = match *side {
                        "-" | "" => None,
                        s if SIDES.contains(&s) => Some(s.to_string()),
                        s => return Err(err(line, format!("unknown side {s:?} (expected one of {} or -)", SIDES.join(", ")))),
                    };
                    let tone = match *tone {
                        "loaded" => Tone::Loaded,
                        "neutral" => Tone::Neutral,
                        t => return Err(err(line, format!("unknown tone {t:?} (expected loaded or neutral)"))),
                    };
                    if term.is_empty() {
                        return Err(err(line, "empty canonical term".into()));
                    }
                    terms.push(TermEntry { pattern: pattern(pat)?, term: term.to_string(), side, tone });
                }
                [pat, kind] => {
                    let kind = HedgeKind::parse(kind).ok_or_else(|| {
                        err(line, format!("unknown hedge kind {kind:?} (expected unverified, reported, claimed, uncertain or disputed)"))
                    })?;
                    hedges.push(HedgeEntry { pattern: pattern(pat)?, kind });
                }
                _ => {
                    return Err(err(
                        line,
                        format!("expected 4 tab-separated columns (pattern, term, side, tone) or 2 (pattern, hedge kind), found {}", cols.len()),
                    ))
                }
            }
        }
        for t in terms {
            match self.terms.iter_mut().find(|e| e.pattern.source() == t.pattern.source()) {
                Some(e) => *e = t,
                None => self.terms.push(t),
            }
        }
        for h in hedges {
            match self.hedges.iter_mut().find(|e| e.pattern.source() == h.pattern.source()) {
                Some(e) => *e = h,
                None => self.hedges.push(h),
            }
        }
        self.reindex();
        Ok(())
    }

    fn reindex(&mut self) {
        fn index<'a>(pats: impl Iterator<Item = &'a Pattern>) -> HashMap<String, Vec<usize>> {
            let mut m: HashMap<String, Vec<usize>> = HashMap::new();
            for (i, p) in pats.enumerate() {
                for w in p.first_words() {
                    let v = m.entry(w.to_string()).or_default();
                    if !v.contains(&i) {
                        v.push(i);
                    }
                }
            }
            m
        }
        self.term_index = index(self.terms.iter().map(|t| &t.pattern));
        self.hedge_index = index(self.hedges.iter().map(|h| &h.pattern));
    }

    /// Framing-term matches in `[from, to)`, longest first, not overlapping.
    pub fn find_terms(&self, words: &Words, from: usize, to: usize) -> Vec<Hit> {
        scan(words, from, to, &self.term_index, |i| self.terms.get(i).map(|t| &t.pattern))
    }

    /// Hedge matches in `[from, to)`, longest first, not overlapping.
    pub fn find_hedges(&self, words: &Words, from: usize, to: usize) -> Vec<Hit> {
        scan(words, from, to, &self.hedge_index, |i| self.hedges.get(i).map(|h| &h.pattern))
    }
}

/// Left to right; at each token the longest matching pattern wins and the
/// scan resumes after it.
fn scan<'a>(
    words: &Words,
    from: usize,
    to: usize,
    index: &HashMap<String, Vec<usize>>,
    pattern: impl Fn(usize) -> Option<&'a Pattern>,
) -> Vec<Hit> {
    let mut hits = Vec::new();
    let mut i = from;
    while i < to {
        let mut best: Option<Hit> = None;
        let keys = [words.lower.get(i), words.lemma.get(i)];
        for key in keys.into_iter().flatten() {
            for &e in index.get(key.as_str()).map(Vec::as_slice).unwrap_or(&[]) {
                let Some(end) = pattern(e).and_then(|p| p.match_at(words, i, to)) else { continue };
                // Longest wins; on a tie the earlier row (lexicon order) wins.
                if end > i && best.is_none_or(|b| end > b.end || (end == b.end && e < b.entry)) {
                    best = Some(Hit { start: i, end, entry: e });
                }
            }
        }
        match best {
            Some(h) => {
                hits.push(h);
                i = h.end;
            }
            None => i += 1,
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses() {
        let mut lex = Lexicon::default();
        lex.merge_str(FRAMING_TSV, "framing.tsv").unwrap();
        lex.merge_str(HEDGES_TSV, "hedges.tsv").unwrap();
        assert!(lex.terms().len() > 80);
        assert!(lex.hedges().len() > 20);
        assert_eq!(builtin().terms().len(), lex.terms().len());
    }

    #[test]
    fn user_rows_override_and_extend() {
        let mut lex = builtin().clone();
        let n = lex.terms().len();
        lex.merge_str("# mine\nregime\tregime\tgovernment\tneutral\nrafidi\trafidis\tiran\tloaded\nthey say\treported\n", "user.tsv")
            .unwrap();
        assert_eq!(lex.terms().len(), n + 1);
        let regime = lex.terms().iter().find(|t| t.pattern.source() == "regime").unwrap();
        assert_eq!(regime.tone, Tone::Neutral);
        assert!(lex.hedges().iter().any(|h| h.pattern.source() == "they say" && h.kind == HedgeKind::Reported));
    }

    #[test]
    fn errors_name_file_and_line() {
        let mut lex = Lexicon::default();
        let e = lex.merge_str("ok\tok\t-\tloaded\nbad\tbad\tmartians\tloaded\n", "my.tsv").unwrap_err();
        assert_eq!(e.to_string().split(": ").next(), Some("my.tsv:2"));
        assert!(e.to_string().contains("martians"));
        let e = lex.merge_str("x\ty\tz\n", "my.tsv").unwrap_err().to_string();
        assert!(e.starts_with("my.tsv:1:") && e.contains("found 3"), "{e}");
        let e = lex.merge_str("x\tsure\n", "my.tsv").unwrap_err().to_string();
        assert!(e.contains("hedge kind"), "{e}");
        // Nothing from a file with an error is merged.
        assert!(lex.terms().is_empty());
    }

    #[test]
    fn load_lexicon_reports_missing_file() {
        let e = load_lexicon("/nonexistent/lexicon.tsv").unwrap_err().to_string();
        assert!(e.contains("/nonexistent/lexicon.tsv"), "{e}");
    }

    #[test]
    fn longest_match_first() {
        let lex = builtin();
        let w = Words {
            lower: "the assad regime and irreconcilable gangs".split(' ').map(String::from).collect(),
            lemma: "the assad regime and irreconcilable gang".split(' ').map(String::from).collect(),
        };
        let hits = lex.find_terms(&w, 0, 6);
        let terms: Vec<&str> = hits.iter().map(|h| lex.terms()[h.entry].term.as_str()).collect();
        assert_eq!(terms, vec!["Assad regime", "irreconcilable gangs"]);
    }
}
