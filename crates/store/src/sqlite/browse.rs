//! Light listings for browsing (the web app): document metadata without the
//! text, so a 100k-document catalogue loads in one pass over the table.

use super::{count, SqliteStore};
use crate::error::{Ctx, StoreError};
use serde::{Deserialize, Serialize};

/// A document's listing facts (no text, no aliases).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocSummary {
    pub id: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub cluster: i64,
    /// UTF-8 bytes of text.
    pub bytes: u64,
}

impl SqliteStore {
    /// Every canonical document's summary, in insertion order.
    pub fn summaries(&self) -> Result<Vec<DocSummary>, StoreError> {
        let p = &self.path;
        let mut stmt = self
            .conn
            .prepare("SELECT id, title, outlet, published, cluster, bytes FROM docs ORDER BY pk")
            .ctx(p, || "listing document summaries".into())?;
        let rows = stmt
            .query_map([], |r| {
                Ok(DocSummary {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    outlet: r.get(2)?,
                    published: r.get(3)?,
                    cluster: r.get(4)?,
                    bytes: count(r.get(5)?),
                })
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .ctx(p, || "listing document summaries".into())?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use crate::{SqliteStore, Store};
    use corroborate_model::{Document, Meta};

    #[test]
    fn summaries_list_metadata_without_text() {
        let mut s = SqliteStore::open_in_memory().unwrap();
        let meta = Meta { title: Some("T".into()), outlet: Some("O".into()), ..Meta::default() };
        s.put_batch(&[Document::new("a", "some text here", meta), Document::new("b", "other", Meta::default())])
            .unwrap();
        let sums = s.summaries().unwrap();
        assert_eq!(sums.len(), 2);
        assert_eq!(sums[0].id, "a");
        assert_eq!(sums[0].outlet.as_deref(), Some("O"));
        assert_eq!(sums[0].bytes, 14);
        assert_eq!(sums[1].title, None);
    }
}
