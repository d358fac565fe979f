use super::*;
use crate::{Duplicate, Store};
use corroborate_model::{Document, Meta};

fn meta(title: &str, outlet: &str, published: &str) -> Meta {
    Meta {
        title: Some(title.into()),
        outlet: Some(outlet.into()),
        published: Some(published.into()),
        origin: format!("test/{outlet}"),
        format: "txt".into(),
        ..Meta::default()
    }
}

fn doc(id: &str, text: &str, outlet: &str) -> Document {
    Document::new(id, text, meta(&format!("Title of {id}"), outlet, "2017-04-04"))
}

/// A ~120-word wire story, and variants of it.
const WIRE: &str = "At least 58 people were killed in a suspected chemical attack on the rebel-held town \
of Khan Sheikhoun in Idlib province on Tuesday, a monitoring group said. The Syrian Observatory for \
Human Rights said the dead included eleven children and that dozens more people suffered from \
breathing difficulties, fainting and foaming at the mouth. Medical workers at a hospital in the town \
said they treated patients for symptoms consistent with exposure to a nerve agent. The Syrian army \
denied using chemical weapons and blamed rebel groups for the deaths, while the opposition coalition \
accused government warplanes of dropping the gas during early morning raids. Western governments \
called for an urgent meeting of the Security Council, and rescue workers said the toll was likely \
to rise as more bodies were found in basements where families had sought shelter.";

const OTHER: &str = "Government forces and their allies recaptured three villages south of Aleppo after \
heavy fighting with insurgents, state television reported on Sunday, saying engineers were clearing \
mines from the roads. A commander of one rebel brigade said his fighters had withdrawn to new lines \
to avoid encirclement and would counterattack once reinforcements arrived from the north.";

fn rewrite(text: &str) -> String {
    // Light edit: different lead, a few words changed, the last sentence dropped.
    let body = text.replace("a monitoring group said", "the Britain-based monitor reported")
        .replace("dozens more", "many other")
        .replace("urgent meeting", "emergency session");
    let cut = body.rfind(" Western governments").unwrap_or(body.len());
    format!("BEIRUT (Agencies) - {}", &body[..cut])
}

fn store() -> SqliteStore {
    SqliteStore::open_in_memory().unwrap()
}

/// FTS5's own check that the index matches the `docs` content table.
fn assert_fts_consistent(s: &SqliteStore) {
    s.conn
        .execute("INSERT INTO docs_fts(docs_fts, rank) VALUES ('integrity-check', 1)", [])
        .expect("FTS index out of step with docs");
}

#[test]
fn batch_outcome_counts_each_kind() {
    let mut s = store();
    let out = s.put_batch(&[doc("a", WIRE, "reuters"), doc("b", OTHER, "sana")]).unwrap();
    assert_eq!(out.inserted, 2);
    let before = s.get("a").unwrap().unwrap();

    let changed = Document::new("b", format!("{OTHER} Updated."), doc("b", "", "sana").meta);
    let out = s
        .put_batch(&[doc("a", WIRE, "reuters"), changed, doc("c", WIRE, "ahram"), doc("d", "fresh text here", "x")])
        .unwrap();
    assert_eq!(out.inserted, 1);
    assert_eq!(out.unchanged, vec!["a".to_string()]);
    assert_eq!(out.updated, vec!["b".to_string()]);
    assert_eq!(out.duplicates, vec![Duplicate { id: "c".into(), of: "a".into() }]);

    // Unchanged means untouched, down to the timestamp.
    let after = s.get("a").unwrap().unwrap();
    assert_eq!(after.ingested_at, before.ingested_at);
    assert_eq!(after.aliases.len(), 1);
    assert_eq!(after.aliases[0].meta.outlet.as_deref(), Some("ahram"));
    assert!(s.get("b").unwrap().unwrap().text.ends_with("Updated."));

    // Re-putting everything again changes nothing, aliases included.
    let again = s.put_batch(&[doc("a", WIRE, "reuters"), doc("c", WIRE, "ahram")]).unwrap();
    assert_eq!(again.unchanged.len(), 2);
    assert_eq!(again.inserted + again.updated.len() + again.duplicates.len(), 0);
    assert_fts_consistent(&s);
}

