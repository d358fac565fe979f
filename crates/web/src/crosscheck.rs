//! Pages over the whole-corpus cross-check (`corroborate-reconcile`):
//! disputes and agreeing figure groups, mutual accusations, statement
//! provenance with drift, entities (speakers) and outlets' sourcing and
//! framing. All text is escaped by maud like every other view.

use crate::catalog::{outlet_name, Catalog, Statement};
use crate::charts::{fmt_num, hbars, ranges, truncate};
use crate::links::Mode;
use corroborate_reconcile::figures::{Claim, FigureGroup};
use corroborate_reconcile::statements::StatementGroup;
use corroborate_reconcile::{Entity, MutualAccusation};
use maud::{html, Markup};

/// Disputed groups listed on the disputes page (the API lists 1,000).
const GROUPS_SHOWN: usize = 60;
/// Agreeing groups listed below them.
const AGREEING_SHOWN: usize = 25;
/// Sources charted per group.
const SOURCES_CHARTED: usize = 25;

fn group_title(g: &FigureGroup) -> String {
    let mut t = format!("{} {}", g.who, g.category);
    if let Some(p) = &g.place {
        t.push_str(&format!(" · {p}"));
    }
    if g.scope != "total" {
        t.push_str(&format!(" · {}", g.scope.replace("period:", "per ")));
    }
    match (&g.from, &g.to) {
        (Some(a), Some(b)) if a != b => t.push_str(&format!(" · {a} – {b}")),
        (Some(a), _) => t.push_str(&format!(" · {a}")),
        _ => {}
    }
    t
}

fn claim_item(c: &Claim, mode: Mode) -> Markup {
    html! {
        li {
            a href=(mode.doc_at(&c.doc, &format!("f{}", c.index))) { "“" (truncate(&c.text, 80)) "”" }
            span.meta {
                " · " (c.source.as_deref().unwrap_or("no source named"))
                " · " a href=(mode.outlet(outlet_name(&c.outlet))) { (outlet_name(&c.outlet)) }
                @if let Some(p) = &c.published { " · " (p) }
                " · " (c.qualifier)
            }
        }
    }
}

fn group_section(g: &FigureGroup, mode: Mode) -> Markup {
    let rows: Vec<(String, f64, f64)> = g
        .sources
        .iter()
        .take(SOURCES_CHARTED)
        .map(|s| (s.source.clone(), s.min, s.max.unwrap_or(s.min)))
        .collect();
    html! {
        section.dispute[g.dispute] .agree[!g.dispute] id=(format!("g-{}", g.id)) {
            h2 { (group_title(g)) }
            p.meta {
                @if g.dispute { span.tag.disputed { "disputed" } " " } @else { span.tag { "consistent" } " " }
                (g.total_claims) " claim(s) from " (g.documents) " document(s)"
                @if let Some(c) = &g.consensus { " · consensus " (fmt_num(c.min)) "–" (fmt_num(c.max)) }
                @if let Some(m) = g.median { " · median " (fmt_num(m)) }
            }
            (ranges(&rows))
            @if g.sources.iter().any(|s| s.max.is_none()) { p.meta { "A source whose figure is open-ended (“at least …”) is drawn at its lower bound." } }
            @if g.sources.len() > SOURCES_CHARTED { p.meta { "The chart shows " (SOURCES_CHARTED) " of " (g.sources.len()) " sources." } }
            ul.claims { @for c in g.claims.iter().take(20) { (claim_item(c, mode)) } }
            @if g.claims.len() > 20 { p.meta { "Listing 20 of " (g.total_claims) " claims." } }
        }
    }
}

fn accusation_item(a: &MutualAccusation, mode: Mode) -> Markup {
    let side = |r: &corroborate_reconcile::accusations::AccusationRef| {
        html! {
            li {
                strong { (r.accuser) } " " a href=(mode.doc_at(&r.doc, "")) { (r.cue) } " " strong { (r.accused) }
                @if let Some(about) = &r.about { " — " (truncate(about, 160)) }
                span.meta { " · " (outlet_name(&r.outlet)) @if let Some(p) = &r.published { " · " (p) } }
            }
        }
    };
    html! {
        section.accusation {
            h3 { (a.parties[0]) " ⇄ " (a.parties[1]) }
            p.meta {
                @if a.same_document { "in one document" } @else { "across documents" }
                @if !a.shared.is_empty() { " · both about: " (a.shared.join(", ")) }
            }
            ul { (side(&a.first)) (side(&a.second)) }
        }
    }
}

