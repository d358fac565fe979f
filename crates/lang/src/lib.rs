//! The language core: part-of-speech tags, entities, lemmas and dependency
//! parses over the tokens from `corroborate-tokenize`.
//!
//! All models are averaged perceptrons trained by this crate's own code on the
//! CoreNLP *silver* layers shipped with PolNeAR (`shared/polnear/train/tokens`):
//! the only large annotated English available to the project. Scores against
//! PolNeAR dev therefore measure agreement with CoreNLP, not with human gold.
//!
//! Runtime: [`Pipeline::load`] (models embedded in the binary by build.rs
//! from `models/`), then [`Pipeline::analyse`] a [`corroborate_model::Document`].
//!
//! Train (≈2–3 min on a busy 2-core machine; deterministic seed), from the repo root:
//! `cargo run --release -p corroborate-lang --bin train-lang -- --train ../shared/polnear/train/tokens
//! --dev ../shared/polnear/dev/tokens --out crates/lang/models` (add `--parser-epochs N` to also
//! train the parser). Evaluate the embedded models:
//! `cargo run --release -p corroborate-lang --bin eval-lang -- --dev ../shared/polnear/dev/tokens`.
//!
//! Dev scores against CoreNLP silver (models as shipped; log in SCORES.md): POS 98.19%,
//! lemmas 99.24%, entities PERSON/ORGANIZATION/LOCATION/MISC F1 88.14 (all 12 types 89.99),
//! parser no-punctuation UAS/LAS 88.41/86.82 with CoreNLP tags, 87.27/85.03 with ours.

mod binfmt;
mod domain;
pub mod conll;
pub mod dateline;
mod error;
mod hash;
pub mod lemma;
pub mod lexicon;
pub mod maxent;
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
pub use pipeline::{segments, Pipeline};
pub use tags::{entity_type_id, ner_name, ner_type, pos_id, pos_name, ENTITY_TYPES, NER_TAGS, POS_TAGS};
