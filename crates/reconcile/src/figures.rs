//! Figure groups and disputes. Claims are blocked by (category, who class,
//! place, scope) and split into time windows; a group is a dispute when two
//! claims from different sources do not overlap after widening each by the
//! tolerance. Rules and numbers are documented in docs/reconcile.md.

use crate::normalize::{day_number, iso_date, name_key};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Each claim's interval is widened by this fraction on both sides before
/// overlap is tested (reporting rounds: 9,500 vs 9,000 is not a dispute).
pub const TOLERANCE: f64 = 0.10;
/// "About 6,000" is widened by this instead.
pub const TOLERANCE_ABOUT: f64 = 0.20;
/// Dated claims further apart than this (days, single linkage) are different windows.
pub const WINDOW_GAP_DAYS: i32 = 2;
/// A window never spans more than this many days (reports of one incident
/// come within days; wider windows merged different strikes on one city).
pub const WINDOW_MAX_DAYS: i32 = 4;
/// Claims listed per group; `total_claims` and `sources` cover all of them.
/// (Was 200: at 100k documents the listed claims were most of the result's
/// memory; 50 covers every FA-KES group, whose largest has 20.)
pub const MAX_CLAIMS: usize = 50;

/// One figure as the reconcile stage keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub doc: String,
    pub outlet: Option<String>,
    pub published: Option<String>,
    /// Who gives the figure, as the record names them.
    pub source: Option<String>,
    /// The entity id of the source, when resolved.
    pub source_entity: Option<String>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub qualifier: String,
    /// The figure's words and code-point span in the document.
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub when: Option<String>,
    /// Position in the document's `figures`.
    pub index: usize,
    /// total | period:24h | period:day | period:week | ... (see [`scope_of`]).
    pub scope: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ValueRange {
    pub min: f64,
    pub max: f64,
}

/// What one source said in a group (all its claims).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceRange {
    pub source: String,
    pub entity: Option<String>,
    pub min: f64,
    /// `null` when open-ended.
    pub max: Option<f64>,
    pub claims: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FigureGroup {
    pub id: String,
    pub category: String,
    /// The who class: people | children | women | fighters | soldiers | <the record's word>.
    pub who: String,
    /// `null` when the claims name no place (then they come from one document).
    pub place: Option<String>,
    pub scope: String,
    /// The window's first and last day (ISO), when dated.
    pub from: Option<String>,
    pub to: Option<String>,
    pub dispute: bool,
    /// Interquartile range of the claims' values (vague claims left out).
    pub consensus: Option<ValueRange>,
    pub median: Option<f64>,
    pub documents: usize,
    pub total_claims: usize,
    pub sources: Vec<SourceRange>,
    pub claims: Vec<Claim>,
}

/// Maps the record's `who` onto a class so "civilians", "people" and
/// "evacuees" compare while children and fighters stay apart.
pub fn who_class(who: Option<&str>) -> String {
    let k = who.map(name_key).unwrap_or_default();
    let last = k.rsplit(' ').next().unwrap_or("");
    match last {
        "" | "people" | "civilians" | "civilian" | "persons" | "person" | "evacuees" | "residents" | "inhabitants"
        | "villagers" | "individuals" | "others" | "refugees" | "patients" => "people".into(),
        "children" | "child" | "kids" | "minors" | "boys" | "girls" => "children".into(),
        "women" | "woman" => "women".into(),
        "fighters" | "fighter" | "rebels" | "rebel" | "militants" | "insurgents" | "jihadists" | "gunmen" => {
            "fighters".into()
        }
        "soldiers" | "soldier" | "troops" | "servicemen" | "policemen" | "personnel" | "officers" => "soldiers".into(),
        other => other.trim_end_matches('s').to_string(),
    }
}

