//! The embedded SQLite backend: opening and configuring the file, and the
//! read side of [`Store`]. Writes live in `sqlite/write.rs`, clustering in
//! `sqlite/cluster.rs`.

mod browse;
pub use browse::DocSummary;
mod cluster;
mod fts;
mod write;

use crate::error::{Ctx, StoreError};
use crate::types::{Alias, Analysis, BatchOutcome, Cluster, ClusterMember, SearchHit, Stats, StoredDoc};
use crate::{neardup, query, schema, Store, SNIPPET_CLOSE, SNIPPET_OPEN};
use corroborate_model::{Document, Meta};
use rusqlite::{params, Connection, ErrorCode, OptionalExtension, Row};
use std::io::Read;
use std::path::Path;
use std::time::Duration;

/// How long a writer waits for another process's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);
const MEMORY: &str = ":memory:";

/// One SQLite file (or an in-memory database) holding the corpus.
pub struct SqliteStore {
    conn: Connection,
    /// Shown in every error.
    path: String,
    /// Up to this many stored documents a phrase search is ranked by bm25 (see `search`).
    phrase_bm25_rows: i64,
}

/// Columns read by [`doc_from_row`], in order.
const DOC_COLUMNS: &str =
    "pk, id, content_hash, text, title, outlet, published, author, url, fetched, origin, format, ingested_at, cluster";

impl SqliteStore {
    /// Opens (creating if missing) the store at `path`. The parent directory
    /// must exist. A file that is not a SQLite database is refused unmodified.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        let path = path.as_ref();
        let shown = path.display().to_string();
        if let Some(dir) = path.parent() {
            if !dir.as_os_str().is_empty() && !dir.is_dir() {
                return Err(StoreError::MissingDirectory { path: shown, dir: dir.display().to_string() });
            }
        }
        check_header(path, &shown)?;
        let conn = Connection::open(path).ctx(&shown, || "opening database".into())?;
        Self::setup(conn, shown)
    }

    /// A private, empty in-memory store (tests, one-shot runs).
    pub fn open_in_memory() -> Result<Self, StoreError> {
        let conn = Connection::open_in_memory().ctx(MEMORY, || "opening in-memory database".into())?;
        Self::setup(conn, MEMORY.to_string())
    }

    /// The path shown in errors (`:memory:` for in-memory stores).
    pub fn path(&self) -> &str {
        &self.path
    }

    fn setup(mut conn: Connection, path: String) -> Result<Self, StoreError> {
        conn.busy_timeout(BUSY_TIMEOUT).ctx(&path, || "setting busy timeout".into())?;
        // Read before anything writes: a non-database fails here, untouched.
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))
            .map_err(|e| match e.sqlite_error_code() {
                Some(ErrorCode::NotADatabase) => {
                    StoreError::NotADatabase { path: path.clone(), detail: e.to_string() }
                }
                _ => StoreError::Sqlite { path: path.clone(), action: "reading schema".into(), source: e },
            })?;
        // Before anything writes (even the WAL switch): an unversioned
        // database must be empty, not another program's.
        // One read transaction, so a concurrent first open's migration is seen
        // whole or not at all (never its tables without its version).
        {
            let tx = conn.transaction().ctx(&path, || "starting the schema check".into())?;
            let version: i64 = tx
                .pragma_query_value(None, "user_version", |r| r.get(0))
                .ctx(&path, || "reading schema version".into())?;
            if version == 0 {
                schema::refuse_foreign(&tx, &path)?;
            }
            tx.commit().ctx(&path, || "ending the schema check".into())?;
        }
        // The switch to WAL needs the database to itself, and SQLite answers BUSY at
        // once (without the busy handler) when another first open is switching too:
        // retry within the busy timeout rather than fail a concurrent open.
        let started = std::time::Instant::now();
        loop {
            match conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0)) {
                Ok(_) => break,
                Err(e) if e.sqlite_error_code() == Some(ErrorCode::DatabaseBusy) && started.elapsed() < BUSY_TIMEOUT => {
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                Err(e) => return Err(StoreError::Sqlite { path: path.clone(), action: "enabling WAL journal".into(), source: e }),
            }
        }
        conn.pragma_update(None, "synchronous", "NORMAL").ctx(&path, || "setting synchronous".into())?;
        // 32 MiB page cache (default 2 MiB): the LSH and id indexes are hit at random.
        conn.pragma_update(None, "cache_size", -32768).ctx(&path, || "setting cache size".into())?;
        conn.pragma_update(None, "foreign_keys", "ON").ctx(&path, || "enabling foreign keys".into())?;
        conn.set_prepared_statement_cache_capacity(64);
        schema::migrate(&mut conn, &path)?;
        check_neardup_params(&conn, &path)?;
        Ok(SqliteStore { conn, path, phrase_bm25_rows: PHRASE_BM25_ROWS })
    }

    fn resolve(&self, id: &str) -> Result<Option<i64>, StoreError> {
        resolve(&self.conn, &self.path, id)
    }

    fn load(&self, pk: i64) -> Result<Option<StoredDoc>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {DOC_COLUMNS} FROM docs WHERE pk = ?1"))
            .ctx(&self.path, || "preparing document read".into())?;
        let doc = stmt
            .query_row([pk], doc_from_row)
            .optional()
            .ctx(&self.path, || format!("reading document #{pk}"))?;
        match doc {
            Some((pk, mut d)) => {
                d.aliases = self.aliases_of(pk, &d.id)?;
                Ok(Some(d))
            }
            None => Ok(None),
        }
    }

    fn aliases_of(&self, pk: i64, id: &str) -> Result<Vec<Alias>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT alias, meta_json, ingested_at FROM aliases WHERE doc = ?1 ORDER BY ingested_at, alias")
            .ctx(&self.path, || "preparing alias read".into())?;
        let rows = stmt
            .query_map([pk], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))
            .ctx(&self.path, || format!("reading aliases of {id:?}"))?;
        let mut out = Vec::new();
        for row in rows {
            let (alias, meta_json, ingested_at) = row.ctx(&self.path, || format!("reading aliases of {id:?}"))?;
            let meta = parse_meta(&meta_json, &self.path, &alias)?;
            out.push(Alias { id: alias, meta, ingested_at });
        }
        Ok(out)
    }
}

