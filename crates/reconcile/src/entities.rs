//! Entities across documents: every name a record gives a speaker, a figure
//! source or an accusation party (and the recogniser's PERSON/ORGANIZATION
//! mentions) is resolved against the actor list; names the list does not
//! know are clustered at the end (misspellings, lone surnames, initials).

use crate::actors::ActorList;
use crate::normalize::{is_non_name, name_key, person_key, surname};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// How often a name or role was seen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Variant {
    pub name: String,
    pub count: u64,
}

/// One actor as the corpus names it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Stable id: a slug of the canonical name.
    pub id: String,
    /// The actor list's name, else the most frequent spelling.
    pub name: String,
    /// person | state | government | armed_group | organisation | media, when known.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// From the actor list: state_forces | foreign_state | armed_opposition | jihadist | kurdish | coalition | un_ngo | media.
    pub side: Option<String>,
    pub camp: Option<String>,
    /// The id of the entity this one belongs to (a ministry's government).
    pub parent: Option<String>,
    /// Whether the actor list knows it.
    pub listed: bool,
    /// Spellings seen, most frequent first (at most 20).
    pub variants: Vec<Variant>,
    /// Roles the records give ("UN envoy", "spokesman"), most frequent first (at most 20).
    pub roles: Vec<Variant>,
    pub mentions: u64,
    /// Attributions with this entity as speaker.
    pub statements: u64,
    /// Documents naming it (exact count).
    pub documents: usize,
    /// The first 100 of those documents, in the order they were added.
    pub docs: Vec<String>,
    /// Outlets naming it, most documents first (at most 20).
    pub outlets: Vec<Variant>,
}

pub const MAX_LISTED: usize = 20;
pub const MAX_DOCS: usize = 100;

/// What a record says about one name.
#[derive(Clone, Copy, Debug)]
pub struct Mention<'a> {
    pub text: &'a str,
    pub kind: Option<&'a str>,
    pub role: Option<&'a str>,
    pub speaker: bool,
}

#[derive(Default)]
struct NameStat {
    actor: Option<usize>,
    spellings: HashMap<String, u64>,
    kinds: HashMap<String, u64>,
    roles: HashMap<String, u64>,
    mentions: u64,
    statements: u64,
    /// Document numbers, ascending, each once.
    docs: DocList,
    /// Starts with a capital letter in most mentions (a proper name).
    capitalised: u64,
}

/// Ascending document numbers as varint gaps: a name in most documents costs
/// about a byte per document instead of four.
#[derive(Default)]
struct DocList {
    bytes: Vec<u8>,
    /// The last number pushed plus one (0: none yet).
    next: u32,
}

impl DocList {
    /// Appends `doc` if it is above the last one (documents arrive in order;
    /// a repeat within the same document is ignored).
    fn push(&mut self, doc: u32) {
        let base = self.next;
        if doc.checked_add(1).is_none_or(|n| n <= base) {
            return;
        }
        let mut gap = doc - base;
        loop {
            let low = (gap & 0x7f) as u8;
            gap >>= 7;
            if gap == 0 {
                self.bytes.push(low);
                break;
            }
            self.bytes.push(low | 0x80);
        }
        self.next = doc + 1;
    }

    fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        let mut bytes = self.bytes.iter();
        let mut base: u32 = 0;
        std::iter::from_fn(move || {
            let (mut gap, mut shift) = (0u32, 0u32);
            loop {
                let b = *bytes.next()?;
                gap |= u32::from(b & 0x7f).checked_shl(shift).unwrap_or(0);
                if b & 0x80 == 0 {
                    break;
                }
                shift += 7;
            }
            let doc = base.wrapping_add(gap);
            base = doc.wrapping_add(1);
            Some(doc)
        })
    }
}

/// Streaming accumulator of names.
#[derive(Default)]
pub struct EntityCollector {
    names: HashMap<String, NameStat>,
    /// Name keys of the places figures and incidents happened in: (last document, documents).
    places: HashMap<String, (u32, u32)>,
}

/// Place names kept for typing entities (the gazetteer's places number a few thousand).
const MAX_PLACES: usize = 100_000;

/// The key a mention is counted under: the actor it names, else its name key
/// without titles. `None` for pronouns and empty names.
pub fn mention_key(actors: &ActorList, text: &str) -> Option<(String, Option<usize>)> {
    // A possessive that lost its apostrophe (FA-KES strips them: "Syrias
    // government", "Bashar al-Assads forces") is the listed actor it names.
    let resolve = |t: &str| {
        actors.resolve(t).or_else(|| {
            t.strip_suffix('s').filter(|t| t.chars().count() >= 4 && !t.ends_with(['s', '\''])).and_then(|stem| actors.resolve(stem))
        })
    };
    if let Some(ix) = resolve(text) {
        return Some((format!("actor:{ix}"), Some(ix)));
    }
    // "according to an Observatory toll", "the SANA report": a document speaks for
    // the listed actor that issued it.
    if let Some((issuer, last)) = text.trim_end().rsplit_once(' ') {
        if DOCUMENT_NOUNS.iter().any(|d| last.eq_ignore_ascii_case(d)) {
            if let Some(ix) = resolve(issuer) {
                return Some((format!("actor:{ix}"), Some(ix)));
            }
        }
    }
    // "a source at Aleppo Police Command", "Police Command source": the institution speaks
    if let Some(inst) = source_institution(actors, text) {
        return mention_key(actors, inst);
    }
    // "Syrian rebel officials and witnesses", "the Assad regime and Iran": a
    // compound whose first part is a listed actor is counted as that actor.
    if let Some((first, _)) = text.split_once(" and ") {
        if let Some(ix) = actors.resolve(first) {
            return Some((format!("actor:{ix}"), Some(ix)));
        }
    }
    let k = person_key(text);
    if is_non_name(&k) || is_non_name(&name_key(text)) || k.len() < 2 {
        return None;
    }
    Some((k, None))
}

