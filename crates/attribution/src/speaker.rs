//! Speaker resolution within one document: each attribution's source span
//! becomes a speaker entity with a name, a type, and the role and affiliation
//! the text gives ("UN envoy Staffan de Mistura", "Bassem Ayoub, a council
//! member"). Pronouns go to the nearest earlier compatible mention (subjects
//! and earlier speakers first), surnames to the earlier full name, definite
//! role phrases ("the defense ministry", "the envoy") to the earlier speaker
//! with that head or role.
//!
//! Hand-written rules: no coreference crate works on our own token layers
//! (the Rust NLP crates that do coreference wrap Python or ONNX models), and
//! the news patterns that matter here are few and regular.

use std::collections::HashMap;
use crate::analysis::Analysis;
use crate::model::TokRelation;

/// A resolved speaker (the v1.2 contract's `speaker`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    pub name: String,
    pub kind: SpeakerType,
    pub role: Option<String>,
    pub affiliation: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpeakerType {
    Person,
    State,
    Government,
    ArmedGroup,
    Organisation,
    Media,
    Unnamed,
}

impl SpeakerType {
    /// The contract's vocabulary.
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerType::Person => "person",
            SpeakerType::State => "state",
            SpeakerType::Government => "government",
            SpeakerType::ArmedGroup => "armed_group",
            SpeakerType::Organisation => "organisation",
            SpeakerType::Media => "media",
            SpeakerType::Unnamed => "unnamed",
        }
    }
}

/// A named entity run from the NER layer: tokens `[start, end)`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Ent<'a> {
    pub start: usize,
    pub end: usize,
    pub label: &'a str,
}

const PERSON_PRONOUNS: &[&str] = &["he", "she", "him", "her", "his", "hers"];
const THING_PRONOUNS: &[&str] = &["it", "its"];
const PLURAL_PRONOUNS: &[&str] = &["they", "them", "their", "theirs"];
const FIRST_PERSON: &[&str] = &["i", "me", "my", "we", "us", "our"];
const DETERMINERS: &[&str] = &["the", "a", "an", "this", "that", "these", "those", "one"];

/// Title words that the tagger often folds into a PERSON entity; kept as role.
pub(crate) const TITLES: &[&str] = &[
    "president", "prime", "minister", "foreign", "defense", "defence", "secretary", "ambassador", "envoy",
    "special", "general", "gen.", "sen.", "senator", "rep.", "dr.", "mr.", "mrs.", "ms.", "spokesman",
    "spokeswoman", "spokesperson", "chancellor", "king", "queen", "gov.", "governor", "mayor", "colonel",
    "col.", "lt.", "major", "commander", "chief", "deputy", "un", "u.n.", "state",
];

/// Head nouns that name what was said rather than who said it ("claims by X").
const CLAIM_NOUNS: &[&str] = &[
    "claim", "claims", "statement", "statements", "report", "reports", "remarks", "comments", "words",
    "testimony", "letter", "account", "accounts", "announcement", "assessment", "estimate", "estimates",
];

/// Media words and names (lexical knowledge; the NER layer does not type outlets).
const MEDIA_WORDS: &[&str] = &[
    "agency", "news", "tv", "television", "newspaper", "radio", "channel", "media", "outlet", "times", "post",
    "journal", "daily", "reuters", "ap", "afp", "interfax", "tass", "sana", "bbc", "cnn", "jazeera",
    "press", "ria", "xinhua", "correspondent", "reporter", "reporters", "broadcaster", "website", "tribune",
    "guardian", "telegraph", "observer", "herald", "gazette", "magazine", "sputnik", "fox", "nbc", "cbs",
    "abc", "msnbc", "npr", "politico", "anadolu",
];

const GOVERNMENT_WORDS: &[&str] = &[
    "ministry", "government", "regime", "kremlin", "administration", "cabinet", "presidency", "embassy",
    "army", "military", "department", "pentagon", "authorities", "police", "office", "parliament",
    "white house", "state department",
];

/// Armed groups: generic heads and the names the conflict coverage uses most.
const ARMED_WORDS: &[&str] = &[
    "rebels", "rebel", "militia", "militias", "fighters", "insurgents", "militants", "jihadists", "brigade",
    "brigades", "faction", "factions", "islamic state", "isis", "isil", "daesh", "nusra", "hezbollah",
    "hamas", "taliban", "al-qaeda", "al qaeda", "free syrian army", "ypg", "sdf", "houthis", "houthi",
];

