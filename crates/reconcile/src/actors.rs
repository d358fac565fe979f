//! The curated actor list (`data/actors.tsv`, documented there and in
//! docs/reconcile.md) and name → actor lookup. Users extend it with a file in
//! the same format; errors name the file and line.

use crate::normalize::{name_key, person_key};
use crate::ReconcileError;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

const BUILTIN: &str = include_str!("../data/actors.tsv");

const TYPES: &[&str] = &["person", "state", "government", "armed_group", "organisation", "media"];
const SIDES: &[&str] =
    &["state_forces", "foreign_state", "armed_opposition", "jihadist", "kurdish", "coalition", "un_ngo", "media"];
const CAMPS: &[&str] = &["pro_government", "opposition", "jihadist", "kurdish", "coalition"];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub side: String,
    /// Who the actor fights alongside, when anyone.
    pub camp: Option<String>,
    /// The actor this one belongs to (a ministry's government).
    pub parent: Option<String>,
    pub aliases: Vec<String>,
}

#[derive(Clone, Debug, Default)]
pub struct ActorList {
    /// Multi-word names and aliases, for finding listed actors in running
    /// text (`find_in`); built lazily after the list is complete.
    matcher: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>>,
    patterns: Vec<String>,
    actors: Vec<Actor>,
    /// Name key of the name and every alias → index into `actors`.
    keys: HashMap<String, usize>,
    /// All-capital aliases ("IS", "WHO", "US") match only as written, so
    /// the pronouns "us" and "who" never become actors.
    acronyms: HashMap<String, usize>,
    /// Surname → people in the list, for "Power" or "Mr de Mistura".
    surnames: HashMap<String, Vec<usize>>,
    /// Name key of a distinctive tail of a long name → its actor, or None when
    /// two actors share it ("Observatory for Human Rights", the Syrian
    /// Observatory's name without its first word).
    tails: HashMap<String, Option<usize>>,
    /// Words of listed names of two words or more ("qaeda", "helmets"), for
    /// telling a recogniser's truncated mention from a name.
    name_words: std::collections::HashSet<String>,
}

/// First words that make a name's tail generic ("Ministry of Defence" is every
/// country's): such tails never resolve to one actor.
const GENERIC_HEADS: &[&str] = &[
    "ministry", "department", "office", "council", "committee", "command", "forces", "force", "army", "police",
    "agency", "government", "court", "parliament", "assembly", "front", "union", "party", "movement", "coalition",
    "authority", "service", "services", "guard", "brigade", "brigades", "battalion", "corps", "units", "group",
    "organisation", "organization", "news", "media", "television", "radio", "state", "states", "republic",
    "nations", "people", "national", "general", "central", "high", "supreme",
];

/// The tails of a name that may stand for it: three words or more, a proper
/// tail (at least one word dropped), starting with a capitalised, non-generic word.
/// Descriptions ("head of the Syrian Observatory …", lower-case first) have none.
fn distinctive_tails(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    if !words.first().is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase)) {
        return Vec::new();
    }
    (1..words.len().saturating_sub(2))
        .filter_map(|k| {
            let first = words.get(k)?;
            let lower = first.to_lowercase();
            (first.chars().next().is_some_and(char::is_uppercase) && !GENERIC_HEADS.contains(&lower.trim_end_matches("'s")))
                .then(|| words[k..].join(" "))
        })
        .collect()
}

fn is_acronym(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    letters > 0 && letters <= 6 && s.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '.' || c == '-')
}

impl ActorList {
    /// The list shipped with corroborate.
    pub fn builtin() -> Self {
        let mut l = ActorList::default();
        // The shipped file is checked by a unit test, so it always parses.
        if let Err(e) = l.extend_from_str(BUILTIN, "data/actors.tsv") {
            debug_assert!(false, "{e}");
        }
        l
    }

    /// The builtin list extended with (and overridden by) a user file.
    pub fn with_file(path: &Path) -> Result<Self, ReconcileError> {
        let mut l = Self::builtin();
        let text = std::fs::read_to_string(path)
            .map_err(|e| ReconcileError::Io { path: path.display().to_string(), source: e })?;
        l.extend_from_str(&text, &path.display().to_string())?;
        Ok(l)
    }

