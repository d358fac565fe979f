//! The corpus an article is checked against: the FA-KES authors' idea that a
//! report whose figures disagree with other reports of the same incident is
//! less likely to be accurate. Reads no labels, so it may span the whole corpus.

use super::facts::ArticleFacts;
use corroborate_export::DocRecord;
use std::collections::{BTreeSet, HashMap};

/// Articles within this many days of each other may report the same incident
/// (reports lag the event by a day or two; chosen before looking at scores).
pub const SAME_INCIDENT_DAYS: i64 = 3;
/// Window for story matching by lead words, where no place is needed.
pub const STORY_DAYS: i64 = 7;
/// Lead-word Jaccard above which two articles tell the same story.
pub const STORY_SIMILARITY: f64 = 0.25;

/// Every article's facts, indexed by day.
#[derive(Clone, Debug, Default)]
pub struct CorpusContext {
    facts: Vec<ArticleFacts>,
    /// (day, index into `facts`), sorted.
    by_day: Vec<(i64, usize)>,
    by_id: HashMap<String, usize>,
}

/// How one article's main incident compares with the rest of the corpus.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Consistency {
    /// Other articles on the same place within [`SAME_INCIDENT_DAYS`].
    pub near: usize,
    /// Distinct other outlets among them.
    pub near_outlets: usize,
    /// Of `near`, those giving a civilian toll that agrees / disagrees with this one's.
    pub agree: usize,
    pub disagree: usize,
    /// Distinct other outlets that agree.
    pub agree_outlets: usize,
    /// Of `near`, those naming the same cause of death / actor.
    pub same_cause: usize,
    pub same_actor: usize,
    /// Other articles in the window giving exactly this toll, wherever placed.
    pub same_toll_anywhere: usize,
    /// Other articles within [`STORY_DAYS`] whose lead tells the same story.
    pub story: usize,
    pub story_agree: usize,
    pub story_disagree: usize,
    /// Highest lead similarity with another article in the story window.
    pub best_similarity: f64,
    /// Smallest |ln a − ln b| between this toll and a nearby one (0 when none).
    pub nearest_toll_gap: f64,
    /// Articles published within [`SAME_INCIDENT_DAYS`] (any place): how busy the news was.
    pub busy: usize,
    /// A disagreeing toll (the most reported one) and how many articles gave it, for the reason.
    pub disputed_by: Option<(u32, usize)>,
    /// This toll agrees with the toll most nearby reports give.
    pub toll_is_majority: bool,
    /// ln(this toll / median nearby toll); 0 when either is missing.
    pub median_log_ratio: f64,
}

/// Two tolls agree when within 10 % (at least 1) of each other: reports round.
pub fn tolls_agree(a: u32, b: u32) -> bool {
    let (a, b) = (a as f64, b as f64);
    (a - b).abs() <= (0.1 * a.max(b)).max(1.0)
}


impl CorpusContext {
    pub fn new(facts: Vec<ArticleFacts>) -> Self {
        let mut by_day: Vec<(i64, usize)> = facts.iter().enumerate().filter_map(|(i, f)| Some((f.day?, i))).collect();
        by_day.sort_unstable();
        let mut by_id = HashMap::new();
        for (i, f) in facts.iter().enumerate() {
            by_id.entry(f.doc.clone()).or_insert(i);
        }
        CorpusContext { facts, by_day, by_id }
    }

    /// Facts read from stored records alone ([`ArticleFacts::from_record`]).
    pub fn from_records(records: &[DocRecord]) -> Self {
        Self::new(records.iter().map(ArticleFacts::from_record).collect())
    }

    pub fn len(&self) -> usize {
        self.facts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.facts.is_empty()
    }

    /// The facts recorded for a document id (the first, if the id repeats).
    pub fn facts_of(&self, doc: &str) -> Option<&ArticleFacts> {
        self.by_id.get(doc).and_then(|&i| self.facts.get(i))
    }