/// Heads that name an unspecified group or person ("activists", "a source").
const UNNAMED_WORDS: &[&str] = &[
    "source", "sources", "official", "officials", "activist", "activists", "witness", "witnesses",
    "resident", "residents", "people", "civilians", "observers", "analysts", "experts", "diplomat",
    "diplomats", "doctors", "medics", "others", "many", "some", "someone", "critics", "aides", "workers",
];

/// A document's entity runs in text order (non-overlapping), with each one's
/// cleaned words indexed by their last word: name expansion ("Ayoub" →
/// "Bassem Ayoub") then looks only at entities that can match, instead of
/// every earlier one — a long page has thousands of both names and entities.
pub(crate) struct Ents<'a> {
    list: Vec<Ent<'a>>,
    /// (index, number of words without leading titles) by last word, in text order
    by_last: HashMap<&'a str, Vec<(usize, usize)>>,
}

impl<'a> std::ops::Deref for Ents<'a> {
    type Target = [Ent<'a>];
    fn deref(&self) -> &[Ent<'a>] {
        &self.list
    }
}

impl<'a> Ents<'a> {
    /// Entities inside `[s, e)`, in text order (what a filter over all gives).
    fn within(&self, s: usize, e: usize) -> impl Iterator<Item = &Ent<'a>> {
        let lo = self.list.partition_point(|x| x.start < s);
        self.list.get(lo..).unwrap_or(&[]).iter().take_while(move |x| x.start < e).filter(move |x| x.end <= e)
    }

    /// Entities starting inside token range `[s, e)`, in text order.
    fn starting_in(&self, (s, e): (usize, usize)) -> &[Ent<'a>] {
        let lo = self.list.partition_point(|x| x.start < s);
        let hi = self.list.partition_point(|x| x.start < e).max(lo);
        self.list.get(lo..hi).unwrap_or(&[])
    }
}

pub(crate) fn entities<'a>(a: &'a Analysis<'_>) -> Ents<'a> {
    let list = entity_runs(a);
    let mut by_last: HashMap<&'a str, Vec<(usize, usize)>> = HashMap::new();
    for (i, x) in list.iter().enumerate() {
        let (x0, x1) = untitled(a, x);
        let w = words(a, x0, x1);
        if let Some(last) = w.last() {
            by_last.entry(last).or_default().push((i, w.len()));
        }
    }
    Ents { list, by_last }
}

/// An entity's cleaned span without the titles folded into a PERSON entity.
fn untitled(a: &Analysis, x: &Ent) -> (usize, usize) {
    let (mut x0, x1) = clean(a, x.start, x.end);
    while x.label == "PERSON" && x0 + 1 < x1 && TITLES.contains(&lower(a, x0)) {
        x0 += 1;
    }
    (x0, x1)
}

fn entity_runs<'a>(a: &'a Analysis<'_>) -> Vec<Ent<'a>> {
    let mut out: Vec<Ent> = Vec::new();
    for (i, t) in a.toks.iter().enumerate() {
        let l = t.ner.as_str();
        let named = matches!(l, "PERSON" | "ORGANIZATION" | "LOCATION" | "MISC");
        if !named {
            continue;
        }
        let same_sent = |e: &Ent| a.toks.get(e.start).map(|x| x.sent) == Some(t.sent);
        // "International Committee | of the | Red Cross": the recogniser splits an
        // organisation's name at "of (the)"; one name, the organisation's
        let linked = |e: &Ent| {
            e.label == "ORGANIZATION"
                && matches!(l, "ORGANIZATION" | "LOCATION")
                && (lower(a, e.end) == "of" && (e.end + 1 == i || (e.end + 2 == i && lower(a, e.end + 1) == "the")))
        };
        match out.last_mut() {
            Some(e) if e.end == i && e.label == l && same_sent(e) => e.end = i + 1,
            Some(e) if linked(e) && same_sent(e) => e.end = i + 1,
            _ => out.push(Ent { start: i, end: i + 1, label: l }),
        }
    }
    out
}

fn lower<'x>(a: &'x Analysis<'_>, i: usize) -> &'x str {
    a.toks.get(i).map(|t| t.lower.as_str()).unwrap_or("")
}