#[test]
fn get_by_alias_and_metadata_only_update() {
    let mut s = store();
    s.put_batch(&[doc("a", WIRE, "reuters"), doc("c", WIRE, "ahram")]).unwrap();
    let via_alias = s.get("c").unwrap().unwrap();
    assert_eq!(via_alias.id, "a");
    assert_eq!(via_alias.content_hash, blake3::hash(WIRE.as_bytes()).to_hex().to_string());
    assert!(s.get("nope").unwrap().is_none());

    // Same text, new title: an update that keeps the text row and its search index in sync.
    let mut retitled = doc("a", WIRE, "reuters");
    retitled.meta.title = Some("Gas attack in Khan Sheikhoun".into());
    let out = s.put_batch(&[retitled]).unwrap();
    assert_eq!(out.updated, vec!["a".to_string()]);
    assert_eq!(s.search("Sheikhoun", 5).unwrap()[0].title.as_deref(), Some("Gas attack in Khan Sheikhoun"));
    assert_eq!(s.stats().unwrap().documents, 1);
    assert_fts_consistent(&s);
}

#[test]
fn changing_the_text_of_an_id_with_aliases_promotes_the_alias() {
    let mut s = store();
    s.put_batch(&[doc("a", WIRE, "reuters"), doc("c", WIRE, "ahram")]).unwrap();
    let out = s.put_batch(&[doc("a", OTHER, "reuters")]).unwrap();
    assert_eq!(out.updated, vec!["a".to_string()]);
    let c = s.get("c").unwrap().unwrap();
    assert_eq!((c.id.as_str(), c.text.as_str(), c.meta.outlet.as_deref()), ("c", WIRE, Some("ahram")));
    assert!(c.aliases.is_empty());
    assert_eq!(s.get("a").unwrap().unwrap().text, OTHER);
    assert_eq!(s.stats().unwrap().documents, 2);
    assert_fts_consistent(&s);
}

#[test]
fn a_failing_batch_changes_nothing() {
    let mut s = store();
    s.put_batch(&[doc("a", WIRE, "reuters"), doc("b", OTHER, "sana")]).unwrap();
    let stats = s.stats().unwrap();
    let err = s
        .put_batch(&[doc("new", "brand new text", "x"), doc("a", "replaced text", "reuters"), doc("b2", OTHER, "y"), doc("  ", "no id", "x")])
        .unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, StoreError::InvalidDocument { index: 3, .. }), "{msg}");
    assert!(msg.contains(":memory:") && msg.contains("empty id") && msg.contains("rolled back"), "{msg}");
    assert_eq!(s.stats().unwrap(), stats);
    assert!(s.get("new").unwrap().is_none());
    assert!(s.get("b2").unwrap().is_none());
    assert_eq!(s.get("a").unwrap().unwrap().text, WIRE);
    assert!(s.search("replaced", 5).unwrap().is_empty());
    assert_fts_consistent(&s);
}

#[test]
fn search_ranks_highlights_and_survives_hostile_input() {
    let mut s = store();
    s.put_batch(&[doc("a", WIRE, "reuters"), doc("b", OTHER, "sana")]).unwrap();
    let hits = s.search("chemical attack", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, "a");
    assert!(hits[0].snippet.contains("⟦chemical⟧"), "{}", hits[0].snippet);
    assert!(hits[0].score > 0.0);
    // Porter stemming: "villages" matches "village".
    assert_eq!(s.search("village", 10).unwrap()[0].id, "b");
    // Phrase: words adjacent in this order only.
    assert_eq!(s.search("\"nerve agent\"", 10).unwrap().len(), 1);
    assert_eq!(s.search("\"agent nerve\"", 10).unwrap().len(), 0);
    // Title is searched too.
    assert_eq!(s.search("Title of b", 10).unwrap()[0].id, "b");
    // Prefix.
    assert_eq!(s.search("Sheikh*", 10).unwrap().len(), 1);
    // FTS5 operators and punctuation in user input are just words.
    for q in ["NOT chemical", "a OR (b", "title:chemical", "^Idlib", "NEAR(chemical attack)", "x AND", "'; DROP TABLE docs; --", "U.S.-led"] {
        assert!(s.search(q, 10).is_ok(), "{q}");
    }
    assert!(matches!(s.search("\"unclosed phrase", 10), Err(StoreError::InvalidQuery { .. })));
    assert!(matches!(s.search("  ", 10), Err(StoreError::InvalidQuery { .. })));
    assert!(s.search("chemical", 0).unwrap().is_empty());
}

