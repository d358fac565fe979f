//! The in-memory catalogue behind the listing pages: document summaries plus
//! corpus-wide facts gathered from each stored analysis record (figures,
//! statements, entities). Built once at start and rebuilt after an upload, so
//! overview/outlet/dispute pages answer from memory at any corpus size.

use crate::record::load_record;
use corroborate_export::contract::Figure;
use corroborate_export::DocRecord;
use corroborate_store::{DocSummary, SqliteStore, StoreError};
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
    /// "YYYY-MM" → (documents, figures).
    pub months: BTreeMap<String, (usize, usize)>,
    pub range: Option<(String, String)>,
    /// Clusters with more than one document: (cluster id, member indices by date).
    pub clusters: Vec<(i64, Vec<usize>)>,
    pub figures: Vec<FigureRef>,
    pub statements: Vec<Statement>,
    /// Entity text → (label, mentions, documents).
    pub entities: HashMap<String, (String, usize, usize)>,
    /// Speakers with indices into `statements`, most statements first.
    speaker_index: Vec<(String, Vec<usize>)>,
    /// The 100 most-mentioned people and organisations: (text, label, mentions, documents).
    top_ents: Vec<(String, String, usize, usize)>,
    /// Disputes: (category, place, indices into `figures`), most figures first.
    dispute_index: Vec<(String, String, Vec<usize>, Vec<SourceRange>)>,
}

/// Figures listed per dispute (the chart aggregates all of them per source).
pub const DISPUTE_FIGURES: usize = 200;

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
        let docs = store.summaries()?;
        let mut c = Catalog { docs, ..Catalog::default() };
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
            let rec = load_record(store, d.id.as_str(), &d.title, &d.outlet, &d.published, String::new());
            c.absorb(i, &o, month.as_deref(), rec);
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

    /// Groups statements by speaker and figures into disputes, once per load
    /// rather than per request.
    fn index(&mut self) {
        let mut m: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, s) in self.statements.iter().enumerate() {
            m.entry(s.speaker.as_str()).or_default().push(i);
        }
        let mut v: Vec<(String, Vec<usize>)> = m.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        v.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
        self.speaker_index = v;

        let mut ents: Vec<(String, String, usize, usize)> = self
            .entities
            .iter()
            .filter(|(_, (l, _, _))| l == "PERSON" || l == "ORGANIZATION" || l == "ORG")
            .map(|(t, (l, m, d))| (t.clone(), l.clone(), *m, *d))
            .collect();
        ents.sort_by(|a, b| b.3.cmp(&a.3).then(b.2.cmp(&a.2)).then_with(|| a.0.cmp(&b.0)));
        ents.truncate(100);
        self.top_ents = ents;

        let mut groups: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
        for (i, f) in self.figures.iter().enumerate() {
            let cat = f.figure.category.clone().unwrap_or_else(|| "people".into());
            let place = f.figure.place.clone().unwrap_or_default().to_lowercase();
            groups.entry((cat, place)).or_default().push(i);
        }
        let figures = &self.figures;
        let mut out: Vec<(String, String, Vec<usize>)> = groups
            .into_iter()
            .filter(|(_, v)| {
                let docs: std::collections::HashSet<&str> = v.iter().filter_map(|&i| figures.get(i)).map(|f| f.doc.as_str()).collect();
                let lo = v.iter().filter_map(|&i| figures.get(i)?.figure.min).fold(f64::INFINITY, f64::min);
                let hi = v.iter().filter_map(|&i| figures.get(i).and_then(|f| f.figure.max.or(f.figure.min))).fold(f64::NEG_INFINITY, f64::max);
                docs.len() > 1 && hi > lo
            })
            .map(|((c, p), v)| (c, p, v))
            .collect();
        out.sort_by_key(|d| std::cmp::Reverse(d.2.len()));
        self.dispute_index = out.into_iter().map(|(c, p, ix)| {
            let sources = self.source_ranges(&ix);
            (c, p, ix, sources)
        }).collect();
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
            self.months.entry(m.to_string()).or_default().1 += rec.figures.len();
        }
        let mut seen = std::collections::HashSet::new();
        for e in &rec.entities {
            let entry = self.entities.entry(e.text.clone()).or_insert_with(|| (e.label.clone(), 0, 0));
            entry.1 += 1;
            if seen.insert(e.text.as_str()) {
                entry.2 += 1;
            }
        }
        self.counts.push([rec.figures.len() as u32, rec.attributions.len() as u32, rec.entities.len() as u32]);
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

    /// Statements grouped by speaker, most statements first.
    pub fn speakers(&self) -> Vec<(String, Vec<&Statement>)> {
        self.speaker_index
            .iter()
            .map(|(n, ix)| (n.clone(), ix.iter().filter_map(|&i| self.statements.get(i)).collect()))
            .collect()
    }

    /// Speaker names with statement counts, most first (no allocation per statement).
    pub fn speaker_counts(&self) -> impl Iterator<Item = (&str, usize)> {
        self.speaker_index.iter().map(|(n, v)| (n.as_str(), v.len()))
    }

    /// Most-mentioned people and organisations (what exists before attribution lands).
    pub fn top_entities(&self, n: usize) -> Vec<(&str, &str, usize, usize)> {
        self.top_ents.iter().take(n).map(|(t, l, m, d)| (t.as_str(), l.as_str(), *m, *d)).collect()
    }

    /// Disputes: figures about the same thing (category and place) that
    /// disagree, from at least two documents. Each lists at most
    /// [`DISPUTE_FIGURES`] figures; `sources` summarises all of them.
    pub fn disputes(&self, limit: usize) -> Vec<Dispute<'_>> {
        self.dispute_index
            .iter()
            .take(limit)
            .map(|(category, place, ix, sources)| Dispute {
                category: category.clone(),
                place: place.clone(),
                total: ix.len(),
                sources,
                figures: ix.iter().take(DISPUTE_FIGURES).filter_map(|&i| self.figures.get(i)).collect(),
            })
            .collect()
    }

    /// Each source's lowest and highest value among the figures `ix`.
    fn source_ranges(&self, ix: &[usize]) -> Vec<SourceRange> {
        let mut by_source: BTreeMap<String, (f64, f64, usize)> = BTreeMap::new();
        for f in ix.iter().filter_map(|&i| self.figures.get(i)) {
            let Some(lo) = f.figure.min else { continue };
            let hi = f.figure.max.unwrap_or(lo);
            let who = f.figure.source.clone().unwrap_or_else(|| outlet_name(&f.outlet).to_string());
            let e = by_source.entry(who).or_insert((lo, hi, 0));
            e.0 = e.0.min(lo);
            e.1 = e.1.max(hi);
            e.2 += 1;
        }
        let mut sources: Vec<SourceRange> =
            by_source.into_iter().map(|(source, (min, max, figures))| SourceRange { source, min, max, figures }).collect();
        sources.sort_by(|a, b| b.figures.cmp(&a.figures).then_with(|| a.source.cmp(&b.source)));
        sources
    }

    pub fn dispute_count(&self) -> usize {
        self.dispute_index.len()
    }
}

/// What one source said about a disputed quantity (all its figures).
#[derive(Serialize)]
pub struct SourceRange {
    pub source: String,
    pub min: f64,
    pub max: f64,
    pub figures: usize,
}

#[derive(Serialize)]
pub struct Dispute<'a> {
    pub category: String,
    pub place: String,
    /// All figures in the group.
    pub total: usize,
    pub sources: &'a [SourceRange],
    /// The first [`DISPUTE_FIGURES`] of them.
    pub figures: Vec<&'a FigureRef>,
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
