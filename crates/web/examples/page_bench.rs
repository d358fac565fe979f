//! p99 page latency on a generated store: `cargo run --release -p
//! corroborate-web --example page_bench -- [DOCS] [REQUESTS_PER_PAGE]`
//! (defaults 100000, 200). Documents are synthetic but sized like news
//! articles (~2.5 KB, 40 outlets, three years of dates) with stored records
//! carrying entities, figures and attributions. Requests go through the real
//! router in-process (`tower::ServiceExt::oneshot`), one at a time.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use corroborate_model::{Document, Meta};
use corroborate_store::{SqliteStore, Store};
use corroborate_web::{router, AppState};
use http_body_util::BodyExt;
use std::time::{Duration, Instant};
use tower::ServiceExt;

type PageGen = Box<dyn Fn(&mut Rng) -> String>;

/// Small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "the", "city", "forces", "said", "civilians", "killed", "government", "rebels", "aid", "convoy", "eastern",
    "district", "ceasefire", "evacuation", "shelling", "hospital", "reported", "monitor", "group", "according",
    "officials", "residents", "fighting", "air", "strikes", "on", "in", "of", "and", "a", "to", "were", "was",
    "United", "Nations", "ministry", "statement", "buses", "wounded", "thousands", "people", "left", "area",
];
const PLACES: &[&str] = &["Aleppo", "Idlib", "Homs", "Raqqa", "Deir ez-Zor", "Hama", "Daraa", "Latakia"];

fn sentence(r: &mut Rng, out: &mut String) {
    let n = 12 + r.below(18);
    for i in 0..n {
        let w = WORDS[r.below(WORDS.len())];
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                out.extend(f.to_uppercase());
                out.push_str(c.as_str());
            }
        } else {
            out.push(' ');
            out.push_str(w);
        }
    }
    out.push_str(". ");
}

fn make_doc(r: &mut Rng, i: usize) -> (Document, String) {
    let place = PLACES[r.below(PLACES.len())];
    let speaker = format!("Speaker {}", r.below(300));
    let n = 10 + r.below(300);
    let mut text = format!("{speaker} said {n} people were killed in {place}. ");
    let target = 1500 + r.below(2500);
    while text.len() < target {
        sentence(r, &mut text);
        if r.below(6) == 0 {
            text.push_str("\n\n");
        }
    }
    let month = 1 + r.below(12);
    let meta = Meta {
        title: Some(format!("Report {i}: fighting in {place}")),
        outlet: Some(format!("Outlet {}", r.below(40))),
        published: Some(format!("{}-{month:02}-{:02}", 2015 + r.below(3), 1 + r.below(28))),
        origin: "bench".into(),
        format: "synthetic".into(),
        ..Meta::default()
    };
    let sp_end = speaker.chars().count();
    let num = n.to_string();
    let fig_start = sp_end + 6;
    let fig_end = fig_start + num.len() + 7;
    let place_start = text.find(place).map(|b| text[..b].chars().count()).unwrap_or(0);
    let rec = serde_json::json!({
        "doc": "", "title": null, "outlet": null, "published": null, "text": "",
        "attributions": [{"kind": "indirect", "source": {"start": 0, "end": sp_end, "text": speaker},
            "cue": {"start": sp_end + 1, "end": sp_end + 5, "text": "said"},
            "content": [{"start": fig_start, "end": place_start + place.len(), "text": "…"}],
            "speaker": {"name": speaker, "type": "PERSON"}, "via": []}],
        "figures": [{"start": fig_start, "end": fig_end, "text": format!("{num} people"), "min": n as f64, "max": null,
            "qualifier": "exact", "category": "killed", "who": "people", "place": place, "when": null, "source": speaker}],
        "incidents": [], "framing": [], "hedges": [],
        "entities": [{"start": 0, "end": sp_end, "text": speaker, "label": "PERSON"},
            {"start": place_start, "end": place_start + place.chars().count(), "text": place, "label": "LOCATION"}]
    });
    (Document::new(format!("bench-{i:06}"), text, meta), rec.to_string())
}