/// The time scope the sentence around a figure gives it: `period:<len>` for
/// "in the past 24 hours", "on Thursday", "this week"; `total` otherwise
/// (cumulative and unmarked figures compare with each other).
pub fn scope_of(sentence: &str) -> String {
    let s = sentence.to_lowercase();
    let has = |p: &str| s.contains(p);
    // The war's toll ("400,000 killed since the war erupted") is not an incident's.
    const WAR: &[&str] = &[
        "since 2011", "since march 2011", "since the war", "since the conflict", "since the start", "since the beginning",
        "since the uprising", "since the civil war", "war has killed", "conflict has killed", "war erupted",
        "conflict erupted", "war began", "conflict began", "year-old war", "year-old conflict", "years of war",
        "year war", "year conflict", "civil war has",
    ];
    if WAR.iter().any(|p| s.contains(p)) || war_toll_words(&s) {
        return "war".into();
    }
    if has("24 hours") || has("24-hour") || has("twenty-four hours") {
        return "period:24h".into();
    }
    if has("48 hours") || has("48-hour") {
        return "period:48h".into();
    }
    if has("72 hours") {
        return "period:72h".into();
    }
    if has("past week") || has("last week") || has("this week") || has("seven days") || has("7 days") {
        return "period:week".into();
    }
    if has("past month") || has("last month") || has("this month") || has("30 days") {
        return "period:month".into();
    }
    const DAY: &[&str] = &[
        " a day", " per day", "daily", "overnight", "today", "yesterday", "on monday", "on tuesday", "on wednesday",
        "on thursday", "on friday", "on saturday", "on sunday", "this morning", "last night", "tonight",
    ];
    if DAY.iter().any(|p| s.contains(p)) && !has(" since ") && !has("so far") && !has("in total") {
        return "period:day".into();
    }
    "total".into()
}

/// Word patterns of a war's running toll the fixed phrases miss: a war
/// counted in years ("the five-year civil war", "six-year-old conflict",
/// "years-long war"), and a war noun followed within ten words by
/// has/have/had … killed/claimed ("the civil war that began with protests in
/// 2011 and has since killed", "the war, which has killed") unless the noun
/// modifies another ("a war monitor said 20 have been killed"). `s` is lowercased.
fn war_toll_words(s: &str) -> bool {
    const WAR_NOUNS: &[&str] = &["war", "conflict", "uprising", "revolution"];
    let w: Vec<&str> = s.split(|c: char| !c.is_alphanumeric()).filter(|x| !x.is_empty()).collect();
    let is_war = |x: &str| WAR_NOUNS.contains(&x);
    for (i, &x) in w.iter().enumerate() {
        if !is_war(x) || w.get(i + 1).is_some_and(|n| matches!(*n, "monitor" | "monitoring" | "planes" | "jets" | "crimes" | "zone" | "correspondent" | "reporter")) {
            continue;
        }
        // "... year(s) [old|long] [civil] war"
        let mut j = i;
        while j > 0 && matches!(w[j - 1], "civil" | "old" | "long" | "bloody" | "brutal") {
            j -= 1;
        }
        // ("years" only with a modifier between: "years-long war", not "in recent years war")
        if j > 0 && (w[j - 1] == "year" || (w[j - 1] == "years" && j != i)) {
            return true;
        }
        // "war … has/have/had [since] … killed/claimed"
        let after = &w[i + 1..w.len().min(i + 11)];
        if let Some(k) = after.iter().position(|y| matches!(*y, "has" | "have" | "had")) {
            if after[k + 1..].iter().take(4).any(|y| matches!(*y, "killed" | "claimed")) {
                return true;
            }
        }
    }
    false
}

/// [`scope_of`] the figure at bytes `bs..be`; a count that restates the one
/// before it ("Erdogan put the number at 7,500" after "… 9,500 had been
/// evacuated in the past 24 hours") has that sentence's scope.
pub fn scope_around(text: &str, bs: usize, be: usize) -> String {
    let Some((lo, hi)) = sentence_bounds(text, bs, be) else { return scope_of("") };
    let s = text.get(lo..hi).unwrap_or("");
    let scope = scope_of(s);
    if scope != "total" {
        return scope;
    }
    let low = s.to_lowercase();
    let restates = ["the number at", "the figure at", "the total at", "the tally at", "the count at", "the number as", "the figure as"].iter().any(|p| low.contains(p));
    if !restates {
        return scope;
    }
    // the sentence before: back over the previous sentence's end mark and spaces
    let Some(head) = text.get(..lo) else { return scope };
    let prev = head.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '!' | '?' | '"' | '”'));
    match prev.char_indices().next_back() {
        Some((last, _)) => scope_of(sentence_around(text, last, prev.len())),
        None => scope,
    }
}