#[test]
fn stats_count_documents_aliases_outlets_and_dates() {
    let mut s = store();
    let mut late = doc("b", OTHER, "sana");
    late.meta.published = Some("2017-05-01".into());
    s.put_batch(&[doc("a", WIRE, "reuters"), doc("c", WIRE, "ahram"), late, doc("r", &rewrite(WIRE), "ahram")]).unwrap();
    let st = s.stats().unwrap();
    assert_eq!(st.documents, 3);
    assert_eq!(st.aliases, 1);
    assert_eq!(st.text_bytes as usize, WIRE.len() + OTHER.len() + rewrite(WIRE).len());
    assert_eq!(st.outlets.first(), Some(&(Some("ahram".to_string()), 2)));
    assert_eq!(st.published_range, Some(("2017-04-04".into(), "2017-05-01".into())));
    assert_eq!((st.clusters, st.clustered_documents), (1, 2));
    assert_eq!(st.schema_version, crate::schema::MIGRATIONS.len() as i64);
}

#[test]
fn near_duplicates_cluster_and_merge_transitively() {
    let mut s = store();
    let r1 = rewrite(WIRE);
    s.put_batch(&[doc("a", WIRE, "reuters"), doc("b", OTHER, "sana")]).unwrap();
    s.put_batch(&[doc("r1", &r1, "ahram")]).unwrap();
    let a = s.get("a").unwrap().unwrap();
    assert_eq!(s.get("r1").unwrap().unwrap().cluster, a.cluster);
    assert_ne!(s.get("b").unwrap().unwrap().cluster, a.cluster);

    // Two separate clusters {x, x2} and {y, y2}, then a bridge z similar to both.
    let half = WIRE.len() / 2;
    let cut = WIRE[..half].rfind(' ').unwrap();
    let (first, second) = (&WIRE[..cut], &WIRE[cut..]);
    let x = format!("{first} {OTHER}");
    let y = format!("{OTHER} {second}");
    let mut s = store();
    s.put_batch(&[doc("p", first, "a"), doc("q", second, "b")]).unwrap();
    let (p, q) = (s.get("p").unwrap().unwrap().cluster, s.get("q").unwrap().unwrap().cluster);
    assert_ne!(p, q);
    // `x` overlaps `p` and `OTHER`, `y` overlaps `q`; none of them overlaps the other half.
    s.put_batch(&[doc("x", &x, "c"), doc("y", &y, "d")]).unwrap();
    let cl = |s: &SqliteStore, id: &str| s.get(id).unwrap().unwrap().cluster;
    assert_eq!(cl(&s, "x"), cl(&s, "p"));
    assert_eq!(cl(&s, "y"), cl(&s, "q"));
    // x and y share only OTHER: below the threshold (J ≈ 0.27), so two clusters remain.
    let j = neardup::jaccard(&neardup::shingles(&x), &neardup::shingles(&y));
    assert!(j < neardup::THRESHOLD, "test precondition: J(x, y) = {j:.2}");
    assert_ne!(cl(&s, "p"), cl(&s, "q"));
    // The whole story is similar to both x and y (J ≈ 0.34): it merges the two clusters.
    s.put_batch(&[doc("w", WIRE, "e")]).unwrap();
    assert_eq!(cl(&s, "p"), cl(&s, "q"));
    assert_eq!(cl(&s, "x"), cl(&s, "y"));
    let big = s.clusters(2).unwrap();
    assert_eq!(big.len(), 1);
    assert_eq!(big[0].members.len(), 5);
    assert_eq!(big[0].id, cl(&s, "p"));
    // Removing the bridge (new text for its id) splits the cluster again.
    s.put_batch(&[doc("w", "something else entirely, nothing shared", "e")]).unwrap();
    assert_ne!(cl(&s, "p"), cl(&s, "q"));
    assert_eq!(cl(&s, "x"), cl(&s, "p"));
    assert_eq!(cl(&s, "y"), cl(&s, "q"));
    assert_eq!(s.clusters(2).unwrap().len(), 2);
    assert_fts_consistent(&s);
}

