//! Batch writes: one IMMEDIATE transaction per batch, so a batch is applied
//! whole or not at all, and a process killed mid-batch leaves the previous
//! state. Ids and content hashes are UNIQUE in the schema, so no interleaving
//! can store a document twice.

use super::{cluster, fts, meta_from_row, parse_meta};
use crate::error::{Ctx, StoreError};
use crate::types::{BatchOutcome, Duplicate};
use corroborate_model::{Document, Meta};
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};

const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/// Analyses to store with a batch: (kind, schema, one JSON text per document).
pub(super) type BatchAnalyses<'a> = Option<(&'a str, u32, &'a [String])>;

pub(super) fn put_batch(
    conn: &mut Connection,
    path: &str,
    docs: &[Document],
    analyses: BatchAnalyses<'_>,
) -> Result<BatchOutcome, StoreError> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .ctx(path, || "starting batch transaction".into())?;
    let mut out = BatchOutcome::default();
    for (index, doc) in docs.iter().enumerate() {
        put_one(&tx, path, index, doc, &mut out)?;
        if let Some((kind, schema, jsons)) = analyses {
            if let Some(json) = jsons.get(index) {
                put_analysis(&tx, path, index, doc, kind, schema, json)?;
            }
        }
    }
    tx.commit().ctx(path, || format!("committing batch of {}", docs.len()))?;
    Ok(out)
}

fn put_one(tx: &Transaction<'_>, path: &str, index: usize, doc: &Document, out: &mut BatchOutcome) -> Result<(), StoreError> {
    let reject = |reason: &str| StoreError::InvalidDocument {
        path: path.to_string(),
        index,
        id: doc.id.clone(),
        reason: reason.to_string(),
    };
    if doc.id.trim().is_empty() {
        return Err(reject("empty id"));
    }
    if u32::try_from(doc.text.len()).is_err() {
        return Err(reject("text longer than 4 GiB (spans are u32 byte offsets)"));
    }
    let id = doc.id.as_str();
    let hash = blake3::hash(doc.text.as_bytes()).to_hex().to_string();

    // 1. The id is a canonical id.
    let canonical = tx
        .prepare_cached(
            "SELECT pk, content_hash, title, outlet, published, author, url, fetched, origin, format
             FROM docs WHERE id = ?1",
        )
        .and_then(|mut s| s.query_row([id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, meta_from_row(r, 2)?))).optional())
        .ctx(path, || format!("looking up {id:?}"))?;
    if let Some((pk, old_hash, old_meta)) = canonical {
        if old_hash == hash {
            if old_meta == doc.meta {
                out.unchanged.push(doc.id.clone());
            } else {
                update_meta(tx, path, pk, &doc.meta)?;
                out.updated.push(doc.id.clone());
            }
            return Ok(());
        }
        detach(tx, path, pk)?;
        attach(tx, path, doc, &hash)?;
        out.updated.push(doc.id.clone());
        return Ok(());
    }

    // 2. The id is an alias of a stored text.
    // Two simple look-ups rather than a join: with STAT4 (bundled SQLite) the
    // join was re-prepared on every execution.
    let alias = tx
        .prepare_cached("SELECT doc, meta_json FROM aliases WHERE alias = ?1")
        .and_then(|mut s| s.query_row([id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))).optional())
        .ctx(path, || format!("looking up alias {id:?}"))?;
    if let Some((row, meta_json)) = alias {
        let row_hash: String = tx
            .prepare_cached("SELECT content_hash FROM docs WHERE pk = ?1")
            .and_then(|mut s| s.query_row([row], |r| r.get(0)))
            .ctx(path, || format!("reading the document aliased by {id:?}"))?;
        if row_hash == hash {
            // An unreadable stored meta counts as different: it gets rewritten.
            if parse_meta(&meta_json, path, id).ok().as_ref() == Some(&doc.meta) {
                out.unchanged.push(doc.id.clone());
            } else {
                tx.prepare_cached("UPDATE aliases SET outlet = ?2, meta_json = ?3 WHERE alias = ?1")
                    .and_then(|mut s| s.execute(params![id, doc.meta.outlet, meta_json_of(&doc.meta)]))
                    .ctx(path, || format!("updating alias {id:?}"))?;
                out.updated.push(doc.id.clone());
            }
            return Ok(());
        }
        tx.prepare_cached("DELETE FROM aliases WHERE alias = ?1")
            .and_then(|mut s| s.execute([id]))
            .ctx(path, || format!("removing alias {id:?}"))?;
        attach(tx, path, doc, &hash)?;
        out.updated.push(doc.id.clone());
        return Ok(());
    }

    // 3. A new id.
    match attach(tx, path, doc, &hash)? {
        None => out.inserted += 1,
        Some(of) => out.duplicates.push(Duplicate { id: doc.id.clone(), of }),
    }
    Ok(())
}