/// The sentence (or at most 300 bytes each way) around bytes `bs..be` of
/// `text`; empty when the span is not on character boundaries.
pub fn sentence_around(text: &str, bs: usize, be: usize) -> &str {
    sentence_bounds(text, bs, be).and_then(|(lo, hi)| text.get(lo..hi)).unwrap_or("")
}

/// Byte bounds of [`sentence_around`].
fn sentence_bounds(text: &str, bs: usize, be: usize) -> Option<(usize, usize)> {
    let before = text.get(..bs)?;
    let after = text.get(be..)?;
    let mut lo = before.rfind(['.', '\n', '!', '?']).map(|i| i + 1).unwrap_or(0);
    if bs - lo > 300 {
        lo = bs - 300;
        while !text.is_char_boundary(lo) {
            lo += 1;
        }
    }
    let mut hi = after.find(['.', '\n', '!', '?']).map(|i| be + i).unwrap_or(text.len());
    if hi - be > 300 {
        hi = be + 300;
        while !text.is_char_boundary(hi) {
            hi -= 1;
        }
    }
    Some((lo, hi))
}

/// A claim waiting in its block until `finish`.
pub struct Pending {
    pub claim: Claim,
    pub day: Option<i32>,
    /// Key of the source for "different sources" (entity id, name key or outlet).
    pub source_key: String,
}

impl Pending {
    /// The claim as grouping counts it; `docs` numbers document ids.
    fn counted<'a>(&'a self, docs: &mut HashMap<&'a str, u32>) -> Counted<'a> {
        let next = docs.len() as u32;
        let c = &self.claim;
        Counted {
            doc: *docs.entry(c.doc.as_str()).or_insert(next),
            day: self.day,
            min: c.min,
            max: c.max,
            qualifier: &c.qualifier,
            source_key: &self.source_key,
            source: c.source.as_deref(),
            outlet: c.outlet.as_deref(),
            entity: c.source_entity.as_deref(),
        }
    }
}

/// The block key of a figure: category, who class, place (or the document
/// when none is named) and scope.
pub fn block_key(category: &str, who: &str, place: Option<&str>, doc: u32, scope: &str) -> String {
    let place = place.map(name_key).filter(|p| !p.is_empty()).unwrap_or_else(|| format!("\u{0}doc{doc}"));
    format!("{category}\u{1f}{who}\u{1f}{place}\u{1f}{scope}")
}

/// What grouping needs of one claim. Only the listed claims of a group
/// become full [`Claim`]s; the others are counted from this.
#[derive(Clone, Copy, Debug)]
pub struct Counted<'a> {
    /// Any number that is equal exactly for claims of the same document.
    pub doc: u32,
    pub day: Option<i32>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub qualifier: &'a str,
    /// Key of the source for "different sources" (entity id, name key or outlet).
    pub source_key: &'a str,
    pub source: Option<&'a str>,
    pub outlet: Option<&'a str>,
    pub entity: Option<&'a str>,
}

fn interval(c: &Counted) -> Option<(f64, f64)> {
    let t = if c.qualifier == "about" { TOLERANCE_ABOUT } else { TOLERANCE };
    let (lo, hi) = match c.qualifier {
        "vague" => return None,
        "at_least" => (c.min?, f64::INFINITY),
        "at_most" => (0.0, c.max.or(c.min)?),
        _ => {
            let lo = c.min.or(c.max)?;
            (lo, c.max.unwrap_or(if c.qualifier == "range" { f64::INFINITY } else { lo }))
        }
    };
    Some((lo * (1.0 - t), hi * (1.0 + t)))
}

fn representative(c: &Counted) -> Option<f64> {
    match c.qualifier {
        "vague" => None,
        "at_most" => c.max.or(c.min),
        "range" => match (c.min, c.max) {
            (Some(a), Some(b)) => Some((a + b) / 2.0),
            (a, b) => a.or(b),
        },
        _ => c.min.or(c.max),
    }
}

/// Whether two claims from different sources fail to overlap. Linear: per
/// source the lowest upper bound and highest lower bound, then the best two.
pub fn is_dispute(claims: &[&Pending]) -> bool {
    let mut docs = HashMap::new();
    let counted: Vec<Counted> = claims.iter().map(|p| p.counted(&mut docs)).collect();
    is_dispute_counted(&counted)
}

