//! Figures: the quantities that count people, with what happened to them
//! (category), who they are, where, when, and who is blamed.
//!
//! Rules over tokens, POS tags and lemmas (the language core's parser model
//! is optional, so nothing here depends on it): a quantity is a figure when a
//! people noun follows it ("82 civilians", "thousands of people"), or when it
//! stands alone next to a casualty cue ("kills six", "4.8 million have fled",
//! "death toll at 112"). Ages, years, dates, money, percentages, durations and
//! other units are dropped.

use crate::category::{cue, non_person_unit, person_noun, Category};
use crate::gazetteer::{Gazetteer, Place, PlaceMention};
use crate::numbers::{scan, Qualifier, Quantity};
use crate::time::{find_times, parse_published, TimeMention};
use crate::view::View;
use corroborate_model::{Document, Span};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figure {
    /// Byte span: qualifier, number and (when adjacent) the people noun.
    pub span: Span,
    /// Token range of `span`.
    pub tokens: (usize, usize),
    pub min: Option<f64>,
    /// `None` when open-ended ("at least 82").
    pub max: Option<f64>,
    pub qualifier: Qualifier,
    pub category: Option<Category>,
    /// Who is counted, as written ("civilians", "rebel fighters"; "people" when unsaid).
    pub who: Option<String>,
    /// The place as written in the text.
    pub place: Option<String>,
    #[serde(skip)]
    pub place_ref: Option<PlaceMention>,
    /// ISO date or interval ("2016-12-14/2016-12-15").
    pub when: Option<String>,
    /// Who said it: filled by [`link_sources`] (or the local "according to" rule).
    pub source: Option<String>,
    /// Who is blamed ("pro-government forces", "Russian airstrikes").
    pub perpetrator: Option<String>,
    /// Index of the sentence (in the view's sentence list).
    pub sentence: usize,
    /// Token that gave the category, if any.
    pub cue: Option<usize>,
}

impl Figure {
    pub fn category_str(&self) -> Option<&'static str> {
        self.category.map(Category::as_str)
    }

    /// The best single value: the exact value, else the lower bound, else the upper.
    pub fn value(&self) -> Option<f64> {
        self.min.or(self.max)
    }
}

/// Everything the figure extractor found in a document, with the place and
/// time mentions it used (incidents reuse them).
pub struct Extraction {
    pub figures: Vec<Figure>,
    pub places: Vec<PlaceMention>,
    pub times: Vec<TimeMention>,
}

const STOPS: &[&str] = &[",", ";", ":", "—", "–", "(", ")", "but", "while", "whereas", "although", "as", "after", "before", "when"];

/// Extracts figures from an analysed document (tokens, tags, lemmas, entities).
pub fn extract(doc: &Document) -> Vec<Figure> {
    extract_all(doc).figures
}

/// Like [`extract`], also returning the place and time mentions.
pub fn extract_all(doc: &Document) -> Extraction {
    let v = View::new(doc);
    extract_view(&v)
}

/// Whether tokens `a..b` are the place of a wire dateline ("BEIRUT (Reuters) -",
/// "ALEPPO, Syria, Dec 7 (AP) —"): where the report was filed, not where
/// anything happened (the language core's `dateline::dateline_end`, which the
/// attribution rules also use).
pub fn in_dateline(v: &View, (a, b): (usize, usize)) -> bool {
    let Some(&(sa, sb)) = v.sentence_of.get(a).and_then(|&k| v.sentences.get(k)) else { return false };
    let doc = v.doc;
    let location = |i: usize| doc.tokens.ner.get(i).is_some_and(|&n| corroborate_lang::ner_name(n).ends_with("LOCATION"));
    corroborate_lang::dateline::dateline_end(&doc.text, |i| doc.tokens.spans.get(i).copied(), sa, sb, location).is_some_and(|end| b < end)
}

