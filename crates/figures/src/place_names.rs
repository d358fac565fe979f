//! Corrects the recogniser's type of names that are exactly a Syrian place the
//! gazetteer knows. The recogniser, trained on US political news, reads many
//! Syrian town names as people or organisations ("Khan Sheikhoun" as a
//! PERSON, "Abu Kamal", "Al Bab") and splits others ("Deir" + "Ezzor"); those
//! then surface as speakers and as actors in the cross-document entity list.
//! Two more corrections on the same layer: a place that starts an institution's
//! name belongs to it ("Aleppo" + "Police Command" → "Aleppo Police Command"),
//! and a road, river or bridge is a place, not an organisation ("Castello
//! Road"). Run between the language core and attribution, so speakers are typed
//! from the corrected layer.

use crate::gazetteer::{Gazetteer, PlaceKind, PlaceMention, ORG_HEADS};
use corroborate_lang::{entity_type_id, ner_type, ENTITY_TYPES};
use corroborate_model::{Document, LabeledSpan, Span};

/// Words before a one-word name that make it a place ("in Salma", "near Tafas").
const LOCATIVE: &[&str] = &["in", "near", "at", "from", "outside", "around", "into", "towards", "toward", "across", "inside"];

/// Retypes, in the token tags and the "entities" layer, recogniser mentions
/// lying inside a gazetteer match for a Syrian town or governorate as one
/// LOCATION over the whole match. Left alone: a mention running past the match
/// ("Aleppo Police Command"); countries and world cities (their names are
/// metonyms for governments: "Moscow said"); and, unless a locative preposition
/// precedes it, an organisation named exactly as the place ("Damascus denied",
/// the channel "Al Mayadeen") and a one-word person or MISC name (some villages
/// share people's names). Then the two corrections of the module docs.
pub fn correct_entity_types(doc: &mut Document) {
    let Some(layer) = doc.layer("entities") else { return };
    let mut spans = layer.spans.clone();
    let mut changed = false;
    let places = Gazetteer::shared().find(doc);
    for m in places.iter().cloned() {
        let Some(place) = m.place.as_ref() else { continue };
        if !matches!(place.kind, PlaceKind::Syrian | PlaceKind::Governorate) {
            continue;
        }
        let (a, b) = m.tokens;
        let overlapping = overlapping(&spans, m.span);
        let label_of = |k: usize| spans.get(k).map(|e| e.label.as_str()).unwrap_or("");
        let named: Vec<usize> = overlapping.iter().copied().filter(|&k| NAMED.contains(&label_of(k))).collect();
        // "Aleppo" + "Police Command": the place begins the institution's name
        if let Some(k) = institution_after(doc, &spans, b) {
            if named.is_empty() && overlapping.iter().all(|&o| spans.get(o).is_some_and(|e| e.span.start >= m.span.start)) {
                let Some(e) = spans.get(k).map(|e| e.span) else { continue };
                let (_, end) = token_range(doc, e);
                let mut drop = overlapping.clone();
                drop.push(k);
                changed |= relabel(doc, &mut spans, &drop, (a, end), m.span.cover(e), "ORGANIZATION");
                continue;
            }
        }
        if named.is_empty() {
            continue;
        }
        let inside = overlapping.iter().all(|&k| spans.get(k).is_some_and(|e| e.span.start >= m.span.start && e.span.end <= m.span.end));
        if !inside {
            continue;
        }
        // A mention covering the whole match may be a name of its own: a television channel
        // named after its town ("Al Mayadeen"), a government by its seat ("Damascus denied"),
        // a person sharing a village's name. It is retyped when a locative preposition
        // says it is a place, or (a person or MISC name of several words) without one. A
        // mention smaller than the match is a fragment of the place's name ("Deir").
        let whole = named.iter().any(|&k| spans.get(k).is_some_and(|e| e.span == m.span));
        // "Al Mayadeen TV channel", "Aleppo Media Center": the name of an organisation
        let org_after = (b..b + 2).any(|k| k < doc.tokens.len() && ORG_HEADS.contains(&doc.token_text(k).to_ascii_lowercase().as_str()));
        if org_after {
            continue;
        }
        if whole {
            let label = named.first().map(|&k| label_of(k)).unwrap_or("");
            let before = a.checked_sub(1).map(|i| doc.token_text(i).to_ascii_lowercase()).unwrap_or_default();
            let locative = LOCATIVE.contains(&before.as_str());
            if !locative && (label == "ORGANIZATION" || b - a == 1) {
                continue;
            }
        }
        changed |= relabel(doc, &mut spans, &overlapping, (a, b), m.span, "LOCATION");
    }
    // "the Castello Road", "Euphrates River": a road, river or bridge is a place; and so is
    // a name made of two places or more ("Syrias Idlib")
    let mut k = 0;
    while k < spans.len() {
        let Some(e) = spans.get(k).cloned() else { break };
        let (a, b) = token_range(doc, e.span);
        let last = b.checked_sub(1).map(|i| doc.token_text(i).to_ascii_lowercase()).unwrap_or_default();
        // (a possessive country the recogniser took into a name counts: "Syrias Idlib" as a PERSON)
        let covering: Vec<&PlaceMention> =
            places.iter().filter(|p| p.place.is_some() && p.tokens.0 < b && a < p.tokens.1).collect();
        let possessive = |i: usize| Gazetteer::shared().possessive_word(doc.token_text(i)).is_some();
        let pieces = covering.len() + (a..b).filter(|&i| possessive(i)).count();
        let all_places = pieces >= 2
            && (a..b).all(|i| possessive(i) || covering.iter().any(|p| p.tokens.0 <= i && i < p.tokens.1))
            && !(b..b + 2).any(|j| j < doc.tokens.len() && ORG_HEADS.contains(&doc.token_text(j).to_ascii_lowercase().as_str()));
        let place = b > a + 1 && NAMED.contains(&e.label.as_str()) && (FACILITY_HEADS.contains(&last.as_str()) || all_places);
        if place && relabel(doc, &mut spans, &[k], (a, b), e.span, "LOCATION") {
            changed = true;
            continue; // the relabelled span is pushed at the end; k now holds the next one
        }
        k += 1;
    }
    if changed {
        spans.sort_by_key(|e| (e.span.start, e.span.end));
        doc.layer_mut("entities").spans = spans;
    }
}

