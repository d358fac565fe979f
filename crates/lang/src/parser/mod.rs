//! Greedy transition-based dependency parser: arc-hybrid transitions, trained
//! with a dynamic oracle and error exploration (Goldberg & Nivre 2012/2013)
//! on a sparse averaged perceptron with Zhang & Nivre (2011) style features.
//!
//! Input is words plus Penn Treebank tags; output is one (head, label) per
//! word, always a well-formed tree with exactly one root.
//!
//! Files: `system` (transitions, legality, oracle costs), `features`
//! (templates over precomputed per-token hashes), `model` (sparse trainer and
//! the compact frozen table + file format), `train` (training loop, eval),
//! `labels` (the fixed label set), `nn` / `nn_train` (the feed-forward scorer
//! whose scores are added to the perceptron's where its choice is close, and
//! its training), `lstm` (the sentence BiLSTM the scorer may read), `gemm`
//! (the small matrix product decoding uses for it).
//!
//! Feature version 3 adds buffer word pairs, the marker child of b0 with
//! both candidate heads (PP attachment) and "verbs still to come" (root
//! choice) to version 2; version-2 files still load (see `V2_FEATS`).
//!
//! A punctuation root is repaired after decoding (`punct_root`): a sentence's
//! opening quote left at the stack bottom became the root of 83 of the 397 dev
//! sentences that open with one, while punctuation heads 74 of 710,883 CoreNLP
//! train arcs.
//!
//! Known weakness: greedy decoding cannot repair an early miss, and with the
//! root kept at the stack bottom a first token that was never reduced ends up
//! as the root (48 of the 385 root errors on dev). Non-projective training
//! trees (~0.6%) are skipped.

mod bf16;
mod features;
mod gemm;
mod labels;
mod lstm;
mod model;
pub mod nn;
mod nn_train;
mod system;
mod train;

pub use labels::{label_id, label_name, LABELS};
pub use nn_train::{train_nn, NnConfig};
pub use train::{choose_first, choose_mix, choose_skip, eval, FIRST_GRID, eval_by, MIX_GRID, SKIP_GRID, train, train_checkpointed, train_with, Scores, TrainStats, PRUNE};

use crate::LangError;
use corroborate_model::Document;
use features::{extract, TokHashes, N_FEATS};
use model::Model;
use system::{State, N_CLASSES, NONE};

/// Bumped whenever feature templates change, so stale model files are refused.
const FEATURE_VERSION: u32 = 3;
/// Version 2 models used the first 119 templates of version 3 (later ones
/// were appended), so they still load and score exactly as they were trained.
const V2_FEATS: usize = 119;

/// A trained parser.
#[derive(Clone, Debug)]
pub struct Parser {
    model: Model,
    /// How many of the extracted templates the model was trained with.
    n_feats: usize,
    /// The feed-forward scorer whose scores are added (times its `mix`) to the
    /// perceptron's, when one is shipped (`models/parser_net.bin`).
    net: Option<nn::Net>,
}

impl Default for Parser {
    fn default() -> Self {
        Parser { model: Model::default(), n_feats: N_FEATS, net: None }
    }
}

/// Reusable per-sentence buffers, so parsing allocates little.
#[derive(Default)]
struct Scratch {
    hashes: TokHashes,
    feats: Vec<u64>,
    ids: nn::SentIds,
    net: nn::NetCache,
}

impl Parser {
    fn header() -> [u32; 3] {
        [labels::N_LABELS as u32, N_FEATS as u32, FEATURE_VERSION]
    }