pub fn extract_view(v: &View) -> Extraction {
    let published = v.doc.meta.published.as_deref().and_then(parse_published);
    let mut places = Gazetteer::shared().find(v.doc);
    places.retain(|m| !in_dateline(v, m.tokens));
    let times = find_times(v.doc, published);
    let mut figures = Vec::new();
    for (si, &(a, b)) in v.sentences.iter().enumerate() {
        let toks: Vec<&str> = (a..b).map(|i| v.text(i)).collect();
        let qs: Vec<Quantity> = scan(&toks)
            .into_iter()
            .map(|q| Quantity { start: q.start + a, end: q.end + a, num_start: q.num_start + a, ..q })
            .collect();
        let ones = singulars(v, (a, b), &qs);
        let mut qs = qs;
        qs.extend(ones.iter().copied());
        qs.sort_by_key(|q| q.start);
        let starts: Vec<usize> = qs.iter().map(|q| q.start).collect();
        for q in &qs {
            // the latest figure with a category, this sentence or the two before
            // (not a part named in an apposition: "9,500 people, including 3,000 children")
            let part = |f: &Figure| (f.tokens.0.saturating_sub(2)..f.tokens.0).any(|k| matches!(v.w(k), "including" | "among" | "mostly" | "incl."));
            let earlier = figures.iter().rev().take_while(|f: &&Figure| f.sentence + 2 >= si).find(|f| f.category.is_some() && !part(f));
            if let Some(f) = figure_at(v, q, si, (a, b), &starts, earlier) {
                figures.push(f);
            }
        }
        // "killed 10 civilians and 5 children", "the number of evacuees at 9,500 while ...
        // the number of civilians was 7,500": a figure without a cue shares the one before it.
        let first = figures.len() - figures.iter().rev().take_while(|f| f.sentence == si).count();
        for k in first + 1..figures.len() {
            // "... were killed and twenty civilians were treated": a figure with its own verb is not a conjunct.
            let own_verb = matches!(v.w(figures[k].tokens.1), "were" | "was" | "are" | "is" | "have" | "has" | "had");
            if figures[k].category.is_none() && !own_verb {
                if let Some(c) = figures[k - 1].category {
                    figures[k].category = Some(c);
                }
            }
        }
        // "a woman and a child were killed", "10 civilians and 5 children were killed": the
        // verb after the last conjunct is the category of the ones before it.
        for k in (first..figures.len().saturating_sub(1)).rev() {
            let joined = v.w(figures[k].tokens.1) == "and" && figures[k].tokens.1 + 1 == figures[k + 1].tokens.0;
            if figures[k].category.is_none() && joined {
                figures[k].category = figures[k + 1].category;
                figures[k].cue = figures[k + 1].cue;
            }
        }
        // "the army killed 28 and wounded 30 Daesh militants": a bare number shares the people
        // noun of the coordinated count after it.
        for k in first..figures.len().saturating_sub(1) {
            let bare = figures[k].who.as_deref() == Some("people") && v.w(figures[k].tokens.1.saturating_sub(1)) != "people";
            let (end, next_start) = (figures[k].tokens.1, figures[k + 1].tokens.0);
            let coordinated = next_start > end && next_start <= end + 3 && (end..next_start).any(|j| v.w(j) == "and");
            // ("5 killed and 17 injured": "injured" is a state, not the people noun.)
            let who = figures[k + 1].who.clone().filter(|w| !matches!(w.as_str(), "people" | "others" | "other people" | "injured" | "wounded" | "dead" | "killed"));
            if bare && coordinated && who.is_some() {
                figures[k].who = who;
            }
        }
        // A singular counts only when something happened to the person ("a child was killed").
        let mut k = first;
        while k < figures.len() {
            let single = ones.iter().any(|q| q.start == figures[k].tokens.0);
            if single && !matches!(figures[k].category, Some(Category::Killed | Category::Injured | Category::Casualties)) {
                figures.remove(k);
            } else {
                k += 1;
            }
        }
        fractions(v, si, (a, b), &mut figures);
    }
    for k in 0..figures.len() {
        let Some(f) = figures.get_mut(k) else { continue };
        attach_place_time(v, f, &places, &times);
        // a restated count ("put the number at 7,500") is about the place and time of the one it restates
        let sa = v.sentences.get(f.sentence).map_or(0, |s| s.0);
        if f.place_ref.is_none() && restates_at(v, f.tokens.0, sa) {
            let (cat, who) = (f.category, f.who.clone());
            if let Some(e) = figures.get(..k).and_then(|before| before.iter().rev().find(|e| e.category == cat && e.who == who)).cloned() {
                if let Some(f) = figures.get_mut(k) {
                    f.place = e.place;
                    f.place_ref = e.place_ref;
                    f.when = f.when.take().or(e.when);
                }
            }
        }
    }
    for f in &mut figures {
        if f.source.is_none() {
            f.source = crate::source::local_source(v, f.tokens, v.sentence(f.tokens.0));
        }
    }
    Extraction { figures, places, times }
}

/// Links figures to attributions: a figure with no source yet, inside an
/// attribution's content, takes its speaker as source. A source the local rule
/// found in the figure's own sentence ("according to X") is nearer evidence
/// and is kept.
pub fn link_sources(figs: &mut [Figure], attributions: &[(Span, String)]) {
    for f in figs.iter_mut().filter(|f| f.source.is_none()) {
        // The innermost content wins when attributions nest.
        if let Some((_, who)) = attributions.iter().filter(|(c, _)| c.contains(f.span)).min_by_key(|(c, _)| c.len()) {
            f.source = Some(who.clone());
        }
    }
}

fn is_year(v: &View, q: &Quantity) -> bool {
    let t = v.text(q.num_start);
    q.end == q.num_start + 1 && t.len() == 4 && t.bytes().all(|c| c.is_ascii_digit()) && matches!(t.parse::<u32>(), Ok(1900..=2099))
}

fn is_month(w: &str) -> bool {
    const M: &[&str] = &["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"];
    M.contains(&w.trim_end_matches('.'))
}

fn ner_excluded(v: &View, i: usize) -> bool {
    matches!(v.entity_type(i), Some("DATE" | "TIME" | "MONEY" | "PERCENT" | "ORDINAL" | "DURATION"))
}

/// The people noun a quantity counts: (head token, who string, modifiers start), or
/// `Err(())` when a non-people noun follows (not a figure), `Ok(None)` when bare.
type Head = Option<(usize, String)>;

fn head_noun(v: &View, q: &Quantity, end: usize) -> Result<Head, ()> {
    let mut k = q.end;
    if v.w(k) == "of" {
        let n = v.w(k + 1);
        if matches!(n, "them" | "whom" | "those" | "these") {
            return Ok(predicate_who(v, k + 2, end));
        }
        k += 1;
        if matches!(v.w(k), "the" | "their" | "its" | "whom" | "his" | "her" | "our") {
            k += 1;
        }
    }
    let first = k;
    // "35 cases of suffocation": people hurt (or killed) by gas.
    if v.w(k) == "cases" && v.w(k + 1) == "of" && symptom(v.w(k + 2)) {
        return Ok(Some((k + 2, v.slice(k, k + 3).to_lowercase())));
    }
    while k < end && k < first + 5 {
        let w = v.w(k);
        // "50 terrorist attacks", "a member state": a singular people noun before another noun modifies it.
        let modifier_use = !w.ends_with('s')
            && !matches!(w, "people" | "men" | "women" | "children" | "staff" | "personnel" | "police" | "militia" | "elderly" | "youth")
            && v.is_noun(k + 1)
            && person_noun(v.w(k + 1)).is_none()
            && !headline_verb(v, k + 1);
        if person_noun(w).is_some() && !modifier_use {
            let k = last_person_noun(v, k, end);
            // "Syrian army soldiers" -> "army soldiers": lower-case noun modifiers only.
            let mut s = k;
            while s > first && (v.is_noun(s - 1) || person_noun(v.w(s - 1)).is_some()) && !v.capitalised(s - 1) {
                s -= 1;
            }
            let who = v.slice(s, k + 1).to_lowercase();
            return Ok(Some((k, who)));
        }
        // "kill 10 injure scores": an active casualty verb is never a modifier of the noun.
        if matches!(w, "injure" | "injures" | "kill" | "kills" | "wound" | "wounds") {
            break;
        }
        let p = v.p(k);
        let acronym = v.text(k).len() > 1 && v.text(k).chars().all(|c| c.is_ascii_uppercase());
        let modifier = matches!(p, "JJ" | "NN" | "NNP" | "NNPS" | "VBN" | "JJR" | "HYPH") || (w.contains('-') && w.len() > 1) || acronym;
        if p == "NNS" || (p == "NN" && !v.is_noun(k + 1) && !matches!(v.p(k + 1), "JJ")) {
            return if k == first && q.end == first && is_cue_word(v, k) { Ok(None) } else { Err(()) };
        }
        if !modifier {
            break;
        }
        k += 1;
    }
    if k > first && v.is_noun(k - 1) && !v.capitalised(k - 1) {
        return Err(());
    }
    Ok(None)
}

