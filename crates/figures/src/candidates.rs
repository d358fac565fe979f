//! Candidates for the ranked FA-KES fields, with the features a coder would
//! look at: for nb_civilians, every killed figure of the article (and 0, and
//! the rule's pick) — where it sits, who it counts, how it is qualified,
//! whether it is a cumulative or a part; for location, every governorate the
//! article names — in the title, the lead, next to the toll, how often.

use crate::category::{is_child, is_combatant, is_woman, Category};
use crate::fakes::{location_class, LOCATIONS};
use crate::figure::{Extraction, Figure};
use crate::gazetteer::PlaceKind;
use crate::incident::Incident;
use crate::view::View;
use corroborate_lang::perceptron::{feat, Feat};

/// Sentences (title first) within which killed figures are candidates.
const WINDOW: usize = usize::MAX;

fn bucket(x: usize, edges: &[usize]) -> String {
    edges.iter().position(|&e| x <= e).map(|k| k.to_string()).unwrap_or_else(|| "max".into())
}

fn value_bucket(x: u32) -> &'static str {
    match x {
        0 => "0",
        1 => "1",
        2..=5 => "2-5",
        6..=20 => "6-20",
        21..=100 => "21-100",
        _ => ">100",
    }
}

fn count(f: &Figure) -> u32 {
    f.value().map(|x| x.round().clamp(0.0, u32::MAX as f64) as u32).unwrap_or(0)
}

/// What kind of people a figure counts, as FA-KES's columns see them.
pub fn who_class(who: &str) -> &'static str {
    if is_combatant(who) {
        "combatant"
    } else if is_child(who) {
        "child"
    } else if is_woman(who) {
        "woman"
    } else if who.contains("civilian") {
        "civilian"
    } else {
        "general"
    }
}

