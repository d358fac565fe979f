//! Reconciliation: the whole-corpus stage. It reads stored v1 records
//! (`corroborate_export::DocRecord`), never raw text analysis, so it can run
//! over a store of any size and group by blocking keys.

pub mod credibility;
