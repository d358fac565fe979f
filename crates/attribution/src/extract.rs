//! The public extraction entry points and the output type.

use crate::analysis::{Analysis, Tagset};
use crate::brat::BratRelation;
use crate::model::{Model, TokRelation};
use crate::rules::Rules;
use crate::speaker::Speaker;
use corroborate_model::{CharIndex, Document, Span};
use std::sync::OnceLock;

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
    if r.cue.iter().any(|&i| a.toks.get(i).is_some_and(|t| t.lower == "according")) {
        return Kind::AccordingTo;
    }
    if r.source.is_none() {
        return Kind::NoSource;
    }
    // a statement reported inside someone else's quotation: those marks are not its own
    if r.cue.iter().any(|&i| a.toks.get(i).is_some_and(|t| t.quoted)) {
        return Kind::Indirect;
    }
    let toks = || r.content.iter().flat_map(|&(s, e)| s..e).filter_map(|i| a.toks.get(i));
    let inside = |i: usize| r.content.iter().any(|&(s, e)| s <= i && i < e);
    // a reduced relative by its words, whatever the parse made of it: a clause
    // opening with its pronoun subject right after a noun ("the cessation of
    // hostilities [he had proposed …]")
    let reduced_relative = |v: usize| {
        let Some(t) = a.toks.get(v) else { return false };
        let (c0, _) = a.subtree(v);
        let noun_before = c0.checked_sub(1).and_then(|p| a.toks.get(p)).is_some_and(|p| p.pos.starts_with("NN") && p.sent == t.sent);
        t.pos.starts_with("VB") && noun_before && a.children.get(v).is_some_and(|k| k.iter().any(|&s| s == c0 && a.toks.get(s).is_some_and(|s| s.pos == "PRP" && s.deprel.starts_with("nsubj"))))
    };
    // quoted words inside a relative clause describe a noun of the content, not the
    // statement ("the cessation he had proposed in an “attempt to avert …”")
    let in_relative = |mut i: usize| {
        for _ in 0..a.len().min(64) {
            let Some(t) = a.toks.get(i) else { return false };
            if matches!(t.deprel.as_str(), "acl:relcl" | "acl") || reduced_relative(i) {
                return true;
            }
            match t.head {
                Some(h) if inside(h) => i = h,
                _ => return false,
            }
        }
        false
    };
    // words only: a quotation's marks and final period may hang elsewhere in the parse
    let word = |i: usize| a.toks.get(i).is_some_and(|t| (t.quoted || t.close_quote) && t.lower.chars().any(char::is_alphanumeric));
    let counted: Vec<usize> = r.content.iter().flat_map(|&(s, e)| s..e).collect();
    let relq = counted.iter().filter(|&&i| word(i) && in_relative(i)).count();
    let quoted_words = counted.iter().filter(|&&i| word(i)).count();
    let quoted = toks().filter(|t| t.quoted || t.close_quote).count();
    let total = toks().count();
    if total > 0 && quoted == total {
        Kind::Direct
    } else if quoted_words > relq {
        Kind::Mixed
    } else {
        Kind::Indirect
    }
}

/// An attribution with its resolved speaker and chain of relays.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub attribution: Attribution,
    pub speaker: Option<Speaker>,
    /// Relays between the speaker and the article, nearest the speaker first.
    pub via: Vec<Speaker>,
}

/// Everything the crate finds in one document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Analysed {
    pub found: Vec<Found>,
    /// Quoted words that are not statements (scare quotes, titles).
    pub scare_quotes: Vec<Span>,
}

/// Extracts attributions from a document whose token layers are named by `tags`.
/// Never fails: a document without tokens or parses yields nothing.
pub fn extract_with(doc: &Document, tags: &Tagset, model: &Model) -> Vec<Attribution> {
    analyse_with(doc, tags, model, Rules::default()).found.into_iter().map(|f| f.attribution).collect()
}

