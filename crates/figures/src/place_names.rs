//! Corrects the recogniser's type of names that are exactly a Syrian place the
//! gazetteer knows. The recogniser, trained on US political news, reads many
//! Syrian town names as people or organisations ("Khan Sheikhoun" as a
//! PERSON, "Abu Kamal", "Al Bab") and splits others ("Deir" + "Ezzor"); those
//! then surface as speakers and as actors in the cross-document entity list.
//! Run between the language core and attribution, so speakers are typed from
//! the corrected layer.

use crate::gazetteer::{Gazetteer, PlaceKind, ORG_HEADS};
use corroborate_lang::{entity_type_id, ner_type};
use corroborate_model::{Document, LabeledSpan};

/// Words before a one-word name that make it a place ("in Salma", "near Tafas").
const LOCATIVE: &[&str] = &["in", "near", "at", "from", "outside", "around", "into", "towards", "toward", "across", "inside"];

/// Retypes, in the token tags and the "entities" layer, recogniser mentions
/// lying inside a gazetteer match for a Syrian town or governorate as one
/// LOCATION over the whole match. Left alone: a mention running past the match
/// ("Aleppo Police Command"); countries and world cities (their names are
/// metonyms for governments: "Moscow said"); and, unless a locative preposition
/// precedes it, an organisation named exactly as the place ("Damascus denied",
/// the channel "Al Mayadeen") and a one-word person or MISC name (some villages
/// share people's names).
pub fn correct_entity_types(doc: &mut Document) {
    let Some(layer) = doc.layer("entities") else { return };
    let (Some(loc), Some(person), Some(org), Some(misc)) =
        (entity_type_id("LOCATION"), entity_type_id("PERSON"), entity_type_id("ORGANIZATION"), entity_type_id("MISC"))
    else {
        return;
    };
    let mut spans = layer.spans.clone();
    let mut changed = false;
    for m in Gazetteer::shared().find(doc) {
        let Some(place) = m.place.as_ref() else { continue };
        if !matches!(place.kind, PlaceKind::Syrian | PlaceKind::Governorate) {
            continue;
        }
        let (a, b) = m.tokens;
        let overlapping: Vec<usize> =
            (0..spans.len()).filter(|&k| spans.get(k).is_some_and(|e| e.span.start < m.span.end && m.span.start < e.span.end)).collect();
        let label_of = |k: usize| spans.get(k).map(|e| e.label.as_str()).unwrap_or("");
        let named: Vec<usize> = overlapping.iter().copied().filter(|&k| matches!(label_of(k), "PERSON" | "ORGANIZATION" | "MISC")).collect();
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
            let label = label_of(named[0]);
            let before = a.checked_sub(1).map(|i| doc.token_text(i).to_ascii_lowercase()).unwrap_or_default();
            let locative = LOCATIVE.contains(&before.as_str());
            if !locative && (label == "ORGANIZATION" || b - a == 1) {
                continue;
            }
        }
        // every tag in the match must be one of ours to rewrite (no DATE or NUMBER inside)
        let ours = |x: u8| x == 0 || ner_type(x).is_some_and(|t| [loc, person, org, misc].contains(&t));
        if !(a..b).all(|i| doc.tokens.ner.get(i).is_some_and(|&x| ours(x))) {
            continue;
        }
        for i in a..b {
            if let Some(x) = doc.tokens.ner.get_mut(i) {
                *x = if i == a { 1 + 2 * loc } else { 2 + 2 * loc };
            }
        }
        let mut k = overlapping.len();
        while k > 0 {
            k -= 1;
            if let Some(&ix) = overlapping.get(k) {
                spans.remove(ix);
            }
        }
        spans.push(LabeledSpan { span: m.span, label: "LOCATION".into() });
        changed = true;
    }
    if changed {
        spans.sort_by_key(|e| (e.span.start, e.span.end));
        doc.layer_mut("entities").spans = spans;
    }
}
