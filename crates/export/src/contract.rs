//! Output contract v1: one JSON object per document (`corroborate extract
//! --format jsonl`). Field names and meanings are frozen for v1; additions go
//! to the end of a struct and are documented, removals need a v2.
//!
//! All offsets are Unicode code points into `text` (as brat and PolNeAR count),
//! converted from the model's byte spans by [`TextSpan::from_span`].

use corroborate_model::{CharIndex, Document, Span};
use serde::{Deserialize, Serialize};

pub const CONTRACT_VERSION: &str = "1.1";

/// A stretch of the document text, in code points, with the text it covers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextSpan {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl TextSpan {
    pub fn from_span(doc: &Document, ix: &CharIndex<'_>, span: Span) -> Self {
        TextSpan {
            start: ix.char_of(span.start as usize),
            end: ix.char_of(span.end as usize),
            text: doc.slice(span).to_string(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// An attribution relation: who (source) said (cue) what (content).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    /// direct | indirect | mixed | according_to | no_source
    pub kind: String,
    pub source: Option<TextSpan>,
    pub cue: Option<TextSpan>,
    pub content: Vec<TextSpan>,
    pub speaker: Option<Speaker>,
    /// The chain the statement came through, nearest first ("as quoted by Interfax").
    pub via: Vec<Speaker>,
}

/// A number of people (killed, evacuated, ...) and who gave it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub min: Option<f64>,
    /// `null` when open-ended ("at least 82").
    pub max: Option<f64>,
    /// exact | at_least | at_most | about | range | vague
    pub qualifier: String,
    pub category: Option<String>,
    pub who: Option<String>,
    pub place: Option<String>,
    pub when: Option<String>,
    pub source: Option<String>,
    /// Who is blamed ("pro-government forces", "Russian airstrikes"); added in v1.1.
    #[serde(default)]
    pub perpetrator: Option<String>,
}

/// An event (airstrike, shelling, evacuation, ...) with what the text says of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    /// airstrike | shelling | explosion | chemical_attack | shooting | execution | clashes |
    /// siege | ceasefire_declared | ceasefire_extended | ceasefire_breached | evacuation | aid_delivery
    #[serde(rename = "type")]
    pub kind: String,
    /// The words that signal it ("airstrikes", "car bomb").
    pub trigger: TextSpan,
    pub actor: Option<String>,
    pub target: Option<String>,
    pub place: Option<String>,
    pub when: Option<String>,
    pub toll: Option<f64>,
    /// Indices into this record's `figures`.
    pub figures: Vec<usize>,
    /// The article's main incident.
    pub main: bool,
}

/// A named entity mention (from the language core's recogniser).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityMention {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub label: String,
}

/// One document of the v1 contract. Arrays whose analysis has not landed
/// yet are present and empty, so consumers can rely on the shape.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocRecord {
    pub doc: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub text: String,
    pub attributions: Vec<Attribution>,
    pub figures: Vec<Figure>,
    pub incidents: Vec<Incident>,
    pub entities: Vec<EntityMention>,
    pub framing: Vec<serde_json::Value>,
    pub hedges: Vec<serde_json::Value>,
}

