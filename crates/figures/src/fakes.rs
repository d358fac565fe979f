//! An article as one FA-KES row: the main incident's location, actor and
//! cause of death in FA-KES's classes, and the four death counts.
//!
//! FA-KES (Salem et al., ICWSM 2019) codes counts as integers with 0 for
//! "none reported", locations as 11+ governorate-level names, and actors and
//! causes as the small closed sets below.

use crate::category::{is_child, is_combatant, is_woman, Category};
use crate::figure::{Extraction, Figure};
use crate::incident::{main_incident, Incident};
use crate::view::View;
use corroborate_model::Document;
use serde::Serialize;

pub const LOCATIONS: &[&str] = &["aleppo", "damascus", "idlib", "deir ezzor", "homs", "raqqa", "hasakeh", "hama", "lattakia", "daraa", "quneitra", "tartus", "sweida"];
pub const ACTORS: &[&str] = &[
    "syrian government or russian troops",
    "unknown",
    "international coalition forces",
    "the organization of the islamic state in iraq and the levant - isis",
    "armed opposition groups",
    "self administration forces",
    "al-nusra front",
];
pub const CAUSES: &[&str] = &["shelling", "explosion", "unknown", "chemical and toxic gases", "shooting", "execution"];

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FakesRow {
    pub location: String,
    pub actor: String,
    pub cause_of_death: String,
    pub nb_civilians: u32,
    pub nb_children: u32,
    pub nb_women: u32,
    pub nb_noncivilians: u32,
}

/// FA-KES location class of a governorate (Rif Dimashq is coded as Damascus).
pub fn location_class(governorate: &str) -> Option<&'static str> {
    Some(match governorate {
        "Aleppo" => "aleppo",
        "Damascus" | "Rif Dimashq" => "damascus",
        "Idlib" => "idlib",
        "Deir ez-Zor" => "deir ezzor",
        "Homs" => "homs",
        "Raqqa" => "raqqa",
        "Al-Hasakah" => "hasakeh",
        "Hama" => "hama",
        "Latakia" => "lattakia",
        "Daraa" => "daraa",
        "Quneitra" => "quneitra",
        "Tartus" => "tartus",
        "As-Suwayda" => "sweida",
        _ => return None,
    })
}

/// Tokens in the first two sentences (FA-KES content repeats the title there) weigh more.
fn lead_weight(v: &View, tok: usize) -> f32 {
    match v.sentence_of.get(tok) {
        Some(0) => 4.0,
        Some(1) => 3.0,
        Some(2) => 2.0,
        Some(3) => 1.5,
        _ => 1.0,
    }
}

/// Scores of each location class.
pub fn location_scores(v: &View, ex: &Extraction, main: Option<&Incident>) -> [f32; 13] {
    let mut s = [0f32; 13];
    for m in &ex.places {
        let Some(p) = &m.place else { continue };
        let Some(c) = location_class(p.governorate) else { continue };
        let Some(k) = LOCATIONS.iter().position(|x| *x == c) else { continue };
        let mut w = lead_weight(v, m.tokens.0);
        // Where the deaths were: a place in a sentence with a death toll, or after "town of".
        let sent = v.sentence_of.get(m.tokens.0).copied();
        if ex.figures.iter().any(|f| Some(f.sentence) == sent && matches!(f.category, Some(Category::Killed | Category::Injured | Category::Casualties))) {
            w += 1.5;
        }
        if m.tokens.0 >= 2 && v.w(m.tokens.0 - 1) == "of" && matches!(v.w(m.tokens.0 - 2), "town" | "city" | "village" | "province" | "countryside" | "neighbourhood" | "neighborhood" | "district" | "suburb") {
            w += 1.5;
        }
        if matches!(v.w(m.tokens.1), "province" | "countryside" | "governorate") {
            w += 1.0;
        }
        s[k] += w;
    }
    if let Some(p) = main.and_then(|i| i.place_ref.as_ref()).and_then(|m| m.place.as_ref()) {
        if let Some(k) = location_class(p.governorate).and_then(|c| LOCATIONS.iter().position(|x| *x == c)) {
            s[k] += 2.0;
        }
    }
    s
}

