//! Character classes the lexer needs. Hand-written because the few classes
//! (combining marks, quote and dash variants) are small and a full Unicode
//! category table would cost a dependency and a lookup per character.

/// Whitespace as the rest of the project sees it (`str::trim`): tokens never
/// contain only these, and every other character ends up inside a token.
#[inline]
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// Characters that never start a token but glue onto the one before:
/// combining marks, joiners, variation selectors, emoji modifiers, soft
/// hyphen. Ranges cover the common blocks (Latin, Greek, Cyrillic, Hebrew,
/// Arabic, Indic, emoji); an unlisted mark just becomes its own token.
#[inline]
pub fn is_extend(c: char) -> bool {
    let u = c as u32;
    if u < 0x300 {
        return u == 0xAD;
    }
    matches!(u,
        0x300..=0x36F | 0x483..=0x489 | 0x591..=0x5BD | 0x5BF | 0x5C1..=0x5C2 | 0x5C4..=0x5C5
        | 0x5C7 | 0x610..=0x61A | 0x64B..=0x65F | 0x670 | 0x6D6..=0x6DC | 0x6DF..=0x6E4
        | 0x6E7..=0x6E8 | 0x6EA..=0x6ED | 0x711 | 0x730..=0x74A | 0x7A6..=0x7B0
        | 0x900..=0x903 | 0x93A..=0x94F | 0x951..=0x957 | 0x962..=0x963
        | 0x981..=0x983 | 0x9BC..=0x9D7 | 0xE31 | 0xE34..=0xE3A | 0xE47..=0xE4E
        | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x200B..=0x200D | 0x2060 | 0x20D0..=0x20FF
        | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F | 0xFEFF | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F
        | 0xE0100..=0xE01EF)
}

/// Letters, digits and underscore: the body of a word.
#[inline]
pub fn is_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    c.is_alphanumeric() || is_extend(c)
}

/// Quote marks that PTB tokenization keeps as (runs of) separate tokens.
#[inline]
pub fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '`' | '‘' | '’' | '“' | '”' | '‚' | '„' | '‛' | '‟')
}

/// Apostrophes that can join clitics ("'s", "n't") and names ("O’Malley").
/// Not "‘": CoreNLP reads "Trump‘s" as a quote, and so do we.
#[inline]
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// Quotes and brackets that close a span and so attach to a sentence that
/// ended just before them.
#[inline]
pub fn is_closer(c: char) -> bool {
    matches!(c, ')' | ']' | '}' | '»' | '›' | '’' | '”' | '\'' | '"')
}
