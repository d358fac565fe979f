/// Converts byte offsets into Unicode code-point offsets (what brat, PolNeAR
/// and the JSON output contract count), and back.
///
/// Stores one checkpoint every 64 code points, so memory is ~1/16 of the text
/// and each lookup is a binary search plus a short scan.
#[derive(Clone, Debug)]
pub struct CharIndex<'a> {
    text: &'a str,
    /// `(byte offset, char offset)` of every 64th char, always starting with (0, 0).
    marks: Vec<(u32, u32)>,
    ascii: bool,
}

const STRIDE: usize = 64;

impl<'a> CharIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let ascii = text.is_ascii();
        let mut marks = vec![(0u32, 0u32)];
        if !ascii {
            for (ci, (bi, _)) in text.char_indices().enumerate() {
                if ci > 0 && ci % STRIDE == 0 {
                    marks.push((bi as u32, ci as u32));
                }
            }
        }
        CharIndex { text, marks, ascii }
    }

    /// Code-point offset of byte offset `byte`. A byte offset inside a
    /// multi-byte character maps to that character's start; past the end maps
    /// to the character count.
    pub fn char_of(&self, byte: usize) -> usize {
        let mut byte = byte.min(self.text.len());
        if self.ascii {
            return byte;
        }
        while !self.text.is_char_boundary(byte) {
            byte -= 1; // inside a multi-byte character: count from its start
        }
        let i = match self.marks.binary_search_by_key(&(byte as u32), |m| m.0) {
            Ok(i) => return self.marks[i].1 as usize,
            Err(i) => i.saturating_sub(1),
        };
        let (b0, c0) = self.marks[i];
        c0 as usize + self.text.get(b0 as usize..byte).map_or(0, |s| s.chars().count())
    }

    /// Byte offset of code-point offset `ch` (clamped to the text length).
    pub fn byte_of(&self, ch: usize) -> usize {
        if self.ascii {
            return ch.min(self.text.len());
        }
        let i = match self.marks.binary_search_by_key(&(ch as u32), |m| m.1) {
            Ok(i) => return self.marks[i].0 as usize,
            Err(i) => i.saturating_sub(1),
        };
        let (b0, c0) = self.marks[i];
        let rest = ch - c0 as usize;
        self.text[b0 as usize..]
            .char_indices()
            .nth(rest)
            .map(|(b, _)| b0 as usize + b)
            .unwrap_or(self.text.len())
    }

    /// Number of code points in the text.
    pub fn char_len(&self) -> usize {
        self.char_of(self.text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn mixed_scripts() {
        let t = "Aleppo — حلب “9,500” 🚑 ok";
        let ix = CharIndex::new(t);
        for (ci, (bi, _)) in t.char_indices().enumerate() {
            assert_eq!(ix.char_of(bi), ci);
            assert_eq!(ix.byte_of(ci), bi);
        }
        assert_eq!(ix.char_len(), t.chars().count());
        // A byte inside a multi-byte character maps to that character.
        let q = t.find('“').unwrap();
        assert_eq!(ix.char_of(q + 1), ix.char_of(q));
        assert_eq!(ix.char_of(t.len() + 10), t.chars().count());
    }

    proptest! {
        #[test]
        fn roundtrip(s in "\\PC{0,400}") {
            let ix = CharIndex::new(&s);
            for (ci, (bi, _)) in s.char_indices().enumerate() {
                prop_assert_eq!(ix.char_of(bi), ci);
                prop_assert_eq!(ix.byte_of(ci), bi);
            }
            prop_assert_eq!(ix.char_len(), s.chars().count());
            prop_assert_eq!(ix.byte_of(s.chars().count()), s.len());
        }
    }
}
