//! A read-only view of an analysed document for the extractors: lower-cased
//! words, lemmas and tag names per token, and each token's sentence.

use corroborate_model::{Document, Span};

pub struct View<'a> {
    pub doc: &'a Document,
    pub lower: Vec<String>,
    /// Lemma per token (the lower-cased word when the lemmatizer left it empty).
    pub lemma: Vec<String>,
    pub pos: Vec<&'static str>,
    pub sentence_of: Vec<usize>,
    /// Token ranges of sentences, covering every token.
    pub sentences: Vec<(usize, usize)>,
}

impl<'a> View<'a> {
    pub fn new(doc: &'a Document) -> View<'a> {
        let n = doc.tokens.len();
        let lower: Vec<String> = (0..n).map(|i| doc.token_text(i).to_lowercase()).collect();
        let lemma = (0..n)
            .map(|i| match doc.tokens.lemmas.get(i) {
                Some(l) if !l.is_empty() => l.to_lowercase(),
                _ => lower.get(i).cloned().unwrap_or_default(),
            })
            .collect();
        let pos = (0..n).map(|i| doc.tokens.pos.get(i).map(|&p| corroborate_lang::pos_name(p)).unwrap_or("")).collect();
        // Sentences plus any tokens no sentence covers, exactly as the language core saw them.
        let sentences = corroborate_lang::segments(doc);
        let mut sentence_of = vec![0; n];
        for (k, &(a, b)) in sentences.iter().enumerate() {
            for x in sentence_of.iter_mut().take(b).skip(a) {
                *x = k;
            }
        }
        View { doc, lower, lemma, pos, sentence_of, sentences }
    }

    pub fn len(&self) -> usize {
        self.lower.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lower.is_empty()
    }

    pub fn w(&self, i: usize) -> &str {
        self.lower.get(i).map(String::as_str).unwrap_or("")
    }

    pub fn l(&self, i: usize) -> &str {
        self.lemma.get(i).map(String::as_str).unwrap_or("")
    }

    pub fn p(&self, i: usize) -> &'static str {
        self.pos.get(i).copied().unwrap_or("")
    }

    pub fn text(&self, i: usize) -> &'a str {
        self.doc.token_text(i)
    }

    /// Byte span of tokens `a..b` (empty span at 0 when out of range).
    pub fn span(&self, a: usize, b: usize) -> Span {
        match (self.doc.tokens.spans.get(a), b.checked_sub(1).and_then(|e| self.doc.tokens.spans.get(e))) {
            (Some(x), Some(y)) if a < b => x.cover(*y),
            _ => Span::default(),
        }
    }

    pub fn slice(&self, a: usize, b: usize) -> &'a str {
        self.doc.slice(self.span(a, b))
    }

    pub fn sentence(&self, i: usize) -> (usize, usize) {
        self.sentence_of.get(i).and_then(|&k| self.sentences.get(k)).copied().unwrap_or((0, 0))
    }

    pub fn is_noun(&self, i: usize) -> bool {
        self.p(i).starts_with("NN")
    }

    pub fn is_verb(&self, i: usize) -> bool {
        self.p(i).starts_with("VB")
    }

    /// The recogniser's entity type of token `i` ("PERSON", "LOCATION", "DATE", …), if any.
    pub fn entity_type(&self, i: usize) -> Option<&'static str> {
        let t = corroborate_lang::ner_type(*self.doc.tokens.ner.get(i)?)?;
        corroborate_lang::ENTITY_TYPES.get(t as usize).copied()
    }

    pub fn capitalised(&self, i: usize) -> bool {
        self.text(i).chars().next().is_some_and(char::is_uppercase)
    }
}
