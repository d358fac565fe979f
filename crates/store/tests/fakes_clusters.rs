//! Near-duplicate clustering on real rewrites: the FA-KES dev set carries the
//! same wire stories in several outlets (Reuters copy in Ahram and Jordan
//! Times, SANA copy in Al-Manar and Al-Alam, ...).
//!
//! Measured (this test prints it; `cargo test -p corroborate-store --test
//! fakes_clusters -- --nocapture`): 571 rows -> 559 stored texts (3 exact
//! duplicates became aliases; 9 rows repeat an earlier unit_id). 23 pairs have
//! exact Jaccard >= 0.30 (word 5-shingles); all 23 were LSH candidates and
//! all are clustered (recall 1.000). 24 pairs share a cluster (precision
//! 0.958): the extra one is NNA/Daily Sabah "Suicide bomber kills 4 in Assad
//! clan's hometown" (J = 0.235), joined transitively through the Ahram copy -
//! the same story. No clustered pair has J < 0.2. Rewrites below the
//! threshold stay apart (e.g. "IS video shows murder of 2 Syrian activists",
//! J = 0.204): text overlap cannot see them, event matching must.

use corroborate_model::{Document, Meta};
use corroborate_store::{neardup, SqliteStore, Store};
use std::collections::HashMap;
use std::path::PathBuf;

fn fakes_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fakes/fakes-dev.csv")
}

fn load_rows() -> Option<Vec<Document>> {
    let path = fakes_path();
    if !path.exists() {
        println!("skipping: {} not found", path.display());
        return None;
    }
    let mut reader = csv::Reader::from_path(&path).expect("open FA-KES csv");
    let headers = reader.headers().expect("csv header").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"));
    let (id, title, text, source, date) =
        (col("unit_id"), col("article_title"), col("article_content"), col("source"), col("date"));
    let mut docs = Vec::new();
    for (line, rec) in reader.records().enumerate() {
        let rec = rec.unwrap_or_else(|e| panic!("record {line}: {e}"));
        let field = |i: usize| rec.get(i).unwrap_or("").to_string();
        let meta = Meta {
            title: Some(field(title)),
            outlet: Some(field(source)),
            published: Some(field(date)),
            origin: format!("{}:{}", path.display(), line + 2),
            format: "csv".into(),
            ..Meta::default()
        };
        docs.push(Document::new(field(id), field(text), meta));
    }
    Some(docs)
}

/// Pairs of FA-KES `unit_id`s read by hand: the same story, rewritten or
/// lightly edited by another outlet (or re-run by the same one). Exact
/// shingle Jaccard in brackets.
const SAME_STORY: &[(&str, &str, &str)] = &[
    ("1914947534", "1923848124", "NNA / Ahram: Aleppo bomb blast kills six (0.93)"),
    ("1923848264", "1924058059", "Ahram / Jordan Times: rebels kill 7 in Aleppo assault (0.84)"),
    ("1914947538", "1923848200", "NNA / Ahram: suicide bomber kills 4 in Assad clan's hometown (0.73)"),
    ("1923102970", "1923848256", "Al-Araby / Ahram: rebel shelling kills four in Damascus (0.62)"),
    ("1914947533", "1923848127", "NNA / Ahram: Aleppo bus convoy bomb toll, 112 vs 126 (0.53)"),
    ("1923102964", "1924058069", "Al-Araby / Jordan Times: US-led strike kills 18 in Raqqa (0.51)"),
    ("1962495693", "1965511203", "Al-Alam / Al-Manar: SANA copy, two killed in New Aleppo (0.43, light edit)"),
    ("1923848186", "1924058051", "Ahram / Jordan Times: barrel bombs, 'IS' edited to 'Daesh' (0.42)"),
    ("1915433693", "1962495650", "Al-Araby / Al-Alam: Israeli strike on Hader, Golan (0.40, rewrite)"),
    ("1923848128", "1926479330", "Ahram / Al-Arabiya: bomb on Aleppo evacuee bus convoy (0.40, rewrite)"),
    ("1918398779", "1923848200", "Daily Sabah / Ahram: suicide bomber in Qardaha (0.39)"),
    ("1919191761", "1923102873", "TRT / Al-Araby: regime strikes kill 22 near Damascus (0.34, rewrite)"),
    ("1924058140", "1924058141", "Daily Sabah twice: Russian jets hit Babeska outpost (0.33, light edit)"),
];

