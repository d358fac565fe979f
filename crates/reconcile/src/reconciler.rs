//! The streaming reconciler: `add` keeps compact per-document summaries
//! (never texts), `finish` resolves entities and builds the groups.

use crate::accusations::{self, MutualAccusation, Party};
use crate::actors::ActorList;
use crate::entities::{mention_key, role_before, Entity, EntityCollector, EntityTable, Mention};
use crate::figures::{self, claim_day, scope_of, sentence_around, who_class, Claim, FigureGroup};
use crate::normalize::{day_number, name_key, person_key};
use crate::outlets::{OutletCollector, OutletProfile};
use crate::statements::{DocInfo, StatementCollector, StatementGroup};
use corroborate_export::DocRecord;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Version of the [`Reconciled`] shape (snapshots of another version are rebuilt).
pub const RECONCILED_VERSION: u32 = 1;

/// Everything reconciliation found over a corpus.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Reconciled {
    pub version: u32,
    pub documents: usize,
    pub entities: Vec<Entity>,
    /// Groups of comparable figures (two claims or more), disputes first.
    pub figure_groups: Vec<FigureGroup>,
    /// The same statement in two documents or more, most documents first.
    pub statements: Vec<StatementGroup>,
    pub accusations: Vec<MutualAccusation>,
    pub outlets: Vec<OutletProfile>,
}

impl Reconciled {
    pub fn disputes(&self) -> impl Iterator<Item = &FigureGroup> {
        self.figure_groups.iter().filter(|g| g.dispute)
    }

    /// The entity a user's query names: its id, the actor list's resolution,
    /// or a spelling seen in the corpus (case, accents and titles ignored).
    pub fn find_entity<'a>(&'a self, actors: &'a ActorList, query: &str) -> Option<&'a Entity> {
        if let Some(e) = self.entities.iter().find(|e| e.id == query) {
            return Some(e);
        }
        self.name_index(actors).resolve(query)
    }

    /// A lookup from names to this result's entities, for resolving many names.
    pub fn name_index<'a>(&'a self, actors: &'a ActorList) -> NameIndex<'a> {
        let mut by_key = HashMap::new();
        let mut by_actor = HashMap::new();
        for e in &self.entities {
            if e.listed {
                by_actor.insert(e.name.as_str(), e);
            }
            for v in std::iter::once(e.name.as_str()).chain(e.variants.iter().map(|v| v.name.as_str())) {
                by_key.entry(person_key(v)).or_insert(e);
                by_key.entry(name_key(v)).or_insert(e);
            }
        }
        NameIndex { actors, by_key, by_actor }
    }
}

/// Names → entities of one [`Reconciled`] (see [`Reconciled::name_index`]).
pub struct NameIndex<'a> {
    actors: &'a ActorList,
    by_key: HashMap<String, &'a Entity>,
    by_actor: HashMap<&'a str, &'a Entity>,
}

impl<'a> NameIndex<'a> {
    /// The actor list first (metonyms, roles), then spellings seen in the corpus.
    pub fn resolve(&self, name: &str) -> Option<&'a Entity> {
        if let Some(a) = self.actors.resolve(name).and_then(|ix| self.actors.get(ix)) {
            if let Some(e) = self.by_actor.get(a.name.as_str()) {
                return Some(e);
            }
        }
        self.by_key.get(&person_key(name)).or_else(|| self.by_key.get(&name_key(name))).copied()
    }
}

struct DocMeta {
    id: String,
    outlet: Option<String>,
    published: Option<String>,
    day: Option<i32>,
}

/// A figure until `finish`, compact (document fields live once in `docs`;
/// the scope is in the block key). The source is resolved at `finish`.
struct PendingClaim {
    doc: u32,
    index: u32,
    start: u32,
    end: u32,
    day: Option<i32>,
    min: Option<f64>,
    max: Option<f64>,
    qualifier: Box<str>,
    source: Option<Box<str>>,
    text: Box<str>,
    when: Option<Box<str>>,
}

/// The name to resolve for a statement's speaker: the record's speaker name,
/// unless the source text is a longer form of the same mention ("Staffan"
/// against the source "Staffan de Mistura"), which names the person better.
pub fn speaker_name(a: &corroborate_export::contract::Attribution) -> Option<&str> {
    let source = a.source.as_ref().map(|s| s.text.as_str());
    match (a.speaker.as_ref().map(|s| s.name.as_str()), source) {
        // Only a one-word speaker name is widened, and only to a short source
        // ("Staffan" → "Staffan de Mistura", not "recent claims by Vitaly Churkin, ...").
        (Some(n), Some(src))
            if !n.trim().contains(' ')
                && src.split_whitespace().count() <= 4
                && src.len() > n.len()
                && src.to_lowercase().contains(&n.to_lowercase()) =>
        {
            Some(src)
        }
        (Some(n), _) => Some(n),
        (None, src) => src,
    }
}