/// Attributions, speakers, relays and scare quotes of one document.
pub fn analyse_with(doc: &Document, tags: &Tagset, model: &Model, rules: Rules) -> Analysed {
    let a = Analysis::new(doc, tags);
    let mut rels = model.predict(&a);
    crate::rules::apply(&a, &mut rels, rules);
    let scare = crate::scare::find(&doc.text);
    // a short quotation with neither source nor cue of saying is a scare quote, not a statement
    let only_quote = |r: &TokRelation| {
        let content = a.byte_spans(&r.content);
        r.source.is_none()
            && content.len() == 1
            && content.first().is_some_and(|c| scare.iter().any(|q| c.contains(*q) && c.len() <= q.len() + 8))
    };
    rels.retain(|r| !only_quote(r));
    let mut speakers = crate::speaker::resolve_all(&a, &rels);
    let via = crate::chain::resolve(&a, &rels, &mut speakers);
    let found: Vec<Found> = rels
        .iter()
        .zip(speakers)
        .zip(via)
        .map(|((r, speaker), via)| Found {
            attribution: Attribution {
                kind: kind(&a, r),
                source: r.source.as_ref().map(|s| a.byte_spans(s)),
                cue: a.byte_spans(&[(r.cue.first().copied().unwrap_or(0), r.cue.last().map(|x| x + 1).unwrap_or(0))]),
                content: a.byte_spans(&r.content),
            },
            speaker,
            via,
        })
        .filter(|f| !f.attribution.cue.is_empty() && !f.attribution.content.is_empty())
        .collect();
    // quoted words that are a statement's whole content are that statement
    let scare_quotes = scare
        .into_iter()
        .filter(|q| {
            !found.iter().any(|f| {
                f.attribution.content.iter().any(|c| c.contains(*q) && c.len() <= q.len() + 8)
            })
        })
        .collect();
    Analysed { found, scare_quotes }
}

/// The model trained on PolNeAR train, compiled into the binary.
static MODEL_BYTES: &[u8] = include_bytes!("../models/attribution.bin");

impl Model {
    /// The embedded model, loaded on first use and shared afterwards.
    pub fn embedded() -> Result<&'static Model, crate::AttributionError> {
        static CELL: OnceLock<Result<Model, String>> = OnceLock::new();
        CELL.get_or_init(|| Model::from_bytes(MODEL_BYTES).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| crate::AttributionError::Model { name: "attribution (embedded)".into(), message: e.clone() })
    }
}

/// Extracts attributions from a document analysed by `corroborate_lang::Pipeline`
/// (tag ids from its tables), with the embedded model. Yields nothing if the
/// document has no parse; see [`Model::embedded`] to surface model errors.
pub fn extract(doc: &Document) -> Vec<Attribution> {
    analyse(doc).found.into_iter().map(|f| f.attribution).collect()
}