/// The recogniser's types a correction may overwrite.
const NAMED: &[&str] = &["PERSON", "ORGANIZATION", "MISC"];

/// Last words of an institution's name that a place may begin ("Aleppo Police Command",
/// "Idlib Health Directorate"); narrower than [`ORG_HEADS`] so that in comma-stripped text
/// "in Idlib Free Syrian Army said" keeps the place out of the army's name.
const INSTITUTION_HEADS: &[&str] = &[
    "command", "directorate", "council", "centre", "center", "office", "committee", "department", "police",
    "authority", "administration", "governorate",
];

/// Last words of a facility's or a natural feature's name.
const FACILITY_HEADS: &[&str] = &[
    "road", "street", "highway", "river", "bridge", "square", "dam", "airport", "airbase", "valley", "mountain",
    "mountains", "lake", "desert", "crossing",
];

/// Indices of the spans overlapping `span`.
fn overlapping(spans: &[LabeledSpan], span: Span) -> Vec<usize> {
    (0..spans.len()).filter(|&k| spans.get(k).is_some_and(|e| e.span.start < span.end && span.start < e.span.end)).collect()
}

/// The organisation mention starting at token `b` whose last word is an institution's.
fn institution_after(doc: &Document, spans: &[LabeledSpan], b: usize) -> Option<usize> {
    let start = doc.tokens.spans.get(b)?.start;
    let k = spans.iter().position(|e| e.span.start == start && e.label == "ORGANIZATION")?;
    let (_, end) = token_range(doc, spans.get(k)?.span);
    let last = doc.token_text(end.checked_sub(1)?).to_ascii_lowercase();
    INSTITUTION_HEADS.contains(&last.as_str()).then_some(k)
}

/// The tokens `[a, b)` a span covers.
fn token_range(doc: &Document, span: Span) -> (usize, usize) {
    let spans = &doc.tokens.spans;
    let a = spans.partition_point(|t| t.end <= span.start);
    let b = spans.partition_point(|t| t.start < span.end);
    (a, b.max(a))
}

/// Replaces the spans `drop` with one `label` span over tokens `[a, b)` (byte span `span`),
/// and rewrites those tokens' tags to match. False when a tag in the range is not a name's
/// (a DATE or NUMBER inside is left alone).
fn relabel(doc: &mut Document, spans: &mut Vec<LabeledSpan>, drop: &[usize], (a, b): (usize, usize), span: Span, label: &str) -> bool {
    let Some(t) = entity_type_id(label) else { return false };
    let ours = |x: u8| x == 0 || ner_type(x).is_some_and(|t| ENTITY_TYPES.get(t as usize).is_some_and(|n| NAMED.contains(n) || *n == "LOCATION"));
    if a >= b || !(a..b).all(|i| doc.tokens.ner.get(i).is_some_and(|&x| ours(x))) {
        return false;
    }
    for i in a..b {
        if let Some(x) = doc.tokens.ner.get_mut(i) {
            *x = if i == a { 1 + 2 * t } else { 2 + 2 * t };
        }
    }
    let mut drop = drop.to_vec();
    drop.sort_unstable();
    drop.dedup();
    for &k in drop.iter().rev() {
        if k < spans.len() {
            spans.remove(k);
        }
    }
    spans.push(LabeledSpan { span, label: label.into() });
    true
}