/// nb_civilians candidates: (value, features). The rule's value comes first
/// so ties fall back to it; then 0; then each distinct killed value.
pub fn civilians(v: &View, ex: &Extraction, incs: &[Incident], rule: u32) -> Vec<(u32, Vec<Feat>)> {
    let killed: Vec<&Figure> = ex
        .figures
        .iter()
        // Casualties count the dead with the hurt ("Kills Injures over 70"), except gas
        // victims counted as "cases of suffocation", which coders take as the toll.
        .filter(|f| match f.category {
            Some(Category::Killed) => true,
            Some(Category::Casualties) => f.who.as_deref().is_some_and(|w| w.starts_with("cases")),
            _ => false,
        })
        .filter(|f| f.sentence < WINDOW && f.qualifier != crate::Qualifier::Vague)
        .collect();
    let any_civ_lead = killed.iter().any(|f| f.sentence < crate::fakes::LEAD_SENTENCES && !is_combatant(f.who.as_deref().unwrap_or("people")));
    let any_comb_lead = killed.iter().any(|f| f.sentence < crate::fakes::LEAD_SENTENCES && is_combatant(f.who.as_deref().unwrap_or("people")));
    let max_val = killed.iter().map(|f| count(f)).max().unwrap_or(0);
    let main_toll = incs.iter().find(|i| i.main).and_then(|i| i.toll).map(|t| t.round() as u32);
    let mut out: Vec<(u32, Vec<Feat>)> = Vec::new();
    let push = |out: &mut Vec<(u32, Vec<Feat>)>, val: u32, fs: Vec<Feat>| {
        if let Some(c) = out.iter_mut().find(|c| c.0 == val) {
            c.1.extend(fs);
        } else {
            out.push((val, fs));
        }
    };
    push(&mut out, rule, vec![feat(20, &["rule"]), feat(20, &["rule", &(rule == 0).to_string()])]);
    let ctx = format!("{any_civ_lead}{any_comb_lead}");
    // What the zero candidate competes with: which kinds of people the lead's tolls count,
    // and whom the first one counts ("50 militants and eight civilians" vs "29 rebels").
    let lead_classes: Vec<&str> = killed.iter().filter(|f| f.sentence < crate::fakes::LEAD_SENTENCES).map(|f| who_class(f.who.as_deref().unwrap_or("people"))).collect();
    let mut zero = vec![feat(21, &["zero", &ctx])];
    for c in ["civilian", "child", "woman", "general", "combatant"] {
        zero.push(feat(21, &["zero-has", c, &lead_classes.contains(&c).to_string()]));
    }
    zero.push(feat(21, &["zero-first", lead_classes.first().copied().unwrap_or("none")]));
    // A headline that states a death toll rarely goes with "no civilians reported".
    let title_class = killed.iter().find(|f| f.sentence == 0).map(|f| who_class(f.who.as_deref().unwrap_or("people")));
    zero.push(feat(21, &["zero-title", title_class.unwrap_or("none")]));
    push(&mut out, 0, zero);
    for (rank, f) in killed.iter().enumerate() {
        let val = count(f);
        if val == 0 {
            continue;
        }
        let who = f.who.as_deref().unwrap_or("people");
        let wc = who_class(who);
        let sb = bucket(f.sentence, &[0, 1, 2, 3, 5, 7, 10, 15]);
        let (a, b) = v.sentences.get(f.sentence).copied().unwrap_or((0, 0));
        let before = |n: usize, words: &[&str]| (f.tokens.0.saturating_sub(n).max(a)..f.tokens.0).any(|j| words.contains(&v.w(j)));
        let after = |n: usize, words: &[&str]| (f.tokens.1..(f.tokens.1 + n).min(b)).any(|j| words.contains(&v.w(j)));
        let in_sent = |words: &[&str]| (a..b).any(|j| words.contains(&v.l(j)));
        // "among them 11 children" is a part; "68 children were among the 126 killed": 126 is the whole.
        let among_them = f.tokens.0 >= a + 2 && v.w(f.tokens.0 - 2) == "among" && matches!(v.w(f.tokens.0 - 1), "them" | "whom" | "those");
        let subset = before(3, &["including", "incl."]) || among_them || after(4, &["were", "was"]) && after(6, &["among"]);
        let has_parts = after(4, &["including", "among"]);
        let whole = before(2, &["among"]) && !among_them;
        let cumulative = in_sent(&["total", "bring", "bringing", "overall", "since", "rise", "rose", "risen", "climb", "week", "weeks", "month", "months", "year", "years"]);
        let toll = in_sent(&["toll"]);
        let comb_same = killed.iter().any(|g| g.sentence == f.sentence && is_combatant(g.who.as_deref().unwrap_or("people")));
        let cat = f.category.map(Category::as_str).unwrap_or("");
        let fs = vec![
            feat(22, &["s", &sb]),
            feat(22, &["s-who", &sb, wc]),
            feat(23, &["who", wc]),
            feat(23, &["who-ctx", wc, &ctx]),
            feat(24, &["rank", &bucket(rank, &[0, 1, 2])]),
            feat(25, &["q", f.qualifier.as_str()]),
            feat(26, &["subset", &subset.to_string(), wc]),
            feat(26, &["parts", &has_parts.to_string(), wc]),
            feat(27, &["cumul", &cumulative.to_string()]),
            feat(27, &["toll", &toll.to_string()]),
            feat(28, &["comb-same", &comb_same.to_string(), wc]),
            feat(29, &["max", &(val == max_val).to_string()]),
            feat(29, &["main", &(Some(val) == main_toll).to_string()]),
            feat(30, &["val", value_bucket(val)]),
            feat(31, &["cat", cat]),
            feat(32, &["src", &f.source.is_some().to_string()]),
            feat(34, &["head", who.rsplit(' ').next().unwrap_or(who)]),
            feat(35, &["civ-sent", &in_sent(&["civilian"]).to_string(), wc]),
            feat(36, &["whole", &whole.to_string()]),
            feat(36, &["own-cue", &f.cue.is_some().to_string()]),
        ];
        push(&mut out, val, fs);
        // "Between 500 and 1300 people died": the upper end is a reading of its own.
        if f.qualifier == crate::Qualifier::Range {
            if let Some(hi) = f.max.map(|x| x.round().clamp(0.0, u32::MAX as f64) as u32).filter(|&hi| hi > val) {
                push(&mut out, hi, vec![feat(22, &["range-max", &sb]), feat(30, &["val", value_bucket(hi)])]);
            }
        }
    }
    let values: Vec<u32> = out.iter().map(|c| c.0).collect();
    for c in &mut out {
        let in_title = killed.iter().any(|f| count(f) == c.0 && f.sentence == 0);
        c.1.push(feat(37, &["near", near_pair(c.0, &values), &in_title.to_string()]));
        // A toll the title and a later lead sentence agree on (FA-KES bodies repeat the
        // title as sentence 1, so agreement starts at sentence 2).
        let in_body = killed.iter().any(|f| count(f) == c.0 && (2..crate::fakes::LEAD_SENTENCES).contains(&f.sentence));
        c.1.push(feat(39, &["agree", &in_title.to_string(), &in_body.to_string()]));
        // The first count that names civilians explicitly.
        let first_civ = killed.iter().find(|f| who_class(f.who.as_deref().unwrap_or("people")) == "civilian").map(|f| count(f));
        c.1.push(feat(39, &["first-civ", &(first_civ == Some(c.0)).to_string()]));
        let mentions = killed.iter().filter(|f| count(f) == c.0).count();
        c.1.push(feat(33, &["n", &bucket(mentions, &[0, 1, 2])]));
        c.1.push(feat(33, &["vs-rule", if c.0 == rule { "=" } else if c.0 > rule { ">" } else { "<" }]));
        c.1.sort_unstable();
        c.1.dedup();
    }
    out
}

