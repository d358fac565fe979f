//! A local guess at who gave a figure, inside its own sentence: "according
//! to X, ...", "X said ...", "X puts the number at ...". The attribution
//! extractor's links (see [`crate::figure::link_sources`]) fill in figures
//! this rule leaves without a source.

use crate::view::View;

pub fn speech_verb(l: &str) -> bool {
    matches!(
        l,
        "say" | "said" | "says" | "state" | "stated" | "tell" | "told" | "report" | "reported" | "put" | "puts" | "estimate"
            | "estimated" | "announce" | "announced" | "claim" | "claimed" | "confirm" | "confirmed" | "declare" | "declared"
            | "add" | "added" | "note" | "noted" | "accuse" | "accused" | "accuses"
    )
}

/// The speaker for a figure at `tokens` in sentence `(sa, sb)`, if the sentence names one.
pub fn local_source(v: &View, tokens: (usize, usize), (sa, sb): (usize, usize)) -> Option<String> {
    // "according to X": X runs to the next comma or clause boundary.
    for k in sa..sb {
        if v.w(k) == "according" && v.w(k + 1) == "to" {
            let mut a = k + 2;
            let mut e = a;
            while e < sb && e < a + 10 && !matches!(v.w(e), "," | "." | ";" | "as" | "which" | "who" | "that" | "on" | "in") {
                // "according to SANA citing the Interior Ministry": the cited party speaks
                if matches!(v.w(e), "citing" | "quoting") {
                    a = e + 1;
                }
                // a determiner right after a noun starts the next clause's subject (comma-stripped
                // text: "according to the desk of Sputnik news agency the US warplanes targeted")
                if e > a && v.p(e) == "DT" && v.is_noun(e - 1) {
                    break;
                }
                e += 1;
            }
            if let Some(s) = speaker(v, a, e) {
                return Some(s);
            }
        }
    }
    // The nearest speech verb before the figure, else after it.
    let before = (sa..tokens.0).rev().find(|&k| speaks(v, k));
    let after = (tokens.1..sb).find(|&k| speaks(v, k));
    for verb in [before, after].into_iter().flatten() {
        // A participle ("... the effects of the gas adding that dozens more ...") reports
        // the main clause's subject, not the noun right before it (comma-stripped text).
        if v.p(verb) == "VBG" {
            continue;
        }
        let mut e = verb;
        while e > sa && matches!(v.w(e - 1), "has" | "have" | "had" | "also" | "later" | "previously" | "earlier") {
            e -= 1;
        }
        let mut s = e;
        while s > sa && s + 10 > e {
            let (p, w) = (v.p(s - 1), v.w(s - 1));
            let ok = p.starts_with("NN")
                || p.starts_with("JJ")
                || p == "POS"
                || w == "'s"
                || w == "’s"
                || (particle(w) && s - 1 > sa)
                // "a monitoring group", "the ruling party": a participle between a determiner and a noun
                || (matches!(p, "VBG" | "VBN") && s - 1 > sa && v.p(s - 2) == "DT" && v.is_noun(s))
                // "Observatory [for] Human Rights": a link word between two capitalised words
                || (matches!(w, "for" | "of") && s - 1 > sa && v.capitalised(s) && v.capitalised(s - 2))
                // "a war monitor and rescue workers said": both speak
                || (w == "and" && s - 1 > sa && matches!(v.p(s - 2), "NN" | "NNS") && (v.is_noun(s) || v.p(s) == "DT") && s < e)
                // "rescue workers and a medical relief organisation said": the second one's article
                || (matches!(w, "a" | "an" | "the") && s >= sa + 3 && v.w(s - 2) == "and" && matches!(v.p(s - 3), "NN" | "NNS") && s < e);
            // comma-stripped text runs two phrases together: a plural noun never sits before
            // an adjective inside one ("civilians local sources"), and an apostrophe-less
            // possessive starts its phrase ("gas Turkeys health ministry")
            let new_phrase = (v.p(s - 1) == "NNS" && v.p(s).starts_with("JJ"))
                || (s < e && crate::gazetteer::Gazetteer::shared().possessive(v.doc, s).is_some());
            if !ok || new_phrase {
                break;
            }
            s -= 1;
        }
        while s < e && DAY_WORDS.contains(&v.w(s)) {
            s += 1; // "on Saturday local media reported"
        }
        // the object of a preposition is no subject ("the toll from the strike on Urum
        // al-Joz reported 15"): the speaker is the longer phrase, which the attribution
        // links fill in
        let mut q = s;
        while q > sa && v.p(q - 1) == "DT" {
            q -= 1;
        }
        let preposition = |w: &str| {
            matches!(w, "of" | "on" | "in" | "at" | "near" | "from" | "into" | "by" | "with" | "for" | "over" | "around" | "across" | "outside" | "inside" | "against" | "toward" | "towards")
        };
        if q > sa && preposition(v.w(q - 1)) {
            continue;
        }
        if let Some(sp) = speaker(v, s, e) {
            // A town is where things happen, not who speaks ("Aleppo saw ...").
            let town = crate::gazetteer::Gazetteer::shared().lookup(&sp).is_some_and(|p| p.kind != crate::gazetteer::PlaceKind::Country);
            if !town {
                return Some(sp);
            }
        }
    }
    None
}