/// The actor class a word names, given its neighbours (lower-cased) and its
/// text as written ("US" and "IS" are only names in capitals).
pub fn actor_class(w: &str, raw: &str, prev: &str, next: &str) -> Option<usize> {
    Some(match w {
        "regime" | "assad" | "pro-government" | "pro-regime" | "loyalist" | "russian" | "russia" | "warplanes" | "barrel" | "helicopters" | "hezbollah" | "syrian-russian" => 0,
        "government" | "army" if matches!(prev, "syrian" | "the") || matches!(next, "forces" | "troops" | "aircraft" | "jets") => 0,
        "coalition" | "us-led" | "u.s.-led" | "american" | "pentagon" | "centcom" | "french" | "british" | "u.s." | "us" if w != "us" || raw == "US" => 2,
        "isis" | "isil" | "daesh" | "jihadist" | "jihadists" => 3,
        "islamic" if next == "state" => 3,
        "is" if raw == "IS" => 3,
        "rebels" | "rebel" | "opposition" | "fsa" | "insurgents" | "militants" | "jaish" | "ahrar" => 4,
        "free" if next == "syrian" => 4,
        "kurdish" | "ypg" | "sdf" | "kurds" | "pyd" | "asayish" => 5,
        "nusra" | "al-nusra" | "qaeda" | "al-qaeda" | "hts" | "tahrir" | "fateh" => 6,
        "suicide" | "unidentified" | "unknown" | "blast" | "explosion" | "car" => 1,
        _ => return None,
    })
}

/// Actor classes named in a phrase ("Russian airstrikes", "IS group militants").
pub fn actor_classes(phrase: &str) -> Vec<usize> {
    let raw: Vec<&str> = phrase.split_whitespace().collect();
    let low: Vec<String> = raw.iter().map(|w| w.to_lowercase()).collect();
    let at = |k: usize| low.get(k).map(String::as_str).unwrap_or("");
    let all: Vec<usize> = (0..raw.len()).filter_map(|k| actor_class(at(k), raw.get(k).copied().unwrap_or(""), if k > 0 { at(k - 1) } else { "" }, at(k + 1))).collect();
    // "IS car bomb": a named group owns the weapon; "car" (unknown) only speaks
    // when no group is named.
    if all.iter().any(|&c| c != 1) {
        all.into_iter().filter(|&c| c != 1).collect()
    } else {
        all
    }
}

/// Keyword scores of each actor class.
pub fn actor_scores(v: &View) -> [f32; 7] {
    let mut s = [0f32; 7];
    for i in 0..v.len() {
        let prev = if i > 0 { v.w(i - 1) } else { "" };
        let Some(k) = actor_class(v.w(i), v.text(i), prev, v.w(i + 1)) else { continue };
        if let Some(x) = s.get_mut(k) {
            *x += lead_weight(v, i);
        }
    }
    s
}

/// Keyword scores of each cause class.
pub fn cause_scores(v: &View) -> [f32; 6] {
    use crate::incident::{incident_cue, IncidentType::*};
    let mut s = [0f32; 6];
    for i in 0..v.len() {
        let k = match incident_cue(v, i) {
            Some(Airstrike | Shelling) => 0,
            Some(Explosion) => 1,
            Some(ChemicalAttack) => 3,
            Some(Shooting) => 4,
            Some(Execution) => 5,
            Some(Clashes) => 2,
            _ => continue,
        };
        s[k] += lead_weight(v, i);
    }
    s
}

fn argmax(s: &[f32], default: usize) -> usize {
    let mut best = default;
    let mut bs = 0.0;
    for (k, &x) in s.iter().enumerate() {
        if x > bs {
            best = k;
            bs = x;
        }
    }
    best
}

fn count(f: &Figure) -> u32 {
    f.value().map(|x| x.round().clamp(0.0, u32::MAX as f64) as u32).unwrap_or(0)
}

/// Tolls this large are the war's running total ("more than 280000 people have been
/// killed since 2011"), never one incident's: the deadliest single attacks of the
/// war counted in the hundreds to about 1,500 dead.
pub const WAR_TOTAL: u32 = 10_000;

/// Sentences that count for the article's own toll: title, and the lead.
pub const LEAD_SENTENCES: usize = 6;

fn general(who: &str) -> bool {
    matches!(who.rsplit(' ').next().unwrap_or(who), "people" | "civilians" | "persons" | "residents" | "villagers" | "inhabitants" | "individuals" | "victims" | "dead" | "bodies" | "deaths" | "fatalities")
}