pub fn disputes(c: &Catalog, mode: Mode) -> Markup {
    let r = &c.reconciled;
    let disputed: Vec<&FigureGroup> = r.disputes().take(GROUPS_SHOWN).collect();
    let n_disputes = r.disputes().count();
    let agreeing: Vec<&FigureGroup> = r.figure_groups.iter().filter(|g| !g.dispute).take(AGREEING_SHOWN).collect();
    html! {
        h1 { "Disputes" }
        p.lede {
            "Figures are compared when their category and who was counted agree and their place and time window overlap. "
            "A group is disputed when its claims do not overlap even after a tolerance (docs/reconcile.md); "
            "counts over different windows (“in 24 hours” and “in total”) are kept apart and never dispute."
        }
        @if disputed.is_empty() {
            p.empty { "No disputed figures: " (c.figures.len()) " figure(s) in " (r.figure_groups.len()) " comparable group(s), none in conflict." }
        }
        @if n_disputes > 0 { p.meta { (n_disputes) " disputed group(s)" @if n_disputes > GROUPS_SHOWN { ", the " (GROUPS_SHOWN) " with most claims shown" } "." } }
        @for g in &disputed { (group_section(g, mode)) }
        h2 { "Mutual accusations (" (r.accusations.len()) ")" }
        @if r.accusations.is_empty() { p.empty { "No pair of parties blaming each other for the same thing." } }
        @for a in r.accusations.iter().take(50) { (accusation_item(a, mode)) }
        h2 { "Figures that agree (" (r.figure_groups.len() - n_disputes) " groups)" }
        @if r.figure_groups.len() - n_disputes > AGREEING_SHOWN { p.meta { "The " (AGREEING_SHOWN) " with most claims are shown; the JSON API lists more." } }
        @for g in &agreeing { (group_section(g, mode)) }
    }
}

fn drift_diff(ops: &[corroborate_reconcile::statements::DiffOp]) -> Markup {
    html! {
        span.diff {
            @for op in ops {
                @match op.op.as_str() {
                    "delete" => { del { (op.text) } " " }
                    "insert" => { ins { (op.text) } " " }
                    _ => { span { (op.text) } " " }
                }
            }
        }
    }
}

fn statement_group(g: &StatementGroup, mode: Mode) -> Markup {
    html! {
        section.provenance {
            h2 { "“" (truncate(&g.text, 200)) "”" }
            p.meta {
                (g.appearances) " appearance(s) in " (g.documents) " document(s) · "
                @for (k, o) in g.outlets.iter().enumerate() { @if k > 0 { ", " } a href=(mode.outlet(o)) { (o) } }
                @if !g.speakers.is_empty() { " · said by " (g.speakers.join(", ")) }
            }
            p { span.tag.first { "first" } " "
                a href=(mode.doc(&g.first.doc)) { (g.first.doc) }
                span.meta { " · " (outlet_name(&g.first.outlet)) " · " (g.first.published.as_deref().unwrap_or("undated")) } }
            @if g.wordings.len() > 1 {
                h3 { "Wordings" }
                ol.wordings {
                    @for w in &g.wordings {
                        li {
                            @if w.drift.is_empty() { span.tag { "original" } } @else { @for d in &w.drift { span.tag.drift { (d.replace('_', " ")) } " " } }
                            " " (drift_diff(&w.diff))
                            span.meta { " · " (w.appearances) "× · first in " a href=(mode.doc(&w.first.doc)) { (outlet_name(&w.first.outlet)) } }
                        }
                    }
                }
            }
            ol.timeline {
                @for a in g.timeline.iter().take(12) {
                    li { span.date { (a.published.as_deref().unwrap_or("undated")) } " "
                        a href=(mode.doc(&a.doc)) { (outlet_name(&a.outlet)) }
                        @if let Some(s) = &a.speaker { span.meta { " · " (s) } } }
                }
            }
        }
    }
}

/// Statement provenance: the same quote or claim across documents.
pub fn statements(c: &Catalog, mode: Mode) -> Markup {
    let r = &c.reconciled;
    html! {
        h2 { "Statements across outlets (" (r.statements.len()) ")" }
        p.lede { "The same quote or claim in several articles: where it first appeared, which outlets carried it, and how its wording drifted (truncated, changed words, misspelt names)." }
        @if r.statements.is_empty() { p.empty { "No statement appears in more than one document yet." } }
        @for g in r.statements.iter().take(100) { (statement_group(g, mode)) }
    }
}

