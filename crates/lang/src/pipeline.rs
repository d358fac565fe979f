//! The runtime entry point: [`Pipeline`] loads the embedded models once and
//! fills a [`Document`]'s tokens, tags, lemmas, entities and parses.

use crate::models::Models;
use crate::ner::spans;
use crate::parser::Parser;
use crate::tags::{pos_name, ENTITY_TYPES};
use crate::token::{analyse, Tok};
use crate::LangError;
use corroborate_model::{Document, LabeledSpan, Span};
use std::sync::OnceLock;

/// Models compiled into the binary by build.rs (empty if none was trained).
static LANG_MODEL: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lang.bin"));
static PARSER_MODEL: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/parser.bin"));
/// The parser's feed-forward scorer, mixed into the perceptron's scores (parser/nn.rs).
static PARSER_NET: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/parser_net.bin"));

/// Tagger, entity recogniser, lemmatizer and (when its model is shipped) parser.
#[derive(Clone, Debug)]
pub struct Pipeline {
    models: Models,
    parser: Option<Parser>,
}

/// Per-call buffers, so per-token work does not allocate.
#[derive(Default)]
struct Scratch {
    toks: Vec<Tok>,
    feats: Vec<u64>,
    tags: Vec<u8>,
    labels: Vec<u8>,
    lower: String,
}

impl Pipeline {
    /// Loads the models embedded in the binary.
    pub fn load() -> Result<Pipeline, LangError> {
        if LANG_MODEL.is_empty() {
            return Err(LangError::model(
                "lang",
                "no model was embedded at build time (crates/lang/models/lang.bin missing); run train-lang",
            ));
        }
        let parser = if PARSER_MODEL.is_empty() { None } else { Some(PARSER_MODEL) };
        let mut p = Self::from_bytes(LANG_MODEL, parser)?;
        if !PARSER_NET.is_empty() {
            let net = crate::parser::nn::Net::from_bytes(PARSER_NET)?;
            p.parser = p.parser.map(|x| x.with_net(net));
        }
        Ok(p)
    }