/// "rebel fighters": the head is the last of adjacent people nouns.
fn last_person_noun(v: &View, mut k: usize, end: usize) -> usize {
    // Not onto a predicate noun: "29 Rebels Dead" is rebels, dead.
    while k + 1 < end && v.is_noun(k + 1) && matches!(person_noun(v.w(k + 1)), Some((None | Some(Category::Fighters), _))) {
        k += 1;
    }
    k
}

fn is_cue_word(v: &View, k: usize) -> bool {
    cue(v.l(k)).is_some() || cue(v.w(k)).is_some()
}

/// "of them are rebel fighters" -> the people noun after the copula.
fn predicate_who(v: &View, from: usize, end: usize) -> Head {
    let limit = (from + 6).min(end);
    let verb = (from..limit).find(|&k| matches!(v.l(k), "be" | "are" | "were" | "was" | "is" | "include" | "including"));
    let mut k = match verb {
        Some(k) => k + 1,
        // verbless: "39 people died, half of them children", "two civilians, one of them a child"
        None if v.w(from) == "of" => from + 2,
        None => from,
    };
    let start = k;
    while k < limit + 4 && k < end {
        if person_noun(v.w(k)).is_some() {
            let k = last_person_noun(v, k, end);
            let mut s = k;
            while s > start && (v.is_noun(s - 1) || person_noun(v.w(s - 1)).is_some()) && !v.capitalised(s - 1) {
                s -= 1;
            }
            // a group of two ("women and children") is counted as one
            let e = if matches!(v.w(k + 1), "and" | "or") && k + 2 < end && person_noun(v.w(k + 2)).is_some() { k + 2 } else { k };
            return Some((k, v.slice(s, e + 1).to_lowercase()));
        }
        if !matches!(v.p(k), "JJ" | "DT" | "RB" | "NN" | "NNP" | "VBN" | "CD") {
            break;
        }
        k += 1;
    }
    None
}

fn figure_at(v: &View, q: &Quantity, si: usize, (sa, sb): (usize, usize), starts: &[usize], earlier: Option<&Figure>) -> Option<Figure> {
    let i = q.num_start;
    let prev = if q.start > sa { v.w(q.start - 1) } else { "" };
    let next = v.w(q.end);
    if non_person_unit(next) || (next == "-" && non_person_unit(v.w(q.end + 1))) {
        return None;
    }
    let bad_prev = matches!(
        prev,
        "$" | "£" | "€" | "us$" | "aged" | "age" | "ages" | "no." | "resolution" | "route" | "article" | "page" | "flight" | "su" | "mig" | "chapter" | "paragraph"
    );
    if is_month(prev) || is_month(next) || bad_prev {
        return None;
    }
    // "Fri Apr 29 2016 Kurds kill ...": a year closing a date is no count, whatever follows.
    if is_year(v, q) && q.start >= sa + 2 && is_month(v.w(q.start - 2)) && v.text(q.start - 1).bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let head = head_noun(v, q, sb).ok()?;
    if head.is_none() {
        // "Rural Idlib 13 Killed", "more than 1400 are estimated to have been killed": a
        // casualty verb right after a bare number makes it a count, whatever the name
        // before it or the entity tagger (which takes "1400" for a date) say.
        let verb_after = (q.end..(q.end + 6).min(sb)).take_while(|&k| !STOPS.contains(&v.w(k)) && v.w(k) != ".").any(|k| {
            matches!(v.w(k), "killed" | "dead" | "died" | "injured" | "wounded") && (k == q.end || passive_run(v, q.end, k))
        });
        if is_year(v, q) || (ner_excluded(v, i) && !verb_after) || (q.end > sa && v.w(q.end) == "." && v.w(q.end + 1).is_empty() && !restates_at(v, q.start, sa)) {
            return None;
        }
        // Bare "one" is a pronoun far more often than a count.
        if q.min.or(q.max).unwrap_or(0.0) < 2.0 && !v.text(i).bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        // "Resolution 2254", "Route 5": a name before a bare number.
        if q.start > sa && v.capitalised(q.start - 1) && v.p(q.start - 1).starts_with("NNP") && q.start - 1 != sa && !verb_after {
            return None;
        }
    }
    let (head_tok, mut who) = match &head {
        Some((h, w)) => (Some(*h), Some(w.clone())),
        None => (None, None),
    };
    let np_end = head_tok.map(|h| h + 1).unwrap_or(q.end);
    let noun_cat = who.as_deref().and_then(|w| w.rsplit(' ').next()).and_then(|w| if symptom(w) { Some((Some(Category::Casualties), true)) } else { person_noun(w) });
    let (mut category, mut cue_tok) = match noun_cat {
        Some((Some(c), true)) => (Some(c), head_tok),
        _ => (None, None),
    };
    // "executed 15 detainees", "killed 30 hostages": a killing verb before a status noun
    // (held, displaced, fled) tells what happened to them.
    if matches!(category, Some(Category::Detained | Category::Displaced | Category::Refugees | Category::Evacuated)) {
        if let Some((Category::Killed, k)) = find_cue(v, q, np_end, (sa, sb), starts).filter(|&(_, k)| k < q.start) {
            category = Some(Category::Killed);
            cue_tok = Some(k);
        }
    }
    if category.is_none() {
        if let Some((c, k)) = find_cue(v, q, np_end, (sa, sb), starts) {
            category = Some(c);
            cue_tok = Some(k);
        } else if let Some((Some(c), false)) = noun_cat {
            category = Some(c);
            cue_tok = head_tok;
        }
    }
    if category == Some(Category::Killed) && cue_tok.is_some_and(|k| killed_and_injured(v, k)) {
        category = Some(Category::Casualties);
    }
    let number_of = if head.is_none() { number_of(v, q, sa) } else { None };
    // "Erdogan put the number at 7,500": another estimate of the figure just before.
    let restated = (head.is_none() && category.is_none() && number_of.is_none() && restates_at(v, q.start, sa)).then_some(earlier).flatten();
    if let Some(e) = restated {
        category = e.category;
        who = e.who.clone();
    }
    // A bare number needs a cue ("kills six") or a "number of <people>" before it.
    if head.is_none() && category.is_none() && number_of.is_none() {
        return None;
    }
    if category.is_none() {
        if let Some((Some(c), _)) = number_of.as_deref().and_then(person_noun) {
            category = Some(c);
        }
    }
    let who = who.or(number_of).or_else(|| Some("people".to_string()));
    // The span covers the people noun when it directly follows the number.
    let end = match head_tok {
        Some(h) if h < q.end + 4 && v.w(q.end) != "of" => h + 1,
        _ => q.end,
    };
    let perpetrator = category
        .filter(|c| matches!(c, Category::Killed | Category::Injured | Category::Casualties | Category::Detained))
        .and_then(|_| perpetrator(v, cue_tok, q, np_end, (sa, sb)));
    Some(Figure {
        span: v.span(q.start, end),
        tokens: (q.start, end),
        min: q.min,
        max: q.max,
        qualifier: q.qualifier,
        category,
        who,
        place: None,
        place_ref: None,
        when: None,
        source: None,
        perpetrator,
        sentence: si,
        cue: cue_tok,
    })
}

