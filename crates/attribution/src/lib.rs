//! Attribution relations — who said what — as PolNeAR annotates them: a
//! source (optional), a cue and a content, each a possibly discontinuous span.
//!
//! Pipeline: a perceptron cue tagger over lemma, tag and dependency context
//! ([`model`]), then for each cue a learned ranker picks the source (or none)
//! and the content among spans proposed from the parse, the quote marks and
//! the neighbouring sentences ([`candidates`]). [`eval`] is the PolNeAR scorer.

pub mod analysis;
pub mod brat;
pub mod candidates;
mod error;
pub mod eval;
pub mod extract;
mod features;
pub mod model;
pub mod relations;
pub mod silver;

pub use analysis::Tagset;
pub use error::AttributionError;
pub use extract::{extract, extract_with, Attribution, Kind};
pub use model::Model;
pub use relations::{annotate, from_relation, to_relation};
