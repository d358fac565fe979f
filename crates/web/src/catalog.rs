//! The in-memory catalogue behind the listing pages: document summaries plus
//! corpus-wide facts gathered from each stored analysis record (figures,
//! statements, entities) and the whole-corpus reconciliation (entities across
//! documents, figure groups and disputes, statement provenance, mutual
//! accusations, outlet profiles). Built once at start and rebuilt after an
//! upload, so every page answers from memory at any corpus size.

use crate::record::load_record;
use corroborate_export::contract::Figure;
use corroborate_export::DocRecord;
use corroborate_reconcile::credibility::{self, ArticleFacts, CorpusContext};
use corroborate_reconcile::{ActorList, Reconciled, Reconciler};
use corroborate_store::{DocSummary, SqliteStore, Store, StoreError};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

pub const UNKNOWN_OUTLET: &str = "(unknown outlet)";

/// A statement someone is reported to have made.
#[derive(Clone, Debug, Serialize)]
pub struct Statement {
    pub doc: String,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub kind: String,
    pub speaker: String,
    pub via: Vec<String>,
    pub content: String,
    /// Code point offset of the statement in the document (for the link).
    pub start: usize,
}

/// A figure with the document it came from.
#[derive(Clone, Debug, Serialize)]
pub struct FigureRef {
    pub doc: String,
    pub outlet: Option<String>,
    pub published: Option<String>,
    /// Position in the document's `figures` (its highlight anchor is `f{index}`).
    pub index: usize,
    pub figure: Figure,
}

/// Per-outlet counts of what the analyses found.
#[derive(Clone, Debug, Default, Serialize)]
pub struct OutletProfile {
    pub documents: usize,
    pub attributions: usize,
    pub attribution_kinds: BTreeMap<String, usize>,
    pub figures: usize,
    pub hedges: usize,
    pub framing: usize,
    pub framing_terms: BTreeMap<String, usize>,
}

#[derive(Default)]
pub struct Catalog {
    pub docs: Vec<DocSummary>,
    /// Per-document counts (same order as `docs`): figures, attributions, entities.
    pub counts: Vec<[u32; 3]>,
    pub by_id: HashMap<String, usize>,
    pub outlets: Vec<(String, usize)>,
    pub by_outlet: HashMap<String, Vec<usize>>,
    pub profiles: HashMap<String, OutletProfile>,
    /// "YYYY-MM" → (documents, figures, incidents).
    pub months: BTreeMap<String, (usize, usize, usize)>,
    pub range: Option<(String, String)>,
    /// Clusters with more than one document: (cluster id, member indices by date).
    pub clusters: Vec<(i64, Vec<usize>)>,
    pub figures: Vec<FigureRef>,
    pub statements: Vec<Statement>,
    /// Entity text → (label, mentions, documents).
    pub entities: HashMap<String, (String, usize, usize)>,
    /// The actor list reconciliation resolved names with.
    pub actors: ActorList,
    /// The whole-corpus cross-check (corroborate-reconcile) of every record.
    pub reconciled: Reconciled,
    /// The entity id of each statement's speaker (same order as `statements`).
    pub statement_entity: Vec<Option<String>>,
    /// Each article's credibility score (same order as `docs`; NaN before scoring).
    pub credibility: Vec<f32>,
    /// Per outlet: articles scored, the sum of their scores, and per signal
    /// (name → how many articles it moved by ≥ 0.05, summed contribution).
    pub credibility_profiles: HashMap<String, CredibilityProfile>,
    /// The corpus every article is checked against (compact facts, no text).
    pub credibility_context: CorpusContext,
    /// (outlet, month) of each document while loading.
    by_outlet_month: Vec<(String, Option<String>)>,
}


pub fn outlet_name(o: &Option<String>) -> &str {
    o.as_deref().filter(|s| !s.trim().is_empty()).unwrap_or(UNKNOWN_OUTLET)
}

