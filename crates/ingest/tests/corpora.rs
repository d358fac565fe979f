//! The shared corpora load with no options (skipped with a note when ../shared is absent).

use corroborate_ingest::{expand_inputs, read_inputs, ReadOptions};
use std::path::PathBuf;

fn shared(rel: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("note: {} not found, test skipped", p.display());
        None
    }
}

#[test]
fn fakes_dev_csv() {
    let Some(p) = shared("fakes/fakes-dev.csv") else {
        return;
    };
    let inputs = expand_inputs(&[p.display().to_string()]).unwrap();
    let docs: Vec<_> = read_inputs(inputs, ReadOptions::default())
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(docs.len(), 571);
    // Ids are the unit_id column (numeric strings). FA-KES repeats 6 unit_ids over 15 rows:
    // the 9 repeats become `unit_id~2`, `~3`, ... with a warning, so every id is unique.
    let base = |id: &str| id.split('~').next().unwrap_or("").to_string();
    assert!(
        docs.iter().all(|d| !base(&d.id).is_empty() && base(&d.id).bytes().all(|b| b.is_ascii_digit())),
        "non-unit_id id"
    );
    let distinct: std::collections::HashSet<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(distinct.len(), 571);
    let renamed: Vec<&str> = docs.iter().filter(|d| d.id.contains('~')).map(|d| d.id.as_str()).collect();
    assert_eq!(renamed.len(), 571 - 562);
    assert!(renamed.contains(&"1926479049~4"));
    let warned = docs.iter().filter(|d| !d.diagnostics.is_empty()).count();
    assert_eq!(warned, 571 - 562);
    // A row-oriented export keeps the given ids.
    let inputs = expand_inputs(&[p.display().to_string()]).unwrap();
    let kept: Vec<_> = read_inputs(inputs, ReadOptions { keep_repeated_ids: true, ..ReadOptions::default() })
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(kept.iter().filter(|d| d.id == "1926479049").count(), 4);
    let first = &docs[0];
    assert_eq!(first.id, "1914947530");
    assert_eq!(
        first.meta.title.as_deref(),
        Some("Syria attack symptoms consistent with nerve agent use WHO")
    );
    assert_eq!(first.meta.outlet.as_deref(), Some("nna"));
    assert_eq!(first.meta.published.as_deref(), Some("2017-04-05"));
    assert!(first
        .text
        .starts_with("Wed 05 Apr 2017 Syria attack symptoms"));
    // Every FA-KES date (M/D/YY) normalises to ISO.
    for d in &docs {
        let date = d.meta.published.as_deref().unwrap_or("");
        assert!(
            date.len() == 10 && date.starts_with("20"),
            "{}: date {date:?}",
            d.id
        );
    }
}

#[test]
fn polnear_dev_text_folder() {
    let Some(p) = shared("polnear/dev/text") else {
        return;
    };
    let inputs = expand_inputs(&[p.display().to_string()]).unwrap();
    let docs: Vec<_> = read_inputs(inputs, ReadOptions::default())
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(docs.len(), 84);
    let d = &docs[0];
    assert_eq!(
        d.id,
        "breitbart_2016-09-12_stealth-over-health-hillary-clin"
    );
    // Text is the file byte for byte, so PolNeAR's offsets line up.
    let raw = std::fs::read_to_string(p.join(format!("{}.txt", d.id))).unwrap();
    assert_eq!(d.text, raw);
    assert!(docs.iter().all(|d| d.meta.title.is_some()));
}
