//! Attributions as the core model's generic [`Relation`]s, so they travel
//! with the `Document` through the pipeline (name "attribution", label = the
//! kind, arguments "source", "cue", "content").

use crate::extract::{extract, Attribution, Kind};
use corroborate_model::{Document, Relation, RelationArg};

pub const RELATION: &str = "attribution";

/// Extracts the document's attributions and records them in `doc.relations`
/// (replacing earlier ones). The document must have been analysed by the
/// language core.
pub fn annotate(doc: &mut Document) {
    let found = extract(doc);
    doc.relations.retain(|r| r.name != RELATION);
    doc.relations.extend(found.iter().map(to_relation));
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
}
