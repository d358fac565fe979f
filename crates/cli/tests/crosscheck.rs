//! The whole-corpus commands end to end on the bundled corpus: ingest leaves a
//! reconciled snapshot, the query commands read it (and rebuild it when the
//! store changed), and a bad actor file is a clear error.

mod common;

use common::{repo, run};
use std::process::Output;

fn json(out: &Output) -> serde_json::Value {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn disputes_entities_claims_quotes_and_outlets_over_the_bundled_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let aleppo = repo().join("examples/aleppo").display().to_string();
    assert!(run(&db, &["ingest", &aleppo]).status.success());
    let snapshot = dir.path().join("c.db.reconcile.json");
    assert!(snapshot.exists(), "ingest saves the reconciled snapshot beside the store");

    // Russia's 9,500 evacuees against Turkey's 7,500, in one group.
    let d = json(&run(&db, &["disputes", "--json"]));
    let groups = d.as_array().expect("an array of groups");
    let evac = groups.iter().find(|g| g["category"] == "evacuated" && g["dispute"] == true).expect("the evacuation dispute");
    let values: Vec<f64> = evac["sources"].as_array().unwrap().iter().filter_map(|s| s["min"].as_f64()).collect();
    assert!(values.contains(&9500.0) && values.contains(&7500.0), "{evac}");

    // One entity for the envoy across the two articles that name him.
    let e = json(&run(&db, &["entities", "--json", "--limit", "500"]));
    let envoy = e.as_array().unwrap().iter().find(|x| x["name"] == "Staffan de Mistura").expect("de Mistura");
    assert!(envoy["documents"].as_u64().unwrap() >= 2, "{envoy}");

    // Claims by a surname find the same speaker.
    let c = json(&run(&db, &["claims", "--speaker", "Mistura", "--json"]));
    assert!(c.as_array().unwrap().iter().any(|x| x["speaker"] == "Staffan de Mistura"), "{c}");

    for cmd in ["quotes", "outlets"] {
        assert!(json(&run(&db, &[cmd, "--json"])).is_array(), "{cmd}");
    }

    // A bad actor file names itself and its line, and changes nothing.
    let bad = dir.path().join("actors.tsv");
    std::fs::write(&bad, "just one column\n").unwrap();
    let before = std::fs::read(&snapshot).unwrap();
    let out = run(&db, &["entities", "--actors", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("actors.tsv") && err.contains("line 1"), "{err}");
    assert_eq!(std::fs::read(&snapshot).unwrap(), before, "the snapshot is untouched");
}
