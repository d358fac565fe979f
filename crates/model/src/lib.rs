//! The core data model of corroborate.
//!
//! A [`Document`] owns its text. Everything else about it — tokens, sentences,
//! tags, named span layers — refers into that text by byte [`Span`]s, kept in
//! flat arrays (struct-of-arrays) so analysis stays cache-friendly and cheap to
//! clone into worker threads.
//!
//! Invariants (checked by [`Document::validate`] and by property tests):
//! * every span satisfies `start <= end <= text.len()` and both ends lie on
//!   UTF-8 character boundaries, so `&text[span]` never panics;
//! * tokens are sorted, non-overlapping, and never contain only whitespace;
//! * sentences are sorted, non-overlapping token ranges.
//!
//! Export formats (brat, PolNeAR, the JSON contract) count offsets in Unicode
//! code points; [`CharIndex`] converts byte offsets to code points in O(log n).

mod document;
mod meta;
mod offsets;
mod similarity;
mod span;

pub use document::{Diagnostic, Document, LabeledSpan, Layer, Relation, RelationArg, Sentence, Severity, Tokens};
pub use meta::{DocId, Meta};
pub use offsets::CharIndex;
pub use similarity::sorted_jaccard;
pub use span::Span;
