//! The model bundle (lexicon, tagger, entity recogniser, lemma exceptions)
//! and its binary file: magic `CRBLANG\0`, a little-endian `u32` format
//! version, then each part in order (see `binfmt`).

use crate::binfmt::{Reader, Writer};
use crate::lemma::Lemmatizer;
use crate::lexicon::Lexicon;
use crate::ner::Ner;
use crate::sparse::Sparse;
use crate::tagger::Tagger;
use crate::LangError;

const MAGIC: &[u8] = b"CRBLANG\0";
/// Bumped whenever features or the layout change, so stale files are refused.
pub const VERSION: u32 = 2;

#[derive(Clone, Debug, Default)]
pub struct Models {
    pub lexicon: Lexicon,
    pub tagger: Tagger,
    pub ner: Ner,
    pub lemmas: Lemmatizer,
}

impl Models {
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.buf.extend_from_slice(MAGIC);
        w.u32(VERSION);
        self.lexicon.write(&mut w);
        self.tagger.model.write(&mut w);
        self.ner.model.write(&mut w);
        self.lemmas.write(&mut w);
        w.buf
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Models, LangError> {
        let mut r = Reader::new("lang", bytes);
        r.expect(MAGIC)?;
        let v = r.u32()?;
        if v != VERSION {
            return Err(r.err(&format!("format version {v}, this code reads {VERSION}; retrain with train-lang")));
        }
        let lexicon = Lexicon::read(&mut r)?;
        let tagger = Tagger { model: Sparse::read(&mut r)? };
        let ner = Ner { model: Sparse::read(&mut r)? };
        let lemmas = Lemmatizer::read(&mut r)?;
        if !r.done() {
            return Err(r.err("trailing bytes"));
        }
        Ok(Models { lexicon, tagger, ner, lemmas })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_bundle_roundtrips_and_garbage_is_refused() {
        let m = Models::default();
        // Default sparse models have 0 classes, which the reader refuses: give them one.
        let f = crate::perceptron::Frozen::from_parts(2, vec![1], vec![0.5, -0.5]);
        let m = Models {
            tagger: Tagger { model: Sparse::from_frozen(&f, 0.0) },
            ner: Ner { model: Sparse::from_frozen(&f, 0.0) },
            ..m
        };
        let b = m.to_bytes();
        let back = Models::from_bytes(&b).unwrap();
        assert_eq!(back.tagger.model.n_features(), 1);
        assert!(Models::from_bytes(b"nonsense").is_err());
        assert!(Models::from_bytes(&b[..b.len() - 2]).is_err());
        let mut v = b.clone();
        v[8] = 99;
        assert!(Models::from_bytes(&v).unwrap_err().to_string().contains("version"));
    }
}
