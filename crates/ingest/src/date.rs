//! Date normalisation to ISO 8601. Inputs arrive as RFC 3339 (HTML meta, JSON-LD), RFC 2822
//! (RSS), US `M/D/YY` (FA-KES) or prose ("5 April 2017"); chrono parses each given its pattern,
//! this module only picks the pattern. Unparsable values are kept as given.

use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, Utc};

/// `YYYY-MM-DD` for a date, RFC 3339 for a date-time, else the trimmed input.
pub fn normalize_date(raw: &str) -> String {
    let s = raw.trim();
    parse(s).unwrap_or_else(|| s.to_string())
}

/// RFC 3339 with a `Z` suffix, seconds precision.
pub fn utc_iso(dt: &DateTime<Utc>) -> String {
    dt.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn parse(s: &str) -> Option<String> {
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.to_rfc3339_opts(SecondsFormat::Secs, true));
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(dt.to_rfc3339_opts(SecondsFormat::Secs, true));
    }
    // ISO-ish with offset but no colon, or a space instead of 'T'.
    for pat in [
        "%Y-%m-%dT%H:%M:%S%z",
        "%Y-%m-%d %H:%M:%S%z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(s, pat) {
            return Some(dt.to_rfc3339_opts(SecondsFormat::Secs, true));
        }
    }
    // Without a zone we cannot claim an instant: keep the date part only.
    for pat in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, pat) {
            return Some(dt.date().format("%Y-%m-%d").to_string());
        }
    }
    if let Some(d) = slash_date(s) {
        return Some(d.format("%Y-%m-%d").to_string());
    }
    let cleaned = s.replace(',', " ");
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    for pat in [
        "%Y-%m-%d",
        "%Y/%m/%d",
        "%Y.%m.%d",
        "%d %B %Y",
        "%d %b %Y",
        "%B %d %Y",
        "%b %d %Y",
        "%a %d %b %Y",
        "%A %d %B %Y",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(&cleaned, pat) {
            return Some(d.format("%Y-%m-%d").to_string());
        }
    }
    None
}

/// `M/D/YY`, `M/D/YYYY` (US order, as FA-KES writes them: 4/5/17 is 5 April 2017), switching to
/// `D/M` only when the first number cannot be a month. Two-digit years: 00-69 -> 20xx, else 19xx.
fn slash_date(s: &str) -> Option<NaiveDate> {
    let mut parts = s.split(['/', '.', '-']);
    let a: u32 = parts.next()?.trim().parse().ok()?;
    let b: u32 = parts.next()?.trim().parse().ok()?;
    let y_str = parts.next()?.trim();
    if parts.next().is_some() || !(y_str.len() == 2 || y_str.len() == 4) {
        return None;
    }
    let y: i32 = y_str.parse().ok()?;
    let year = match y_str.len() {
        2 if y < 70 => 2000 + y,
        2 => 1900 + y,
        _ => y,
    };
    let (month, day) = if a > 12 { (b, a) } else { (a, b) };
    NaiveDate::from_ymd_opt(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        assert_eq!(normalize_date(input), expected, "input {input:?}");
    }

    #[test]
    fn formats() {
        check("4/5/17", "2017-04-05");
        check("12/31/16", "2016-12-31");
        check("25/12/2016", "2016-12-25");
        check("2017-04-05", "2017-04-05");
        check("2017-04-05T10:30:00+02:00", "2017-04-05T10:30:00+02:00");
        check("2017-04-05T10:30:00.123Z", "2017-04-05T10:30:00Z");
        check("2017-04-05 10:30:00", "2017-04-05");
        check("Wed, 05 Apr 2017 10:30:00 GMT", "2017-04-05T10:30:00Z");
        check("5 April 2017", "2017-04-05");
        check("April 5, 2017", "2017-04-05");
        check("yesterday", "yesterday");
        check("13/13/17", "13/13/17");
        check("  ", "");
    }
}
