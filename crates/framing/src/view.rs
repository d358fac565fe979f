//! A read-only view over one analysed document: words for the lexicons,
//! dependency labels by name, children lists and sentence lookup. Every
//! accessor tolerates missing layers and out-of-range indices.

use crate::pattern::Words;
use corroborate_lang::parser::Parser;
use corroborate_model::{Document, Span};

pub struct View<'a> {
    pub doc: &'a Document,
    pub words: Words,
    children: Vec<Vec<usize>>,
    sent_of: Vec<usize>,
}

impl<'a> View<'a> {
    pub fn new(doc: &'a Document) -> Self {
        let n = doc.tokens.len();
        // Curly apostrophes read as straight ones ("n’t", "Shi’ite") so patterns need one spelling.
        let lower: Vec<String> = (0..n).map(|i| doc.token_text(i).to_lowercase().replace('’', "'")).collect();
        let lemma: Vec<String> = (0..n)
            .map(|i| match doc.tokens.lemmas.get(i) {
                Some(l) if !l.is_empty() => l.to_lowercase().replace('’', "'"),
                _ => lower.get(i).cloned().unwrap_or_default(),
            })
            .collect();
        let mut children = vec![Vec::new(); n];
        for (i, &h) in doc.tokens.heads.iter().enumerate().take(n) {
            if let Some(c) = children.get_mut(h as usize) {
                if h as usize != i {
                    c.push(i);
                }
            }
        }
        let mut sent_of = vec![usize::MAX; n];
        for (k, s) in doc.sentences.iter().enumerate() {
            for i in s.tokens.0 as usize..(s.tokens.1 as usize).min(n) {
                if let Some(x) = sent_of.get_mut(i) {
                    *x = k;
                }
            }
        }
        View { doc, words: Words { lower, lemma }, children, sent_of }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }
    pub fn lemma(&self, i: usize) -> &str {
        self.words.lemma.get(i).map(String::as_str).unwrap_or("")
    }
    pub fn lower(&self, i: usize) -> &str {
        self.words.lower.get(i).map(String::as_str).unwrap_or("")
    }
    pub fn deprel(&self, i: usize) -> &'static str {
        self.doc.tokens.deprels.get(i).map(|&d| Parser::label_name(d)).unwrap_or("")
    }
    pub fn pos(&self, i: usize) -> &'static str {
        self.doc.tokens.pos.get(i).map(|&p| corroborate_lang::pos_name(p)).unwrap_or("")
    }
    /// The head of token `i`, if it has one inside the same sentence.
    pub fn head(&self, i: usize) -> Option<usize> {
        let h = *self.doc.tokens.heads.get(i)? as usize;
        (h != i && h < self.len() && self.sentence_of(h) == self.sentence_of(i)).then_some(h)
    }
    pub fn children(&self, i: usize) -> &[usize] {
        self.children.get(i).map(Vec::as_slice).unwrap_or(&[])
    }
    /// The first child of `i` with one of the labels.
    pub fn child(&self, i: usize, labels: &[&str]) -> Option<usize> {
        self.children(i).iter().copied().find(|&c| labels.contains(&self.deprel(c)))
    }
    pub fn sentence_of(&self, i: usize) -> Option<usize> {
        self.sent_of.get(i).copied().filter(|&s| s != usize::MAX)
    }
    /// Token range of sentence `k`.
    pub fn sentence_tokens(&self, k: usize) -> std::ops::Range<usize> {
        self.doc
            .sentences
            .get(k)
            .map(|s| s.tokens.0 as usize..(s.tokens.1 as usize).min(self.len()))
            .unwrap_or(0..0)
    }
    pub fn span(&self, i: usize) -> Option<Span> {
        self.doc.tokens.spans.get(i).copied()
    }
    /// The byte span of tokens `[a, b)`.
    pub fn range_span(&self, a: usize, b: usize) -> Option<Span> {
        Some(self.span(a)?.cover(self.span(b.checked_sub(1)?)?))
    }
    /// Tokens of `i`'s subtree, skipping children for which `skip` holds
    /// (and their subtrees), sorted.
    pub fn subtree(&self, i: usize, skip: &dyn Fn(usize) -> bool) -> Vec<usize> {
        let mut out = vec![i];
        let mut stack = vec![i];
        while let Some(x) = stack.pop() {
            for &c in self.children(x) {
                if !skip(c) && !out.contains(&c) && out.len() < 512 {
                    out.push(c);
                    stack.push(c);
                }
            }
        }
        out.sort_unstable();
        out
    }
    /// The span of `i`'s subtree as one stretch (from its first to its last
    /// token), trimmed of punctuation at either edge.
    pub fn subtree_span(&self, i: usize, skip: &dyn Fn(usize) -> bool) -> Option<Span> {
        let mut toks = self.subtree(i, skip);
        while toks.len() > 1 && toks.first().is_some_and(|&t| self.is_punct(t)) {
            toks.remove(0);
        }
        while toks.len() > 1 && toks.last().is_some_and(|&t| self.is_punct(t)) {
            toks.pop();
        }
        self.range_span(*toks.first()?, *toks.last()? + 1)
    }
    /// Like [`View::subtree_span`], also dropping leading words that cannot
    /// open a name (prepositions, conjunctions, adverbs, verbs): "as the
    /// Observatory" gives "the Observatory".
    pub fn phrase_span(&self, i: usize, skip: &dyn Fn(usize) -> bool) -> Option<Span> {
        let toks = self.subtree(i, skip);
        let first = toks.iter().copied().find(|&t| {
            t == i || !(self.is_punct(t) || matches!(self.pos(t), "IN" | "TO" | "CC" | "RB" | "WRB") || self.is_verb(t))
        })?;
        let last = toks.iter().copied().rev().find(|&t| t == i || !self.is_punct(t))?;
        self.range_span(first, last + 1)
    }
    /// Whether token `i` is tagged as a date, time or duration entity.
    pub fn is_time(&self, i: usize) -> bool {
        let tag = self.doc.tokens.ner.get(i).map(|&t| corroborate_lang::ner_name(t)).unwrap_or("");
        tag.ends_with("DATE") || tag.ends_with("TIME") || tag.ends_with("DURATION")
    }
    pub fn is_punct(&self, i: usize) -> bool {
        self.deprel(i) == "punct" || self.doc.token_text(i).chars().all(|c| !c.is_alphanumeric())
    }
    pub fn text(&self, span: Span) -> &'a str {
        self.doc.slice(span)
    }
    /// Whether token `i` is one of the lemmas in `list`, also by regular
    /// inflection of its text: the lemmatizer leaves some verb forms
    /// unreduced ("resumed" as "resum"), and the rules key on verbs.
    pub fn is_any(&self, i: usize, list: &[&str]) -> bool {
        let (lemma, lower) = (self.lemma(i), self.lower(i));
        list.iter().any(|&w| {
            if lemma == w || lower == w {
                return true;
            }
            let Some(rest) = lower.strip_prefix(w.strip_suffix('e').unwrap_or(w)) else { return false };
            let stem_e = w.ends_with('e');
            // resume: resumes resumed resuming; shell: shells shelled shelling;
            // target: targeted; ban: banned (doubled final consonant).
            let doubled = w.chars().last().is_some_and(|c| rest.starts_with(c)) && matches!(rest.get(1..), Some("ed" | "ing"));
            match rest {
                "s" | "es" | "ed" | "ing" => true,
                "d" => stem_e,
                _ => !stem_e && doubled,
            }
        })
    }
    /// The first member of `list` token `i` is (see [`View::is_any`]).
    #[cfg(test)]
    pub fn which<'l>(&self, i: usize, list: &[&'l str]) -> Option<&'l str> {
        list.iter().copied().find(|w| self.is_any(i, std::slice::from_ref(w)))
    }
    /// Whether verb `v` is negated: "did not deny", "can't deny", "nobody denied".
    pub fn negated(&self, v: usize) -> bool {
        let nobody = |s: usize| {
            matches!(self.lemma(s), "nobody" | "none" | "noone") || self.children(s).iter().any(|&c| self.lemma(c) == "no")
        };
        self.child(v, &["neg"]).is_some()
            || self.child(v, &["nsubj"]).is_some_and(nobody)
            || (1..=2).any(|d| v.checked_sub(d).is_some_and(|p| matches!(self.lower(p), "not" | "n't" | "never" | "cannot")))
    }
    pub fn is_verb(&self, i: usize) -> bool {
        self.pos(i).starts_with("VB")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use corroborate_model::{Meta, Span};

    #[test]
    fn inflections_match_their_lemma() {
        let text = "resumed resumes shelled targeted banned said resume breakfast";
        let mut doc = Document::new("d", text, Meta::default());
        let mut at = 0;
        for w in text.split(' ') {
            doc.tokens.spans.push(Span::new(at, at + w.len()));
            at += w.len() + 1;
        }
        let v = View::new(&doc);
        let list = ["resume", "shell", "target", "ban", "say", "break"];
        let got: Vec<Option<&str>> = (0..v.len()).map(|i| v.which(i, &list)).collect();
        assert_eq!(
            got,
            vec![Some("resume"), Some("resume"), Some("shell"), Some("target"), Some("ban"), None, Some("resume"), None]
        );
    }
}
