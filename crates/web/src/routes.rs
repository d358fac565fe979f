//! HTTP routes: one HTML page and one `/api/...` JSON view per concern, the
//! embedded static assets, and the upload form.

use crate::app::{upload_doc, Shared, WebError};
use crate::catalog::{outlet_name, Catalog};
use crate::links::{enc, Mode};
use crate::views;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use maud::Markup;
use serde::{Deserialize, Serialize};
use serde_json::json;

const CSS: &str = include_str!("../assets/app.css");
const JS: &str = include_str!("../assets/app.js");
const ICON: &str = include_str!("../assets/favicon.svg");
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
const SEARCH_LIMIT: usize = 50;

pub fn router(state: Shared) -> Router {
    let limit = state.max_body;
    Router::new()
        .route("/", get(overview))
        .route("/doc/{id}", get(doc))
        .route("/search", get(search))
        .route("/outlets", get(outlets))
        .route("/outlet/{name}", get(outlet))
        .route("/provenance", get(provenance))
        .route("/disputes", get(disputes))
        .route("/speakers", get(speakers))
        .route("/speaker/{name}", get(speaker))
        .route("/add", get(add_form).post(add_post))
        .route("/api/overview", get(api_overview))
        .route("/api/doc/{id}", get(api_doc))
        .route("/api/search", get(api_search))
        .route("/api/outlets", get(api_outlets))
        .route("/api/outlet/{name}", get(api_outlet))
        .route("/api/provenance", get(api_provenance))
        .route("/api/disputes", get(api_disputes))
        .route("/api/speakers", get(api_speakers))
        .route("/api/speaker/{name}", get(api_speaker))
        .route("/api/add", post(api_add))
        .route("/static/app.css", get(|| async { asset("text/css; charset=utf-8", CSS) }))
        .route("/static/app.js", get(|| async { asset("text/javascript; charset=utf-8", JS) }))
        .route("/static/favicon.svg", get(|| async { asset("image/svg+xml", ICON) }))
        .route("/favicon.ico", get(|| async { asset("image/svg+xml", ICON) }))
        .fallback(|| async { page_err(StatusCode::NOT_FOUND, "No such page.") })
        .layer(DefaultBodyLimit::max(limit))
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
}

async fn security_headers(mut r: Response) -> Response {
    let h = r.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    r
}

fn asset(ct: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, ct), (header::CACHE_CONTROL, "max-age=3600")], body).into_response()
}

fn page(title: &str, active: &str, body: Markup) -> Response {
    Html(views::layout(title, active, body).into_string()).into_response()
}

fn page_err(code: StatusCode, msg: &str) -> Response {
    (code, Html(views::layout("Error", "", views::not_found(msg)).into_string())).into_response()
}

fn api_err(code: StatusCode, msg: &str) -> Response {
    (code, Json(json!({ "error": msg }))).into_response()
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let code = match self {
            WebError::BadInput(_) => StatusCode::BAD_REQUEST,
            WebError::NoPipeline => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        page_err(code, &self.to_string())
    }
}

async fn overview(State(s): State<Shared>) -> Response {
    page("Overview", "overview", views::overview(&s.catalog(), Mode::Server))
}

fn peers(c: &Catalog, id: &str) -> Vec<(String, Option<String>)> {
    let Some(&i) = c.by_id.get(id) else { return Vec::new() };
    let Some(cl) = c.docs.get(i).map(|d| d.cluster) else { return Vec::new() };
    c.clusters
        .iter()
        .find(|(k, _)| *k == cl)
        .map(|(_, m)| m.iter().filter(|&&j| j != i).filter_map(|&j| c.docs.get(j)).map(|d| (d.id.clone(), d.title.clone())).collect())
        .unwrap_or_default()
}

async fn doc(State(s): State<Shared>, Path(id): Path<String>) -> Response {
    match s.record(&id) {
        Ok(Some(rec)) => {
            let title = rec.title.clone().unwrap_or_else(|| rec.doc.clone());
            let c = s.catalog();
            let p = peers(&c, &rec.doc);
            let cr = corroborate_reconcile::credibility::score(&rec, &c.credibility_context);
            page(&title, "", views::article(&rec, &p, Some(&cr), Mode::Server))
        }
        Ok(None) => page_err(StatusCode::NOT_FOUND, &format!("No document with id {id:?}.")),
        Err(e) => e.into_response(),
    }
}