    /// Other articles (never one with the same id) published within `days` of `day`.
    fn window<'a>(&'a self, me: &'a ArticleFacts, day: i64, days: i64) -> impl Iterator<Item = &'a ArticleFacts> + 'a {
        let lo = self.by_day.partition_point(|&(d, _)| d < day.saturating_sub(days));
        let hi = self.by_day.partition_point(|&(d, _)| d <= day.saturating_add(days));
        self.by_day
            .get(lo..hi)
            .unwrap_or(&[])
            .iter()
            .filter_map(|&(_, i)| self.facts.get(i))
            .filter(move |o| o.doc != me.doc)
    }

    /// Compares `me` with every other article near it in date.
    pub fn consistency(&self, me: &ArticleFacts) -> Consistency {
        let mut c = Consistency::default();
        let Some(day) = me.day else { return c };
        let mut near_outlets = BTreeSet::new();
        let mut agree_outlets = BTreeSet::new();
        let mut disputes: HashMap<u32, usize> = HashMap::new();
        let mut gap = f64::INFINITY;
        let mut tolls: Vec<u32> = Vec::new();
        for o in self.window(me, day, SAME_INCIDENT_DAYS) {
            c.busy += 1;
            if let (Some(a), Some(b)) = (me.civilians, o.civilians) {
                if a == b {
                    c.same_toll_anywhere += 1;
                }
            }
            if me.location.is_none() || o.location != me.location {
                continue;
            }
            c.near += 1;
            let other_outlet = o.outlet.is_some() && o.outlet != me.outlet;
            if other_outlet {
                near_outlets.insert(o.outlet.as_deref());
            }
            if me.cause.is_some() && o.cause == me.cause {
                c.same_cause += 1;
            }
            if me.actor.is_some() && o.actor == me.actor {
                c.same_actor += 1;
            }
            if let (Some(a), Some(b)) = (me.civilians, o.civilians) {
                tolls.push(b);
                gap = gap.min(((a as f64).ln() - (b as f64).ln()).abs());
                if tolls_agree(a, b) {
                    c.agree += 1;
                    if other_outlet {
                        agree_outlets.insert(o.outlet.as_deref());
                    }
                } else {
                    c.disagree += 1;
                    *disputes.entry(b).or_default() += 1;
                }
            }
        }
        for o in self.window(me, day, STORY_DAYS) {
            // lead_terms are sorted and deduplicated (see `lead_terms`)
            let sim = corroborate_model::sorted_jaccard(&me.lead_terms, &o.lead_terms);
            c.best_similarity = c.best_similarity.max(sim);
            if sim < STORY_SIMILARITY {
                continue;
            }
            c.story += 1;
            if let (Some(a), Some(b)) = (me.civilians, o.civilians) {
                if tolls_agree(a, b) {
                    c.story_agree += 1;
                } else {
                    c.story_disagree += 1;
                }
            }
        }
        c.near_outlets = near_outlets.len();
        c.agree_outlets = agree_outlets.len();
        c.nearest_toll_gap = if gap.is_finite() { gap } else { 0.0 };
        if let Some(a) = me.civilians {
            tolls.sort_unstable();
            if let Some(&median) = tolls.get(tolls.len() / 2) {
                c.median_log_ratio = (a as f64).ln() - (median.max(1) as f64).ln();
                // Majority: the toll with most agreeing reports among the nearby ones.
                let support = |t: u32| tolls.iter().filter(|&&u| tolls_agree(t, u)).count();
                let best = tolls.iter().map(|&t| support(t)).max().unwrap_or(0);
                c.toll_is_majority = support(a) >= best;
            }
        }
        // The most reported other toll; ties go to the smaller number so the reason is stable.
        c.disputed_by = disputes.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jaccard_of_sorted_term_lists() {
        let v = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(corroborate_model::sorted_jaccard(&v(&["aleppo", "killed", "market"]), &v(&["idlib", "killed", "market"])), 0.5);
        assert_eq!(corroborate_model::sorted_jaccard(&v(&[]), &v(&[])), 0.0);
        assert_eq!(corroborate_model::sorted_jaccard(&v(&["a"]), &v(&["a"])), 1.0);
    }

    fn art(doc: &str, outlet: &str, day: i64, loc: &str, toll: Option<u32>) -> ArticleFacts {
        ArticleFacts {
            doc: doc.into(),
            outlet: Some(outlet.into()),
            day: Some(day),
            location: Some(loc.into()),
            civilians: toll,
            ..ArticleFacts::default()
        }
    }

    #[test]
    fn counts_agreeing_and_disagreeing_reports_of_the_same_place() {
        let ctx = CorpusContext::new(vec![
            art("a", "x", 100, "idlib", Some(12)),
            art("b", "y", 101, "idlib", Some(12)),
            art("c", "z", 102, "idlib", Some(45)),
            art("d", "z", 99, "idlib", Some(45)),
            art("e", "y", 100, "aleppo", Some(12)),
            art("f", "y", 120, "idlib", Some(12)),
        ]);
        let me = ctx.facts_of("a").unwrap().clone();
        let c = ctx.consistency(&me);
        assert_eq!((c.near, c.agree, c.disagree), (3, 1, 2));
        assert_eq!((c.near_outlets, c.agree_outlets), (2, 1));
        assert_eq!(c.same_toll_anywhere, 2, "b and e, not f (out of the window)");
        assert_eq!(c.disputed_by, Some((45, 2)));
        assert_eq!(c.busy, 4);
        assert!(!c.toll_is_majority, "45 is given twice, 12 once");
        assert!((c.median_log_ratio - (12f64 / 45.0).ln()).abs() < 1e-9);
    }

    #[test]
    fn never_compares_an_article_with_itself_or_its_repeats() {
        let a = art("a", "x", 100, "idlib", Some(12));
        let ctx = CorpusContext::new(vec![a.clone(), a.clone()]);
        assert_eq!(ctx.consistency(&a), Consistency::default());
    }

    #[test]
    fn no_day_no_comparison() {
        let mut a = art("a", "x", 100, "idlib", Some(12));
        a.day = None;
        let ctx = CorpusContext::new(vec![a.clone(), art("b", "y", 100, "idlib", Some(12))]);
        assert_eq!(ctx.consistency(&a).near, 0);
    }

    #[test]
    fn tolls_agree_within_rounding() {
        assert!(tolls_agree(100, 95));
        assert!(tolls_agree(3, 4));
        assert!(!tolls_agree(12, 45));
    }
}
