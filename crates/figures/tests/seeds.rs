//! Every figure case in shared/corpus/seeds-expected.json, run through the
//! real pipeline on the real article (examples/aleppo/<doc>.txt).

use corroborate_model::{Document, Meta};
use serde_json::Value;

const EXPECTED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/seeds-expected.json");
const DOCS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/aleppo");

fn check(case: &Value, figs: &[corroborate_figures::Figure], doc: &Document) -> Result<(), String> {
    let want = case["text_contains"].as_str().ok_or("case without text_contains")?;
    let f = figs.iter().find(|f| doc.slice(f.span).contains(want)).ok_or_else(|| format!("no figure containing {want:?}"))?;
    let mut errs = Vec::new();
    let mut eq = |name: &str, got: Option<String>, exp: Option<String>| {
        if got != exp {
            errs.push(format!("{name}: got {got:?}, want {exp:?}"));
        }
    };
    let num = |v: &Value| v.as_f64().map(|x| format!("{x}"));
    eq("min", f.min.map(|x| format!("{x}")), num(&case["min"]));
    eq("max", f.max.map(|x| format!("{x}")), num(&case["max"]));
    // A null qualifier in the cases means none was written: exact.
    eq("qualifier", Some(f.qualifier.as_str().to_string()), Some(case["qualifier"].as_str().unwrap_or("exact").to_string()));
    eq("category", f.category_str().map(String::from), case["category"].as_str().map(String::from));
    eq("who", f.who.clone(), case["who"].as_str().map(String::from));
    if let Some(p) = case.get("place").and_then(Value::as_str) {
        eq("place", f.place.clone(), Some(p.to_string()));
    }
    if let Some(s) = case.get("source").and_then(Value::as_str) {
        eq("source", f.source.as_ref().map(|s| s.replace('’', "'")), Some(s.to_string()));
    }
    if errs.is_empty() { Ok(()) } else { Err(format!("{want:?}: {}", errs.join("; "))) }
}

#[test]
fn seed_figures() {
    let expected: Value = serde_json::from_str(&std::fs::read_to_string(EXPECTED).expect("seeds-expected.json")).expect("valid JSON");
    let cases = expected["figures"].as_array().expect("figures array");
    assert!(!cases.is_empty());
    let pipeline = corroborate_lang::Pipeline::load().expect("language models");
    let mut failures = Vec::new();
    for case in cases {
        let id = case["doc"].as_str().expect("doc id");
        let text = std::fs::read_to_string(format!("{DOCS}/{id}.txt")).expect("seed article");
        let mut doc = Document::new(id, text, Meta::default());
        pipeline.analyse(&mut doc);
        let figs = corroborate_figures::extract(&doc);
        if let Err(e) = check(case, &figs, &doc) {
            failures.push(format!("{id} {e}"));
        }
    }
    println!("{}/{} seed figure cases pass", cases.len() - failures.len(), cases.len());
    assert!(failures.is_empty(), "{} of {} failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}
