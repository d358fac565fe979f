//! End-to-end tests of the `corroborate` binary on the bundled corpus and on
//! bad input.

mod common;

use common::{repo, run, BIN};
use std::path::Path;
use std::process::{Command, Output};

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("not JSON ({e}): {}\nstderr: {}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    })
}

fn aleppo() -> String {
    repo().join("examples/aleppo").display().to_string()
}

#[test]
fn ingest_bundled_corpus_then_query_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let out = run(&db, &["ingest", "--json", &aleppo()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let s = json(&out);
    assert_eq!(s["read"], 5);
    assert_eq!(s["inserted"], 5);
    assert_eq!(s["store_documents"], 5);

    // Re-ingesting changes nothing.
    let s = json(&run(&db, &["ingest", "--json", &aleppo()]));
    assert_eq!((s["inserted"].as_u64(), s["unchanged"].as_u64()), (Some(0), Some(5)));

    // Search finds a phrase; stats and show agree with what was ingested.
    let hits = json(&run(&db, &["search", "--json", "\"independently verified\""]));
    assert_eq!(hits[0]["id"], "004_b36bf3ba6d96f8ac");
    let st = json(&run(&db, &["stats", "--json"]));
    assert_eq!(st["documents"], 5);
    let shown = json(&run(&db, &["show", "--json", "004_b36bf3ba6d96f8ac"]));
    assert_eq!(shown["meta"]["title"], "The world has failed the Syrians");
    assert!(shown["text"].as_str().unwrap().contains("9,500"));

    // Export: five v1 records whose text equals the file's.
    let out = run(&db, &["export", "--format", "jsonl"]);
    let lines: Vec<serde_json::Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 5);
    for rec in &lines {
        let id = rec["doc"].as_str().unwrap();
        let file = std::fs::read_to_string(repo().join(format!("examples/aleppo/{id}.txt"))).unwrap();
        assert_eq!(rec["text"].as_str().unwrap(), file);
    }
    let csv = run(&db, &["export", "--format", "csv"]);
    assert_eq!(csv::Reader::from_reader(&csv.stdout[..]).records().count(), 5);
}