    /// Loads a model written by [`Parser::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Parser, LangError> {
        let (header, model) = Model::from_bytes(bytes)?;
        let v2 = [labels::N_LABELS as u32, V2_FEATS as u32, 2];
        let n_feats = if header == Self::header() {
            N_FEATS
        } else if header == v2 {
            V2_FEATS
        } else {
            return Err(LangError::model(
                "parser",
                format!("model was built for (labels, features, version) {header:?}, this code expects {:?}", Self::header()),
            ));
        };
        Ok(Parser { model, n_feats, net: None })
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let header = if self.n_feats == V2_FEATS {
            [labels::N_LABELS as u32, V2_FEATS as u32, 2]
        } else {
            Self::header()
        };
        self.model.to_bytes(&header)
    }

    /// A copy without weights below `threshold` (smaller file, slightly less accurate).
    pub fn pruned(&self, threshold: f32) -> Parser {
        Parser { model: self.model.pruned(threshold), n_feats: self.n_feats, net: self.net.clone() }
    }

    /// The mean of models with the same features (see [`Model::mixed`]); None
    /// when they were built for different feature sets.
    pub fn mixed(parsers: &[&Parser]) -> Option<Parser> {
        let n_feats = parsers.first()?.n_feats;
        if parsers.iter().any(|p| p.n_feats != n_feats) {
            return None;
        }
        Some(Parser { model: Model::mixed(&parsers.iter().map(|p| &p.model).collect::<Vec<_>>()), n_feats, net: None })
    }

    /// Number of hashed features kept.
    pub fn n_features(&self) -> usize {
        self.model.n_features()
    }

    /// Number of (feature, class) weights kept.
    pub fn n_weights(&self) -> usize {
        self.model.n_weights()
    }

    /// Name of a label id (see [`LABELS`]).
    pub fn label_name(id: u8) -> &'static str {
        label_name(id)
    }

    /// Parses one sentence. Returns `(head, label)` per word: head is 1-based,
    /// 0 = root. Missing tags (a shorter `pos`) are tolerated.
    pub fn parse(&self, words: &[&str], pos: &[&str]) -> Vec<(u32, u8)> {
        self.parse_with(words, pos, &mut Scratch::default())
    }

    fn parse_with(&self, words: &[&str], pos: &[&str], sc: &mut Scratch) -> Vec<(u32, u8)> {
        let (w_nn, skip) = self.net.as_ref().map(|n| (n.mix, n.skip)).unwrap_or((0.0, f32::INFINITY));
        let first = self.net.as_ref().map_or(f32::INFINITY, |n| n.first);
        self.decode(self.net.as_ref(), 1.0, w_nn, skip, first, words, pos, sc)
    }

    /// Attaches a feed-forward scorer (see [`nn`]); its scores, times its
    /// `mix`, are added to the perceptron's when parsing.
    pub fn with_net(mut self, net: nn::Net) -> Parser {
        self.net = Some(net);
        self
    }

    pub fn net(&self) -> Option<&nn::Net> {
        self.net.as_ref()
    }

    /// Experiments: parses with the perceptron's scores times `w_perc` plus
    /// `net`'s times `w_nn` (either weight may be 0).
    pub fn parse_combined(&self, net: &nn::Net, w_perc: f32, w_nn: f32, words: &[&str], pos: &[&str]) -> Vec<(u32, u8)> {
        self.parse_skipping(net, w_perc, w_nn, f32::INFINITY, words, pos)
    }

    /// [`Parser::parse_combined`], not consulting the net where the perceptron's
    /// lead over the runner-up exceeds `skip`.
    pub fn parse_skipping(&self, net: &nn::Net, w_perc: f32, w_nn: f32, skip: f32, words: &[&str], pos: &[&str]) -> Vec<(u32, u8)> {
        thread_local! {
            static SC: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
        }
        SC.with(|sc| self.decode(Some(net), w_perc, w_nn, skip, f32::INFINITY, words, pos, &mut sc.borrow_mut()))
    }

    /// Net first: the perceptron is consulted only where the net's best legal
    /// move leads the runner-up by at most `first` logits (see [`nn::Net::first`]).
    pub fn parse_net_first(&self, net: &nn::Net, w_nn: f32, first: f32, words: &[&str], pos: &[&str]) -> Vec<(u32, u8)> {
        thread_local! {
            static SC: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
        }
        SC.with(|sc| self.decode(Some(net), 1.0, w_nn, f32::INFINITY, first, words, pos, &mut sc.borrow_mut()))
    }

    #[allow(clippy::too_many_arguments)]
    fn decode(&self, net: Option<&nn::Net>, w_perc: f32, w_nn: f32, skip: f32, first: f32, words: &[&str], pos: &[&str], sc: &mut Scratch) -> Vec<(u32, u8)> {
        let n = words.len();
        if n == 0 {
            return Vec::new();
        }
        let net = net.filter(|_| w_nn != 0.0);
        sc.hashes.fill(words, pos);
        if let Some(net) = net {
            net.sent_ids(words, pos, &mut sc.ids);
            sc.net.reset();
        }
        let mut st = State::new(n);
        let mut scores = [0f32; N_CLASSES];
        let mut s2 = [0f32; N_CLASSES];
        let mut legal = [false; N_CLASSES];
        while !st.is_terminal() {
            st.legal(&mut legal);
            let mut legal_classes = (0..N_CLASSES).filter(|&c| legal[c]);
            let only = match (legal_classes.next(), legal_classes.next()) {
                (Some(c), None) => Some(c),
                _ => None,
            };
            // one legal move (SHIFT onto an empty stack, the final root arc): no need to score
            let class = if let Some(c) = only {
                c
            } else if let Some(net) = net.filter(|_| first < f32::INFINITY) {
                // net first: the perceptron only where the net hesitates
                net.scores_state(&st, &sc.ids, &mut sc.net, &mut s2);
                if margin(&s2, &legal) > first {
                    crate::perceptron::argmax(&s2, Some(&legal))
                } else {
                    extract(&st, &sc.hashes, &mut sc.feats);
                    sc.feats.truncate(self.n_feats);
                    self.model.scores(&sc.feats, &mut scores);
                    for (s, t) in scores.iter_mut().zip(&s2) {
                        *s = *s * w_perc + w_nn * t;
                    }
                    crate::perceptron::argmax(&scores, Some(&legal))
                }
            } else {
                scores.fill(0.0);
                if w_perc != 0.0 {
                    extract(&st, &sc.hashes, &mut sc.feats);
                    sc.feats.truncate(self.n_feats);
                    self.model.scores(&sc.feats, &mut scores);
                    if w_perc != 1.0 {
                        scores.iter_mut().for_each(|s| *s *= w_perc);
                    }
                }
                if let Some(net) = net.filter(|_| skip == f32::INFINITY || w_perc == 0.0 || margin(&scores, &legal) <= skip) {
                    net.scores_state(&st, &sc.ids, &mut sc.net, &mut s2);
                    for (s, t) in scores.iter_mut().zip(&s2) {
                        *s += w_nn * t;
                    }
                }
                crate::perceptron::argmax(&scores, Some(&legal))
            };
            if !st.apply(class) {
                break; // cannot happen (argmax picks a legal class); repaired below
            }
        }
        let mut out = finish_tree(&st);
        punct_root(&mut out, pos);
        out
    }

    /// Parses every sentence of `doc`, filling `doc.tokens.heads` (document
    /// token indices, `u32::MAX` = root) and `doc.tokens.deprels` (label ids).
    /// Tokens outside every sentence are parsed as sentences of their own, so
    /// each token gets a head. `pos_name` maps the document's tag ids to Penn
    /// Treebank tag strings.
    pub fn parse_doc<'a>(&self, doc: &mut Document, pos_name: impl Fn(u8) -> &'a str) {
        let n = doc.tokens.len();
        let mut heads = vec![u32::MAX; n];
        let mut rels = vec![labels::ROOT; n];
        let mut sc = Scratch::default();
        // Both parser models learnt their words from PolNeAR's PTB-spelled token files
        // ("Russia 's", ``, -LRB-, --): raw text's "Russia’s" or curly quotes would
        // read as unknown words, so the parser sees each token's PTB form.
        let forms: Vec<std::borrow::Cow<str>> = doc.tokens.spans.iter().map(|&s| corroborate_tokenize::ptb_form(&doc.text, s)).collect();
        let mut words: Vec<&str> = Vec::new();
        let mut tags: Vec<&str> = Vec::new();
        let mut parse = |a: usize, b: usize, heads: &mut [u32], rels: &mut [u8]| -> Option<usize> {
            words.clear();
            tags.clear();
            for i in a..b {
                words.push(forms.get(i).map(|f| f.as_ref()).unwrap_or(""));
                tags.push(doc.tokens.pos.get(i).map(|&p| pos_name(p)).unwrap_or(""));
            }
            let mut root = None;
            for (k, (h, l)) in self.parse_with(&words, &tags, &mut sc).into_iter().enumerate() {
                if let (Some(hd), Some(rl)) = (heads.get_mut(a + k), rels.get_mut(a + k)) {
                    *hd = if h == 0 { u32::MAX } else { (a as u32) + h - 1 };
                    *rl = l;
                }
                if h == 0 && root.is_none() {
                    root = Some(a + k);
                }
            }
            root
        };
        let span = |i: usize| doc.tokens.spans.get(i).copied();
        let is_location = |i: usize| doc.tokens.ner.get(i).is_some_and(|&t| crate::ner_name(t).ends_with("LOCATION"));
        for (a, b) in units(doc) {
            // A wire dateline ("ALEPPO, Syria (Reuters) -") is no part of the
            // sentence it opens: parsed with it, its place reads as a subject
            // or the sentence as its apposition. The sentence is parsed alone
            // and the dateline hangs from its root as `dep`.
            let d = crate::dateline::dateline_end(&doc.text, span, a, b, is_location).filter(|&d| d > a && d + 2 < b);
            match d {
                Some(d) => {
                    let line_root = parse(a, d, &mut heads, &mut rels);
                    let body_root = parse(d, b, &mut heads, &mut rels);
                    if let (Some(l), Some(r)) = (line_root, body_root) {
                        if let (Some(hd), Some(rl)) = (heads.get_mut(l), rels.get_mut(l)) {
                            *hd = r as u32;
                            *rl = labels::DEP;
                        }
                    }
                }
                None => {
                    parse(a, b, &mut heads, &mut rels);
                }
            }
        }
        doc.tokens.heads = heads;
        doc.tokens.deprels = rels;
    }
}

