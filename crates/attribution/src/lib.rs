//! Attribution relations — who said what — as PolNeAR annotates them: a
//! source (optional), a cue and a content, each a possibly discontinuous span.
//!
//! Pipeline: a structured-perceptron cue tagger (Viterbi over O/B/I) over lemma, tag and dependency context
//! ([`model`]), then for each cue a learned ranker picks the source (or none)
//! and the content among spans proposed from the parse, the quote marks and
//! the neighbouring sentences ([`candidates`]). [`eval`] is the PolNeAR scorer.

pub mod analysis;
pub mod brat;
pub mod candidates;
pub mod chain;
mod error;
pub mod eval;
pub mod extract;
mod features;
pub mod model;
pub mod relations;
pub mod rules;
pub mod scare;
pub mod silver;
pub mod speaker;

pub use analysis::Tagset;
pub use error::AttributionError;
pub use extract::{analyse, analyse_with, extract, extract_with, Analysed, Attribution, Found, Kind};
pub use model::Model;
pub use relations::{annotate, from_relation, to_relation, SCARE_QUOTE};
pub use rules::Rules;
pub use speaker::{Speaker, SpeakerType};
