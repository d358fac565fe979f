//! Name and word normalisation shared by entity resolution, figure blocking
//! and quote matching. Hand-written: the folding needed is small (news
//! English with some transliterated Arabic and European names), and a Unicode
//! normalisation crate would still leave the apostrophe/title rules to us.

/// Folds the accented Latin letters that appear in transliterated names to
/// ASCII and lowercases everything else.
fn fold_char(c: char, out: &mut String) {
    let f = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' => 'a',
        'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' => 'u',
        'ş' | 'š' | 'Ş' | 'Š' => 's',
        'ğ' | 'Ğ' => 'g',
        'ı' | 'İ' => 'i',
        'ž' | 'Ž' => 'z',
        '’' | '‘' | 'ʼ' | '`' | '´' => '\'',
        '‐' | '‑' | '–' | '—' => '-',
        c => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push(f);
}

/// Honorifics and titles dropped from the front of a person's name
/// ("President Bashar al-Assad" → "bashar al-assad").
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sir", "president", "prime", "minister", "foreign", "gen", "general", "col",
    "colonel", "maj", "major", "lt", "sheikh", "king", "prince", "secretary-general", "secretary", "ambassador",
    "spokesman", "spokeswoman", "spokesperson", "envoy", "special", "commander", "brig", "brigadier", "sen",
    "senator", "rep", "defense", "defence", "state", "chief", "lieutenant", "deputy",
];

/// Words that make a name a pronoun or a non-name ("they", "each other").
const NON_NAMES: &[&str] = &[
    "he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "each other", "one another", "who",
    "which", "this", "that", "these", "those", "others", "some", "both", "both sides", "the other",
    "hundreds", "thousands", "dozens", "many", "several", "witnesses", "residents", "sources", "officials",
    // contractions that lost their apostrophe (FA-KES strips them), capitalised at a sentence start
    "dont", "cant", "wont", "didnt", "doesnt", "isnt", "arent", "wasnt", "werent", "couldnt", "wouldnt",
    "shouldnt", "havent", "hasnt", "hadnt", "aint", "thats", "theres", "whats", "lets",
];

/// Verb forms that never occur in an actor's name: a mention holding one is a
/// title-case headline the recogniser read as a name ("Civilians Killed",
/// "Army Kills", "President Bashir dissolves government").
const HEADLINE_VERBS: &[&str] = &[
    "killed", "kills", "dies", "died", "wounded", "injured", "says", "said", "warns", "vows", "slams", "urges",
    "dissolves", "appoints", "denies", "rejects", "condemns",
];

/// Lowercased, accent-folded, punctuation-free, space-collapsed form of a
/// name: "the Kremlin's" → "kremlin", "U.N." → "un", "al-Assad" → "al assad".
pub fn name_key(s: &str) -> String {
    let mut folded = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut folded);
    }
    // Dotted abbreviations first so "u.s." becomes one word.
    let folded = folded.replace("u.s.", "us").replace("u.n.", "un").replace("u.k.", "uk");
    let folded = folded.replace("'s ", " ").replace("s' ", "s ");
    let folded = folded.strip_suffix("'s").unwrap_or(&folded).to_string();
    // An apostrophe inside a word is often left out ("O'Brien"/"OBrien", "Ra'ad"/"Raad").
    let unquoted: Vec<String> = folded
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|w| w.trim_matches('\'').replace('\'', ""))
        .filter(|w| !w.is_empty())
        .collect();
    let mut words: Vec<&str> = unquoted.iter().map(String::as_str).collect();
    if words.first() == Some(&"the") {
        words.remove(0);
    }
    // "A source at Aleppo Police Command" is "source at Aleppo Police Command"; an
    // initial ("A. Ayoub") is kept: only an article followed by a space goes.
    let lead = s.trim_start();
    let article = lead.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("a ")) || lead.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("an "));
    if article && words.len() > 1 && matches!(words.first(), Some(&"a") | Some(&"an")) {
        words.remove(0);
    }
    // "the so-called Syrian Observatory": the writer's distance, not part of the name.
    if words.len() > 2 && words.first() == Some(&"so") && words.get(1) == Some(&"called") {
        words.drain(..2);
    }
    words.join(" ")
}

