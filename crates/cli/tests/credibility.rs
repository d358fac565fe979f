//! `extract --format fakes-csv` fills `credibility` from the credibility
//! model, the whole input batch being the corpus each article is checked against.

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_corroborate");

fn fakes_csv(input: &Path, extra: &[&str]) -> Vec<(String, f64)> {
    let o = Command::new(BIN)
        .args(["extract", "--format", "fakes-csv"])
        .args(extra)
        .arg(input)
        .output()
        .expect("run corroborate");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut r = csv::Reader::from_reader(o.stdout.as_slice());
    let col = r.headers().unwrap().iter().position(|h| h == "credibility").expect("credibility column");
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            let v: f64 = rec[col].parse().unwrap_or_else(|e| panic!("credibility {:?}: {e}", &rec[col]));
            (rec[0].to_string(), v)
        })
        .collect()
}

fn check_scores(rows: &[(String, f64)]) {
    assert!(rows.iter().all(|(_, c)| (0.0..=1.0).contains(c)), "{rows:?}");
    let first = rows.first().map(|r| r.1).unwrap();
    assert!(rows.iter().any(|(_, c)| (c - first).abs() > 1e-4), "constant credibility: {rows:?}");
}

#[test]
fn credibility_is_a_probability_that_varies_across_articles() {
    // Three reports of one strike (two agree on the toll, one does not) and an unrelated one.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.csv");
    let mut w = csv::Writer::from_path(&p).unwrap();
    w.write_record(["unit_id", "article_title", "article_content", "source", "date"]).unwrap();
    let rows = [
        ("1", "Airstrikes kill 12 in Idlib", "Airstrikes killed 12 civilians in Idlib on Friday, the Syrian Observatory for Human Rights said.", "reuters", "3/4/16"),
        ("2", "12 dead in Idlib raids", "At least 12 civilians were killed in air raids on Idlib, according to activist Rami Abdulrahman.", "ahram", "3/5/16"),
        ("3", "Massacre in Idlib", "The terrorist regime reportedly massacred 45 civilians in Idlib, sources said. The claims could not be independently verified.", "manar", "3/4/16"),
        ("4", "Aid convoy reaches Homs", "An aid convoy of 30 trucks reached Homs on Monday, the UN said in a statement.", "tass", "5/9/16"),
    ];
    for r in rows {
        w.write_record([r.0, r.1, r.2, r.3, r.4]).unwrap();
    }
    w.flush().unwrap();
    let got = fakes_csv(&p, &[]);
    assert_eq!(got.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(), ["1", "2", "3", "4"]);
    check_scores(&got);
    // Chunking the analysis must not change the corpus each article is checked against.
    assert_eq!(got, fakes_csv(&p, &["--chunk", "1"]));
}

#[test]
fn credibility_on_fakes_dev_rows() {
    let fakes = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fakes/fakes-dev.csv");
    if !fakes.exists() {
        eprintln!("skipped: {} not found", fakes.display());
        return;
    }
    let mut r = csv::Reader::from_path(&fakes).unwrap();
    let header = r.headers().unwrap().clone();
    let keep: Vec<usize> = (0..header.len())
        .filter(|&i| ["unit_id", "article_title", "article_content", "source", "date"].contains(&&header[i]))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("dev60.csv");
    let mut w = csv::Writer::from_path(&p).unwrap();
    w.write_record(keep.iter().map(|&i| &header[i])).unwrap();
    for rec in r.records().take(60) {
        let rec = rec.unwrap();
        w.write_record(keep.iter().map(|&i| &rec[i])).unwrap();
    }
    w.flush().unwrap();
    let got = fakes_csv(&p, &[]);
    assert_eq!(got.len(), 60);
    check_scores(&got);
}
