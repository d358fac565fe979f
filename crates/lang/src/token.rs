//! Per-token string properties, hashed once and shared by the tagger and the
//! entity recogniser: normalised form, lower case, shape, affixes, flags and
//! the train-lexicon entry.
//!
//! Training reads CoreNLP's PTB-normalised words (`-LRB-`, ``` `` ```, `''`)
//! while runtime reads raw text (`(`, `“`, `”`); [`canonical`] maps both to
//! one form so the features agree.

use crate::hash::fnv;
use crate::lexicon::{LexEntry, Lexicon};

pub const F_UPPER_INITIAL: u8 = 1;
pub const F_ALL_UPPER: u8 = 2;
pub const F_DIGIT: u8 = 4;
pub const F_HYPHEN: u8 = 8;
pub const F_ALPHA: u8 = 16;
pub const F_SPACE_BEFORE: u8 = 32;
pub const F_SPACE_AFTER: u8 = 64;
pub const F_PERIOD: u8 = 128;

/// Hashed properties of one token.
#[derive(Clone, Copy, Debug, Default)]
pub struct Tok {
    /// Normalised form, case kept.
    pub form: u64,
    /// Lower case, digits mapped to `0` (the lexicon key).
    pub lower: u64,
    /// Collapsed character-class shape (`Xx`, `d,d`, `X.X.`).
    pub shape: u64,
    pub pre: [u64; 3],
    pub suf: [u64; 3],
    pub flags: u8,
    /// Length in chars, capped at 15.
    pub len: u8,
    pub lex: LexEntry,
    /// A tag set by rule (`domain::name_tag`), not by the model.
    pub force: Option<u8>,
}

/// One spelling for PTB-normalised and raw punctuation.
pub fn canonical(form: &str) -> Option<&'static str> {
    Some(match form {
        "``" | "''" | "\"" | "“" | "”" | "„" | "«" | "»" | "″" => "\"",
        "`" | "'" | "‘" | "’" | "‚" => "'",
        "-LRB-" | "(" | "-LSB-" | "[" | "-LCB-" | "{" => "(",
        "-RRB-" | ")" | "-RSB-" | "]" | "-RCB-" | "}" => ")",
        "--" | "—" | "–" | "―" | "---" => "--",
        "..." | "…" | ". . ." => "...",
        _ => return None,
    })
}

/// Streaming FNV-1a, so hashes of transformed strings need no buffer.
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf29ce484222325)
    }
    #[inline]
    fn byte(&mut self, b: u8) {
        self.0 ^= b as u64;
        self.0 = self.0.wrapping_mul(0x100000001b3);
    }
    fn char(&mut self, c: char) {
        let mut b = [0u8; 4];
        for &x in c.encode_utf8(&mut b).as_bytes() {
            self.byte(x);
        }
    }
}

fn shape_class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_ascii_digit() {
        'd'
    } else if c.is_alphabetic() {
        'a'
    } else if c.is_ascii() {
        c
    } else {
        'o'
    }
}

/// Computes a token's properties; `lower` is scratch space reused across calls.
pub fn analyse(form: &str, space_before: bool, space_after: bool, lex: &Lexicon, lower: &mut String) -> Tok {
    let canon = canonical(form);
    let norm = canon.unwrap_or(form);
    let mut t = Tok::default();
    let mut fh = Fnv::new();
    let mut sh = Fnv::new();
    let mut last_class = '\0';
    let mut n_chars = 0usize;
    let mut upper = 0usize;
    let mut alpha = 0usize;
    lower.clear();
    for c in norm.chars() {
        let c = if c == '’' || c == '‘' { '\'' } else { c };
        fh.char(c);
        n_chars += 1;
        let k = shape_class(c);
        if k != last_class {
            sh.char(k);
            last_class = k;
        }
        if c.is_alphabetic() {
            alpha += 1;
            if c.is_uppercase() {
                upper += 1;
                if n_chars == 1 {
                    t.flags |= F_UPPER_INITIAL;
                }
            }
        }
        if c.is_ascii_digit() {
            t.flags |= F_DIGIT;
            lower.push('0');
        } else if c.is_ascii() {
            lower.push(c.to_ascii_lowercase());
        } else {
            lower.extend(c.to_lowercase());
        }
        match c {
            '-' => t.flags |= F_HYPHEN,
            '.' => t.flags |= F_PERIOD,
            _ => {}
        }
    }
    if alpha > 0 {
        t.flags |= F_ALPHA;
        if upper == alpha && alpha > 1 {
            t.flags |= F_ALL_UPPER;
        }
    }
    if space_before {
        t.flags |= F_SPACE_BEFORE;
    }
    if space_after {
        t.flags |= F_SPACE_AFTER;
    }
    t.force = crate::domain::name_tag(form);
    t.form = fh.0;
    t.shape = sh.0;
    t.len = n_chars.min(15) as u8;
    t.lower = fnv(lower.as_bytes());
    // Affixes by characters, so multi-byte letters are never split.
    let bounds: [usize; 3] = {
        let mut b = [lower.len(); 3];
        for (i, (pos, _)) in lower.char_indices().skip(1).take(3).enumerate() {
            b[i] = pos;
        }
        b
    };
    let rbounds: [usize; 3] = {
        let mut b = [0usize; 3];
        for (i, (pos, _)) in lower.char_indices().rev().take(3).enumerate() {
            b[i] = pos;
        }
        b
    };
    for k in 0..3 {
        t.pre[k] = fnv(lower.get(..bounds[k]).unwrap_or("").as_bytes());
        t.suf[k] = fnv(lower.get(rbounds[k]..).unwrap_or("").as_bytes());
    }
    t.lex = lex.get(t.lower);
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_and_ptb_punctuation_agree() {
        let lex = Lexicon::default();
        let mut s = String::new();
        assert_eq!(analyse("``", true, false, &lex, &mut s).form, analyse("“", true, false, &lex, &mut s).form);
        assert_eq!(analyse("-LRB-", true, false, &lex, &mut s).form, analyse("(", true, false, &lex, &mut s).form);
        assert_eq!(analyse("n't", false, true, &lex, &mut s).form, analyse("n’t", false, true, &lex, &mut s).form);
    }

    #[test]
    fn shapes_flags_and_affixes() {
        let lex = Lexicon::default();
        let mut s = String::new();
        let a = analyse("Aleppo", true, true, &lex, &mut s);
        let b = analyse("Idlib", true, true, &lex, &mut s);
        assert_eq!(a.shape, b.shape);
        assert!(a.flags & F_UPPER_INITIAL != 0 && a.flags & F_ALL_UPPER == 0);
        assert_eq!(a.suf[1], fnv(b"po"));
        assert_eq!(a.pre[2], fnv(b"ale"));
        let n = analyse("7,500", true, true, &lex, &mut s);
        assert_eq!(n.lower, fnv(b"0,000"));
        assert!(n.flags & F_DIGIT != 0);
        let u = analyse("حلب", true, true, &lex, &mut s);
        assert_eq!(u.suf[0], fnv("ب".as_bytes()));
        assert_eq!(analyse("NATO", true, true, &lex, &mut s).flags & F_ALL_UPPER, F_ALL_UPPER);
    }
}
