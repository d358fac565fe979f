//! Time expressions resolved against the publication date.
//!
//! Hand-written: interim 0.2 (the checked crate) resolves a bare "Thursday"
//! into the future and rejects "on Thursday", while news uses a bare weekday
//! for the most recent such day on or before publication.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use corroborate_model::{Document, Span};

/// A resolved time: one day, or an inclusive window of days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    Day(NaiveDate),
    Window(NaiveDate, NaiveDate),
}

impl When {
    /// ISO 8601: "2016-12-15", or an interval "2016-12-14/2016-12-15".
    pub fn iso(&self) -> String {
        match self {
            When::Day(d) => d.format("%Y-%m-%d").to_string(),
            When::Window(a, b) => format!("{}/{}", a.format("%Y-%m-%d"), b.format("%Y-%m-%d")),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct TimeMention {
    pub tokens: (usize, usize),
    pub span: Span,
    pub when: When,
}

/// Parses a publication date: ISO ("2016-12-15", "2016-12-15T10:00:00Z")
/// or FA-KES's month/day/year ("4/5/17", "12/15/2016").
pub fn parse_published(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Some(d) = s.get(..10).and_then(|x| NaiveDate::parse_from_str(x, "%Y-%m-%d").ok()) {
        return Some(d);
    }
    let mut it = s.split(|c: char| c == '/' || c.is_whitespace());
    let m: u32 = it.next()?.parse().ok()?;
    let d: u32 = it.next()?.parse().ok()?;
    let y: i32 = it.next()?.parse().ok()?;
    let y = if y < 100 { 2000 + y } else { y };
    NaiveDate::from_ymd_opt(y, m, d)
}

const MONTHS: &[&str] = &["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon), ("tuesday", Weekday::Tue), ("wednesday", Weekday::Wed), ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri), ("saturday", Weekday::Sat), ("sunday", Weekday::Sun),
];

/// A word that names a time, not a thing ("on Friday", "on 12 May", "at night"):
/// no target or actor of an incident.
pub fn is_time_word(w: &str) -> bool {
    month_of(w).is_some()
        || weekday_of(w).is_some()
        || matches!(
            w,
            "yesterday" | "today" | "tonight" | "morning" | "afternoon" | "evening" | "night" | "dawn" | "dusk" | "day"
                | "days" | "week" | "weekend" | "month" | "year" | "midnight" | "noon"
        )
}

fn month_of(w: &str) -> Option<u32> {
    let w = w.trim_end_matches('.');
    MONTHS.iter().position(|m| *m == w || (w.len() == 3 && m.starts_with(w)) || (w == "sept" && *m == "september")).map(|i| i as u32 + 1)
}

fn weekday_of(w: &str) -> Option<Weekday> {
    WEEKDAYS.iter().find(|(n, _)| *n == w).map(|(_, d)| *d)
}

/// Most recent `day` on or before `pub_` (strictly before when `strict`).
fn last_weekday(pub_: NaiveDate, day: Weekday, strict: bool) -> NaiveDate {
    let mut back = (7 + pub_.weekday().num_days_from_monday() as i64 - day.num_days_from_monday() as i64) % 7;
    if strict && back == 0 {
        back = 7;
    }
    pub_ - Duration::days(back)
}

fn month_window(y: i32, m: u32) -> Option<When> {
    let a = NaiveDate::from_ymd_opt(y, m, 1)?;
    let b = if m == 12 { NaiveDate::from_ymd_opt(y + 1, 1, 1)? } else { NaiveDate::from_ymd_opt(y, m + 1, 1)? } - Duration::days(1);
    Some(When::Window(a, b))
}

/// The year a month (and day) without a year most likely had: the latest
/// one not after publication.
fn year_for(pub_: NaiveDate, m: u32, d: u32) -> i32 {
    if (m, d) > (pub_.month(), pub_.day()) { pub_.year() - 1 } else { pub_.year() }
}

fn num(w: &str) -> Option<u32> {
    // "12th", "1st" -> 12, 1
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if !digits.is_empty() && digits.len() < w.len() && !matches!(&w[digits.len()..], "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok().or(match w {
        "one" | "a" => Some(1), "two" => Some(2), "three" => Some(3), "four" => Some(4), "five" => Some(5),
        "six" => Some(6), "seven" => Some(7), "ten" => Some(10), _ => None,
    })
}

/// Resolves the time expression starting at token `i` of lower-cased `w`;
/// returns it and the token after it.
fn at(w: &[String], i: usize, pub_: Option<NaiveDate>) -> Option<(When, usize)> {
    let t = w.get(i)?.as_str();
    let next = |k: usize| w.get(k).map(String::as_str).unwrap_or("");
    // Absolute dates first: they need no publication date.
    if let Some(m) = month_of(t) {
        // "August 12, 2016", "August 12", "August 2016", "August"
        if let Some(d) = num(next(i + 1)).filter(|d| (1..=31).contains(d)) {
            let (y, end) = match num(next(i + 2)).or_else(|| if next(i + 2) == "," { num(next(i + 3)) } else { None }) {
                Some(y) if y > 1900 => (y as i32, if next(i + 2) == "," { i + 4 } else { i + 3 }),
                _ => (year_for(pub_?, m, d), i + 2),
            };
            return Some((When::Day(NaiveDate::from_ymd_opt(y, m, d)?), end));
        }
        if let Some(y) = num(next(i + 1)).filter(|y| *y > 1900 && *y < 2100) {
            return Some((month_window(y as i32, m)?, i + 2));
        }
        if t == "may" && !matches!(w.get(i.wrapping_sub(1)).map(String::as_str), Some("in" | "since" | "early" | "late" | "mid")) {
            return None; // the modal verb
        }
        if t.len() < 4 && t != "may" {
            return None;
        }
        let p = pub_?;
        let y = if m > p.month() { p.year() - 1 } else { p.year() };
        return Some((month_window(y, m)?, i + 1));
    }
    if let Some(d) = num(t).filter(|d| (1..=31).contains(d)) {
        // "12 March", "12 March 2017", "05 Apr 2017"
        let m = month_of(next(i + 1))?;
        if next(i + 1).len() < 3 {
            return None;
        }
        if let Some(y) = num(next(i + 2)).filter(|y| *y > 1900 && *y < 2100) {
            return Some((When::Day(NaiveDate::from_ymd_opt(y as i32, m, d)?), i + 3));
        }
        return Some((When::Day(NaiveDate::from_ymd_opt(year_for(pub_?, m, d), m, d)?), i + 2));
    }
    let p = pub_?;
    match t {
        "today" | "tonight" => return Some((When::Day(p), i + 1)),
        "yesterday" => return Some((When::Day(p - Duration::days(1)), i + 1)),
        "overnight" => return Some((When::Window(p - Duration::days(1), p), i + 1)),
        _ => {}
    }
    if let Some(day) = weekday_of(t) {
        return Some((When::Day(last_weekday(p, day, false)), i + 1));
    }
    if matches!(t, "last" | "past" | "previous") {
        let u = next(i + 1);
        if let Some(day) = weekday_of(u) {
            return Some((When::Day(last_weekday(p, day, true)), i + 2));
        }
        let start_of_week = p - Duration::days(p.weekday().num_days_from_monday() as i64);
        match u {
            "week" if t == "last" => {
                return Some((When::Window(start_of_week - Duration::days(7), start_of_week - Duration::days(1)), i + 2))
            }
            "week" => return Some((When::Window(p - Duration::days(7), p), i + 2)),
            "month" if t == "last" => {
                let (y, m) = if p.month() == 1 { (p.year() - 1, 12) } else { (p.year(), p.month() - 1) };
                return Some((month_window(y, m)?, i + 2));
            }
            "month" => return Some((When::Window(p - Duration::days(30), p), i + 2)),
            "year" if t == "last" => {
                return Some((When::Window(NaiveDate::from_ymd_opt(p.year() - 1, 1, 1)?, NaiveDate::from_ymd_opt(p.year() - 1, 12, 31)?), i + 2))
            }
            _ => {}
        }
        // "over the past 24 hours", "the last three days", "past two weeks"
        let k = num(u)? as i64;
        let days = match next(i + 2).trim_end_matches('s') {
            "hour" => (k + 23) / 24,
            "day" => k,
            "week" => 7 * k,
            "month" => 30 * k,
            _ => return None,
        };
        return Some((When::Window(p - Duration::days(days.max(1)), p), i + 3));
    }
    if t == "this" {
        let start_of_week = p - Duration::days(p.weekday().num_days_from_monday() as i64);
        return match next(i + 1) {
            "week" => Some((When::Window(start_of_week, p), i + 2)),
            "morning" | "afternoon" | "evening" => Some((When::Day(p), i + 2)),
            "month" => Some((When::Window(NaiveDate::from_ymd_opt(p.year(), p.month(), 1)?, p), i + 2)),
            _ => None,
        };
    }
    if t == "earlier" && next(i + 1) == "this" && next(i + 2) == "week" {
        let start_of_week = p - Duration::days(p.weekday().num_days_from_monday() as i64);
        return Some((When::Window(start_of_week, p), i + 3));
    }
    None
}

/// Every time expression in the document, resolved (relative ones only
/// when `published` is known).
pub fn find_times(doc: &Document, published: Option<NaiveDate>) -> Vec<TimeMention> {
    let words: Vec<String> = (0..doc.tokens.len()).map(|i| doc.token_text(i).to_lowercase()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        match at(&words, i, published) {
            Some((when, end)) if end > i => {
                let (Some(a), Some(b)) = (doc.tokens.spans.get(i), doc.tokens.spans.get(end - 1)) else { break };
                out.push(TimeMention { tokens: (i, end), span: a.cover(*b), when });
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

/// Resolves one phrase (whitespace-tokenised) against a publication date.
pub fn resolve(phrase: &str, published: Option<NaiveDate>) -> Option<When> {
    let w: Vec<String> = phrase.split_whitespace().map(|t| t.trim_matches(|c: char| c == ',').to_lowercase()).filter(|t| !t.is_empty() && t != "on" && t != "in" && t != "the" && t != "over").collect();
    at(&w, 0, published).map(|(when, _)| when)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prop_assert;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn relative_days_resolve_backwards() {
        let p = Some(d("2016-12-15")); // a Thursday
        assert_eq!(resolve("on Thursday", p), Some(When::Day(d("2016-12-15"))));
        assert_eq!(resolve("on Wednesday", p), Some(When::Day(d("2016-12-14"))));
        assert_eq!(resolve("Friday", p), Some(When::Day(d("2016-12-09"))));
        assert_eq!(resolve("last Thursday", p), Some(When::Day(d("2016-12-08"))));
        assert_eq!(resolve("yesterday", p), Some(When::Day(d("2016-12-14"))));
        assert_eq!(resolve("last week", p), Some(When::Window(d("2016-12-05"), d("2016-12-11"))));
        assert_eq!(resolve("over the past 24 hours", p), Some(When::Window(d("2016-12-14"), d("2016-12-15"))));
        assert_eq!(resolve("the past three days", p), Some(When::Window(d("2016-12-12"), d("2016-12-15"))));
    }

    #[test]
    fn months_and_dates() {
        let p = Some(d("2017-04-05"));
        assert_eq!(resolve("in August", p), Some(When::Window(d("2016-08-01"), d("2016-08-31"))));
        assert_eq!(resolve("in March", p), Some(When::Window(d("2017-03-01"), d("2017-03-31"))));
        assert_eq!(resolve("on 12 March", p), Some(When::Day(d("2017-03-12"))));
        assert_eq!(resolve("05 Apr 2017", None), Some(When::Day(d("2017-04-05"))));
        assert_eq!(resolve("August 12, 2016", None), Some(When::Day(d("2016-08-12"))));
        assert_eq!(resolve("last month", p), Some(When::Window(d("2017-03-01"), d("2017-03-31"))));
        assert_eq!(resolve("yesterday", None), None);
        assert_eq!(resolve("may", p), None);
        assert_eq!(When::Window(d("2016-12-14"), d("2016-12-15")).iso(), "2016-12-14/2016-12-15");
    }

    #[test]
    fn published_formats() {
        assert_eq!(parse_published("2016-12-15T10:00:00Z"), Some(d("2016-12-15")));
        assert_eq!(parse_published("4/5/17"), Some(d("2017-04-05")));
        assert_eq!(parse_published("12/15/2016"), Some(d("2016-12-15")));
        assert_eq!(parse_published("garbage"), None);
        assert_eq!(parse_published("99/99/99"), None);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(phrase in "\\PC{0,40}", y in 1i32..4000, m in 1u32..13, dd in 1u32..29) {
            let p = NaiveDate::from_ymd_opt(y, m, dd);
            let _ = resolve(&phrase, p);
            let _ = parse_published(&phrase);
        }

        #[test]
        fn relative_days_never_after_publication(w in proptest::sample::select(vec!["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today", "last week", "in august", "on 12 march"]), days in 0i64..20000) {
            let p = d("1990-01-01") + Duration::days(days);
            if let Some(when) = resolve(w, Some(p)) {
                let first = match when { When::Day(x) => x, When::Window(a, _) => a };
                prop_assert!(first <= p);
            }
        }
    }
}
