//! Each reader on hand-made fixture files.

mod common;
use common::*;
use corroborate_ingest::{content_hash, read_inputs, ErrorKind, Format, InputSpec, ReadOptions};
use corroborate_model::Severity;

#[test]
fn text_file() {
    let (docs, errs) = split(read_path(&fixture("text/aleppo-evacuation.txt")));
    assert!(errs.is_empty(), "{errs:?}");
    let d = &docs[0];
    assert_eq!(d.id, "aleppo-evacuation");
    assert_eq!(
        d.meta.title.as_deref(),
        Some("Evacuation of eastern Aleppo resumes after day of delays")
    );
    assert_eq!(
        d.text,
        std::fs::read_to_string(fixture("text/aleppo-evacuation.txt")).unwrap()
    );
    assert_eq!(d.meta.format, "txt");
    assert!(d.meta.origin.ends_with("aleppo-evacuation.txt"));
}

#[test]
fn latin1_text_file_is_decoded_with_warning() {
    let (docs, _) = split(read_path(&fixture("text/treve-alep-latin1.txt")));
    let d = &docs[0];
    assert!(d.text.starts_with("Trêve à Alep : l'évacuation reprend"));
    assert!(d.text.contains("« Nous espérons"));
    let w = &d.diagnostics[0];
    assert_eq!(w.severity, Severity::Warning);
    assert!(w.message.contains("windows-1252"), "{}", w.message);
}

#[test]
fn html_page_body_and_metadata() {
    let (docs, errs) = split(read_path(&fixture("html/aleppo-hospital.html")));
    assert!(errs.is_empty(), "{errs:?}");
    let d = &docs[0];
    assert_eq!(d.id, "aleppo-hospital");
    assert!(
        d.text
            .contains("All hospitals in the besieged eastern districts"),
        "{}",
        d.text
    );
    assert!(d.text.contains("humanitarian pause"));
    for chrome in [
        "Subscribe now",
        "Related stories",
        "All rights reserved",
        "Politics",
    ] {
        assert!(
            !d.text.contains(chrome),
            "boilerplate {chrome:?} kept: {}",
            d.text
        );
    }
    assert_eq!(
        d.meta.title.as_deref(),
        Some("Airstrikes hit last hospitals in eastern Aleppo")
    );
    assert_eq!(
        d.meta.published.as_deref(),
        Some("2016-11-19T14:05:00+02:00")
    );
    assert_eq!(d.meta.author.as_deref(), Some("Jane Doe"));
    assert_eq!(d.meta.outlet.as_deref(), Some("Example News"));
    assert_eq!(
        d.meta.url.as_deref(),
        Some("https://news.example.com/world/2016/11/19/aleppo-hospitals")
    );
    assert_eq!(d.meta.format, "html");
}

#[test]
fn html_declared_latin1() {
    let (docs, errs) = split(read_path(&fixture("html/treve-latin1.html")));
    assert!(errs.is_empty(), "{errs:?}");
    let d = &docs[0];
    assert!(
        d.text.contains("près de 7 500 personnes ont quitté"),
        "{}",
        d.text
    );
    assert!(d
        .diagnostics
        .iter()
        .any(|x| x.message.contains("windows-1252") && x.message.contains("declared")));
}

