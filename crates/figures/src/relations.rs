//! Figures and incidents as the core model's generic [`Relation`]s, so they
//! travel with the `Document` through the pipeline and into the output
//! contract: a "figure" (label = category, argument "number", attributes min,
//! max, qualifier, who, place, when, source, perpetrator) and an "incident"
//! (label = type, argument "trigger", attributes actor, target, place, when,
//! toll, figures, main).

use crate::{analyse, link_sources, Figure, Incident};
use corroborate_model::{Document, Relation, RelationArg, Span};

pub const FIGURE: &str = "figure";
pub const INCIDENT: &str = "incident";

/// Extracts figures and incidents and records them in `doc.relations`
/// (replacing earlier ones). Attributions already on the document give a
/// figure its source when no closer rule ("according to X") did (see
/// [`link_sources`]).
pub fn annotate(doc: &mut Document) {
    let (mut ex, incidents) = analyse(doc);
    let contents: Vec<(Span, String)> = doc
        .relations
        .iter()
        .filter(|r| r.name == "attribution")
        .filter_map(|r| {
            let src = r.arg("source");
            let first = src.first()?;
            let cover = src.iter().fold(*first, |a, b| a.cover(*b));
            // The resolved speaker ("he" → "Rupert Colville", "UN human rights spokesman
            // Rupert Colville" → "Rupert Colville"), else the source as written.
            let name = r.attr("speaker").map(str::trim).filter(|s| !s.is_empty()).map_or_else(|| doc.slice(cover).trim().to_string(), str::to_string);
            let content = r.arg("content");
            let c0 = content.first()?;
            Some((content.iter().fold(*c0, |a, b| a.cover(*b)), name))
        })
        .filter(|(_, name)| !name.is_empty())
        .collect();
    link_sources(&mut ex.figures, &contents);
    doc.relations.retain(|r| r.name != FIGURE && r.name != INCIDENT);
    doc.relations.extend(ex.figures.iter().map(figure_relation));
    doc.relations.extend(incidents.iter().map(incident_relation));
}

fn num(v: Option<f64>) -> Option<String> {
    v.map(|x| if x.fract() == 0.0 { format!("{x:.0}") } else { x.to_string() })
}

fn attrs(pairs: Vec<(&str, Option<String>)>) -> Vec<(String, String)> {
    pairs.into_iter().filter_map(|(k, v)| v.map(|v| (k.to_string(), v))).collect()
}

pub fn figure_relation(f: &Figure) -> Relation {
    Relation {
        name: FIGURE.into(),
        label: f.category_str().unwrap_or("").into(),
        args: vec![RelationArg { role: "number".into(), spans: vec![f.span] }],
        attrs: attrs(vec![
            ("min", num(f.min)),
            ("max", num(f.max)),
            ("qualifier", Some(f.qualifier.as_str().to_string())),
            ("who", f.who.clone()),
            ("place", f.place.clone()),
            ("when", f.when.clone()),
            ("source", f.source.clone()),
            ("perpetrator", f.perpetrator.clone()),
        ]),
    }
}

pub fn incident_relation(i: &Incident) -> Relation {
    let figures = i.figures.iter().map(|x| x.to_string()).collect::<Vec<_>>().join(",");
    Relation {
        name: INCIDENT.into(),
        label: i.kind.as_str().into(),
        args: vec![RelationArg { role: "trigger".into(), spans: vec![i.span] }],
        attrs: attrs(vec![
            ("actor", i.actor.clone()),
            ("target", i.target.clone()),
            ("place", i.place.clone()),
            ("when", i.when.clone()),
            ("toll", num(i.toll)),
            ("figures", Some(figures).filter(|s| !s.is_empty())),
            ("main", Some(i.main.to_string())),
        ]),
    }
}
