//! Incremental near-duplicate clustering kept in the database.
//!
//! Each text row stores its MinHash signature and one `lsh` row per band key.
//! A new text looks up rows sharing any band key (an indexed look-up, so the
//! cost grows with the number of candidates, not the corpus), drops those
//! whose estimated Jaccard is below [`neardup::PREFILTER`], and confirms the
//! rest with the exact shingle Jaccard (≥ [`neardup::THRESHOLD`]) computed
//! from the stored text. Clusters are union-find components with eager
//! relabelling: every row carries its cluster id (the smallest row id among
//! the merged clusters' labels), and a merge relabels the absorbed clusters.

use crate::error::{Ctx, StoreError};
use crate::neardup;
use rusqlite::{params_from_iter, Transaction};
use std::collections::{BTreeMap, BTreeSet};

/// Upper bound on documents taken from one LSH bucket per look-up.
const MAX_PER_BAND: usize = 32;

/// Upper bound on candidates read per inserted document (most bands shared first).
const MAX_CANDIDATES: usize = 256;

/// Upper bound on exact Jaccard checks (a text read and re-shingled each) per
/// inserted document; candidates beyond it, least similar first, are skipped.
const MAX_EXACT_CHECKS: usize = 48;

/// The near-duplicate view of one text.
pub(super) struct Fingerprint {
    shingles: Vec<u64>,
    signature: Option<Vec<u32>>,
}

impl Fingerprint {
    pub(super) fn of(text: &str) -> Self {
        let shingles = neardup::shingles(text);
        let signature = neardup::signature(&shingles);
        Fingerprint { shingles, signature }
    }

    pub(super) fn signature_bytes(&self) -> Option<Vec<u8>> {
        self.signature.as_deref().map(neardup::signature_to_bytes)
    }
}

/// Candidates from one band, at most [`MAX_PER_BAND`] (newest): a template
/// copied hundreds of times fills its buckets, and reading whole buckets
/// would make each insert linear in the cluster size. (One statement per
/// band: a 64-way UNION ALL with per-branch LIMITs was 2.5x slower.)
const CANDIDATES_SQL: &str = "SELECT doc FROM lsh WHERE key = ?1 ORDER BY doc DESC LIMIT ?2";

/// The cluster a new text joins (merging every cluster it matches), or
/// `None` if it matches nothing and starts its own.
pub(super) fn find_cluster(tx: &Transaction<'_>, path: &str, fp: &Fingerprint) -> Result<Option<i64>, StoreError> {
    let Some(sig) = fp.signature.as_deref() else {
        return Ok(None);
    };
    let keys = neardup::band_keys(sig);
    // A document comes back once per shared band; more shared bands means
    // more similar, so candidates are examined most-shared first.
    let mut hits: Vec<i64> = Vec::new();
    tx.prepare_cached(CANDIDATES_SQL)
        .and_then(|mut s| {
            for key in &keys {
                let rows = s.query_map([*key, MAX_PER_BAND as i64], |r| r.get::<_, i64>(0))?;
                for row in rows {
                    hits.push(row?);
                }
            }
            Ok(())
        })
        .ctx(path, || "looking up near-duplicate candidates".into())?;
    hits.sort_unstable();
    let mut candidates: Vec<(i64, usize)> = hits.chunk_by(|a, b| a == b).filter_map(|run| Some((*run.first()?, run.len()))).collect();
    candidates.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    // Hundreds of copies of one template all share bands; reading each would
    // make inserts quadratic in the cluster size.
    candidates.truncate(MAX_CANDIDATES);

    let mut matched = BTreeSet::new();
    let mut exact_checks = 0;
    for (cand, _) in candidates {
        let row = tx
            .prepare_cached("SELECT minhash, cluster FROM docs WHERE pk = ?1")
            .and_then(|mut s| s.query_row([cand], |r| Ok((r.get::<_, Option<Vec<u8>>>(0)?, r.get::<_, i64>(1)?))))
            .ctx(path, || format!("reading the signature of document #{cand}"))?;
        let (Some(bytes), cluster) = row else { continue };
        if matched.contains(&cluster) {
            continue;
        }
        let other = neardup::signature_from_bytes(&bytes).ok_or_else(|| StoreError::Corrupt {
            path: path.to_string(),
            what: format!("document #{cand} has a MinHash signature of {} bytes", bytes.len()),
        })?;
        if neardup::estimate(sig, &other) < neardup::PREFILTER {
            continue;
        }
        // Formulaic texts (daily templated reports) can make hundreds of
        // candidates pass the estimate; bound the exact checks per insert.
        if exact_checks >= MAX_EXACT_CHECKS {
            break;
        }
        exact_checks += 1;
        let text: String = tx
            .prepare_cached("SELECT text FROM docs WHERE pk = ?1")
            .and_then(|mut s| s.query_row([cand], |r| r.get(0)))
            .ctx(path, || format!("reading the text of document #{cand}"))?;
        if neardup::jaccard(&fp.shingles, &neardup::shingles(&text)) >= neardup::THRESHOLD {
            matched.insert(cluster);
        }
    }
    let Some(&target) = matched.first() else {
        return Ok(None);
    };
    for &absorbed in matched.iter().skip(1) {
        tx.prepare_cached("UPDATE docs SET cluster = ?1 WHERE cluster = ?2")
            .and_then(|mut s| s.execute([target, absorbed]))
            .ctx(path, || format!("merging cluster {absorbed} into {target}"))?;
    }
    Ok(Some(target))
}