fn entity_row(e: &Entity, mode: Mode) -> Markup {
    html! {
        tr {
            td { a href=(mode.speaker(&e.id)) { (e.name) } }
            td { @if let Some(k) = &e.kind { span.tag { (k) } } }
            td { (e.side.as_deref().unwrap_or("")) }
            td { (e.roles.iter().take(2).map(|r| r.name.as_str()).collect::<Vec<_>>().join("; ")) }
            td.num { (e.statements) }
            td.num { (e.documents) }
        }
    }
}

pub fn speakers(c: &Catalog, mode: Mode) -> Markup {
    let mut by_statements: Vec<&Entity> = c.reconciled.entities.iter().filter(|e| e.statements > 0).collect();
    by_statements.sort_by(|a, b| b.statements.cmp(&a.statements).then(b.documents.cmp(&a.documents)));
    let mut by_mentions: Vec<&Entity> = c.reconciled.entities.iter().collect();
    by_mentions.sort_by(|a, b| b.documents.cmp(&a.documents).then(b.mentions.cmp(&a.mentions)));
    let bars: Vec<(String, usize, String)> =
        by_statements.iter().take(30).map(|e| (e.name.clone(), e.statements as usize, mode.speaker(&e.id))).collect();
    let head = html! { tr { th { "entity" } th { "type" } th { "side" } th { "roles" } th { "statements" } th { "documents" } } };
    html! {
        h1 { "Speakers" }
        p.lede { "One entry per actor across the corpus: name variants, surnames, roles and metonyms (Moscow, the Kremlin → Russia's government) merged; type and side from the actor list." }
        @if bars.is_empty() { p.empty { "No attributed statements extracted yet." } } @else { (hbars(&bars)) }
        h2 { "Who is quoted" }
        table.entities { (head) @for e in by_statements.iter().take(200) { (entity_row(e, mode)) } }
        h2 { "Most mentioned" }
        @if by_mentions.is_empty() { p.empty { "No entities recognised yet." } }
        table.entities { (head) @for e in by_mentions.iter().take(100) { (entity_row(e, mode)) } }
        @if mode == Mode::Report {
            @for e in by_statements.iter().take(50) {
                section { h2 { (e.name) } ol.statements { @for s in entity_statements(c, &e.id).into_iter().take(30) { (statement(s, mode)) } } }
            }
        }
    }
}

/// The statements whose speaker resolves to entity `id`.
pub fn entity_statements<'a>(c: &'a Catalog, id: &str) -> Vec<&'a Statement> {
    c.statements
        .iter()
        .zip(&c.statement_entity)
        .filter(|(_, e)| e.as_deref() == Some(id))
        .map(|(s, _)| s)
        .collect()
}

pub fn statement(s: &Statement, mode: Mode) -> Markup {
    html! {
        li {
            span.tag { (s.kind) } " "
            strong { (s.speaker) } " "
            a href=(mode.doc(&s.doc)) { "“" (truncate(&s.content, 240)) "”" }
            @if !s.via.is_empty() { span.via { " via " (s.via.join(" ← ")) } }
            span.meta { " · " (outlet_name(&s.outlet)) @if let Some(p) = &s.published { " · " (p) } }
        }
    }
}

/// One speaker: the entity (by id or any name the corpus uses) and what it is reported to have said.
pub fn speaker(c: &Catalog, name: &str, mode: Mode) -> Markup {
    let ent = c.reconciled.find_entity(&c.actors, name);
    let st: Vec<&Statement> = match ent {
        Some(e) => entity_statements(c, &e.id),
        None => c.statements.iter().filter(|s| s.speaker == name).collect(),
    };
    html! {
        @match ent {
            Some(e) => {
                h1 { (e.name) }
                p.meta {
                    @if let Some(k) = &e.kind { span.tag { (k) } " " }
                    @if let Some(sd) = &e.side { "side: " (sd) " · " }
                    "named in " (e.documents) " document(s), " (e.mentions) " mention(s)"
                    @if !e.listed { " · not in the actor list" }
                }
                @if !e.roles.is_empty() { p { "Roles: " (e.roles.iter().map(|r| r.name.as_str()).collect::<Vec<_>>().join("; ")) } }
                @if e.variants.len() > 1 { p { "Also written: " (e.variants.iter().map(|v| v.name.as_str()).collect::<Vec<_>>().join(", ")) } }
                @if !e.outlets.is_empty() { p.meta { "Outlets: " @for (k, o) in e.outlets.iter().take(10).enumerate() { @if k > 0 { ", " } a href=(mode.outlet(&o.name)) { (o.name) } " (" (o.count) ")" } } }
            }
            None => { h1 { (name) } }
        }
        h2 { "Reported statements (" (st.len()) ")" }
        @if st.is_empty() { p.empty { "No statements attributed to this name yet." } }
        ol.statements { @for s in st.iter().take(500) { (statement(s, mode)) } }
    }
}