pub struct Reconciler {
    actors: ActorList,
    docs: Vec<DocMeta>,
    entities: EntityCollector,
    blocks: HashMap<String, Vec<PendingClaim>>,
    statements: StatementCollector,
    accusations: Vec<accusations::Pending>,
    outlets: OutletCollector,
}

impl Reconciler {
    pub fn new(actors: ActorList) -> Self {
        Reconciler {
            actors,
            docs: Vec::new(),
            entities: EntityCollector::default(),
            blocks: HashMap::new(),
            statements: StatementCollector::default(),
            accusations: Vec::new(),
            outlets: OutletCollector::default(),
        }
    }

    pub fn actors(&self) -> &ActorList {
        &self.actors
    }

    /// Folds one document's record in. Only summaries are kept; the text is
    /// read here (for each figure's sentence) and dropped.
    pub fn add(&mut self, rec: &DocRecord) {
        let n = self.docs.len() as u32;
        let day = rec.published.as_deref().and_then(day_number);
        self.docs.push(DocMeta {
            id: rec.doc.clone(),
            outlet: rec.outlet.clone().filter(|o| !o.trim().is_empty()),
            published: rec.published.clone(),
            day,
        });
        let actors = &self.actors;
        let ents = &mut self.entities;
        // Record offsets are code points; one index per document converts them.
        let cix = corroborate_model::CharIndex::new(&rec.text);
        for a in &rec.attributions {
            let name = speaker_name(a);
            if let Some(name) = name {
                let kind = a.speaker.as_ref().and_then(|s| s.kind.as_deref());
                let role = a.speaker.as_ref().and_then(|s| s.role.clone()).filter(|r| r.chars().count() > 3);
                // The record may miss a title written before the name; read it from the text.
                let role = role.or_else(|| a.source.as_ref().and_then(|s| role_before(&rec.text, cix.byte_of(s.start))));
                ents.add(actors, n, Mention { text: name, kind, role: role.as_deref(), speaker: true });
            }
            for v in &a.via {
                ents.add(actors, n, Mention { text: &v.name, kind: v.kind.as_deref(), role: v.role.as_deref(), speaker: false });
            }
            let content: Vec<&str> = a.content.iter().map(|c| c.text.as_str()).collect();
            if let (Some(first), Some(last)) = (a.content.first(), a.content.last()) {
                self.statements.add(n, name, &a.kind, &content.join(" "), first.start, last.end);
            }
        }
        for e in &rec.entities {
            // Recogniser mentions must look like names: "de" alone is a particle.
            let capitalised = e.text.chars().next().is_some_and(char::is_uppercase);
            if capitalised && matches!(e.label.as_str(), "PERSON" | "ORGANIZATION" | "ORG") {
                ents.add(actors, n, Mention { text: &e.text, kind: None, role: None, speaker: false });
            }
        }
        // Listed actors named in the text itself (titles like "American
        // ambassador to the United Nations" that no statement attributes).
        for m in actors.find_in(&rec.text) {
            ents.add(actors, n, Mention { text: m, kind: None, role: None, speaker: false });
        }
        for acc in &rec.accusations {
            let accuser = acc.accuser.clone().unwrap_or_default();
            if let Some(a) = acc.accuser.as_deref() {
                ents.add(actors, n, Mention { text: a, kind: None, role: None, speaker: false });
            }
            ents.add(actors, n, Mention { text: &acc.accused.text, kind: None, role: None, speaker: false });
            if accuser.is_empty() {
                continue;
            }
            let p = accusations::Pending {
                doc: n,
                day,
                accuser,
                accused: acc.accused.text.clone(),
                about: acc.about.as_ref().map(|t| t.text.clone()),
                cue: acc.cue.text.clone(),
                start: acc.cue.start,
                end: acc.cue.end,
            };
            self.accusations.extend(accusations::expand(p));
        }
        for (index, f) in rec.figures.iter().enumerate() {
            if let Some(s) = f.source.as_deref() {
                ents.add(actors, n, Mention { text: s, kind: None, role: None, speaker: false });
            }
            let Some(category) = f.category.as_deref().filter(|c| !c.is_empty()) else { continue };
            if f.min.is_none() && f.max.is_none() {
                continue;
            }
            let scope = scope_of(sentence_around(&rec.text, cix.byte_of(f.start), cix.byte_of(f.end)));
            let who = who_class(f.who.as_deref());
            let key = figures::block_key(category, &who, f.place.as_deref(), n, &scope);
            self.blocks.entry(key).or_default().push(PendingClaim {
                doc: n,
                index: index as u32,
                start: f.start as u32,
                end: f.end as u32,
                day: claim_day(f.when.as_deref(), rec.published.as_deref()),
                min: f.min,
                max: f.max,
                qualifier: f.qualifier.as_str().into(),
                source: f.source.as_deref().map(Into::into),
                text: f.text.as_str().into(),
                when: f.when.as_deref().map(Into::into),
            });
        }
        let outlets = &mut self.outlets;
        outlets.add(rec, &|name| mention_key(actors, name).map(|(k, _)| k));
    }