/// How far the best legal score leads the second best.
fn margin(scores: &[f32; N_CLASSES], legal: &[bool; N_CLASSES]) -> f32 {
    let (mut a, mut b) = (f32::NEG_INFINITY, f32::NEG_INFINITY);
    for (&s, _) in scores.iter().zip(legal).filter(|(_, &l)| l) {
        if s > a {
            b = a;
            a = s;
        } else if s > b {
            b = s;
        }
    }
    a - b
}

/// Token ranges to parse: the document's sentences in order, plus any
/// stretch of tokens no sentence covers (overlapping sentences are skipped).
fn units(doc: &Document) -> Vec<(usize, usize)> {
    let n = doc.tokens.len();
    let mut out = Vec::new();
    let mut done = 0usize;
    let ranges = doc.sentences.iter().map(|s| (s.tokens.0 as usize, (s.tokens.1 as usize).min(n)));
    for (a, b) in ranges.chain(std::iter::once((n, n))) {
        if a < done || a > b {
            continue;
        }
        if a > done {
            out.push((done, a));
        }
        if b > a {
            out.push((a, b));
        }
        done = b;
    }
    out
}

/// Punctuation tags (PTB): in CoreNLP's basic dependencies these head nothing.
fn is_punct_tag(t: &str) -> bool {
    matches!(t, "," | ":" | "." | "``" | "''" | "-LRB-" | "-RRB-")
}