/// Adds the band keys of row `pk`.
pub(super) fn index(tx: &Transaction<'_>, path: &str, pk: i64, fp: &Fingerprint) -> Result<(), StoreError> {
    let Some(sig) = fp.signature.as_deref() else {
        return Ok(());
    };
    // One statement for all bands: per-statement overhead dominated 64 single inserts.
    let keys = neardup::band_keys(sig);
    let sql = format!("INSERT OR IGNORE INTO lsh(key, doc) VALUES {}", vec!["(?, ?)"; keys.len()].join(","));
    let values = keys.iter().flat_map(|&k| [k, pk]);
    tx.prepare_cached(&sql)
        .and_then(|mut s| s.execute(params_from_iter(values)))
        .ctx(path, || format!("indexing document #{pk}"))?;
    Ok(())
}

/// Deletes row `pk` with its band keys, then re-derives the cluster it leaves
/// behind: it may have been the only link between other members.
pub(super) fn remove(tx: &Transaction<'_>, path: &str, pk: i64) -> Result<(), StoreError> {
    let (bytes, cluster): (Option<Vec<u8>>, i64) = tx
        .prepare_cached("SELECT minhash, cluster FROM docs WHERE pk = ?1")
        .and_then(|mut s| s.query_row([pk], |r| Ok((r.get(0)?, r.get(1)?))))
        .ctx(path, || format!("reading document #{pk}"))?;
    if let Some(sig) = bytes.as_deref().and_then(neardup::signature_from_bytes) {
        let mut stmt = tx
            .prepare_cached("DELETE FROM lsh WHERE key = ?1 AND doc = ?2")
            .ctx(path, || "preparing band delete".into())?;
        for key in neardup::band_keys(&sig) {
            stmt.execute([key, pk]).ctx(path, || format!("unindexing document #{pk}"))?;
        }
    }
    super::fts::delete(tx, path, pk)?;
    tx.prepare_cached("DELETE FROM docs WHERE pk = ?1")
        .and_then(|mut s| s.execute([pk]))
        .ctx(path, || format!("deleting document #{pk}"))?;
    recluster(tx, path, cluster)
}

/// Recomputes the components of one cluster from exact pairwise Jaccard
/// (clusters are small; every former link lies inside the cluster). Each
/// component is labelled with its smallest row id.
fn recluster(tx: &Transaction<'_>, path: &str, cluster: i64) -> Result<(), StoreError> {
    let members: Vec<(i64, String)> = tx
        .prepare_cached("SELECT pk, text FROM docs WHERE cluster = ?1 ORDER BY pk")
        .and_then(|mut s| {
            s.query_map([cluster], |r| Ok((r.get(0)?, r.get(1)?)))
                .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
        })
        .ctx(path, || format!("reading cluster {cluster}"))?;
    let sets: Vec<Vec<u64>> = members.iter().map(|(_, t)| neardup::shingles(t)).collect();
    let mut parent: Vec<usize> = (0..members.len()).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while let Some(&p) = parent.get(x) {
            if p == x {
                break;
            }
            let gp = parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = parent.get_mut(x) {
                *slot = gp;
            }
            x = p;
        }
        x
    }
    for i in 0..sets.len() {
        for j in i + 1..sets.len() {
            if let (Some(a), Some(b)) = (sets.get(i), sets.get(j)) {
                if neardup::jaccard(a, b) >= neardup::THRESHOLD {
                    let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                    let (lo, hi) = if ri < rj { (ri, rj) } else { (rj, ri) };
                    if let Some(slot) = parent.get_mut(hi) {
                        *slot = lo;
                    }
                }
            }
        }
    }
    // Members are sorted by pk, so a component's root (its lowest index) has its smallest pk.
    let mut label: BTreeMap<usize, i64> = BTreeMap::new();
    let mut stmt = tx
        .prepare_cached("UPDATE docs SET cluster = ?1 WHERE pk = ?2")
        .ctx(path, || "preparing cluster relabel".into())?;
    for (i, (pk, _)) in members.iter().enumerate() {
        let root = find(&mut parent, i);
        let l = *label.entry(root).or_insert(*pk);
        stmt.execute([l, *pk]).ctx(path, || format!("relabelling cluster {cluster}"))?;
    }
    Ok(())
}