fn is_dispute_counted(claims: &[Counted]) -> bool {
    let mut per: HashMap<&str, (f64, f64)> = HashMap::new();
    for p in claims {
        let Some((lo, hi)) = interval(p) else { continue };
        let e = per.entry(p.source_key).or_insert((f64::INFINITY, f64::NEG_INFINITY));
        e.0 = e.0.min(hi);
        e.1 = e.1.max(lo);
    }
    if per.len() < 2 {
        return false;
    }
    // The smallest upper bound of one source against the largest lower bound
    // of another: keep the best two of each so the two sources can differ.
    let mut his: Vec<(f64, &str)> = per.iter().map(|(k, v)| (v.0, *k)).collect();
    let mut los: Vec<(f64, &str)> = per.iter().map(|(k, v)| (v.1, *k)).collect();
    his.sort_by(|a, b| a.0.total_cmp(&b.0));
    los.sort_by(|a, b| b.0.total_cmp(&a.0));
    his.iter().take(2).any(|(hi, s)| los.iter().take(2).any(|(lo, t)| s != t && hi < lo))
}

fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let ix = ((sorted.len() - 1) as f64 * q).round() as usize;
    sorted.get(ix).copied()
}


/// Splits a block's claims, sorted by (day, document), into time windows:
/// dated claims chain while consecutive days are at most [`WINDOW_GAP_DAYS`]
/// apart and the window spans at most [`WINDOW_MAX_DAYS`]; undated claims
/// form one window at the end (or join the only one when nothing is dated).
/// Returns the positions of each window's claims.
pub fn split_windows(days: &[Option<i32>]) -> Vec<Vec<usize>> {
    let any_dated = days.iter().any(Option::is_some);
    let mut windows: Vec<Vec<usize>> = Vec::new();
    let mut undated = Vec::new();
    let (mut start, mut last) = (i32::MIN, i32::MIN);
    for (i, day) in days.iter().enumerate() {
        match *day {
            None if any_dated => undated.push(i),
            None => match windows.last_mut() {
                Some(w) => w.push(i),
                None => windows.push(vec![i]),
            },
            Some(d) => {
                let new = windows.is_empty()
                    || d.saturating_sub(last) > WINDOW_GAP_DAYS
                    || d.saturating_sub(start) > WINDOW_MAX_DAYS;
                if new {
                    start = d;
                    windows.push(Vec::new());
                }
                last = d;
                if let Some(w) = windows.last_mut() {
                    w.push(i);
                }
            }
        }
    }
    if !undated.is_empty() {
        windows.push(undated);
    }
    windows
}

/// The parts of a block key: category, who class, place (`None` when the
/// block is one document's place-less figures) and scope.
pub fn key_parts(key: &str) -> (String, String, Option<String>, String) {
    let mut parts = key.split('\u{1f}');
    let category = parts.next().unwrap_or("").to_string();
    let who = parts.next().unwrap_or("").to_string();
    let place = parts.next().filter(|p| !p.starts_with('\u{0}')).map(str::to_string);
    let scope = parts.next().unwrap_or("total").to_string();
    (category, who, place, scope)
}

/// Splits one block into time windows and builds their groups.
pub fn build_groups(key: &str, mut pending: Vec<Pending>, out: &mut Vec<FigureGroup>) {
    let (category, who, place, scope) = key_parts(key);
    pending.sort_by(|a, b| a.day.cmp(&b.day).then_with(|| a.claim.doc.cmp(&b.claim.doc)));
    let days: Vec<Option<i32>> = pending.iter().map(|p| p.day).collect();
    let windows = split_windows(&days);
    let mut slots: Vec<Option<Pending>> = pending.into_iter().map(Some).collect();
    for w in windows {
        let claims: Vec<Pending> = w.iter().filter_map(|&i| slots.get_mut(i).and_then(Option::take)).collect();
        if let Some(g) = window_group(&category, &who, place.as_deref(), &scope, claims) {
            out.push(g);
        }
    }
}