/// A punctuation root hands the root to its non-punctuation dependent with the
/// largest subtree (leftmost on ties) and attaches to it as punct; its other
/// dependents keep their head. A greedy parse ends with a punctuation root when
/// the token was never reduced: typically a sentence's opening quote, left at
/// the stack bottom while the clause after it was hung under it by the final
/// RIGHT arcs. `out` is (head, label) per word, heads 1-based (0 = root).
///
/// Only the root is repaired: an earlier version also forbade every arc onto
/// punctuation while decoding and moved other punctuation dependents up, for
/// +0.02 UAS more, but it changed the parses the attribution model was trained
/// on ("He did, however, note that …" lost its cue; crates/lang SCORES.md log 8).
fn punct_root(out: &mut [(u32, u8)], pos: &[&str]) {
    let n = out.len();
    let punct = |p: u32| p > 0 && pos.get(p as usize - 1).is_some_and(|t| is_punct_tag(t));
    let Some(r) = out.iter().position(|&(h, _)| h == 0).map(|i| i as u32 + 1).filter(|&r| punct(r)) else { return };
    let mut size = vec![1usize; n + 1];
    for i in 1..=n {
        // walk up from each word, counting it in every ancestor
        let mut h = out[i - 1].0;
        let mut guard = 0;
        while h != 0 && guard <= n {
            size[h as usize] += 1;
            h = out.get(h as usize - 1).map(|x| x.0).unwrap_or(0);
            guard += 1;
        }
    }
    let best = (1..=n as u32)
        .filter(|&d| out[d as usize - 1].0 == r && !punct(d))
        .max_by_key(|&d| (size[d as usize], std::cmp::Reverse(d)));
    if let Some(new_root) = best {
        out[new_root as usize - 1] = (0, labels::ROOT);
        out[r as usize - 1] = (new_root, labels::PUNCT);
    }
}

