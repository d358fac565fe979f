//! The streaming reconciler: `add` keeps compact per-document summaries
//! (never texts), `finish` resolves entities and builds the groups.

use crate::accusations::{self, MutualAccusation, Party};
use crate::actors::ActorList;
use crate::entities::{mention_key, role_before, Entity, EntityCollector, EntityTable, Mention};
use crate::figures::{self, claim_day, who_class, Claim, FigureGroup};
use crate::intern::{Arena, Chunks, Interner};
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

/// "No day" in the compact per-document and per-claim state.
const NO_DAY: i32 = i32::MIN;

fn day_opt(d: i32) -> Option<i32> {
    (d != NO_DAY).then_some(d)
}

/// Per-document fields kept until `finish`, as columns: the id's bytes plus
/// 20 bytes (id end offset, interned outlet and publication date, day).
#[derive(Default)]
struct Docs {
    ids: Arena,
    outlet: Vec<u32>,
    published: Vec<u32>,
    day: Vec<i32>,
}

impl Docs {
    fn id(&self, d: u32) -> &str {
        self.ids.get(d as usize).unwrap_or("")
    }
    fn outlet<'s>(&self, strings: &'s Interner, d: u32) -> Option<&'s str> {
        strings.get_opt(*self.outlet.get(d as usize)?)
    }
    fn published<'s>(&self, strings: &'s Interner, d: u32) -> Option<&'s str> {
        strings.get_opt(*self.published.get(d as usize)?)
    }
    fn day(&self, d: u32) -> Option<i32> {
        self.day.get(d as usize).copied().and_then(day_opt)
    }
}

/// A figure block's key (category, who class, place, scope) as interned ids.
/// Place-less figures compare only within their document, so their blocks
/// are keyed by the document instead (and never enter the shared map).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct BlockKey {
    category: u32,
    who: u32,
    /// Interned place key, or the document number when `doc_block`.
    place: u32,
    doc_block: bool,
    scope: u32,
}

/// A figure until `finish`: 64 bytes, all strings interned (document fields
/// live once in `Docs`; the scope is in the block key). The source is
/// resolved at `finish`.
struct PendingClaim {
    block: u32,
    doc: u32,
    index: u32,
    start: u32,
    end: u32,
    day: i32,
    min: f64,
    max: f64,
    qualifier: u32,
    source: u32,
    text: u32,
    when: u32,
    /// Bit 0: `min` present; bit 1: `max` present.
    has: u8,
}

/// An accusation until `finish`: 32 bytes, strings interned.
struct PendingAccusation {
    doc: u32,
    day: i32,
    accuser: u32,
    accused: u32,
    about: u32,
    cue: u32,
    start: u32,
    end: u32,
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
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
    strings: Interner,
    docs: Docs,
    entities: EntityCollector,
    /// Block ids of keyed (placed) blocks; `blocks[id]` is the key.
    block_ids: HashMap<BlockKey, u32>,
    blocks: Vec<BlockKey>,
    claims: Chunks<PendingClaim>,
    statements: StatementCollector,
    accusations: Chunks<PendingAccusation>,
    outlets: OutletCollector,
}

impl Reconciler {
    pub fn new(actors: ActorList) -> Self {
        Reconciler {
            actors,
            strings: Interner::default(),
            docs: Docs::default(),
            entities: EntityCollector::default(),
            block_ids: HashMap::new(),
            blocks: Vec::new(),
            claims: Chunks::default(),
            statements: StatementCollector::default(),
            accusations: Chunks::default(),
            outlets: OutletCollector::default(),
        }
    }

    /// Approximate heap bytes of the state kept so far, by part (what the
    /// scale benchmark reports; the bounds in docs/reconcile.md come from it).
    pub fn heap_parts(&self) -> Vec<(&'static str, usize)> {
        let (wordings, members, index, groups) = self.statements.heap_bytes();
        let acc = self.accusations.heap_bytes();
        vec![
            ("documents", self.docs.ids.heap_bytes() + (self.docs.outlet.capacity() + self.docs.published.capacity() + self.docs.day.capacity()) * 4),
            ("strings", self.strings.heap_bytes()),
            ("figure claims", self.claims.heap_bytes()),
            ("figure blocks", self.blocks.capacity() * std::mem::size_of::<BlockKey>() + crate::intern::map_bytes(&self.block_ids)),
            ("entities", self.entities.heap_bytes()),
            ("statement wordings", wordings),
            ("statement appearances", members),
            ("statement index", index + groups),
            ("accusations", acc),
        ]
    }

