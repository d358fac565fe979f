//! Page bodies, rendered with maud: every `(expr)` is HTML-escaped, so
//! article text, titles, outlet names and ids from the corpus cannot inject
//! markup. The same bodies serve the live pages and the one-file report.

use crate::catalog::{outlet_name, Catalog};
use crate::charts::{hbars, timeline, truncate};
use crate::highlight::{segments, Mark, Segment};
use crate::links::Mode;
use corroborate_export::DocRecord;
use corroborate_store::{SearchHit, SNIPPET_CLOSE, SNIPPET_OPEN};
use maud::{html, Markup, DOCTYPE};

pub const NAV: &[(&str, &str)] = &[
    ("overview", "Overview"),
    ("search", "Search"),
    ("disputes", "Disputes"),
    ("speakers", "Speakers"),
    ("provenance", "Provenance"),
    ("add", "Add articles"),
];

/// The live-server page shell: external CSS and JS only (CSP `'self'`).
pub fn layout(title: &str, active: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · corroborate" }
                link rel="stylesheet" href="/static/app.css";
                link rel="icon" href="/static/favicon.svg" type="image/svg+xml";
                script src="/static/app.js" defer {}
            }
            body {
                (nav(Mode::Server, active))
                main { (body) }
            }
        }
    }
}

pub fn nav(mode: Mode, active: &str) -> Markup {
    html! {
        header.top {
            a.brand href=(mode.page("overview")) { "corroborate" }
            nav {
                @for (key, label) in NAV {
                    @if mode == Mode::Server || *key != "add" && *key != "search" {
                        a href=(mode.page(key)) class=[(*key == active).then_some("active")] { (label) }
                    }
                }
            }
        }
    }
}

fn full_title(title: &Option<String>, id: &str) -> String {
    title.clone().filter(|t| !t.trim().is_empty()).unwrap_or_else(|| id.to_string())
}

/// Titles in lists are cut: some corpora put a whole lead paragraph there.
fn doc_title(title: &Option<String>, id: &str) -> String {
    truncate(&full_title(title, id), 140)
}