    /// Adds rows in the actors.tsv format; a row naming an existing actor
    /// replaces it. `origin` names the source in errors.
    pub fn extend_from_str(&mut self, text: &str, origin: &str) -> Result<(), ReconcileError> {
        for (i, line) in text.lines().enumerate() {
            let line_no = i + 1;
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let bad = |msg: String| ReconcileError::ActorLine { origin: origin.to_string(), line: line_no, msg };
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            if cols.len() < 3 || cols.len() > 6 {
                return Err(bad(format!(
                    "expected 3 to 6 tab-separated columns (name, type, side, camp, parent, aliases), found {}",
                    cols.len()
                )));
            }
            let col = |k: usize| cols.get(k).copied().unwrap_or("");
            let (name, kind, side, camp, parent) = (col(0), col(1), col(2), col(3), col(4));
            if name_key(name).is_empty() {
                return Err(bad("empty actor name".into()));
            }
            if !TYPES.contains(&kind) {
                return Err(bad(format!("unknown type {kind:?} (one of {})", TYPES.join(", "))));
            }
            if !SIDES.contains(&side) {
                return Err(bad(format!("unknown side {side:?} (one of {})", SIDES.join(", "))));
            }
            if !camp.is_empty() && !CAMPS.contains(&camp) {
                return Err(bad(format!("unknown camp {camp:?} (one of {}, or empty)", CAMPS.join(", "))));
            }
            let aliases: Vec<String> =
                col(5).split('|').map(str::trim).filter(|a| !a.is_empty()).map(str::to_string).collect();
            let actor = Actor {
                name: name.to_string(),
                kind: kind.to_string(),
                side: side.to_string(),
                camp: Some(camp.to_string()).filter(|c| !c.is_empty()),
                parent: Some(parent.to_string()).filter(|p| !p.is_empty()),
                aliases,
            };
            self.insert(actor);
        }
        // Parents are checked once everything is read, so order does not matter.
        for a in &self.actors {
            if let Some(p) = &a.parent {
                if self.index_of_name(p).is_none() {
                    return Err(ReconcileError::ActorLine {
                        origin: origin.to_string(),
                        line: 0,
                        msg: format!("{:?} names parent {p:?}, which is not in the list", a.name),
                    });
                }
            }
        }
        Ok(())
    }

    fn insert(&mut self, actor: Actor) {
        let key = name_key(&actor.name);
        let ix = match self.actors.iter().position(|a| name_key(&a.name) == key) {
            Some(ix) => {
                self.actors[ix] = actor;
                ix
            }
            None => {
                self.actors.push(actor);
                self.actors.len() - 1
            }
        };
        let Some(a) = self.actors.get(ix) else { return };
        let mut names = vec![a.name.clone()];
        names.extend(a.aliases.iter().cloned());
        for n in names.iter().filter(|n| n.split_whitespace().count() >= 2) {
            self.patterns.push(n.replace('’', "'"));
        }
        self.matcher = std::sync::OnceLock::new();
        for n in &names {
            for tail in distinctive_tails(n) {
                let key = name_key(&tail);
                if names.iter().any(|m| name_key(m) == key) {
                    continue;
                }
                let e = self.tails.entry(key).or_insert(Some(ix));
                if *e != Some(ix) {
                    *e = None;
                }
            }
        }
        for n in names {
            if is_acronym(&n) {
                self.acronyms.insert(n.replace('.', ""), ix);
            } else {
                let key = name_key(&n);
                if key.contains(' ') {
                    self.name_words.extend(key.split(' ').map(str::to_string));
                }
                self.keys.insert(key, ix);
            }
        }
        if a.kind == "person" {
            let k = person_key(&a.name);
            let sur = crate::normalize::surname(&k).to_string();
            let v = self.surnames.entry(sur).or_default();
            if !v.contains(&ix) {
                v.push(ix);
            }
        }
    }

