//! The `hedges`, `loaded_terms` and `accusations` cases of
//! shared/corpus/seeds-expected.json, run through the whole per-document
//! pipeline (language core, attributions, figures, framing) on the seed
//! articles and read back through the output contract.
//!
//! Matching is loose as the file says: texts by case-insensitive
//! containment (either way). A case's `refers_to` is a phrase ("rebels");
//! it is turned into a side by running the same lexicon over that phrase.

use corroborate_export::contract::DocRecord;
use corroborate_model::{Document, Meta};
use serde_json::Value;

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus");

fn analyse(id: &str, text: String) -> Document {
    let mut doc = Document::new(id, text, Meta::default());
    corroborate_lang::Pipeline::shared().expect("language models").analyse(&mut doc);
    corroborate_attribution::annotate(&mut doc);
    corroborate_figures::relations::annotate(&mut doc);
    corroborate_framing::annotate(&mut doc);
    doc
}

fn loose(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.to_lowercase().replace('’', "'");
    let (a, b) = (norm(a), norm(b));
    !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a))
}

/// The side the lexicon gives a phrase ("rebels" → opposition).
fn side_of(phrase: &str) -> Option<String> {
    let doc = analyse("phrase", phrase.to_string());
    DocRecord::from_document(&doc).framing.into_iter().find_map(|f| f.refers_to)
}

struct Seeds {
    cases: Value,
    records: std::collections::HashMap<String, DocRecord>,
}

fn seeds() -> Seeds {
    let cases: Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{SHARED}/seeds-expected.json")).expect("seeds-expected.json"))
            .expect("valid JSON");
    let mut records = std::collections::HashMap::new();
    for section in ["hedges", "loaded_terms", "accusations"] {
        for case in cases[section].as_array().expect("section array") {
            let id = case["doc"].as_str().expect("doc id").to_string();
            if !records.contains_key(&id) {
                let text = std::fs::read_to_string(format!("{SHARED}/seeds/{id}.txt")).expect("seed article");
                let doc = analyse(&id, text);
                doc.validate().expect("valid spans");
                records.insert(id.clone(), DocRecord::from_document(&doc));
            }
        }
    }
    Seeds { cases, records }
}

fn cases<'a>(s: &'a Seeds, section: &str) -> impl Iterator<Item = (&'a DocRecord, &'a Value)> {
    s.cases[section].as_array().expect("section").iter().map(|c| (&s.records[c["doc"].as_str().expect("doc")], c))
}

#[test]
fn seed_framing_cases() {
    let s = seeds();
    let mut failures = Vec::new();
    let mut total = 0;

    for (rec, case) in cases(&s, "hedges") {
        total += 1;
        let want = case["text_contains"].as_str().expect("text_contains");
        if !rec.hedges.iter().any(|h| h.text.contains(want)) {
            failures.push(format!("{} hedge {want:?}: got {:?}", rec.doc, rec.hedges.iter().map(|h| &h.text).collect::<Vec<_>>()));
        }
    }

    for (rec, case) in cases(&s, "loaded_terms") {
        total += 1;
        let term = case["term"].as_str().expect("term");
        let used_by = case["used_by"].as_str().expect("used_by");
        let side = side_of(case["refers_to"].as_str().expect("refers_to"));
        assert!(side.is_some(), "the lexicon gives no side for {:?}", case["refers_to"]);
        let ok = rec.framing.iter().any(|f| {
            loose(&f.text, term) && f.used_by.as_deref().is_some_and(|u| loose(u, used_by)) && f.refers_to == side
        });
        if !ok {
            let seen: Vec<_> = rec.framing.iter().filter(|f| loose(&f.text, term)).map(|f| (&f.text, &f.used_by, &f.refers_to)).collect();
            failures.push(format!("{} term {term:?} used_by {used_by:?} side {side:?}: found {seen:?}", rec.doc));
        }
    }

    for (rec, case) in cases(&s, "accusations") {
        total += 1;
        let parties: Vec<&str> = case["parties"].as_array().expect("parties").iter().filter_map(Value::as_str).collect();
        // Both directions: each party accuses, and not itself.
        for p in &parties {
            let found = rec.accusations.iter().any(|a| {
                a.accuser.as_deref().is_some_and(|x| loose(x, p)) && !loose(&a.accused.text, p)
            });
            if !found {
                failures.push(format!(
                    "{} no accusation by {p:?}: got {:?}",
                    rec.doc,
                    rec.accusations.iter().map(|a| (&a.accuser, &a.accused.text)).collect::<Vec<_>>()
                ));
            }
        }
        // Where the text states what about, the accusation carries it.
        let about = case["about"].as_str().unwrap_or("");
        if rec.text.contains(about) && !rec.accusations.iter().any(|a| a.about.as_ref().is_some_and(|x| loose(&x.text, about))) {
            failures.push(format!("{} no accusation about {about:?}", rec.doc));
        }
    }
    println!("{}/{} seed framing cases pass", total - failures.len().min(total), total);
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}