/// The text of tokens `[s, e)`, whitespace runs (newlines, no-break spaces) made single spaces.
pub(crate) fn text(a: &Analysis, s: usize, e: usize) -> String {
    if s >= e {
        return String::new();
    }
    let (Some(x), Some(y)) = (a.toks.get(s), a.toks.get(e - 1)) else { return String::new() };
    let raw = a.text.get(x.span.start as usize..y.span.end as usize).unwrap_or("");
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_punct(a: &Analysis, i: usize) -> bool {
    a.toks.get(i).is_some_and(|t| t.lower.chars().all(|c| !c.is_alphanumeric()))
}

/// `[s, e)` without leading determiners and edge punctuation/possessive marks.
fn clean(a: &Analysis, mut s: usize, mut e: usize) -> (usize, usize) {
    while s < e && (DETERMINERS.contains(&lower(a, s)) || is_punct(a, s) || matches!(lower(a, s), "'s" | "’s")) {
        s += 1;
    }
    while e > s && (is_punct(a, e - 1) || matches!(lower(a, e - 1), "'s" | "’s" | "'")) {
        e -= 1;
    }
    (s, e)
}

/// The token of `[s, e)` whose head lies outside it.
fn np_head(a: &Analysis, s: usize, e: usize) -> usize {
    (s..e)
        .find(|&i| !a.toks.get(i).and_then(|t| t.head).is_some_and(|h| h >= s && h < e) && !is_punct(a, i))
        .unwrap_or(s)
}

fn words<'x>(a: &'x Analysis<'_>, s: usize, e: usize) -> Vec<&'x str> {
    (s..e).map(|i| lower(a, i)).filter(|w| !w.is_empty()).collect()
}

fn contains_phrase(hay: &str, set: &[&str]) -> bool {
    let words: Vec<&str> = hay.split(|c: char| c.is_whitespace() || c == '’' || c == '\'').collect();
    set.iter().any(|p| if p.contains(' ') { hay.contains(p) } else { words.contains(p) })
}

/// The type of a speaker from its NER label, head word and name.
fn classify(label: Option<&str>, head: &str, name: &str, plural: bool) -> SpeakerType {
    let n = name.to_lowercase();
    if label == Some("PERSON") {
        return SpeakerType::Person;
    }
    if contains_phrase(&n, ARMED_WORDS) {
        return SpeakerType::ArmedGroup;
    }
    if contains_phrase(&n, MEDIA_WORDS) && !matches!(head, "officials" | "official") {
        return SpeakerType::Media;
    }
    if contains_phrase(&n, GOVERNMENT_WORDS) {
        return SpeakerType::Government;
    }
    match label {
        Some("LOCATION") => SpeakerType::State,
        Some("ORGANIZATION") if !UNNAMED_WORDS.contains(&head) => SpeakerType::Organisation,
        _ if UNNAMED_WORDS.contains(&head) || plural => SpeakerType::Unnamed,
        Some("MISC") => SpeakerType::State, // "the Russian statement": a nationality stands for its state
        _ => SpeakerType::Unnamed,
    }
}

/// Whether the noun phrase `[s, e)` names a news outlet ("Russia's Interfax news agency", "The Times").
pub(crate) fn is_media_np(a: &Analysis, s: usize, e: usize) -> bool {
    let (s, e) = clean(a, s, e);
    let name = text(a, s, e).to_lowercase();
    !name.is_empty() && e - s <= 8 && contains_phrase(&name, MEDIA_WORDS) && !contains_phrase(&name, &["officials", "official"])
}

/// What earlier resolution learnt: speakers by their head token.
#[derive(Default)]
pub(crate) struct Seen {
    /// (first token, head token, sentence, speaker, plural)
    speakers: Vec<(usize, usize, usize, Speaker, bool)>,
    /// Gender evidence per surname (lower case): > 0 male, < 0 female.
    genders: std::collections::HashMap<String, i32>,
}

fn surname(name: &str) -> String {
    name.split_whitespace().last().unwrap_or("").to_lowercase()
}

/// Gender evidence from the document itself (no name lists offline): honorifics
/// before a name, and the pronouns of sentences that mention one person only.
fn gender_votes(a: &Analysis, ents: &Ents) -> std::collections::HashMap<String, i32> {
    let mut votes: std::collections::HashMap<String, i32> = Default::default();
    for x in ents.iter().filter(|x| x.label == "PERSON") {
        let key = surname(&text(a, x.start, x.end));
        match x.start.checked_sub(1).map(|p| lower(a, p)) {
            Some("mr." | "mr") => *votes.entry(key).or_default() += 3,
            Some("mrs." | "mrs" | "ms." | "ms") => *votes.entry(key).or_default() -= 3,
            _ => {}
        }
    }
    for &(s, e) in &a.sents {
        let people: Vec<String> = ents
            .within(s, e)
            .filter(|x| x.label == "PERSON")
            .map(|x| surname(&text(a, x.start, x.end)))
            .collect();
        let Some(first) = people.first() else { continue };
        if people.iter().any(|p| p != first) {
            continue;
        }
        let v: i32 = (s..e)
            .map(|i| match lower(a, i) {
                "he" | "him" | "his" | "himself" => 1,
                "she" | "her" | "hers" | "herself" => -1,
                _ => 0,
            })
            .sum();
        *votes.entry(first.clone()).or_default() += v.signum();
    }
    votes
}

/// Resolves the speaker of every relation (in the given order; `None` when
/// there is no source or a pronoun has no antecedent).
pub fn resolve_all(a: &Analysis, rels: &[TokRelation]) -> Vec<Option<Speaker>> {
    let ents = entities(a);
    let mut seen = Seen { genders: gender_votes(a, &ents), ..Seen::default() };
    let mut order: Vec<usize> = (0..rels.len()).collect();
    order.sort_by_key(|&i| rels.get(i).and_then(|r| r.cue.first().copied()).unwrap_or(0));
    let mut out = vec![None; rels.len()];
    for i in order {
        let Some(r) = rels.get(i) else { continue };
        let Some(&(s, e)) = r.source.as_ref().and_then(|v| v.first()) else { continue };
        let inside_quote_of = rels
            .iter()
            .enumerate()
            .find(|(j, o)| *j != i && o.content.iter().any(|&(x, y)| x <= s && e <= y))
            .map(|(j, _)| j);
        let outer = inside_quote_of.and_then(|j| out.get(j).cloned().flatten());
        let sp = resolve_np(a, &ents, &seen, s, e, outer);
        if let Some(sp) = &sp {
            let (s2, e2) = clean(a, s, e);
            let head = np_head(a, s2, e2.max(s2 + 1));
            let plural = a.toks.get(head).is_some_and(|t| t.pos == "NNS" || t.pos == "NNPS")
                || words(a, s2, e2).contains(&"and");
            let sent = a.toks.get(s).map(|t| t.sent).unwrap_or(0);
            seen.speakers.push((s, head, sent, sp.clone(), plural));
        }
        if let Some(slot) = out.get_mut(i) {
            *slot = sp;
        }
    }
    out
}

/// Resolves the noun phrase `[s, e)` to a speaker. `outer` is the speaker of
/// an attribution quoting this one ("I", "we" inside a quote are that speaker).
fn resolve_np(a: &Analysis, ents: &Ents, seen: &Seen, s: usize, e: usize, outer: Option<Speaker>) -> Option<Speaker> {
    let (s, e) = clean(a, s, e);
    if s >= e {
        return None;
    }
    let head = np_head(a, s, e);
    let hw = lower(a, head).to_string();
    if e - s == 1 || (e - s == 2 && matches!(lower(a, s + 1), "'s" | "’s")) {
        if FIRST_PERSON.contains(&hw.as_str()) {
            return outer;
        }
        if PERSON_PRONOUNS.contains(&hw.as_str()) || THING_PRONOUNS.contains(&hw.as_str()) || PLURAL_PRONOUNS.contains(&hw.as_str()) {
            return antecedent(a, ents, seen, s, &hw);
        }
    }
    Some(np_speaker(a, ents, seen, s, e))
}

/// The speaker an NP names (no pronoun at its head).
pub(crate) fn np_speaker(a: &Analysis, ents: &Ents, seen: &Seen, s: usize, e: usize) -> Speaker {
    let (s, e) = clean(a, s, e);
    let head = np_head(a, s, e.max(s + 1));
    let hw = lower(a, head).to_string();
    let in_np: Vec<&Ent> = ents.within(s, e).collect();
    // "Activists in [Deir Ezzor]", "a spokesman for [Clinton]": a name inside a
    // prepositional modifier after the head is where or whom the speaker is
    // from, not the speaker ("a statement by X" keeps X: "by" is not listed).
    let modifier = |x: &&Ent| {
        x.start > head
            && x.start > 0
            && matches!(lower(a, x.start - 1), "in" | "at" | "from" | "near" | "outside" | "inside" | "around" | "of" | "for" | "with" | "to")
    };
    let person = in_np.iter().find(|x| x.label == "PERSON" && !modifier(x)).copied();
    let on_head = in_np.iter().find(|x| x.start <= head && head < x.end).copied();
    // "claims by Vitaly Churkin": the speaker is the entity after the head
    let claim_of = if CLAIM_NOUNS.contains(&hw.as_str()) { in_np.iter().find(|x| x.start > head).copied() } else { None };
    let plural = a.toks.get(head).is_some_and(|t| t.pos == "NNS" || t.pos == "NNPS") || words(a, s, e).contains(&"and");
    let named = person.or(on_head).or(claim_of).copied();
    // a proper noun the tagger left untyped ("Shamy"): typed by the earlier name it shortens
    let untyped = if named.is_none() && a.toks.get(head).is_some_and(|t| t.pos.starts_with("NNP")) {
        let (r0, r1) = name_run(a, head, head + 1);
        let (x0, x1) = expand_name(a, ents, r0, r1, "MISC");
        let label = ents.iter().find(|x| x.start <= x0 && x1 <= x.end).map(|x| x.label).unwrap_or("MISC");
        ((x0, x1) != (r0, r1)).then_some(Ent { start: r0, end: r1, label })
    } else {
        None
    };
    let Some(ent) = named.or(untyped).filter(|_| !(plural && person.is_none() && on_head.is_none())) else {
        return common_np(a, ents, seen, s, e, head, plural);
    };
    let (es, ee) = if ent.label == "PERSON" { name_run(a, ent.start, ent.end) } else { (ent.start, ent.end) };
    let ent = Ent { start: es.max(s), end: ee.min(e), label: ent.label };
    // titles folded into the entity ("Foreign Secretary Boris Johnson" tagged as one PERSON)
    let mut ns = ent.start;
    while ent.label == "PERSON" && ns + 1 < ent.end && TITLES.contains(&lower(a, ns)) {
        ns += 1;
    }
    let (mut ns, ne) = clean(a, ns, ent.end);
    // lower-case modifiers the tagger folded into the name ("pro-opposition Orient TV")
    while ns + 1 < ne && a.toks.get(ns).is_some_and(|t| !t.pos.starts_with("NNP") && t.lower.starts_with(|c: char| c.is_lowercase()) && a.text.get(t.span.range()).is_some_and(|w| w.starts_with(|c: char| c.is_lowercase()))) {
        ns += 1;
    }
    let (ns, ne) = expand_name(a, ents, ns, ne, ent.label);
    let name = text(a, ns, ne);
    let (mut role, mut affiliation) = role_and_affiliation(a, ents, s, e, ent.start.min(ns), ent.end.max(ne));
    if role.is_none() && affiliation.is_none() {
        // the same name met before with its role ("Ayoub" after "Bassem Ayoub, an activist")
        if let Some(prev) = seen.speakers.iter().rev().map(|x| &x.3).find(|p| p.name == name) {
            role = prev.role.clone();
            affiliation = prev.affiliation.clone();
        }
    }
    let kind = classify(Some(ent.label), &hw, &name, false);
    Speaker { name, kind, role, affiliation }
}

/// A speaker named by a common noun phrase: a definite role phrase goes to the
/// earlier speaker with that head or role, else the phrase itself names it.
fn common_np(a: &Analysis, ents: &Ents, seen: &Seen, s: usize, e: usize, head: usize, plural: bool) -> Speaker {
    let hw = lower(a, head).to_string();
    let definite = s > 0 && matches!(lower(a, s - 1), "the" | "this" | "that");
    let no_entity = ents.within(s, e).next().is_none();
    if definite && no_entity && !plural {
        let earlier = seen.speakers.iter().rev().find(|(_, h, _, sp, _)| {
            lower(a, *h) == hw || sp.role.as_deref().is_some_and(|r| r.to_lowercase().split_whitespace().any(|w| w == hw))
        });
        if let Some((.., sp, _)) = earlier {
            return sp.clone();
        }
    }
    // a proper name the tagger left untyped: the name without its modifiers
    // ("the pro-opposition Orient TV" → "Orient TV")
    let s = if a.toks.get(head).is_some_and(|t| t.pos.starts_with("NNP")) && head + 1 == e {
        let mut x = head;
        while x > s && a.toks.get(x - 1).is_some_and(|t| t.pos.starts_with("NNP")) {
            x -= 1;
        }
        x
    } else {
        s
    };
    let name = text(a, s, e);
    let affiliation = ents
        .within(s, e)
        .find(|x| x.label != "PERSON")
        .map(|x| {
            let (x0, x1) = clean(a, x.start, x.end);
            text(a, x0, x1)
        });
    let label = ents.within(s, e).next().map(|x| x.label);
    let mut kind = classify(None, &hw, &name, plural);
    if kind == SpeakerType::Unnamed && !plural && !UNNAMED_WORDS.contains(&hw.as_str()) {
        // "Russia's statement", "the Russian statement": typed by the entity it names
        if let Some(l) = label {
            kind = classify(Some(l), &hw, &name, plural);
        }
    }
    Speaker { name, kind, role: None, affiliation }
}

/// Name particles inside person names ("Staffan de Mistura", "Bashar al-Assad").
pub(crate) const PARTICLES: &[&str] = &["de", "al", "bin", "ibn", "van", "von", "la", "del", "da", "di", "abu", "el"];

/// Grows a person name over adjacent proper nouns and particles the tagger
/// left outside the entity, never over title words.
fn name_run(a: &Analysis, mut s: usize, mut e: usize) -> (usize, usize) {
    let nnp = |i: usize| a.toks.get(i).is_some_and(|t| t.pos.starts_with("NNP") && !TITLES.contains(&t.lower.as_str()));
    let same_sent = |i: usize, j: usize| a.toks.get(i).map(|t| t.sent) == a.toks.get(j).map(|t| t.sent);
    while let Some(p) = s.checked_sub(1) {
        if nnp(p) && same_sent(p, s) && a.toks.get(p).is_some_and(|t| t.ner == "PERSON" || t.ner == "O" || t.ner.is_empty()) {
            s = p;
        } else if PARTICLES.contains(&lower(a, p)) && p >= 1 && nnp(p - 1) {
            s = p - 1;
        } else {
            break;
        }
    }
    while nnp(e) && same_sent(e, s) && a.toks.get(e).is_some_and(|t| t.ner == "PERSON" || t.ner == "O" || t.ner.is_empty()) {
        e += 1;
    }
    (s, e)
}

/// The longest earlier entity whose words end with this name's words
/// ("Ayoub" → "Bassem Ayoub", "The Times" → "The New York Times").
fn expand_name(a: &Analysis, ents: &Ents, s: usize, e: usize, label: &str) -> (usize, usize) {
    let w = words(a, s, e);
    let Some(last) = w.last() else { return (s, e) };
    let mut best = (s, e);
    // only longer entities ending with the same word can end with these words
    // (checked before any text is read: a page may repeat one name thousands of times)
    let same_last = ents.by_last.get(last).map(Vec::as_slice).unwrap_or(&[]);
    let longer = same_last.iter().filter(|&&(_, n)| n > w.len()).filter_map(|&(i, _)| ents.list.get(i));
    for x in longer.filter(|x| x.end <= s && (x.label == label || label == "MISC")) {
        // titles folded into an earlier PERSON entity do not belong to the name
        let (x0, x1) = untitled(a, x);
        let xw = words(a, x0, x1);
        if xw.len() > w.len() && xw.ends_with(&w) && xw.len() >= best.1 - best.0 {
            best = (x0, x1);
        }
    }
    best
}

/// Role and affiliation given around the name `[n0, n1)` inside the NP `[s, e)`:
/// premodifiers ("UN human rights spokesman Rupert Colville") or an apposition
/// on either side ("Vitaly Churkin, Russia's ambassador to the UN").
fn role_and_affiliation(a: &Analysis, ents: &Ents, s: usize, e: usize, n0: usize, n1: usize) -> (Option<String>, Option<String>) {
    // apposition after the name, or before it ("An activist, Bassem Ayoub,")
    let after = (n1 < e && lower(a, n1) == ",").then(|| (n1 + 1, (n1 + 1..e).find(|&i| lower(a, i) == ",").unwrap_or(e)));
    let before = (n0 > s && n0 >= 1 && lower(a, n0 - 1) == ",").then(|| (s, n0 - 1));
    let pre = (n0 > s).then_some((s, n0));
    for (x, y, is_pre) in [(after, false), (before, false), (pre, true)].into_iter().filter_map(|(r, p)| r.map(|(x, y)| (x, y, p))) {
        let (x, y) = clean(a, x, y);
        if x >= y {
            continue;
        }
        // the last entity before the role words is the affiliation
        let mods: Vec<&Ent> = ents.within(x, y).filter(|t| t.label != "PERSON").collect();
        let role_start = mods.iter().filter(|m| m.start == x || m.end < y).map(|m| m.end).max().unwrap_or(x);
        let (mut r0, mut r1) = clean(a, role_start, y);
        while r1 > r0 && matches!(lower(a, r1 - 1), "named" | "called" | "identified" | "as") {
            r1 -= 1;
        }
        // "[with] Donald Trump in the White House": a preposition or conjunction opening
        // or closing the source is no part of a role, and a role names something (a noun).
        let pos = |i: usize| a.toks.get(i).map_or("", |t| t.pos.as_str());
        while r0 < r1 && matches!(pos(r0), "IN" | "CC" | "TO" | "DT") {
            r0 += 1;
        }
        while r1 > r0 && matches!(pos(r1 - 1), "IN" | "CC" | "TO" | "DT") {
            r1 -= 1;
        }
        if is_pre {
            // A title written before the name is the nouns and adjectives right before
            // it: "earlier on Monday by [journalist] Zouhir al-Shimale", "on Monday
            // [state news agency] SANA" — no preposition, date or number inside.
            let title_word = |i: usize| {
                a.toks.get(i).is_some_and(|t| {
                    (t.pos.starts_with("NN") || t.pos.starts_with("JJ") || t.pos == "POS")
                        && !matches!(t.ner.as_str(), "DATE" | "TIME" | "DURATION" | "NUMBER" | "SET")
                })
            };
            let mut k = r1;
            while k > r0 && title_word(k - 1) {
                k -= 1;
            }
            r0 = k;
        }
        let noun = (r0..r1).any(|i| pos(i).starts_with("NN"));
        let role = (r0 < r1 && noun).then(|| text(a, r0, r1)).filter(|r| r.chars().any(char::is_alphabetic));
        let aff = mods.iter().rev().find(|m| m.end <= role_start).or(mods.first()).map(|m| {
            let (m0, m1) = clean(a, m.start, m.end);
            text(a, m0, m1)
        });
        if role.is_some() || aff.is_some() {
            return (role, aff);
        }
    }
    (None, None)
}

/// Whether the document's evidence allows `pron` to refer to `name`.
fn gender_ok(seen: &Seen, name: &str, pron: &str) -> bool {
    let g = seen.genders.get(&surname(name)).copied().unwrap_or(0);
    match pron {
        "he" | "him" | "his" => g >= 0,
        "she" | "her" | "hers" => g <= 0,
        _ => true,
    }
}

/// Nearest earlier compatible mention of pronoun at token `p`: sentence by
/// sentence backwards (up to 3), subjects and earlier speakers first.
fn antecedent(a: &Analysis, ents: &Ents, seen: &Seen, p: usize, pron: &str) -> Option<Speaker> {
    let sent = a.toks.get(p)?.sent;
    let want_person = PERSON_PRONOUNS.contains(&pron);
    let want_plural = PLURAL_PRONOUNS.contains(&pron);
    for d in 0..=3usize {
        let Some(si) = sent.checked_sub(d) else { break };
        // candidates: (is subject, position, speaker)
        let mut cands: Vec<(bool, usize, Speaker)> = Vec::new();
        for (s0, h, ssent, sp, plural) in &seen.speakers {
            if *ssent != si || *s0 >= p {
                continue;
            }
            let ok = if want_person {
                sp.kind == SpeakerType::Person && gender_ok(seen, &sp.name, pron)
            } else if want_plural {
                *plural || matches!(sp.kind, SpeakerType::Organisation | SpeakerType::State | SpeakerType::Government | SpeakerType::ArmedGroup | SpeakerType::Media)
            } else {
                sp.kind != SpeakerType::Person && !*plural
            };
            if ok {
                cands.push((true, *h, sp.clone()));
            }
        }
        let in_sent = a.sents.get(si).map_or(&ents[..], |&r| ents.starting_in(r));
        for x in in_sent.iter().filter(|x| a.toks.get(x.start).map(|t| t.sent) == Some(si) && x.end <= p) {
            let ok = if want_person {
                x.label == "PERSON" && gender_ok(seen, &text(a, x.start, x.end), pron)
            } else {
                matches!(x.label, "ORGANIZATION" | "LOCATION") && !want_plural
                    || (want_plural && x.label == "ORGANIZATION")
            };
            if !ok {
                continue;
            }
            // the entity as a whole mention: skip possessive modifiers of another noun unless they are subjects
            let head = np_head(a, x.start, x.end);
            let dep = a.toks.get(head).map(|t| t.deprel.as_str()).unwrap_or("");
            let subject = dep.starts_with("nsubj");
            if dep == "compound" || dep == "amod" {
                continue;
            }
            cands.push((subject, x.start, np_speaker(a, ents, seen, x.start, x.end)));
        }
        if cands.is_empty() {
            continue;
        }
        // subjects first; in the pronoun's own sentence the nearest, in earlier ones the
        // leftmost (Hobbs' order: left-to-right 43.8 → 49.8 % on dev, SCORES.md)
        cands.sort_by_key(|(subj, pos, _)| (!*subj, if d == 0 { usize::MAX - *pos } else { *pos }));
        return cands.into_iter().next().map(|c| c.2);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_within_a_range_are_what_a_full_filter_finds() {
        let list: Vec<Ent> = [(0, 2), (3, 4), (4, 7), (9, 10), (12, 15)]
            .iter()
            .map(|&(start, end)| Ent { start, end, label: "PERSON" })
            .collect();
        let ents = Ents { list: list.clone(), by_last: HashMap::new() };
        for s in 0..16 {
            for e in s..17 {
                let fast: Vec<(usize, usize)> = ents.within(s, e).map(|x| (x.start, x.end)).collect();
                let slow: Vec<(usize, usize)> =
                    list.iter().filter(|x| x.start >= s && x.end <= e).map(|x| (x.start, x.end)).collect();
                assert_eq!(fast, slow, "[{s}, {e})");
                let starting: Vec<usize> = ents.starting_in((s, e)).iter().map(|x| x.start).collect();
                let slow_start: Vec<usize> = list.iter().filter(|x| x.start >= s && x.start < e).map(|x| x.start).collect();
                assert_eq!(starting, slow_start, "starting in [{s}, {e})");
            }
        }
    }

    /// The phrase the source rules hand over for "with Donald Trump … promising"
    /// (whether "promising" is a cue is the cue model's call; this is the resolver's).
    #[test]
    fn a_preposition_before_the_name_is_no_role() {
        let pipe = corroborate_lang::Pipeline::shared().expect("language models load");
        let text = "And with Donald Trump in the White House promising more friendly relations with Moscow, the rebels fear the worst.";
        let mut doc = corroborate_model::Document::new("t", text, Default::default());
        pipe.analyse(&mut doc);
        let tags = crate::Tagset::lang();
        let a = Analysis::new(&doc, &tags);
        let ents = entities(&a);
        let at = |w: &str| a.toks.iter().position(|t| t.lower == w).expect("word in the text");
        let sp = np_speaker(&a, &ents, &Seen::default(), at("with"), at("promising"));
        assert_eq!(sp.name, "Donald Trump", "{sp:?}");
        assert_ne!(sp.role.as_deref(), Some("with"), "{sp:?}");
    }

    #[test]
    fn types_from_words() {
        assert_eq!(classify(Some("PERSON"), "ayoub", "Bassem Ayoub", false), SpeakerType::Person);
        assert_eq!(classify(Some("LOCATION"), "turkey", "Turkey", false), SpeakerType::State);
        assert_eq!(classify(None, "ministry", "Russia's defense ministry", false), SpeakerType::Government);
        assert_eq!(classify(Some("ORGANIZATION"), "agency", "Interfax news agency", false), SpeakerType::Media);
        assert_eq!(classify(None, "activists", "activists", true), SpeakerType::Unnamed);
        assert_eq!(classify(Some("ORGANIZATION"), "nusra", "Nusra Front", false), SpeakerType::ArmedGroup);
    }
}