/// The key of a person's name with leading titles removed, unless that
/// would leave nothing ("President Assad" → "assad", "President" → "president").
/// An institution is no person: "Foreign Ministry" and "Defense Ministry" keep
/// their first word (as titles they would both be "ministry").
pub fn person_key(s: &str) -> String {
    let k = name_key(s);
    let words: Vec<&str> = k.split(' ').collect();
    if words.last().is_some_and(|w| INSTITUTIONS.contains(w)) {
        return k;
    }
    let first_real = words.iter().position(|w| !TITLES.contains(w)).unwrap_or(0);
    // A title inside the phrase ("Homs Governor Talal Barazi", "Russian Foreign Minister
    // Sergei Lavrov"): the name is what follows the last one, when that is two words or
    // more and no phrase of its own ("... Minister of Defence" stays).
    let inner = words
        .iter()
        .rposition(|w| INNER_TITLES.contains(w))
        .filter(|&i| i >= first_real && words.len() >= i + 3 && !matches!(words.get(i + 1), Some(&("of" | "for" | "to" | "and" | "the" | "in"))));
    let from = inner.map_or(first_real, |i| i + 1);
    words.get(from..).map(|w| w.join(" ")).unwrap_or(k.clone())
}

/// Titles that end a description before a person's name, wherever they stand.
const INNER_TITLES: &[&str] = &[
    "governor", "minister", "spokesman", "spokeswoman", "envoy", "ambassador", "president", "commander",
    "general", "secretary-general", "chief", "leader", "director", "mayor", "colonel", "brigadier",
];

/// Head nouns of institutions, whose names may start with a title word.
const INSTITUTIONS: &[&str] = &[
    "ministry", "ministries", "department", "office", "council", "committee", "agency", "command", "army",
    "forces", "media", "government", "authorities", "police", "court", "house",
];

/// Whether the text names nobody in particular (pronouns, "each other", a
/// people or faith: "Sudanese", "Lebanese Shiite", "Alawites").
pub fn is_non_name(key: &str) -> bool {
    key.is_empty()
        || NON_NAMES.contains(&key)
        || pronoun_phrase(key)
        || key.split(' ').any(|w| HEADLINE_VERBS.contains(&w))
        || key.split(' ').all(is_group_word)
}

/// Nationalities, peoples and faiths (singular or plural): words for a group of
/// people, never one actor's name on their own.
const GROUP_WORDS: &[&str] = &[
    "syrian", "lebanese", "iraqi", "iranian", "turkish", "turk", "russian", "american", "british", "french",
    "german", "saudi", "qatari", "jordanian", "egyptian", "sudanese", "afghan", "pakistani", "chechen", "palestinian",
    "israeli", "arab", "kurd", "kurdish", "turkmen", "yazidi", "assyrian", "armenian", "circassian", "bedouin",
    "muslim", "christian", "sunni", "shia", "shiite", "alawite", "druze", "ismaili", "jew", "jewish", "takfiri",
    "salafi", "salafist", "jihadi", "jihadist", "islamist", "westerner", "foreigner",
];

/// Whether a lower-case word is in [`GROUP_WORDS`], or its plural.
pub fn is_group_word(w: &str) -> bool {
    GROUP_WORDS.contains(&w) || w.strip_suffix('s').is_some_and(|x| GROUP_WORDS.contains(&x))
}

/// "we all", "they both", "you yourselves": a pronoun with only quantifiers
/// or reflexives after it names nobody either.
fn pronoun_phrase(key: &str) -> bool {
    let mut words = key.split(' ');
    let first = words.next().unwrap_or("");
    matches!(first, "he" | "she" | "they" | "it" | "we" | "i" | "you")
        && words.all(|w| {
            matches!(w, "all" | "both" | "each" | "too" | "alone" | "ourselves" | "themselves" | "yourselves" | "himself" | "herself" | "myself" | "itself")
        })
}

/// The last word of a name key ("staffan de mistura" → "mistura").
pub fn surname(key: &str) -> &str {
    key.rsplit(' ').next().unwrap_or(key)
}

/// Words too common to say what a statement or accusation is about.
pub const STOPWORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "from", "by", "with", "as", "is",
    "are", "was", "were", "be", "been", "being", "has", "have", "had", "that", "this", "these", "those", "it",
    "its", "their", "they", "them", "he", "she", "his", "her", "we", "our", "you", "not", "no", "after", "before",
    "into", "over", "about", "who", "which", "what", "when", "where", "said", "says", "say", "would", "will",
    "could", "can", "may", "might", "also", "than", "then", "there", "other", "each", "one", "all", "any", "some",
    "people", "s",
];

/// Lowercased alphanumeric words of a text (accents folded).
pub fn words(s: &str) -> Vec<String> {
    let mut folded = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut folded);
    }
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// A crude stem for matching what accusations are about: "resumed" and
/// "resuming" both → "resum". Enough for overlap tests, not for display.
pub fn stem(w: &str) -> &str {
    for suf in ["ing", "ed", "es", "s"] {
        if let Some(s) = w.strip_suffix(suf) {
            if s.len() >= 3 {
                return s;
            }
        }
    }
    w
}