/// The outlet's credibility over its articles: mean score, spread, and the
/// signals that moved its articles' scores most often.
fn credibility_profile(c: &Catalog, name: &str, mode: Mode) -> Markup {
    if c.docs.len() > crate::catalog::CREDIBILITY_PROFILE_MAX_DOCS {
        return html! {
            h2 { "Credibility profile" }
            p.empty { "Not computed at start for a corpus of more than " (crate::catalog::CREDIBILITY_PROFILE_MAX_DOCS) " articles; each article's page shows its score and signals." }
        };
    }
    let Some(p) = c.credibility_profiles.get(name) else { return html! {} };
    let docs = c.by_outlet.get(name).map(Vec::as_slice).unwrap_or(&[]);
    let mut buckets = [0usize; 5];
    for &i in docs {
        if let Some(x) = c.credibility.get(i).filter(|x| x.is_finite()) {
            buckets[((*x * 5.0) as usize).min(4)] += 1;
        }
    }
    let bars: Vec<(String, usize, String)> = buckets
        .iter()
        .enumerate()
        .map(|(k, n)| (format!("{:.1}–{:.1}", k as f64 / 5.0, (k + 1) as f64 / 5.0), *n, mode.outlet(name)))
        .collect();
    let mut sigs: Vec<(&String, &(usize, f64))> = p.signals.iter().collect();
    sigs.sort_by_key(|b| std::cmp::Reverse(b.1 .0));
    html! {
        h2 { "Credibility profile" }
        p { "Mean score " strong { (p.mean().map(|m| format!("{m:.2}")).unwrap_or_default()) } " over " (p.articles) " article(s)." }
        p.meta { "Scores come from sourcing, hedges, loaded terms and agreement with other outlets on the same incident. Cross-validated on FA-KES the model is no better than chance, so the signals are the evidence, not the number." }
        (hbars(&bars))
        @if !sigs.is_empty() {
            table.framing {
                tr { th { "signal" } th { "articles it moved" } th { "mean effect" } }
                @for (n, (k, sum)) in sigs.iter().take(8) { tr { td { (n.replace('_', " ")) } td.num { (k) } td.num { (format!("{:+.2}", sum / (*k).max(1) as f64)) } } }
            }
        }
    }
}

/// The outlet's sourcing and framing profile from reconciliation.
pub fn outlet_profile(c: &Catalog, name: &str, mode: Mode) -> Markup {
    let cred = credibility_profile(c, name, mode);
    let Some(p) = c.reconciled.outlets.iter().find(|p| p.outlet == name) else { return cred };
    let sourcing = vec![
        ("named source".to_string(), p.named_sources, mode.outlet(name)),
        ("unnamed source".to_string(), p.unnamed_sources, mode.outlet(name)),
        ("no source".to_string(), p.no_source, mode.outlet(name)),
    ];
    html! {
        h2 { "Sourcing" }
        @if p.attributions == 0 { p.empty { "No attributed statements." } } @else { (hbars(&sourcing)) }
        p.meta { (p.sourced_figures) " of " (p.figures) " figure(s) say who gave them." }
        @if !p.hedges.is_empty() {
            p { "Hedges: " @for (k, (kind, n)) in p.hedges.iter().enumerate() { @if k > 0 { ", " } (kind) " " (n) } }
        }
        h2 { "Framing: the words used for each side" }
        @if p.framing.is_empty() { p.empty { "No framing terms." } }
        table.framing {
            @for (side, terms) in &p.framing {
                tr { th { (side) } td { @for (k, (t, n)) in terms.iter().enumerate() { @if k > 0 { ", " } (t) " (" (n) ")" } } }
            }
        }
        p.meta { (p.loaded_terms) " loaded and " (p.neutral_terms) " neutral term(s); " (p.framing_in_narration) " in the outlet's own narration." }
        (cred)
        @if !p.top_speakers.is_empty() {
            h2 { "Most quoted" }
            ol { @for (s, n) in &p.top_speakers { li { a href=(mode.speaker(s)) { (s) } " (" (n) ")" } } }
        }
    }
}