#[test]
fn extract_writes_the_v1_contract() {
    let out = Command::new(BIN).args(["extract", "--format", "jsonl", &aleppo()]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let recs: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(recs.len(), 5);
    for r in &recs {
        for k in ["attributions", "figures", "incidents", "entities", "framing", "hedges"] {
            assert!(r[k].is_array(), "{k} missing in {}", r["doc"]);
        }
        // Entity and attribution offsets are code points into `text`.
        let chars: Vec<char> = r["text"].as_str().unwrap().chars().collect();
        let check = |e: &serde_json::Value| {
            let (s, t) = (e["start"].as_u64().unwrap() as usize, e["end"].as_u64().unwrap() as usize);
            assert_eq!(chars[s..t].iter().collect::<String>(), e["text"].as_str().unwrap());
        };
        r["entities"].as_array().unwrap().iter().for_each(check);
        for a in r["attributions"].as_array().unwrap() {
            for k in ["source", "cue"] {
                if !a[k].is_null() {
                    check(&a[k]);
                }
            }
            a["content"].as_array().unwrap().iter().for_each(check);
        }
    }
    let attributed: usize = recs.iter().map(|r| r["attributions"].as_array().unwrap().len()).sum();
    assert!(attributed >= 10, "expected attributions in five news articles, got {attributed}");
    // 004 reports what Russia said about the evacuation.
    let r004 = recs.iter().find(|r| r["doc"] == "004_b36bf3ba6d96f8ac").unwrap();
    assert!(r004["attributions"].as_array().unwrap().iter().any(|a| a["source"]["text"] == "Russia"));
    // ... and the two evacuation figures that disagree, each with who gave it.
    let figs = r004["figures"].as_array().unwrap();
    for (n, who) in [(9500.0, "Russia"), (7500.0, "Turkey")] {
        let f = figs.iter().find(|f| f["min"].as_f64() == Some(n)).unwrap_or_else(|| panic!("no figure {n}"));
        assert_eq!(f["category"], "evacuated");
        assert!(f["source"].as_str().unwrap_or("").contains(who), "{f}");
        let (s, e) = (f["start"].as_u64().unwrap() as usize, f["end"].as_u64().unwrap() as usize);
        let chars: Vec<char> = r004["text"].as_str().unwrap().chars().collect();
        assert_eq!(chars[s..e].iter().collect::<String>(), f["text"].as_str().unwrap());
    }
    assert!(recs.iter().any(|r| r["incidents"].as_array().unwrap().iter().any(|i| i["main"] == true)));
}

#[test]
fn extract_writes_brat_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ann");
    let st = Command::new(BIN)
        .args(["extract", "--format", "brat", "--out", out.to_str().unwrap(), &aleppo()])
        .output()
        .unwrap();
    assert!(st.status.success(), "{}", String::from_utf8_lossy(&st.stderr));
    let ann = std::fs::read_to_string(out.join("004_b36bf3ba6d96f8ac.ann")).unwrap();
    let text = std::fs::read_to_string(repo().join("examples/aleppo/004_b36bf3ba6d96f8ac.txt")).unwrap();
    let chars: Vec<char> = text.chars().collect();
    let mut t_lines = 0;
    for line in ann.lines().filter(|l| l.starts_with('T')) {
        // T1<TAB>Source 256 262<TAB>Russia: offsets are code points into the text.
        let cols: Vec<&str> = line.split('\t').collect();
        let spans = cols[1].split_once(' ').unwrap().1;
        let covered: Vec<String> = spans
            .split(';')
            .map(|p| {
                let (a, b) = p.split_once(' ').unwrap();
                chars[a.parse::<usize>().unwrap()..b.parse::<usize>().unwrap()].iter().collect()
            })
            .collect();
        assert_eq!(covered.join(" "), cols[2], "{line}");
        t_lines += 1;
    }
    assert!(t_lines >= 3);
    assert!(ann.lines().any(|l| l.starts_with('E') && l.contains("Cue:") && l.contains("Content:")));
    let no_out = Command::new(BIN).args(["extract", "--format", "brat", &aleppo()]).output().unwrap();
    assert_eq!(no_out.status.code(), Some(3));
}

#[test]
fn bad_records_are_reported_and_the_rest_ingests() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("good.txt"), "A title\n\nShelling hit Idlib on Monday, officials said.").unwrap();
    std::fs::write(input.join("empty.txt"), "  \n\n ").unwrap();
    std::fs::write(
        input.join("rows.csv"),
        "id,title,text\n1,One,First report text.\n2,\"Two,broken\n",
    )
    .unwrap();
    let out = run(&db, &["ingest", "--json", input.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "partial success must exit 1");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("empty.txt"), "error must name the file: {stderr}");
    let s = json(&out);
    assert!(s["errors"].as_u64().unwrap() >= 2);
    assert_eq!(s["inserted"], 2, "good.txt and CSV row 1 stored");
}

