//! Attribution relations — who said what — as PolNeAR annotates them: a
//! source (optional), a cue and a content, each a possibly discontinuous span.

pub mod analysis;
pub mod brat;
pub mod candidates;
mod error;
pub mod eval;
pub mod silver;

pub use error::AttributionError;
