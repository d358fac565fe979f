//! Tag sets. `Tokens::pos` and `Tokens::ner` store `u8` indices into these.

/// Penn Treebank part-of-speech tags, as CoreNLP writes them.
pub const POS_TAGS: &[&str] = &[
    "NN", "NNS", "NNP", "NNPS", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "JJ", "JJR", "JJS", "RB", "RBR",
    "RBS", "DT", "PDT", "IN", "TO", "CC", "CD", "PRP", "PRP$", "WP", "WP$", "WDT", "WRB", "MD", "POS", "RP",
    "EX", "FW", "UH", "LS", "SYM", ",", ".", ":", "``", "''", "-LRB-", "-RRB-", "$", "#",
];

/// Entity types the recogniser predicts (CoreNLP's 12 classes).
pub const ENTITY_TYPES: &[&str] = &[
    "PERSON", "ORGANIZATION", "LOCATION", "MISC", "DATE", "NUMBER", "DURATION", "PERCENT", "MONEY", "TIME",
    "ORDINAL", "SET",
];

/// BIO entity tags: `O`, then `B-T`, `I-T` for each of [`ENTITY_TYPES`] in order,
/// so type `t` has `B` = `1 + 2t` and `I` = `2 + 2t`.
pub const NER_TAGS: &[&str] = &[
    "O", "B-PERSON", "I-PERSON", "B-ORGANIZATION", "I-ORGANIZATION", "B-LOCATION", "I-LOCATION", "B-MISC",
    "I-MISC", "B-DATE", "I-DATE", "B-NUMBER", "I-NUMBER", "B-DURATION", "I-DURATION", "B-PERCENT", "I-PERCENT",
    "B-MONEY", "I-MONEY", "B-TIME", "I-TIME", "B-ORDINAL", "I-ORDINAL", "B-SET", "I-SET",
];

/// Name of a POS tag id ("" if out of range).
pub fn pos_name(id: u8) -> &'static str {
    POS_TAGS.get(id as usize).copied().unwrap_or("")
}

/// Name of a BIO entity tag id ("" if out of range).
pub fn ner_name(id: u8) -> &'static str {
    NER_TAGS.get(id as usize).copied().unwrap_or("")
}

pub fn pos_id(tag: &str) -> Option<u8> {
    POS_TAGS.iter().position(|t| *t == tag).map(|i| i as u8)
}

/// Entity type id (index into [`ENTITY_TYPES`]) of a CoreNLP NER value; `None` for `O`/unknown.
pub fn entity_type_id(value: &str) -> Option<u8> {
    ENTITY_TYPES.iter().position(|t| *t == value).map(|i| i as u8)
}

/// Entity type of a BIO tag id, if it is inside an entity.
pub fn ner_type(id: u8) -> Option<u8> {
    (id >= 1 && (id as usize) < NER_TAGS.len()).then(|| (id - 1) / 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_tables_are_consistent() {
        assert_eq!(POS_TAGS.len(), 45);
        for (t, name) in ENTITY_TYPES.iter().enumerate() {
            assert_eq!(NER_TAGS[1 + 2 * t], format!("B-{name}"));
            assert_eq!(NER_TAGS[2 + 2 * t], format!("I-{name}"));
            assert_eq!(ner_type(1 + 2 * t as u8), Some(t as u8));
        }
        assert_eq!(pos_name(pos_id("PRP$").unwrap()), "PRP$");
        assert_eq!(pos_name(200), "");
        assert_eq!(ner_type(0), None);
    }
}
