//! Hostile corpus content (titles, text, outlet names, ids, record fields)
//! must reach every page and the report only as escaped text, and every
//! response carries the security headers.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use corroborate_model::{Document, Meta};
use corroborate_store::{SqliteStore, Store};
use corroborate_web::{render_report, router, Analyzer, AppState, ReportOptions, Shared, CSP};
use http_body_util::BodyExt;
use tower::ServiceExt;

const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "'><svg onload=alert(1)>",
    "</textarea><iframe src=javascript:alert(1)>",
];
const ID: &str = "evil\"><img src=x onerror=alert(1)>/../x";
const OUTLET: &str = "<script>alert(1)</script> News";

/// A record with every array filled with hostile strings at valid offsets.
fn record_json(text: &str) -> String {
    let n = text.chars().count();
    let span = |s: usize, e: usize| serde_json::json!({"start": s, "end": e, "text": "<script>alert(1)</script>"});
    serde_json::json!({
        "doc": ID, "title": null, "outlet": null, "published": null, "text": "",
        "attributions": [{"kind": "direct<script>", "source": span(0, 5), "cue": span(6, 9), "content": [span(10, 20)],
            "speaker": {"name": "<script>alert(1)</script>", "type": "PERSON"}, "via": [{"name": "\"><img src=x onerror=alert(1)>", "type": null}]}],
        "figures": [{"start": 0, "end": 3, "text": "<b>82</b>", "min": 82.0, "max": null, "qualifier": "at_least<script>",
            "category": "killed<script>", "who": null, "place": "<img src=x onerror=alert(1)>", "when": null, "source": "<script>alert(1)</script>"}],
        "incidents": [],
        "framing": [{"start": 1, "end": 4, "text": "<script>alert(1)</script>", "term": "<b>term</b>", "refers_to": "<script>side",
            "tone": "loaded<script>", "used_by": "<img src=x onerror=alert(1)>", "attribution": 0}],
        "hedges": [{"start": 2, "end": n.min(30), "text": "\"><img src=x onerror=alert(1)>", "kind": "<script>unverified",
            "figures": [0], "attributions": [0]}],
        "accusations": [{"accuser": "<script>alert(1)</script>", "accused": span(0, 5), "cue": span(6, 9), "about": null, "attribution": 0}],
        "scare_quotes": [span(10, 14)],
        "entities": [{"start": 0, "end": 4, "text": "<script>alert(1)</script>", "label": "PERSON<script>"}]
    })
    .to_string()
}

fn hostile_state() -> (Shared, SqliteStore) {
    let text = format!("Start {} middle {} end of a fairly long hostile article.", PAYLOADS[0], PAYLOADS[1]);
    let mut docs = Vec::new();
    for (i, p) in PAYLOADS.iter().enumerate() {
        let meta = Meta {
            title: Some(format!("Title {p}")),
            outlet: Some(OUTLET.into()),
            published: Some(format!("2016-12-1{i}{p}")),
            ..Meta::default()
        };
        let id = if i == 0 { ID.to_string() } else { format!("{ID}{i}") };
        docs.push(Document::new(id, format!("{text} {i} {p}"), meta));
    }
    let jsons: Vec<String> = docs.iter().map(|d| record_json(&d.text)).collect();
    let fill = |s: &mut SqliteStore| s.put_batch_with(&docs, "record", 1, &jsons).unwrap();
    let mut a = SqliteStore::open_in_memory().unwrap();
    fill(&mut a);
    let mut b = SqliteStore::open_in_memory().unwrap();
    fill(&mut b);
    let analyzer = Analyzer { analyse: Box::new(|_| {}), record: Box::new(|d| record_json(&d.text)) };
    (AppState::new(a, Some(analyzer)).unwrap(), b)
}

async fn get(state: &Shared, uri: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    let res = router(state.clone()).oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    let (parts, body) = res.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes();
    (parts.status, parts.headers, String::from_utf8_lossy(&bytes).into_owned())
}