/// What "cases of ..." counts people by in chemical attack reports.
fn symptom(w: &str) -> bool {
    matches!(w, "suffocation" | "asphyxiation" | "poisoning" | "choking" | "breathing")
}

/// Singular people nouns a count of one can be made of ("a child", "a girl child").
fn singular_person(w: &str) -> bool {
    matches!(
        w,
        "child" | "girl" | "boy" | "woman" | "man" | "civilian" | "person" | "baby" | "infant" | "toddler" | "teenager" | "student" | "doctor"
            | "nurse" | "journalist" | "medic" | "worker" | "farmer" | "shepherd" | "citizen" | "resident" | "youth" | "elderly"
    )
}

/// "A girl child was killed", "left a child dead", headline "Child killed ...": a person
/// counted by an article (or standing first in a headline) is a quantity of one. Only
/// kept as a figure when a casualty cue governs it (see `extract_view`).
fn singulars(v: &View, (sa, sb): (usize, usize), qs: &[Quantity]) -> Vec<Quantity> {
    let mut out = Vec::new();
    for k in sa..sb {
        let det = matches!(v.w(k), "a" | "an");
        let headline = (k == sa || v.p(k - 1) == "CD") && v.capitalised(k) && singular_person(v.w(k));
        if !det && !headline || qs.iter().any(|q| q.start <= k && k < q.end) {
            continue;
        }
        // The person noun within two modifiers: "a girl child", "a young woman".
        let first = if det { k + 1 } else { k };
        let Some(h) = (first..(first + 3).min(sb)).find(|&j| singular_person(v.w(j))) else { continue };
        if (first..h).any(|j| !matches!(v.p(j), "JJ" | "NN" | "VBN")) {
            continue;
        }
        out.push(Quantity { min: Some(1.0), max: Some(1.0), qualifier: Qualifier::Exact, start: k, end: first, num_start: k });
    }
    out
}

/// "put the number at 7,500", "estimated the total at 9,000", "gave the figure as
/// 40": a bare number that restates an earlier figure's count.
fn restates_at(v: &View, start: usize, sa: usize) -> bool {
    if start < sa + 3 || !matches!(v.w(start - 1), "at" | "as") {
        return false;
    }
    let noun = start - 2;
    let det = start - 3;
    matches!(v.w(noun), "number" | "figure" | "total" | "tally" | "count")
        && matches!(v.w(det), "the" | "that" | "this" | "its" | "their")
        && det > sa
        && matches!(v.l(det - 1), "put" | "place" | "estimate" | "give" | "set" | "fix")
}

/// "the number of evacuees at 9,500", "the number of civilians was 7,500": the people noun.
fn number_of(v: &View, q: &Quantity, sa: usize) -> Option<String> {
    let lo = q.start.saturating_sub(8).max(sa);
    for k in (lo..q.start).rev() {
        if v.w(k) == "number" && v.w(k + 1) == "of" {
            for j in k + 2..(k + 5).min(q.start) {
                if person_noun(v.w(j)).is_some() {
                    return Some(v.w(j).to_string());
                }
            }
        }
    }
    None
}

