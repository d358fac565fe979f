//! One test per kind of bad input: each gives a ReadError naming the file (and record), never a
//! panic, and never stops the documents around it.

mod common;
use common::*;
use corroborate_ingest::{read_inputs, ErrorKind, Format, InputSpec, ReadOptions};
use std::time::Instant;

#[test]
fn unreadable_files() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("gone.txt");
    let (_, errs) = split(read_path(&missing));
    assert_eq!(errs[0].kind, ErrorKind::Io);
    assert_eq!(
        errs[0].to_string(),
        format!("{}: cannot read: no such file", missing.display())
    );

    let (_, errs) = split(read_path(dir.path()));
    assert_eq!(errs[0].kind, ErrorKind::Io);
    assert!(
        errs[0].to_string().contains("is a directory"),
        "{}",
        errs[0]
    );

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = dir.path().join("locked.txt");
        std::fs::write(&locked, "secret").unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        if std::fs::read(&locked).is_ok() {
            eprintln!("note: running as root, permission-denied case skipped");
        } else {
            let (_, errs) = split(read_path(&locked));
            assert!(
                errs[0]
                    .to_string()
                    .ends_with("locked.txt: cannot read: permission denied"),
                "{}",
                errs[0]
            );
        }
    }

    // Later inputs are still read.
    let ok = fixture("text/aleppo-evacuation.txt");
    let all: Vec<_> = read_inputs(
        vec![InputSpec::Path(missing), InputSpec::Path(ok)],
        ReadOptions::default(),
    )
    .collect();
    assert!(all[0].is_err() && all[1].is_ok());
}

#[test]
fn invalid_utf8_is_decoded_not_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("report.txt");
    // windows-1252 curly quotes and an accented name, as older Windows tools write them.
    std::fs::write(
        &p,
        b"\x93We will not leave,\x94 said Ahmad al-Mu\xe9alem.\n",
    )
    .unwrap();
    let (docs, errs) = split(read_path(&p));
    assert!(errs.is_empty());
    assert_eq!(
        docs[0].text,
        "“We will not leave,” said Ahmad al-Muéalem.\n"
    );
    assert!(docs[0].diagnostics[0].message.contains("windows-1252"));

    // Invalid bytes in one CSV row: lossy with a warning, other rows intact.
    let p = dir.path().join("rows.csv");
    std::fs::write(&p, b"id,text\n1,caf\xe9 bombed\n2,clean row\n").unwrap();
    let (docs, errs) = split(read_path(&p));
    assert!(errs.is_empty());
    assert_eq!(docs[0].text, "caf\u{fffd} bombed");
    assert!(docs[0].diagnostics[0].message.contains("not valid UTF-8"));
    assert!(docs[1].diagnostics.is_empty());
}

#[test]
fn truncated_warc_gz() {
    let dir = tempfile::tempdir().unwrap();
    let records = sample_warc_records();
    let whole = gzip_members(&records);
    // Cut inside the gzip member of the Latin-1 response (record 6).
    let before = gzip_members(&records[..5]).len();
    let p = dir.path().join("cut.warc.gz");
    std::fs::write(&p, &whole[..before + 40]).unwrap();
    let (docs, errs) = split(read_path(&p));
    assert_eq!(docs.len(), 1, "the article before the cut is still read");
    assert_eq!(docs[0].id, "https://news.example.com/a");
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].kind, ErrorKind::Truncated);
    assert!(
        errs[0].origin.ends_with("cut.warc.gz#record 6"),
        "{}",
        errs[0]
    );

    // Uncompressed WARC cut inside a record body.
    let plain = records.concat();
    let p = dir.path().join("cut.warc");
    std::fs::write(&p, &plain[..plain.len() - 30]).unwrap();
    let (docs, errs) = split(read_path(&p));
    assert_eq!(docs.len(), 2);
    assert!(
        errs[0]
            .to_string()
            .contains("#record 7: record body truncated"),
        "{}",
        errs[0]
    );
}

#[test]
fn malformed_csv_row_in_the_middle() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("mid.csv");
    std::fs::write(
        &p,
        "id,title,text\na,T1,first text\nb,T2,\"second\",extra,fields\nc,T3,third text\n",
    )
    .unwrap();
    let all = read_path(&p);
    assert_eq!(all.len(), 3);
    assert_eq!(all[0].as_ref().unwrap().id, "a");
    let e = all[1].as_ref().unwrap_err();
    assert_eq!(e.kind, ErrorKind::Malformed);
    assert!(
        e.to_string()
            .ends_with("mid.csv:line 3: malformed row: 5 fields where the header has 3"),
        "{e}"
    );
    assert_eq!(all[2].as_ref().unwrap().id, "c");
}

#[test]
fn csv_without_text_column() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("notext.csv");
    std::fs::write(&p, "id,headline,when\n1,a,b\n2,c,d\n").unwrap();
    let (docs, errs) = split(read_path(&p));
    assert!(docs.is_empty());
    assert_eq!(errs.len(), 1, "one error for the file, not one per row");
    assert_eq!(errs[0].kind, ErrorKind::MissingColumn);
    assert!(
        errs[0].to_string().contains("notext.csv: no text column"),
        "{}",
        errs[0]
    );
    assert!(
        errs[0]
            .message
            .contains("columns found: id, headline, when"),
        "{}",
        errs[0]
    );
}