/// Reads the tree out of a final state. A complete run always yields a tree;
/// should a run ever stop early, unattached words go to the root's child.
fn finish_tree(st: &State) -> Vec<(u32, u8)> {
    let n = st.n as usize;
    let root_child = (1..=n).find(|&i| st.heads[i] == 0);
    let Some(r) = root_child.or_else(|| (1..=n).find(|&i| st.heads[i] == NONE)) else {
        return vec![(0, labels::ROOT); n]; // unreachable for n >= 1; stays well-typed
    };
    (1..=n)
        .map(|i| {
            if i == r {
                (0, labels::ROOT)
            } else if st.heads[i] == NONE || st.heads[i] == 0 {
                (r as u32, labels::DEP)
            } else {
                (st.heads[i], st.labels[i])
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn tiny_parser() -> Parser {
        let t = "1\tThe\tthe\t0\t3\tDT\tO\t2\tdet\n2\tarmy\tarmy\t4\t8\tNN\tO\t3\tnsubj\n\
                 3\tsaid\tsay\t9\t13\tVBD\tO\t0\troot\n4\t.\t.\t13\t14\t.\tO\t3\tpunct\n";
        let sents = crate::conll::parse(t).unwrap();
        train_with(&sents, &sents, 3, 0.0, |_, _, _| {}).0
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Whatever the words and tags, parse returns a well-formed tree.
        #[test]
        fn parse_always_returns_a_tree(words in prop::collection::vec("\\PC{1,8}", 0..60),
                                       tags in prop::collection::vec("(NN|VBD|DT|IN|JJ|\\.|,|X)", 0..60)) {
            let p = tiny_parser();
            let w: Vec<&str> = words.iter().map(|s| s.as_str()).collect();
            let t: Vec<&str> = tags.iter().map(|s| s.as_str()).collect();
            let out = p.parse(&w, &t);
            prop_assert_eq!(out.len(), w.len());
            if !w.is_empty() {
                let heads: Vec<u32> = out.iter().map(|x| x.0).collect();
                prop_assert!(system::is_tree(&heads), "{:?}", heads);
                for &(h, l) in &out {
                    prop_assert_eq!(h == 0, l == labels::ROOT);
                }
                // a punctuation root has punctuation dependents only
                let punct = |i: usize| t.get(i).is_some_and(|x| is_punct_tag(x));
                for (d, &(h, _)) in out.iter().enumerate() {
                    if h > 0 && punct(h as usize - 1) && out[h as usize - 1].0 == 0 {
                        prop_assert!(punct(d), "{:?} {:?}", t, out);
                    }
                }
            }
        }
    }

    #[test]
    fn a_punctuation_root_hands_the_root_to_its_largest_dependent() {
        // `` It is one . '' parsed with the opening quote left at the stack bottom:
        // the quote became the root and "one" (with its subtree) its dependent.
        let tags = ["``", "PRP", "VBZ", "CD", ".", "''"];
        let mut out = vec![(0, labels::ROOT), (4, 4), (4, 18), (1, 29), (4, 1), (1, 1)];
        punct_root(&mut out, &tags);
        assert_eq!(out, [(4, labels::PUNCT), (4, 4), (4, 18), (0, labels::ROOT), (4, 1), (1, 1)]);
        // the largest dependent wins: "A" (one word) loses to "B" (two)
        let tags = ["``", "NN", "VBD", "NN"];
        let mut out = vec![(0, labels::ROOT), (1, 29), (1, 29), (3, 8)];
        punct_root(&mut out, &tags);
        assert_eq!(out, [(3, labels::PUNCT), (1, 29), (0, labels::ROOT), (3, 8)]);
        // an all-punctuation sentence keeps its punctuation root
        let tags = ["``", "."];
        let mut out = vec![(0, labels::ROOT), (1, 1)];
        punct_root(&mut out, &tags);
        assert_eq!(out, [(0, labels::ROOT), (1, 1)]);
    }

    #[test]
    fn learns_a_sentence_and_roundtrips() {
        let p = tiny_parser();
        let out = p.parse(&["The", "army", "said", "."], &["DT", "NN", "VBD", "."]);
        let named: Vec<(u32, &str)> = out.iter().map(|&(h, l)| (h, label_name(l))).collect();
        assert_eq!(named, [(2, "det"), (3, "nsubj"), (0, "root"), (3, "punct")]);
        let p2 = Parser::from_bytes(&p.to_bytes()).unwrap();
        assert_eq!(p2.parse(&["The", "army", "said", "."], &["DT", "NN", "VBD", "."]), out);
        assert!(Parser::from_bytes(b"garbage").is_err());
    }

    /// A version-2 file (fewer templates) keeps its header and its template
    /// count through a save/load round trip; unknown headers are refused.
    #[test]
    fn older_feature_set_roundtrips() {
        let mut p = tiny_parser();
        p.n_feats = V2_FEATS;
        let back = Parser::from_bytes(&p.to_bytes()).unwrap();
        assert_eq!(back.n_feats, V2_FEATS);
        let (w, t) = (["The", "army", "said", "."], ["DT", "NN", "VBD", "."]);
        assert_eq!(back.parse(&w, &t), p.parse(&w, &t));
        let other = p.model.to_bytes(&[labels::N_LABELS as u32, 7, 1]);
        assert!(Parser::from_bytes(&other).is_err());
    }

    /// The shipped model matches this code (header check) and parses a plain
    /// news sentence the way CoreNLP does.
    #[test]
    fn shipped_model_loads_and_parses() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/models/parser.bin");
        let Ok(bytes) = std::fs::read(path) else { return }; // not trained yet
        let p = Parser::from_bytes(&bytes).expect("shipped parser.bin is stale: retrain with train_parser");
        let words = ["The", "army", "said", "it", "killed", "20", "fighters", "in", "Aleppo", "."];
        let tags = ["DT", "NN", "VBD", "PRP", "VBD", "CD", "NNS", "IN", "NNP", "."];
        let want = [(2, "det"), (3, "nsubj"), (0, "root"), (5, "nsubj"), (3, "ccomp"), (7, "nummod"),
             (5, "dobj"), (9, "case"), (5, "nmod"), (3, "punct")];
        let got: Vec<(u32, &str)> = p.parse(&words, &tags).iter().map(|&(h, l)| (h, label_name(l))).collect();
        assert_eq!(got, want);
        // with the shipped feed-forward scorer mixed in, as the pipeline parses
        let net_path = concat!(env!("CARGO_MANIFEST_DIR"), "/models/parser_net.bin");
        let Ok(net) = std::fs::read(net_path) else { return };
        let net = nn::Net::from_bytes(&net).expect("shipped parser_net.bin is stale: retrain with train_nn_parser");
        assert!(net.mix > 0.0, "the shipped net has its mixing weight set");
        // net first with a margin no move ever exceeds consults the perceptron
        // everywhere: the same parse as always mixing
        let mixed = p.parse_combined(&net, 1.0, net.mix, &words, &tags);
        assert_eq!(p.parse_net_first(&net, net.mix, f32::MAX, &words, &tags), mixed);
        let p = p.with_net(net);
        let got: Vec<(u32, &str)> = p.parse(&words, &tags).iter().map(|&(h, l)| (h, label_name(l))).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn net_first_decoding_equals_mixing_where_it_consults_the_perceptron() {
        // any sentence, any margin: net first agrees with always mixing when the margin
        // is huge, and with the net alone (perceptron weight 0) when it is negative
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/models/parser.bin")).expect("shipped parser.bin");
        let p = Parser::from_bytes(&bytes).expect("parser loads");
        let net = nn::Net::from_bytes(&std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/models/parser_net.bin")).expect("shipped net")).expect("net loads");
        let words = ["Russia", "'s", "defence", "ministry", "said", "9,500", "people", "had", "left", "eastern", "Aleppo", ",", "but", "Turkey", "put", "the", "figure", "at", "7,500", "."];
        let tags = ["NNP", "POS", "NN", "NN", "VBD", "CD", "NNS", "VBD", "VBN", "JJ", "NNP", ",", "CC", "NNP", "VBD", "DT", "NN", "IN", "CD", "."];
        assert_eq!(p.parse_net_first(&net, net.mix, f32::MAX, &words, &tags), p.parse_combined(&net, 1.0, net.mix, &words, &tags));
        assert_eq!(p.parse_net_first(&net, net.mix, -1.0, &words, &tags), p.parse_combined(&net, 0.0, 1.0, &words, &tags));
    }

    #[test]
    fn a_wire_dateline_is_parsed_apart_and_hangs_from_the_sentence_root() {
        let pipe = crate::Pipeline::shared().expect("language models load");
        let text = "ALEPPO, Syria (Reuters) - At least 39 people died in airstrikes on Thursday, the Syrian Observatory for Human Rights said.";
        let mut doc = Document::new("d", text, Default::default());
        pipe.analyse(&mut doc);
        let t = &doc.tokens;
        let word = |i: usize| &text[t.spans[i].start as usize..t.spans[i].end as usize];
        let dash = (0..t.len()).find(|&i| word(i) == "-").expect("the dash is a token");
        let body_root = (dash + 1..t.len()).find(|&i| t.heads[i] == u32::MAX).expect("the sentence has a root");
        assert_eq!(word(body_root), "said");
        // one dateline token hangs from the sentence's root, as dep; the rest stay inside the dateline
        let out: Vec<usize> = (0..=dash).filter(|&i| t.heads[i] == u32::MAX || t.heads[i] as usize > dash).collect();
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!((t.heads[out[0]] as usize, label_name(t.deprels[out[0]])), (body_root, "dep"));
        // and no word of the sentence hangs in the dateline
        assert!((dash + 1..t.len()).all(|i| t.heads[i] == u32::MAX || t.heads[i] as usize > dash));
    }

    #[test]
    fn parse_doc_fills_document_indices() {
        use corroborate_model::{Meta, Sentence, Span};
        let p = tiny_parser();
        let mut d = Document::new("d", "Hi. The army said.", Meta::default());
        d.tokens.spans = [(0, 2), (2, 3), (4, 7), (8, 12), (13, 17), (17, 18)]
            .iter()
            .map(|&(a, b)| Span::new(a, b))
            .collect();
        d.tokens.pos = vec![0, 1, 2, 3, 4, 1];
        d.sentences = vec![
            Sentence { tokens: (0, 2), span: Span::new(0, 3) },
            Sentence { tokens: (2, 6), span: Span::new(4, 18) },
        ];
        let names = ["UH", ".", "DT", "NN", "VBD"];
        p.parse_doc(&mut d, |t| names.get(t as usize).copied().unwrap_or("NN"));
        assert_eq!(d.tokens.heads.len(), 6);
        assert_eq!(d.tokens.heads[2..], [3, 4, u32::MAX, 4]);
        assert_eq!(label_name(d.tokens.deprels[4]), "root");
        // Exactly one root per sentence, heads inside the sentence.
        assert_eq!(d.tokens.heads[..2].iter().filter(|&&h| h == u32::MAX).count(), 1);
        assert!(d.tokens.heads[..2].iter().all(|&h| h == u32::MAX || h < 2));
        assert!(d.validate().is_ok());
        // Tokens outside every sentence still get heads, within their stretch.
        d.sentences.remove(0);
        p.parse_doc(&mut d, |t| names.get(t as usize).copied().unwrap_or("NN"));
        assert_eq!(d.tokens.heads[..2].iter().filter(|&&h| h == u32::MAX).count(), 1);
        assert_eq!(d.tokens.heads[2..], [3, 4, u32::MAX, 4]);
    }
}
