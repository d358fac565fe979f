//! The fixed dependency label set (CoreNLP's English UD v1 basic relations).
//!
//! Fixed in code rather than learned from data so label ids stored in
//! `Document.tokens.deprels` mean the same thing for every model file.

/// Label names; the id of a label is its index. `root` is id 0.
pub const LABELS: &[&str] = &[
    "root", "punct", "case", "nmod", "nsubj", "det", "compound", "amod", "dobj", "advmod",
    "mark", "aux", "cc", "conj", "nmod:poss", "ccomp", "xcomp", "advcl", "cop", "dep",
    "acl:relcl", "nummod", "acl", "neg", "appos", "auxpass", "nsubjpass", "nmod:tmod",
    "compound:prt", "parataxis", "mwe", "expl", "nmod:npmod", "csubj", "iobj", "det:predet",
    "cc:preconj", "discourse", "csubjpass", "goeswith", "list", "vocative", "foreign",
    "reparandum", "remnant", "dislocated",
];

pub const ROOT: u8 = 0;
pub const PUNCT: u8 = 1;
/// The catch-all relation; labels outside [`LABELS`] are read as this.
pub const DEP: u8 = 19;

pub const N_LABELS: usize = LABELS.len();
const _: () = assert!(N_LABELS < 64, "label sets are kept as u64 bitmasks");

/// Name of a label id (`"dep"` for ids out of range).
pub fn label_name(id: u8) -> &'static str {
    LABELS.get(id as usize).copied().unwrap_or("dep")
}

/// Id of a label name; unknown names map to `dep`.
pub fn label_id(name: &str) -> u8 {
    LABELS.iter().position(|l| *l == name).map(|i| i as u8).unwrap_or(DEP)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_roundtrip_and_constants_match() {
        assert_eq!(LABELS[ROOT as usize], "root");
        assert_eq!(LABELS[DEP as usize], "dep");
        assert_eq!(LABELS[PUNCT as usize], "punct");
        for (i, l) in LABELS.iter().enumerate() {
            assert_eq!(label_id(l) as usize, i);
            assert_eq!(label_name(i as u8), *l);
        }
        assert_eq!(label_id("no-such-label"), DEP);
        assert_eq!(label_name(250), "dep");
    }
}