/// Refuses, without opening it through SQLite, a non-empty file whose header
/// is not SQLite's: opening it would otherwise create `-wal`/`-shm` files.
fn check_header(path: &Path, shown: &str) -> Result<(), StoreError> {
    const MAGIC: &[u8; 16] = b"SQLite format 3\0";
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(StoreError::NotADatabase { path: shown.to_string(), detail: e.to_string() }),
    };
    let mut head = Vec::with_capacity(16);
    (&mut file)
        .take(16)
        .read_to_end(&mut head)
        .map_err(|e| StoreError::NotADatabase { path: shown.to_string(), detail: e.to_string() })?;
    if head.is_empty() || head.as_slice() == MAGIC {
        Ok(())
    } else {
        Err(StoreError::NotADatabase {
            path: shown.to_string(),
            detail: "the file does not start with the SQLite header".into(),
        })
    }
}

/// Records the near-duplicate parameters on first use; refuses a store whose
/// signatures were computed differently.
fn check_neardup_params(conn: &Connection, path: &str) -> Result<(), StoreError> {
    let read = || {
        conn.query_row("SELECT value FROM store_meta WHERE key = 'neardup'", [], |r| r.get::<_, String>(0))
            .optional()
            .ctx(path, || "reading near-duplicate parameters".into())
    };
    let found = match read()? {
        Some(found) => found,
        None => {
            conn.execute("INSERT OR IGNORE INTO store_meta(key, value) VALUES ('neardup', ?1)", [neardup::PARAMS_TAG])
                .ctx(path, || "recording near-duplicate parameters".into())?;
            read()?.unwrap_or_default()
        }
    };
    if found != neardup::PARAMS_TAG {
        return Err(StoreError::IncompatibleIndex {
            path: path.to_string(),
            found,
            expected: neardup::PARAMS_TAG.to_string(),
        });
    }
    Ok(())
}

/// Row id of a canonical id or alias.
pub(crate) fn resolve(conn: &Connection, path: &str, id: &str) -> Result<Option<i64>, StoreError> {
    let mut stmt = conn
        .prepare_cached("SELECT pk FROM docs WHERE id = ?1 UNION ALL SELECT doc FROM aliases WHERE alias = ?1 LIMIT 1")
        .ctx(path, || "preparing id look-up".into())?;
    stmt.query_row([id], |r| r.get(0)).optional().ctx(path, || format!("looking up {id:?}"))
}

