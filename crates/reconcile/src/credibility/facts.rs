//! What an article says of its main incident — place, day, cause, tolls — in
//! the shape the consistency check compares across articles.

use corroborate_export::DocRecord;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The main incident of one article. Callers with the analysed document may
/// fill it from richer analysis (the CLI uses the FA-KES row rules of
/// `corroborate_figures::fakes_row`); [`ArticleFacts::from_record`] reads a
/// stored record alone.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleFacts {
    pub doc: String,
    pub outlet: Option<String>,
    /// Publication day, days since 1970-01-01.
    pub day: Option<i64>,
    /// Place class of the main incident ("idlib"), lowercase.
    pub location: Option<String>,
    pub cause: Option<String>,
    pub actor: Option<String>,
    /// Death tolls; `None` when the article gives none.
    pub civilians: Option<u32>,
    pub children: Option<u32>,
    pub women: Option<u32>,
    pub noncivilians: Option<u32>,
    /// Content words of the title and lead, to tell whether two articles
    /// tell the same story when the place was not recognised.
    pub lead_terms: Vec<String>,
}

impl ArticleFacts {
    /// From a stored record: the main incident's place and toll (else the
    /// first killed figure's), the publication day and the lead's words.
    pub fn from_record(r: &DocRecord) -> Self {
        let main = r.incidents.iter().find(|i| i.main).or_else(|| r.incidents.first());
        let killed = r.figures.iter().find(|f| f.category.as_deref() == Some("killed"));
        let location = main
            .and_then(|i| i.place.clone())
            .or_else(|| killed.and_then(|f| f.place.clone()))
            .map(|p| p.to_lowercase());
        let toll = main
            .and_then(|i| i.toll)
            .or_else(|| killed.and_then(|f| f.min))
            .filter(|t| t.is_finite() && *t >= 1.0)
            .map(|t| t.min(u32::MAX as f64) as u32);
        ArticleFacts {
            doc: r.doc.clone(),
            outlet: r.outlet.clone(),
            day: r.published.as_deref().and_then(parse_day),
            location,
            cause: main.map(|i| i.kind.clone()),
            actor: main.and_then(|i| i.actor.clone()).map(|a| a.to_lowercase()),
            civilians: toll,
            lead_terms: lead_terms(&format!("{}\n\n{}", r.title.as_deref().unwrap_or(""), r.text)),
            ..ArticleFacts::default()
        }
    }

    /// Replaces the incident with FA-KES-style coding of the article (as
    /// `corroborate_figures::fakes_row` gives it): counts are civilians,
    /// children, women, non-civilians, 0 meaning none reported.
    pub fn with_coding(mut self, location: &str, actor: &str, cause: &str, counts: [u32; 4]) -> Self {
        let some = |s: &str| Some(s.trim().to_lowercase()).filter(|s| !s.is_empty());
        let count = |n: u32| Some(n).filter(|&n| n > 0);
        let [civilians, children, women, noncivilians] = counts;
        self.location = some(location);
        self.actor = some(actor);
        self.cause = some(cause);
        self.civilians = count(civilians);
        self.children = count(children);
        self.women = count(women);
        self.noncivilians = count(noncivilians);
        self
    }
}

/// Days since 1970-01-01 of a date given as ISO 8601 (`2016-03-04`, or a
/// date-time starting so) or as FA-KES's US `M/D/YY`.
pub fn parse_day(s: &str) -> Option<i64> {
    use chrono::NaiveDate;
    let s = s.trim();
    let d = s
        .get(..10)
        .and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok())
        .or_else(|| NaiveDate::parse_from_str(s, "%m/%d/%y").ok())
        .or_else(|| NaiveDate::parse_from_str(s, "%m/%d/%Y").ok())?;
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
    Some((d - epoch).num_days())
}

/// Words too common in war reporting to tell stories apart.
const STOP: &[&str] = &[
    "the", "and", "for", "that", "with", "from", "this", "were", "was", "are", "have", "has", "had", "said", "says",
    "syria", "syrian", "people", "killed", "least", "after", "into", "their", "its", "his", "her", "they", "been",
    "also", "which", "who", "on", "in", "of", "by", "at", "an", "to", "as", "is", "it", "be", "not", "but", "or",
    "more", "than", "other", "over", "two", "three", "four", "five", "one", "will", "would", "on", "news", "agency",
];

/// How many words of the text (title first) count as the lead.
const LEAD_WORDS: usize = 80;

/// Distinct lowercase content words (3+ letters, not in [`STOP`]) of the lead.
pub fn lead_terms(text: &str) -> Vec<String> {
    let set: BTreeSet<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(LEAD_WORDS)
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 3 && !w.chars().all(|c| c.is_ascii_digit()) && !STOP.contains(&w.as_str()))
        .collect();
    set.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_from_iso_and_fakes_dates() {
        assert_eq!(parse_day("1970-01-02"), Some(1));
        assert_eq!(parse_day("2016-03-04T10:00:00Z"), parse_day("3/4/16"));
        assert_eq!(parse_day("4/5/17"), parse_day("2017-04-05"));
        assert_eq!(parse_day("yesterday"), None);
        assert_eq!(parse_day(""), None);
        assert_eq!(parse_day("é2016-03-04"), None, "no panic on a non-boundary slice");
    }

    #[test]
    fn lead_terms_skip_common_words() {
        let t = lead_terms("Airstrikes kill 12 in Idlib market\n\nAt least 12 people were killed in Idlib.");
        assert_eq!(t, vec!["airstrikes", "idlib", "kill", "market"]);
    }
}
