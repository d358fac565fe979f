//! Lexicons: what a figure counts (its category, from the verb or noun around
//! the number) and who it counts (people nouns). Matched on lemmas and on
//! lower-cased forms, since the lemmatizer leaves some participles as they are.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Killed,
    Injured,
    /// Killed and injured together ("casualties").
    Casualties,
    Evacuated,
    Displaced,
    Refugees,
    Trapped,
    Fighters,
    Surrendered,
    Detained,
    Missing,
    Aid,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Killed => "killed",
            Category::Injured => "injured",
            Category::Casualties => "casualties",
            Category::Evacuated => "evacuated",
            Category::Displaced => "displaced",
            Category::Refugees => "refugees",
            Category::Trapped => "trapped",
            Category::Fighters => "fighters",
            Category::Surrendered => "surrendered",
            Category::Detained => "detained",
            Category::Missing => "missing",
            Category::Aid => "aid",
        }
    }
}

/// A verb, adjective or noun that tells what happened to the people counted.
pub fn cue(word: &str) -> Option<Category> {
    use Category::*;
    Some(match word {
        "kill" | "killed" | "kills" | "killing" | "die" | "died" | "dies" | "dead" | "death" | "deaths" | "toll" | "body"
        | "bodies" | "massacre" | "massacred" | "slaughter" | "slaughtered" | "execute" | "executed" | "behead"
        | "beheaded" | "perish" | "perished" | "fatality" | "fatalities" | "murder" | "murdered" | "lives" | "corpses"
        | "martyr" | "martyrs" | "martyred" | "slain" | "shot" | "claimed" => Killed,
        "injure" | "injured" | "injuries" | "injury" | "wound" | "wounded" | "wounding" | "hurt" | "maim" | "maimed" | "harm"
        | "harmed" | "suffer" | "suffered" | "suffering" | "suffocate" | "suffocated" | "suffocation" => Injured,
        "casualty" | "casualties" => Casualties,
        "evacuate" | "evacuated" | "evacuee" | "evacuees" | "evacuation" | "leave" | "left" | "bus" | "bused" | "bussed"
        | "exit" | "exited" | "rescue" | "rescued" => Evacuated,
        "displace" | "displaced" | "idp" | "idps" | "homeless" | "uproot" | "uprooted" => Displaced,
        "refugee" | "refugees" | "flee" | "fled" | "fleeing" | "asylum" => Refugees,
        "trap" | "trapped" | "besiege" | "besieged" | "siege" | "strand" | "stranded" | "encircle" | "encircled" => Trapped,
        "surrender" | "surrendered" | "defect" | "defected" => Surrendered,
        "detain" | "detained" | "detainee" | "detainees" | "arrest" | "arrested" | "capture" | "captured" | "abduct"
        | "abducted" | "kidnap" | "kidnapped" | "imprison" | "imprisoned" | "prisoner" | "prisoners" | "hostage"
        | "hostages" | "jail" | "jailed" => Detained,
        "missing" | "disappear" | "disappeared" | "unaccounted" => Missing,
        "aid" | "feed" | "fed" | "food" | "assistance" | "relief" => Aid,
        _ => return None,
    })
}