    pub fn finish(self) -> Reconciled {
        let Reconciler { actors, docs, entities, mut blocks, statements, accusations, outlets } = self;
        let table: EntityTable = entities.finish(
            &actors,
            &|d| docs.get(d as usize).map(|m| m.id.clone()).unwrap_or_default(),
            &|d| docs.get(d as usize).and_then(|m| m.outlet.clone()),
        );
        let resolve = |name: &str| table.resolve(&actors, name).and_then(|i| table.entities.get(i));

        let mut figure_groups = Vec::new();
        let mut keys: Vec<String> = blocks.keys().cloned().collect();
        keys.sort();
        for key in keys {
            // Taken out of the map so each block's memory is freed once grouped.
            let Some(block) = blocks.remove(&key) else { continue };
            if block.len() < 2 {
                continue;
            }
            let scope = key.rsplit('\u{1f}').next().unwrap_or("total").to_string();
            let pending: Vec<figures::Pending> = block
                .into_iter()
                .map(|p| {
                    let meta = docs.get(p.doc as usize);
                    let mut claim = Claim {
                        doc: meta.map(|m| m.id.clone()).unwrap_or_default(),
                        outlet: meta.and_then(|m| m.outlet.clone()),
                        published: meta.and_then(|m| m.published.clone()),
                        source: p.source.map(String::from),
                        source_entity: None,
                        min: p.min,
                        max: p.max,
                        qualifier: p.qualifier.into(),
                        text: p.text.into(),
                        start: p.start as usize,
                        end: p.end as usize,
                        when: p.when.map(String::from),
                        index: p.index as usize,
                        scope: scope.clone(),
                    };
                    let entity = claim.source.as_deref().and_then(resolve);
                    claim.source_entity = entity.map(|e| e.id.clone());
                    let source_key = match (entity, claim.source.as_deref()) {
                        (Some(e), _) => format!("e:{}", e.id),
                        (None, Some(s)) => format!("n:{}", person_key(s)),
                        (None, None) => format!("o:{}", claim.outlet.as_deref().unwrap_or("")),
                    };
                    figures::Pending { claim, day: p.day, source_key }
                })
                .collect();
            figures::build_groups(&key, pending, &mut figure_groups);
        }
        figure_groups.sort_by(|a, b| {
            b.dispute.cmp(&a.dispute).then(b.documents.cmp(&a.documents)).then(b.total_claims.cmp(&a.total_claims))
        });
        for (i, g) in figure_groups.iter_mut().enumerate() {
            g.id = format!("g{}", i + 1);
        }

        let statements = statements.finish(&|d| {
            let m = docs.get(d as usize)?;
            Some(DocInfo { id: &m.id, outlet: m.outlet.as_deref(), published: m.published.as_deref(), day: m.day })
        });

        let root_of = |e: &Entity| {
            let mut cur = e;
            for _ in 0..8 {
                match cur.parent.as_deref().and_then(|p| table.entities.iter().find(|x| x.id == p)) {
                    Some(p) => cur = p,
                    None => break,
                }
            }
            cur.id.clone()
        };
        let party = |name: &str| {
            let e = resolve(name)?;
            Some(Party { entity: e.id.clone(), name: e.name.clone(), root: root_of(e), camp: e.camp.clone() })
        };
        let accusations = accusations::pair(&accusations, &party, &|d| {
            docs.get(d as usize)
                .map(|m| (m.id.clone(), m.outlet.clone(), m.published.clone()))
                .unwrap_or_default()
        });

        let by_key = |k: &str| -> Option<String> {
            if let Some(ix) = k.strip_prefix("actor:").and_then(|i| i.parse::<usize>().ok()) {
                return actors.get(ix).map(|a| a.name.clone());
            }
            resolve(k).map(|e| e.name.clone())
        };
        let outlets = outlets.finish(&by_key);
        Reconciled {
            version: RECONCILED_VERSION,
            documents: docs.len(),
            entities: table.entities,
            figure_groups,
            statements,
            accusations,
            outlets,
        }
    }
}
