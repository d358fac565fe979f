//! Compact string storage for the streaming reconciler: every distinct string
//! (outlet, publication date, figure source, figure text, ...) is kept once in
//! one arena and referred to by a `u32`, so per-claim state is a few integers.

use string_interner::backend::StringBackend;
use string_interner::symbol::{Symbol, SymbolU32};
use string_interner::StringInterner;

/// "No string" for optional fields.
pub(crate) const NONE: u32 = u32::MAX;

/// Distinct strings, each stored once in one arena (string-interner's
/// contiguous backend), ids as plain `u32`s so claim records stay `Copy`.
#[derive(Default)]
pub(crate) struct Interner {
    strings: StringInterner<StringBackend<SymbolU32>>,
    /// Bytes of the distinct strings, for `heap_bytes` (the crate does not report its size).
    bytes: usize,
}

impl Interner {
    pub(crate) fn get(&self, id: u32) -> Option<&str> {
        self.strings.resolve(SymbolU32::try_from_usize(id as usize)?)
    }

    /// The id of `s`, adding it when new.
    pub(crate) fn intern(&mut self, s: &str) -> u32 {
        let before = self.strings.len();
        let id = self.strings.get_or_intern(s).to_usize();
        if self.strings.len() > before {
            self.bytes += s.len();
        }
        u32::try_from(id).unwrap_or(NONE)
    }

    pub(crate) fn intern_opt(&mut self, s: Option<&str>) -> u32 {
        s.map_or(NONE, |s| self.intern(s))
    }

    /// Approximate: the strings, their end offsets and the table's entries.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.bytes + self.strings.len() * (8 + 8 + 4)
    }

    pub(crate) fn get_opt(&self, id: u32) -> Option<&str> {
        if id == NONE { None } else { self.get(id) }
    }
}

/// Strings that are all distinct (document ids): one arena and end offsets,
/// no hash table.
#[derive(Default)]
pub(crate) struct Arena {
    text: String,
    ends: Vec<usize>,
}

impl Arena {
    pub(crate) fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.ends.push(self.text.len());
    }

    pub(crate) fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { *self.ends.get(i - 1)? };
        self.text.get(start..end)
    }

    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        self.text.capacity() + self.ends.capacity() * 8
    }
}

/// An append-only list in fixed-size chunks: unlike a `Vec` it never holds
/// up to twice its length in spare capacity, nor copies everything (old and
/// new buffer alive together) when it grows.
pub(crate) struct Chunks<T> {
    chunks: Vec<Vec<T>>,
    len: usize,
}

/// Items per chunk (a chunk of 64-byte claims is 1 MiB).
const CHUNK: usize = 16 * 1024;

impl<T> Default for Chunks<T> {
    fn default() -> Self {
        Chunks { chunks: Vec::new(), len: 0 }
    }
}

impl<T> Chunks<T> {
    pub(crate) fn push(&mut self, item: T) {
        match self.chunks.last_mut() {
            Some(c) if c.len() < CHUNK => c.push(item),
            _ => {
                let mut c = Vec::with_capacity(CHUNK);
                c.push(item);
                self.chunks.push(c);
            }
        }
        self.len += 1;
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        self.chunks.iter().map(|c| c.capacity() * std::mem::size_of::<T>()).sum::<usize>()
            + self.chunks.capacity() * 24
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &T> {
        self.chunks.iter().flatten()
    }

    /// The kept items in one vector of exact size; each chunk is freed once
    /// copied, so the peak is the kept items plus one chunk.
    pub(crate) fn into_vec_filtered(self, keep: impl Fn(&T) -> bool) -> Vec<T> {
        let n = self.iter().filter(|t| keep(t)).count();
        let mut out = Vec::with_capacity(n);
        for chunk in self.chunks {
            out.extend(chunk.into_iter().filter(|t| keep(t)));
        }
        out
    }
}

/// Approximate heap bytes of a hash map's table (for `Reconciler::heap_parts`).
pub(crate) fn map_bytes<K, V, S>(m: &std::collections::HashMap<K, V, S>) -> usize {
    m.capacity() * (std::mem::size_of::<(K, V)>() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interning_returns_one_id_per_distinct_string() {
        let mut t = Interner::default();
        let a = t.intern("Aleppo");
        let b = t.intern("Idlib");
        assert_ne!(a, b);
        assert_eq!(t.intern("Aleppo"), a);
        assert_eq!(t.get(a), Some("Aleppo"));
        assert_eq!(t.get(b), Some("Idlib"));
        let e = t.intern("");
        assert_eq!(t.get(e), Some(""));
        assert_eq!(t.intern_opt(None), NONE);
        assert_eq!(t.get_opt(NONE), None);
        assert_eq!(t.get(999), None);
    }

    #[test]
    fn chunks_keep_order_across_chunk_boundaries() {
        let mut c = Chunks::default();
        for i in 0..(CHUNK * 2 + 5) {
            c.push(i);
        }
        assert_eq!(c.iter().count(), CHUNK * 2 + 5);
        assert_eq!(c.iter().nth(CHUNK), Some(&CHUNK));
        let odd = c.into_vec_filtered(|i| i % 2 == 1);
        assert_eq!(odd.len(), CHUNK + 2);
        assert_eq!(odd.capacity(), odd.len());
        assert!(odd.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn arena_keeps_order() {
        let mut a = Arena::default();
        a.push("d1");
        a.push("");
        a.push("doc-3");
        assert_eq!((a.get(0), a.get(1), a.get(2), a.get(3)), (Some("d1"), Some(""), Some("doc-3"), None));
        assert_eq!(a.len(), 3);
    }
}
