//! Attribution relations — who said what — as PolNeAR annotates them: a
//! source (optional), a cue and a content, each a possibly discontinuous span.

pub mod brat;
mod error;
pub mod eval;

pub use error::AttributionError;