/// "YYYY-MM" of an ISO date, if it looks like one.
pub fn month_of(published: Option<&str>) -> Option<&str> {
    let p = published?;
    let m = p.get(..7)?;
    let b = m.as_bytes();
    (b.len() == 7 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' && b[5..].iter().all(u8::is_ascii_digit))
        .then_some(m)
}

impl Catalog {
    pub fn load(store: &SqliteStore) -> Result<Catalog, StoreError> {
        Catalog::load_with(store, ActorList::builtin())
    }

    /// Like [`Catalog::load`], resolving names with `actors`.
    pub fn load_with(store: &SqliteStore, actors: ActorList) -> Result<Catalog, StoreError> {
        let docs = store.summaries()?;
        let mut c = Catalog { docs, ..Catalog::default() };
        let mut reconciler = Reconciler::new(actors.clone());
        let mut facts: Vec<ArticleFacts> = Vec::with_capacity(c.docs.len());
        c.counts = vec![[0; 3]; c.docs.len()];
        let mut outlet_counts: HashMap<String, usize> = HashMap::new();
        let mut clusters: HashMap<i64, Vec<usize>> = HashMap::new();
        for i in 0..c.docs.len() {
            let d = &c.docs[i];
            c.by_id.insert(d.id.clone(), i);
            let o = outlet_name(&d.outlet).to_string();
            *outlet_counts.entry(o.clone()).or_default() += 1;
            c.by_outlet.entry(o.clone()).or_default().push(i);
            clusters.entry(d.cluster).or_default().push(i);
            if let Some(p) = d.published.as_deref() {
                match &mut c.range {
                    None => c.range = Some((p.to_string(), p.to_string())),
                    Some((lo, hi)) => {
                        if p < lo.as_str() {
                            *lo = p.to_string();
                        }
                        if p > hi.as_str() {
                            *hi = p.to_string();
                        }
                    }
                }
            }
            let month = month_of(d.published.as_deref()).map(str::to_string);
            if let Some(m) = &month {
                c.months.entry(m.clone()).or_default().0 += 1;
            }
            c.by_outlet_month.push((o, month));
        }
        // Records are read with their texts (reconciliation reads the words
        // around figures and sources), one at a time; the catalogue keeps no text.
        store.for_each_document(&mut |sd| {
            let Some(&i) = c.by_id.get(&sd.id) else { return Ok(()) };
            let d = &c.docs[i];
            let mut rec = load_record(store, d.id.as_str(), &d.title, &d.outlet, &d.published, sd.text);
            reconciler.add(&rec);
            facts.push(ArticleFacts::from_record(&rec));
            rec.text = String::new();
            let (o, month) = c.by_outlet_month.get(i).cloned().unwrap_or_default();
            c.absorb(i, &o, month.as_deref(), rec);
            Ok(())
        })?;
        c.by_outlet_month = Vec::new();
        c.reconciled = reconciler.finish();
        c.actors = actors;
        c.credibility_context = CorpusContext::new(facts);
        if c.docs.len() <= CREDIBILITY_PROFILE_MAX_DOCS {
            c.score_credibility(store)?;
        }
        c.outlets = outlet_counts.into_iter().collect();
        c.outlets.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let docs = &c.docs;
        let mut cl: Vec<(i64, Vec<usize>)> = clusters.into_iter().filter(|(_, m)| m.len() > 1).collect();
        for (_, m) in &mut cl {
            m.sort_by(|&a, &b| {
                let (da, db) = (&docs[a], &docs[b]);
                (da.published.is_none(), &da.published, &da.id).cmp(&(db.published.is_none(), &db.published, &db.id))
            });
        }
        cl.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
        c.clusters = cl;
        c.index();
        Ok(c)
    }

    /// Resolves each statement's speaker to its reconciled entity, once per
    /// load rather than per request.
    fn index(&mut self) {
        let names = self.reconciled.name_index(&self.actors);
        self.statement_entity =
            self.statements.iter().map(|s| names.resolve(&s.speaker).map(|e| e.id.clone())).collect();
    }

    /// Scores every article against the corpus (a second pass over the
    /// records: consistency needs every article's facts first).
    fn score_credibility(&mut self, store: &SqliteStore) -> Result<(), StoreError> {
        self.credibility = vec![f32::NAN; self.docs.len()];
        let (docs, by_id, ctx) = (&self.docs, &self.by_id, &self.credibility_context);
        let (scores, profiles) = (&mut self.credibility, &mut self.credibility_profiles);
        store.for_each_document(&mut |sd| {
            let Some(&i) = by_id.get(&sd.id) else { return Ok(()) };
            let d = &docs[i];
            let rec = load_record(store, d.id.as_str(), &d.title, &d.outlet, &d.published, sd.text);
            let cr = credibility::score(&rec, ctx);
            if let Some(x) = scores.get_mut(i) {
                *x = cr.score as f32;
            }
            let p = profiles.entry(outlet_name(&d.outlet).to_string()).or_default();
            p.articles += 1;
            p.score_sum += cr.score;
            for sig in cr.signals.iter().filter(|s| s.contribution.abs() >= 0.05) {
                let e = p.signals.entry(sig.name.clone()).or_insert((0, 0.0));
                e.0 += 1;
                e.1 += sig.contribution;
            }
            Ok(())
        })
    }

    /// Folds one document's analysis record into the corpus-wide facts.
    fn absorb(&mut self, i: usize, outlet: &str, month: Option<&str>, rec: DocRecord) {
        let d = &self.docs[i];
        let prof = self.profiles.entry(outlet.to_string()).or_default();
        prof.documents += 1;
        prof.attributions += rec.attributions.len();
        prof.figures += rec.figures.len();
        prof.hedges += rec.hedges.len();
        prof.framing += rec.framing.len();
        for f in &rec.framing {
            *prof.framing_terms.entry(f.term.to_lowercase()).or_default() += 1;
        }
        for a in &rec.attributions {
            *prof.attribution_kinds.entry(a.kind.clone()).or_default() += 1;
            let speaker = a
                .speaker
                .as_ref()
                .map(|s| s.name.clone())
                .or_else(|| a.source.as_ref().map(|s| s.text.clone()))
                .unwrap_or_default();
            if speaker.trim().is_empty() {
                continue;
            }
            let content: Vec<&str> = a.content.iter().map(|c| c.text.as_str()).collect();
            let start = a.content.first().map(|c| c.start).or(a.source.as_ref().map(|s| s.start)).unwrap_or(0);
            self.statements.push(Statement {
                doc: d.id.clone(),
                outlet: d.outlet.clone(),
                published: d.published.clone(),
                kind: a.kind.clone(),
                speaker,
                via: a.via.iter().map(|v| v.name.clone()).collect(),
                content: content.join(" … "),
                start,
            });
        }
        if let Some(m) = month {
            let e = self.months.entry(m.to_string()).or_default();
            e.1 += rec.figures.len();
            e.2 += rec.incidents.len();
        }
        let mut seen = std::collections::HashSet::new();
        for e in &rec.entities {
            let entry = self.entities.entry(e.text.clone()).or_insert_with(|| (e.label.clone(), 0, 0));
            entry.1 += 1;
            if seen.insert(e.text.as_str()) {
                entry.2 += 1;
            }
        }
        if let Some(n) = self.counts.get_mut(i) {
            *n = [rec.figures.len() as u32, rec.attributions.len() as u32, rec.entities.len() as u32];
        }
        for (index, f) in rec.figures.into_iter().enumerate() {
            self.figures.push(FigureRef {
                doc: d.id.clone(),
                outlet: d.outlet.clone(),
                published: d.published.clone(),
                index,
                figure: f,
            });
        }
    }

    pub fn doc_count(&self) -> usize {
        self.docs.len()
    }

}

/// Up to this many documents the catalogue scores every article at start for
/// the outlet credibility profiles. Each score compares the article with every
/// other one published within a week, so a dense 100k corpus takes minutes;
/// beyond this size articles are scored when their page is opened.
pub const CREDIBILITY_PROFILE_MAX_DOCS: usize = 20_000;

/// An outlet's credibility over its articles.
#[derive(Clone, Debug, Default, Serialize)]
pub struct CredibilityProfile {
    pub articles: usize,
    pub score_sum: f64,
    /// Signal name → (articles it moved by at least 0.05, summed contribution).
    pub signals: BTreeMap<String, (usize, f64)>,
}

impl CredibilityProfile {
    pub fn mean(&self) -> Option<f64> {
        (self.articles > 0).then(|| self.score_sum / self.articles as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_needs_an_iso_prefix() {
        assert_eq!(month_of(Some("2016-12-13")), Some("2016-12"));
        assert_eq!(month_of(Some("Dec 2016")), None);
        assert_eq!(month_of(Some("2016")), None);
        assert_eq!(month_of(Some("ü2016-12")), None);
    }
}
