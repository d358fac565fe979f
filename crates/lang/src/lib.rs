//! The language core: part-of-speech tags, entities, lemmas and dependency
//! parses over the tokens from `corroborate-tokenize`.
//!
//! All models are averaged perceptrons trained by this crate's own code on the
//! CoreNLP *silver* layers shipped with PolNeAR (`shared/polnear/train/tokens`):
//! the only large annotated English available to the project. Scores against
//! PolNeAR dev therefore measure agreement with CoreNLP, not with human gold.
//!
//! Runtime: [`Pipeline::load`] (models embedded in the binary), then
//! [`Pipeline::analyse`] a [`corroborate_model::Document`].
//! Training: `cargo run --release -p corroborate-lang --bin train-lang`.

mod binfmt;
pub mod conll;
mod error;
mod hash;
pub mod lemma;
pub mod lexicon;
pub mod models;
pub mod ner;
pub mod parser;
pub mod perceptron;
mod pipeline;
mod sparse;
mod table;
pub mod tagger;
mod tags;
pub mod token;
pub mod training;

pub use error::LangError;
pub use pipeline::Pipeline;
pub use tags::{entity_type_id, ner_name, ner_type, pos_id, pos_name, ENTITY_TYPES, NER_TAGS, POS_TAGS};
