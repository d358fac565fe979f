//! Signals of one article, each with the words that explain it.

use super::context::{Consistency, CorpusContext};
use super::facts::ArticleFacts;
use corroborate_export::DocRecord;
use serde::{Deserialize, Serialize};

/// Families of signals, switched on and off together (the CV log in
/// CREDIBILITY.md reports what each adds).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    /// Who the statements are attributed to.
    Sourcing,
    /// Hedging and verification language.
    Hedging,
    /// Loaded terms.
    Framing,
    /// Agreement with other articles on the same incident.
    Consistency,
    /// Length, figures, tolls.
    Text,
    /// The publication date itself (a prior over time).
    Date,
    /// The outlet's base rate, learned from the training articles only.
    Outlet,
    /// Hashed words and word pairs.
    Lexical,
}

impl Group {
    pub const ALL: [Group; 8] = [
        Group::Sourcing,
        Group::Hedging,
        Group::Framing,
        Group::Consistency,
        Group::Text,
        Group::Date,
        Group::Outlet,
        Group::Lexical,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Group::Sourcing => "sourcing",
            Group::Hedging => "hedging",
            Group::Framing => "framing",
            Group::Consistency => "consistency",
            Group::Text => "text",
            Group::Date => "date",
            Group::Outlet => "outlet",
            Group::Lexical => "lexical",
        }
    }

    pub fn parse(s: &str) -> Option<Group> {
        Group::ALL.into_iter().find(|g| g.name() == s)
    }
}

/// One numeric signal with its reason.
#[derive(Clone, Debug, PartialEq)]
pub struct Feature {
    pub name: &'static str,
    pub group: Group,
    pub value: f64,
    pub reason: String,
}

/// Everything the model sees of one article. The outlet and the words are
/// kept raw: their weights are learned per training set.
#[derive(Clone, Debug, PartialEq)]
pub struct Example {
    pub dense: Vec<Feature>,
    pub outlet: Option<String>,
    pub terms: Vec<String>,
}

/// Hedging cues counted in the text itself, so the signal exists before (and
/// beside) the framing stage's `hedges`.
const HEDGES: &[&str] = &[
    "reportedly", "allegedly", "alleged", "claimed", "claims", "unconfirmed", "could not be independently verified",
    "cannot be independently verified", "not be verified", "unverified", "said to", "reports said", "it is believed",
    "purportedly", "suspected",
];

/// Loaded terms counted in the text itself (see `HEDGES`).
const LOADED: &[&str] = &[
    "terrorist", "terrorists", "regime", "massacre", "massacres", "martyr", "martyrs", "martyred", "thugs", "barbaric",
    "crimes", "criminal", "genocide", "mercenaries", "takfiri", "brutal", "atrocities", "militias", "shabiha",
];

/// Occurrences of whole-word `phrase` in lowercase `text`.
fn count_phrase(text: &str, phrase: &str) -> usize {
    let bytes = text.as_bytes();
    text.match_indices(phrase)
        .filter(|(i, _)| {
            let before = i.checked_sub(1).and_then(|j| bytes.get(j)).is_none_or(|b| !b.is_ascii_alphanumeric());
            let after = bytes.get(i + phrase.len()).is_none_or(|b| !b.is_ascii_alphanumeric());
            before && after
        })
        .count()
}

/// A statement's source names someone: the resolved speaker is not of type
/// `unnamed`, or the source has a capitalised word that is not a determiner
/// or pronoun ("activists" and "a source" are unnamed; "Rami Abdulrahman" and
/// "the Syrian Observatory" are named).
fn is_named(a: &corroborate_export::contract::Attribution) -> bool {
    if let Some(kind) = a.speaker.as_ref().and_then(|s| s.kind.as_deref()) {
        return kind != "unnamed";
    }
    let Some(src) = &a.source else { return false };
    src.text.split_whitespace().any(|w| {
        w.chars().next().is_some_and(char::is_uppercase)
            && !matches!(w, "A" | "An" | "The" | "He" | "She" | "They" | "It" | "We" | "I" | "Some" | "Several" | "Local")
    })
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(|w| if w.chars().all(|c| c.is_ascii_digit()) { "<num>".to_string() } else { w.to_lowercase() })
}

