use crate::{CharIndex, DocId, Meta, Span};
use serde::{Deserialize, Serialize};

/// One article: its text (owned) plus every analysis layer, as flat arrays of
/// spans into that text.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Document {
    pub id: DocId,
    pub meta: Meta,
    /// The text as analysed (for HTML, the extracted body). Every span points here.
    pub text: String,
    pub tokens: Tokens,
    pub sentences: Vec<Sentence>,
    /// Named span layers ("entities", "quotes", "figures", ...), in insertion order.
    pub layers: Vec<Layer>,
    /// Relations between spans (attributions: source, cue, content), in document order.
    #[serde(default)]
    pub relations: Vec<Relation>,
    /// What went wrong or looked odd while reading or analysing; never fatal.
    pub diagnostics: Vec<Diagnostic>,
}

/// Tokens as parallel arrays (struct of arrays). `spans` is always filled once
/// the document is tokenized; the other arrays are either empty (layer not
/// computed) or exactly `spans.len()` long.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Tokens {
    pub spans: Vec<Span>,
    /// Penn Treebank tag per token (index into the language core's tag set).
    pub pos: Vec<u8>,
    /// Lemma per token; an empty string means "same as the lower-cased form".
    pub lemmas: Vec<Box<str>>,
    /// Entity tag per token, BIO-encoded (index into the language core's tag set).
    pub ner: Vec<u8>,
    /// Head token per token as a document-level token index; `u32::MAX` = root.
    pub heads: Vec<u32>,
    /// Dependency label per token (index into the language core's label set).
    pub deprels: Vec<u8>,
}

impl Tokens {
    pub fn len(&self) -> usize {
        self.spans.len()
    }
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }
}

/// A sentence: a half-open range of token indices and the byte span it covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub tokens: (u32, u32),
    pub span: Span,
}

/// A named layer of labelled spans ("entities": PERSON / ORGANIZATION / ...).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layer {
    pub name: String,
    pub spans: Vec<LabeledSpan>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabeledSpan {
    pub span: Span,
    pub label: String,
}

/// A relation between spans, as brat models events: a `name` ("attribution"),
/// a `label` refining it ("direct", "indirect", ...), and named arguments, each
/// a possibly discontinuous list of spans ("source", "cue", "content").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    pub name: String,
    pub label: String,
    pub args: Vec<RelationArg>,
    /// Attribute values (brat's A lines): ("min", "82"), ("qualifier", "at_least"), ...
    #[serde(default)]
    pub attrs: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelationArg {
    pub role: String,
    pub spans: Vec<Span>,
}

impl Relation {
    /// The spans of the argument called `role` (empty if absent).
    pub fn arg(&self, role: &str) -> &[Span] {
        self.args.iter().find(|a| a.role == role).map(|a| a.spans.as_slice()).unwrap_or(&[])
    }

    /// The value of attribute `key`, if set.
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// A non-fatal problem, with where it happened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Which component raised it ("reader:html", "tokenizer", ...).
    pub source: String,
    pub message: String,
    pub span: Option<Span>,
}

impl Document {
    pub fn new(id: impl Into<DocId>, text: impl Into<String>, meta: Meta) -> Self {
        Document { id: id.into(), meta, text: text.into(), ..Default::default() }
    }

    /// The text a span covers ("" if the span is invalid for this document).
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text).unwrap_or("")
    }

    pub fn token_text(&self, i: usize) -> &str {
        self.tokens.spans.get(i).map(|s| self.slice(*s)).unwrap_or("")
    }

    pub fn layer(&self, name: &str) -> Option<&Layer> {
        self.layers.iter().find(|l| l.name == name)
    }

    /// The layer called `name`, created empty if missing.
    pub fn layer_mut(&mut self, name: &str) -> &mut Layer {
        if let Some(i) = self.layers.iter().position(|l| l.name == name) {
            return &mut self.layers[i];
        }
        self.layers.push(Layer { name: name.to_string(), spans: Vec::new() });
        self.layers.last_mut().expect("just pushed")
    }

    pub fn char_index(&self) -> CharIndex<'_> {
        CharIndex::new(&self.text)
    }

    pub fn diagnose(&mut self, severity: Severity, source: &str, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic {
            severity,
            source: source.to_string(),
            message: message.into(),
            span: None,
        });
    }

    /// Checks the invariants listed in the crate docs; returns the first violation.
    pub fn validate(&self) -> Result<(), String> {
        let ok = |s: Span| s.slice(&self.text).is_some();
        let n = self.tokens.spans.len();
        let mut prev_end = 0u32;
        for (i, &s) in self.tokens.spans.iter().enumerate() {
            if !ok(s) || s.is_empty() {
                return Err(format!("token {i} {s:?} is empty or not on char boundaries"));
            }
            if s.start < prev_end {
                return Err(format!("token {i} {s:?} overlaps or precedes token {}", i.wrapping_sub(1)));
            }
            if self.slice(s).trim().is_empty() {
                return Err(format!("token {i} {s:?} is whitespace only"));
            }
            prev_end = s.end;
        }
        for (name, len) in [
            ("pos", self.tokens.pos.len()),
            ("lemmas", self.tokens.lemmas.len()),
            ("ner", self.tokens.ner.len()),
            ("heads", self.tokens.heads.len()),
            ("deprels", self.tokens.deprels.len()),
        ] {
            if len != 0 && len != n {
                return Err(format!("token layer {name} has {len} entries for {n} tokens"));
            }
        }
        let mut prev = 0u32;
        for (i, s) in self.sentences.iter().enumerate() {
            let (a, b) = s.tokens;
            if a < prev || a > b || b as usize > n {
                return Err(format!("sentence {i} token range {a}..{b} is out of order or bounds"));
            }
            if !ok(s.span) {
                return Err(format!("sentence {i} span {:?} is invalid", s.span));
            }
            prev = b;
        }
        for l in &self.layers {
            if let Some(bad) = l.spans.iter().find(|ls| !ok(ls.span)) {
                return Err(format!("layer {} span {:?} is invalid", l.name, bad.span));
            }
        }
        for (i, r) in self.relations.iter().enumerate() {
            if let Some(bad) = r.args.iter().flat_map(|a| &a.spans).find(|s| !ok(**s)) {
                return Err(format!("relation {i} ({}) span {bad:?} is invalid", r.name));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validate_catches_bad_spans() {
        let mut d = Document::new("d", "Turkey said “7,500”.", Meta::default());
        d.tokens.spans = vec![Span::new(0, 6), Span::new(7, 11)];
        assert!(d.validate().is_ok());
        d.tokens.spans.push(Span::new(12, 13)); // inside the 3-byte “
        assert!(d.validate().unwrap_err().contains("char boundaries"));
        d.tokens.spans.pop();
        d.tokens.pos = vec![1];
        assert!(d.validate().unwrap_err().contains("pos"));
    }

    #[test]
    fn layers_are_created_once() {
        let mut d = Document::new("d", "Aleppo", Meta::default());
        d.layer_mut("entities").spans.push(LabeledSpan { span: Span::new(0, 6), label: "LOCATION".into() });
        d.layer_mut("entities");
        assert_eq!(d.layers.len(), 1);
        assert_eq!(d.slice(d.layer("entities").unwrap().spans[0].span), "Aleppo");
    }
}