pub(crate) fn parse_meta(json: &str, path: &str, id: &str) -> Result<Meta, StoreError> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt {
        path: path.to_string(),
        what: format!("metadata of alias {id:?} is not valid: {e}"),
    })
}

/// Meta as stored in the `docs` columns `title..format` starting at `first`.
pub(crate) fn meta_from_row(r: &Row<'_>, first: usize) -> rusqlite::Result<Meta> {
    Ok(Meta {
        title: r.get(first)?,
        outlet: r.get(first + 1)?,
        published: r.get(first + 2)?,
        author: r.get(first + 3)?,
        url: r.get(first + 4)?,
        fetched: r.get(first + 5)?,
        origin: r.get(first + 6)?,
        format: r.get(first + 7)?,
    })
}

/// Reads [`DOC_COLUMNS`]; aliases are filled in by the caller.
fn doc_from_row(r: &Row<'_>) -> rusqlite::Result<(i64, StoredDoc)> {
    Ok((
        r.get(0)?,
        StoredDoc {
            id: r.get(1)?,
            aliases: Vec::new(),
            content_hash: r.get(2)?,
            text: r.get(3)?,
            meta: meta_from_row(r, 4)?,
            ingested_at: r.get(12)?,
            cluster: r.get(13)?,
        },
    ))
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// Default of `SqliteStore::phrase_bm25_rows`.
const PHRASE_BM25_ROWS: i64 = 20_000;

impl Store for SqliteStore {
    fn put_batch(&mut self, docs: &[Document]) -> Result<BatchOutcome, StoreError> {
        write::put_batch(&mut self.conn, &self.path, docs, None)
    }

    fn put_batch_with(
        &mut self,
        docs: &[Document],
        kind: &str,
        schema: u32,
        jsons: &[String],
    ) -> Result<BatchOutcome, StoreError> {
        if jsons.len() != docs.len() {
            return Err(StoreError::InvalidDocument {
                path: self.path.clone(),
                index: jsons.len().min(docs.len()),
                id: String::new(),
                reason: format!("{} analyses given for {} documents", jsons.len(), docs.len()),
            });
        }
        write::put_batch(&mut self.conn, &self.path, docs, Some((kind, schema, jsons)))
    }

    fn get(&self, id: &str) -> Result<Option<StoredDoc>, StoreError> {
        match self.resolve(id)? {
            Some(pk) => self.load(pk),
            None => Ok(None),
        }
    }

    fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        let expr = query::fts_query(query)?;
        if limit == 0 {
            return Ok(Vec::new());
        }
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let ctx = || format!("searching for {query:?}");
        // Ranking is the cost, so bound what gets ranked: the rowid of the
        // SEARCH_CANDIDATES-th newest match (walking the doclist backwards,
        // no ranking) is the floor for the ranked query.
        let offset = i64::try_from(crate::SEARCH_CANDIDATES.saturating_sub(1)).unwrap_or(i64::MAX);
        let floor: i64 = self
            .conn
            .prepare_cached("SELECT rowid FROM docs_fts WHERE docs_fts MATCH ?1 ORDER BY rowid DESC LIMIT 1 OFFSET ?2")
            .and_then(|mut st| st.query_row(params![expr, offset], |r| r.get(0)).optional())
            .ctx(&self.path, ctx)?
            .unwrap_or(0);
        // Snippets are made afterwards for the hits only: asked for in the
        // ranked query, SQLite builds one for every candidate before sorting.
        // bm25 of a phrase first counts the rows holding it, a pass over every
        // row with all its words (~100 ms at 100k documents, whatever the
        // candidates). Past PHRASE_BM25_ROWS stored documents a phrase search
        // orders its candidates by matches in the title, then newest first
        // (the score is then the number of matches in the title).
        let rows: i64 = self
            .conn
            .query_row("SELECT coalesce(max(rowid), 0) FROM docs_fts", [], |r| r.get(0))
            .ctx(&self.path, ctx)?;
        let by_recency = query::has_phrase(query)? && rows > self.phrase_bm25_rows;
        let sql = if by_recency {
            "SELECT rowid, length(highlight(docs_fts, 0, char(1), '')) - length(title) AS t FROM docs_fts
             WHERE docs_fts MATCH ?1 AND rowid >= ?2 ORDER BY t DESC, rowid DESC LIMIT ?3"
        } else {
            "SELECT rowid, -bm25(docs_fts, 3.0, 1.0) AS score FROM docs_fts
             WHERE docs_fts MATCH ?1 AND rowid >= ?2 ORDER BY score DESC LIMIT ?3"
        };
        let ranked: Vec<(i64, f64)> = self
            .conn
            .prepare_cached(sql)
            .and_then(|mut st| {
                st.query_map(params![expr, floor, limit], |r| Ok((r.get(0)?, r.get::<_, f64>(1)?)))?
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .ctx(&self.path, ctx)?;
        let mut hits = Vec::with_capacity(ranked.len());
        let mut snip = self
            .conn
            .prepare_cached(
                "SELECT d.id, d.title, d.outlet, d.published, snippet(docs_fts, -1, ?3, ?4, '…', 16)
                 FROM docs_fts JOIN docs d ON d.pk = docs_fts.rowid
                 WHERE docs_fts MATCH ?1 AND docs_fts.rowid = ?2",
            )
            .ctx(&self.path, ctx)?;
        for (rowid, rank) in ranked {
            let hit = snip
                .query_row(params![expr, rowid, SNIPPET_OPEN, SNIPPET_CLOSE], |r| {
                    Ok(SearchHit {
                        id: r.get(0)?,
                        title: r.get(1)?,
                        outlet: r.get(2)?,
                        published: r.get(3)?,
                        score: rank,
                        snippet: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                    })
                })
                .optional()
                .ctx(&self.path, ctx)?;
            hits.extend(hit);
        }
        Ok(hits)
    }

    fn count_matches(&self, query: &str, cap: usize) -> Result<usize, StoreError> {
        let expr = query::fts_query(query)?;
        let cap = i64::try_from(cap).unwrap_or(i64::MAX);
        self.conn
            .prepare_cached("SELECT count(*) FROM (SELECT rowid FROM docs_fts WHERE docs_fts MATCH ?1 LIMIT ?2)")
            .and_then(|mut st| st.query_row(params![expr, cap], |r| r.get::<_, i64>(0)))
            .map(|n| usize::try_from(n).unwrap_or(0))
            .ctx(&self.path, || format!("counting matches for {query:?}"))
    }

    fn stats(&self) -> Result<Stats, StoreError> {
        let p = &self.path;
        let (documents, text_bytes, first, last): (i64, i64, Option<String>, Option<String>) = self
            .conn
            .query_row("SELECT count(*), coalesce(sum(bytes), 0), min(published), max(published) FROM docs", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .ctx(p, || "counting documents".into())?;
        let aliases: i64 =
            self.conn.query_row("SELECT count(*) FROM aliases", [], |r| r.get(0)).ctx(p, || "counting aliases".into())?;
        let (clusters, clustered): (i64, i64) = self
            .conn
            .query_row(
                "SELECT count(*), coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM docs GROUP BY cluster HAVING n > 1)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .ctx(p, || "counting clusters".into())?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT outlet, count(*) AS n FROM (SELECT outlet FROM docs UNION ALL SELECT outlet FROM aliases)
                 GROUP BY outlet ORDER BY n DESC, outlet",
            )
            .ctx(p, || "preparing outlet counts".into())?;
        let outlets = stmt
            .query_map([], |r| Ok((r.get::<_, Option<String>>(0)?, count(r.get(1)?))))
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .ctx(p, || "counting outlets".into())?;
        let schema_version: i64 =
            self.conn.pragma_query_value(None, "user_version", |r| r.get(0)).ctx(p, || "reading schema version".into())?;
        Ok(Stats {
            documents: count(documents),
            aliases: count(aliases),
            text_bytes: count(text_bytes),
            outlets,
            published_range: first.zip(last),
            clusters: count(clusters),
            clustered_documents: count(clustered),
            schema_version,
        })
    }

    fn for_each_id(&self, f: &mut dyn FnMut(&str) -> Result<(), StoreError>) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare("SELECT id FROM docs ORDER BY pk").ctx(&self.path, || "listing ids".into())?;
        let mut rows = stmt.query([]).ctx(&self.path, || "listing ids".into())?;
        while let Some(row) = rows.next().ctx(&self.path, || "listing ids".into())? {
            let id: String = row.get(0).ctx(&self.path, || "listing ids".into())?;
            f(&id)?;
        }
        Ok(())
    }

    fn for_each_document(&self, f: &mut dyn FnMut(StoredDoc) -> Result<(), StoreError>) -> Result<(), StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {DOC_COLUMNS} FROM docs ORDER BY pk"))
            .ctx(&self.path, || "listing documents".into())?;
        let mut rows = stmt.query([]).ctx(&self.path, || "listing documents".into())?;
        while let Some(row) = rows.next().ctx(&self.path, || "listing documents".into())? {
            let (pk, mut doc) = doc_from_row(row).ctx(&self.path, || "reading a document".into())?;
            doc.aliases = self.aliases_of(pk, &doc.id)?;
            f(doc)?;
        }
        Ok(())
    }

    fn clusters(&self, min_size: usize) -> Result<Vec<Cluster>, StoreError> {
        let p = &self.path;
        let min = i64::try_from(min_size.max(1)).unwrap_or(i64::MAX);
        let mut stmt = self
            .conn
            .prepare("SELECT cluster, count(*) AS n FROM docs GROUP BY cluster HAVING n >= ?1 ORDER BY n DESC, cluster")
            .ctx(p, || "listing clusters".into())?;
        let ids = stmt
            .query_map([min], |r| r.get::<_, i64>(0))
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .ctx(p, || "listing clusters".into())?;
        let mut members_stmt = self
            .conn
            .prepare(
                "SELECT pk, id, outlet, title, published FROM docs WHERE cluster = ?1
                 ORDER BY published IS NULL, published, id",
            )
            .ctx(p, || "preparing cluster members".into())?;
        let mut alias_stmt = self
            .conn
            .prepare_cached("SELECT alias FROM aliases WHERE doc = ?1 ORDER BY alias")
            .ctx(p, || "preparing alias list".into())?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let rows = members_stmt
                .query_map([id], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        ClusterMember {
                            id: r.get(1)?,
                            aliases: Vec::new(),
                            outlet: r.get(2)?,
                            title: r.get(3)?,
                            published: r.get(4)?,
                        },
                    ))
                })
                .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
                .ctx(p, || format!("reading cluster {id}"))?;
            let mut members = Vec::with_capacity(rows.len());
            for (pk, mut m) in rows {
                m.aliases = alias_stmt
                    .query_map([pk], |r| r.get(0))
                    .and_then(|rows| rows.collect::<rusqlite::Result<Vec<String>>>())
                    .ctx(p, || format!("reading aliases of {:?}", m.id))?;
                members.push(m);
            }
            out.push(Cluster { id, members });
        }
        Ok(out)
    }

    fn put_analysis(&mut self, id: &str, kind: &str, schema: u32, json: &str) -> Result<(), StoreError> {
        let Some(pk) = self.resolve(id)? else {
            return Err(StoreError::UnknownDocument { path: self.path.clone(), id: id.to_string() });
        };
        if let Err(source) = serde_json::from_str::<serde::de::IgnoredAny>(json) {
            return Err(StoreError::InvalidJson { path: self.path.clone(), id: id.into(), kind: kind.into(), source });
        }
        self.conn
            .prepare_cached(
                "INSERT INTO analysis(doc, kind, schema, json, updated_at)
                 VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
                 ON CONFLICT(doc, kind) DO UPDATE SET
                   schema = excluded.schema, json = excluded.json, updated_at = excluded.updated_at",
            )
            .and_then(|mut s| s.execute(params![pk, kind, schema, json]))
            .ctx(&self.path, || format!("storing analysis {kind:?} of {id:?}"))?;
        Ok(())
    }

    fn get_analysis(&self, id: &str, kind: &str) -> Result<Option<Analysis>, StoreError> {
        let Some(pk) = self.resolve(id)? else {
            return Ok(None);
        };
        self.conn
            .prepare_cached("SELECT schema, json, updated_at FROM analysis WHERE doc = ?1 AND kind = ?2")
            .and_then(|mut s| {
                s.query_row(params![pk, kind], |r| {
                    Ok(Analysis { schema: r.get(0)?, json: r.get(1)?, updated_at: r.get(2)? })
                })
                .optional()
            })
            .ctx(&self.path, || format!("reading analysis {kind:?} of {id:?}"))
    }
}

#[cfg(test)]
mod tests;