async fn api_doc(State(s): State<Shared>, Path(id): Path<String>) -> Response {
    match s.record(&id) {
        Ok(Some(rec)) => Json(rec).into_response(),
        Ok(None) => api_err(StatusCode::NOT_FOUND, &format!("no document with id {id:?}")),
        Err(e) => api_err(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

#[derive(Deserialize)]
struct Q {
    #[serde(default)]
    q: String,
    #[serde(default)]
    limit: Option<usize>,
}

fn run_search(s: &Shared, q: &Q) -> Result<views::Found, String> {
    if q.q.trim().is_empty() {
        return Ok(views::Found::default());
    }
    let limit = q.limit.unwrap_or(SEARCH_LIMIT).min(500);
    let cap = corroborate_store::SEARCH_CANDIDATES;
    s.with_store(|st| {
        let hits = corroborate_store::Store::search(st, &q.q, limit)?;
        // One past the cap tells "exactly N" from "more than N were not all ranked".
        let matches = corroborate_store::Store::count_matches(st, &q.q, cap + 1)?;
        Ok(views::Found { hits, matches: matches.min(cap), more: matches > cap })
    })
    .map_err(|e| e.to_string())
}

async fn search(State(s): State<Shared>, Query(q): Query<Q>) -> Response {
    let hits = run_search(&s, &q);
    page("Search", "search", views::search(&q.q, &hits, Mode::Server))
}

async fn api_search(State(s): State<Shared>, Query(q): Query<Q>) -> Response {
    match run_search(&s, &q) {
        Ok(f) => Json(json!({ "query": q.q, "hits": f.hits, "matches": f.matches, "more": f.more, "ranked_among": corroborate_store::SEARCH_CANDIDATES })).into_response(),
        Err(e) => api_err(StatusCode::BAD_REQUEST, &e),
    }
}

async fn outlets(State(s): State<Shared>) -> Response {
    page("Outlets", "overview", views::outlets(&s.catalog(), Mode::Server))
}

async fn api_outlets(State(s): State<Shared>) -> Response {
    let c = s.catalog();
    let v: Vec<_> = c.outlets.iter().map(|(o, n)| json!({ "outlet": o, "documents": n })).collect();
    Json(v).into_response()
}

async fn outlet(State(s): State<Shared>, Path(name): Path<String>) -> Response {
    let c = s.catalog();
    if !c.by_outlet.contains_key(&name) {
        return page_err(StatusCode::NOT_FOUND, &format!("No outlet named {name:?}."));
    }
    page(&name, "overview", views::outlet(&c, &name, Mode::Server))
}

#[derive(Serialize)]
struct DocRow<'a> {
    id: &'a str,
    title: &'a Option<String>,
    published: &'a Option<String>,
    url: String,
}

async fn api_outlet(State(s): State<Shared>, Path(name): Path<String>) -> Response {
    let c = s.catalog();
    let Some(ix) = c.by_outlet.get(&name) else {
        return api_err(StatusCode::NOT_FOUND, &format!("no outlet named {name:?}"));
    };
    let docs: Vec<DocRow<'_>> = ix
        .iter()
        .rev()
        .take(1000)
        .filter_map(|&i| c.docs.get(i))
        .map(|d| DocRow { id: &d.id, title: &d.title, published: &d.published, url: Mode::Server.doc(&d.id) })
        .collect();
    let reconciled = c.reconciled.outlets.iter().find(|p| p.outlet == name);
    Json(json!({ "outlet": name, "documents": ix.len(), "profile": c.profiles.get(&name), "sourcing_and_framing": reconciled,
        "credibility": c.credibility_profiles.get(&name).map(|p| json!({ "articles": p.articles, "mean": p.mean(), "signals": p.signals })),
        "latest": docs })).into_response()
}

async fn api_overview(State(s): State<Shared>) -> Response {
    let c = s.catalog();
    let months: Vec<_> =
        c.months.iter().map(|(m, (d, f, i))| json!({ "month": m, "documents": d, "figures": f, "incidents": i })).collect();
    let outlets: Vec<_> = c.outlets.iter().take(100).map(|(o, n)| json!({ "outlet": o, "documents": n })).collect();
    Json(json!({
        "documents": c.doc_count(),
        "outlets": c.outlets.len(),
        "figures": c.figures.len(),
        "statements": c.statements.len(),
        "clusters": c.clusters.len(),
        "published_range": c.range,
        "months": months,
        "top_outlets": outlets,
    }))
    .into_response()
}

async fn provenance(State(s): State<Shared>) -> Response {
    page("Provenance", "provenance", views::provenance(&s.catalog(), Mode::Server))
}

async fn api_provenance(State(s): State<Shared>) -> Response {
    let c = s.catalog();
    let v: Vec<_> = c
        .clusters
        .iter()
        .take(1000)
        .map(|(id, m)| {
            let members: Vec<_> = m
                .iter()
                .filter_map(|&i| c.docs.get(i))
                .map(|d| json!({ "id": d.id, "title": d.title, "outlet": outlet_name(&d.outlet), "published": d.published }))
                .collect();
            json!({ "cluster": id, "first": members.first(), "members": members })
        })
        .collect();
    let st: Vec<_> = c.reconciled.statements.iter().take(1000).collect();
    Json(json!({ "statements": c.reconciled.statements.len(), "statement_groups": st, "clusters": c.clusters.len(), "shown": v })).into_response()
}

async fn disputes(State(s): State<Shared>) -> Response {
    page("Disputes", "disputes", views::disputes(&s.catalog(), Mode::Server))
}

async fn api_disputes(State(s): State<Shared>) -> Response {
    let c = s.catalog();
    let r = &c.reconciled;
    let disputes: Vec<_> = r.disputes().take(1000).collect();
    let agreeing: Vec<_> = r.figure_groups.iter().filter(|g| !g.dispute).take(1000).collect();
    Json(json!({ "figures": c.figures.len(), "groups": r.figure_groups.len(), "count": disputes.len(),
        "disputes": disputes, "agreeing": agreeing, "accusations": r.accusations })).into_response()
}

async fn speakers(State(s): State<Shared>) -> Response {
    page("Speakers", "speakers", views::speakers(&s.catalog(), Mode::Server))
}

async fn api_speakers(State(s): State<Shared>) -> Response {
    let c = s.catalog();
    let mut ents: Vec<_> = c.reconciled.entities.iter().collect();
    ents.sort_by(|a, b| b.statements.cmp(&a.statements).then(b.documents.cmp(&a.documents)));
    ents.truncate(1000);
    Json(json!({ "entities": c.reconciled.entities.len(), "shown": ents })).into_response()
}

async fn speaker(State(s): State<Shared>, Path(name): Path<String>) -> Response {
    let c = s.catalog();
    let title = c.reconciled.find_entity(&c.actors, &name).map(|e| e.name.clone()).unwrap_or_else(|| name.clone());
    page(&title, "speakers", views::speaker(&c, &name, Mode::Server))
}

async fn api_speaker(State(s): State<Shared>, Path(name): Path<String>) -> Response {
    let c = s.catalog();
    let ent = c.reconciled.find_entity(&c.actors, &name);
    let st: Vec<_> = match ent {
        Some(e) => crate::crosscheck::entity_statements(&c, &e.id).into_iter().take(1000).collect(),
        None => c.statements.iter().filter(|x| x.speaker == name).take(1000).collect(),
    };
    Json(json!({ "speaker": name, "entity": ent, "statements": st })).into_response()
}

async fn add_form(State(s): State<Shared>) -> Response {
    page("Add articles", "add", views::add_form(None, s.max_body >> 20))
}

/// Reads the upload form: pasted text and/or files (UTF-8 text each).
async fn read_form(mut mp: Multipart) -> Result<Vec<corroborate_model::Document>, WebError> {
    let (mut title, mut outlet, mut published, mut text) = (None, None, None, None);
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    while let Some(field) = mp.next_field().await.map_err(|e| WebError::BadInput(format!("the upload could not be read: {}", e.body_text())))? {
        let name = field.name().unwrap_or("").to_string();
        let fname = field.file_name().map(str::to_string);
        let bytes = field.bytes().await.map_err(|e| WebError::BadInput(format!("the upload could not be read: {}", e.body_text())))?;
        match name.as_str() {
            "title" => title = Some(String::from_utf8_lossy(&bytes).into_owned()),
            "outlet" => outlet = Some(String::from_utf8_lossy(&bytes).into_owned()),
            "published" => published = Some(String::from_utf8_lossy(&bytes).into_owned()),
            "text" => text = Some(String::from_utf8_lossy(&bytes).into_owned()),
            "file" if !bytes.is_empty() => files.push((fname.unwrap_or_else(|| "upload".into()), bytes.to_vec())),
            _ => {}
        }
    }
    let mut docs = Vec::new();
    if let Some(t) = text.filter(|t| !t.trim().is_empty()) {
        docs.push(upload_doc(t, title.clone(), outlet.clone(), published.clone(), "pasted text")?);
    }
    for (fname, bytes) in files {
        let t = String::from_utf8(bytes)
            .map_err(|_| WebError::BadInput(format!("{fname}: not UTF-8 text (only plain-text files can be uploaded here; use `corroborate ingest` for HTML, feeds, WARC, CSV)")))?;
        let stem = fname.rsplit_once('.').map(|(s, _)| s.to_string()).unwrap_or_else(|| fname.clone());
        docs.push(upload_doc(t, title.clone().or(Some(stem)), outlet.clone(), published.clone(), &format!("upload:{fname}"))?);
    }
    if docs.is_empty() {
        return Err(WebError::BadInput("Nothing to add: paste some text or choose a file.".into()));
    }
    Ok(docs)
}

async fn store_docs(s: Shared, docs: Vec<corroborate_model::Document>) -> Result<(Vec<String>, corroborate_store::BatchOutcome), WebError> {
    let ids: Vec<String> = docs.iter().map(|d| d.id.clone()).collect();
    let out = tokio::task::spawn_blocking(move || s.add(docs))
        .await
        .map_err(|e| WebError::BadInput(format!("analysis failed: {e}")))??;
    // An identical text already stored shows under its canonical id.
    let ids = ids
        .into_iter()
        .map(|id| out.duplicates.iter().find(|d| d.id == id).map(|d| d.of.clone()).unwrap_or(id))
        .collect();
    Ok((ids, out))
}

async fn add_post(State(s): State<Shared>, mp: Multipart) -> Response {
    let max_mb = s.max_body >> 20;
    let docs = match read_form(mp).await {
        Ok(d) => d,
        Err(e) => return (StatusCode::BAD_REQUEST, Html(views::layout("Add articles", "add", views::add_form(Some(&e.to_string()), max_mb)).into_string())).into_response(),
    };
    match store_docs(s, docs).await {
        Ok((ids, _)) if ids.len() == 1 => Redirect::to(&Mode::Server.doc(&ids[0])).into_response(),
        Ok((ids, _)) => Redirect::to(&format!("/search?q={}", enc(ids.first().map(String::as_str).unwrap_or("")))).into_response(),
        Err(e) => (StatusCode::BAD_REQUEST, Html(views::layout("Add articles", "add", views::add_form(Some(&e.to_string()), max_mb)).into_string())).into_response(),
    }
}

#[derive(Deserialize)]
struct AddJson {
    text: String,
    title: Option<String>,
    outlet: Option<String>,
    published: Option<String>,
}

async fn api_add(State(s): State<Shared>, body: Result<Json<AddJson>, axum::extract::rejection::JsonRejection>) -> Response {
    let Json(a) = match body {
        Ok(b) => b,
        Err(e) => return api_err(e.status(), &e.body_text()),
    };
    let doc = match upload_doc(a.text, a.title, a.outlet, a.published, "api") {
        Ok(d) => d,
        Err(e) => return api_err(StatusCode::BAD_REQUEST, &e.to_string()),
    };
    match store_docs(s, vec![doc]).await {
        Ok((ids, out)) => Json(json!({ "ids": ids, "outcome": out, "urls": ids.iter().map(|i| Mode::Server.doc(i)).collect::<Vec<_>>() })).into_response(),
        Err(WebError::NoPipeline) => api_err(StatusCode::SERVICE_UNAVAILABLE, &WebError::NoPipeline.to_string()),
        Err(e) => api_err(StatusCode::BAD_REQUEST, &e.to_string()),
    }
}