/// Arabic articles that transliterations write or leave out ("al-Barazi", "Barazi"); not
/// "as", "at", "an", which are English words too.
const ARABIC_ARTICLES: &[&str] = &["al", "el", "ad", "ar", "ash", "az", "ez", "ed"];

/// The institution an unnamed source or official speaks from: "a source at Aleppo Police
/// Command", "security sources in the Interior Ministry", "Police Command source". Only an
/// institution (a listed actor, or a capitalised name ending in an institution's noun): "a
/// source in Aleppo" stays a source.
fn source_institution<'t>(actors: &ActorList, text: &'t str) -> Option<&'t str> {
    const WHO: &[&str] = &["source", "sources", "official", "officials"];
    const HEADS: &[&str] = &[
        "command", "council", "ministry", "office", "directorate", "department", "police", "army", "forces", "agency",
        "committee", "observatory", "centre", "center", "authority", "authorities", "administration", "military",
    ];
    let t = text.trim();
    let institution = |x: &str| {
        let x = x.trim();
        let last = x.rsplit(' ').next().unwrap_or("").to_ascii_lowercase();
        x.chars().next().is_some_and(char::is_uppercase) && (actors.resolve(x).is_some() || HEADS.contains(&last.as_str()))
    };
    // "(a) X source(s)"
    let bare = ["a ", "an ", "the ", "A ", "An ", "The "].iter().find_map(|a| t.strip_prefix(a)).unwrap_or(t);
    if let Some((x, last)) = bare.rsplit_once(' ') {
        if WHO.contains(&last) && institution(x) {
            return Some(x.trim());
        }
    }
    // "(a) (security) source at/in/from X"
    let words: Vec<&str> = t.split(' ').collect();
    let who = words.iter().take(3).position(|w| WHO.contains(&w.to_ascii_lowercase().as_str()))?;
    let prep = words.get(who + 1)?;
    if !matches!(*prep, "at" | "in" | "from" | "within" | "with" | "of") {
        return None;
    }
    let before_ok = words.iter().take(who).all(|w| w.chars().all(|c| !c.is_uppercase()) || matches!(*w, "A" | "An" | "The"));
    let offset = words.iter().take(who + 2).map(|w| w.len() + 1).sum::<usize>();
    let rest = t.get(offset..)?.trim_start();
    let rest = rest.strip_prefix("the ").unwrap_or(rest);
    (before_ok && institution(rest)).then_some(rest)
}

/// Nouns for what an actor issues, which speaks for it ("an Observatory toll").
const DOCUMENT_NOUNS: &[&str] = &[
    "toll", "tolls", "tally", "count", "report", "reports", "statement", "statements", "bulletin", "figures", "data",
    "estimate", "estimates", "records", "documentation",
];

/// Whether a recogniser mention is page furniture or a date, not an actor:
/// site navigation and sharing links that web pages carry into article text
/// ("Android Youtube", "Like Follow Follow Copyright", "Get short URL",
/// "Tags Syria") and weekday/month abbreviations of datelines ("Thu Dec").
pub fn page_furniture(text: &str) -> bool {
    const CHROME: &[&str] = &[
        "copyright", "url", "ios", "android", "youtube", "instagram", "moreimage", "showcase", "schedule", "tags",
        "newsletter", "subscribe", "login", "signup", "cookies", "hotels",
    ];
    const PHRASES: &[&str] = &["watch live", "trust principles", "latest news", "read more", "like follow", "category news"];
    const DATES: &[&str] = &[
        "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun", "monday", "tuesday", "wednesday", "thursday",
        "friday", "saturday", "sunday", "mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays",
        "sundays", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ];
    // no allocation: this runs on every recogniser mention of every document
    let is = |w: &str, list: &[&str]| list.iter().any(|x| w.eq_ignore_ascii_case(x));
    let words = || text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
    let (mut any, mut all_dates) = (false, true);
    for w in words() {
        any = true;
        if is(w, CHROME) {
            return true;
        }
        all_dates &= is(w, DATES) || w.bytes().all(|b| b.is_ascii_digit());
    }
    if !any {
        return false;
    }
    if all_dates {
        return true;
    }
    let mut prev = "";
    for w in words() {
        if PHRASES.iter().any(|p| p.split_once(' ').is_some_and(|(a, b)| prev.eq_ignore_ascii_case(a) && w.eq_ignore_ascii_case(b))) {
            return true;
        }
        prev = w;
    }
    false
}