fn assert_inert(uri: &str, body: &str) {
    for bad in ["<script>alert", "<img src=x", "<svg onload", "<iframe", "onerror=alert(1)>", "<b>82"] {
        assert!(!body.contains(bad), "{uri}: raw payload {bad:?} in output");
    }
    // Only our own static script tag may appear.
    for (i, _) in body.match_indices("<script") {
        let tag = &body[i..body[i..].find('>').map_or(body.len(), |e| i + e + 1)];
        assert_eq!(tag, "<script src=\"/static/app.js\" defer>", "{uri}: unexpected script tag");
    }
}

fn enc(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

#[tokio::test]
async fn every_page_escapes_hostile_content_and_sends_security_headers() {
    let (state, _) = hostile_state();
    let pages = [
        "/".to_string(),
        format!("/doc/{}", enc(ID)),
        format!("/doc/{}1", enc(ID)),
        format!("/search?q={}", enc("alert")),
        format!("/search?q={}", enc(PAYLOADS[1])),
        "/outlets".into(),
        format!("/outlet/{}", enc(OUTLET)),
        "/provenance".into(),
        "/disputes".into(),
        "/speakers".into(),
        format!("/speaker/{}", enc(PAYLOADS[0])),
        "/add".into(),
        format!("/doc/{}", enc("<script>alert(1)</script>missing")),
        format!("/outlet/{}", enc("<script>alert(1)</script>missing")),
        format!("/nope/{}", enc(PAYLOADS[0])),
    ];
    for uri in &pages {
        let (status, headers, body) = get(&state, uri).await;
        assert!(status == StatusCode::OK || status == StatusCode::NOT_FOUND, "{uri}: {status}");
        assert_eq!(headers.get(header::CONTENT_SECURITY_POLICY).unwrap(), CSP, "{uri}");
        assert_eq!(headers.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(), "nosniff", "{uri}");
        assert_inert(uri, &body);
    }
    // The article page shows the payload as text, highlighted, and the record items.
    let (_, _, body) = get(&state, &format!("/doc/{}", enc(ID))).await;
    assert!(body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(body.contains("<span class=\"hl src\" id=\"a0-src\""), "attribution source highlighted in the text");
    assert!(body.contains("href=\"#a0-src\""), "record item links to its characters");
    assert!(body.contains("&lt;b&gt;82&lt;/b&gt;"), "figure text escaped");
    // Overview links the hostile id percent-encoded.
    let (_, _, body) = get(&state, "/").await;
    assert!(body.contains("/doc/evil%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E%2F..%2Fx"));
    // Every figure says 82, so no dispute is drawn, but the page renders.
    let (status, _, _) = get(&state, "/disputes").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn api_is_json_and_carries_payloads_as_json_strings() {
    let (state, _) = hostile_state();
    for uri in ["/api/overview", "/api/outlets", "/api/provenance", "/api/disputes", "/api/speakers"] {
        let (status, headers, body) = get(&state, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(headers.get(header::CONTENT_TYPE).unwrap().to_str().unwrap().starts_with("application/json"), "{uri}");
        serde_json::from_str::<serde_json::Value>(&body).unwrap();
    }
    let (status, _, body) = get(&state, &format!("/api/doc/{}", enc(ID))).await;
    assert_eq!(status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["doc"], ID);
    assert_eq!(v["outlet"], OUTLET);
    let (status, _, _) = get(&state, &format!("/api/outlet/{}", enc(OUTLET))).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, body) = get(&state, "/api/search?q=alert").await;
    assert_eq!(status, StatusCode::OK);
    assert!(serde_json::from_str::<serde_json::Value>(&body).unwrap()["hits"].as_array().unwrap().len() >= 4);
}

#[tokio::test]
async fn no_path_traversal_for_static_assets() {
    let (state, _) = hostile_state();
    for uri in ["/static/../Cargo.toml", "/static/%2e%2e/Cargo.toml", "/static/..%2F..%2FCargo.toml", "/static/app.css/../../src/lib.rs"] {
        let (status, _, body) = get(&state, uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert!(!body.contains("[package]"));
    }
    let (status, headers, body) = get(&state, "/static/app.js").await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers.get(header::CONTENT_TYPE).unwrap().to_str().unwrap().starts_with("text/javascript"));
    assert!(body.contains("DOMContentLoaded"));
}

fn multipart(fields: &[(&str, Option<&str>, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "XboundaryX";
    let mut body = Vec::new();
    for (name, file, data) in fields {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match file {
            Some(f) => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: text/plain\r\n\r\n").as_bytes(),
            ),
            None => body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes()),
        }
        body.extend_from_slice(data);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn post(state: &Shared, uri: &str, ct: &str, body: Vec<u8>) -> (StatusCode, axum::http::HeaderMap, String) {
    let req = Request::post(uri).header(header::CONTENT_TYPE, ct).body(Body::from(body)).unwrap();
    let res = router(state.clone()).oneshot(req).await.unwrap();
    let (parts, body) = res.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes();
    (parts.status, parts.headers, String::from_utf8_lossy(&bytes).into_owned())
}

#[tokio::test]
async fn uploads_are_limited_checked_and_escaped() {
    let (state, _) = hostile_state();
    // Pasted hostile article: stored, redirected to, rendered inert.
    let (ct, body) = multipart(&[("title", None, PAYLOADS[1].as_bytes()), ("outlet", None, b"<i>x</i>"), ("text", None, b"A <script>alert(1)</script> report.")]);
    let (status, headers, _) = post(&state, "/add", &ct, body).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let loc = headers.get(header::LOCATION).unwrap().to_str().unwrap().to_string();
    assert!(loc.starts_with("/doc/web_"));
    let (status, _, page) = get(&state, &loc).await;
    assert_eq!(status, StatusCode::OK);
    assert_inert(&loc, &page);
    assert!(page.contains("&lt;i&gt;x&lt;/i&gt;"));
    // It is in the catalogue now.
    let (_, _, overview) = get(&state, "/").await;
    assert!(overview.contains(&loc));
    // Empty and non-UTF-8 uploads get clear errors.
    let (ct, body) = multipart(&[("text", None, b"   ")]);
    let (status, _, page) = post(&state, "/add", &ct, body).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("Nothing to add"));
    let (ct, body) = multipart(&[("file", Some("x<script>.txt"), &[0xff, 0xfe, 0x00])]);
    let (status, _, page) = post(&state, "/add", &ct, body).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("not UTF-8"));
    assert_inert("/add error", &page);
    // Over the body limit: refused with 413, nothing stored.
    let before = state.catalog().doc_count();
    let big = vec![b'a'; 6 << 20];
    let (ct, body) = multipart(&[("text", None, &big)]);
    let (status, _, _) = post(&state, "/add", &ct, body).await;
    assert!(status == StatusCode::PAYLOAD_TOO_LARGE || status == StatusCode::BAD_REQUEST, "{status}");
    let (status, _, _) = post(&state, "/api/add", "application/json", format!("{{\"text\":\"{}\"}}", "a".repeat(6 << 20)).into_bytes()).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(state.catalog().doc_count(), before);
    // JSON API add.
    let (status, _, body) = post(&state, "/api/add", "application/json", br#"{"text":"Some new text about Aleppo.","outlet":"O"}"#.to_vec()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(state.catalog().doc_count(), before + 1);
}

#[test]
fn report_is_inert_and_self_contained() {
    let (_, store) = hostile_state();
    let html = render_report(&store, &ReportOptions::default()).unwrap();
    for bad in ["<script", "<img src=x", "<svg onload", "<iframe", "<b>82"] {
        assert!(!html.contains(bad), "report: raw {bad:?}");
    }
    assert!(html.contains("Content-Security-Policy"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("href=\"/"), "report links stay inside the file");
    assert!(!html.contains("src=\"/"), "no external resources");
    assert!(html.contains("id=\"doc-evil%22%3E%3Cimg"));
}