    pub fn actors(&self) -> &ActorList {
        &self.actors
    }

    /// Folds one document's record in. Only summaries are kept; the text is
    /// read here (for each figure's sentence) and dropped.
    pub fn add(&mut self, rec: &DocRecord) {
        let n = to_u32(self.docs.ids.len());
        let day = rec.published.as_deref().and_then(day_number);
        let strings = &mut self.strings;
        self.docs.ids.push(&rec.doc);
        self.docs.outlet.push(strings.intern_opt(rec.outlet.as_deref().filter(|o| !o.trim().is_empty())));
        self.docs.published.push(strings.intern_opt(rec.published.as_deref()));
        self.docs.day.push(day.unwrap_or(NO_DAY));
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
                // Roles are people's titles; what precedes an organisation's name is no role of it.
                // And a title names an office or occupation ("Airstrikes" before "Assad" is none).
                let role = role.filter(|r| kind.is_none_or(|k| k == "person") && crate::entities::is_title(r));
                ents.add(actors, n, Mention { text: name, kind, role: role.as_deref(), speaker: true });
            }
            for v in &a.via {
                let role = v.role.as_deref().filter(|r| crate::entities::is_title(r));
                ents.add(actors, n, Mention { text: &v.name, kind: v.kind.as_deref(), role, speaker: false });
            }
            let content: Vec<&str> = a.content.iter().map(|c| c.text.as_str()).collect();
            if let (Some(first), Some(last)) = (a.content.first(), a.content.last()) {
                self.statements.add(n, name, &a.kind, &content.join(" "), first.start, last.end);
            }
        }
        for e in &rec.entities {
            // Recogniser mentions must look like names: "de" alone is a particle.
            let capitalised = e.text.chars().next().is_some_and(char::is_uppercase);
            if capitalised && matches!(e.label.as_str(), "PERSON" | "ORGANIZATION" | "ORG") && !crate::entities::page_furniture(&e.text) && !actors.is_name_fragment(&e.text) {
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
            for p in accusations::expand(p) {
                self.accusations.push(PendingAccusation {
                    doc: p.doc,
                    day: p.day.unwrap_or(NO_DAY),
                    accuser: strings.intern(&p.accuser),
                    accused: strings.intern(&p.accused),
                    about: strings.intern_opt(p.about.as_deref()),
                    cue: strings.intern(&p.cue),
                    start: to_u32(p.start),
                    end: to_u32(p.end),
                });
            }
        }
        // This document's place-less blocks (keyed by the document, so local).
        let mut own_blocks: HashMap<(u32, u32, u32), u32> = HashMap::new();
        for (index, f) in rec.figures.iter().enumerate() {
            if let Some(s) = f.source.as_deref() {
                ents.add(actors, n, Mention { text: s, kind: None, role: None, speaker: false });
            }
            let Some(category) = f.category.as_deref().filter(|c| !c.is_empty()) else { continue };
            if f.min.is_none() && f.max.is_none() {
                continue;
            }
            let scope = figures::scope_around(&rec.text, cix.byte_of(f.start), cix.byte_of(f.end));
            let (category, who, scope) =
                (strings.intern(category), strings.intern(&who_class(f.who.as_deref())), strings.intern(&scope));
            if let Some(p) = f.place.as_deref() {
                ents.add_place(n, p);
            }
            let place = f.place.as_deref().map(name_key).filter(|p| !p.is_empty());
            let next = to_u32(self.blocks.len());
            let block = match place {
                Some(p) => {
                    let key = BlockKey { category, who, place: strings.intern(&p), doc_block: false, scope };
                    *self.block_ids.entry(key).or_insert_with(|| {
                        self.blocks.push(key);
                        next
                    })
                }
                None => *own_blocks.entry((category, who, scope)).or_insert_with(|| {
                    self.blocks.push(BlockKey { category, who, place: n, doc_block: true, scope });
                    next
                }),
            };
            self.claims.push(PendingClaim {
                block,
                doc: n,
                index: to_u32(index),
                start: to_u32(f.start),
                end: to_u32(f.end),
                day: claim_day(f.when.as_deref(), rec.published.as_deref()).unwrap_or(NO_DAY),
                min: f.min.unwrap_or(0.0),
                max: f.max.unwrap_or(0.0),
                qualifier: strings.intern(f.qualifier.as_str()),
                source: strings.intern_opt(f.source.as_deref()),
                text: strings.intern(&f.text),
                when: strings.intern_opt(f.when.as_deref()),
                has: u8::from(f.min.is_some()) | (u8::from(f.max.is_some()) << 1),
            });
        }
        let outlets = &mut self.outlets;
        outlets.add(rec, &|name| mention_key(actors, name).map(|(k, _)| k));
    }

    pub fn finish(self) -> Reconciled {
        let Reconciler { actors, strings, docs, entities, block_ids, blocks, claims, statements, accusations, outlets } =
            self;
        drop(block_ids);
        let table: EntityTable = entities.finish(
            &actors,
            &|d| docs.id(d).to_string(),
            &|d| docs.outlet(&strings, d).map(str::to_string),
        );
        let resolve = |name: &str| table.resolve(&actors, name).and_then(|i| table.entities.get(i));
        let mut figure_groups = figure_groups(&strings, &docs, &blocks, claims, &resolve);
        drop(blocks);
        figure_groups.sort_by(|a, b| {
            b.dispute.cmp(&a.dispute).then(b.documents.cmp(&a.documents)).then(b.total_claims.cmp(&a.total_claims))
        });
        for (i, g) in figure_groups.iter_mut().enumerate() {
            g.id = format!("g{}", i + 1);
        }

        let statements = statements.finish(&|d| {
            Some(DocInfo {
                id: docs.ids.get(d as usize)?,
                outlet: docs.outlet(&strings, d),
                published: docs.published(&strings, d),
                day: docs.day(d),
            })
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
        let accusations: Vec<PendingAccusation> = accusations.into_vec_filtered(|_| true);
        let s = |id: u32| strings.get(id).unwrap_or("");
        let get = |i: usize| {
            let a = accusations.get(i)?;
            Some(accusations::PendingRef {
                doc: a.doc,
                day: day_opt(a.day),
                accuser: s(a.accuser),
                accused: s(a.accused),
                about: strings.get_opt(a.about),
                cue: s(a.cue),
                start: a.start as usize,
                end: a.end as usize,
            })
        };
        let accusations = accusations::pair_refs(accusations.len(), &get, &party, &|d| {
            (
                docs.id(d).to_string(),
                docs.outlet(&strings, d).map(str::to_string),
                docs.published(&strings, d).map(str::to_string),
            )
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
            documents: docs.ids.len(),
            entities: table.entities,
            figure_groups,
            statements,
            accusations,
            outlets,
        }
    }
}

/// Builds the figure groups block by block from the compact claims, in the
/// order of the blocks' key strings (the tie order of the final sort). A
/// window is counted from the compact claims; only its listed claims (at
/// most [`figures::MAX_CLAIMS`]) become full `Claim`s.
fn figure_groups<'t>(
    strings: &Interner,
    docs: &Docs,
    blocks: &[BlockKey],
    claims: Chunks<PendingClaim>,
    resolve: &dyn Fn(&str) -> Option<&'t Entity>,
) -> Vec<FigureGroup> {
    let s = |id: u32| strings.get(id).unwrap_or("");
    let mut count = vec![0u32; blocks.len()];
    for c in claims.iter() {
        if let Some(n) = count.get_mut(c.block as usize) {
            *n = n.saturating_add(1);
        }
    }
    // Blocks of two claims or more, by key string (as `figures::block_key` writes it).
    let mut live: Vec<(String, u32)> = blocks
        .iter()
        .zip(&count)
        .enumerate()
        .filter(|(_, (_, &n))| n >= 2)
        .map(|(b, (k, _))| {
            let place = if k.doc_block { format!("\u{0}doc{}", k.place) } else { s(k.place).to_string() };
            (format!("{}\u{1f}{}\u{1f}{place}\u{1f}{}", s(k.category), s(k.who), s(k.scope)), to_u32(b))
        })
        .collect();
    drop(count);
    live.sort();
    let mut rank = vec![u32::MAX; blocks.len()];
    for (r, (_, b)) in live.iter().enumerate() {
        if let Some(slot) = rank.get_mut(*b as usize) {
            *slot = to_u32(r);
        }
    }
    let rank_of = |c: &PendingClaim| rank.get(c.block as usize).copied().unwrap_or(u32::MAX);
    let mut claims = claims.into_vec_filtered(|c| rank_of(c) != u32::MAX);
    // Within a block, insertion order is (document, figure index): keeping it
    // as the last key reproduces the stable sorts this replaced.
    claims.sort_unstable_by_key(|c| (rank_of(c), c.doc, c.index));
    // Documents ranked by id, for the (day, document id) order inside blocks.
    let mut by_id: Vec<u32> = (0..to_u32(docs.ids.len())).collect();
    by_id.sort_by(|&a, &b| docs.id(a).cmp(docs.id(b)));
    let mut doc_rank = vec![0u32; by_id.len()];
    for (r, &d) in by_id.iter().enumerate() {
        if let Some(slot) = doc_rank.get_mut(d as usize) {
            *slot = to_u32(r);
        }
    }
    drop(by_id);

    // Source name (or, unsourced, outlet) id → (resolved entity, source
    // key): resolved once each, not once per claim.
    let mut sources: HashMap<(bool, u32), (Option<&Entity>, String)> = HashMap::new();
    let source_of = |p: &PendingClaim| {
        if p.source != crate::intern::NONE { (true, p.source) } else { (false, *docs.outlet.get(p.doc as usize).unwrap_or(&crate::intern::NONE)) }
    };
    // Blocks are taken from the end so the claims' memory shrinks as the
    // groups' grows; `out` is built backwards and reversed at the end.
    let mut out = Vec::new();
    for (key, _) in live.iter().rev() {
        let last = claims.last().map(rank_of);
        let n = claims.iter().rev().take_while(|c| Some(rank_of(c)) == last).count();
        let start = claims.len().saturating_sub(n);
        let Some(block) = claims.get_mut(start..) else { continue };
        let (category, who, place, scope) = figures::key_parts(key);
        let mut groups = Vec::new();
        block.sort_by_key(|c| (day_opt(c.day), doc_rank.get(c.doc as usize).copied().unwrap_or(0), c.doc, c.index));
        let days: Vec<Option<i32>> = block.iter().map(|c| day_opt(c.day)).collect();
        for w in figures::split_windows(&days) {
            if w.len() < 2 {
                continue;
            }
            for p in w.iter().filter_map(|&ix| block.get(ix)) {
                let (is_source, id) = source_of(p);
                sources.entry((is_source, id)).or_insert_with(|| match strings.get_opt(id) {
                    Some(name) if is_source => match resolve(name) {
                        Some(e) => (Some(e), format!("e:{}", e.id)),
                        None => (None, format!("n:{}", person_key(name))),
                    },
                    outlet => (None, format!("o:{}", if is_source { "" } else { outlet.unwrap_or("") })),
                });
            }
            let items: Vec<(&PendingClaim, Option<&Entity>)> = w
                .iter()
                .filter_map(|&ix| block.get(ix))
                .map(|p| (p, sources.get(&source_of(p)).and_then(|(e, _)| *e)))
                .collect();
            let counted: Vec<figures::Counted> = items
                .iter()
                .map(|&(p, entity)| figures::Counted {
                    doc: p.doc,
                    day: day_opt(p.day),
                    min: (p.has & 1 != 0).then_some(p.min),
                    max: (p.has & 2 != 0).then_some(p.max),
                    qualifier: s(p.qualifier),
                    source_key: sources.get(&source_of(p)).map_or("", |(_, k)| k.as_str()),
                    // A source's claims are listed under its entity's name ("Observatory",
                    // "the Observatory", "SOHR" → "Syrian Observatory for Human Rights").
                    source: entity.map(|e| e.name.as_str()).or(strings.get_opt(p.source)),
                    outlet: docs.outlet(strings, p.doc),
                    entity: entity.map(|e| e.id.as_str()),
                })
                .collect();
            let Some(mut group) = figures::counted_group(&category, &who, place.as_deref(), &scope, &counted) else {
                continue;
            };
            // Only the listed claims become full `Claim`s.
            let listed = items.len().min(figures::MAX_CLAIMS);
            group.claims.reserve_exact(listed);
            group.claims.extend(items.iter().take(listed).map(|&(p, entity)| Claim {
                doc: docs.id(p.doc).to_string(),
                outlet: docs.outlet(strings, p.doc).map(str::to_string),
                published: docs.published(strings, p.doc).map(str::to_string),
                source: strings.get_opt(p.source).map(str::to_string),
                source_entity: entity.map(|e| e.id.clone()),
                min: (p.has & 1 != 0).then_some(p.min),
                max: (p.has & 2 != 0).then_some(p.max),
                qualifier: s(p.qualifier).to_string(),
                text: s(p.text).to_string(),
                start: p.start as usize,
                end: p.end as usize,
                when: strings.get_opt(p.when).map(str::to_string),
                index: p.index as usize,
                scope: scope.clone(),
            }));
            groups.push(group);
        }
        out.extend(groups.into_iter().rev());
        claims.truncate(start);
        if claims.capacity() > 2 * claims.len() + 4096 {
            claims.shrink_to_fit();
        }
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(doc: &str, outlet: &str, published: &str, figures: serde_json::Value) -> DocRecord {
        serde_json::from_value(serde_json::json!({
            "doc": doc, "title": null, "outlet": outlet, "published": published,
            "text": "Ten people were killed in Aleppo.",
            "attributions": [], "figures": figures, "incidents": [], "entities": [], "framing": [], "hedges": []
        }))
        .expect("a valid record")
    }

    fn killed(value: f64, source: &str, place: Option<&str>) -> serde_json::Value {
        serde_json::json!({"start": 0, "end": 3, "text": "Ten", "min": value, "max": value, "qualifier": "exact",
            "category": "killed", "who": "people", "place": place, "when": null, "source": source})
    }

    #[test]
    fn big_group_lists_the_cap_and_counts_everything() {
        let mut r = Reconciler::new(ActorList::builtin());
        for i in 0..60 {
            let figs = serde_json::json!([killed(10.0, "Local Council", Some("Aleppo")), killed(5.0, "x", None)]);
            r.add(&rec(&format!("d{i:02}"), &format!("o{}", i % 3), "2016-12-13", figs));
        }
        r.add(&rec("late", "other", "2016-12-14", serde_json::json!([killed(100.0, "Medics", Some("aleppo"))])));
        // Another incident in the same place a month later: its own window.
        r.add(&rec("m1", "o1", "2017-01-20", serde_json::json!([killed(3.0, "Medics", Some("Aleppo"))])));
        r.add(&rec("m2", "o2", "2017-01-21", serde_json::json!([killed(3.0, "Local Council", Some("Aleppo"))])));
        let out = r.finish();
        assert_eq!(out.documents, 63);
        assert_eq!(out.figure_groups.len(), 2, "place-less figures stay within their document");
        let g = &out.figure_groups[0];
        assert_eq!((g.id.as_str(), g.dispute, g.total_claims, g.documents), ("g1", true, 61, 61));
        assert_eq!(g.claims.len(), figures::MAX_CLAIMS);
        // Listed claims are complete (only unlisted ones are merely counted).
        let complete = |c: &Claim| c.text == "Ten" && c.scope == "total" && c.end == 3 && c.published.is_some() && c.outlet.is_some();
        assert!(g.claims.iter().all(complete));
        assert_eq!(g.claims.first().map(|c| c.doc.as_str()), Some("d00"), "earliest day, then document id");
        assert_eq!(g.sources.iter().map(|s| s.claims).sum::<usize>(), 61);
        assert_eq!(g.sources.first().map(|s| (s.source.as_str(), s.claims)), Some(("Local Council", 60)));
        assert_eq!((g.from.as_deref(), g.to.as_deref()), (Some("2016-12-13"), Some("2016-12-14")));
        let g2 = &out.figure_groups[1];
        assert_eq!((g2.dispute, g2.total_claims, g2.place.as_deref()), (false, 2, Some("aleppo")));
    }

}