    /// The embedded pipeline, loaded on first use and shared afterwards.
    pub fn shared() -> Result<&'static Pipeline, LangError> {
        static CELL: OnceLock<Result<Pipeline, String>> = OnceLock::new();
        CELL.get_or_init(|| Pipeline::load().map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| LangError::model("lang", e.clone()))
    }

    /// Loads from model bytes (`lang.bin` as written by train-lang, and
    /// optionally the parser's model).
    pub fn from_bytes(lang: &[u8], parser: Option<&[u8]>) -> Result<Pipeline, LangError> {
        let models = Models::from_bytes(lang)?;
        let parser = parser.map(Parser::from_bytes).transpose()?;
        Ok(Pipeline { models, parser })
    }

    pub fn models(&self) -> &Models {
        &self.models
    }

    /// The embedded tagger/recogniser/lemma model file.
    pub fn model_bytes(&self) -> &'static [u8] {
        LANG_MODEL
    }

    pub fn has_parser(&self) -> bool {
        self.parser.is_some()
    }

    /// Fills `doc.tokens.pos` and `doc.tokens.lemmas` (tokenizing first if needed).
    pub fn tag(&self, doc: &mut Document) {
        self.run(doc, true, false);
    }

    /// Fills `doc.tokens.ner` (BIO ids into [`crate::NER_TAGS`]) and the
    /// "entities" layer (labels from [`ENTITY_TYPES`]); tags first if needed.
    pub fn ner(&self, doc: &mut Document) {
        let tagged = !doc.tokens.is_empty() && doc.tokens.pos.len() == doc.tokens.len();
        self.run(doc, !tagged, true);
    }

    /// Tokenize + tag + lemmas + entities + dependency parse (when the parser model is shipped).
    pub fn analyse(&self, doc: &mut Document) {
        self.run(doc, true, true);
        if let Some(p) = &self.parser {
            p.parse_doc(doc, pos_name);
        }
    }

    fn run(&self, doc: &mut Document, do_tag: bool, do_ner: bool) {
        if doc.tokens.is_empty() {
            corroborate_tokenize::annotate(doc);
        }
        let n = doc.tokens.len();
        if do_tag {
            doc.tokens.pos = vec![0; n];
            doc.tokens.lemmas = vec![Box::from(""); n];
        }
        if do_ner {
            doc.tokens.ner = vec![0; n];
        }
        let mut entities: Vec<LabeledSpan> = Vec::new();
        let mut sc = Scratch::default();
        let mut mem = crate::ner::DocMemory::default();
        for (a, b) in segments(doc) {
            let Some(spans_) = doc.tokens.spans.get(a..b) else { continue };
            sentence_toks(&doc.text, spans_, &self.models, &mut sc.toks, &mut sc.lower);
            if do_tag {
                self.models.tagger.tag(&sc.toks, &mut sc.feats, &mut sc.tags);
                for (k, &t) in sc.tags.iter().enumerate() {
                    let i = a + k;
                    if let Some(p) = doc.tokens.pos.get_mut(i) {
                        *p = t;
                    }
                    let word = doc.tokens.spans.get(i).and_then(|s| s.slice(&doc.text)).unwrap_or("");
                    let lemma = self.models.lemmas.lemma(word, t);
                    // "" means "the lower-cased form": saves an allocation per token.
                    if !is_lowercase_of(&lemma, word) {
                        if let Some(l) = doc.tokens.lemmas.get_mut(i) {
                            *l = Box::from(lemma.as_ref());
                        }
                    }
                }
            } else {
                sc.tags.clear();
                sc.tags.extend(doc.tokens.pos.get(a..b).unwrap_or(&[]));
            }
            if do_ner {
                self.models.ner.label(&sc.toks, &sc.tags, &mut mem, &mut sc.feats, &mut sc.labels);
                let mut prev = 0u8;
                for (k, &y) in sc.labels.iter().enumerate() {
                    // IO label -> BIO id: B where a run of a type starts.
                    let bio = if y == 0 { 0 } else if y == prev { 2 * y } else { 2 * y - 1 };
                    if let Some(x) = doc.tokens.ner.get_mut(a + k) {
                        *x = bio;
                    }
                    prev = y;
                }
                for (s, e, t) in spans(&sc.labels) {
                    let (Some(first), Some(last)) = (doc.tokens.spans.get(a + s), doc.tokens.spans.get(a + e - 1)) else {
                        continue;
                    };
                    let label = ENTITY_TYPES.get(t as usize).copied().unwrap_or("MISC");
                    entities.push(LabeledSpan { span: first.cover(*last), label: label.to_string() });
                }
            }
        }
        if do_ner {
            doc.layer_mut("entities").spans = entities;
        }
    }
}

fn is_lowercase_of(lemma: &str, word: &str) -> bool {
    lemma.len() == word.len() && lemma.chars().zip(word.chars()).all(|(l, w)| w.to_lowercase().eq(std::iter::once(l)))
}

/// Token ranges to process: the sentences, plus any tokens no sentence covers,
/// in order and without overlap (so every token belongs to exactly one).
pub fn segments(doc: &Document) -> Vec<(usize, usize)> {
    let n = doc.tokens.len();
    let mut out = Vec::with_capacity(doc.sentences.len() + 1);
    let mut next = 0usize;
    for s in &doc.sentences {
        let (a, b) = (s.tokens.0 as usize, (s.tokens.1 as usize).min(n));
        if a < next || a >= b {
            continue;
        }
        if a > next {
            out.push((next, a));
        }
        out.push((a, b));
        next = b;
    }
    if next < n {
        out.push((next, n));
    }
    out
}

/// Token properties of one sentence from raw text spans.
fn sentence_toks(text: &str, spans: &[Span], models: &Models, out: &mut Vec<Tok>, lower: &mut String) {
    out.clear();
    for (k, s) in spans.iter().enumerate() {
        let word = s.slice(text).unwrap_or("");
        let before = k == 0 || spans.get(k - 1).is_some_and(|p| p.end < s.start);
        let after = spans.get(k + 1).is_none_or(|nx| s.end < nx.start);
        out.push(analyse(word, before, after, &models.lexicon, lower));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use corroborate_model::Meta;

    #[test]
    fn segments_cover_every_token() {
        let mut d = Document::new("d", "a b c d", Meta::default());
        d.tokens.spans = vec![Span::new(0, 1), Span::new(2, 3), Span::new(4, 5), Span::new(6, 7)];
        d.sentences = vec![corroborate_model::Sentence { tokens: (1, 2), span: Span::new(2, 3) }];
        assert_eq!(segments(&d), vec![(0, 1), (1, 2), (2, 4)]);
    }
}