/// Unigrams and bigrams of the text, numbers folded to `<num>`.
pub fn terms(text: &str) -> Vec<String> {
    let ws: Vec<String> = words(text).collect();
    let mut out: Vec<String> = ws.clone();
    out.extend(ws.windows(2).filter_map(|p| Some(format!("{} {}", p.first()?, p.get(1)?))));
    out.sort_unstable();
    out.dedup();
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn ln1p(n: usize) -> f64 {
    (n as f64).ln_1p()
}

/// The signals of `record`, its facts compared with `ctx`.
pub fn example(record: &DocRecord, facts: &ArticleFacts, ctx: &CorpusContext) -> Example {
    let mut dense = Vec::new();
    let mut push = |name: &'static str, group: Group, value: f64, reason: String| {
        dense.push(Feature { name, group, value: if value.is_finite() { value } else { 0.0 }, reason })
    };
    let lower = record.text.to_lowercase();
    let n_words = words(&record.text).count().max(1);
    let per_k = |n: usize| 1000.0 * n as f64 / n_words as f64;

    // Sourcing.
    let n = record.attributions.len();
    let none = record.attributions.iter().filter(|a| a.kind == "no_source" || a.source.is_none()).count();
    let named = record.attributions.iter().filter(|a| a.kind != "no_source" && is_named(a)).count();
    let unnamed = n - none - named.min(n - none);
    let according = count_phrase(&lower, "according to");
    let share = |k: usize| if n == 0 { 0.0 } else { k as f64 / n as f64 };
    push("statements", Group::Sourcing, ln1p(n), plural(n, "attributed statement", "attributed statements"));
    let of_n = |k: usize, what: &str| if n == 0 { format!("no attributed statements ({what})") } else { format!("{k} of {n} statements {what}") };
    push("named_sources", Group::Sourcing, share(named), of_n(named, "name their source"));
    push("unnamed_sources", Group::Sourcing, share(unnamed), of_n(unnamed, "cite an unnamed source"));
    push("unsourced", Group::Sourcing, share(none), of_n(none, "give no source"));
    push("according_to", Group::Sourcing, ln1p(according), format!("\"according to\" {according} times"));

    // Hedging: the framing stage's hedges and the cue list.
    let cues: usize = HEDGES.iter().map(|h| count_phrase(&lower, h)).sum();
    let hedges = record.hedges.len().max(cues);
    push("hedges", Group::Hedging, per_k(hedges), format!("{} per 1000 words", plural(hedges, "hedge", "hedges")));

    // Loaded terms: the framing stage's and the lexicon's.
    let loaded_marked = record.framing.iter().filter(|f| f.tone == "loaded").count();
    let loaded_lex: usize = LOADED.iter().map(|t| count_phrase(&lower, t)).sum();
    let loaded = loaded_marked.max(loaded_lex);
    let narrated = record.framing.iter().filter(|f| f.tone == "loaded" && f.used_by.is_none()).count();
    push("loaded_terms", Group::Framing, per_k(loaded), format!("{} (\"terrorists\", \"regime\", ...)", plural(loaded, "loaded term", "loaded terms")));
    push("loaded_in_narration", Group::Framing, ln1p(narrated), format!("{narrated} loaded terms in the outlet's own voice"));

    // Text shape.
    let figs = record.figures.len();
    push("length", Group::Text, (n_words as f64).ln(), format!("{n_words} words"));
    push("figures_density", Group::Text, per_k(figs), format!("{} per 1000 words", plural(figs, "figure", "figures")));
    push("has_toll", Group::Text, facts.civilians.map_or(0.0, |_| 1.0), match facts.civilians {
        Some(t) => format!("gives a death toll ({t})"),
        None => "gives no death toll".into(),
    });
    push("toll", Group::Text, facts.civilians.map_or(0.0, |t| (t as f64).ln_1p()), format!("toll {}", facts.civilians.unwrap_or(0)));
    let incidents = record.incidents.len();
    push("incidents", Group::Text, ln1p(incidents), plural(incidents, "incident", "incidents"));
    let direct = record.attributions.iter().filter(|a| a.kind == "direct").count();
    push("direct_quotes", Group::Text, ln1p(direct), plural(direct, "direct quote", "direct quotes"));

    consistency(&mut push, facts, &ctx.consistency(facts));

    // Date: years since 2011 (the war's start), as a prior over time.
    if let Some(day) = facts.day {
        let years = (day as f64 - 15_000.0) / 365.25;
        push("date", Group::Date, years, format!("published day {day} since 1970"));
    } else {
        push("date", Group::Date, 0.0, "no publication date".into());
    }

    Example { dense, outlet: record.outlet.as_ref().map(|o| o.trim().to_lowercase()), terms: terms(&format!("{}\n\n{}", record.title.as_deref().unwrap_or(""), record.text)) }
}

