//! Pages grow with the analyses: with figures and attributions in the stored
//! records, the disputes, speakers and outlet pages draw them.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use corroborate_model::{Document, Meta};
use corroborate_store::{SqliteStore, Store};
use corroborate_web::{render_report, router, AppState, ReportOptions};
use http_body_util::BodyExt;
use tower::ServiceExt;

fn rec(n: f64, who: &str) -> String {
    serde_json::json!({
        "doc": "", "title": null, "outlet": null, "published": null, "text": "",
        "attributions": [{"kind": "indirect", "source": {"start": 0, "end": 3, "text": who}, "cue": null, "content": [],
            "speaker": {"name": who, "type": "ORGANIZATION"}, "via": [{"name": "Interfax", "type": null}]}],
        "figures": [{"start": 4, "end": 6, "text": format!("{n}"), "min": n, "max": null, "qualifier": "exact",
            "category": "killed", "who": null, "place": "Aleppo", "when": null, "source": who}],
        "incidents": [], "entities": [], "framing": [], "hedges": []
    })
    .to_string()
}

async fn body(app: &axum::Router, uri: &str) -> String {
    let res = app.clone().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK, "{uri}");
    String::from_utf8(res.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap()
}

#[tokio::test]
async fn disagreeing_figures_make_a_dispute_and_statements_a_speaker() {
    let mut s = SqliteStore::open_in_memory().unwrap();
    let meta = |o: &str, d: &str| Meta { outlet: Some(o.into()), published: Some(d.into()), ..Meta::default() };
    let docs = vec![
        Document::new("a", "UN: 82 people were killed in Aleppo, it said.", meta("Reuters", "2016-12-13")),
        Document::new("b", "SOHR says 120 died in eastern Aleppo districts.", meta("AFP", "2016-12-14")),
    ];
    s.put_batch_with(&docs, "record", 1, &[rec(82.0, "UN"), rec(120.0, "SOHR")]).unwrap();
    let app = router(AppState::new(s, None).unwrap());
    let d = body(&app, "/disputes").await;
    assert_eq!(d.matches("<section class=\"dispute\"").count(), 1, "{d}");
    assert!(d.contains("disputed"));
    assert!(d.contains("svg class=\"ranges\""));
    assert!(d.contains("href=\"/doc/a#f0\""), "each figure links to its characters");
    let sp = body(&app, "/speakers").await;
    // "SOHR" resolves through the actor list to one entity with its full name.
    assert!(sp.contains("href=\"/speaker/syrian-observatory-for-human-rights\">Syrian Observatory for Human Rights</a>"), "{sp}");
    let one = body(&app, "/speaker/UN").await;
    assert!(one.contains("<h1>United Nations</h1>"), "a name the corpus uses finds its entity");
    assert!(one.contains("via Interfax"));
    assert_eq!(body(&app, "/speaker/united-nations").await, one, "the entity id finds the same page");
    let o = body(&app, "/outlet/Reuters").await;
    assert!(o.contains("named source"), "sourcing profile");
    assert!(o.contains("Credibility profile") && o.contains("Mean score"), "credibility profile");
    let ov = body(&app, "/").await;
    assert!(ov.contains("2016-12"), "timeline month");
    assert!(ov.contains("incidents"), "the timeline's incident series is labelled");
    let api: serde_json::Value = serde_json::from_str(&body(&app, "/api/disputes").await).unwrap();
    assert_eq!(api["disputes"].as_array().unwrap().len(), 1);
    // Same-valued figures are not a dispute.
    let mut s = SqliteStore::open_in_memory().unwrap();
    s.put_batch_with(&docs, "record", 1, &[rec(82.0, "UN"), rec(82.0, "SOHR")]).unwrap();
    let html = render_report(&s, &ReportOptions::default()).unwrap();
    assert!(html.contains("No disputed figures"));
    assert!(html.contains("consistent"), "the agreeing group is shown as such");
    assert!(html.contains("id=\"doc-a\""));
}