/// Content-word stems of a text (stopwords dropped).
pub fn content_stems(s: &str) -> Vec<String> {
    let mut v: Vec<String> =
        words(s).iter().filter(|w| !STOPWORDS.contains(&w.as_str()) && w.len() > 1).map(|w| stem(w).to_string()).collect();
    v.sort();
    v.dedup();
    v
}

/// FNV-1a: a fixed, fast 64-bit hash so shingle hashes are stable across
/// runs and machines (std's `DefaultHasher` makes no such promise).
pub fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Days since 1970-01-01 of a date starting "YYYY-MM-DD" (the ISO prefix of
/// `published`/`when`); `None` for anything else.
pub fn day_number(s: &str) -> Option<i32> {
    let b = s.as_bytes();
    if b.len() < 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let y: i32 = s.get(0..4)?.parse().ok()?;
    let m: u32 = s.get(5..7)?.parse().ok()?;
    let d: u32 = s.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp as i32 + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The ISO date of a day number (inverse of [`day_number`]).
pub fn iso_date(day: i32) -> String {
    // Inverse of day_number (Howard Hinnant's civil_from_days).
    let z = day + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    format!("{:04}-{:02}-{:02}", if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pronouns_with_quantifiers_name_nobody() {
        assert!(is_non_name(&person_key("We all")));
        assert!(is_non_name("they both"));
        assert!(is_non_name("we"));
        assert!(!is_non_name("we the people party"));
        assert!(!is_non_name("staffan de mistura"));
    }

    #[test]
    fn keys_fold_case_accents_articles_and_possessives() {
        assert_eq!(name_key("The Kremlin"), "kremlin");
        assert_eq!(name_key("the so-called Syrian Observatory"), "syrian observatory");
        assert_eq!(name_key("Russia’s defense ministry"), "russia defense ministry");
        assert_eq!(name_key("U.N. envoy"), "un envoy");
        assert_eq!(name_key("Erdoğan"), "erdogan");
        assert_eq!(name_key("Stephen O'Brien"), name_key("Stephen OBrien"));
        assert_eq!(name_key("al-Assad"), "al assad");
        assert_eq!(person_key("President Bashar al-Assad"), "bashar al assad");
        assert_eq!(person_key("Special envoy Staffan de Mistura"), "staffan de mistura");
        assert_eq!(person_key("President"), "president");
        // institutions keep a first word that would be a title before a person's name
        assert_eq!(person_key("Foreign Ministry"), "foreign ministry");
        assert_ne!(person_key("Foreign Ministry"), person_key("Defense Ministry"));
        // a title inside the phrase ends the description before the name
        assert_eq!(person_key("Homs Governor Talal Barazi"), "talal barazi");
        assert_eq!(person_key("Russian Foreign Minister Sergei Lavrov"), "sergei lavrov");
        assert_eq!(person_key("Syrian Army General Command"), "syrian army general command");
        assert_eq!(person_key("Islamic State of Iraq"), "islamic state of iraq");
    }

    #[test]
    fn pronouns_are_not_names() {
        assert!(is_non_name(&name_key("They")));
        assert!(is_non_name(&name_key("each other")));
        assert!(!is_non_name(&name_key("Turkey")));
        // apostrophe-less contractions and title-case headlines name nobody
        assert!(is_non_name(&name_key("Dont")));
        assert!(is_non_name(&name_key("Civilians Killed")));
        assert!(is_non_name(&name_key("Army Kills")));
        assert!(!is_non_name(&name_key("Syrian Army")));
        // a people or faith is a group, not an actor's name
        assert!(is_non_name(&name_key("Sudanese")));
        assert!(is_non_name(&name_key("Lebanese Shiite")));
        assert!(is_non_name(&name_key("Alawites")));
        assert!(!is_non_name(&name_key("Lebanese Hezbollah")));
    }

    #[test]
    fn an_indefinite_article_is_no_part_of_a_name_but_an_initial_is() {
        assert_eq!(name_key("A source at Aleppo Police Command"), name_key("source at Aleppo Police Command"));
        assert_eq!(name_key("an AFP correspondent"), "afp correspondent");
        assert_eq!(name_key("A. Ayoub"), "a ayoub");
        assert_eq!(name_key("A"), "a");
    }

    #[test]
    fn stems_match_inflections() {
        assert_eq!(content_stems("resumed fighting"), content_stems("resuming fight"));
        assert!(content_stems("the of and").is_empty());
    }

    #[test]
    fn day_numbers() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2016-12-15T10:00:00Z"), Some(17150));
        assert_eq!(day_number("2016-12-16").zip(day_number("2016-12-15")).map(|(a, b)| a - b), Some(1));
        assert_eq!(day_number("Dec 2016"), None);
        assert_eq!(day_number("2016-13-01"), None);
        assert_eq!(day_number("ü016-12-01"), None);
    }
}