/// Whether token `k` reports speech ("said", "claimed"): a speech verb tagged as a verb
/// (or untagged), but not "claimed the lives of 80 people", which is no claim of anyone's.
pub fn speaks(v: &View, k: usize) -> bool {
    (v.is_verb(k) || v.p(k).is_empty()) && speech_verb(v.l(k)) && !(k + 1..k + 4).any(|i| matches!(v.w(i), "lives" | "life"))
}

/// Lower-case particles inside names ("Staffan de Mistura", "Osama bin Laden").
fn particle(w: &str) -> bool {
    matches!(w, "de" | "al" | "el" | "bin" | "van" | "von" | "la")
}

const DAY_WORDS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today", "tonight"];

const PLACE_NOUNS: &[&str] = &[
    "province", "area", "areas", "city", "town", "village", "villages", "district", "countryside", "region",
    "neighbourhood", "neighborhood", "suburb", "suburbs", "camp", "border", "outskirts",
];

/// The speaker in tokens `a..e`: the trailing name after a title ("UN envoy
/// Staffan de Mistura" -> "Staffan de Mistura"), else the phrase without its article.
fn speaker(v: &View, mut a: usize, e: usize) -> Option<String> {
    while a < e && matches!(v.p(a), "DT") {
        a += 1;
    }
    // a place the recogniser found is where things happen, not who speaks ("Maarzita"),
    // unless it is a country (a state speaks: "Russia puts the number at 9,500")
    let loc = corroborate_lang::entity_type_id("LOCATION");
    if a < e && (a..e).all(|k| v.doc.tokens.ner.get(k).and_then(|&x| corroborate_lang::ner_type(x)).is_some_and(|t| Some(t) == loc)) {
        let country = crate::gazetteer::Gazetteer::shared().lookup(v.slice(a, e)).is_some_and(|p| p.kind == crate::gazetteer::PlaceKind::Country);
        if !country {
            return None;
        }
    }
    if a >= e || !(a..e).any(|k| v.is_noun(k)) || matches!(v.w(a), "he" | "she" | "they" | "it" | "we" | "i") {
        return None;
    }
    // A place is where things happen, not who speaks ("in a rebel-held area said",
    // "Syrias Idlib province"); a bracket means the phrase runs across a caption.
    let last = v.w(e - 1).to_lowercase();
    if PLACE_NOUNS.contains(&last.as_str()) || (a..e).any(|k| matches!(v.w(k), "(" | ")" | "-LRB-" | "-RRB-")) {
        return None;
    }
    // Capitalised run at the end, allowing name particles and link words inside
    // ("Syrian Observatory for Human Rights", not "Human Rights").
    let link = |k: usize| particle(v.w(k)) || matches!(v.w(k), "for" | "of");
    let mut s = e;
    while s > a && (v.capitalised(s - 1) && v.p(s - 1).starts_with("NNP") || (link(s - 1) && s - 1 > a && v.capitalised(s - 2))) {
        s -= 1;
    }
    if s > a && e - s >= 2 && !v.capitalised(s - 1) {
        return Some(v.slice(s, e).to_string());
    }
    Some(v.slice(a, e).to_string())
}
