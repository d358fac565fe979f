//! Evidence for FA-KES's cause of death beyond the lead's words: who died
//! (FA-KES codes deaths in military operations mostly as "unknown" or
//! "shooting", deaths of civilians mostly as shelling or explosion), the
//! weapon named next to the article's main killed figure, and the weapon
//! words of the whole article.

use crate::category::Category;
use crate::fakes::FakesRow;
use crate::figure::{Extraction, Figure};
use crate::incident::{incident_cue, IncidentType};
use crate::learn::tf;
use crate::view::View;
use corroborate_lang::perceptron::Feat;

/// The first killed figure of the title and lead (the toll the article leads with).
fn main_killed(ex: &Extraction) -> Option<&Figure> {
    ex.figures.iter().find(|f| matches!(f.category, Some(Category::Killed | Category::Casualties)) && f.sentence < crate::fakes::LEAD_SENTENCES)
}

/// Weapon cues of a token range with their distance to token `at`.
fn cues_in(v: &View, (a, b): (usize, usize), at: usize) -> Vec<(IncidentType, usize, usize)> {
    (a..b).filter_map(|i| incident_cue(v, i).filter(|k| k.is_attack()).map(|k| (k, i, i.abs_diff(at)))).collect()
}

fn bucket(n: usize) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2..=3 => "2-3",
        _ => "4+",
    }
}

/// Cause features (templates 50–55, so FAKES_DROP can ablate each).
pub fn features(v: &View, ex: &Extraction, rules: &FakesRow) -> Vec<Feat> {
    let mut out = Vec::new();
    // Who the article's toll counts: civilians, combatants, both or nobody.
    out.push(tf(50, &["who-died", &(rules.nb_civilians > 0).to_string(), &(rules.nb_noncivilians > 0).to_string()]));
    if let Some(f) = main_killed(ex) {
        let sent = v.sentences.get(f.sentence).copied().unwrap_or((0, 0));
        let cues = cues_in(v, sent, f.tokens.0);
        // "killed in a car bomb", "rockets ... killing three": the nearest weapon to the toll, and its word.
        if let Some(&(k, i, _)) = cues.iter().min_by_key(|c| c.2) {
            out.push(tf(51, &["toll-kind", k.as_str()]));
            out.push(tf(54, &["toll-word", v.l(i)]));
        } else {
            out.push(tf(51, &["toll-kind", "none"]));
        }
        for (k, _, _) in &cues {
            out.push(tf(51, &["toll-sent", k.as_str()]));
        }
    }
    // Weapon words over the whole article: how often each kind is named.
    let all = cues_in(v, (0, v.len()), 0);
    let mut kinds: Vec<IncidentType> = all.iter().map(|c| c.0).collect();
    kinds.sort_by_key(|k| k.as_str());
    kinds.dedup();
    for k in kinds {
        out.push(tf(52, &["doc", k.as_str(), bucket(all.iter().filter(|c| c.0 == k).count())]));
    }
    let title = v.sentences.first().copied().unwrap_or((0, 0));
    for (k, i, _) in cues_in(v, title, 0) {
        out.push(tf(53, &["title", k.as_str()]));
        out.push(tf(55, &["title-word", v.l(i)]));
    }
    out.sort_unstable();
    out.dedup();
    out
}