/// The group of one time window (`None` under two claims).
pub fn window_group(category: &str, who: &str, place: Option<&str>, scope: &str, w: Vec<Pending>) -> Option<FigureGroup> {
    let group = {
        let mut docs = HashMap::new();
        let counted: Vec<Counted> = w.iter().map(|p| p.counted(&mut docs)).collect();
        counted_group(category, who, place, scope, &counted)?
    };
    let mut claims = Vec::with_capacity(w.len().min(MAX_CLAIMS));
    claims.extend(w.into_iter().take(MAX_CLAIMS).map(|p| p.claim));
    Some(FigureGroup { claims, ..group })
}

/// The group of one time window from its counted claims, with `claims`
/// left empty for the caller to list the first [`MAX_CLAIMS`] (`None` under
/// two claims).
pub fn counted_group(category: &str, who: &str, place: Option<&str>, scope: &str, w: &[Counted]) -> Option<FigureGroup> {
    if w.len() < 2 {
        return None;
    }
    let docs: HashSet<u32> = w.iter().map(|p| p.doc).collect();
    let dispute = is_dispute_counted(w);
    let mut values: Vec<f64> = w.iter().filter_map(representative).collect();
    values.sort_by(f64::total_cmp);
    let consensus = quantile(&values, 0.25).zip(quantile(&values, 0.75)).map(|(min, max)| ValueRange { min, max });
    let mut sources: BTreeMap<&str, SourceRange> = BTreeMap::new();
    for p in w {
        let Some(lo) = p.min.or(p.max) else { continue };
        let hi = if p.qualifier == "at_least" { None } else { Some(p.max.unwrap_or(lo)) };
        let e = sources.entry(p.source_key).or_insert_with(|| SourceRange {
            source: p.source.map(str::to_string).unwrap_or_else(|| {
                format!("{} (no source named)", p.outlet.unwrap_or("unknown outlet"))
            }),
            entity: p.entity.map(str::to_string),
            min: lo,
            max: hi,
            claims: 0,
        });
        e.min = e.min.min(lo);
        e.max = match (e.max, hi) {
            (Some(a), Some(b)) => Some(a.max(b)),
            _ => None,
        };
        e.claims += 1;
    }
    let mut sources: Vec<SourceRange> = sources.into_values().collect();
    sources.sort_by(|a, b| b.claims.cmp(&a.claims).then_with(|| a.source.cmp(&b.source)));
    let (from, to) = (w.iter().filter_map(|p| p.day).min(), w.iter().filter_map(|p| p.day).max());
    Some(FigureGroup {
        id: String::new(),
        category: category.to_string(),
        who: who.to_string(),
        place: place.map(str::to_string),
        scope: scope.to_string(),
        from: from.map(iso_date),
        to: to.map(iso_date),
        dispute,
        median: quantile(&values, 0.5),
        consensus,
        documents: docs.len(),
        total_claims: w.len(),
        sources,
        claims: Vec::new(),
    })
}