fn consistency(push: &mut impl FnMut(&'static str, Group, f64, String), f: &ArticleFacts, c: &Consistency) {
    let place = f.location.as_deref().unwrap_or("an unrecognised place");
    let toll = f.civilians.map(|t| t.to_string()).unwrap_or_else(|| "no toll".into());
    let g = Group::Consistency;
    push("near_reports", g, ln1p(c.near), format!("{} on {place} within 3 days", plural(c.near, "other article", "other articles")));
    push("near_outlets", g, ln1p(c.near_outlets), format!("{} reporting on {place} within 3 days", plural(c.near_outlets, "other outlet", "other outlets")));
    push("toll_agreements", g, ln1p(c.agree), format!("{} on {place} agreeing with the toll {toll}", plural(c.agree, "nearby report", "nearby reports")));
    let disagree_reason = match c.disputed_by {
        Some((other, k)) => format!(
            "the toll {toll} disagrees with {} ({} reporting {other}) for {place}",
            plural(c.disagree, "nearby report", "nearby reports"),
            k
        ),
        None => format!("no nearby report disagrees with the toll {toll}"),
    };
    push("toll_disagreements", g, ln1p(c.disagree), disagree_reason);
    push("agreeing_outlets", g, ln1p(c.agree_outlets), format!("{} confirming the toll {toll}", plural(c.agree_outlets, "other outlet", "other outlets")));
    push("same_cause", g, ln1p(c.same_cause), format!("{} on {place} naming the same cause", plural(c.same_cause, "nearby report", "nearby reports")));
    push("same_actor", g, ln1p(c.same_actor), format!("{} on {place} blaming the same side", plural(c.same_actor, "nearby report", "nearby reports")));
    push("same_toll_anywhere", g, ln1p(c.same_toll_anywhere), format!("{} within 3 days giving the same toll", plural(c.same_toll_anywhere, "other article", "other articles")));
    push("same_story", g, ln1p(c.story), format!("{} within a week telling the same story", plural(c.story, "other article", "other articles")));
    push("story_agree", g, ln1p(c.story_agree), format!("{} with the same toll", plural(c.story_agree, "same-story article", "same-story articles")));
    push("story_disagree", g, ln1p(c.story_disagree), format!("{} with another toll", plural(c.story_disagree, "same-story article", "same-story articles")));
    push("best_similarity", g, c.best_similarity, format!("closest other lead shares {:.0}% of its words", 100.0 * c.best_similarity));
    push("toll_gap", g, c.nearest_toll_gap, format!("nearest other toll differs by a factor {:.1}", c.nearest_toll_gap.exp()));
    push("toll_is_majority", g, if c.toll_is_majority { 1.0 } else { 0.0 }, if c.toll_is_majority {
        format!("the toll {toll} is the one most nearby reports on {place} give")
    } else {
        format!("the toll {toll} is not the one most nearby reports on {place} give")
    });
    push("toll_vs_median", g, c.median_log_ratio, format!("the toll {toll} is {:.1} times the median nearby toll", c.median_log_ratio.exp()));
    push("busy", g, ln1p(c.busy), format!("{} published within 3 days", plural(c.busy, "article", "articles")));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_word_phrases_only() {
        assert_eq!(count_phrase("the regime and regimes, regime.", "regime"), 2);
        assert_eq!(count_phrase("", "regime"), 0);
    }

    #[test]
    fn terms_fold_numbers_and_pair_words() {
        let t = terms("Strikes kill 12");
        assert!(t.contains(&"kill <num>".to_string()));
        assert!(t.contains(&"strikes".to_string()));
    }

    #[test]
    fn signals_have_reasons_and_finite_values() {
        let text = "Strikes kill 12 in Idlib\n\nThe regime reportedly killed 12 people, activists said.";
        let d = corroborate_model::Document::new("d", text, corroborate_model::Meta::default());
        let r = DocRecord::from_document(&d);
        let f = ArticleFacts { doc: "d".into(), day: Some(100), location: Some("idlib".into()), civilians: Some(12), ..Default::default() };
        let other = ArticleFacts { doc: "e".into(), outlet: Some("y".into()), day: Some(101), location: Some("idlib".into()), civilians: Some(45), ..Default::default() };
        let ctx = CorpusContext::new(vec![f.clone(), other]);
        let ex = example(&r, &f, &ctx);
        assert!(ex.dense.iter().all(|x| x.value.is_finite() && !x.reason.is_empty()));
        let get = |n: &str| ex.dense.iter().find(|x| x.name == n).unwrap();
        assert!(get("hedges").value > 0.0);
        assert!(get("loaded_terms").value > 0.0);
        assert_eq!(get("toll_disagreements").reason, "the toll 12 disagrees with 1 nearby report (1 reporting 45) for idlib");
    }
}
