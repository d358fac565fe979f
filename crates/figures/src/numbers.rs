//! The number parser: from tokens to quantities with bounds and a qualifier.
//!
//! Hand-written because the crates checked (text2num) turn "hundreds" into 100
//! and reject "a dozen" and "several hundred", which are exactly the vague
//! quantities war reporting is full of.
//!
//! It works on PTB-style tokens ("9,500", "4.8", "million", "thirty-nine",
//! "8-10") and recognises, left to right:
//! * digits with separators and decimals, with or without a scale word or
//!   suffix ("4.8 million", "1.5m", "2bn", "6k");
//! * number words ("six thousand", "thirty-nine", "one hundred and fifty",
//!   "a hundred", "a dozen");
//! * vague quantities with documented bounds ([`VAGUE`]): "dozens", "hundreds",
//!   "thousands", "scores", "tens of thousands", "several hundred", "a few";
//! * ranges ("50,000 to 100,000", "between 8 and 10", "from 8 to 10", "8-10");
//! * qualifiers before the number ([`QUALIFIERS`]): "at least", "more than",
//!   "nearly", "about", "up to", "some", ...
//!
//! Whether a quantity counts people (and not years, ages, money, percentages,
//! durations) is decided by the figure extractor, which sees the context.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Exact,
    AtLeast,
    AtMost,
    About,
    Range,
    Vague,
}

impl Qualifier {
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::AtLeast => "at_least",
            Qualifier::AtMost => "at_most",
            Qualifier::About => "about",
            Qualifier::Range => "range",
            Qualifier::Vague => "vague",
        }
    }
}

/// A parsed quantity over tokens `start..end` (qualifier words included).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// Lower bound; `None` only for "up to N" style upper bounds.
    pub min: Option<f64>,
    /// Upper bound; `None` when open-ended ("at least 82", "more than 1,000").
    pub max: Option<f64>,
    pub qualifier: Qualifier,
    /// Token range of the whole expression, qualifier included.
    pub start: usize,
    pub end: usize,
    /// First token of the number itself (after the qualifier).
    pub num_start: usize,
}

/// Vague quantity words and the bounds we give them (min, max).
/// "dozens" is at least two dozen; "hundreds" at least two hundred, and so on.
pub const VAGUE: &[(&str, f64, f64)] = &[
    ("dozens", 24.0, 99.0),
    ("scores", 40.0, 99.0),
    ("hundreds", 200.0, 999.0),
    ("thousands", 2_000.0, 9_999.0),
    ("millions", 2_000_000.0, 9_999_999.0),
];

/// Multipliers that make a vague word of a scale: "several hundred" = 300..900.
const FEW: &[(&str, f64, f64)] = &[
    ("several", 3.0, 9.0),
    ("few", 2.0, 5.0),   // "a few hundred"
    ("many", 3.0, 9.0),  // "many thousands"
    ("some", 2.0, 9.0),  // "some thousands" (rare)
];

/// Qualifier phrases (lower-cased token sequences) before a number.
pub const QUALIFIERS: &[(&[&str], Qualifier)] = &[
    (&["at", "least"], Qualifier::AtLeast),
    (&["more", "than"], Qualifier::AtLeast),
    (&["over"], Qualifier::AtLeast),
    (&["upwards", "of"], Qualifier::AtLeast),
    (&["in", "excess", "of"], Qualifier::AtLeast),
    (&["no", "fewer", "than"], Qualifier::AtLeast),
    (&["no", "less", "than"], Qualifier::AtLeast),
    (&["at", "most"], Qualifier::AtMost),
    (&["up", "to"], Qualifier::AtMost),
    (&["as", "many", "as"], Qualifier::AtMost),
    (&["fewer", "than"], Qualifier::AtMost),
    (&["less", "than"], Qualifier::AtMost),
    (&["no", "more", "than"], Qualifier::AtMost),
    (&["under"], Qualifier::AtMost),
    (&["nearly"], Qualifier::About),
    (&["almost"], Qualifier::About),
    (&["about"], Qualifier::About),
    (&["around"], Qualifier::About),
    (&["approximately"], Qualifier::About),
    (&["roughly"], Qualifier::About),
    (&["some"], Qualifier::About),
    (&["an", "estimated"], Qualifier::About),
    (&["estimated"], Qualifier::About),
    (&["close", "to"], Qualifier::About),
    (&["around", "about"], Qualifier::About),
    (&["approx."], Qualifier::About),
    (&["c."], Qualifier::About),
];

