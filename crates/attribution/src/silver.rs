//! Documents built from PolNeAR's CoreNLP silver layers (`tokens/<stem>.tsv`),
//! for developing and training on analyses independent of our own models.
//! Tag names are interned into a [`Tagset`] owned by the caller.

use crate::analysis::Tagset;
use crate::AttributionError;
use corroborate_model::{CharIndex, Document, Meta, Sentence, Span};
use std::path::Path;

/// Builds a `Document` from `text` and the sentences of a token file.
/// Tokens whose offsets do not fit the text are dropped with a diagnostic.
pub fn document(id: &str, text: &str, sents: &[corroborate_lang::conll::Sent], tags: &mut Tagset) -> Document {
    let mut doc = Document::new(id, text, Meta::default());
    let ix = CharIndex::new(text);
    let mut dropped = 0usize;
    for s in sents {
        let base = doc.tokens.spans.len();
        // sentence-local index -> document index (None when dropped)
        let mut map: Vec<Option<usize>> = Vec::with_capacity(s.len());
        for k in 0..s.len() {
            let (Some(&a), Some(&b)) = (s.starts.get(k), s.ends.get(k)) else { continue };
            let span = Span::new(ix.byte_of(a as usize), ix.byte_of(b as usize)).trim(text);
            let prev_end = doc.tokens.spans.last().map(|p| p.end).unwrap_or(0);
            if span.is_empty() || span.start < prev_end || span.slice(text).is_none() {
                map.push(None);
                dropped += 1;
                continue;
            }
            map.push(Some(doc.tokens.spans.len()));
            doc.tokens.spans.push(span);
        }
        for (k, m) in map.iter().enumerate() {
            if m.is_none() {
                continue;
            }
            fn field(v: &[String], k: usize) -> &str {
                v.get(k).map(String::as_str).unwrap_or("")
            }
            doc.tokens.pos.push(Tagset::intern(&mut tags.pos, field(&s.pos, k)));
            doc.tokens.ner.push(Tagset::intern(&mut tags.ner, field(&s.ner, k)));
            doc.tokens.deprels.push(Tagset::intern(&mut tags.deprel, field(&s.deprels, k)));
            doc.tokens.lemmas.push(field(&s.lemmas, k).into());
            let head = s.heads.get(k).copied().unwrap_or(0);
            let h = if head == 0 { None } else { map.get(head as usize - 1).copied().flatten() };
            doc.tokens.heads.push(h.map(|h| h as u32).unwrap_or(u32::MAX));
        }
        let end = doc.tokens.spans.len();
        if end > base {
            let span = Span { start: doc.tokens.spans[base].start, end: doc.tokens.spans[end - 1].end };
            doc.sentences.push(Sentence { tokens: (base as u32, end as u32), span });
        }
    }
    if dropped > 0 {
        doc.diagnose(
            corroborate_model::Severity::Warning,
            "attribution:silver",
            format!("{dropped} tokens with offsets outside the text or overlapping were dropped"),
        );
    }
    doc
}

/// Loads `dir/text/<stem>.txt` with `dir/tokens/<stem>.tsv`.
pub fn load(dir: &Path, stem: &str, tags: &mut Tagset) -> Result<Document, AttributionError> {
    let tp = dir.join("text").join(format!("{stem}.txt"));
    let text = std::fs::read_to_string(&tp).map_err(|e| AttributionError::io(&tp, e))?;
    let kp = dir.join("tokens").join(format!("{stem}.tsv"));
    let sents = corroborate_lang::conll::load_file(&kp).map_err(|e| AttributionError::Model {
        name: kp.display().to_string(),
        message: e.to_string(),
    })?;
    Ok(document(stem, &text, &sents, tags))
}
