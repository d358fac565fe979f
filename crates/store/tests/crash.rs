//! Crash safety: a writer killed with SIGKILL (no destructors, no rollback
//! code) leaves only whole batches, an intact search index, and a re-run that
//! stores exactly the missing documents and skips the rest as unchanged.

use corroborate_model::{Document, Meta};
use corroborate_store::{SqliteStore, Store};
use std::process::Command;
use std::time::{Duration, Instant};

const VAR: &str = "CORROBORATE_STORE_CRASH_DB";
const BATCH: usize = 40;
const TOTAL: usize = 4_000;

/// Distinct pseudo-random texts (the test is about atomicity, not clustering).
fn corpus() -> Vec<Document> {
    let words = ["shelling", "district", "killed", "wounded", "sources", "army", "rebels", "hospital", "village",
        "airstrike", "convoy", "ceasefire", "monitor", "civilians", "province", "border", "fighters", "market"];
    let mut state = 0x2545_f491_4f6c_dd1du64;
    (0..TOTAL)
        .map(|i| {
            let text: Vec<String> = (0..60)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    format!("{}{}", words[(state % words.len() as u64) as usize], (state >> 40) % 50)
                })
                .collect();
            let meta = Meta { origin: format!("synthetic:{i}"), format: "txt".into(), ..Meta::default() };
            Document::new(format!("doc-{i}"), text.join(" "), meta)
        })
        .collect()
}

/// Not a test on its own: the writer process that the test below kills.
#[test]
#[ignore = "child process of killed_writer_leaves_whole_batches"]
fn crash_child() {
    let Ok(path) = std::env::var(VAR) else { return };
    let mut store = SqliteStore::open(&path).unwrap();
    for chunk in corpus().chunks(BATCH) {
        store.put_batch(chunk).unwrap();
    }
}

#[test]
fn killed_writer_leaves_whole_batches() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.db");
    let exe = std::env::current_exe().unwrap();
    let mut child = Command::new(exe)
        .args(["--ignored", "--exact", "crash_child", "--test-threads", "1"])
        .env(VAR, &path)
        .spawn()
        .unwrap();

    // Let a few batches commit, then kill at an arbitrary moment (most of the
    // writer's time is spent inside a batch transaction).
    let start = Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(150));
        if path.exists() {
            let stored = SqliteStore::open(&path).and_then(|s| s.stats()).map(|s| s.documents).unwrap_or(0);
            if stored >= 4 * BATCH as u64 {
                break;
            }
        }
        assert!(start.elapsed() < Duration::from_secs(120), "writer made no progress");
        assert!(child.try_wait().unwrap().is_none(), "writer finished before it could be killed");
    }
    std::thread::sleep(Duration::from_millis(37));
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();

    let mut store = SqliteStore::open(&path).unwrap();
    let stored = store.stats().unwrap().documents as usize;
    assert!(stored < TOTAL, "the writer was not interrupted");
    assert_eq!(stored % BATCH, 0, "{stored} documents: a batch was partly stored");

    // SQLite's and FTS5's own consistency checks.
    let conn = rusqlite::Connection::open(&path).unwrap();
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
    conn.execute("INSERT INTO docs_fts(docs_fts, rank) VALUES ('integrity-check', 1)", []).unwrap();
    drop(conn);

    // Re-run: what was stored is skipped, the rest inserted, nothing twice.
    let docs = corpus();
    let (mut inserted, mut unchanged) = (0, 0);
    for chunk in docs.chunks(BATCH) {
        let out = store.put_batch(chunk).unwrap();
        inserted += out.inserted;
        unchanged += out.unchanged.len();
        assert!(out.updated.is_empty() && out.duplicates.is_empty());
    }
    assert_eq!((inserted, unchanged), (TOTAL - stored, stored));
    assert_eq!(store.stats().unwrap().documents as usize, TOTAL);
}