const UNITS: &[&str] = &[
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
];
const TENS: &[&str] = &["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

fn scale_word(w: &str) -> Option<f64> {
    Some(match w {
        "hundred" => 100.0,
        "thousand" => 1e3,
        "million" | "mln" => 1e6,
        "billion" | "bn" => 1e9,
        _ => return None,
    })
}

fn small_word(w: &str) -> Option<f64> {
    if let Some(i) = UNITS.iter().position(|u| *u == w) {
        return Some(i as f64);
    }
    if let Some(i) = TENS.iter().position(|t| !t.is_empty() && *t == w) {
        return Some(i as f64 * 10.0);
    }
    // "thirty-nine", "twenty one" is two tokens and handled by the caller.
    let (a, b) = w.split_once('-')?;
    let t = TENS.iter().position(|t| !t.is_empty() && *t == a)?;
    let u = UNITS.iter().position(|u| *u == b).filter(|&u| (1..10).contains(&u))?;
    Some((t * 10 + u) as f64)
}

/// Parses one token written in digits: "9,500", "82", "4.8", "1.5m", "2bn", "6k".
/// Rejects ordinals ("1st"), years with letters ("1990s"), times ("10:30"),
/// percentages ("5%") and anything else with stray characters.
pub fn digits_value(tok: &str) -> Option<f64> {
    let (body, mult) = match tok.to_ascii_lowercase() {
        t if t.ends_with("bn") => (tok.get(..tok.len() - 2)?, 1e9),
        t if t.ends_with('m') && tok.len() > 1 => (tok.get(..tok.len() - 1)?, 1e6),
        t if t.ends_with('k') && tok.len() > 1 => (tok.get(..tok.len() - 1)?, 1e3),
        _ => (tok, 1.0),
    };
    let b = body.as_bytes();
    if b.is_empty() || !b[0].is_ascii_digit() || !b[b.len() - 1].is_ascii_digit() {
        return None;
    }
    // Thousands separators must group by three: "9,500" yes, "9,50" no.
    let mut int_part = body;
    let mut frac = "";
    if let Some((i, f)) = body.split_once('.') {
        int_part = i;
        frac = f;
        if f.is_empty() || !f.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
    }
    let groups: Vec<&str> = int_part.split(',').collect();
    if groups.len() > 1
        && (groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3))
    {
        return None;
    }
    if !groups.iter().all(|g| g.bytes().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let joined: String = groups.concat();
    let v: f64 = if frac.is_empty() { joined.parse().ok()? } else { format!("{joined}.{frac}").parse().ok()? };
    let v = v * mult;
    v.is_finite().then_some(v)
}

fn lower(t: &str) -> String {
    t.to_lowercase()
}

/// A number starting at token `i`, without qualifier: (min, max, is_vague, end).
fn number_at(toks: &[&str], i: usize) -> Option<(f64, f64, bool, usize)> {
    let w = lower(toks.get(i)?);
    let next = |k: usize| toks.get(k).map(|t| lower(t));

    // Vague quantities: "dozens", "tens of thousands", "hundreds of thousands".
    if (w == "tens" || w == "hundreds") && next(i + 1).as_deref() == Some("of") {
        if let Some(s) = next(i + 2).as_deref().and_then(|s| s.strip_suffix('s')).and_then(scale_word) {
            let k = if w == "tens" { 10.0 } else { 100.0 };
            return Some((2.0 * k * s, 10.0 * k * s - 1.0, true, i + 3));
        }
    }
    if let Some(&(_, lo, hi)) = VAGUE.iter().find(|(v, _, _)| *v == w) {
        return Some((lo, hi, true, i + 1));
    }
    // "several hundred", "a few thousand", "a dozen".
    let (j, few) = if w == "a" && next(i + 1).as_deref() == Some("few") { (i + 1, "few".to_string()) } else { (i, w.clone()) };
    if let Some(&(_, lo, hi)) = FEW.iter().find(|(f, _, _)| *f == few) {
        if let Some(s) = next(j + 1).as_deref().and_then(scale_word) {
            return Some((lo * s, hi * s, true, j + 2));
        }
        if next(j + 1).as_deref() == Some("dozen") {
            return Some((lo * 12.0, hi * 12.0, true, j + 2));
        }
        return None;
    }
    if (w == "a" || w == "one") && next(i + 1).as_deref() == Some("dozen") {
        return Some((12.0, 12.0, false, i + 2));
    }

    // Digits, optionally followed by a scale word: "4.8 million".
    if let Some(v) = digits_value(toks.get(i)?) {
        if let Some(s) = next(i + 1).as_deref().and_then(scale_word) {
            return Some((v * s, v * s, false, i + 2));
        }
        return Some((v, v, false, i + 1));
    }

    // Number words: "six thousand", "one hundred and fifty", "a hundred", "two million".
    let mut k = i;
    let mut total = 0.0;
    let mut current = 0.0;
    let mut any = false;
    if w == "a" || w == "an" {
        if next(i + 1).as_deref().and_then(scale_word).is_some() {
            current = 1.0;
            k = i + 1;
        } else {
            return None;
        }
    }
    while let Some(t) = next(k) {
        if let Some(v) = small_word(&t) {
            current += v;
            any = true;
        } else if let Some(s) = scale_word(&t) {
            if current == 0.0 && !any && k > i && w != "a" && w != "an" {
                break;
            }
            if current == 0.0 {
                current = 1.0;
            }
            if s == 100.0 {
                current *= s;
            } else {
                total += current * s;
                current = 0.0;
            }
            any = true;
        } else if t == "and" && any && next(k + 1).as_deref().and_then(small_word).is_some() {
            // "one hundred and fifty"
        } else {
            break;
        }
        k += 1;
    }
    if !any {
        return None;
    }
    let v = total + current;
    Some((v, v, false, k))
}

/// The qualifier phrase ending right before token `i`, if any: (qualifier, start).
fn qualifier_before(toks: &[&str], i: usize) -> Option<(Qualifier, usize)> {
    let mut best: Option<(Qualifier, usize)> = None;
    for (phrase, q) in QUALIFIERS {
        let n = phrase.len();
        if n > i {
            continue;
        }
        let s = i - n;
        if toks[s..i].iter().zip(phrase.iter()).all(|(t, p)| t.eq_ignore_ascii_case(p)) && best.is_none_or(|b| s < b.1) {
            best = Some((*q, s));
        }
    }
    best
}

/// Splits a single-token range "8-10" or "8–10" into two values.
fn dash_range(tok: &str) -> Option<(f64, f64)> {
    let (a, b) = tok.split_once(['-', '–'])?;
    let (a, b) = (digits_value(a)?, digits_value(b)?);
    (a < b).then_some((a, b))
}

/// The quantity starting at token `i` (the number itself; a qualifier
/// directly before it is included), or `None`.
pub fn quantity_at(toks: &[&str], i: usize) -> Option<Quantity> {
    let first = lower(toks.get(i)?);
    let (mut start, mut qual) = match qualifier_before(toks, i) {
        Some((q, s)) => (s, Some(q)),
        None => (i, None),
    };
    // "between 8 and 10", "from 8 to 10"
    let mut range_intro = false;
    if i > 0 && matches!(lower(toks[i - 1]).as_str(), "between" | "from") {
        range_intro = true;
    }
    if let Some((a, b)) = dash_range(toks.get(i)?) {
        return Some(Quantity { min: Some(a), max: Some(b), qualifier: Qualifier::Range, start, end: i + 1, num_start: i });
    }
    if first == "some" && qual.is_none() {
        return None;
    }
    let (lo, hi, vague, end) = number_at(toks, i)?;
    // Range: "50,000 to 100,000", "8 and 10" after between, "8 or 10".
    if let Some(conn) = toks.get(end).map(|t| lower(t)) {
        let is_conn = conn == "to" || conn == "-" || conn == "–" || (range_intro && conn == "and") || conn == "or";
        if is_conn {
            if let Some((lo2, hi2, _, end2)) = number_at(toks, end + 1) {
                if lo2 > lo {
                    if range_intro {
                        start = start.min(i - 1);
                    }
                    let q = match qual {
                        Some(Qualifier::AtLeast) => Qualifier::AtLeast,
                        _ => Qualifier::Range,
                    };
                    return Some(Quantity { min: Some(lo), max: Some(hi2), qualifier: q, start, end: end2, num_start: i });
                }
            }
        }
    }
    if vague {
        qual = Some(match qual {
            Some(Qualifier::AtLeast) => Qualifier::AtLeast,
            _ => Qualifier::Vague,
        });
    }
    let q = qual.unwrap_or(Qualifier::Exact);
    let (min, max) = match q {
        Qualifier::AtLeast => (Some(lo), None),
        Qualifier::AtMost => (None, Some(hi)),
        Qualifier::Vague => (Some(lo), Some(hi)),
        _ => (Some(lo), Some(hi)),
    };
    Some(Quantity { min, max, qualifier: q, start, end, num_start: i })
}

/// Every quantity in a token sequence, left to right, non-overlapping.
pub fn scan(toks: &[&str]) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match quantity_at(toks, i) {
            Some(q) if q.end > i => {
                i = q.end;
                out.push(q);
            }
            _ => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn check(text: &str, expected: &[(Option<f64>, Option<f64>, &str, &str)]) {
        let toks: Vec<&str> = text.split_whitespace().collect();
        let got: Vec<(Option<f64>, Option<f64>, &str, String)> = scan(&toks)
            .iter()
            .map(|q| (q.min, q.max, q.qualifier.as_str(), toks[q.start..q.end].join(" ")))
            .collect();
        let want: Vec<(Option<f64>, Option<f64>, &str, String)> =
            expected.iter().map(|(a, b, c, d)| (*a, *b, *c, d.to_string())).collect();
        assert_eq!(got, want, "in {text:?}");
    }

    #[test]
    fn digits_and_separators() {
        check("Russia puts the number at 9,500 while Turkey said 7,500", &[
            (Some(9500.0), Some(9500.0), "exact", "9,500"),
            (Some(7500.0), Some(7500.0), "exact", "7,500"),
        ]);
        check("4.8 million refugees and 1.5m displaced , 2bn dollars , 6k", &[
            (Some(4_800_000.0), Some(4_800_000.0), "exact", "4.8 million"),
            (Some(1_500_000.0), Some(1_500_000.0), "exact", "1.5m"),
            (Some(2e9), Some(2e9), "exact", "2bn"),
            (Some(6000.0), Some(6000.0), "exact", "6k"),
        ]);
    }

    #[test]
    fn bad_digit_groups_are_not_numbers() {
        assert_eq!(digits_value("9,50"), None);
        assert_eq!(digits_value("1st"), None);
        assert_eq!(digits_value("10:30"), None);
        assert_eq!(digits_value("5%"), None);
        assert_eq!(digits_value("1990s"), None);
        assert_eq!(digits_value(",500"), None);
        assert_eq!(digits_value("12,345,678"), Some(12_345_678.0));
    }

    #[test]
    fn number_words() {
        check("six thousand fled and thirty-nine died , eighty-two wounded", &[
            (Some(6000.0), Some(6000.0), "exact", "six thousand"),
            (Some(39.0), Some(39.0), "exact", "thirty-nine"),
            (Some(82.0), Some(82.0), "exact", "eighty-two"),
        ]);
        check("one hundred and fifty people , a hundred more , two million", &[
            (Some(150.0), Some(150.0), "exact", "one hundred and fifty"),
            (Some(100.0), Some(100.0), "exact", "a hundred"),
            (Some(2e6), Some(2e6), "exact", "two million"),
        ]);
        check("a dozen children", &[(Some(12.0), Some(12.0), "exact", "a dozen")]);
    }

    #[test]
    fn vague_quantities() {
        check("dozens were killed and hundreds wounded", &[
            (Some(24.0), Some(99.0), "vague", "dozens"),
            (Some(200.0), Some(999.0), "vague", "hundreds"),
        ]);
        check("tens of thousands fled ; several hundred stayed ; a few thousand returned", &[
            (Some(20_000.0), Some(99_999.0), "vague", "tens of thousands"),
            (Some(300.0), Some(900.0), "vague", "several hundred"),
            (Some(2000.0), Some(5000.0), "vague", "a few thousand"),
        ]);
        check("hundreds of thousands of refugees", &[(Some(200_000.0), Some(999_999.0), "vague", "hundreds of thousands")]);
    }

    #[test]
    fn ranges() {
        check("an estimated 50,000 to 100,000 people", &[(Some(50_000.0), Some(100_000.0), "range", "an estimated 50,000 to 100,000")]);
        check("between 8 and 10 civilians", &[(Some(8.0), Some(10.0), "range", "between 8 and 10")]);
        check("from 8 to 10 civilians", &[(Some(8.0), Some(10.0), "range", "from 8 to 10")]);
        check("8-10 civilians", &[(Some(8.0), Some(10.0), "range", "8-10")]);
    }

    #[test]
    fn qualifiers() {
        check("at least 82 civilians", &[(Some(82.0), None, "at_least", "at least 82")]);
        check("more than 1,000 and nearly 400,000", &[
            (Some(1000.0), None, "at_least", "more than 1,000"),
            (Some(400_000.0), Some(400_000.0), "about", "nearly 400,000"),
        ]);
        check("around 1,500 of them ; up to 200 ; some 6,000", &[
            (Some(1500.0), Some(1500.0), "about", "around 1,500"),
            (None, Some(200.0), "at_most", "up to 200"),
            (Some(6000.0), Some(6000.0), "about", "some 6,000"),
        ]);
        check("at least dozens", &[(Some(24.0), None, "at_least", "at least dozens")]);
    }

    #[test]
    fn seed_and_press_forms() {
        check("39 people died", &[(Some(39.0), Some(39.0), "exact", "39")]);
        check("about 400,000 people , 4.8 million have fled and 6.6 million are displaced", &[
            (Some(400_000.0), Some(400_000.0), "about", "about 400,000"),
            (Some(4_800_000.0), Some(4_800_000.0), "exact", "4.8 million"),
            (Some(6_600_000.0), Some(6_600_000.0), "exact", "6.6 million"),
        ]);
        check("no fewer than thirty-nine and up to two thousand", &[
            (Some(39.0), None, "at_least", "no fewer than thirty-nine"),
            (None, Some(2000.0), "at_most", "up to two thousand"),
        ]);
        check("one hundred and fifty", &[(Some(150.0), Some(150.0), "exact", "one hundred and fifty")]);
        check("10:30 1st 5% 1990s", &[]);
    }

    #[test]
    fn words_that_are_not_numbers() {
        check("some people said a man and an official", &[]);
        check("one of the men", &[(Some(1.0), Some(1.0), "exact", "one")]);
    }

    proptest! {
        #[test]
        fn never_panics_and_ranges_are_sane(words in proptest::collection::vec(
            prop_oneof![
                Just("at"), Just("least"), Just("between"), Just("and"), Just("to"), Just("a"), Just("few"),
                Just("hundred"), Just("thousand"), Just("tens"), Just("of"), Just("thousands"), Just("9,500"),
                Just("4.8"), Just("million"), Just("8-10"), Just("thirty-nine"), Just("up"), Just("some"),
                Just("dozen"), Just("x"), Just("1.5m"), Just("-"), Just(",,"), Just("1,2,3"), Just("0")
            ], 0..20)) {
            let qs = scan(&words);
            let mut prev = 0;
            for q in qs {
                prop_assert!(q.start >= prev && q.start <= q.num_start && q.num_start < q.end && q.end <= words.len());
                if let (Some(a), Some(b)) = (q.min, q.max) { prop_assert!(a <= b); }
                prop_assert!(q.min.is_some() || q.max.is_some());
                prev = q.end;
            }
        }

        #[test]
        fn arbitrary_tokens_never_panic(words in proptest::collection::vec("\\PC{0,8}", 0..12)) {
            let refs: Vec<&str> = words.iter().map(|s| s.as_str()).collect();
            let _ = scan(&refs);
        }
    }
}
