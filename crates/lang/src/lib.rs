//! The language core: part-of-speech tags, entities, lemmas and dependency
//! parses over the tokens from `corroborate-tokenize`.
//!
//! All models are averaged perceptrons trained by this crate's own code on the
//! CoreNLP *silver* layers shipped with PolNeAR (`shared/polnear/train/tokens`):
//! the only large annotated English available to the project. Scores against
//! PolNeAR dev therefore measure agreement with CoreNLP, not with human gold.

pub mod conll;
mod error;
pub mod perceptron;
pub mod parser;

pub use error::LangError;
