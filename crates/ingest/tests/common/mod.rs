//! Shared helpers for the integration tests.
#![allow(dead_code)]

use corroborate_ingest::{read_inputs, InputSpec, ReadError, ReadOptions};
use corroborate_model::Document;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

pub fn read_path(p: &Path) -> Vec<Result<Document, ReadError>> {
    read_inputs(
        vec![InputSpec::Path(p.to_path_buf())],
        ReadOptions::default(),
    )
    .collect()
}

pub fn split(all: Vec<Result<Document, ReadError>>) -> (Vec<Document>, Vec<ReadError>) {
    let mut docs = Vec::new();
    let mut errs = Vec::new();
    for r in all {
        match r {
            Ok(d) => docs.push(d),
            Err(e) => errs.push(e),
        }
    }
    (docs, errs)
}

/// One WARC record (headers + block + the two CRLFs that end it).
pub fn warc_record(warc_type: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2016-12-16T10:20:30Z\r\n\
         WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000000>\r\nContent-Type: {content_type}\r\n\
         Content-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

pub fn http_response(status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    r.extend_from_slice(body);
    r
}

/// Each record gzip-compressed as its own member, as Common Crawl writes WARC files.
pub fn gzip_members(records: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    for r in records {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(r).unwrap();
        out.extend(enc.finish().unwrap());
    }
    out
}

/// A small crawl: warcinfo, request, a 200 HTML article, a 404, an image, a Latin-1 page whose
/// charset is only in the HTTP header, and a WET-style conversion record.
pub fn sample_warc_records() -> Vec<Vec<u8>> {
    let article = std::fs::read(fixture("html/aleppo-hospital.html")).unwrap();
    let latin1 = "<html><head><title>Trêve à Alep</title></head><body><article><h1>Trêve à Alep</h1>\
        <p>Selon le Comité international de la Croix-Rouge, près de 7 500 personnes ont quitté les quartiers \
        assiégés de l'est d'Alep jeudi, au premier jour de l'évacuation négociée par la Russie et la Turquie.</p>\
        <p>« Nous espérons que l'évacuation se poursuivra toute la nuit », a déclaré une porte-parole à Genève, \
        précisant que des blessés figuraient parmi les évacués de la ville assiégée.</p></article></body></html>";
    let latin1: Vec<u8> = latin1.chars().map(|c| c as u32 as u8).collect();
    vec![
        warc_record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: test\r\n",
        ),
        warc_record(
            "request",
            "https://news.example.com/a",
            "application/http; msgtype=request",
            b"GET /a HTTP/1.1\r\n\r\n",
        ),
        warc_record(
            "response",
            "https://news.example.com/a",
            "application/http; msgtype=response",
            &http_response("200 OK", "text/html; charset=utf-8", &article),
        ),
        warc_record(
            "response",
            "https://news.example.com/missing",
            "application/http; msgtype=response",
            &http_response(
                "404 Not Found",
                "text/html",
                b"<html><body>not found</body></html>",
            ),
        ),
        warc_record(
            "response",
            "https://news.example.com/photo.jpg",
            "application/http; msgtype=response",
            &http_response(
                "200 OK",
                "image/jpeg",
                b"\xff\xd8\xff\xe0 not really a jpeg",
            ),
        ),
        warc_record(
            "response",
            "https://fr.example.com/treve",
            "application/http; msgtype=response",
            &http_response("200 OK", "text/html; charset=ISO-8859-1", &latin1),
        ),
        warc_record(
            "conversion",
            "https://wire.example.org/wet",
            "text/plain",
            "Truce holds in Homs\nThe truce held for a third day, residents said.".as_bytes(),
        ),
    ]
}
