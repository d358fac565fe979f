//! The public extraction entry points and the output type.

use crate::analysis::{Analysis, Tagset};
use crate::brat::BratRelation;
use crate::model::{Model, TokRelation};
use corroborate_model::{CharIndex, Document, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// The content is a quotation.
    Direct,
    /// Reported speech.
    Indirect,
    /// Reported speech with quoted parts.
    Mixed,
    /// "according to X".
    AccordingTo,
    /// No source is named.
    NoSource,
}

impl Kind {
    /// The name used by the v1 output contract.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Direct => "direct",
            Kind::Indirect => "indirect",
            Kind::Mixed => "mixed",
            Kind::AccordingTo => "according_to",
            Kind::NoSource => "no_source",
        }
    }
}

/// One attribution relation; spans are byte ranges into `doc.text`, several
/// for discontinuous spans.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribution {
    pub kind: Kind,
    pub source: Option<Vec<Span>>,
    pub cue: Vec<Span>,
    pub content: Vec<Span>,
}

impl Attribution {
    /// The relation in code points (brat's offsets).
    pub fn to_brat(&self, ix: &CharIndex) -> BratRelation {
        let conv = |v: &[Span]| -> Vec<(u32, u32)> {
            v.iter().map(|s| (ix.char_of(s.start as usize) as u32, ix.char_of(s.end as usize) as u32)).collect()
        };
        BratRelation { source: self.source.as_deref().map(conv), cue: conv(&self.cue), content: conv(&self.content) }
    }
}

fn kind(a: &Analysis, r: &TokRelation) -> Kind {
    if r.cue.iter().any(|&i| a.toks.get(i).is_some_and(|t| t.lemma == "according")) {
        return Kind::AccordingTo;
    }
    if r.source.is_none() {
        return Kind::NoSource;
    }
    let toks = || r.content.iter().flat_map(|&(s, e)| s..e).filter_map(|i| a.toks.get(i));
    let quoted = toks().filter(|t| t.quoted || t.close_quote).count();
    let total = toks().count();
    if total > 0 && quoted == total {
        Kind::Direct
    } else if quoted > 0 {
        Kind::Mixed
    } else {
        Kind::Indirect
    }
}

/// Extracts attributions from a document whose token layers are named by `tags`.
/// Never fails: a document without tokens or parses yields nothing.
pub fn extract_with(doc: &Document, tags: &Tagset, model: &Model) -> Vec<Attribution> {
    let a = Analysis::new(doc, tags);
    model
        .predict(&a)
        .into_iter()
        .map(|r| Attribution {
            kind: kind(&a, &r),
            source: r.source.as_ref().map(|s| a.byte_spans(s)),
            cue: a.byte_spans(&[(r.cue.first().copied().unwrap_or(0), r.cue.last().map(|x| x + 1).unwrap_or(0))]),
            content: a.byte_spans(&r.content),
        })
        .filter(|r| !r.cue.is_empty() && !r.content.is_empty())
        .collect()
}