    /// Byte spans of listed multi-word names and aliases in `text` ("American
    /// ambassador to the United Nations"), case-insensitive, whole words,
    /// longest first. One pass (Aho-Corasick) whatever the list's size.
    pub fn find_in<'t>(&self, text: &'t str) -> Vec<&'t str> {
        let m = self.matcher.get_or_init(|| {
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .build(&self.patterns)
                .ok()
        });
        let Some(m) = m else { return Vec::new() };
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
        m.find_iter(text)
            .filter(|x| {
                let before = text.get(..x.start()).and_then(|s| s.chars().next_back());
                let after = text.get(x.end()..).and_then(|s| s.chars().next());
                !word(before) && !word(after)
            })
            .filter_map(|x| text.get(x.start()..x.end()))
            .collect()
    }

    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    pub fn get(&self, ix: usize) -> Option<&Actor> {
        self.actors.get(ix)
    }

    pub fn index_of_name(&self, name: &str) -> Option<usize> {
        let k = name_key(name);
        self.actors.iter().position(|a| name_key(&a.name) == k)
    }

    /// The actor a mention names, if the list knows it: exact acronym, then
    /// the name key, then the key without titles ("President Assad"), then a
    /// capitalised lone surname of exactly one listed person.
    pub fn resolve(&self, text: &str) -> Option<usize> {
        let t = text.trim().trim_start_matches("the ").trim_start_matches("The ");
        if is_acronym(t) {
            let hit = self.acronyms.get(&t.replace('.', "")).copied();
            // a name in capitals ("DAESH") may be a listed word, not an acronym
            if hit.is_some() || t.chars().filter(|c| c.is_alphabetic()).count() < 4 {
                return hit;
            }
        }
        let key = name_key(t);
        if key.is_empty() {
            return None;
        }
        if let Some(&ix) = self.keys.get(&key) {
            return Some(ix);
        }
        let pk = person_key(t);
        if let Some(&ix) = self.keys.get(&pk) {
            return Some(ix);
        }
        // (a surname that is also a people or faith word names the group: "Muslim", "Kurdi")
        if !pk.contains(' ') && t.chars().next().is_some_and(char::is_uppercase) && !crate::normalize::is_group_word(&pk) {
            if let Some([ix]) = self.surnames.get(&pk).map(Vec::as_slice) {
                return Some(*ix);
            }
        }
        // a listed name without its first word(s), when only one actor ends that way
        if let Some(ix) = self.tails.get(&key).copied().flatten() {
            return Some(ix);
        }
        // a possessive written without its apostrophe (FA-KES strips them): "Observatorys director"
        if let Some((first, rest)) = t.split_once(' ') {
            let bare = first.strip_suffix('s').filter(|b| b.len() >= 3 && !b.ends_with('s') && !b.contains('\'') && !b.contains('’'));
            if let Some(b) = bare.filter(|b| b.chars().next().is_some_and(char::is_uppercase)) {
                if let Some(&ix) = self.keys.get(&name_key(&format!("{b}'s {rest}"))) {
                    return Some(ix);
                }
            }
        }
        // a person named with their country's possessive ("Syria's Bashar al-Assad", "Russias Putin")
        if let Some((first, rest)) = t.split_once(' ') {
            let possessive = first.ends_with("'s") || first.ends_with("’s") || (first.ends_with('s') && first.chars().next().is_some_and(char::is_uppercase));
            if possessive {
                if let Some(ix) = self.resolve(rest).filter(|&ix| self.get(ix).is_some_and(|a| a.kind == "person")) {
                    return Some(ix);
                }
            }
        }
        // a description before a listed acronym ("official news agency SANA"): the acronym
        // names the actor when every word before it is lower-case
        if let Some((desc, last)) = t.rsplit_once(' ') {
            if is_acronym(last) && desc.split_whitespace().all(|w| w.chars().all(|c| !c.is_uppercase())) {
                if let Some(&ix) = self.acronyms.get(&last.replace('.', "")) {
                    return Some(ix);
                }
            }
        }
        // a listed name followed by what it is ("the Syrian Observatory for Human Rights monitor")
        let (head, last) = t.rsplit_once(' ')?;
        if matches!(last.to_lowercase().as_str(), "monitor" | "group" | "organisation" | "organization" | "agency" | "network") && head.contains(' ') {
            return self.resolve(head);
        }
        // an outlet's reporter reports for the outlet ("SANA reporter", "SANAs correspondent")
        if matches!(last.to_lowercase().as_str(), "reporter" | "correspondent") {
            let head = head.trim();
            let media = |ix: usize| self.get(ix).is_some_and(|a| a.kind == "media");
            let bare = head.strip_suffix('s').filter(|b| b.len() >= 3);
            return self.resolve(head).filter(|&ix| media(ix)).or_else(|| bare.and_then(|b| self.resolve(b)).filter(|&ix| media(ix)));
        }
        None
    }

    /// Whether a one-word mention the list does not know is a piece of a listed
    /// longer name ("Qaeda" of al-Qaeda, "Helmets" of White Helmets): what a
    /// recogniser leaves when it cuts a name, not an actor of its own.
    pub fn is_name_fragment(&self, text: &str) -> bool {
        if text.trim().contains(char::is_whitespace) {
            return false;
        }
        let key = name_key(text);
        !key.is_empty() && !key.contains(' ') && self.name_words.contains(&key) && self.resolve(text).is_none()
    }

    /// The actor's parent's index.
    pub fn parent_of(&self, ix: usize) -> Option<usize> {
        self.index_of_name(self.actors.get(ix)?.parent.as_deref()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(l: &ActorList, t: &str) -> Option<String> {
        l.resolve(t).and_then(|i| l.get(i)).map(|a| a.name.clone())
    }

    #[test]
    fn builtin_parses_and_no_alias_names_two_actors() {
        let mut l = ActorList::default();
        l.extend_from_str(BUILTIN, "data/actors.tsv").expect("builtin list parses");
        assert!(l.actors().len() > 80);
        let mut seen: HashMap<String, &str> = HashMap::new();
        for a in l.actors() {
            for n in std::iter::once(&a.name).chain(&a.aliases) {
                let k = if is_acronym(n) { n.replace('.', "") } else { name_key(n) };
                if let Some(prev) = seen.insert(k.clone(), &a.name) {
                    assert_eq!(prev, a.name, "{n:?} names both {prev:?} and {:?}", a.name);
                }
            }
        }
    }

    #[test]
    fn metonyms_roles_and_variants_resolve() {
        let l = ActorList::builtin();
        assert_eq!(name(&l, "Moscow").as_deref(), Some("Russia's government"));
        assert_eq!(name(&l, "the Kremlin").as_deref(), Some("Russia's government"));
        assert_eq!(name(&l, "Damascus").as_deref(), Some("Syria's government"));
        assert_eq!(name(&l, "the regime").as_deref(), Some("Syria's government"));
        assert_eq!(name(&l, "the Assad government").as_deref(), Some("Syria's government"));
        assert_eq!(name(&l, "UN envoy").as_deref(), Some("Staffan de Mistura"));
        assert_eq!(name(&l, "Special envoy Staffan de Mistura").as_deref(), Some("Staffan de Mistura"));
        assert_eq!(name(&l, "President Bashar al-Assad").as_deref(), Some("Bashar al-Assad"));
        assert_eq!(name(&l, "Power").as_deref(), Some("Samantha Power"));
        assert_eq!(name(&l, "Russia’s defense ministry").as_deref(), Some("Russian Ministry of Defence"));
        assert_eq!(name(&l, "IS").as_deref(), Some("Islamic State"));
        // Pronouns never become acronyms.
        assert_eq!(name(&l, "us"), None);
        assert_eq!(name(&l, "who"), None);
        assert_eq!(name(&l, "power"), None);
        // A long name without its first word, when distinctive ("Observatory for Human Rights");
        // a generic tail ("Ministry of Defence") names no one actor.
        assert_eq!(name(&l, "Observatory for Human Rights").as_deref(), Some("Syrian Observatory for Human Rights"));
        assert_eq!(name(&l, "Ministry of Defence"), None);
        assert_eq!(name(&l, "Syrian Observatory for Human Rights monitor").as_deref(), Some("Syrian Observatory for Human Rights"));
        assert_eq!(name(&l, "weather monitor"), None);
        // a possessive without its apostrophe
        assert_eq!(name(&l, "Observatorys director").as_deref(), Some("Rami Abdulrahman"));
        assert_eq!(name(&l, "Russias defence ministry"), name(&l, "Russia's defence ministry"));
        assert_eq!(name(&l, "Aleppos residents"), None);
        // a listed person after their country's possessive; an organisation is not read so
        assert_eq!(name(&l, "Syrias Bashar al-Assad").as_deref(), Some("Bashar al-Assad"));
        assert_eq!(name(&l, "Russia's Vladimir Putin").as_deref(), Some("Vladimir Putin"));
        assert_eq!(name(&l, "Turkeys SANA"), None);
        // a lower-case description before a listed acronym
        assert_eq!(name(&l, "official news agency SANA").as_deref(), Some("Syrian Arab News Agency"));
        assert_eq!(name(&l, "Turkish SANA"), None);
        // a name in capitals that is no acronym; an outlet's reporter
        assert_eq!(name(&l, "DAESH").as_deref(), Some("Islamic State"));
        assert_eq!(name(&l, "SANAs correspondent").as_deref(), Some("Syrian Arab News Agency"));
        assert_eq!(name(&l, "Al-Manar reporter").as_deref(), Some("Al-Manar"));
        assert_eq!(name(&l, "Assad reporter"), None);
        // pieces of listed names are fragments; listed one-word names and unknown words are not
        assert!(l.is_name_fragment("Qaeda") && l.is_name_fragment("Helmets"));
        assert!(!l.is_name_fragment("Assad") && !l.is_name_fragment("Hamza") && !l.is_name_fragment("al-Qaeda"));
        assert_eq!(distinctive_tails("Syrian Observatory for Human Rights"), ["Observatory for Human Rights"]);
        assert!(distinctive_tails("Russian Ministry of Defence").is_empty());
        let moscow = l.resolve("Russia's defence ministry").expect("ministry");
        assert_eq!(l.parent_of(moscow).and_then(|p| l.get(p)).map(|a| a.name.as_str()), Some("Russia's government"));
    }

    #[test]
    fn finds_listed_names_in_text() {
        let l = ActorList::builtin();
        let t = "As American ambassador to the United Nations told the Security Council, the Syrian Observatory for Human Rights said.";
        let found = l.find_in(t);
        assert!(found.contains(&"American ambassador to the United Nations"), "{found:?}");
        assert!(found.contains(&"Syrian Observatory for Human Rights"), "{found:?}");
        assert!(l.find_in("the dunited nationsx").is_empty(), "whole words only");
    }

    #[test]
    fn user_rows_extend_and_override() {
        let mut l = ActorList::builtin();
        l.extend_from_str("Ahmad Ayoub\tperson\tarmed_opposition\topposition\t\tAbu Ahmad\n", "mine.tsv").unwrap();
        assert_eq!(name(&l, "Abu Ahmad").as_deref(), Some("Ahmad Ayoub"));
        l.extend_from_str("Turkey's government\tgovernment\tforeign_state\topposition\t\tAnkara\n", "mine.tsv").unwrap();
        let t = l.resolve("Ankara").and_then(|i| l.get(i)).unwrap();
        assert_eq!(t.camp.as_deref(), Some("opposition"));
    }

    #[test]
    fn errors_name_file_and_line() {
        let mut l = ActorList::default();
        let e = l.extend_from_str("# c\nX\tperson\tnowhere\n", "mine.tsv").unwrap_err().to_string();
        assert!(e.contains("mine.tsv") && e.contains("line 2") && e.contains("nowhere"), "{e}");
        let e = l.extend_from_str("X\n", "mine.tsv").unwrap_err().to_string();
        assert!(e.contains("line 1") && e.contains("columns"), "{e}");
        let e = l.extend_from_str("X\tperson\tmedia\t\tNobody\t\n", "mine.tsv").unwrap_err().to_string();
        assert!(e.contains("Nobody"), "{e}");
    }
}