pub fn overview(c: &Catalog, mode: Mode) -> Markup {
    let months: Vec<(String, usize, usize, usize)> = c.months.iter().map(|(m, (d, f, i))| (m.clone(), *d, *f, *i)).collect();
    let outlets: Vec<(String, usize, String)> =
        c.outlets.iter().take(25).map(|(o, n)| (o.clone(), *n, mode.outlet(o))).collect();
    let recent: Vec<usize> = (0..c.docs.len()).rev().take(20).collect();
    html! {
        h1 { "The record" }
        section.cards {
            div.card { span.big { (c.doc_count()) } span { "documents" } }
            div.card { span.big { (c.outlets.len()) } span { "outlets" } }
            div.card { span.big { (c.figures.len()) } span { "casualty figures" } }
            div.card { span.big { (c.statements.len()) } span { "attributed statements" } }
            div.card { span.big { (c.clusters.len()) } span { "near-duplicate clusters" } }
            div.card {
                @if let Some((lo, hi)) = &c.range { span.mid { (truncate(lo, 10)) " – " (truncate(hi, 10)) } }
                @else { span.mid { "undated" } }
                span { "date range" }
            }
        }
        h2 { "Timeline" }
        (timeline(&months))
        div.cols {
            section {
                h2 { "Outlets" }
                @if outlets.is_empty() { p.empty { "No documents yet." } } @else { (hbars(&outlets)) }
            }
            section {
                h2 { "Recently added" }
                ul.doclist {
                    @for &i in &recent {
                        @if let Some(d) = c.docs.get(i) {
                            li {
                                a href=(mode.doc(&d.id)) { (doc_title(&d.title, &d.id)) }
                                span.meta { " · " (outlet_name(&d.outlet)) @if let Some(p) = &d.published { " · " (p) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Highlight classes and anchors for every span in a record.
fn marks(rec: &DocRecord) -> Vec<Mark> {
    let mut m = Vec::new();
    for (i, a) in rec.attributions.iter().enumerate() {
        if let Some(s) = &a.source {
            m.push(Mark { start: s.start, end: s.end, class: "src", anchor: format!("a{i}-src"), title: "source".into() });
        }
        if let Some(s) = &a.cue {
            m.push(Mark { start: s.start, end: s.end, class: "cue", anchor: format!("a{i}-cue"), title: "cue".into() });
        }
        for (k, s) in a.content.iter().enumerate() {
            m.push(Mark { start: s.start, end: s.end, class: "content", anchor: format!("a{i}-c{k}"), title: format!("{} content", a.kind) });
        }
    }
    for (i, f) in rec.figures.iter().enumerate() {
        m.push(Mark { start: f.start, end: f.end, class: "fig", anchor: format!("f{i}"), title: format!("figure: {}", f.qualifier) });
    }
    for (i, h) in rec.hedges.iter().enumerate() {
        m.push(Mark { start: h.start, end: h.end, class: "hedge", anchor: format!("h{i}"), title: format!("hedge: {}", h.kind) });
    }
    for (i, f) in rec.framing.iter().enumerate() {
        let title = match &f.refers_to {
            Some(side) => format!("{} term for {side}", f.tone),
            None => format!("{} term", f.tone),
        };
        m.push(Mark { start: f.start, end: f.end, class: "frame", anchor: format!("r{i}"), title });
    }
    for (i, e) in rec.entities.iter().enumerate() {
        m.push(Mark { start: e.start, end: e.end, class: "ent", anchor: format!("e{i}"), title: e.label.clone() });
    }
    m
}

pub fn article(
    rec: &DocRecord,
    cluster_peers: &[(String, Option<String>)],
    credibility: Option<&corroborate_reconcile::credibility::Credibility>,
    mode: Mode,
) -> Markup {
    let mut ms = marks(rec);
    let segs = segments(&rec.text, &mut ms);
    let pfx = match mode {
        Mode::Server => String::new(),
        Mode::Report => format!("{}-", crate::links::enc(&rec.doc)),
    };
    let jump = |anchor: &str| format!("#{pfx}{anchor}");
    html! {
        article.doc {
            h1 { (full_title(&rec.title, &rec.doc)) }
            p.meta {
                a href=(mode.outlet(outlet_name(&rec.outlet))) { (outlet_name(&rec.outlet)) }
                @if let Some(p) = &rec.published { " · " (p) }
                " · id " code { (rec.doc) }
                @if mode == Mode::Server { " · " a href=(format!("/api/doc/{}", crate::links::enc(&rec.doc))) { "JSON" } }
            }
            div.legend {
                span.hl.src { "source" } span.hl.cue { "cue" } span.hl.content { "content" }
                span.hl.fig { "figure" } span.hl.hedge { "hedge" } span.hl.frame { "loaded term" } span.hl.ent { "entity" }
            }
            div.article-grid {
                div.text {
                    @for s in &segs {
                        @match s {
                            Segment::Plain(t) => (t),
                            Segment::Marked(t, m) => span class={ "hl " (m.class) } id=(format!("{pfx}{}", m.anchor)) title=(m.title) { (t) },
                        }
                    }
                }
                aside.record {
                    h2 { "Extracted record" }
                    @if let Some(cr) = credibility {
                        h3 { "Credibility " span.num { (format!("{:.2}", cr.score)) } }
                        p.meta { "The model's probability that the article is accurate, from the signals below. Cross-validated on FA-KES it is no better than chance (AUC ≈ 0.5): read the signals, not the number." }
                        ul.signals {
                            @for sig in cr.signals.iter().filter(|s| s.contribution.abs() >= 0.01).take(6) {
                                li { span.num { (format!("{:+.2}", sig.contribution)) } " " (sig.reason) }
                            }
                        }
                    }
                    h3 { "Attributions (" (rec.attributions.len()) ")" }
                    @if rec.attributions.is_empty() { p.empty { "No attributions extracted yet." } }
                    ol {
                        @for (i, a) in rec.attributions.iter().enumerate() {
                            li {
                                span.tag { (a.kind) } " "
                                @if let Some(s) = &a.source { a.src href=(jump(&format!("a{i}-src"))) { (s.text) } } @else { em { "no source" } }
                                @if let Some(sp) = &a.speaker {
                                    @if a.source.as_ref().map(|s| s.text.as_str()) != Some(sp.name.as_str()) { " → " strong { (sp.name) } }
                                    @if let Some(r) = &sp.role { " (" (r) @if let Some(af) = &sp.affiliation { ", " (af) } ")" }
                                }
                                @if let Some(c) = &a.cue { " " a.cue href=(jump(&format!("a{i}-cue"))) { (c.text) } }
                                @for (k, c) in a.content.iter().enumerate() { " " a.content href=(jump(&format!("a{i}-c{k}"))) { "“" (truncate(&c.text, 140)) "”" } }
                                @if !a.via.is_empty() { span.via { " via " @for (k, v) in a.via.iter().enumerate() { @if k > 0 { ", " } (v.name) } } }
                            }
                        }
                    }
                    h3 { "Figures (" (rec.figures.len()) ")" }
                    @if rec.figures.is_empty() { p.empty { "No figures extracted yet." } }
                    ol {
                        @for (i, f) in rec.figures.iter().enumerate() {
                            li {
                                a.fig href=(jump(&format!("f{i}"))) { (f.text) } " "
                                span.tag { (f.qualifier) }
                                @if let Some(c) = &f.category { " " (c) }
                                @if let Some(p) = &f.place { " · " (p) }
                                @if let Some(s) = &f.source { " · per " (s) }
                            }
                        }
                    }
                    h3 { "Hedges (" (rec.hedges.len()) ")" }
                    @if rec.hedges.is_empty() { p.empty { "No hedges extracted yet." } }
                    ol { @for (i, h) in rec.hedges.iter().enumerate() { li { a.hedge href=(jump(&format!("h{i}"))) { "“" (h.text) "” (" (h.kind) ")" } } } }
                    h3 { "Loaded terms (" (rec.framing.len()) ")" }
                    @if rec.framing.is_empty() { p.empty { "No framing analysis yet." } }
                    ol { @for (i, f) in rec.framing.iter().enumerate() { li { a.frame href=(jump(&format!("r{i}"))) { "“" (f.text) "”" @if let Some(side) = &f.refers_to { " for " (side) } @if let Some(u) = &f.used_by { " — used by " (u) } } } } }
                    h3 { "Entities (" (rec.entities.len()) ")" }
                    @if rec.entities.is_empty() { p.empty { "No entities recognised." } }
                    ol.entities {
                        @for (i, e) in rec.entities.iter().enumerate() {
                            li { a.ent href=(jump(&format!("e{i}"))) { (e.text) } " " span.tag { (e.label) } }
                        }
                    }
                    @if !cluster_peers.is_empty() {
                        h3 { "Near-duplicates" }
                        ul { @for (id, t) in cluster_peers { li { a href=(mode.doc(id)) { (doc_title(t, id)) } } } }
                    }
                }
            }
        }
    }
}

/// A search snippet with ⟦matches⟧ as `<mark>`; the text pieces are escaped.
fn snippet(s: &str) -> Markup {
    html! {
        @for (i, part) in s.split(SNIPPET_OPEN).enumerate() {
            @if i == 0 { (part) } @else {
                @let (hit, rest) = part.split_once(SNIPPET_CLOSE).unwrap_or((part, ""));
                mark { (hit) } (rest)
            }
        }
    }
}

/// A search's hits and how many documents matched (counted up to the ranking cap).
#[derive(Default)]
pub struct Found {
    pub hits: Vec<SearchHit>,
    pub matches: usize,
    /// More than `SEARCH_CANDIDATES` matched: only the newest were ranked.
    pub more: bool,
}

pub fn search(q: &str, found: &Result<Found, String>, mode: Mode) -> Markup {
    html! {
        h1 { "Search" }
        form.search action="/search" method="get" role="search" {
            input type="search" name="q" value=(q) placeholder="words, \"a phrase\", prefix*" autofocus;
            button type="submit" { "Search" }
        }
        @match found {
            Err(e) => p.error { (e) },
            Ok(f) if f.hits.is_empty() && !q.is_empty() => p.empty { "Nothing matches " q { (q) } "." },
            Ok(f) => {
                @if !f.hits.is_empty() {
                    @if f.more {
                        p.meta { "More than " (f.matches) " articles match; the best " (f.hits.len()) " of the " (f.matches) " most recently added are shown. Add words or a \"phrase\" to narrow the search." }
                    } @else {
                        p.meta { (f.matches) " article(s) match; the best " (f.hits.len()) " are shown." }
                    }
                }
                ol.hits {
                    @for hit in &f.hits {
                        li {
                            a href=(mode.doc(&hit.id)) { (doc_title(&hit.title, &hit.id)) }
                            span.meta { " · " (outlet_name(&hit.outlet)) @if let Some(p) = &hit.published { " · " (p) } }
                            p.snippet { (snippet(&hit.snippet)) }
                        }
                    }
                }
            }
        }
    }
}

pub fn outlet(c: &Catalog, name: &str, mode: Mode) -> Markup {
    let docs = c.by_outlet.get(name).map(Vec::as_slice).unwrap_or(&[]);
    let prof = c.profiles.get(name).cloned().unwrap_or_default();
    let mut months: std::collections::BTreeMap<&str, usize> = Default::default();
    for &i in docs {
        if let Some(m) = c.docs.get(i).and_then(|d| crate::catalog::month_of(d.published.as_deref())) {
            *months.entry(m).or_default() += 1;
        }
    }
    let months: Vec<(String, usize, usize, usize)> = months.into_iter().map(|(m, n)| (m.to_string(), n, 0, 0)).collect();
    html! {
        h1 { (name) }
        section.cards {
            div.card { span.big { (docs.len()) } span { "documents" } }
            div.card { span.big { (prof.attributions) } span { "attributions" } }
            div.card { span.big { (prof.figures) } span { "figures" } }
            div.card { span.big { (prof.hedges) } span { "hedges" } }
            div.card { span.big { (prof.framing) } span { "loaded terms" } }
        }
        h2 { "Documents per month" }
        (timeline(&months))
        div.cols {
            section {
                (crate::crosscheck::outlet_profile(c, name, mode))
            }
            section {
                h2 { "Documents" }
                ul.doclist {
                    @for &i in docs.iter().rev().take(200) {
                        @if let Some(d) = c.docs.get(i) {
                            li { a href=(mode.doc(&d.id)) { (doc_title(&d.title, &d.id)) } @if let Some(p) = &d.published { span.meta { " · " (p) } } }
                        }
                    }
                }
                @if docs.len() > 200 { p.meta { "Showing the latest 200 of " (docs.len()) "." } }
            }
        }
    }
}

pub fn outlets(c: &Catalog, mode: Mode) -> Markup {
    let rows: Vec<(String, usize, String)> = c.outlets.iter().map(|(o, n)| (o.clone(), *n, mode.outlet(o))).collect();
    html! { h1 { "Outlets" } (hbars(&rows)) }
}

pub fn provenance(c: &Catalog, mode: Mode) -> Markup {
    html! {
        h1 { "Provenance" }
        (crate::crosscheck::statements(c, mode))
        h2 { "Near-duplicate articles (" (c.clusters.len()) " clusters)" }
        p.lede { "Near-duplicate clusters: the same text (or a rewrite of it) published more than once. The earliest dated member is the first appearance; later members show where it travelled." }
        @if c.clusters.is_empty() { p.empty { "No near-duplicate clusters in this corpus yet." } }
        @for (id, members) in c.clusters.iter().take(200) {
            section.cluster {
                h3 { "Cluster " (id) " · " (members.len()) " documents" }
                ol.timeline {
                    @for (k, &i) in members.iter().enumerate() {
                        @if let Some(d) = c.docs.get(i) {
                            li {
                                @if k == 0 { span.tag.first { "first" } " " }
                                span.date { (d.published.as_deref().unwrap_or("undated")) } " "
                                a href=(mode.doc(&d.id)) { (doc_title(&d.title, &d.id)) }
                                span.meta { " · " a href=(mode.outlet(outlet_name(&d.outlet))) { (outlet_name(&d.outlet)) } }
                            }
                        }
                    }
                }
            }
        }
        @if c.clusters.len() > 200 { p.meta { "Showing the 200 largest of " (c.clusters.len()) " clusters." } }
    }
}

pub fn disputes(c: &Catalog, mode: Mode) -> Markup {
    crate::crosscheck::disputes(c, mode)
}

pub fn speakers(c: &Catalog, mode: Mode) -> Markup {
    crate::crosscheck::speakers(c, mode)
}

pub fn speaker(c: &Catalog, name: &str, mode: Mode) -> Markup {
    crate::crosscheck::speaker(c, name, mode)
}

pub fn add_form(error: Option<&str>, max_mb: usize) -> Markup {
    html! {
        h1 { "Add articles" }
        @if let Some(e) = error { p.error role="alert" { (e) } }
        p.lede { "Paste an article or upload UTF-8 text files (up to " (max_mb) " MB in total). Each is analysed like " code { "corroborate ingest" } " and stored." }
        form.add method="post" action="/add" enctype="multipart/form-data" {
            label { "Title" input type="text" name="title" maxlength="500"; }
            label { "Outlet" input type="text" name="outlet" maxlength="200"; }
            label { "Published (YYYY-MM-DD)" input type="text" name="published" maxlength="40" pattern="[0-9]{4}-[0-9]{2}-[0-9]{2}.*"; }
            label { "Text" textarea name="text" rows="10" {} }
            label { "…or files" input type="file" name="file" multiple accept=".txt,text/plain"; }
            button type="submit" { "Analyse and add" }
        }
    }
}

pub fn not_found(what: &str) -> Markup {
    html! { h1 { "Not found" } p.error { (what) } p { a href="/" { "Back to the overview" } } }
}