fn build(path: &std::path::Path, n: usize) -> SqliteStore {
    let mut store = SqliteStore::open(path).expect("open store");
    let have = store.stats().map(|s| s.documents as usize).unwrap_or(0);
    if have >= n {
        return store;
    }
    let t = Instant::now();
    let mut r = Rng(0x9e3779b97f4a7c15);
    let mut i = 0;
    while i < n {
        let batch: Vec<(Document, String)> = (i..(i + 2000).min(n)).map(|k| make_doc(&mut r, k)).collect();
        i += batch.len();
        if i <= have {
            continue;
        }
        let (docs, recs): (Vec<Document>, Vec<String>) = batch.into_iter().unzip();
        store.put_batch_with(&docs, "record", 1, &recs).expect("store batch");
        eprint!("\rgenerated {i}/{n} ({:.0}s)", t.elapsed().as_secs_f64());
    }
    eprintln!();
    store
}

fn pct(v: &mut [Duration], p: f64) -> Duration {
    v.sort();
    v.get(((v.len() as f64 - 1.0) * p).round() as usize).copied().unwrap_or_default()
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let reqs: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(200);
    let path = std::env::temp_dir().join(format!("corroborate-page-bench-{n}.db"));
    let store = build(&path, n);
    let t = Instant::now();
    let state = AppState::new(store, None).expect("catalogue");
    println!("store {} ({n} documents); catalogue built in {:.2}s", path.display(), t.elapsed().as_secs_f64());
    let app = router(state);
    let mut r = Rng(42);
    let pages: Vec<(&str, PageGen)> = vec![
        ("overview", Box::new(|_| "/".into())),
        ("article", Box::new(move |r| format!("/doc/bench-{:06}", r.below(n)))),
        ("search", Box::new(|r| format!("/search?q={}+{}", WORDS[r.below(WORDS.len())], PLACES[r.below(PLACES.len())].replace(' ', "+")))),
        ("search-phrase", Box::new(|_| "/search?q=%22civilians+killed%22".into())),
        ("search-name", Box::new(|r| format!("/search?q=%22Speaker+{}%22", r.below(300)))),
        ("outlet", Box::new(|r| format!("/outlet/Outlet%20{}", r.below(40)))),
        ("disputes", Box::new(|_| "/disputes".into())),
        ("speakers", Box::new(|_| "/speakers".into())),
        ("speaker", Box::new(|r| format!("/speaker/Speaker%20{}", r.below(300)))),
        ("provenance", Box::new(|_| "/provenance".into())),
        ("api-overview", Box::new(|_| "/api/overview".into())),
        ("api-doc", Box::new(move |r| format!("/api/doc/bench-{:06}", r.below(n)))),
    ];
    println!("{:<14} {:>9} {:>9} {:>9} {:>10}", "page", "p50 ms", "p99 ms", "max ms", "bytes");
    for (name, uri) in &pages {
        let mut times = Vec::with_capacity(reqs);
        let mut bytes = 0usize;
        for k in 0..reqs + 5 {
            let u = uri(&mut r);
            let t = Instant::now();
            let res = app.clone().oneshot(Request::get(&u).body(Body::empty()).expect("request")).await.expect("response");
            let status = res.status();
            let body = res.into_body().collect().await.expect("body").to_bytes();
            let el = t.elapsed();
            assert_eq!(status, StatusCode::OK, "{u}");
            if k >= 5 {
                // The first few warm the page cache and prepared statements.
                times.push(el);
                bytes = body.len();
            }
        }
        let p50 = pct(&mut times, 0.5);
        let p99 = pct(&mut times, 0.99);
        let max = times.last().copied().unwrap_or_default();
        println!("{name:<14} {:>9.2} {:>9.2} {:>9.2} {bytes:>10}", p50.as_secs_f64() * 1e3, p99.as_secs_f64() * 1e3, max.as_secs_f64() * 1e3);
    }
}