#[test]
fn rss_items() {
    let (docs, errs) = split(read_path(&fixture("feed/syria-news.rss")));
    assert_eq!(docs.len(), 2, "{docs:#?}");
    // The third item has only whitespace: an "empty document" error naming the record.
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].kind, ErrorKind::Empty);
    assert!(
        errs[0].origin.ends_with("syria-news.rss#record 3"),
        "{}",
        errs[0]
    );

    let a = &docs[0];
    assert_eq!(a.id, "wire-2016-0111-madaya");
    assert_eq!(
        a.meta.title.as_deref(),
        Some("Convoy reaches besieged Madaya")
    );
    assert_eq!(a.meta.outlet.as_deref(), Some("Example Wire: Middle East"));
    assert_eq!(a.meta.published.as_deref(), Some("2016-01-11T18:30:00Z"));
    assert_eq!(a.meta.author.as_deref(), Some("Sam Reporter"));
    assert_eq!(
        a.meta.url.as_deref(),
        Some("https://wire.example.org/mideast/2016/01/11/madaya-convoy")
    );
    // content:encoded wins over the description, as plain text with paragraph breaks.
    assert_eq!(
        a.text,
        "A convoy of 44 trucks carrying food and medicine entered the besieged town of Madaya on Monday, the Red Cross said.\n\n\
         Aid workers said at least 28 people had died of starvation since December, a figure the government disputed."
    );
    let b = &docs[1];
    // No guid: the link is the id; the escaped-HTML description becomes text.
    assert_eq!(
        b.id,
        "https://wire.example.org/mideast/2018/09/17/idlib-deal"
    );
    assert_eq!(
        b.meta.title.as_deref(),
        Some("Ceasefire declared in Idlib & Hama")
    );
    assert!(
        b.text.starts_with("Russia and Turkey agreed on Monday"),
        "{}",
        b.text
    );
    assert!(!b.text.contains('<'));
    assert_eq!(b.meta.published.as_deref(), Some("2018-09-17T17:00:00Z"));
}

#[test]
fn atom_entry() {
    let (docs, errs) = split(read_path(&fixture("feed/aleppo.atom")));
    assert!(errs.is_empty(), "{errs:?}");
    let d = &docs[0];
    assert_eq!(d.id, "tag:monitor.example.net,2016:evac-halted");
    assert_eq!(d.text, "Evacuations from eastern Aleppo were suspended on Friday, the Syrian army said.\n\nThousands remained in the enclave.");
    assert_eq!(d.meta.author.as_deref(), Some("Lina K."));
    assert_eq!(d.meta.outlet.as_deref(), Some("Aleppo Monitor"));
    assert_eq!(d.meta.published.as_deref(), Some("2016-12-16T07:15:00Z"));
}

#[test]
fn csv_rows_map_columns_and_skip_bad_rows() {
    let (docs, errs) = split(read_path(&fixture("csv/articles.csv")));
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["101", "102", "104"]);
    let d = &docs[0];
    assert_eq!(
        d.meta.title.as_deref(),
        Some("Syria attack symptoms consistent with nerve agent use")
    );
    assert_eq!(d.meta.outlet.as_deref(), Some("reuters"));
    assert_eq!(d.meta.published.as_deref(), Some("2017-04-05"));
    assert!(d.text.starts_with("Victims of a suspected chemical attack"));
    assert!(
        d.meta.origin.ends_with("articles.csv:line 2"),
        "{}",
        d.meta.origin
    );
    assert_eq!(
        docs[2].meta.title.as_deref(),
        Some("Quote \"inside\" a title")
    );
    // Nothing of the label column leaks anywhere.
    assert!(docs
        .iter()
        .all(|d| !format!("{:?}", d.meta).contains("Idlib")));

    assert_eq!(errs.len(), 2, "{errs:?}");
    assert_eq!(errs[0].kind, ErrorKind::Malformed);
    assert!(
        errs[0].origin.ends_with("articles.csv:line 4"),
        "{}",
        errs[0]
    );
    assert!(
        errs[0].message.contains("4 fields where the header has 7"),
        "{}",
        errs[0]
    );
    assert_eq!(errs[1].kind, ErrorKind::Empty);
    assert!(
        errs[1].origin.ends_with("articles.csv:line 6"),
        "{}",
        errs[1]
    );
}

#[test]
fn tsv_and_id_fallbacks() {
    let (docs, errs) = split(read_path(&fixture("csv/articles.tsv")));
    assert!(errs.is_empty(), "{errs:?}");
    assert_eq!(docs[0].id, "t1");
    assert_eq!(docs[0].meta.title.as_deref(), Some("Truce holds in Homs"));
    assert_eq!(docs[0].meta.outlet.as_deref(), Some("Example Wire"));
    assert_eq!(docs[0].meta.published.as_deref(), Some("2016-02-29"));
    assert_eq!(docs[1].id, "https://wire.example.org/t2");
}