/// Nouns that name a person's office or occupation: a role names one of them
/// ("UN envoy", "Observatory head"); the rest of what precedes a name is no role
/// ("Airstrikes", "bulletin", "State media").
const ROLE_NOUNS: &[&str] = &[
    "envoy", "spokesman", "spokeswoman", "spokesmen", "spokeswomen", "spokesperson", "minister", "ambassador", "president", "secretary", "chief",
    "commander", "general", "official", "activist", "director", "head", "leader", "coordinator", "adviser", "advisor",
    "representative", "mediator", "monitor", "correspondent", "researcher", "analyst", "doctor", "surgeon",
    "governor", "senator", "mayor", "king", "prince", "emir", "sheikh", "cleric", "imam", "mufti", "bishop", "patriarch",
    "pope", "queen", "colonel", "major", "lieutenant", "sergeant", "captain", "brigadier", "marshal", "admiral", "officer",
    "commissioner", "witness", "resident", "journalist", "reporter", "editor", "founder", "chairman", "chairwoman", "chair",
    "member", "deputy", "negotiator", "lawyer", "attorney", "judge", "prosecutor", "professor", "expert", "observer",
    "volunteer", "medic", "nurse", "physician", "engineer", "rebel", "fighter", "soldier", "lawmaker", "legislator",
    "congressman", "congresswoman", "candidate", "nominee", "aide", "strategist", "pollster", "economist", "scientist",
    "author", "writer", "columnist", "anchor", "host", "producer", "executive", "ceo", "manager", "owner", "premier",
    "chancellor", "speaker", "delegate", "inspector", "investigator", "rapporteur", "worker", "student",
    "teacher", "father", "mother", "son", "daughter", "wife", "husband", "brother", "sister", "survivor", "victim",
];

/// Whether a role names an office or occupation (one of its words is a role noun).
pub fn is_title(role: &str) -> bool {
    role.split(|c: char| c.is_whitespace() || c == '-').any(|w| {
        let w = w.to_lowercase();
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        ROLE_NOUNS.contains(&w) || w.strip_suffix('s').is_some_and(|x| ROLE_NOUNS.contains(&x))
    })
}

/// The title written right before a name ("UN envoy Staffan de Mistura",
/// "Special envoy ..."): used when the record gives the speaker no role.
/// `byte` is where the name starts in `text`.
pub fn role_before(text: &str, byte: usize) -> Option<String> {
    let before = text.get(..byte)?;
    // Within the clause: stop at punctuation.
    let clause = before.rsplit(['.', ',', ';', ':', '\n', '(', '"', '“', '”']).next().unwrap_or("");
    let mut words: Vec<&str> = clause.split_whitespace().collect();
    // The name may start later than the record's span ("UN envoy Staffan [de Mistura]").
    for _ in 0..2 {
        match words.last() {
            Some(w) if w.chars().next().is_some_and(char::is_uppercase) && !ROLE_NOUNS.contains(&w.to_lowercase().as_str()) => {
                words.pop();
            }
            _ => break,
        }
    }
    let last = *words.last()?;
    if !ROLE_NOUNS.contains(&last.to_lowercase().as_str()) {
        return None;
    }
    // Modifiers: capitalised words or short all-caps ("UN", "Special", "Foreign").
    let mut first = words.len() - 1;
    for (i, w) in words.iter().enumerate().rev().skip(1).take(3) {
        if w.chars().next().is_some_and(char::is_uppercase) && !matches!(*w, "The" | "A" | "An") {
            first = i;
        } else {
            break;
        }
    }
    Some(words.get(first..)?.join(" "))
}

fn bump(m: &mut HashMap<String, u64>, k: &str) {
    // Spelling and role tables stay small: past 64 entries new ones are dropped.
    if let Some(c) = m.get_mut(k) {
        *c += 1;
    } else if m.len() < 64 {
        m.insert(k.to_string(), 1);
    }
}

impl EntityCollector {
    /// Approximate heap bytes held (names, their tables and document lists).
    pub(crate) fn heap_bytes(&self) -> usize {
        let table = |m: &HashMap<String, u64>| crate::intern::map_bytes(m) + m.keys().map(String::capacity).sum::<usize>();
        crate::intern::map_bytes(&self.names)
            + crate::intern::map_bytes(&self.places)
            + self.places.keys().map(String::capacity).sum::<usize>()
            + self
                .names
                .iter()
                .map(|(k, s)| k.capacity() + table(&s.spellings) + table(&s.kinds) + table(&s.roles) + s.docs.bytes.capacity())
                .sum::<usize>()
    }

    /// Notes that a figure or incident of `doc` happened in `place`.
    pub fn add_place(&mut self, doc: u32, place: &str) {
        let key = name_key(place);
        if key.is_empty() {
            return;
        }
        if let Some((last, n)) = self.places.get_mut(&key) {
            if *last != doc {
                *last = doc;
                *n += 1;
            }
        } else if self.places.len() < MAX_PLACES {
            self.places.insert(key, (doc, 1));
        }
    }

    pub fn add(&mut self, actors: &ActorList, doc: u32, m: Mention<'_>) {
        let mut text = m.text.trim();
        // a mention that runs past a closing bracket ran across a caption ("TRT World and
        // Agencies) International leaders"): the name ends before it
        if let Some(i) = text.find(')').filter(|&i| !text[..i].contains('(')) {
            text = text[..i].trim();
        }
        let Some((key, actor)) = mention_key(actors, text) else { return };
        // "Syrian National Coalition and the Syrian Observatory": counted as its first
        // part (see mention_key), and spelt as it too
        let spelling = match text.split_once(" and ") {
            Some((first, _)) if actor.is_some() && actors.resolve(text).is_none() => first.trim(),
            // "a source at Aleppo Police Command" is spelt as the institution it counts as
            _ => source_institution(actors, text).unwrap_or(text),
        };
        let s = self.names.entry(key).or_default();
        s.actor = actor;
        bump(&mut s.spellings, spelling);
        if let Some(k) = m.kind.filter(|k| !k.is_empty()) {
            bump(&mut s.kinds, k);
        }
        // Name particles mis-read as roles ("de", "al") are not roles.
        if let Some(r) = m.role.map(str::trim).filter(|r| r.chars().count() > 3) {
            bump(&mut s.roles, r);
        }
        s.mentions += 1;
        if m.speaker {
            s.statements += 1;
        }
        if text.chars().next().is_some_and(char::is_uppercase) {
            s.capitalised += 1;
        }
        s.docs.push(doc);
    }