#[test]
fn strict_writes_nothing_and_keeps_what_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    assert!(run(&db, &["ingest", &aleppo()]).status.success());
    let before = std::fs::read(&db).unwrap();
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, "{\"id\":\"x\",\"text\":\"Fine.\"}\n{not json\n").unwrap();
    let out = run(&db, &["ingest", "--strict", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.jsonl"));
    assert_eq!(json(&run(&db, &["stats", "--json"]))["documents"], 5);
    assert_eq!(std::fs::read(&db).unwrap(), before, "strict failure must not touch the store file");
}

#[test]
fn a_file_that_is_not_a_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("notes.txt");
    std::fs::write(&db, "these are my notes, not a database\n".repeat(200)).unwrap();
    let before = std::fs::read(&db).unwrap();
    let out = run(&db, &["ingest", &aleppo()]);
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).contains("notes.txt"));
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn missing_things_have_their_own_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    assert_eq!(run(&db, &["stats"]).status.code(), Some(4), "no store yet");
    assert!(run(&db, &["ingest", &aleppo()]).status.success());
    assert_eq!(run(&db, &["show", "no-such-doc"]).status.code(), Some(5));
    let out = run(&db, &["ingest", dir.path().join("nope/*.txt").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope"));
    assert_eq!(Command::new(BIN).args(["ingest"]).output().unwrap().status.code(), Some(2));
}

#[test]
fn every_subcommand_has_help_with_examples() {
    for sub in ["ingest", "extract", "search", "show", "stats", "clusters", "export", "bench"] {
        let out = Command::new(BIN).args([sub, "--help"]).output().unwrap();
        assert!(out.status.success());
        let h = String::from_utf8_lossy(&out.stdout);
        assert!(h.contains("Examples:"), "{sub} --help has no examples");
    }
}

#[test]
fn reingesting_a_real_corpus_changes_nothing() {
    let fakes = repo().join("../shared/fakes/fakes-dev.csv");
    if !fakes.exists() {
        eprintln!("skipped: {} not found", fakes.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let first = json(&run(&db, &["ingest", "--json", fakes.to_str().unwrap()]));
    assert_eq!(first["read"], 571);
    // FA-KES repeats some unit_ids: each row is kept under a stable id (unit_id~N);
    // identical texts are stored once.
    let stored = first["store_documents"].as_u64().unwrap();
    assert_eq!(first["inserted"].as_u64().unwrap() + first["duplicates"].as_u64().unwrap(), 571);
    let again = json(&run(&db, &["ingest", "--json", fakes.to_str().unwrap()]));
    assert_eq!(again["unchanged"], 571, "{again}");
    assert_eq!(again["store_documents"].as_u64(), Some(stored));
    let clusters = json(&run(&db, &["clusters", "--json"]));
    assert!(clusters.as_array().unwrap().len() >= 10, "FA-KES carries wire stories in several outlets");
}

#[test]
fn fakes_csv_echoes_rows_and_never_reads_labels() {
    let fakes = repo().join("../shared/fakes/fakes-dev.csv");
    if !fakes.exists() {
        eprintln!("skipped: {} not found", fakes.display());
        return;
    }
    // The first 40 rows, once as given and once with the label (and coded) columns removed,
    // and once with every label flipped: the output must not change.
    let mut r = csv::Reader::from_path(&fakes).unwrap();
    let header = r.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = r.records().take(40).map(|x| x.unwrap()).collect();
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, keep: &dyn Fn(&str) -> bool, flip: bool| {
        let p = dir.path().join(name);
        let mut w = csv::Writer::from_path(&p).unwrap();
        let cols: Vec<usize> = (0..header.len()).filter(|&i| keep(&header[i])).collect();
        w.write_record(cols.iter().map(|&i| &header[i])).unwrap();
        for row in &rows {
            let vals: Vec<String> = cols
                .iter()
                .map(|&i| match (&header[i], flip) {
                    ("label", true) => if &row[i] == "1" { "0".into() } else { "1".into() },
                    _ => row[i].to_string(),
                })
                .collect();
            w.write_record(&vals).unwrap();
        }
        w.flush().unwrap();
        p
    };
    let inputs_only = ["unit_id", "article_title", "article_content", "source", "date"];
    let full = write("full.csv", &|_| true, false);
    let flipped = write("flipped.csv", &|_| true, true);
    let bare = write("bare.csv", &|c| inputs_only.contains(&c), false);
    let out = |p: &Path| {
        let o = Command::new(BIN).args(["extract", "--format", "fakes-csv", p.to_str().unwrap()]).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    let a = out(&full);
    assert_eq!(a, out(&flipped), "output depends on the label column");
    assert_eq!(a, out(&bare), "output depends on columns it must not read");
    let mut got = csv::Reader::from_reader(a.as_bytes());
    assert_eq!(
        got.headers().unwrap().iter().collect::<Vec<_>>(),
        ["unit_id", "location", "actor", "cause_of_death", "nb_civilians", "nb_children", "nb_women", "nb_noncivilians", "credibility"]
    );
    let ids: Vec<String> = got.records().map(|r| r.unwrap()[0].to_string()).collect();
    let want: Vec<String> = rows.iter().map(|r| r[0].to_string()).collect();
    assert_eq!(ids, want, "one row per input row, ids as given");
}