#[test]
fn jsonl_lines() {
    let (docs, errs) = split(read_path(&fixture("jsonl/articles.jsonl")));
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids[..2], ["j1", "2"]);
    assert_eq!(ids[2], content_hash("Upper-case keys are matched too."));
    assert_eq!(
        docs[0].meta.published.as_deref(),
        Some("2016-09-19T21:00:00Z")
    );
    assert_eq!(docs[0].meta.outlet.as_deref(), Some("Example Wire"));
    assert_eq!(
        docs[1].meta.url.as_deref(),
        Some("https://wire.example.org/j2")
    );
    assert_eq!(docs[2].meta.title.as_deref(), Some("Keys"));
    assert!(docs[2].meta.origin.ends_with("articles.jsonl:line 6"));

    let lines: Vec<(&str, ErrorKind)> = errs
        .iter()
        .map(|e| (e.origin.rsplit(':').next().unwrap(), e.kind))
        .collect();
    assert_eq!(
        lines,
        [
            ("line 3", ErrorKind::Malformed),
            ("line 4", ErrorKind::Malformed),
            ("line 7", ErrorKind::Empty)
        ],
        "{errs:?}"
    );
    assert!(errs[0].message.starts_with("invalid JSON"));
}

#[test]
fn warc_gz_keeps_html_responses_only() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("crawl.warc.gz");
    std::fs::write(&p, gzip_members(&sample_warc_records())).unwrap();
    let (docs, errs) = split(read_path(&p));
    assert!(errs.is_empty(), "{errs:?}");
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "https://news.example.com/a",
            "https://fr.example.com/treve",
            "https://wire.example.org/wet"
        ]
    );
    let a = &docs[0];
    assert!(a
        .text
        .contains("All hospitals in the besieged eastern districts"));
    assert_eq!(a.meta.url.as_deref(), Some("https://news.example.com/a"));
    assert_eq!(a.meta.fetched.as_deref(), Some("2016-12-16T10:20:30Z"));
    assert_eq!(
        a.meta.published.as_deref(),
        Some("2016-11-19T14:05:00+02:00")
    );
    assert_eq!(a.meta.format, "warc");
    assert!(
        a.meta.origin.ends_with("crawl.warc.gz#record 3"),
        "{}",
        a.meta.origin
    );
    // Charset from the HTTP header only.
    assert!(
        docs[1].text.contains("près de 7 500 personnes"),
        "{}",
        docs[1].text
    );
    assert_eq!(docs[2].meta.title.as_deref(), Some("Truce holds in Homs"));
}

#[test]
fn plain_warc_and_stdin_style_sniffing() {
    let dir = tempfile::tempdir().unwrap();
    // No extension: the content says WARC.
    let p = dir.path().join("crawl-no-ext");
    std::fs::write(&p, sample_warc_records().concat()).unwrap();
    let (docs, errs) = split(read_path(&p));
    assert!(errs.is_empty(), "{errs:?}");
    assert_eq!(docs.len(), 3);
}

#[test]
fn forced_format_and_directory_walk() {
    let opts = ReadOptions {
        format: Some(Format::Text),
        ..Default::default()
    };
    let docs: Vec<_> = read_inputs(
        vec![InputSpec::Path(fixture("html/aleppo-hospital.html"))],
        opts,
    )
    .collect::<Result<_, _>>()
    .unwrap();
    assert!(docs[0].text.starts_with("<!DOCTYPE html>"));

    let inputs = corroborate_ingest::expand_inputs(&[fixture("").display().to_string()]).unwrap();
    let names: Vec<String> = inputs
        .iter()
        .map(|i| match i {
            InputSpec::Path(p) => p.strip_prefix(fixture("")).unwrap().display().to_string(),
            InputSpec::Stdin => "-".into(),
        })
        .collect();
    assert_eq!(
        names,
        [
            "csv/articles.csv",
            "csv/articles.tsv",
            "feed/aleppo.atom",
            "feed/syria-news.rss",
            "html/aleppo-hospital.html",
            "html/treve-latin1.html",
            "jsonl/articles.jsonl",
            "text/aleppo-evacuation.txt",
            "text/treve-alep-latin1.txt",
        ]
    );
    assert!(corroborate_ingest::input_size(&inputs) > 5_000);
}

