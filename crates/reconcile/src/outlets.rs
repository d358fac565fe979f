//! Outlet profiles: how each outlet sources its reporting and frames the sides.

use corroborate_export::DocRecord;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

pub const UNKNOWN_OUTLET: &str = "(unknown outlet)";

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OutletProfile {
    pub outlet: String,
    pub documents: usize,
    pub first: Option<String>,
    pub last: Option<String>,
    pub attributions: usize,
    /// Statements with a named speaker.
    pub named_sources: usize,
    /// Statements whose speaker is unnamed ("officials said", "a source").
    pub unnamed_sources: usize,
    /// Statements with no source at all.
    pub no_source: usize,
    pub figures: usize,
    /// Figures whose source the record names.
    pub sourced_figures: usize,
    /// Hedges by kind (unverified, reported, claimed, ...).
    pub hedges: BTreeMap<String, usize>,
    pub loaded_terms: usize,
    pub neutral_terms: usize,
    /// Side referred to → term → uses ("government" → "regime" → 12).
    pub framing: BTreeMap<String, BTreeMap<String, usize>>,
    /// Of the framing terms, how many the outlet used in its own narration.
    pub framing_in_narration: usize,
    pub accusations: usize,
    /// Most-quoted speakers (entity names), at most 10.
    pub top_speakers: Vec<(String, usize)>,
}

impl OutletProfile {
    /// Share of statements with a named speaker, 0..1.
    pub fn named_share(&self) -> Option<f64> {
        let n = self.named_sources + self.unnamed_sources + self.no_source;
        (n > 0).then(|| self.named_sources as f64 / n as f64)
    }
}

#[derive(Default)]
pub struct OutletCollector {
    profiles: HashMap<String, OutletProfile>,
    /// (outlet, speaker entity key) → statements; resolved to names at finish.
    speakers: HashMap<String, HashMap<String, usize>>,
}

pub fn outlet_name(o: Option<&str>) -> &str {
    o.map(str::trim).filter(|s| !s.is_empty()).unwrap_or(UNKNOWN_OUTLET)
}

impl OutletCollector {
    /// Adds a record; `speaker_key` maps a speaker name to the key entities are counted under.
    pub fn add(&mut self, rec: &DocRecord, speaker_key: &dyn Fn(&str) -> Option<String>) {
        let name = outlet_name(rec.outlet.as_deref()).to_string();
        let p = self.profiles.entry(name.clone()).or_insert_with(|| OutletProfile { outlet: name.clone(), ..Default::default() });
        p.documents += 1;
        if let Some(d) = rec.published.as_deref().and_then(|d| d.get(..10)) {
            if p.first.as_deref().is_none_or(|f| d < f) {
                p.first = Some(d.to_string());
            }
            if p.last.as_deref().is_none_or(|l| d > l) {
                p.last = Some(d.to_string());
            }
        }
        p.attributions += rec.attributions.len();
        let sp = self.speakers.entry(name).or_default();
        for a in &rec.attributions {
            let speaker = a.speaker.as_ref();
            let unnamed = speaker.is_some_and(|s| s.kind.as_deref() == Some("unnamed"));
            if a.kind == "no_source" || (speaker.is_none() && a.source.is_none()) {
                p.no_source += 1;
            } else if unnamed {
                p.unnamed_sources += 1;
            } else {
                p.named_sources += 1;
                let n = speaker.map(|s| s.name.as_str()).or(a.source.as_ref().map(|s| s.text.as_str()));
                if let Some(k) = n.and_then(speaker_key) {
                    // Bounded per outlet: rare speakers past 2,000 distinct are not counted.
                    if sp.len() < 2000 || sp.contains_key(&k) {
                        *sp.entry(k).or_default() += 1;
                    }
                }
            }
        }
        p.figures += rec.figures.len();
        p.sourced_figures += rec.figures.iter().filter(|f| f.source.is_some()).count();
        for h in &rec.hedges {
            *p.hedges.entry(h.kind.clone()).or_default() += 1;
        }
        for f in &rec.framing {
            if f.tone == "neutral" {
                p.neutral_terms += 1;
            } else {
                p.loaded_terms += 1;
            }
            if f.used_by.is_none() {
                p.framing_in_narration += 1;
            }
            let side = f.refers_to.clone().unwrap_or_else(|| "unknown".into());
            *p.framing.entry(side).or_default().entry(f.term.to_lowercase()).or_default() += 1;
        }
        p.accusations += rec.accusations.len();
    }

    /// Profiles, most documents first; `entity_name` names a speaker key.
    pub fn finish(self, entity_name: &dyn Fn(&str) -> Option<String>) -> Vec<OutletProfile> {
        let mut speakers = self.speakers;
        let mut out: Vec<OutletProfile> = self
            .profiles
            .into_values()
            .map(|mut p| {
                let mut counts: HashMap<String, usize> = HashMap::new();
                for (k, n) in speakers.remove(&p.outlet).unwrap_or_default() {
                    *counts.entry(entity_name(&k).unwrap_or(k)).or_default() += n;
                }
                let mut top: Vec<(String, usize)> = counts.into_iter().collect();
                top.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                top.truncate(10);
                p.top_speakers = top;
                p
            })
            .collect();
        out.sort_by(|a, b| b.documents.cmp(&a.documents).then_with(|| a.outlet.cmp(&b.outlet)));
        out
    }
}
