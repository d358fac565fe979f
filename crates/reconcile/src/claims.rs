//! `claims --speaker X --about Y`: statements and figures in one record that
//! a speaker made, optionally about a subject. Streams record by record so
//! the CLI can answer over any store without holding it.

use crate::normalize::words;
use corroborate_export::DocRecord;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimHit {
    pub doc: String,
    pub outlet: Option<String>,
    pub published: Option<String>,
    /// statement | figure
    pub kind: String,
    /// The speaker as the record names them.
    pub speaker: Option<String>,
    /// The resolved entity id, when the caller resolved one.
    pub entity: Option<String>,
    pub text: String,
    /// Code points in the document.
    pub start: usize,
    pub end: usize,
    /// For statements: direct | indirect | ...; for figures: the category.
    pub detail: Option<String>,
}

/// Whether every word of `about` occurs in `text` (case and accents ignored).
pub fn mentions(text: &str, about: &str) -> bool {
    let want = words(about);
    if want.is_empty() {
        return true;
    }
    let have = words(text);
    want.iter().all(|w| have.contains(w))
}

/// The record's claims whose speaker `speaker` accepts (returning its
/// entity id, or `Some(None)` to accept without one) and that mention `about`.
pub fn matching(
    rec: &DocRecord,
    about: Option<&str>,
    speaker: &dyn Fn(Option<&str>) -> Option<Option<String>>,
) -> Vec<ClaimHit> {
    let mut out = Vec::new();
    for a in &rec.attributions {
        let name = crate::speaker_name(a);
        let Some(entity) = speaker(name) else { continue };
        let text: Vec<&str> = a.content.iter().map(|c| c.text.as_str()).collect();
        let text = text.join(" … ");
        if about.is_some_and(|q| !mentions(&text, q)) {
            continue;
        }
        let (Some(first), Some(last)) = (a.content.first(), a.content.last()) else { continue };
        out.push(ClaimHit {
            doc: rec.doc.clone(),
            outlet: rec.outlet.clone(),
            published: rec.published.clone(),
            kind: "statement".into(),
            speaker: name.map(str::to_string),
            entity,
            text,
            start: first.start,
            end: last.end,
            detail: Some(a.kind.clone()),
        });
    }
    for f in &rec.figures {
        let Some(entity) = speaker(f.source.as_deref()) else { continue };
        let described = format!(
            "{} {} {} {}",
            f.text,
            f.category.as_deref().unwrap_or(""),
            f.who.as_deref().unwrap_or(""),
            f.place.as_deref().unwrap_or("")
        );
        if about.is_some_and(|q| !mentions(&described, q)) {
            continue;
        }
        out.push(ClaimHit {
            doc: rec.doc.clone(),
            outlet: rec.outlet.clone(),
            published: rec.published.clone(),
            kind: "figure".into(),
            speaker: f.source.clone(),
            entity,
            text: described.split_whitespace().collect::<Vec<_>>().join(" "),
            start: f.start,
            end: f.end,
            detail: f.category.clone(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn about_needs_every_word() {
        assert!(mentions("The evacuation of Aleppo resumed", "aleppo evacuation"));
        assert!(!mentions("The evacuation of Aleppo resumed", "aleppo ceasefire"));
        assert!(mentions("anything", "  "));
    }
}