#[test]
fn fakes_rewrites_cluster_and_unrelated_articles_do_not() {
    let Some(rows) = load_rows() else { return };
    assert_eq!(rows.len(), 571);
    let mut store = SqliteStore::open_in_memory().unwrap();
    let mut totals = (0, 0, 0, 0);
    for batch in rows.chunks(100) {
        let out = store.put_batch(batch).unwrap();
        totals.0 += out.inserted;
        totals.1 += out.unchanged.len();
        totals.2 += out.updated.len();
        totals.3 += out.duplicates.len();
    }
    println!("inserted {} unchanged {} updated {} duplicates {}", totals.0, totals.1, totals.2, totals.3);
    assert_eq!(totals.0 + totals.1 + totals.2 + totals.3, 571);

    // (a) hand-verified rewrites share a cluster.
    let cluster_of = |id: &str| store.get(id).unwrap().unwrap_or_else(|| panic!("{id} not stored")).cluster;
    for (a, b, what) in SAME_STORY {
        assert_eq!(cluster_of(a), cluster_of(b), "not clustered: {what}");
    }

    // Exact Jaccard over all stored pairs.
    let mut docs = Vec::new();
    store
        .for_each_document(&mut |d| {
            docs.push((d.id.clone(), d.cluster, neardup::shingles(&d.text), d.meta.title.unwrap_or_default()));
            Ok(())
        })
        .unwrap();
    let keys: Vec<Vec<i64>> = docs
        .iter()
        .map(|(_, _, sh, _)| neardup::signature(sh).map(|s| neardup::band_keys(&s)).unwrap_or_default())
        .collect();
    let t = neardup::THRESHOLD;
    let (mut truth, mut predicted, mut hit, mut candidates_ok) = (0usize, 0usize, 0usize, 0usize);
    let mut near_threshold = Vec::new();
    for i in 0..docs.len() {
        for j in i + 1..docs.len() {
            let (a, b) = (&docs[i], &docs[j]);
            let jac = neardup::jaccard(&a.2, &b.2);
            let same = a.1 == b.1;
            // (b) articles sharing less than a fifth of their shingles are never grouped.
            assert!(!(same && jac < 0.2), "clustered although J = {jac:.3}: {:?} / {:?}", a.3, b.3);
            if jac >= t {
                truth += 1;
                hit += usize::from(same);
                candidates_ok += usize::from(keys[i].iter().zip(&keys[j]).any(|(x, y)| x == y));
            }
            predicted += usize::from(same);
            if (0.2..0.4).contains(&jac) {
                near_threshold.push((jac, a.3.clone(), b.3.clone(), same));
            }
        }
    }
    near_threshold.sort_by(|x, y| y.0.total_cmp(&x.0));
    for (jac, a, b, same) in &near_threshold {
        println!("J={jac:.3} {} | {a:.50} | {b:.50}", if *same { "clustered" } else { "separate " });
    }
    // (c) pair-level quality against exact J >= t.
    let precision = if predicted == 0 { 1.0 } else { hit as f64 / predicted as f64 };
    let recall = if truth == 0 { 1.0 } else { hit as f64 / truth as f64 };
    println!(
        "stored {} texts; exact pairs J>={t}: {truth}; clustered pairs: {predicted}; \
         precision {precision:.3} recall {recall:.3}; LSH candidate recall {candidates_ok}/{truth}",
        docs.len()
    );
    let stats = store.stats().unwrap();
    println!("clusters with >1 member: {} holding {} texts", stats.clusters, stats.clustered_documents);
    assert!(truth >= SAME_STORY.len(), "calibration pairs missing");
    assert!(precision >= 0.9, "precision {precision:.3}");
    assert!(recall >= 0.85, "recall {recall:.3}");
    // Every stored text got a cluster id of a live member.
    let pks: HashMap<i64, usize> = docs.iter().fold(HashMap::new(), |mut m, d| {
        *m.entry(d.1).or_default() += 1;
        m
    });
    assert_eq!(pks.values().sum::<usize>(), docs.len());
}

#[test]
fn re_ingesting_fakes_changes_nothing() {
    let Some(rows) = load_rows() else { return };
    let mut store = SqliteStore::open_in_memory().unwrap();
    store.put_batch(&rows).unwrap();
    let before = store.stats().unwrap();
    let again = store.put_batch(&rows).unwrap();
    assert_eq!(again.inserted, 0);
    assert!(again.duplicates.is_empty());
    // A row's origin (file:line) is part of its metadata, so an id the file
    // repeats on several lines flips between them and counts as updated; every
    // id that occurs once is unchanged.
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for d in &rows {
        *seen.entry(d.id.as_str()).or_default() += 1;
    }
    let single = rows.iter().filter(|d| seen.get(d.id.as_str()) == Some(&1)).count();
    assert_eq!(again.unchanged.len(), single);
    assert_eq!(again.updated.len(), rows.len() - single);
    assert_eq!(store.stats().unwrap(), before);
}