/// Stores the analysis of the document just written (by id or alias); an
/// identical stored analysis is not rewritten.
fn put_analysis(
    tx: &Transaction<'_>,
    path: &str,
    index: usize,
    doc: &Document,
    kind: &str,
    schema: u32,
    json: &str,
) -> Result<(), StoreError> {
    if let Err(source) = serde_json::from_str::<serde::de::IgnoredAny>(json) {
        return Err(StoreError::InvalidJson { path: path.into(), id: doc.id.clone(), kind: kind.into(), source });
    }
    let id = doc.id.as_str();
    let pk: Option<i64> = tx
        .prepare_cached(
            "SELECT pk FROM docs WHERE id = ?1 UNION ALL SELECT doc FROM aliases WHERE alias = ?1 LIMIT 1",
        )
        .and_then(|mut s| s.query_row([id], |r| r.get(0)).optional())
        .ctx(path, || format!("looking up {id:?} for its analysis"))?;
    let Some(pk) = pk else {
        return Err(StoreError::InvalidDocument {
            path: path.into(),
            index,
            id: doc.id.clone(),
            reason: "document vanished before its analysis was stored".into(),
        });
    };
    tx.prepare_cached(
        "INSERT INTO analysis(doc, kind, schema, json, updated_at) VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
         ON CONFLICT(doc, kind) DO UPDATE SET schema = excluded.schema, json = excluded.json, updated_at = excluded.updated_at
         WHERE analysis.json IS NOT excluded.json OR analysis.schema IS NOT excluded.schema",
    )
    .and_then(|mut s| s.execute(params![pk, kind, schema, json]))
    .ctx(path, || format!("storing analysis {kind:?} of {id:?}"))?;
    Ok(())
}

fn meta_json_of(meta: &Meta) -> String {
    // Serialising a struct of strings cannot fail; fall back to an empty object regardless.
    serde_json::to_string(meta).unwrap_or_else(|_| "{}".to_string())
}

fn update_meta(tx: &Transaction<'_>, path: &str, pk: i64, m: &Meta) -> Result<(), StoreError> {
    fts::delete(tx, path, pk)?;
    tx.prepare_cached(
        "UPDATE docs SET title = ?2, outlet = ?3, published = ?4, author = ?5, url = ?6, fetched = ?7,
                         origin = ?8, format = ?9 WHERE pk = ?1",
    )
    .and_then(|mut s| s.execute(params![pk, m.title, m.outlet, m.published, m.author, m.url, m.fetched, m.origin, m.format]))
    .ctx(path, || format!("updating metadata of document #{pk}"))?;
    fts::reindex(tx, path, pk)
}

/// Stores `doc` under its (currently unused) id. Returns the canonical id of
/// the document holding the same text when it became an alias.
fn attach(tx: &Transaction<'_>, path: &str, doc: &Document, hash: &str) -> Result<Option<String>, StoreError> {
    let id = doc.id.as_str();
    let same_text = tx
        .prepare_cached("SELECT pk, id FROM docs WHERE content_hash = ?1")
        .and_then(|mut s| s.query_row([hash], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))).optional())
        .ctx(path, || format!("looking up the content hash of {id:?}"))?;
    if let Some((pk, canonical)) = same_text {
        tx.prepare_cached(&format!(
            "INSERT INTO aliases(alias, doc, outlet, meta_json, ingested_at) VALUES (?1, ?2, ?3, ?4, {NOW})"
        ))
        .and_then(|mut s| s.execute(params![id, pk, doc.meta.outlet, meta_json_of(&doc.meta)]))
        .ctx(path, || format!("recording {id:?} as an alias of {canonical:?}"))?;
        return Ok(Some(canonical));
    }

    let near = cluster::Fingerprint::of(&doc.text);
    let target = cluster::find_cluster(tx, path, &near)?;
    // Choosing the row id up front lets a new singleton cluster be named
    // after its row in the INSERT itself (no second write).
    let pk: i64 = tx
        .prepare_cached("SELECT coalesce(max(pk), 0) + 1 FROM docs")
        .and_then(|mut s| s.query_row([], |r| r.get(0)))
        .ctx(path, || "allocating a row id".into())?;
    let m = &doc.meta;
    tx.prepare_cached(&format!(
        "INSERT INTO docs(pk, id, content_hash, text, bytes, title, outlet, published, author, url, fetched,
                          origin, format, ingested_at, cluster, minhash)
         VALUES (?15, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, {NOW}, ?13, ?14)"
    ))
    .and_then(|mut s| {
        s.execute(params![
            id,
            hash,
            doc.text,
            doc.text.len() as i64,
            m.title,
            m.outlet,
            m.published,
            m.author,
            m.url,
            m.fetched,
            m.origin,
            m.format,
            target.unwrap_or(pk),
            near.signature_bytes(),
            pk,
        ])
    })
    .ctx(path, || format!("inserting document {id:?}"))?;
    fts::insert(tx, path, pk, m.title.as_deref(), &doc.text)?;
    cluster::index(tx, path, pk, &near)?;
    Ok(None)
}

/// Takes a text row away from its canonical id (whose content changed): the
/// oldest alias becomes canonical, or, with no alias, the row is deleted.
fn detach(tx: &Transaction<'_>, path: &str, pk: i64) -> Result<(), StoreError> {
    let oldest = tx
        .prepare_cached("SELECT alias, meta_json FROM aliases WHERE doc = ?1 ORDER BY ingested_at, alias LIMIT 1")
        .and_then(|mut s| s.query_row([pk], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))).optional())
        .ctx(path, || format!("reading aliases of document #{pk}"))?;
    if let Some((alias, meta_json)) = oldest {
        let meta = parse_meta(&meta_json, path, &alias)?;
        tx.prepare_cached("DELETE FROM aliases WHERE alias = ?1")
            .and_then(|mut s| s.execute([&alias]))
            .ctx(path, || format!("promoting alias {alias:?}"))?;
        tx.prepare_cached("UPDATE docs SET id = ?2 WHERE pk = ?1")
            .and_then(|mut s| s.execute(params![pk, alias]))
            .ctx(path, || format!("promoting alias {alias:?}"))?;
        return update_meta(tx, path, pk, &meta);
    }
    cluster::remove(tx, path, pk)
}