#[test]
fn clusters_list_members_with_aliases() {
    let mut s = store();
    s.put_batch(&[doc("a", WIRE, "reuters"), doc("c", WIRE, "ahram"), doc("r", &rewrite(WIRE), "nna"), doc("b", OTHER, "sana")])
        .unwrap();
    let big = s.clusters(2).unwrap();
    assert_eq!(big.len(), 1);
    let ids: Vec<&str> = big[0].members.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, vec!["a", "r"]);
    assert_eq!(big[0].members[0].aliases, vec!["c".to_string()]);
    assert_eq!(s.clusters(0).unwrap().len(), 2);
}

#[test]
fn analysis_records_follow_the_text() {
    let mut s = store();
    s.put_batch(&[doc("a", WIRE, "reuters"), doc("c", WIRE, "ahram")]).unwrap();
    s.put_analysis("a", "figures", 1, r#"{"killed":[58]}"#).unwrap();
    s.put_analysis("c", "figures", 2, r#"{"killed":[58,11]}"#).unwrap();
    let got = s.get_analysis("a", "figures").unwrap().unwrap();
    assert_eq!((got.schema, got.json.as_str()), (2, r#"{"killed":[58,11]}"#));
    assert!(s.get_analysis("a", "quotes").unwrap().is_none());
    assert!(matches!(s.put_analysis("a", "x", 1, "{not json"), Err(StoreError::InvalidJson { .. })));
    assert!(matches!(s.put_analysis("zz", "x", 1, "{}"), Err(StoreError::UnknownDocument { .. })));
    // New text for both ids: the old analysis no longer describes anything stored.
    s.put_batch(&[doc("a", OTHER, "reuters"), doc("c", OTHER, "ahram")]).unwrap();
    assert!(s.get_analysis("a", "figures").unwrap().is_none());
    assert_fts_consistent(&s);
}

#[test]
fn streaming_walks_every_document_and_stops_on_error() {
    let mut s = store();
    let docs: Vec<Document> = (0..50).map(|i| doc(&format!("d{i}"), &format!("text number {i} {OTHER}"), "x")).collect();
    s.put_batch(&docs).unwrap();
    let mut n = 0;
    s.for_each_document(&mut |d| {
        assert!(d.text.starts_with("text number"));
        n += 1;
        Ok(())
    })
    .unwrap();
    assert_eq!(n, 50);
    let mut ids = Vec::new();
    s.for_each_id(&mut |id| {
        ids.push(id.to_string());
        Ok(())
    })
    .unwrap();
    assert_eq!(ids.first().map(String::as_str), Some("d0"));
    assert_eq!(ids.len(), 50);
    let mut seen = 0;
    let err = s
        .for_each_document(&mut |_| {
            seen += 1;
            if seen == 3 {
                Err(StoreError::Callback("disk full".into()))
            } else {
                Ok(())
            }
        })
        .unwrap_err();
    assert!(err.to_string().contains("disk full"));
    assert_eq!(seen, 3);
}

#[test]
fn empty_texts_are_stored_but_never_clustered() {
    let mut s = store();
    let out = s.put_batch(&[doc("e1", "", "x"), doc("e2", "", "y"), doc("p", "!!!", "z")]).unwrap();
    assert_eq!(out.inserted, 2);
    assert_eq!(out.duplicates.len(), 1);
    assert_eq!(s.stats().unwrap().clusters, 0);
}

#[test]
fn file_store_persists_and_refuses_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("corpus.db");
    {
        let mut s = SqliteStore::open(&path).unwrap();
        s.put_batch(&[doc("a", WIRE, "reuters")]).unwrap();
    }
    let mut s = SqliteStore::open(&path).unwrap();
    assert_eq!(s.put_batch(&[doc("a", WIRE, "reuters")]).unwrap().unchanged.len(), 1);
    let mode: String = s.conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    drop(s);

    let missing = dir.path().join("no/such/dir/x.db");
    let err = SqliteStore::open(&missing).err().unwrap();
    assert!(matches!(err, StoreError::MissingDirectory { .. }), "{err}");
    assert!(err.to_string().contains("no/such/dir"));

    let junk = dir.path().join("notes.txt");
    let content = b"these are my notes, not a database at all, but long enough";
    std::fs::write(&junk, content).unwrap();
    let err = SqliteStore::open(&junk).err().unwrap();
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err}");
    assert!(err.to_string().contains("notes.txt"));
    assert_eq!(std::fs::read(&junk).unwrap(), content);
    assert!(!dir.path().join("notes.txt-wal").exists());

    // A database from a newer program version is refused.
    let conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let err = SqliteStore::open(&path).err().unwrap();
    assert!(matches!(err, StoreError::TooNew { found: 99, .. }), "{err}");
}

#[test]
fn store_is_object_safe_and_send() {
    fn takes(_: Box<dyn Store>) {}
    takes(Box::new(store()));
}

#[test]
fn the_fts_consistency_check_detects_drift() {
    let mut s = store();
    s.put_batch(&[doc("a", WIRE, "reuters")]).unwrap();
    assert_fts_consistent(&s);
    // Change the content table behind the index's back.
    s.conn.execute("UPDATE docs SET text = 'tampered' WHERE id = 'a'", []).unwrap();
    assert!(s.conn.execute("INSERT INTO docs_fts(docs_fts, rank) VALUES ('integrity-check', 1)", []).is_err());
}

#[test]
fn formulaic_texts_form_one_cluster_without_quadratic_work() {
    let mut s = store();
    let docs: Vec<Document> =
        (0..400).map(|i| doc(&format!("d{i}"), &format!("Daily report {i}. {OTHER} Figures: {}.", i * 7), "sana")).collect();
    for c in docs.chunks(100) {
        s.put_batch(c).unwrap();
    }
    let big = s.clusters(2).unwrap();
    assert_eq!(big.len(), 1);
    assert_eq!(big[0].members.len(), 400);
}

#[test]
fn batch_with_analyses_is_atomic_and_idempotent() {
    let mut s = store();
    let docs = [doc("a", WIRE, "reuters"), doc("b", OTHER, "sana")];
    let jsons = vec![r#"{"n":1}"#.to_string(), r#"{"n":2}"#.to_string()];
    s.put_batch_with(&docs, "record", 1, &jsons).unwrap();
    let first = s.get_analysis("b", "record").unwrap().unwrap();
    assert_eq!(first.json, r#"{"n":2}"#);
    // Same input again: the analysis row is not rewritten (timestamp kept).
    let out = s.put_batch_with(&docs, "record", 1, &jsons).unwrap();
    assert_eq!(out.unchanged.len(), 2);
    assert_eq!(s.get_analysis("b", "record").unwrap().unwrap(), first);
    // Invalid JSON for the second document rolls back the first as well.
    let bad = vec![r#"{"n":1}"#.to_string(), "{oops".to_string()];
    let err = s.put_batch_with(&[doc("c", "a brand new text", "x"), doc("d", "another new one", "y")], "record", 1, &bad);
    assert!(matches!(err, Err(StoreError::InvalidJson { .. })));
    assert!(s.get("c").unwrap().is_none());
    // One JSON per document.
    assert!(s.put_batch_with(&docs, "record", 1, &jsons[..1]).is_err());
    assert_fts_consistent(&s);
}

#[test]
fn concurrent_first_opens_migrate_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("race.db");
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut s = SqliteStore::open(&path).unwrap();
                s.put_batch(&[doc(&format!("t{i}"), &format!("thread {i} text"), "x")]).unwrap();
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let s = SqliteStore::open(&path).unwrap();
    assert_eq!(s.stats().unwrap().documents, 4);
    assert_eq!(s.stats().unwrap().schema_version, crate::schema::MIGRATIONS.len() as i64);
}

#[test]
fn a_store_with_other_neardup_parameters_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    drop(SqliteStore::open(&path).unwrap());
    let conn = Connection::open(&path).unwrap();
    conn.execute("UPDATE store_meta SET value = 'words=3;old' WHERE key = 'neardup'", []).unwrap();
    drop(conn);
    let err = SqliteStore::open(&path).err().unwrap();
    assert!(matches!(err, StoreError::IncompatibleIndex { .. }), "{err}");
    assert!(err.to_string().contains("old.db"));
}

/// Random strings over FTS5's special characters and keywords: every query
/// either runs or is refused as an InvalidQuery, never an SQLite error.
#[test]
fn no_user_query_reaches_fts5_as_a_syntax_error() {
    let mut s = store();
    s.put_batch(&[doc("a", WIRE, "reuters")]).unwrap();
    let pieces = [
        "\"", "'", "(", ")", "*", "^", ":", "-", "+", "{", "}", "NEAR", "AND", "OR", "NOT", "title", "chemical",
        " ", "  ", "\0", "\u{7}", "é", "“", "”", "Idlib", ",", ".", "NEAR/3", "col:", "\\",
    ];
    let mut state = 0x1234_5678_9abc_def1u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..3000 {
        let n = 1 + next() % 8;
        let q: String = (0..n).map(|_| pieces[(next() % pieces.len() as u64) as usize]).collect();
        match s.search(&q, 5) {
            Ok(_) | Err(StoreError::InvalidQuery { .. }) => {}
            Err(e) => panic!("query {q:?} failed: {e}"),
        }
    }
    // An empty batch is a valid no-op.
    assert_eq!(s.put_batch(&[]).unwrap(), BatchOutcome::default());
    assert_eq!(s.get("a").unwrap().unwrap().into_document().text, WIRE);
}

#[test]
fn another_programs_sqlite_file_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite");
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE contacts(name TEXT); INSERT INTO contacts VALUES ('x');").unwrap();
    drop(conn);
    let before = std::fs::read(&path).unwrap();
    let err = SqliteStore::open(&path).err().unwrap();
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err}");
    assert!(err.to_string().contains("other.sqlite") && err.to_string().contains("another program"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn broad_searches_rank_only_the_newest_candidates_and_count_up_to_a_cap() {
    let mut s = store();
    let n = crate::SEARCH_CANDIDATES + 10;
    // The oldest document is the best match for "siege" (in its title too);
    // the newer ones all mention it once, with distinct texts so none is a duplicate.
    let mut docs = vec![Document::new("old", "Siege siege siege of the siege town.", meta("Siege", "x", "2016-01-01"))];
    docs.extend((0..n).map(|i| {
        Document::new(format!("d{i}"), format!("Report number {i} mentions the siege once among many other words {}.", i * 7919), meta("t", "x", "2016-01-02"))
    }));
    s.put_batch(&docs).unwrap();
    assert_eq!(s.count_matches("siege", 5).unwrap(), 5, "counting stops at the cap");
    assert_eq!(s.count_matches("siege", usize::MAX).unwrap(), n + 1);
    let hits = s.search("siege", 3).unwrap();
    assert_eq!(hits.len(), 3);
    assert!(hits.iter().all(|h| h.id != "old"), "the oldest match is beyond the ranked candidates");
    assert!(hits.iter().all(|h| h.snippet.contains("⟦siege⟧")), "{hits:?}");
    // A narrow query ranks every match: the old document wins there.
    assert_eq!(s.search("\"siege town\"", 3).unwrap()[0].id, "old");
    assert!(matches!(s.count_matches("\"open", 3), Err(StoreError::InvalidQuery { .. })));
}

#[test]
fn phrase_searches_in_a_large_store_put_title_matches_first_then_the_newest() {
    let mut s = store();
    s.phrase_bm25_rows = 3; // as if the store were large
    let docs = vec![
        Document::new("old-title", "Nothing about it here.", meta("Civilians killed in Idlib", "x", "2016-01-01")),
        Document::new("old", "Two civilians killed near Hama, civilians killed again.", meta("t1", "x", "2016-01-01")),
        Document::new("mid", "Reports of civilians killed in Homs.", meta("t2", "x", "2016-01-02")),
        Document::new("new", "Officials said civilians killed in Daraa.", meta("t3", "x", "2016-01-03")),
    ];
    s.put_batch(&docs).unwrap();
    let ids: Vec<String> = s.search("\"civilians killed\"", 10).unwrap().into_iter().map(|h| h.id).collect();
    assert_eq!(ids, ["old-title", "new", "mid", "old"]);
    // Words without a phrase are still ranked by bm25: two mentions beat one.
    assert_eq!(s.search("civilians Hama", 10).unwrap()[0].id, "old");
}
