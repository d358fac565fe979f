//! Every attribution case of ../shared/corpus/seeds-expected.json on the seed
//! articles, end to end (our tokenizer, tagger, parser, then `annotate`).
//!
//! Matching is loose, as the file's `about` says ("what a correct analysis must contain"): one
//! attribution whose content contains the snippet must have the speaker, kind
//! and relay. The speaker matches its
//! resolved `speaker` attr (else the source text) case-insensitively by
//! containment either way; the content contains the snippet; `via`, when
//! given, is one of the relays.
use corroborate_model::{Document, Relation, Span};
use std::path::{Path, PathBuf};

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus")
}

fn norm(s: &str) -> String {
    // curly and straight apostrophes name the same speaker
    s.to_lowercase().replace('’', "'")
}

fn loose(a: &str, b: &str) -> bool {
    let (a, b) = (norm(a), norm(b));
    !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a))
}

#[test]
fn seed_attributions() {
    let exp = shared().join("seeds-expected.json");
    let Ok(raw) = std::fs::read_to_string(&exp) else {
        panic!("cannot read {}", exp.display());
    };
    let cases: serde_json::Value = serde_json::from_str(&raw).expect("seeds-expected.json parses");
    let pipe = corroborate_lang::Pipeline::shared().expect("language models load");
    assert!(pipe.has_parser(), "the parser model is needed for sources");
    let mut failures = Vec::new();
    let mut n = 0;
    let mut docs: std::collections::HashMap<String, Document> = Default::default();
    for case in cases["attributions"].as_array().into_iter().flatten() {
        n += 1;
        let stem = case["doc"].as_str().unwrap_or("");
        let speaker = case["speaker"].as_str().unwrap_or("");
        let snippet = case["content_contains"].as_str().unwrap_or("");
        let kind = case["kind"].as_str().unwrap_or("");
        let via = case["via"].as_str();
        let doc = docs.entry(stem.to_string()).or_insert_with(|| {
            let path = shared().join("seeds").join(format!("{stem}.txt"));
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            let mut doc = Document::new(stem, text, Default::default());
            pipe.analyse(&mut doc);
            corroborate_attribution::annotate(&mut doc);
            doc
        });
        let join = |v: &[Span]| v.iter().map(|s| doc.slice(*s)).collect::<Vec<_>>().join(" ");
        let hits: Vec<&Relation> =
            doc.relations.iter().filter(|r| r.name == "attribution" && join(r.arg("content")).contains(snippet)).collect();
        if hits.is_empty() {
            failures.push(format!("{stem}: no attribution with content {snippet:?}"));
            continue;
        }
        // what is wrong with each candidate; the case passes if one is right
        let problems: Vec<String> = hits
            .iter()
            .map(|r| {
                let got = r.attr("speaker").map(str::to_string).unwrap_or_else(|| join(r.arg("source")));
                if !loose(&got, speaker) {
                    return format!("speaker {got:?}");
                }
                if r.label != kind {
                    return format!("kind {}", r.label);
                }
                if let Some(v) = via {
                    let relays: Vec<serde_json::Value> =
                        r.attr("via").and_then(|j| serde_json::from_str(j).ok()).unwrap_or_default();
                    if !relays.iter().any(|x| loose(x["name"].as_str().unwrap_or(""), v)) {
                        return format!("via {:?}", r.attr("via"));
                    }
                }
                String::new()
            })
            .collect();
        if !problems.iter().any(String::is_empty) {
            failures.push(format!("{stem}: {snippet:?} expected {speaker:?} {kind} via {via:?}, got {}", problems.join("; ")));
        }
    }
    assert_eq!(n, 23, "the seeds file lists 23 attribution cases");
    assert!(failures.is_empty(), "{} of {n} seed attributions fail:\n{}", failures.len(), failures.join("\n"));
}
