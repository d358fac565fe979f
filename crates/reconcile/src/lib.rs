//! Reconciliation: the whole-corpus stage. It reads stored v1 records
//! (`corroborate_export::DocRecord`), never raw text analysis, so it can run
//! over a store of any size and group by blocking keys.
//!
//! ```no_run
//! use corroborate_reconcile::{ActorList, Reconciler};
//! # let records: Vec<corroborate_export::DocRecord> = Vec::new();
//! let mut r = Reconciler::new(ActorList::builtin());
//! for rec in &records {
//!     r.add(rec);
//! }
//! let out = r.finish();
//! for g in out.disputes() {
//!     println!("{} {} in {:?}: {} claims", g.category, g.who, g.place, g.total_claims);
//! }
//! ```
//!
//! Rules, tolerances and the snapshot are documented in docs/reconcile.md.

pub mod accusations;
pub mod actors;
pub mod claims;
pub mod credibility;
pub mod entities;
mod error;
pub mod figures;
mod intern;
pub mod normalize;
pub mod outlets;
mod reconciler;
pub mod snapshot;
pub mod statements;

pub use accusations::MutualAccusation;
pub use actors::{Actor, ActorList};
pub use entities::Entity;
pub use error::ReconcileError;
pub use figures::{Claim, FigureGroup};
pub use outlets::OutletProfile;
pub use reconciler::{speaker_name, NameIndex, Reconciled, Reconciler, RECONCILED_VERSION};
pub use snapshot::{Fingerprint, Snapshot};
pub use statements::StatementGroup;
