//! Word lexicon learned from the training tokens: for each lower-cased word
//! (digits as `0`) a frequency class, how often it is capitalised away from
//! sentence starts, its two most frequent tags, and — for frequent words that
//! almost always take one tag — that tag (the tagger's tag dictionary).
//! These stand in for the word clusters CoreNLP uses, without outside data.

use crate::binfmt::{Reader, Writer};
use crate::table::U64Map;
use crate::LangError;
use std::collections::HashMap;

pub const NONE: u8 = 255;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LexEntry {
    /// `freq_bucket << 3 | cap_bucket`; 255 for unknown words.
    pub class: u8,
    pub tag1: u8,
    pub tag2: u8,
    /// Tag-dictionary tag, or [`NONE`].
    pub fixed: u8,
    /// Entity hint: `bucket << 4 | majority IO label`, where bucket grades
    /// how often the word is inside an entity (see [`ent_hint`]); [`NONE`] if unknown.
    pub ent: u8,
}

/// Packs entity-label counts of a word (index 0 = `O`) into a hint byte.
pub fn ent_hint(counts: &[u32]) -> u8 {
    let total: u32 = counts.iter().sum();
    if total == 0 {
        return NONE;
    }
    let inside: u32 = counts.iter().skip(1).sum();
    let r = inside as f32 / total as f32;
    let bucket = if r < 0.1 { 0 } else if r < 0.5 { 1 } else if r < 0.9 { 2 } else { 3 };
    let best = counts.iter().enumerate().skip(1).max_by_key(|(i, c)| (**c, usize::MAX - i)).map(|(i, _)| i).unwrap_or(0);
    let best = if inside == 0 { 0 } else { best.min(15) as u8 };
    bucket << 4 | best
}

impl Default for LexEntry {
    fn default() -> Self {
        LexEntry { class: NONE, tag1: NONE, tag2: NONE, fixed: NONE, ent: NONE }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    index: U64Map,
    entries: Vec<(u64, LexEntry)>,
}

/// Counts gathered over training tokens.
#[derive(Default)]
pub struct LexiconBuilder {
    counts: HashMap<u64, Counts>,
}

#[derive(Default)]
struct Counts {
    total: u32,
    inner: u32,
    inner_cap: u32,
    tags: HashMap<u8, u32>,
    ents: Vec<u32>,
}

impl LexiconBuilder {
    /// Records one token: its lexicon key, whether it starts its sentence,
    /// whether it is capitalised, its tag and its IO entity label.
    pub fn add(&mut self, key: u64, initial: bool, capitalised: bool, tag: u8, ent: u8) {
        let c = self.counts.entry(key).or_default();
        if c.ents.len() <= ent as usize {
            c.ents.resize(ent as usize + 1, 0);
        }
        c.ents[ent as usize] += 1;
        c.total += 1;
        if !initial {
            c.inner += 1;
            c.inner_cap += capitalised as u32;
        }
        *c.tags.entry(tag).or_default() += 1;
    }

    /// Keeps words seen at least `min_count` times (rarer words look unknown in
    /// training too, so the model learns to cope without them).
    pub fn build(self, min_count: u32) -> Lexicon {
        let mut entries: Vec<(u64, LexEntry)> = self
            .counts
            .into_iter()
            .filter(|(_, c)| c.total >= min_count)
            .map(|(k, c)| {
                let freq = (32 - c.total.leading_zeros()).min(15) as u8;
                let cap = if c.inner == 0 {
                    4
                } else {
                    let r = c.inner_cap as f32 / c.inner as f32;
                    if r < 0.05 { 0 } else if r < 0.5 { 1 } else if r < 0.95 { 2 } else { 3 }
                };
                let mut tags: Vec<(u8, u32)> = c.tags.into_iter().collect();
                tags.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                let share = |i: usize| tags.get(i).map(|t| t.1 as f32 / c.total as f32).unwrap_or(0.0);
                let tag_at = |i: usize| if share(i) >= 0.1 { tags.get(i).map(|t| t.0).unwrap_or(NONE) } else { NONE };
                let fixed = if c.total >= 20 && share(0) >= 0.99 { tag_at(0) } else { NONE };
                let ent = ent_hint(&c.ents);
                (k, LexEntry { class: freq << 3 | cap, tag1: tag_at(0), tag2: tag_at(1), fixed, ent })
            })
            .collect();
        entries.sort_by_key(|e| e.0);
        Lexicon::from_entries(entries)
    }
}

impl Lexicon {
    fn from_entries(entries: Vec<(u64, LexEntry)>) -> Self {
        let index = U64Map::new(entries.iter().enumerate().map(|(i, e)| (e.0, i as u32)));
        Lexicon { index, entries }
    }

    #[inline]
    pub fn get(&self, key: u64) -> LexEntry {
        self.index.get(key).and_then(|i| self.entries.get(i as usize)).map(|e| e.1).unwrap_or_default()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn write(&self, w: &mut Writer) {
        w.u32(self.entries.len() as u32);
        for (k, e) in &self.entries {
            w.u64(*k);
            for b in [e.class, e.tag1, e.tag2, e.fixed, e.ent] {
                w.u8(b);
            }
        }
    }

    pub fn read(r: &mut Reader) -> Result<Lexicon, LangError> {
        let n = r.len(13)?;
        let mut entries = Vec::with_capacity(n);
        for _ in 0..n {
            let k = r.u64()?;
            let e = LexEntry { class: r.u8()?, tag1: r.u8()?, tag2: r.u8()?, fixed: r.u8()?, ent: r.u8()? };
            entries.push((k, e));
        }
        Ok(Lexicon::from_entries(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_and_tag_dictionary() {
        let mut b = LexiconBuilder::default();
        for i in 0..30 {
            b.add(1, i % 3 == 0, false, 7, 0); // "the": always tag 7
            b.add(2, false, true, (i % 2) as u8, 5); // "May": ambiguous, capitalised, a DATE
        }
        b.add(3, false, false, 0, 0);
        let lex = b.build(2);
        assert_eq!(lex.len(), 2);
        assert_eq!(lex.get(1).fixed, 7);
        assert_eq!(lex.get(2).fixed, NONE);
        assert_eq!(lex.get(2).class & 7, 3);
        assert_eq!(lex.get(2).ent, 3 << 4 | 5);
        assert_eq!(lex.get(1).ent, 0);
        assert_eq!(ent_hint(&[5, 1, 0, 4]), 2 << 4 | 3);
        assert_eq!(lex.get(3), LexEntry::default());
        let mut w = Writer::default();
        lex.write(&mut w);
        let back = Lexicon::read(&mut Reader::new("lex", &w.buf)).unwrap();
        assert_eq!(back.get(2), lex.get(2));
    }
}