/// The category cue nearest to the figure within its clause.
fn find_cue(v: &View, q: &Quantity, np_end: usize, (sa, sb): (usize, usize), starts: &[usize]) -> Option<(Category, usize)> {
    let mut after = None;
    let mut k = np_end;
    // "82 civilians who were killed", "6,000 civilians have left", "4.8 million have fled the country"
    if matches!(v.w(k), "of") {
        k += 1;
    }
    // "51 civilians including four children were killed", "750 people mostly women and
    // children have been killed": the verb lies past a subset apposition, which may hold
    // numbers and "and" of its own.
    let subset = |w: &str| matches!(w, "including" | "mostly" | "among" | "incl.");
    let mut appos = false;
    while k < sb && k < np_end + if appos { 16 } else { 10 } {
        let w = v.w(k);
        if subset(w) && !appos {
            appos = true;
            k += 1;
            continue;
        }
        // the same apposition set off by commas: "37 civilians, including nine children, had",
        // "42 people, many of them women and children, were killed"
        let open = if subset(v.w(k + 1)) {
            1
        } else if matches!(v.w(k + 1), "many" | "most" | "some" | "half" | "all" | "several" | "dozens" | "hundreds") && v.w(k + 2) == "of" && matches!(v.w(k + 3), "them" | "whom") {
            3
        } else {
            0
        };
        if w == "," && open > 0 && !appos {
            appos = true;
            k += 1 + open;
            continue;
        }
        // "killed six people and injured another ten": a coordinated verb has its own object.
        if (STOPS.contains(&w) && !(appos && w == ",")) || (!appos && ((k > np_end && starts.contains(&k)) || matches!(w, "and" | "or"))) {
            break;
        }
        if let Some(c) = cue_after(v, k) {
            after = Some((c, k));
            break;
        }
        k += 1;
    }
    let mut before = None;
    let lo = q.start.saturating_sub(9).max(sa);
    let mut j = q.start;
    while j > lo {
        j -= 1;
        let w = v.w(j);
        if matches!(w, ";" | ":" | "(" | ")" | "—") || starts.contains(&j) {
            break;
        }
        // "were killed and twenty civilians ...": a passive clause before "and" is finished.
        if w == "and" && j >= 2 && (passive_like(v.w(j - 1)) && matches!(v.w(j - 2), "were" | "was" | "been" | "are" | "is") || v.w(j - 1) == "dead") {
            break;
        }
        if let Some(c) = cue_before(v, j) {
            before = Some((c, j));
            break;
        }
    }
    // "the death toll from the explosions in Homs rose to 32", "the death toll reached 330":
    // the toll may lie far before its verb.
    let rise_to = q.start >= sa + 2 && v.w(q.start - 1) == "to" && matches!(v.l(q.start - 2), "rise" | "climb" | "jump" | "increase" | "reach" | "grow" | "update" | "revise" | "raise");
    let reached = q.start > sa && matches!(v.l(q.start - 1), "reach" | "exceed" | "top" | "surpass" | "hit");
    if before.is_none() && (rise_to || reached) {
        before = (sa..q.start - 1).rev().find(|&j| v.w(j) == "toll").map(|j| (Category::Killed, j));
    }
    // A figure inside a comma-set apposition with no verb before it ("37 civilians,
    // including nine children, had been killed"): the passive verb right after its
    // closing comma. ("killed 20 people, including six children, and wounded 40" has
    // its verb before.)
    if after.is_none() && before.is_none() && q.start > sa && subset(v.w(q.start - 1)) && v.w(np_end) == "," {
        let mut k = np_end + 1;
        while k < sb && matches!(v.w(k), "had" | "have" | "has" | "been" | "were" | "was" | "are" | "is" | "reportedly" | "also") {
            k += 1;
        }
        if k > np_end + 1 {
            after = cue_after(v, k).map(|c| (c, k));
        }
    }
    match (after, before) {
        // "attacks kill 10 injure scores", "killing 2 children injuring 9 others": an active
        // verb after the number starts its own clause; the verb before governs the number.
        (Some(a), Some(b)) if !passive_like(v.w(a.1)) => Some(b),
        (Some(a), Some(b)) => Some(if a.1 - np_end < q.start - b.1 { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// Whether the tokens from `a` up to the participle at `b` are only auxiliaries and
/// hedges ("are estimated to have been", "were reportedly").
fn passive_run(v: &View, a: usize, b: usize) -> bool {
    (a..b).all(|k| {
        matches!(
            v.w(k),
            "were" | "was" | "are" | "is" | "have" | "has" | "had" | "been" | "be" | "being" | "to" | "reportedly" | "estimated" | "believed" | "said" | "thought" | "feared" | "also" | "all"
        )
    })
}

/// "Kills Injures over 70", "19 Killed and Injured", "killed or wounded": one number
/// shared by a killing and an injuring verb counts both, so it is no death toll.
fn killed_and_injured(v: &View, k: usize) -> bool {
    let hurt = |j: usize| cue(v.l(j)).or_else(|| cue(v.w(j))) == Some(Category::Injured) || v.w(j).starts_with("injur") || v.w(j).starts_with("wound");
    let next = if matches!(v.w(k + 1), "and" | "or" | "&" | "/") { k + 2 } else { k + 1 };
    let prev = if k >= 2 && matches!(v.w(k - 1), "and" | "or" | "&" | "/") { k - 2 } else { k.saturating_sub(1) };
    hurt(next) || (k > 0 && prev < k && hurt(prev))
}

/// A participle or adjective after a number makes the number its subject ("10 killed",
/// "were wounded", "dead"); an active form ("injure", "injuring") does not.
fn passive_like(w: &str) -> bool {
    w.ends_with("ed") || matches!(w, "dead" | "hurt" | "slain" | "missing" | "homeless" | "shot" | "fled" | "left")
}

/// Headlines are title-cased or telegraphic, and the tagger takes "Killed", "Kills" for
/// proper nouns and "kill" in "attacks kill 10" for a noun: a casualty verb form tagged as
/// a noun is a verb when capitalised or followed by a number.
fn headline_verb(v: &View, k: usize) -> bool {
    (v.capitalised(k) || v.p(k + 1) == "CD")
        && v.p(k).starts_with("NN")
        && matches!(
            v.w(k),
            "kill" | "kills" | "killed" | "killing" | "injure" | "injures" | "injured" | "injuring" | "wound" | "wounds" | "wounded" | "dead" | "die" | "dies" | "died" | "execute" | "executes" | "executed" | "behead" | "beheads" | "beheaded"
        )
}

/// Cue after the figure: a verb or participle ("were killed", "have fled").
fn cue_after(v: &View, k: usize) -> Option<Category> {
    let (w, l, p) = (v.w(k), v.l(k), v.p(k));
    if !(p.starts_with("VB") || p.starts_with("JJ") || matches!(w, "dead" | "missing" | "homeless") || headline_verb(v, k)) {
        return None;
    }
    if matches!(l, "lay" | "laid" | "put" | "hand" | "handed" | "give") && (k + 1..k + 4).any(|j| matches!(v.w(j), "arms" | "weapons")) {
        return Some(Category::Surrendered);
    }
    if matches!(l, "lose" | "lost") && (k + 1..k + 3).any(|j| v.w(j) == "lives") {
        return Some(Category::Killed);
    }
    // "500 people had been treated for symptoms / in hospital": casualties of the attack
    // ("treated as terrorists" is no injury)
    if l == "treat" && matches!(v.w(k + 1), "for" | "in" | "at") {
        return Some(Category::Injured);
    }
    let c = cue(l).or_else(|| cue(w))?;
    Some(match c {
        Category::Refugees | Category::Displaced if matches!(l, "flee" | "fled") => flee_kind(v, k),
        Category::Aid => return None,
        c => c,
    })
}

/// "fled the country / abroad / to Turkey" makes refugees; "fled their homes" displaced people.
fn flee_kind(v: &View, k: usize) -> Category {
    let abroad = (k + 1..k + 5).any(|j| {
        matches!(v.w(j), "country" | "abroad" | "syria" | "border" | "turkey" | "lebanon" | "jordan" | "europe" | "iraq" | "germany" | "overseas")
    });
    if abroad {
        Category::Refugees
    } else {
        Category::Displaced
    }
}

/// Cue before the figure: an active verb ("killed at least 82") or a noun
/// ("death toll at 70", "the number of evacuees at 9,500", "evacuation of").
fn cue_before(v: &View, j: usize) -> Option<Category> {
    let (w, l, p) = (v.w(j), v.l(j), v.p(j));
    if matches!(l, "leave" | "left") {
        // "left 12 dead" is not an evacuation; the noun after decides.
        return None;
    }
    // "the beheading of 18 Syrians", "the execution of five men": the act named as a noun.
    if matches!(w, "beheading" | "beheadings" | "execution" | "executions" | "massacre") && v.w(j + 1) == "of" {
        return Some(Category::Killed);
    }
    if p.starts_with("VB") || headline_verb(v, j) || matches!(w, "toll" | "evacuation" | "killing" | "killings" | "deaths" | "death" | "arrest" | "detention" | "displacement" | "evacuees" | "refugees" | "casualties" | "injuries" | "injury" | "fatalities" | "dead" | "wounded" | "injured" | "harm") {
        let c = cue(l).or_else(|| cue(w))?;
        return match c {
            Category::Aid | Category::Trapped if p.starts_with("VB") && !matches!(l, "trap" | "besiege") => None,
            Category::Refugees if matches!(l, "flee") => Some(flee_kind(v, j)),
            c => Some(c),
        };
    }
    None
}

/// Who is blamed: the subject of an active cue verb, or the agent after "by",
/// or the attack in "killed in Russian airstrikes".
fn perpetrator(v: &View, cue_tok: Option<usize>, q: &Quantity, np_end: usize, (sa, sb): (usize, usize)) -> Option<String> {
    if let Some(c) = cue_tok.filter(|&c| c < q.start && v.is_verb(c)) {
        // Active: "pro-government forces have killed at least 82 civilians".
        let mut e = c;
        while e > sa && matches!(v.w(e - 1), "have" | "has" | "had" | "reportedly" | "allegedly" | "also" | "apparently") {
            e -= 1;
        }
        let mut s = e;
        while s > sa && s > e.saturating_sub(6) {
            let p = v.p(s - 1);
            let w = v.w(s - 1);
            let np = p.starts_with("NN") || p.starts_with("JJ") || p == "POS" || (w.contains('-') && w.len() > 1) || w == "'s";
            // "Air strikes in Syria kill": the phrase goes on before the preposition.
            let pp = matches!(w, "in" | "on" | "near" | "across") && s - 1 > sa && v.is_noun(s - 2) && s < e;
            // "Government shelling and Russian air raids killed 17": both attacks did it
            let coord = w == "and" && s - 1 > sa && is_attack_noun(v.w(s - 2)) && (s..e).any(|k| is_attack_noun(v.w(k)));
            if !np && !pp && !coord {
                break;
            }
            s -= 1;
        }
        // "Airstrikes on Daesh-held villages in northern Syria killed 85": the window
        // stopped inside the attack's place phrase; the attack named before it did it
        // (no attack there: "a town in opposition-held Idlib province … killed" has none).
        if s < e && matches!(v.w(s), "in" | "on" | "near" | "across" | "at") {
            let ns = noun_start(v, sa, s);
            (s, e) = if (ns..s).any(|k| is_weapon_noun(v.w(k))) { (ns, s) } else { (e, e) };
        }
        // "The air strikes which began Saturday and continued Sunday killed 45": a
        // day is no perpetrator; the phrase before the relative pronoun is.
        if s < e && (s..e).all(|k| crate::time::is_time_word(v.w(k))) {
            let rel = (sa..s).rev().find(|&k| matches!(v.w(k), "which" | "that" | "who"));
            (s, e) = rel.map(|r| (noun_start(v, sa, r), r)).unwrap_or((e, e));
        }
        // "A car bombing blamed on Daesh killed 26": whom it is blamed on is the perpetrator.
        let blamed = s < e && s > sa + 1 && matches!((v.w(s - 2), v.w(s - 1)), ("blamed", "on") | ("claimed", "by") | ("out", "by") | ("conducted", "by"));
        // "Two ISIS suicide bombers driving explosive-laden trucks have killed 30": the
        // noun phrase before the participle is the subject, not the participle's object.
        // ("… driving a stolen van killed": the object's determiner and modifiers in between.)
        let ger = (s.saturating_sub(4).max(sa + 1)..s).rev().find(|&k| v.p(k) == "VBG").filter(|&k| (k + 1..s).all(|j| matches!(v.p(j), "DT" | "JJ" | "VBN" | "PRP$" | "CD")));
        if let Some(g) = ger.filter(|&g| s < e && v.is_noun(g - 1)) {
            (s, e) = (noun_start(v, sa, g), g);
        }
        // "IS car bomb kills 20", "An Islamic State (IS) car bomb killed 20": a named
        // armed group before the phrase belongs to it (the tagger reads "IS" as a verb).
        if s < e {
            s = with_named_actor(v, sa, s);
        }
        // "Air strikes on a market in the town of Maarat al-Numan killed 37": the
        // phrase after a preposition is no subject; an attack noun that opens the
        // clause is.
        // ("Mortar shells fired at the Zablatani area and the Sheraton Hotel killed …":
        // the preposition may stand before several targets joined by "and".)
        let mut t = s;
        while t > sa && t + 10 > s && (matches!(v.w(t - 1), "the" | "a" | "an" | "and" | ",") || v.is_noun(t - 1) || v.p(t - 1).starts_with("JJ")) {
            t -= 1;
        }
        // ("A roadside bombing blamed on the Nusra Front killed": whom it is blamed on stays)
        let blamed_t = t > sa + 1 && matches!((v.w(t - 2), v.w(t - 1)), ("blamed", "on") | ("claimed", "by") | ("out", "by") | ("conducted", "by"));
        if s < e && !blamed && !blamed_t && t > sa && matches!(v.w(t - 1), "of" | "in" | "on" | "at" | "near" | "from" | "into" | "outside" | "across") {
            // (the clause opens after a dateline's dash: "BEIRUT (Reuters) - Air strikes …")
            let open = (sa..t).rev().find(|&k| matches!(v.w(k), "-" | "—" | "–" | "--")).map_or(sa, |k| k + 1);
            // "Mortar shells fired by militants at …": the agent of the weapon's participle
            let agent = (open + 1..t).find(|&k| v.w(k) == "by" && v.p(k - 1) == "VBN").and_then(|k| noun_phrase(v, k + 1, t));
            if let Some(np) = agent {
                return Some(np);
            }
            let attack = (open..t).find(|&k| is_weapon_noun(v.w(k))).filter(|&k| noun_start(v, open, k + 1) <= open + 1);
            (s, e) = attack.map(|k| (noun_start(v, sa, k + 1), k + 1)).unwrap_or((e, e));
        }
        // "... missiles on the neighborhood wounding dozens": before a participle
        // stands the object of the clause it follows, not who wounded — unless
        // it names the attack itself ("Russian airstrikes killing 12").
        let participle = v.p(c) == "VBG";
        if s < e && (s..e).any(|k| v.is_noun(k) || is_attack_noun(v.w(k))) && (!participle || (s..e).any(|k| is_attack_noun(v.w(k)))) {
            return Some(v.slice(s, e).to_string());
        }
    }
    // Passive or intransitive: "were killed by X", "died in Russian airstrikes".
    let from = cue_tok.filter(|&c| c >= np_end).map(|c| c + 1).unwrap_or(np_end);
    let mut k = from;
    while k < sb && k < from + 4 {
        if v.w(k) == "by" || (v.w(k) == "in" && attack_np(v, k + 1, sb)) {
            if let Some(np) = noun_phrase(v, k + 1, sb) {
                return Some(np);
            }
        }
        if STOPS.contains(&v.w(k)) {
            break;
        }
        k += 1;
    }
    // "Activists accused pro-government militias of firing on a convoy, killing at least
    // four people": who is accused of it.
    if let Some(k) = (sa..q.start).find(|&k| matches!(v.l(k), "accuse") && v.is_verb(k)) {
        if let Some(of) = (k + 1..(k + 8).min(q.start)).find(|&j| v.w(j) == "of") {
            if let Some(np) = noun_phrase(v, k + 1, of) {
                return Some(np);
            }
        }
    }
    // "... was bombed by Russian airstrikes ... 39 people died": an agent elsewhere in the sentence.
    let _ = q;
    (sa..sb).find(|&k| v.w(k) == "by" && k > sa && v.p(k - 1) == "VBN" && attack_verb(v.l(k - 1))).and_then(|k| noun_phrase(v, k + 1, sb))
}

/// `s` moved back over a named armed group right before it ("IS", "ISIS",
/// "Islamic State (IS)", "Russian"): FA-KES's actor classes other than "unknown".
fn with_named_actor(v: &View, sa: usize, mut s: usize) -> usize {
    let named = |k: usize| {
        let prev = if k > 0 { v.w(k - 1) } else { "" };
        crate::fakes::actor_class(v.w(k), v.text(k), prev, v.w(k + 1)).is_some_and(|c| c != 1)
    };
    loop {
        if s > sa && named(s - 1) {
            s -= 1;
        } else if s > sa + 2 && v.w(s - 1) == ")" && v.w(s - 3) == "(" && named(s - 2) {
            s -= 3;
        } else if s > sa + 1 && v.w(s - 1) == "state" && v.w(s - 2) == "islamic" {
            s -= 2;
        } else {
            return s;
        }
    }
}

/// Start of the noun phrase that ends at `e` (nouns, adjectives, possessives), not before `sa`.
fn noun_start(v: &View, sa: usize, e: usize) -> usize {
    let mut s = e;
    while s > sa && s > e.saturating_sub(6) {
        let (p, w) = (v.p(s - 1), v.w(s - 1));
        // attack nouns whatever their tag ("air strikes" read as noun + verb)
        if !(p.starts_with("NN") || p.starts_with("JJ") || p == "POS" || (w.contains('-') && w.len() > 1) || is_attack_noun(w)) {
            break;
        }
        s -= 1;
    }
    s
}

fn attack_verb(l: &str) -> bool {
    matches!(l, "bomb" | "bombed" | "shell" | "shelled" | "strike" | "struck" | "hit" | "target" | "targeted" | "attack" | "attacked" | "kill" | "killed" | "shoot" | "shot" | "raid" | "pound" | "pounded")
}

/// Nouns that name an attack ("airstrikes", "shelling", "barrel [bombs]").
pub(crate) fn is_attack_noun(w: &str) -> bool {
    matches!(w, "airstrikes" | "airstrike" | "strikes" | "strike" | "raids" | "raid" | "shelling" | "bombardment" | "bombing" | "bombings" | "attack" | "attacks" | "barrel")
}

/// An attack noun or a weapon that can stand for its attack ("Rockets fired at
/// the old city killed two").
fn is_weapon_noun(w: &str) -> bool {
    is_attack_noun(w) || matches!(w, "rockets" | "rocket" | "shells" | "mortars" | "missiles" | "bombs" | "projectiles")
}

fn attack_np(v: &View, a: usize, sb: usize) -> bool {
    // (also a blast or explosion: "killed in an IS group suicide blast")
    // within the noun phrase: "killed in northern Syria in US airstrikes" is no attack phrase at "northern"
    (a..(a + 5).min(sb))
        .take_while(|&k| v.p(k) != "IN" && v.w(k) != ",")
        .any(|k| is_attack_noun(v.w(k)) || matches!(v.w(k), "blast" | "blasts" | "explosion" | "explosions" | "bombers"))
}

/// A short noun phrase starting at `a` ("Russian airstrikes", "government forces").
fn noun_phrase(v: &View, a: usize, sb: usize) -> Option<String> {
    let mut s = a;
    while s < sb && matches!(v.p(s), "DT" | "PRP$") {
        s += 1;
    }
    let mut e = s;
    while e < sb && e < s + 6 {
        let p = v.p(e);
        let w = v.w(e);
        // attack nouns whatever their tag (a headline's "Aleppo strikes" reads "strikes" as a verb),
        // and a named armed group ("an IS group suicide blast": the tagger reads "IS" as a verb)
        let prev = if e > 0 { v.w(e - 1) } else { "" };
        let group = crate::fakes::actor_class(w, v.text(e), prev, v.w(e + 1)).is_some_and(|c| c != 1);
        if !(p.starts_with("NN") || p.starts_with("JJ") || p == "POS" || (w.contains('-') && w.len() > 1) || is_attack_noun(w) || group) {
            break;
        }
        e += 1;
    }
    ((s..e).any(|k| v.is_noun(k))).then(|| v.slice(s, e).to_string())
}

/// "39 people died..., half of them were children": a figure for the part.
fn fractions(v: &View, si: usize, (sa, sb): (usize, usize), figures: &mut Vec<Figure>) {
    for k in sa..sb {
        let (part, len) = match (v.w(k), v.w(k + 1)) {
            ("half", _) => (0.5, 1),
            ("a" | "one", "third") => (1.0 / 3.0, 2),
            ("two-thirds", _) => (2.0 / 3.0, 1),
            ("two", "thirds") => (2.0 / 3.0, 2),
            ("a" | "one", "quarter") => (0.25, 2),
            _ => continue,
        };
        let after = k + len;
        if !(matches!(v.w(after), "were" | "are") || v.w(after) == "of" && matches!(v.w(after + 1), "them" | "whom" | "those" | "these" | "the")) {
            continue;
        }
        // The figure it is a part of: the last one before it, this sentence or the one before.
        let Some(base) = figures.iter().rev().find(|f| f.tokens.1 <= k && f.sentence + 1 >= si && f.value().is_some()) else { continue };
        let Some(who) = predicate_who(v, after, sb) else { continue };
        let (lo, hi) = (base.min.unwrap_or(0.0) * part, base.max.or(base.min).unwrap_or(0.0) * part);
        let start = if k > sa && matches!(v.w(k - 1), "about" | "nearly" | "almost" | "around") { k - 1 } else { k };
        let end = who.0 + 1;
        let f = Figure {
            span: v.span(start, end),
            tokens: (start, end),
            min: Some(lo.floor()),
            max: Some(hi.ceil()),
            qualifier: Qualifier::About,
            category: base.category,
            who: Some(who.1),
            place: None,
            place_ref: None,
            when: None,
            source: None,
            perpetrator: base.perpetrator.clone(),
            sentence: si,
            cue: base.cue,
        };
        figures.push(f);
    }
}

fn attach_place_time(v: &View, f: &mut Figure, places: &[PlaceMention], times: &[TimeMention]) {
    let (a, b) = v.sentences.get(f.sentence).copied().unwrap_or((0, 0));
    let dist = |t: (usize, usize)| if t.0 >= f.tokens.1 { t.0 - f.tokens.1 } else { f.tokens.0.saturating_sub(t.1) };
    // A place that speaks ("Turkey said"; not "Homs State media") is a source, not where it happened.
    let in_sentence = |t: (usize, usize)| {
        t.0 >= a && t.1 <= b && !crate::source::speaks(v, t.1) && !owns_speaker(v, t.1, b) && !(t.0 >= 2 && v.w(t.0 - 2) == "according")
    };
    // Nearest Syrian place in the sentence, else any place there, else one in the sentence before.
    let pick = places
        .iter()
        .filter(|m| in_sentence(m.tokens) && m.is_syrian() && !is_country(m.place.as_ref()))
        .min_by_key(|m| dist(m.tokens))
        .or_else(|| places.iter().filter(|m| in_sentence(m.tokens)).min_by_key(|m| dist(m.tokens)))
        .or_else(|| {
            let (pa, _) = f.sentence.checked_sub(1).and_then(|s| v.sentences.get(s)).copied().unwrap_or((a, a));
            places.iter().rfind(|m| m.tokens.0 >= pa && m.tokens.1 <= a && m.is_syrian() && !is_country(m.place.as_ref()))
        });
    if let Some(m) = pick {
        f.place = Some(v.doc.slice(m.span).to_string());
        f.place_ref = Some(m.clone());
    }
    if let Some(t) = times.iter().filter(|t| in_sentence(t.tokens)).min_by_key(|t| dist(t.tokens)) {
        f.when = Some(t.when.iso());
    }
}

/// "Russia's defence ministry said", "Turkey's foreign minister, as quoted by
/// Anadolu, told": a place that owns the phrase before a speech verb names who
/// speaks, not where it happened. `end` is the token after the place.
fn owns_speaker(v: &View, end: usize, sb: usize) -> bool {
    if !matches!(v.w(end), "'s" | "’s") {
        return false;
    }
    let mut k = end + 1;
    while k < sb && k < end + 7 && (v.is_noun(k) || v.p(k).starts_with("JJ")) {
        k += 1;
    }
    if k == end + 1 {
        return false;
    }
    // an aside between the phrase and its verb (", as quoted by Interfax,")
    if v.w(k) == "," {
        if let Some(c) = (k + 1..(k + 14).min(sb)).find(|&i| v.w(i) == ",") {
            k = c + 1;
        }
    }
    while matches!(v.w(k), "has" | "have" | "had" | "also") {
        k += 1;
    }
    crate::source::speaks(v, k)
}

fn is_country(p: Option<&Place>) -> bool {
    p.is_some_and(|p| p.kind == crate::gazetteer::PlaceKind::Country)
}
