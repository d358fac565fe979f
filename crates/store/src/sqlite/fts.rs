//! Keeps the external-content FTS5 index in step with `docs`. Every write to
//! `docs.title`/`docs.text` goes through here, inside the caller's transaction.

use crate::error::{Ctx, StoreError};
use rusqlite::{params, Transaction};

/// Indexes a freshly inserted row.
pub(super) fn insert(tx: &Transaction<'_>, path: &str, pk: i64, title: Option<&str>, text: &str) -> Result<(), StoreError> {
    tx.prepare_cached("INSERT INTO docs_fts(rowid, title, text) VALUES (?1, ?2, ?3)")
        .and_then(|mut s| s.execute(params![pk, title, text]))
        .ctx(path, || format!("indexing document #{pk} for search"))?;
    Ok(())
}

/// Re-indexes a row from its current `docs` values.
pub(super) fn reindex(tx: &Transaction<'_>, path: &str, pk: i64) -> Result<(), StoreError> {
    tx.prepare_cached("INSERT INTO docs_fts(rowid, title, text) SELECT pk, title, text FROM docs WHERE pk = ?1")
        .and_then(|mut s| s.execute([pk]))
        .ctx(path, || format!("re-indexing document #{pk} for search"))?;
    Ok(())
}

/// Removes a row from the index; call while `docs` still holds the indexed values.
pub(super) fn delete(tx: &Transaction<'_>, path: &str, pk: i64) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO docs_fts(docs_fts, rowid, title, text) SELECT 'delete', pk, title, text FROM docs WHERE pk = ?1",
    )
    .and_then(|mut s| s.execute([pk]))
    .ctx(path, || format!("removing document #{pk} from the search index"))?;
    Ok(())
}