#[test]
fn invalid_jsonl_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("x.jsonl");
    std::fs::write(
        &p,
        "{\"text\":\"one\"}\n{\"text\": one}\n{\"text\":\"three\"}\n",
    )
    .unwrap();
    let all = read_path(&p);
    assert_eq!(all.len(), 3);
    let e = all[1].as_ref().unwrap_err();
    assert_eq!(e.kind, ErrorKind::Malformed);
    assert!(e.origin.ends_with("x.jsonl:line 2"));
    assert!(e.message.starts_with("invalid JSON"));
    assert_eq!(all[2].as_ref().unwrap().text, "three");
}

#[test]
fn empty_documents() {
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in [
        ("blank.txt", "  \n\n\t "),
        ("zero.txt", ""),
        ("nobody.html", "<html><body><nav>Home</nav></body></html>"),
    ] {
        let p = dir.path().join(name);
        std::fs::write(&p, content).unwrap();
        let (docs, errs) = split(read_path(&p));
        assert!(docs.is_empty(), "{name}");
        assert_eq!(errs[0].kind, ErrorKind::Empty, "{name}: {}", errs[0]);
        assert!(
            errs[0]
                .to_string()
                .contains(&format!("{name}: empty document")),
            "{}",
            errs[0]
        );
    }
}

#[test]
fn oversized_documents() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("huge.txt");
    let f = std::fs::File::create(&p).unwrap();
    f.set_len(3 << 30).unwrap(); // sparse: takes no disk space
    let t = Instant::now();
    let (_, errs) = split(read_path(&p));
    assert!(t.elapsed().as_secs() < 2, "must not read the file");
    assert_eq!(errs[0].kind, ErrorKind::TooLarge);
    assert!(
        errs[0]
            .to_string()
            .contains("huge.txt: document is 3221225472 bytes, above the limit of 33554432 bytes"),
        "{}",
        errs[0]
    );

    // A row above a small limit, between good rows.
    let p = dir.path().join("rows.jsonl");
    std::fs::write(
        &p,
        format!(
            "{{\"text\":\"ok\"}}\n{{\"text\":\"{}\"}}\n{{\"text\":\"ok too\"}}\n",
            "x".repeat(5000)
        ),
    )
    .unwrap();
    let opts = ReadOptions {
        max_doc_bytes: 1000,
        ..Default::default()
    };
    let all: Vec<_> = read_inputs(vec![InputSpec::Path(p)], opts).collect();
    assert_eq!(all.len(), 3);
    assert_eq!(all[1].as_ref().unwrap_err().kind, ErrorKind::TooLarge);
    assert!(all[2].is_ok());
}

#[test]
fn unknown_format() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("scan.bin");
    std::fs::write(&p, b"%PDF-1.7\n\x00\x01\x02\x03binary").unwrap();
    let (docs, errs) = split(read_path(&p));
    assert!(docs.is_empty());
    assert_eq!(errs[0].kind, ErrorKind::UnknownFormat);
    assert!(
        errs[0]
            .to_string()
            .starts_with(&format!("{}: unknown format", p.display())),
        "{}",
        errs[0]
    );

    let e = "pdf".parse::<Format>().unwrap_err();
    assert!(
        e.contains("unknown format \"pdf\"") && e.contains("warc"),
        "{e}"
    );
    assert_eq!("WARC".parse::<Format>(), Ok(Format::Warc));

    // Not a feed although named like one.
    let p = dir.path().join("broken.rss");
    std::fs::write(&p, "this is not xml").unwrap();
    let (_, errs) = split(read_path(&p));
    assert_eq!(errs[0].kind, ErrorKind::Malformed);
    assert!(
        errs[0].message.contains("not a valid RSS/Atom feed"),
        "{}",
        errs[0]
    );
}

#[test]
fn lying_content_length_does_not_allocate_it() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("liar.warc");
    std::fs::write(&p, "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999999999999999\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>x</p>").unwrap();
    let opts = ReadOptions {
        max_doc_bytes: usize::MAX,
        ..Default::default()
    };
    let all: Vec<_> = read_inputs(vec![InputSpec::Path(p)], opts).collect();
    assert_eq!(all.len(), 1);
    let e = all[0].as_ref().unwrap_err();
    assert_eq!(e.kind, ErrorKind::Truncated);
    assert!(
        e.to_string()
            .contains("liar.warc#record 1: record body truncated"),
        "{e}"
    );
}

#[test]
fn absurdly_deep_html_is_refused_not_crashed_on() {
    // 50,000 nested <b> overflowed the extractor's stack and aborted the
    // process; 10,000 nested <div> took 23 s. Both are refused up front, and
    // the page beside them still reads.
    let dir = tempfile::tempdir().unwrap();
    let deep = dir.path().join("deep.html");
    let body = "<b>".repeat(50_000) + "The UN said 82 civilians were killed." + &"</b>".repeat(50_000);
    std::fs::write(&deep, format!("<html><body><article>{body}</article></body></html>")).unwrap();
    let fine = dir.path().join("fine.html");
    let para = "<p>The UN said at least 82 civilians were killed in the eastern districts on Monday.</p>".repeat(20);
    std::fs::write(&fine, format!("<html><head><title>Aleppo</title></head><body><article>{para}</article></body></html>")).unwrap();
    let t = Instant::now();
    let (none, errs) = split(read_path(&deep));
    let (docs, fine_errs) = split(read_path(&fine));
    assert!(none.is_empty() && fine_errs.is_empty(), "{fine_errs:?}");
    assert!(t.elapsed().as_secs() < 20, "took {:?}", t.elapsed());
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].kind, ErrorKind::Extraction);
    assert!(errs[0].to_string().contains("deep.html") && errs[0].to_string().contains("nested more than 1000 levels"), "{}", errs[0]);
    assert_eq!(docs.len(), 1);
    assert!(docs[0].text.contains("82 civilians"));
}