#[test]
fn duplicate_ids_are_renamed_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["a", "b"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        std::fs::write(
            dir.path().join(sub).join("report.txt"),
            format!("Report from {sub}\nBody."),
        )
        .unwrap();
    }
    let inputs = corroborate_ingest::expand_inputs(&[dir.path().display().to_string()]).unwrap();
    let docs: Vec<_> = read_inputs(inputs, ReadOptions::default())
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(docs[0].id, "report");
    assert_eq!(docs[1].id, "report~2");
    assert!(docs[1].diagnostics[0].message.contains("already used"));
}

#[test]
fn globs_and_missing_args() {
    let pat = fixture("text/*.txt").display().to_string();
    assert_eq!(
        corroborate_ingest::expand_inputs(&[pat, "-".into()])
            .unwrap()
            .len(),
        3
    );
    let e = corroborate_ingest::expand_inputs(&[fixture("text/*.nothing").display().to_string()])
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::NoMatch);
    assert!(e.to_string().contains("*.nothing"), "{e}");
    let e = corroborate_ingest::expand_inputs(&["no/such/file.txt".into()]).unwrap_err();
    assert_eq!(e.to_string(), "no/such/file.txt: no such file or directory");
}

#[test]
fn parallel_html_extraction_keeps_input_order() {
    let page = std::fs::read_to_string(fixture("html/aleppo-hospital.html")).unwrap();
    let records: Vec<Vec<u8>> = (0..150)
        .map(|i| {
            let body = page.replace("All hospitals", &format!("All {i} hospitals"));
            warc_record(
                "response",
                &format!("https://x.test/{i}"),
                "application/http; msgtype=response",
                &http_response("200 OK", "text/html", body.as_bytes()),
            )
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("many.warc.gz");
    std::fs::write(&p, gzip_members(&records)).unwrap();
    let docs: Vec<_> = read_path(&p).into_iter().collect::<Result<_, _>>().unwrap();
    assert_eq!(docs.len(), 150);
    for (i, d) in docs.iter().enumerate() {
        assert_eq!(d.id, format!("https://x.test/{i}"));
        assert!(d.text.starts_with(&format!("All {i} hospitals")));
        assert!(d.meta.origin.ends_with(&format!("#record {}", i + 1)));
    }
}

#[test]
fn whole_json_files() {
    let dir = tempfile::tempdir().unwrap();
    let arr = dir.path().join("export.json");
    std::fs::write(
        &arr,
        "[\n  {\"article_id\": \"a1\", \"headline\": \"Truce\", \"article_text\": \"The truce held.\"},\n  \
         {\"article_id\": \"a2\", \"article_text\": \"Shelling resumed.\"},\n  42\n]\n",
    )
    .unwrap();
    let (docs, errs) = split(read_path(&arr));
    assert_eq!(
        docs.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
        ["a1", "a2"]
    );
    assert_eq!(docs[0].meta.title.as_deref(), Some("Truce"));
    assert!(docs[1].meta.origin.ends_with("export.json#record 2"));
    assert!(
        errs[0]
            .to_string()
            .ends_with("export.json#record 3: array element is not an object"),
        "{}",
        errs[0]
    );

    let one = dir.path().join("one.json");
    std::fs::write(
        &one,
        "{\n  \"id\": \"o1\",\n  \"content\": \"Pretty-printed single article.\"\n}\n",
    )
    .unwrap();
    let (docs, _) = split(read_path(&one));
    assert_eq!(docs[0].id, "o1");

    // JSON Lines in a .json file still works.
    let lines = dir.path().join("lines.json");
    std::fs::write(&lines, "{\"text\":\"one\"}\n{\"text\":\"two\"}\n").unwrap();
    assert_eq!(split(read_path(&lines)).0.len(), 2);
}

#[test]
fn warc_resource_records() {
    let page = std::fs::read(fixture("html/aleppo-hospital.html")).unwrap();
    let recs = [
        warc_record(
            "resource",
            "file:///saved/aleppo.html",
            "text/html; charset=utf-8",
            &page,
        ),
        warc_record(
            "resource",
            "file:///saved/logo.png",
            "image/png",
            b"\x89PNG",
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("saved.warc");
    std::fs::write(&p, recs.concat()).unwrap();
    let (docs, errs) = split(read_path(&p));
    assert!(errs.is_empty(), "{errs:?}");
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].id, "file:///saved/aleppo.html");
    assert!(docs[0].text.contains("humanitarian pause"));
}