/// The day a claim is about: its `when` if that is a date, else publication.
pub fn claim_day(when: Option<&str>, published: Option<&str>) -> Option<i32> {
    when.and_then(day_number).or_else(|| published.and_then(day_number))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(doc: &str, source: &str, min: f64, max: Option<f64>, q: &str, day: Option<i32>) -> Pending {
        Pending {
            claim: Claim {
                doc: doc.into(),
                outlet: None,
                published: None,
                source: Some(source.into()),
                source_entity: None,
                min: Some(min),
                max,
                qualifier: q.into(),
                text: format!("{min}"),
                start: 0,
                end: 1,
                when: None,
                index: 0,
                scope: "total".into(),
            },
            day,
            source_key: source.into(),
        }
    }

    #[test]
    fn non_overlapping_sources_dispute_within_tolerance_do_not() {
        let a = p("d", "russia", 9500.0, Some(9500.0), "exact", None);
        let b = p("d", "turkey", 7500.0, Some(7500.0), "exact", None);
        assert!(is_dispute(&[&a, &b]));
        let c = p("e", "turkey", 9000.0, Some(9000.0), "exact", None);
        assert!(!is_dispute(&[&a, &c]), "within 10% of each other");
        let same = p("f", "russia", 100.0, Some(100.0), "exact", None);
        assert!(!is_dispute(&[&a, &same]), "one source disagreeing with itself is not a dispute");
    }

    #[test]
    fn open_ended_and_vague_claims() {
        let least = p("a", "x", 82.0, None, "at_least", None);
        let big = p("b", "y", 300.0, Some(300.0), "exact", None);
        assert!(!is_dispute(&[&least, &big]), "at least 82 allows 300");
        let small = p("b", "y", 20.0, Some(20.0), "exact", None);
        assert!(is_dispute(&[&least, &small]), "20 is below at least 82");
        let vague = p("c", "z", 100.0, Some(1000.0), "vague", None);
        assert!(!is_dispute(&[&vague, &small]));
    }

    #[test]
    fn windows_split_far_dates_and_scopes_differ() {
        let mut out = Vec::new();
        let key = block_key("killed", "people", Some("Aleppo"), 0, "total");
        build_groups(
            &key,
            vec![
                p("a", "x", 10.0, Some(10.0), "exact", Some(100)),
                p("b", "y", 50.0, Some(50.0), "exact", Some(101)),
                p("c", "x", 10.0, Some(10.0), "exact", Some(200)),
                p("d", "y", 11.0, Some(11.0), "exact", Some(201)),
            ],
            &mut out,
        );
        assert_eq!(out.len(), 2);
        assert!(out[0].dispute && !out[1].dispute);
        assert_eq!(out[0].place.as_deref(), Some("aleppo"));
        assert_eq!(out[0].from.as_deref(), Some("1970-04-11"));
        assert_eq!(scope_of("almost 6,000 civilians have left over the past 24 hours"), "period:24h");
        assert_eq!(scope_of("Russia puts the number of evacuees at 9,500"), "total");
        assert_eq!(scope_of("400,000 people have been killed since the war erupted on Thursday"), "war");
        assert_eq!(scope_of("the conflict has killed more than 280000 people"), "war");
        assert_eq!(scope_of("at least 58 people were killed in the attack"), "total");
        // a war counted in years, and a war noun with a perfect "killed" after it
        assert_eq!(scope_of("Aleppo has been devastated by the countrys five-year civil war which has killed more than 300000 people"), "war");
        assert_eq!(scope_of("the civil war that began with anti-government protests and has since killed more than 300000 people"), "war");
        assert_eq!(scope_of("a six-year-old conflict in which 400,000 people died"), "war");
        // a war noun alone, or killed without a perfect, is no war toll
        assert_eq!(scope_of("war planes killed 12 people on Thursday"), "period:day");
        // a restated count takes the scope of the sentence it restates
        let t = "Russia said 9,500 people had been evacuated in the past 24 hours. Erdogan put the number at 7,500.";
        let at = t.find("7,500").unwrap_or(0);
        assert_eq!(scope_around(t, at, at + 5), "period:24h");
        let at = t.find("9,500").unwrap_or(0);
        assert_eq!(scope_around(t, at, at + 5), "period:24h");
        let t2 = "Some 20 people died on Monday. Officials said 7,500 had fled.";
        let at = t2.find("7,500").unwrap_or(0);
        assert_eq!(scope_around(t2, at, at + 5), "total");
        assert_eq!(scope_of("the war monitor said 20 people were killed in the raid"), "total");
        assert_eq!(scope_of("the war monitor said 20 people have been killed in the raid"), "total");
        assert_eq!(scope_of("Idlib, where the conflict killed 20 people in a market"), "total");
    }

    #[test]
    fn who_classes_and_sentences() {
        assert_eq!(who_class(Some("evacuees")), who_class(Some("civilians")));
        assert_ne!(who_class(Some("children")), who_class(Some("civilians")));
        assert_eq!(who_class(Some("rebel fighters")), "fighters");
        let t = "First one. Russia puts the number at 9,500 while Turkey said 7,500. Next.";
        let start = t.find("7,500").unwrap();
        assert_eq!(sentence_around(t, start, start + 5), " Russia puts the number at 9,500 while Turkey said 7,500");
        assert_eq!(sentence_around("ü", 5, 9), "");
        assert_eq!(sentence_around("ü", 1, 2), "", "inside a character");
        assert_eq!(iso_date(crate::normalize::day_number("2016-12-15").unwrap()), "2016-12-15");
    }
}