    /// Merges unlisted names and builds the entities. `doc_id` and
    /// `doc_outlet` map document numbers back to ids and outlets.
    pub fn finish(self, actors: &ActorList, doc_id: &dyn Fn(u32) -> String, doc_outlet: &dyn Fn(u32) -> Option<String>) -> EntityTable {
        let keys: Vec<String> = self.names.keys().cloned().collect();
        let mut uf = UnionFind::new(keys.len());
        let stat = |i: usize| keys.get(i).and_then(|k| self.names.get(k));
        let personish = |s: &NameStat| {
            let person = s.kinds.get("person").copied().unwrap_or(0);
            let other: u64 = s.kinds.iter().filter(|(k, _)| !matches!(k.as_str(), "person" | "unnamed")).map(|(_, v)| *v).sum();
            person >= other && s.capitalised * 2 >= s.mentions
        };
        let unlisted: Vec<usize> = (0..keys.len()).filter(|&i| stat(i).is_some_and(|s| s.actor.is_none())).collect();

        // Misspellings: same number of words, edit distance 1, at least 5
        // letters. Blocked by single-deletion variants (two strings within one
        // edit share one), so this is linear in the number of names.
        let mut deletions: HashMap<String, Vec<usize>> = HashMap::new();
        for &i in &unlisted {
            let Some(k) = keys.get(i) else { continue };
            if k.chars().count() < 5 || k.len() > 60 {
                continue;
            }
            let chars: Vec<char> = k.chars().collect();
            let mut variants = vec![k.clone()];
            for d in 0..chars.len() {
                variants.push(chars.iter().enumerate().filter(|(j, _)| *j != d).map(|(_, c)| *c).collect());
            }
            variants.sort();
            variants.dedup();
            for v in variants {
                let bucket = deletions.entry(v).or_default();
                if bucket.len() < 32 {
                    bucket.push(i);
                }
            }
        }
        for bucket in deletions.values() {
            for (a_ix, &a) in bucket.iter().enumerate() {
                for &b in bucket.iter().skip(a_ix + 1) {
                    let (Some(ka), Some(kb)) = (keys.get(a), keys.get(b)) else { continue };
                    let (Some(sa), Some(sb)) = (stat(a), stat(b)) else { continue };
                    // Names only, or a description and its plural: two common nouns a letter
                    // apart are two words ("medics", "media"), "military sources" is one.
                    let name = |s: &NameStat| s.capitalised * 2 > s.mentions;
                    let plural = |x: &str, y: &str| x.strip_suffix('s') == Some(y);
                    if ka.split(' ').count() == kb.split(' ').count()
                        && ((name(sa) && name(sb)) || plural(ka, kb) || plural(kb, ka))
                        && strsim::levenshtein(ka, kb) <= 1
                        && !ka.chars().any(|c| c.is_ascii_digit())
                        && personish(sa) == personish(sb)
                        // Two places a letter apart are two towns (Daraa, Daraya), not a misspelling.
                        && !(self.places.contains_key(ka) && self.places.contains_key(kb))
                    {
                        uf.union(a, b);
                    }
                }
            }
        }

        // Arabic articles written or left out: "Talal al-Barazi" is "Talal Barazi" (two
        // words or more remain, so "al-Bab" never becomes "Bab").
        let mut bare: HashMap<String, usize> = HashMap::new();
        for &i in &unlisted {
            let Some(k) = keys.get(i) else { continue };
            let words: Vec<&str> = k.split(' ').filter(|w| !ARABIC_ARTICLES.contains(w)).collect();
            if words.len() < 2 {
                continue;
            }
            match bare.get(&words.join(" ")) {
                Some(&j) => uf.union(i, j),
                None => {
                    bare.insert(words.join(" "), i);
                }
            }
        }

        // Lone surnames and initials: "Ayoub" or "A. Ayoub" joins "Ahmad
        // Ayoub" when exactly one full name in the corpus has that surname.
        let mut by_surname: HashMap<&str, Vec<usize>> = HashMap::new();
        for &i in &unlisted {
            let (Some(k), Some(s)) = (keys.get(i), stat(i)) else { continue };
            if k.contains(' ') && personish(s) {
                by_surname.entry(surname(k)).or_default().push(i);
            }
        }
        for &i in &unlisted {
            let (Some(k), Some(s)) = (keys.get(i), stat(i)) else { continue };
            if !personish(s) {
                continue;
            }
            let words: Vec<&str> = k.split(' ').collect();
            let lone = words.len() == 1 && k.len() >= 3;
            let initial = words.len() == 2 && words.first().is_some_and(|w| w.chars().count() == 1);
            if !(lone || initial) {
                continue;
            }
            let Some(full) = by_surname.get(surname(k)) else { continue };
            let compatible: Vec<usize> = full
                .iter()
                .copied()
                .filter(|&j| j != i)
                .filter(|&j| {
                    !initial || keys.get(j).and_then(|kj| kj.chars().next()) == words.first().and_then(|w| w.chars().next())
                })
                .collect();
            let mut roots: Vec<usize> = compatible.iter().map(|&j| uf.find(j)).collect();
            roots.sort();
            roots.dedup();
            if let [root] = roots.as_slice() {
                uf.union(i, *root);
            }
        }

        // Build one entity per cluster.
        let mut clusters: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for i in 0..keys.len() {
            clusters.entry(uf.find(i)).or_default().push(i);
        }
        let mut entities = Vec::with_capacity(clusters.len());
        let mut key_to_entity: HashMap<String, usize> = HashMap::new();
        let mut actor_entity: HashMap<usize, usize> = HashMap::new();
        for members in clusters.values() {
            let mut spellings: HashMap<&str, u64> = HashMap::new();
            let mut kinds: HashMap<&str, u64> = HashMap::new();
            let mut roles: HashMap<&str, u64> = HashMap::new();
            let (mut mentions, mut statements) = (0, 0);
            let mut docs: Vec<u32> = Vec::new();
            let mut actor = None;
            for s in members.iter().filter_map(|&i| stat(i)) {
                actor = actor.or(s.actor);
                for (k, v) in &s.spellings {
                    *spellings.entry(k).or_default() += v;
                }
                for (k, v) in &s.kinds {
                    *kinds.entry(k).or_default() += v;
                }
                for (k, v) in &s.roles {
                    *roles.entry(k).or_default() += v;
                }
                mentions += s.mentions;
                statements += s.statements;
                docs.extend(s.docs.iter());
            }
            docs.sort_unstable();
            docs.dedup();
            let listed = actor.and_then(|a| actors.get(a));
            let variants = top(spellings);
            let name = listed
                .map(|a| a.name.clone())
                .or_else(|| variants.first().map(|v| v.name.clone()))
                .unwrap_or_default();
            // "unnamed" ("a monitor", "the source") only when nothing ever typed the name.
            let unnamed = kinds.remove("unnamed").is_some();
            // An unlisted name that figures happened in, in three documents or more and in at
            // least half of the documents naming it, is a place, whatever the recogniser
            // called it ("Deir Ezzor said" in text stripped of punctuation). Listed metonyms
            // ("Damascus") keep their actor. The thresholds keep people and groups a figure's
            // place was sometimes misread from (FA-KES dev: "DAESH", "Hadi al-Bahra") out.
            let place_docs = members.iter().filter_map(|&i| keys.get(i)).filter_map(|k| self.places.get(k)).map(|&(_, n)| n).max().unwrap_or(0);
            let place = listed.is_none() && place_docs >= 3 && place_docs as usize * 2 >= docs.len();
            let kind = if place {
                Some("place".to_string())
            } else {
                listed
                    .map(|a| a.kind.clone())
                    .or_else(|| top(kinds).first().map(|v| v.name.clone()))
                    .or_else(|| unnamed.then(|| "unnamed".to_string()))
            };
            // A person is named by their full name, not the surname used more often ("Barazi").
            let name = match kind.as_deref() {
                Some("person") if listed.is_none() => variants
                    .iter()
                    .find(|v| v.name.contains(' ') && v.name.chars().next().is_some_and(char::is_uppercase))
                    .map_or(name, |v| v.name.clone()),
                _ => name,
            };
            let titled = kind.as_deref().is_none_or(|k| k == "person");
            let mut outlets: HashMap<String, u64> = HashMap::new();
            for &d in &docs {
                if let Some(o) = doc_outlet(d) {
                    *outlets.entry(o).or_default() += 1;
                }
            }
            let ix = entities.len();
            for &i in members {
                if let Some(k) = keys.get(i) {
                    key_to_entity.insert(k.clone(), ix);
                }
            }
            if let Some(a) = actor {
                actor_entity.insert(a, ix);
            }
            entities.push(Entity {
                id: String::new(),
                name,
                kind,
                side: listed.map(|a| a.side.clone()),
                camp: listed.and_then(|a| a.camp.clone()),
                parent: None,
                listed: listed.is_some(),
                variants,
                // an organisation, state or place has no title of its own (a title before its
                // name belongs to someone speaking for it)
                roles: if titled { top(roles) } else { Vec::new() },
                mentions,
                statements,
                documents: docs.len(),
                docs: docs.iter().take(MAX_DOCS).map(|&d| doc_id(d)).collect(),
                outlets: top(outlets.iter().map(|(k, v)| (k.as_str(), *v)).collect()),
            });
        }
        // Most-documented first; ids are slugs made unique in that order.
        let mut order: Vec<usize> = (0..entities.len()).collect();
        order.sort_by(|&a, &b| {
            let (ea, eb) = (&entities[a], &entities[b]);
            // Named actors before the generic ones ("a monitor", "activists") and places.
            let generic = |e: &Entity| matches!(e.kind.as_deref(), Some("unnamed" | "place"));
            generic(ea).cmp(&generic(eb))
                .then(eb.documents.cmp(&ea.documents)).then(eb.mentions.cmp(&ea.mentions)).then_with(|| ea.name.cmp(&eb.name))
        });
        let mut new_ix = vec![0usize; entities.len()];
        for (n, &old) in order.iter().enumerate() {
            new_ix[old] = n;
        }
        let mut sorted: Vec<Entity> = order.iter().filter_map(|&i| entities.get(i).cloned()).collect();
        let mut used: HashMap<String, usize> = HashMap::new();
        for e in &mut sorted {
            let base = slug(&e.name);
            let n = used.entry(base.clone()).or_default();
            *n += 1;
            e.id = if *n == 1 { base } else { format!("{base}-{n}") };
        }
        let key_to_entity = key_to_entity.into_iter().filter_map(|(k, i)| Some((k, *new_ix.get(i)?))).collect();
        let actor_entity: HashMap<usize, usize> =
            actor_entity.into_iter().filter_map(|(a, i)| Some((a, *new_ix.get(i)?))).collect();
        for (&a, &e) in &actor_entity {
            let parent = actors.parent_of(a).and_then(|p| actor_entity.get(&p)).and_then(|&pe| sorted.get(pe)).map(|p| p.id.clone());
            if let Some(ent) = sorted.get_mut(e) {
                ent.parent = parent;
            }
        }
        EntityTable { entities: sorted, key_to_entity }
    }
}