/// Whether a lower-cased word counts people, and the category it implies on
/// its own (strong: "evacuees"; weak: "fighters" is overridden by a verb).
pub fn person_noun(word: &str) -> Option<(Option<Category>, bool)> {
    use Category::*;
    Some(match word {
        "people" | "persons" | "person" | "civilians" | "civilian" | "children" | "child" | "kids" | "women" | "woman"
        | "men" | "man" | "babies" | "infants" | "residents" | "inhabitants" | "migrants" | "patients" | "doctors"
        | "medics" | "nurses" | "workers" | "journalists" | "activists" | "officers" | "protesters"
        | "demonstrators" | "students" | "families" | "individuals" | "victims" | "adults" | "girls" | "boys"
        | "teenagers" | "civil" | "volunteers" | "staff" | "syrians" | "kurds" | "shiites" | "alawites" | "christians"
        | "yazidis" | "others" | "pilgrims" | "villagers" | "citizens" | "teachers" | "elderly" | "minors"
        | "personnel" | "employees" | "passengers" | "worshippers" | "mourners" | "relatives" | "brothers" | "sons" | "girl" | "boy"
        | "baby" | "infant" | "toddler" | "teenager" | "student" | "doctor" | "nurse" | "journalist" | "medic" | "worker"
        | "farmer" | "shepherd" | "citizen" | "resident" | "youth" => (None, false),
        "fighters" | "fighter" | "rebels" | "rebel" | "militants" | "gunmen" | "jihadists" | "insurgents" | "combatants"
        | "soldiers" | "soldier" | "troops" | "militiamen" | "militia" | "terrorists" | "extremists" | "recruits"
        | "servicemen" | "guards" | "mercenaries" | "loyalists" | "commanders" | "pilots" | "attackers" | "policemen" | "forces" | "members" | "operatives" | "paramilitaries"
        | "terrorist" | "militant" | "jihadist" | "insurgent" | "leaders" | "leader" | "commander" | "member" | "comrades" => (Some(Fighters), false),
        "evacuees" => (Some(Evacuated), true),
        "refugees" => (Some(Refugees), true),
        "dead" | "bodies" | "corpses" | "fatalities" | "deaths" | "martyrs" => (Some(Killed), true),
        "wounded" | "injured" | "injuries" => (Some(Injured), true),
        "casualties" => (Some(Casualties), true),
        "detainees" | "prisoners" | "hostages" | "captives" => (Some(Detained), true),
        "displaced" | "idps" => (Some(Displaced), true),
        _ => return None,
    })
}

/// Who-classes used by FA-KES counts.
pub fn is_child(who: &str) -> bool {
    ["child", "kid", "babies", "baby", "infant", "toddler", "minor", "boy", "girl", "teenager", "student"].iter().any(|w| who.contains(w))
}

pub fn is_woman(who: &str) -> bool {
    ["women", "woman", "mother", "wives", "wife"].iter().any(|w| who.contains(w))
}

pub fn is_combatant(who: &str) -> bool {
    [
        "fighter", "rebel", "militant", "gunm", "jihadist", "insurgent", "combatant", "soldier", "troop", "militia",
        "terrorist", "extremist", "recruit", "servicem", "guard", "mercenar", "loyalist", "commander", "leader", "comrade", "pilot", "officer", "attacker", "forces", "member", "operative",
        "police",
    ]
    .iter()
    .any(|w| who.contains(w))
}

/// Units after a number that make it something other than a head count.
pub fn non_person_unit(word: &str) -> bool {
    matches!(
        word,
        "%" | "percent" | "per" | "year" | "years" | "year-old" | "years-old" | "month" | "months" | "week" | "weeks"
            | "day" | "days" | "hour" | "hours" | "minute" | "minutes" | "second" | "seconds" | "km" | "kilometres"
            | "kilometers" | "kilometre" | "kilometer" | "miles" | "mile" | "metres" | "meters" | "m" | "kg" | "tons"
            | "tonnes" | "dollars" | "dollar" | "euros" | "pounds" | "usd" | "syp" | "lira" | "a.m." | "p.m." | "am"
            | "pm" | "o'clock" | "gmt" | "times" | "decades" | "centuries" | "st" | "nd" | "th" | "rd"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicons() {
        assert_eq!(cue("killed"), Some(Category::Killed));
        assert_eq!(cue("fled"), Some(Category::Refugees));
        assert_eq!(person_noun("evacuees"), Some((Some(Category::Evacuated), true)));
        assert_eq!(person_noun("fighters"), Some((Some(Category::Fighters), false)));
        assert!(person_noun("tanks").is_none());
        assert!(is_child("children") && is_woman("women") && is_combatant("rebel fighters"));
        assert!(non_person_unit("years") && !non_person_unit("people"));
    }
}
