//! Crash safety: kill a real `corroborate ingest` process (SIGKILL) at several
//! moments of an ingest, rerun it, and check every document is stored exactly
//! once and the database is intact.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_corroborate");
const DOCS: usize = 2000;

fn write_corpus(path: &Path) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    // Deterministic pseudo-random words so no two documents share text.
    let mut x: u64 = 0x9e3779b97f4a7c15;
    let words = ["shelling", "convoy", "Aleppo", "ceasefire", "said", "officials", "civilians", "the", "of", "and"];
    for i in 0..DOCS {
        let mut text = format!("Report {i}. ");
        for _ in 0..120 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            text.push_str(words[(x % words.len() as u64) as usize]);
            text.push(if x.is_multiple_of(11) { '.' } else { ' ' });
        }
        let line = serde_json::json!({"id": format!("doc-{i}"), "title": format!("Report {i}"), "text": text});
        writeln!(f, "{line}").unwrap();
    }
}

fn stored_count(db: &Path) -> Option<u64> {
    let out = Command::new(BIN).args(["--db"]).arg(db).args(["stats", "--json"]).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    v.get("documents")?.as_u64()
}

fn spawn_ingest(db: &Path, corpus: &Path) -> std::process::Child {
    Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(["--quiet", "ingest", "--batch", "25"])
        .arg(corpus)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn corroborate")
}

#[test]
fn killed_ingest_reruns_to_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    let db = dir.path().join("store.db");
    write_corpus(&corpus);

    // Kill 1: almost immediately (while opening / migrating / first batch).
    let mut child = spawn_ingest(&db, &corpus);
    std::thread::sleep(Duration::from_millis(30));
    let _ = child.kill();
    let _ = child.wait();

    // Kills 2 and 3: as soon as the stored count has grown, i.e. mid-ingest.
    let mut mid_ingest_kills = 0;
    for _ in 0..2 {
        let before = stored_count(&db).unwrap_or(0);
        let mut child = spawn_ingest(&db, &corpus);
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            if child.try_wait().unwrap().is_some() {
                break; // finished before we could kill it
            }
            if stored_count(&db).unwrap_or(0) > before || Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        let after = stored_count(&db).expect("store readable after a kill");
        assert!(after <= DOCS as u64, "more documents than inputs after a kill: {after}");
        if after < DOCS as u64 {
            mid_ingest_kills += 1;
        }
        eprintln!("killed a running ingest: {before} -> {after} of {DOCS} documents stored");
    }
    assert!(mid_ingest_kills >= 1, "no kill landed mid-ingest; the test proved nothing");

    // Rerun to completion.
    let status = spawn_ingest(&db, &corpus).wait().unwrap();
    assert!(status.success(), "rerun failed: {status:?}");
    assert_eq!(stored_count(&db), Some(DOCS as u64));

    // A second rerun changes nothing.
    let out = Command::new(BIN)
        .arg("--db")
        .arg(&db)
        .args(["ingest", "--json"])
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["unchanged"], DOCS);
    assert_eq!(v["inserted"], 0);

    // Every id exactly once, and every stored text intact.
    let out = Command::new(BIN).arg("--db").arg(&db).args(["export", "--format", "jsonl"]).output().unwrap();
    assert!(out.status.success());
    let mut ids = std::collections::HashSet::new();
    let corpus_text = std::fs::read_to_string(&corpus).unwrap();
    let originals: std::collections::HashMap<String, String> = corpus_text
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (v["id"].as_str().unwrap().to_string(), v["text"].as_str().unwrap().to_string())
        })
        .collect();
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let id = v["doc"].as_str().unwrap().to_string();
        assert_eq!(v["text"].as_str().unwrap(), originals[&id], "text of {id} corrupted");
        assert!(ids.insert(id.clone()), "{id} stored twice");
    }
    assert_eq!(ids.len(), DOCS);
}
