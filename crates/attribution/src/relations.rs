//! Attributions as the core model's generic [`Relation`]s, so they travel
//! with the `Document` through the pipeline (name "attribution", label = the
//! kind, arguments "source", "cue", "content"; attrs `speaker`, `speaker_type`,
//! `speaker_role`, `speaker_affiliation` and `via`, a JSON array of
//! `{"name", "type"}` as the v1.2 contract reads them). Scare quotes are
//! relations named "scare_quote" with one argument "quote".

use crate::extract::{analyse, Attribution, Found, Kind};
use crate::speaker::Speaker;
use corroborate_model::{Document, Relation, RelationArg, Span};

pub const RELATION: &str = "attribution";
pub const SCARE_QUOTE: &str = "scare_quote";

/// Extracts the document's attributions (with speakers and relays) and scare
/// quotes and records them in `doc.relations` (replacing earlier ones). The
/// document must have been analysed by the language core.
pub fn annotate(doc: &mut Document) {
    let found = analyse(doc);
    doc.relations.retain(|r| r.name != RELATION && r.name != SCARE_QUOTE);
    doc.relations.extend(found.found.iter().map(found_to_relation));
    doc.relations.extend(found.scare_quotes.iter().map(|&q| scare_relation(q)));
}

pub fn scare_relation(q: Span) -> Relation {
    Relation {
        name: SCARE_QUOTE.into(),
        label: String::new(),
        args: vec![RelationArg { role: "quote".into(), spans: vec![q] }],
        attrs: Vec::new(),
    }
}

/// The `via` attr: a JSON array of `{"name", "type"}`, nearest the speaker first.
pub fn via_json(via: &[Speaker]) -> String {
    let items: Vec<serde_json::Value> =
        via.iter().map(|s| serde_json::json!({"name": s.name, "type": s.kind.as_str()})).collect();
    serde_json::Value::Array(items).to_string()
}

/// An attribution with its speaker attrs.
pub fn found_to_relation(f: &Found) -> Relation {
    let mut r = to_relation(&f.attribution);
    if let Some(s) = &f.speaker {
        r.attrs.push(("speaker".into(), s.name.clone()));
        r.attrs.push(("speaker_type".into(), s.kind.as_str().into()));
        if let Some(role) = &s.role {
            r.attrs.push(("speaker_role".into(), role.clone()));
        }
        if let Some(aff) = &s.affiliation {
            r.attrs.push(("speaker_affiliation".into(), aff.clone()));
        }
    }
    if !f.via.is_empty() {
        r.attrs.push(("via".into(), via_json(&f.via)));
    }
    r
}

pub fn to_relation(a: &Attribution) -> Relation {
    let mut args = Vec::with_capacity(3);
    if let Some(src) = &a.source {
        args.push(RelationArg { role: "source".into(), spans: src.clone() });
    }
    args.push(RelationArg { role: "cue".into(), spans: a.cue.clone() });
    args.push(RelationArg { role: "content".into(), spans: a.content.clone() });
    Relation { name: RELATION.into(), label: a.kind.as_str().into(), args, attrs: Vec::new() }
}

/// The attribution a relation records, if it is one.
pub fn from_relation(r: &Relation) -> Option<Attribution> {
    if r.name != RELATION {
        return None;
    }
    let kind = match r.label.as_str() {
        "direct" => Kind::Direct,
        "indirect" => Kind::Indirect,
        "mixed" => Kind::Mixed,
        "according_to" => Kind::AccordingTo,
        _ => Kind::NoSource,
    };
    let source = Some(r.arg("source").to_vec()).filter(|s| !s.is_empty());
    Some(Attribution { kind, source, cue: r.arg("cue").to_vec(), content: r.arg("content").to_vec() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use corroborate_model::Span;

    #[test]
    fn relation_round_trip() {
        let a = Attribution {
            kind: Kind::AccordingTo,
            source: Some(vec![Span::new(13, 19)]),
            cue: vec![Span::new(0, 12)],
            content: vec![Span::new(21, 40), Span::new(45, 50)],
        };
        assert_eq!(from_relation(&to_relation(&a)), Some(a.clone()));
        let no_source = Attribution { kind: Kind::NoSource, source: None, ..a };
        assert_eq!(from_relation(&to_relation(&no_source)), Some(no_source));
    }

    #[test]
    fn speaker_and_via_attrs() {
        use crate::speaker::SpeakerType;
        let a = Attribution { kind: Kind::Indirect, source: Some(vec![Span::new(0, 5)]), cue: vec![Span::new(6, 10)], content: vec![Span::new(11, 20)] };
        let sp = |n: &str, k| Speaker { name: n.into(), kind: k, role: None, affiliation: None };
        let f = Found {
            attribution: a,
            speaker: Some(Speaker { role: Some("spokesman".into()), ..sp("Rupert Colville", SpeakerType::Person) }),
            via: vec![sp("Interfax \"news\"", SpeakerType::Media)],
        };
        let r = found_to_relation(&f);
        assert_eq!(r.attr("speaker"), Some("Rupert Colville"));
        assert_eq!(r.attr("speaker_type"), Some("person"));
        assert_eq!(r.attr("speaker_role"), Some("spokesman"));
        assert_eq!(r.attr("speaker_affiliation"), None);
        let via: serde_json::Value = serde_json::from_str(r.attr("via").unwrap_or("")).expect("via is JSON");
        assert_eq!(via[0]["name"], "Interfax \"news\"");
        assert_eq!(via[0]["type"], "media");
    }
}