/// [`extract`] plus resolved speakers, relays and scare quotes.
pub fn analyse(doc: &Document) -> Analysed {
    static TAGS: OnceLock<Tagset> = OnceLock::new();
    match Model::embedded() {
        Ok(m) => analyse_with(doc, TAGS.get_or_init(Tagset::lang), m, Rules::default()),
        Err(_) => Analysed::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::silver;

    /// Builds a document from CoreNLP-style rows `word lemma start end pos ner head deprel`
    /// (as PolNeAR's token files), then extracts with the embedded model.
    fn check(text: &str, rows: &str) -> (Document, Vec<Attribution>) {
        let tsv: String = rows
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .enumerate()
            .map(|(i, l)| format!("{}\t{}\n", i + 1, l.split_whitespace().collect::<Vec<_>>().join("\t")))
            .collect();
        let sents = corroborate_lang::conll::parse(&tsv).expect("test rows parse");
        let mut tags = Tagset::default();
        let doc = silver::document("t", text, &sents, &mut tags);
        assert!(doc.validate().is_ok());
        let found = extract_with(&doc, &tags, Model::embedded().expect("embedded model loads"));
        (doc, found)
    }

    fn text_of(doc: &Document, spans: &[Span]) -> String {
        spans.iter().map(|s| doc.slice(*s)).collect::<Vec<_>>().join(" | ")
    }

    fn trimmed(s: &str) -> &str {
        s.trim_matches(|c: char| !c.is_alphanumeric())
    }

    #[test]
    fn reported_speech() {
        let (doc, found) = check(
            "Turkey said 7,500 people had left.",
            "Turkey Turkey 0 6 NNP LOCATION 2 nsubj
             said say 7 11 VBD O 0 root
             7,500 7,500 12 17 CD NUMBER 4 nummod
             people people 18 24 NNS O 6 nsubj
             had have 25 28 VBD O 6 aux
             left leave 29 33 VBN O 2 ccomp
             . . 33 34 . O 2 punct",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        let a = &found[0];
        assert_eq!(text_of(&doc, &a.cue), "said");
        assert_eq!(a.source.as_deref().map(|s| text_of(&doc, s)).as_deref(), Some("Turkey"));
        assert_eq!(trimmed(&text_of(&doc, &a.content)), "7,500 people had left");
        assert_eq!(a.kind, Kind::Indirect);
    }

    #[test]
    fn direct_quote_with_speaker_after() {
        let (doc, found) = check(
            "“All the human corridors are a lie,” said Bassem Ayoub, a council member.",
            "“ `` 0 1 `` O 8 punct
             All all 1 4 PDT O 5 det:predet
             the the 5 8 DT O 5 det
             human human 9 14 JJ O 5 amod
             corridors corridor 15 24 NNS O 8 nsubj
             are be 25 28 VBP O 8 cop
             a a 29 30 DT O 8 det
             lie lie 31 34 NN O 11 ccomp
             , , 34 35 , O 11 punct
             ” '' 35 36 '' O 11 punct
             said say 37 41 VBD O 0 root
             Bassem Bassem 42 48 NNP PERSON 13 compound
             Ayoub Ayoub 49 54 NNP PERSON 11 nsubj
             , , 54 55 , O 13 punct
             a a 56 57 DT O 17 det
             council council 58 65 NN O 17 compound
             member member 66 72 NN O 13 appos
             . . 72 73 . O 11 punct",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        let a = &found[0];
        assert_eq!(text_of(&doc, &a.cue), "said");
        assert_eq!(trimmed(&text_of(&doc, &a.content)), "All the human corridors are a lie");
        let src = a.source.as_deref().map(|s| text_of(&doc, s)).unwrap_or_default();
        assert!(src.starts_with("Bassem Ayoub"), "{src}");
        assert_eq!(a.kind, Kind::Direct);
    }

    #[test]
    fn according_to() {
        let (doc, found) = check(
            "The town was shelled overnight, according to Russia's defence ministry.",
            "The the 0 3 DT O 2 det
             town town 4 8 NN O 4 nsubjpass
             was be 9 12 VBD O 4 auxpass
             shelled shell 13 20 VBN O 0 root
             overnight overnight 21 30 RB O 4 advmod
             , , 30 31 , O 4 punct
             according accord 32 41 VBG O 12 case
             to to 42 44 TO O 7 mwe
             Russia Russia 45 51 NNP LOCATION 12 nmod:poss
             's 's 51 53 POS O 9 case
             defence defence 54 61 NN O 12 compound
             ministry ministry 62 70 NN O 4 nmod
             . . 70 71 . O 4 punct",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        let a = &found[0];
        assert_eq!(text_of(&doc, &a.cue), "according to");
        assert_eq!(a.source.as_deref().map(|s| text_of(&doc, s)).as_deref(), Some("Russia's defence ministry"));
        assert_eq!(trimmed(&text_of(&doc, &a.content)), "The town was shelled overnight");
        assert_eq!(a.kind, Kind::AccordingTo);
    }

    /// Raw text through our own tokenizer, tagger and parser, then `extract`.
    #[test]
    fn end_to_end_on_raw_text() {
        let Ok(p) = corroborate_lang::Pipeline::shared() else { return }; // no language model in this build
        if !p.has_parser() {
            return;
        }
        let text = "Turkey said 7,500 people had left. “All the human corridors are a lie,” said Bassem Ayoub, a council member.";
        let mut doc = Document::new("e2e", text, Default::default());
        p.analyse(&mut doc);
        let found = extract(&doc);
        let got: Vec<(String, String, String)> = found
            .iter()
            .map(|a| {
                let src = a.source.as_deref().map(|s| text_of(&doc, s)).unwrap_or_default();
                (src, text_of(&doc, &a.cue), trimmed(&text_of(&doc, &a.content)).to_string())
            })
            .collect();
        assert!(got.contains(&("Turkey".into(), "said".into(), "7,500 people had left".into())), "{got:?}");
        assert!(
            got.iter().any(|(s, c, t)| s.starts_with("Bassem Ayoub") && c == "said" && t == "All the human corridors are a lie"),
            "{got:?}"
        );
    }

    #[test]
    fn no_tokens_no_attributions() {
        let doc = Document::new("e", "Nothing analysed here, he said.", Default::default());
        assert!(extract(&doc).is_empty());
        let ix = doc.char_index();
        let a = Attribution { kind: Kind::NoSource, source: None, cue: vec![Span::new(23, 25)], content: vec![Span::new(0, 7)] };
        assert_eq!(a.to_brat(&ix).cue, vec![(23, 25)]);
    }
}