/// The article's count for a group: the earliest lead sentence with a killed
/// figure for it; there a general figure ("72 people") wins, else subgroup
/// figures joined by "and" are summed ("nine children and 14 others").
fn lead_count(v: &View, figs: &[Figure], keep: impl Fn(&str) -> bool, sum_parts: bool) -> u32 {
    let killed: Vec<&Figure> = figs
        .iter()
        .filter(|f| matches!(f.category, Some(Category::Killed)) && f.qualifier != crate::Qualifier::Vague && f.sentence < LEAD_SENTENCES && count(f) < WAR_TOTAL)
        .filter(|f| keep(f.who.as_deref().unwrap_or("people")))
        .collect();
    let Some(first) = killed.iter().map(|f| f.sentence).min() else { return 0 };
    let here: Vec<&&Figure> = killed.iter().filter(|f| f.sentence == first).collect();
    if let Some(g) = here.iter().find(|f| general(f.who.as_deref().unwrap_or("people"))) {
        return count(g);
    }
    if !sum_parts {
        return here.first().map(|f| count(f)).unwrap_or(0);
    }
    // Sum the parts, except one introduced by "including"/"among them" (a subset of the one before).
    let mut total = 0;
    for (k, f) in here.iter().enumerate() {
        // "among them four children" is a part; "among the 126 killed" is the whole.
        let among_them = f.tokens.0 >= 2 && v.w(f.tokens.0 - 2) == "among" && matches!(v.w(f.tokens.0 - 1), "them" | "whom" | "those");
        let subset = k > 0 && ((f.tokens.0.saturating_sub(3)..f.tokens.0).any(|j| matches!(v.w(j), "including" | "incl.")) || among_them);
        if !subset {
            total += count(f);
        }
    }
    total
}

/// One FA-KES row for an analysed document: the shipped learned model
/// (`data/fakes_model.bin`, see [`crate::model`]) over the rules' evidence;
/// the rules alone if the embedded model cannot be read.
pub fn fakes_row(doc: &Document, ex: &Extraction, incidents: &[Incident]) -> FakesRow {
    fakes_row_view(&View::new(doc), ex, incidents)
}

pub fn fakes_row_view(v: &View, ex: &Extraction, incidents: &[Incident]) -> FakesRow {
    match crate::model::FakesModel::shipped() {
        Some(m) => m.predict(&crate::learn::features_view(v, ex, incidents, &[])),
        None => fakes_row_rules(v, ex, incidents),
    }
}

/// The rules' FA-KES row (keyword scores and the lead's counts), no learning.
pub fn fakes_row_rules(v: &View, ex: &Extraction, incidents: &[Incident]) -> FakesRow {
    let main = main_incident(incidents);
    let loc = location_scores(v, ex, main);
    let act = actor_scores(v);
    let cause = cause_scores(v);
    let figs = &ex.figures;
    FakesRow {
        location: LOCATIONS.get(argmax(&loc, 0)).copied().unwrap_or("aleppo").to_string(),
        actor: ACTORS.get(argmax(&act, 1)).copied().unwrap_or("unknown").to_string(),
        cause_of_death: CAUSES.get(argmax(&cause, 2)).copied().unwrap_or("unknown").to_string(),
        nb_civilians: lead_count(v, figs, |w| !is_combatant(w), true),
        // a group of both ("a third of them women and children") is neither count alone
        nb_children: lead_count(v, figs, |w| is_child(w) && !is_woman(w), false),
        nb_women: lead_count(v, figs, |w| is_woman(w) && !is_child(w), false),
        nb_noncivilians: lead_count(v, figs, is_combatant, true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_classes_of_phrases() {
        assert_eq!(actor_classes("Russian airstrikes"), vec![0]);
        assert_eq!(actor_classes("US-led coalition jets"), vec![2, 2]);
        assert_eq!(actor_classes("IS group militants"), vec![3, 4]);
        // "us" in lower case is the pronoun, not the United States.
        assert!(actor_classes("told us").is_empty());
        assert_eq!(actor_classes("IS car bomb"), vec![3]);
        assert_eq!(actor_classes("car bomb"), vec![1]);
    }
}

