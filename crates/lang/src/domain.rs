//! War-reporting words the tagger's training news lacks, tagged by rule:
//! weapon and attack compounds ("air strikes", "car bomb", "barrel bombs") are
//! nouns, and Arabic names with an article particle ("al-Numan", "el-Sisi")
//! are proper nouns.
//!
//! Why by hand: the tagger learns from PolNeAR's US-politics news, where these
//! are rare, so "Air strikes on a market in Maarat al-Numan killed 37" read as
//! name + verb ("Air"/NNP "strikes"/VBZ), "al-Numan" as an adjective like
//! "rebel-held", and "killed" as a participle — the parse, the figures'
//! perpetrator and the attribution all went wrong. No data we have teaches it;
//! the lists are closed and unambiguous (after one of these modifiers,
//! "strikes", "bombs", "raids" are never verbs), in the spirit of spaCy's
//! attribute ruler.

use crate::hash::fnv;
use crate::tags::pos_id;
use std::sync::OnceLock;

/// Modifiers that make the next word a weapon or attack noun.
const MODIFIERS: &[&str] = &[
    "air", "drone", "missile", "rocket", "artillery", "mortar", "barrel", "car", "suicide", "truck", "cluster",
    "chemical", "gas", "napalm", "phosphorus", "tank", "helicopter", "naval", "aerial",
];

/// Heads of those compounds, singular and plural.
const HEADS: &[(&str, bool)] = &[
    ("strike", false), ("strikes", true), ("raid", false), ("raids", true), ("bomb", false), ("bombs", true),
    ("attack", false), ("attacks", true), ("shell", false), ("shells", true), ("bombing", false), ("bombings", true),
    ("bombardment", false), ("fire", false), ("barrage", false), ("rounds", true),
];

/// "Rebel fighters attacked …": before one of these, "rebel" is a noun
/// modifier, never the verb the tagger reads at a sentence's start (the
/// silver train layer has "rebel" as NN 8 times, VB twice, both "to rebel").
const REBEL_HEADS: &[&str] = &[
    "fighters", "forces", "group", "groups", "commander", "commanders", "positions", "territory", "areas", "area", "factions",
    "faction", "units", "lines", "stronghold", "strongholds", "bastion", "attack", "attacks", "shelling", "fire", "officials",
    "official", "sources", "spokesman", "leader", "leaders", "troops", "militia", "militias", "brigade", "brigades", "side",
    "alliance", "coalition", "offensive", "held", "gunmen", "convoy", "town", "towns", "districts", "district", "enclave",
];

struct Lists {
    modifiers: Vec<u64>,
    heads: Vec<(u64, bool)>,
    rebel: u64,
    rebel_heads: Vec<u64>,
    nn: u8,
    nns: u8,
}

fn lists() -> &'static Lists {
    static L: OnceLock<Lists> = OnceLock::new();
    L.get_or_init(|| Lists {
        modifiers: MODIFIERS.iter().map(|w| fnv(w.as_bytes())).collect(),
        heads: HEADS.iter().map(|&(w, pl)| (fnv(w.as_bytes()), pl)).collect(),
        rebel: fnv(b"rebel"),
        rebel_heads: REBEL_HEADS.iter().map(|w| fnv(w.as_bytes())).collect(),
        nn: pos_id("NN").unwrap_or(0),
        nns: pos_id("NNS").unwrap_or(0),
    })
}

/// The tag forced on a token whose lower-cased hash is `word` after one whose
/// hash is `prev`: NN or NNS for a compound head, else `None`.
pub fn forced_tag(prev: u64, word: u64) -> Option<u8> {
    let l = lists();
    if !l.modifiers.contains(&prev) {
        return None;
    }
    l.heads.iter().find(|h| h.0 == word).map(|h| if h.1 { l.nns } else { l.nn })
}

/// The tag of a compound's modifier, wherever it stands: NN (the model read a
/// sentence-opening "Air strikes …" as a name, "Rebel fighters …" as a verb).
pub fn modifier_tag(word: u64, next: u64) -> Option<u8> {
    let l = lists();
    let weapon = l.modifiers.contains(&word) && l.heads.iter().any(|h| h.0 == next);
    let rebel = word == l.rebel && l.rebel_heads.contains(&next);
    (weapon || rebel).then_some(l.nn)
}

/// Arabic article particles that open a name when a capital follows the hyphen.
const PARTICLES: &[&str] = &["al", "el", "ad", "ar", "as", "ash", "at", "az", "ibn", "bin", "abu", "abd", "ul", "ud", "bani", "beni"];

/// NNP for "al-Numan", "el-Sisi", "Abu-Kamal"-style names; `None` otherwise
/// ("anti-Assad", "pro-Kremlin" are adjectives).
pub fn name_tag(form: &str) -> Option<u8> {
    let (head, rest) = form.split_once('-')?;
    (PARTICLES.iter().any(|p| head.eq_ignore_ascii_case(p)) && rest.chars().next().is_some_and(char::is_uppercase) && !rest.contains('-')).then(|| pos_id("NNP")).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compounds_are_nouns() {
        let h = |w: &str| fnv(w.as_bytes());
        assert_eq!(forced_tag(h("air"), h("strikes")), pos_id("NNS"));
        assert_eq!(forced_tag(h("car"), h("bomb")), pos_id("NN"));
        assert_eq!(forced_tag(h("he"), h("strikes")), None);
        assert_eq!(forced_tag(h("air"), h("killed")), None);
        assert_eq!(modifier_tag(h("air"), h("strikes")), pos_id("NN"));
        assert_eq!(modifier_tag(h("air"), h("travel")), None);
        assert_eq!(modifier_tag(h("rebel"), h("fighters")), pos_id("NN"));
        assert_eq!(modifier_tag(h("rebel"), h("against")), None);
    }

    #[test]
    fn article_particle_names_are_proper_nouns() {
        assert_eq!(name_tag("al-Numan"), pos_id("NNP"));
        assert_eq!(name_tag("Al-Nusra"), pos_id("NNP"));
        assert_eq!(name_tag("el-Sisi"), pos_id("NNP"));
        assert_eq!(name_tag("anti-Assad"), None);
        assert_eq!(name_tag("al-based"), None);
        assert_eq!(name_tag("pro-Kremlin"), None);
    }
}
