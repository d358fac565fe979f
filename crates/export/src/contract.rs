//! Output contract v1: one JSON object per document (`corroborate extract
//! --format jsonl`). Field names and meanings are frozen for v1; additions go
//! to the end of a struct and are documented, removals need a v2.
//!
//! All offsets are Unicode code points into `text` (as brat and PolNeAR count),
//! converted from the model's byte spans by [`TextSpan::from_span`].

use corroborate_model::{CharIndex, Document, Span};
use serde::{Deserialize, Serialize};

pub const CONTRACT_VERSION: &str = "1.2";

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
    /// person | state | government | armed_group | organisation | media | unnamed (1.2 vocabulary).
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// "spokesman", "UN envoy" — when the text gives one (1.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// "the UN human rights office" — when the text gives one (1.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
}

impl Speaker {
    /// The speaker recorded on a relation: attrs `speaker`, `speaker_type`,
    /// `speaker_role`, `speaker_affiliation` (see `docs/output-contract.md`).
    pub fn from_attrs(r: &corroborate_model::Relation, prefix: &str) -> Option<Self> {
        let get = |k: &str| r.attr(&format!("{prefix}{k}")).filter(|v| !v.is_empty()).map(str::to_string);
        Some(Speaker {
            name: get("")?,
            kind: get("_type"),
            role: get("_role"),
            affiliation: get("_affiliation"),
        })
    }
}

/// A loaded or framing term ("terrorists", "regime") and who used it of whom (1.2).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Framing {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The lexicon's canonical term ("terrorist").
    pub term: String,
    /// The side it names: government | opposition | jihadist | kurdish | coalition | russia | civilians | ...
    pub refers_to: Option<String>,
    /// loaded | neutral
    pub tone: String,
    /// The speaker whose statement contains it, or `null` when it is the outlet's own narration.
    pub used_by: Option<String>,
    /// Index into `attributions` when the term is inside a statement's content.
    pub attribution: Option<usize>,
}

/// Hedging or verification language and what it qualifies (1.2).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hedge {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// unverified | reported | claimed | uncertain | disputed
    pub kind: String,
    /// Indices into `figures` it qualifies.
    pub figures: Vec<usize>,
    /// Indices into `attributions` it qualifies.
    pub attributions: Vec<usize>,
}

/// "A blames B for X" as a statement in this document (1.2). Mutual
/// accusations are found across records by the reconcile stage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Accusation {
    /// Who accuses (the statement's speaker or source text).
    pub accuser: Option<String>,
    /// Who is blamed.
    pub accused: TextSpan,
    /// The accusing word ("accused", "blamed", "responsible for").
    pub cue: TextSpan,
    /// What they are blamed for, when the text says.
    pub about: Option<TextSpan>,
    /// Index into `attributions` of the statement that carries it.
    pub attribution: Option<usize>,
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
    pub framing: Vec<Framing>,
    pub hedges: Vec<Hedge>,
    /// Accusations made in this document (1.2).
    #[serde(default)]
    pub accusations: Vec<Accusation>,
    /// Quoted words that are not attributions: scare quotes and titles (1.2).
    #[serde(default)]
    pub scare_quotes: Vec<TextSpan>,
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
                    speaker: Speaker::from_attrs(r, "speaker"),
                    // `via` is stored as a JSON array of speakers, nearest first.
                    via: r.attr("via").and_then(|v| serde_json::from_str(v).ok()).unwrap_or_default(),
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
        let indices = |r: &corroborate_model::Relation, k: &str| -> Vec<usize> {
            r.attr(k).map(|v| v.split(',').filter_map(|x| x.trim().parse().ok()).collect()).unwrap_or_default()
        };
        let index = |r: &corroborate_model::Relation, k: &str| r.attr(k).and_then(|v| v.parse::<usize>().ok());
        let framing = doc
            .relations
            .iter()
            .filter(|r| r.name == "framing")
            .filter_map(|r| {
                let t = TextSpan::from_span(doc, &ix, *r.arg("term").first()?);
                Some(Framing {
                    start: t.start,
                    end: t.end,
                    term: attr(r, "term").unwrap_or_else(|| t.text.to_lowercase()),
                    text: t.text,
                    refers_to: Some(r.label.clone()).filter(|l| !l.is_empty()),
                    tone: attr(r, "tone").unwrap_or_else(|| "loaded".into()),
                    used_by: attr(r, "used_by"),
                    attribution: index(r, "attribution"),
                })
            })
            .collect();
        let hedges = doc
            .relations
            .iter()
            .filter(|r| r.name == "hedge")
            .filter_map(|r| {
                let t = TextSpan::from_span(doc, &ix, *r.arg("cue").first()?);
                Some(Hedge {
                    start: t.start,
                    end: t.end,
                    text: t.text,
                    kind: r.label.clone(),
                    figures: indices(r, "figures"),
                    attributions: indices(r, "attributions"),
                })
            })
            .collect();
        let accusations = doc
            .relations
            .iter()
            .filter(|r| r.name == "accusation")
            .filter_map(|r| {
                Some(Accusation {
                    accuser: attr(r, "accuser"),
                    accused: TextSpan::from_span(doc, &ix, *r.arg("accused").first()?),
                    cue: TextSpan::from_span(doc, &ix, *r.arg("cue").first()?),
                    about: r.arg("about").first().map(|s| TextSpan::from_span(doc, &ix, *s)),
                    attribution: index(r, "attribution"),
                })
            })
            .collect();
        let scare_quotes = doc
            .relations
            .iter()
            .filter(|r| r.name == "scare_quote")
            .filter_map(|r| Some(TextSpan::from_span(doc, &ix, *r.arg("quote").first()?)))
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
            framing,
            hedges,
            accusations,
            scare_quotes,
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