impl DocRecord {
    /// Builds the record from whatever layers the document carries.
    pub fn from_document(doc: &Document) -> Self {
        let ix = doc.char_index();
        let entities = doc
            .layer("entities")
            .map(|l| {
                l.spans
                    .iter()
                    .map(|ls| {
                        let t = TextSpan::from_span(doc, &ix, ls.span);
                        EntityMention { start: t.start, end: t.end, text: t.text, label: ls.label.clone() }
                    })
                    .collect()
            })
            .unwrap_or_default();
        let attributions = doc
            .relations
            .iter()
            .filter(|r| r.name == "attribution")
            .map(|r| {
                // Source and cue are single spans in the contract: a discontinuous
                // one is reported as the stretch covering its fragments.
                let cover = |spans: &[Span]| {
                    let first = spans.first()?;
                    Some(TextSpan::from_span(doc, &ix, spans.iter().fold(*first, |a, b| a.cover(*b))))
                };
                Attribution {
                    kind: r.label.clone(),
                    source: cover(r.arg("source")),
                    cue: cover(r.arg("cue")),
                    content: r.arg("content").iter().map(|s| TextSpan::from_span(doc, &ix, *s)).collect(),
                    // Speaker resolution (pronouns, titles, aliases) is not built yet.
                    speaker: None,
                    via: Vec::new(),
                }
            })
            .collect();
        let attr = |r: &corroborate_model::Relation, k: &str| r.attr(k).map(str::to_string);
        let num = |r: &corroborate_model::Relation, k: &str| r.attr(k).and_then(|v| v.parse::<f64>().ok());
        let figures = doc
            .relations
            .iter()
            .filter(|r| r.name == "figure")
            .filter_map(|r| {
                let span = *r.arg("number").first()?;
                let t = TextSpan::from_span(doc, &ix, span);
                Some(Figure {
                    start: t.start,
                    end: t.end,
                    text: t.text,
                    min: num(r, "min"),
                    max: num(r, "max"),
                    qualifier: attr(r, "qualifier").unwrap_or_else(|| "exact".into()),
                    category: Some(r.label.clone()).filter(|c| !c.is_empty()),
                    who: attr(r, "who"),
                    place: attr(r, "place"),
                    when: attr(r, "when"),
                    source: attr(r, "source"),
                    perpetrator: attr(r, "perpetrator"),
                })
            })
            .collect();
        let incidents = doc
            .relations
            .iter()
            .filter(|r| r.name == "incident")
            .filter_map(|r| {
                let span = *r.arg("trigger").first()?;
                Some(Incident {
                    kind: r.label.clone(),
                    trigger: TextSpan::from_span(doc, &ix, span),
                    actor: attr(r, "actor"),
                    target: attr(r, "target"),
                    place: attr(r, "place"),
                    when: attr(r, "when"),
                    toll: num(r, "toll"),
                    figures: r
                        .attr("figures")
                        .map(|v| v.split(',').filter_map(|x| x.parse().ok()).collect())
                        .unwrap_or_default(),
                    main: r.attr("main") == Some("true"),
                })
            })
            .collect();
        DocRecord {
            doc: doc.id.clone(),
            title: doc.meta.title.clone(),
            outlet: doc.meta.outlet.clone(),
            published: doc.meta.published.clone(),
            text: doc.text.clone(),
            attributions,
            figures,
            incidents,
            entities,
            framing: Vec::new(),
            hedges: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use corroborate_model::{LabeledSpan, Meta};

    #[test]
    fn offsets_are_code_points() {
        let mut d = Document::new("004", "“Turkey” said 7,500 left Aleppo.", Meta::default());
        let aleppo = d.text.find("Aleppo").unwrap();
        d.layer_mut("entities")
            .spans
            .push(LabeledSpan { span: Span::new(aleppo, aleppo + 6), label: "LOCATION".into() });
        let r = DocRecord::from_document(&d);
        let e = &r.entities[0];
        assert_eq!(e.text, "Aleppo");
        let chars: Vec<char> = d.text.chars().collect();
        assert_eq!(chars[e.start..e.end].iter().collect::<String>(), "Aleppo");
        assert!(e.start < aleppo, "byte offset must have been converted");
    }

    #[test]
    fn attributions_come_from_relations() {
        use corroborate_model::{Relation, RelationArg};
        let mut d = Document::new("004", "“Go,” Turkey said.", Meta::default());
        let t = d.text.find("Turkey").unwrap();
        let arg = |role: &str, spans: Vec<Span>| RelationArg { role: role.into(), spans };
        d.relations.push(Relation {
            name: "attribution".into(),
            label: "direct".into(),
            args: vec![
                arg("source", vec![Span::new(t, t + 6)]),
                arg("cue", vec![Span::new(t + 7, t + 11)]),
                arg("content", vec![Span::new(3, 5)]),
            ],
            attrs: Vec::new(),
        });
        let r = DocRecord::from_document(&d);
        let a = &r.attributions[0];
        assert_eq!(a.kind, "direct");
        assert_eq!(a.source.as_ref().unwrap().text, "Turkey");
        assert_eq!(a.source.as_ref().unwrap().start, 6, "code points, not bytes");
        assert_eq!(a.cue.as_ref().unwrap().text, "said");
        assert_eq!(a.content[0].text, "Go");
    }

    #[test]
    fn shape_has_every_array() {
        let d = Document::new("x", "Text.", Meta::default());
        let v = serde_json::to_value(DocRecord::from_document(&d)).unwrap();
        for k in ["doc", "title", "outlet", "published", "text", "attributions", "figures", "incidents", "entities", "framing", "hedges"] {
            assert!(v.get(k).is_some(), "missing {k}");
        }
    }
}