/// Entities plus the lookup from mention keys to them.
pub struct EntityTable {
    pub entities: Vec<Entity>,
    key_to_entity: HashMap<String, usize>,
}

impl EntityTable {
    /// The entity a name refers to, if it was seen.
    pub fn resolve(&self, actors: &ActorList, text: &str) -> Option<usize> {
        let (key, _) = mention_key(actors, text)?;
        self.key_to_entity.get(&key).copied()
    }
}

fn top(m: HashMap<&str, u64>) -> Vec<Variant> {
    let mut v: Vec<Variant> = m.into_iter().map(|(k, c)| Variant { name: k.to_string(), count: c }).collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    v.truncate(MAX_LISTED);
    v
}

pub fn slug(s: &str) -> String {
    let k = name_key(s);
    let s: String = k.chars().map(|c| if c.is_alphanumeric() { c } else { '-' }).collect();
    if s.is_empty() { "entity".into() } else { s }
}

/// Disjoint sets with path halving (a few lines; no crate needed).
struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind { parent: (0..n).collect() }
    }
    fn find(&mut self, mut x: usize) -> usize {
        while let Some(&p) = self.parent.get(x) {
            if p == x {
                break;
            }
            let gp = self.parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = self.parent.get_mut(x) {
                *slot = gp;
            }
            x = gp;
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            if let Some(slot) = self.parent.get_mut(hi) {
                *slot = lo;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(mentions: &[(u32, &str, Option<&str>, Option<&str>)]) -> (ActorList, EntityTable) {
        let actors = ActorList::builtin();
        let mut c = EntityCollector::default();
        for (doc, text, kind, role) in mentions {
            c.add(&actors, *doc, Mention { text, kind: *kind, role: *role, speaker: true });
        }
        let t = c.finish(&actors, &|d| format!("d{d}"), &|d| Some(format!("outlet{}", d % 2)));
        (actors, t)
    }

    #[test]
    fn listed_actor_collects_metonyms_roles_and_documents() {
        let (actors, t) = table(&[
            (0, "Staffan de Mistura", Some("person"), Some("special envoy")),
            (1, "UN envoy", Some("person"), None),
            (1, "de Mistura", Some("person"), Some("UN envoy")),
            (2, "Moscow", Some("state"), None),
            (3, "the Kremlin", Some("state"), None),
        ]);
        let dm = t.resolve(&actors, "Special envoy Staffan de Mistura").and_then(|i| t.entities.get(i)).unwrap();
        assert_eq!(dm.name, "Staffan de Mistura");
        assert_eq!(dm.docs, vec!["d0", "d1"]);
        assert_eq!(dm.documents, 2);
        assert_eq!(dm.side.as_deref(), Some("un_ngo"));
        assert!(dm.roles.iter().any(|r| r.name == "special envoy") && dm.roles.iter().any(|r| r.name == "UN envoy"));
        let ru = t.resolve(&actors, "Moscow").and_then(|i| t.entities.get(i)).unwrap();
        assert_eq!((ru.name.as_str(), ru.documents), ("Russia's government", 2));
    }

    #[test]
    fn unlisted_misspellings_and_surnames_merge() {
        let (actors, t) = table(&[
            (0, "Ahmad Ayoub", Some("person"), Some("commander")),
            (1, "Ahmad Ayoud", Some("person"), None),
            (2, "Ayoub", Some("person"), None),
            (2, "Ayoub", Some("person"), None),
            (3, "Mohammed Hassan", Some("person"), None),
            (4, "Mahmoud Hassan", Some("person"), None),
            (5, "Hassan", Some("person"), None),
        ]);
        let a = t.resolve(&actors, "Ahmad Ayoub").unwrap();
        assert_eq!(t.resolve(&actors, "Ahmad Ayoud"), Some(a), "one-letter misspelling");
        assert_eq!(t.resolve(&actors, "Ayoub"), Some(a), "lone surname of exactly one full name");
        assert_eq!(t.entities.get(a).map(|e| e.documents), Some(3));
        assert_eq!(t.entities.get(a).map(|e| e.name.as_str()), Some("Ahmad Ayoub"));
        // Two people called Hassan: the lone surname stays on its own.
        let h1 = t.resolve(&actors, "Mohammed Hassan");
        let h2 = t.resolve(&actors, "Mahmoud Hassan");
        let h = t.resolve(&actors, "Hassan");
        assert_ne!(h1, h2);
        assert_ne!(h, h1);
        assert_ne!(h, h2);
    }

    #[test]
    fn common_nouns_a_letter_apart_stay_apart_but_plurals_and_articles_merge() {
        let (actors, t) = table(&[
            (0, "medics", None, None),
            (1, "media", None, None),
            (2, "military source", None, None),
            (3, "military sources", None, None),
            (4, "A source at Aleppo Police Command", None, None),
            (5, "source at Aleppo Police Command", None, None),
        ]);
        assert_ne!(t.resolve(&actors, "medics"), t.resolve(&actors, "media"));
        assert_eq!(t.resolve(&actors, "military source"), t.resolve(&actors, "military sources"));
        let src = t.resolve(&actors, "source at Aleppo Police Command").and_then(|i| t.entities.get(i)).unwrap();
        assert_eq!(src.documents, 2);
    }

    #[test]
    fn a_source_at_an_institution_is_the_institution_and_a_source_at_a_place_is_not() {
        let (actors, t) = table(&[
            (0, "A source at Aleppo Police Command", None, None),
            (1, "Aleppo Police Command source", None, None),
            (2, "Aleppo Police Command", None, None),
            (3, "a Syrian military source", None, None),
            (4, "a source in Aleppo", None, None),
        ]);
        let police = t.resolve(&actors, "Aleppo Police Command").and_then(|i| t.entities.get(i)).unwrap();
        assert_eq!(police.documents, 3);
        assert_eq!(police.name, "Aleppo Police Command");
        assert_eq!(police.variants.len(), 1, "{:?}", police.variants);
        let army = t.resolve(&actors, "Syrian government forces").and_then(|i| t.entities.get(i)).unwrap();
        assert_eq!(army.docs, vec!["d3"]);
        assert!(t.entities.iter().any(|e| e.name == "a source in Aleppo"), "{:?}", t.entities.iter().map(|e| &e.name).collect::<Vec<_>>());
    }

    #[test]
    fn a_name_with_or_without_its_arabic_article_is_one_entity() {
        let (actors, t) = table(&[
            (0, "Talal al-Barazi", Some("person"), None),
            (1, "Talal Barazi", Some("person"), None),
            (2, "al-Bab", None, None),
            (3, "Bab", None, None),
        ]);
        assert_eq!(t.resolve(&actors, "Talal al-Barazi"), t.resolve(&actors, "Talal Barazi"));
        assert_ne!(t.resolve(&actors, "al-Bab"), t.resolve(&actors, "Bab"));
    }

    #[test]
    fn a_listed_actors_toll_or_report_is_that_actor_and_headlines_are_no_actors() {
        let (actors, t) = table(&[
            (0, "an Observatory toll", None, None),
            (1, "Observatorys report", None, None),
            (2, "Civilians Killed", None, None),
            (3, "Dont", None, None),
        ]);
        let sohr = t.resolve(&actors, "Syrian Observatory for Human Rights").and_then(|i| t.entities.get(i)).unwrap();
        assert_eq!(sohr.documents, 2);
        assert!(t.entities.iter().all(|e| e.name != "Civilians Killed" && e.name != "Dont"), "{:?}", t.entities.iter().map(|e| &e.name).collect::<Vec<_>>());
    }

    #[test]
    fn a_coordination_is_spelt_as_its_listed_part_and_a_caption_bracket_ends_a_name() {
        let (actors, t) = table(&[
            (0, "Syrian National Coalition and the Syrian Observatory for Human", None, None),
            (1, "TRT World and Agencies) International leaders", None, None),
            (2, "Foreign Ministry", None, None),
            (3, "Defense Ministry", None, None),
        ]);
        let snc = t.resolve(&actors, "Syrian National Coalition").and_then(|i| t.entities.get(i)).unwrap();
        assert!(snc.variants.iter().all(|v| !v.name.contains(" and ")), "{:?}", snc.variants);
        let trt = t.resolve(&actors, "TRT World").and_then(|i| t.entities.get(i)).unwrap();
        assert!(trt.variants.iter().all(|v| !v.name.contains(')')), "{:?}", trt.variants);
        assert_ne!(t.resolve(&actors, "Foreign Ministry"), t.resolve(&actors, "Defense Ministry"));
    }

    #[test]
    fn page_furniture_and_dates_are_no_actors() {
        for junk in ["Android Youtube", "Like Follow Follow Copyright •", "URL", "TRT World Watch Live", "Thu Dec", "Wed", "Tuesdays", "Tags Syria", "Thomson Reuters Trust Principles"] {
            assert!(page_furniture(junk), "{junk}");
        }
        for name in ["TRT World", "Reuters", "Syrian Observatory for Human Rights", "March 14 Alliance", "Sunday Times"] {
            assert!(!page_furniture(name), "{name}");
        }
    }

    #[test]
    fn a_role_names_an_office_or_occupation() {
        for r in ["UN envoy", "Observatory head", "Foreign Secretary", "Regime leader", "state TV correspondent", "spokesmen"] {
            assert!(is_title(r), "{r}");
        }
        for r in ["Airstrikes", "bulletin", "State media", "city", "Monday state news agency"] {
            assert!(!is_title(r), "{r}");
        }
    }

    #[test]
    fn roles_written_before_names() {
        let t = "Out of them, UN envoy Staffan de Mistura stated that";
        let start = t.find("Staffan").unwrap();
        assert_eq!(role_before(t, start).as_deref(), Some("UN envoy"));
        let t = "Special envoy Staffan de Mistura welcomed";
        assert_eq!(role_before(t, 14).as_deref(), Some("Special envoy"));
        assert_eq!(role_before("An activist, Bassem Ayoub, said", 13), None);
        assert_eq!(role_before("said Ayoub", 5), None);
        let t = "UN envoy Staffan de Mistura stated";
        assert_eq!(role_before(t, t.find("de").unwrap()).as_deref(), Some("UN envoy"));
        assert_eq!(role_before("x", 10), None);
    }

    #[test]
    fn document_lists_round_trip() {
        let mut l = DocList::default();
        for d in [0, 0, 1, 5, 5, 200, 70_000, 70_001, u32::MAX - 1, 3] {
            l.push(d);
        }
        assert_eq!(l.iter().collect::<Vec<_>>(), vec![0, 1, 5, 200, 70_000, 70_001, u32::MAX - 1]);
        assert!(l.bytes.len() < 7 * 4);
        let mut m = DocList::default();
        m.push(u32::MAX);
        assert_eq!(m.iter().count(), 0, "the one number that cannot be followed is not stored");
    }

    #[test]
    fn pronouns_are_not_entities() {
        let (actors, t) = table(&[(0, "they", None, None), (0, "He", Some("person"), None)]);
        assert!(t.entities.is_empty());
        assert_eq!(t.resolve(&actors, "they"), None);
    }

    #[test]
    fn generic_speakers_are_typed_unnamed_and_listed_last() {
        let (actors, t) = table(&[
            (0, "a monitor", Some("unnamed"), None),
            (1, "a monitor", Some("unnamed"), None),
            (2, "a monitor", Some("unnamed"), None),
            (0, "Lina Shamy", Some("person"), Some("activist")),
            (1, "Shamy", Some("person"), None),
        ]);
        let m = t.resolve(&actors, "a monitor").and_then(|i| t.entities.get(i)).unwrap();
        assert_eq!(m.kind.as_deref(), Some("unnamed"));
        assert_eq!(t.entities.last().map(|e| e.name.as_str()), Some("a monitor"), "named actors come first");
        let shamy = t.resolve(&actors, "Lina Shamy").and_then(|i| t.entities.get(i)).unwrap();
        assert_eq!(shamy.kind.as_deref(), Some("person"));
    }

    #[test]
    fn names_that_figures_happened_in_are_places() {
        let actors = ActorList::builtin();
        let mut c = EntityCollector::default();
        for doc in 0..3 {
            c.add(&actors, doc, Mention { text: "Deir Ezzor", kind: Some("person"), role: None, speaker: true });
            c.add(&actors, doc, Mention { text: "Bassem Ayoub", kind: Some("person"), role: None, speaker: true });
        }
        c.add_place(0, "Deir Ezzor");
        c.add_place(0, "Deir Ezzor");
        c.add_place(1, "deir ezzor");
        c.add_place(2, "Deir Ezzor");
        // A person once read as a figure's place, in two documents of three, stays a person.
        c.add_place(0, "Bassem Ayoub");
        c.add_place(1, "Bassem Ayoub");
        c.add_place(0, "Damascus");
        c.add_place(1, "Damascus");
        c.add(&actors, 0, Mention { text: "Damascus", kind: Some("state"), role: None, speaker: true });
        for (doc, town) in [(0, "Daraa"), (1, "Daraya")] {
            c.add(&actors, doc, Mention { text: town, kind: None, role: None, speaker: false });
            c.add_place(doc, town);
        }
        let t = c.finish(&actors, &|d| format!("d{d}"), &|_| None);
        let kind = |n: &str| t.entities.iter().find(|e| e.name == n).and_then(|e| e.kind.clone());
        assert_eq!(kind("Deir Ezzor").as_deref(), Some("place"));
        assert_eq!(kind("Bassem Ayoub").as_deref(), Some("person"));
        assert_eq!(kind("Syria's government").as_deref(), Some("government"), "a listed metonym keeps its actor");
        let at = |n: &str| t.entities.iter().position(|e| e.name == n);
        assert!(at("Deir Ezzor") > at("Bassem Ayoub"), "places after the actors");
        assert_eq!(t.entities.iter().filter(|e| e.name == "Daraa" || e.name == "Daraya").count(), 2, "two towns, not a misspelling");
    }

    #[test]
    fn possessives_without_apostrophe_name_the_listed_actor() {
        let (actors, t) = table(&[(0, "Syrias", None, None), (1, "Bashar al-Assads", None, None), (2, "Reuters", None, None)]);
        let syria = t.resolve(&actors, "Syria").unwrap();
        assert_eq!(t.resolve(&actors, "Syrias"), Some(syria));
        let assad = t.resolve(&actors, "Bashar al-Assad").unwrap();
        assert_eq!(t.resolve(&actors, "Bashar al-Assads"), Some(assad));
        assert_eq!(t.entities.iter().find(|e| e.name == "Reuters").map(|e| e.listed), Some(true));
    }

    #[test]
    fn ministry_points_at_its_government() {
        let (_, t) = table(&[(0, "Russia's defense ministry", None, None), (1, "Russia", None, None)]);
        let m = t.entities.iter().find(|e| e.name == "Russian Ministry of Defence").unwrap();
        assert_eq!(m.parent.as_deref(), Some("russia-government"));
    }
}