/// Where a value stands among close values of the same article (within 25 %):
/// "More than 50" in a title and "at least 51" in the body, "80 killed" and
/// "over 85 killed", are two reports of one toll, and coders tend to record one
/// side of the pair (the ranker learns which).
fn near_pair(val: u32, values: &[u32]) -> &'static str {
    let close = |a: u32, b: u32| a >= 5 && b > a && b as f64 <= a as f64 * 1.25;
    let below = values.iter().any(|&o| close(o, val));
    let above = values.iter().any(|&o| close(val, o));
    match (below, above) {
        (true, true) => "middle",
        (true, false) => "larger",
        (false, true) => "smaller",
        (false, false) => "none",
    }
}

/// Location candidates: (index into LOCATIONS, features), the rule's class first.
pub fn locations(v: &View, ex: &Extraction, incs: &[Incident], rule: usize, rule_scores: &[f32]) -> Vec<(usize, Vec<Feat>)> {
    let main_class = incs
        .iter()
        .find(|i| i.main)
        .and_then(|i| i.place_ref.as_ref())
        .and_then(|m| m.place.as_ref())
        .and_then(|p| location_class(p.governorate))
        .and_then(|c| LOCATIONS.iter().position(|x| *x == c));
    let total: f32 = rule_scores.iter().sum::<f32>().max(1e-6);
    // Where the article's killed figures are placed (the place attached to the figure).
    let fig_class = |f: &Figure| {
        f.place_ref.as_ref().and_then(|m| m.place.as_ref()).and_then(|p| location_class(p.governorate)).and_then(|c| LOCATIONS.iter().position(|x| *x == c))
    };
    let killed: Vec<&Figure> = ex.figures.iter().filter(|f| matches!(f.category, Some(Category::Killed))).collect();
    let first_fig = killed.iter().find_map(|f| fig_class(f));
    let lead_figs: Vec<usize> = killed.iter().filter(|f| f.sentence < crate::fakes::LEAD_SENTENCES).filter_map(|f| fig_class(f)).collect();
    let mut per: Vec<(usize, Vec<Feat>, usize, usize)> = Vec::new();
    let mut order = 0;
    for m in &ex.places {
        let Some(p) = &m.place else { continue };
        let Some(k) = location_class(p.governorate).and_then(|c| LOCATIONS.iter().position(|x| *x == c)) else { continue };
        let s = v.sentence_of.get(m.tokens.0).copied().unwrap_or(99);
        let kind = match p.kind {
            PlaceKind::Governorate => "gov",
            _ if p.population >= 100_000 => "city",
            _ if p.population >= 10_000 => "town",
            _ => "village",
        };
        let killed_here = ex.figures.iter().any(|f| f.sentence == s && matches!(f.category, Some(Category::Killed | Category::Injured | Category::Casualties)));
        // Named in the sentence of the main incident's cue ("air strikes on Saraqib killed ...").
        let main_sent = incs.iter().find(|i| i.main).is_some_and(|i| i.sentence == s);
        let next = v.w(m.tokens.1);
        // "the northern province of Aleppo", "rural Idlib", "Idlib countryside": the governorate named as a region.
        let prev2 = (v.w(m.tokens.0.saturating_sub(2)), v.w(m.tokens.0.saturating_sub(1)));
        let region = matches!(prev2, ("province" | "countryside" | "governorate", "of")) || prev2.1 == "rural" || matches!(next, "province" | "countryside" | "governorate");
        let fs = vec![
            feat(49, &["region", &region.to_string(), &bucket(s, &[1, 3])]),
            feat(40, &["s", &bucket(s, &[0, 1, 2, 3, 5])]),
            feat(40, &["s-kind", &bucket(s, &[0, 1, 2, 3, 5]), kind]),
            feat(41, &["kind", kind]),
            feat(42, &["killed", &killed_here.to_string(), &bucket(s, &[1, 3])]),
            feat(42, &["main-sent", &main_sent.to_string()]),
            feat(43, &["next", if matches!(next, "province" | "countryside" | "governorate" | "city") { next } else { "-" }]),
        ];
        match per.iter_mut().find(|c| c.0 == k) {
            Some(c) => {
                c.1.extend(fs);
                c.3 += 1;
            }
            None => {
                per.push((k, fs, order, 1));
                order += 1;
            }
        }
    }
    if !per.iter().any(|c| c.0 == rule) {
        per.insert(0, (rule, Vec::new(), 99, 0));
    } else if let Some(i) = per.iter().position(|c| c.0 == rule) {
        let c = per.remove(i);
        per.insert(0, c);
    }
    per.into_iter()
        .map(|(k, mut fs, first, mentions)| {
            let share = rule_scores.get(k).copied().unwrap_or(0.0) / total;
            fs.push(feat(44, &["rule", &(k == rule).to_string()]));
            fs.push(feat(44, &["share", &((share * 5.0).round() as u32).to_string()]));
            fs.push(feat(45, &["first", &bucket(first, &[0, 1, 2])]));
            fs.push(feat(45, &["mentions", &bucket(mentions, &[1, 2, 3, 5])]));
            fs.push(feat(46, &["main", &(Some(k) == main_class).to_string()]));
            fs.push(feat(47, &["first-fig", &(Some(k) == first_fig).to_string()]));
            fs.push(feat(48, &["class", LOCATIONS.get(k).copied().unwrap_or("")]));
            fs.push(feat(47, &["lead-figs", &bucket(lead_figs.iter().filter(|&&c| c == k).count(), &[0, 1, 2])]));
            fs.sort_unstable();
            fs.dedup();
            (k, fs)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_pairs_of_values() {
        let vals = [0, 50, 51, 4, 15, 130];
        assert_eq!(near_pair(51, &vals), "larger");
        assert_eq!(near_pair(50, &vals), "smaller");
        // Small counts are never "close" (2 and 3 are different tolls), nor far ones.
        assert_eq!(near_pair(4, &[3, 4]), "none");
        assert_eq!(near_pair(130, &vals), "none");
        assert_eq!(near_pair(0, &vals), "none");
        assert_eq!(near_pair(22, &[20, 22, 24]), "middle");
    }
}
