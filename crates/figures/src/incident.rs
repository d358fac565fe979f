//! Incidents: what happened (airstrike, shelling, bombing, ...), by whom,
//! where, when, and with which toll, found from event cues in each sentence;
//! figures attach to the incident of their sentence. The main incident of
//! the article is the earliest one with the strongest evidence (title and
//! lead count double; a death toll counts).

use crate::category::Category;
use crate::figure::Extraction;
use crate::gazetteer::PlaceMention;
use crate::view::View;
use corroborate_model::Span;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IncidentType {
    Airstrike,
    Shelling,
    Explosion,
    ChemicalAttack,
    Shooting,
    Execution,
    Clashes,
    Siege,
    CeasefireDeclared,
    CeasefireExtended,
    CeasefireBreached,
    Evacuation,
    AidDelivery,
}

impl IncidentType {
    pub fn as_str(self) -> &'static str {
        use IncidentType::*;
        match self {
            Airstrike => "airstrike",
            Shelling => "shelling",
            Explosion => "explosion",
            ChemicalAttack => "chemical_attack",
            Shooting => "shooting",
            Execution => "execution",
            Clashes => "clashes",
            Siege => "siege",
            CeasefireDeclared => "ceasefire_declared",
            CeasefireExtended => "ceasefire_extended",
            CeasefireBreached => "ceasefire_breached",
            Evacuation => "evacuation",
            AidDelivery => "aid_delivery",
        }
    }

    /// Violent incidents that cause deaths (the ones FA-KES codes).
    pub fn is_attack(self) -> bool {
        use IncidentType::*;
        matches!(self, Airstrike | Shelling | Explosion | ChemicalAttack | Shooting | Execution | Clashes)
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Incident {
    pub kind: IncidentType,
    /// The cue word(s) ("airstrikes", "car bomb").
    pub span: Span,
    pub sentence: usize,
    pub actor: Option<String>,
    /// What the toll is blamed on, the attack itself included ("airstrikes"):
    /// the actor's fallback for classifiers (only some sides fly).
    #[serde(skip)]
    pub blame: Option<String>,
    pub target: Option<String>,
    pub place: Option<String>,
    #[serde(skip)]
    pub place_ref: Option<PlaceMention>,
    pub when: Option<String>,
    /// Killed (or casualty) count: the largest such figure attached.
    pub toll: Option<f64>,
    /// Indices into the figure list.
    pub figures: Vec<usize>,
    pub main: bool,
    #[serde(skip)]
    pub score: f32,
}

/// The incident type a token (with its neighbours) signals.
pub fn incident_cue(v: &View, i: usize) -> Option<IncidentType> {
    use IncidentType::*;
    let (w, l) = (v.w(i), v.l(i));
    let next = v.w(i + 1);
    let prev = if i > 0 { v.w(i - 1) } else { "" };
    Some(match w {
        "airstrike" | "airstrikes" | "air-strike" | "air-strikes" | "warplanes" | "warplane" | "jets" | "bombers" | "sorties" | "air-raid" => Airstrike,
        "air" if matches!(next, "strike" | "strikes" | "raid" | "raids" | "attack" | "attacks" | "bombardment") => Airstrike,
        "barrel" if next.starts_with("bomb") => Airstrike,
        "shelling" | "shelled" | "artillery" | "mortar" | "mortars" | "rockets" | "rocket" | "missile" | "missiles"
        | "bombardment" | "shells" | "shell" | "bombarded" | "projectiles" => Shelling,
        "explosion" | "explosions" | "blast" | "blasts" | "bombing" | "bombings" | "explosive" | "explosives" | "ied"
        | "landmine" | "landmines" | "mine" | "detonated" | "exploded" | "suicide" | "bomber" => Explosion,
        // "rebels blew up a tunnel under a government position"
        "blew" | "blow" | "blown" if next == "up" => Explosion,
        "bomb" | "bombs" if prev != "barrel" => Explosion,
        "asphyxiation" | "suffocation" => ChemicalAttack,
        "chemical" | "sarin" | "chlorine" | "toxic" | "nerve" | "gas" if !matches!(next, "station" | "field" | "fields" | "prices" | "pipeline") => ChemicalAttack,
        "shooting" | "shootings" | "sniper" | "snipers" | "gunfire" | "gunshot" | "gunshots" | "gunmen" | "gunman" | "shot" | "shoots" | "bullets" => Shooting,
        "fire" if prev == "opened" => Shooting,
        "executed" | "execution" | "executions" | "beheaded" | "beheading" | "beheadings" | "execute" | "executes" | "executing" | "behead" | "beheads"
        | "crucified" | "crucifies" | "crucifixion" | "crucifixions" => Execution,
        "clashes" | "fighting" | "battle" | "battles" | "offensive" | "clashed" => Clashes,
        "siege" | "besieged" | "blockade" | "encircled" => Siege,
        "ceasefire" | "truce" | "cease-fire" => {
            let around: Vec<&str> = (i.saturating_sub(4)..i + 5).map(|k| v.l(k)).collect();
            if around.iter().any(|x| matches!(*x, "violate" | "violation" | "violations" | "breach" | "break" | "broke" | "collapse" | "violated")) {
                CeasefireBreached
            } else if around.iter().any(|x| matches!(*x, "extend" | "extended" | "extension" | "renew" | "prolong")) {
                CeasefireExtended
            } else {
                CeasefireDeclared
            }
        }
        "evacuation" | "evacuations" | "evacuated" | "evacuees" => Evacuation,
        "aid" | "convoy" | "convoys" if matches!(l, "aid" | "convoy") && (i.saturating_sub(3)..i + 4).any(|k| matches!(v.w(k), "humanitarian" | "aid" | "deliver" | "delivered" | "delivery" | "trucks" | "reached" | "entered")) && w != "aid" || w == "aid" && matches!(next, "convoy" | "convoys" | "delivery" | "deliveries" | "trucks") => AidDelivery,
        _ => return None,
    })
}

/// Groups an extraction into incidents (one per type per sentence).
pub fn incidents(v: &View, ex: &Extraction) -> Vec<Incident> {
    let mut out: Vec<Incident> = Vec::new();
    for (si, &(a, b)) in v.sentences.iter().enumerate() {
        for i in a..b {
            let Some(kind) = incident_cue(v, i) else { continue };
            if out.iter().any(|x| x.sentence == si && x.kind == kind) {
                continue;
            }
            out.push(Incident {
                kind,
                span: v.span(i, i + 1),
                sentence: si,
                actor: None,
                blame: None,
                target: None,
                place: None,
                place_ref: None,
                when: None,
                toll: None,
                figures: Vec::new(),
                main: false,
                score: 0.0,
            });
        }
    }
    for inc in &mut out {
        let (a, b) = v.sentences.get(inc.sentence).copied().unwrap_or((0, 0));
        let cue_tok = (a..b).find(|&k| v.span(k, k + 1) == inc.span).unwrap_or(a);
        let figs: Vec<usize> = ex.figures.iter().enumerate().filter(|(_, f)| f.sentence == inc.sentence).map(|(k, _)| k).collect();
        let mut toll: Option<f64> = None;
        let mut blame: Option<String> = None;
        for &k in &figs {
            let Some(f) = ex.figures.get(k) else { continue };
            if matches!(f.category, Some(Category::Killed)) {
                toll = Some(toll.unwrap_or(0.0).max(f.value().unwrap_or(0.0)));
            }
            if blame.is_none() {
                blame = f.perpetrator.clone();
            }
        }
        inc.toll = toll;
        inc.figures = figs;
        if blame.is_none() {
            blame = agent(v, cue_tok, (a, b));
        }
        inc.target = target(v, cue_tok, (a, b));
        // "Air strikes on a market in X killed 15": the figure's subject is the attack and
        // its target, not who carried it out.
        let not_target = |x: &String| !inc.target.as_ref().is_some_and(|t| x.contains(t.as_str()));
        if !blame.as_ref().is_none_or(not_target) {
            blame = agent(v, cue_tok, (a, b));
        }
        // "killed in airstrikes": the attack itself names no actor
        inc.actor = blame.clone().filter(|x| !only_attack_words(x)).or_else(|| agent(v, cue_tok, (a, b)).filter(not_target));
        inc.blame = blame;
        if let Some(m) = nearest(&ex.places, cue_tok, (a, b), |m| m.is_syrian()) {
            inc.place = Some(v.doc.slice(m.span).to_string());
            inc.place_ref = Some(m.clone());
        }
        inc.when = ex.times.iter().filter(|t| t.tokens.0 >= a && t.tokens.1 <= b).min_by_key(|t| t.tokens.0.abs_diff(cue_tok)).map(|t| t.when.iso());
        let lead = if inc.sentence <= 1 { 2.0 } else { 1.0 };
        inc.score = lead * (1.0 + inc.toll.is_some() as u8 as f32 + inc.kind.is_attack() as u8 as f32) / (1.0 + inc.sentence as f32 * 0.1);
    }
    if let Some(best) = out.iter().enumerate().max_by(|x, y| x.1.score.total_cmp(&y.1.score).then(y.0.cmp(&x.0))).map(|(k, _)| k) {
        // A headline's incident is told again in the lead ("Dozens killed in suspected gas
        // attack" ¶ "… killed in a suspected chemical attack on the besieged town of Douma
        // late on Saturday"): what the headline leaves out, the lead's same-type incident gives.
        let retold = out.get(best).filter(|m| m.sentence == 0).and_then(|m| out.iter().find(|x| x.kind == m.kind && (1..=2).contains(&x.sentence)).cloned());
        if let Some(m) = out.get_mut(best) {
            m.main = true;
            if let Some(l) = retold {
                if m.place.is_none() {
                    (m.place, m.place_ref) = (l.place, l.place_ref);
                }
                if m.when.is_none() {
                    m.when = l.when;
                }
                // (a headline's "Car bomb attack" names the weapon, nobody who used it)
                let named = |x: &Option<String>| x.as_deref().is_some_and(|p| !only_attack_words(p));
                if !named(&m.actor) && named(&l.actor) {
                    m.actor = l.actor;
                }
                if !named(&m.blame) && named(&l.blame) {
                    m.blame = l.blame;
                }
                // "Dozens killed" ¶ "At least 42 people were killed": the lead's count, and
                // its figures, belong to the headline's incident too
                if l.toll.is_some_and(|t| m.toll.is_none_or(|mt| t > mt)) {
                    m.toll = l.toll;
                    for f in l.figures {
                        if !m.figures.contains(&f) {
                            m.figures.push(f);
                        }
                    }
                }
            }
        }
    }
    out
}

/// Whether a phrase only names an attack ("airstrikes", "the shelling", "air
/// strikes"), nobody who carried it out.
fn only_attack_words(p: &str) -> bool {
    p.split_whitespace().all(|w| {
        let w = w.to_lowercase();
        crate::figure::is_attack_noun(&w)
            || matches!(
                w.as_str(),
                "the" | "a" | "an" | "air" | "air-strikes" | "explosion" | "explosions" | "blast" | "blasts" | "bombs" | "bomb"
                    | "rockets" | "rocket" | "shells" | "mortar" | "mortars" | "missiles" | "missile" | "heavy" | "intense"
                    | "fresh" | "new" | "car" | "truck" | "suicide" | "twin" | "double" | "bomber" | "bombers"
            )
    })
}

fn nearest(places: &[PlaceMention], tok: usize, (a, b): (usize, usize), ok: impl Fn(&PlaceMention) -> bool) -> Option<&PlaceMention> {
    places.iter().filter(|m| m.tokens.0 >= a && m.tokens.1 <= b && ok(m)).min_by_key(|m| m.tokens.0.abs_diff(tok))
}

/// "Russian airstrikes", "regime shelling", "strikes by the coalition": the adjective or agent.
fn agent(v: &View, cue: usize, (a, b): (usize, usize)) -> Option<String> {
    let mut s = cue;
    // a name or a capitalised adjective ("Russian", "U.S.-led"), not a
    // description ("An 11-hour ceasefire", "heavy shelling")
    let named = |k: usize| matches!(v.entity_type(k), Some("PERSON" | "ORGANIZATION" | "LOCATION" | "MISC"));
    // (capitalised mid-sentence, or a nationality the recogniser marks at its start)
    // ("a Russian-brokered truce": who brokered it is no party to its breach)
    let broker = |k: usize| ["-brokered", "-mediated", "-sponsored", "-negotiated"].iter().any(|x| v.w(k).ends_with(x));
    let actorish = |k: usize| {
        let p = v.p(k);
        !broker(k) && (p.starts_with("NNP") || p == "POS" || (p.starts_with("JJ") && v.capitalised(k) && (k > a || named(k))))
    };
    while s > a && actorish(s - 1) && cue - s < 4 {
        s -= 1;
    }
    while s < cue && v.p(s) == "POS" {
        s += 1;
    }
    if s < cue {
        return Some(v.slice(s, cue).to_string());
    }
    let k = (cue + 1..(cue + 4).min(b)).find(|&k| v.w(k) == "by")?;
    let mut e = k + 1;
    while e < b && matches!(v.p(e), "DT") {
        e += 1;
    }
    let s = e;
    while e < b && e < s + 5 && (v.p(e).starts_with("NN") || v.p(e).starts_with("JJ")) {
        e += 1;
    }
    (e > s).then(|| v.slice(s, e).to_string())
}

/// "on a hospital", "hit a market": what was hit.
fn target(v: &View, cue: usize, (_, b): (usize, usize)) -> Option<String> {
    // "exploded near a mosque", "a blast outside a hospital": where a bomb went off.
    let k = (cue + 1..(cue + 6).min(b))
        .find(|&k| matches!(v.w(k), "on" | "hit" | "hits" | "targeted" | "targeting" | "struck" | "at" | "near" | "outside" | "inside" | "against"))?;
    let mut s = k + 1;
    while s < b && matches!(v.p(s), "DT" | "PRP$") {
        s += 1;
    }
    let mut e = s;
    while e < b && e < s + 4 && (v.p(e).starts_with("NN") || v.p(e).starts_with("JJ")) {
        e += 1;
    }
    if !(e > s && v.is_noun(e - 1)) || crate::time::is_time_word(v.w(e - 1)) {
        return None;
    }
    // "the town of Douma": a generic place noun takes its name.
    if matches!(v.w(e - 1), "town" | "village" | "city" | "district" | "neighbourhood" | "neighborhood" | "camp") && v.w(e) == "of" && e + 1 < b && v.capitalised(e + 1) {
        e += 2;
        while e < b && e < s + 10 && v.capitalised(e) {
            e += 1;
        }
    }
    Some(v.slice(s, e).to_string())
}

/// The article's main incident, if any.
pub fn main_incident(incs: &[Incident]) -> Option<&Incident> {
    incs.iter().find(|i| i.main)
}
