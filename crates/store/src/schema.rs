//! Versioned schema migrations. `PRAGMA user_version` holds the number of
//! steps applied; each step runs in its own transaction together with the
//! version bump, so a crash leaves the database at a whole version.

use crate::error::{Ctx, StoreError};
use rusqlite::{Connection, TransactionBehavior};

/// Ordered migration steps; never edit a released step, append a new one.
pub const MIGRATIONS: &[&str] = &[
    // v1: documents, aliases, LSH bands, analyses, FTS5.
    r#"
    -- The text comes last: columns after a large value would sit on its
    -- overflow pages, and the clustering reads `cluster`/`minhash` often.
    CREATE TABLE docs (
        pk           INTEGER PRIMARY KEY,
        id           TEXT NOT NULL UNIQUE,
        content_hash TEXT NOT NULL UNIQUE,
        bytes        INTEGER NOT NULL,
        cluster      INTEGER NOT NULL DEFAULT 0,
        minhash      BLOB,
        title        TEXT,
        outlet       TEXT,
        published    TEXT,
        author       TEXT,
        url          TEXT,
        fetched      TEXT,
        origin       TEXT NOT NULL,
        format       TEXT NOT NULL,
        ingested_at  TEXT NOT NULL,
        text         TEXT NOT NULL
    );
    CREATE INDEX docs_cluster ON docs(cluster);
    CREATE INDEX docs_published ON docs(published);

    -- Other ids under which an identical text arrived.
    CREATE TABLE aliases (
        alias       TEXT PRIMARY KEY,
        doc         INTEGER NOT NULL REFERENCES docs(pk) ON DELETE CASCADE,
        outlet      TEXT,
        meta_json   TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX aliases_doc ON aliases(doc);

    -- LSH band keys; rows are deleted explicitly (keys recomputed from the
    -- stored signature), so no foreign key and no index on doc is needed.
    CREATE TABLE lsh (
        key INTEGER NOT NULL,
        doc INTEGER NOT NULL,
        PRIMARY KEY (key, doc)
    ) WITHOUT ROWID;

    CREATE TABLE analysis (
        doc        INTEGER NOT NULL REFERENCES docs(pk) ON DELETE CASCADE,
        kind       TEXT NOT NULL,
        schema     INTEGER NOT NULL,
        json       TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (doc, kind)
    ) WITHOUT ROWID;

    CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

    -- External-content FTS5 index over docs(title, text), written explicitly
    -- by the store in the same transaction as docs (not by triggers: a
    -- trigger makes every statement a savepoint, and FTS5 flushes its
    -- in-memory index at each savepoint, which made inserts 3x slower).
    CREATE VIRTUAL TABLE docs_fts USING fts5(
        title, text,
        content = 'docs', content_rowid = 'pk',
        tokenize = 'porter unicode61 remove_diacritics 2'
    );
    "#,
];

/// Brings the database up to the latest version, or refuses a newer one.
/// The version is re-read inside each write transaction, so two processes
/// opening a fresh file at once do not both apply a step.
pub fn migrate(conn: &mut Connection, path: &str) -> Result<i64, StoreError> {
    let known = MIGRATIONS.len() as i64;
    // Fast path without a write lock, so opening a store that a long ingest
    // is writing to does not wait for it.
    let current: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .ctx(path, || "reading schema version".into())?;
    if current > known {
        return Err(StoreError::TooNew { path: path.to_string(), found: current, known });
    }
    if current == known {
        return Ok(known);
    }
    loop {
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .ctx(path, || "starting schema migration".into())?;
        let found: i64 = tx
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .ctx(path, || "reading schema version".into())?;
        if found > known {
            return Err(StoreError::TooNew { path: path.to_string(), found, known });
        }
        if found == 0 {
            refuse_foreign(&tx, path)?;
        }
        let Some(sql) = MIGRATIONS.get(found.max(0) as usize) else {
            return Ok(known);
        };
        let version = found.max(0) + 1;
        tx.execute_batch(sql).ctx(path, || format!("migrating to schema v{version}"))?;
        tx.pragma_update(None, "user_version", version)
            .ctx(path, || format!("recording schema v{version}"))?;
        tx.commit().ctx(path, || format!("committing schema v{version}"))?;
    }
}

/// A database at version 0 must be empty: refuse to add our tables to some
/// other application's SQLite file.
pub fn refuse_foreign(conn: &Connection, path: &str) -> Result<(), StoreError> {
    let objects: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'", [], |r| r.get(0))
        .ctx(path, || "inspecting the schema".into())?;
    if objects > 0 {
        return Err(StoreError::NotADatabase {
            path: path.to_string(),
            detail: format!("a SQLite database with {objects} tables/indexes of another program, not a corroborate store"),
        });
    }
    Ok(())
}
