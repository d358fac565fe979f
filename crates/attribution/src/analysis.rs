//! A read-only view of an analysed document that the extractor works on:
//! per token its text, lemma, tag *names*, head and children, quote depth.
//!
//! `Document` stores tag ids that index the language core's tables; the view
//! resolves them once through a [`Tagset`], so the extractor works the same on
//! our own analyses and on PolNeAR's CoreNLP silver layers (see `silver`).

use corroborate_model::{CharIndex, Document, Span};

/// Names of the tag ids stored in a `Document`'s token layers.
#[derive(Clone, Debug, Default)]
pub struct Tagset {
    pub pos: Vec<String>,
    pub ner: Vec<String>,
    pub deprel: Vec<String>,
}

impl Tagset {
    /// The language core's tables (what `corroborate_lang::Pipeline` writes).
    pub fn lang() -> Tagset {
        use corroborate_lang::{parser::Parser, NER_TAGS, POS_TAGS};
        Tagset {
            pos: POS_TAGS.iter().map(|s| s.to_string()).collect(),
            ner: NER_TAGS.iter().map(|s| s.to_string()).collect(),
            deprel: (0..=u8::MAX).map(|i| Parser::label_name(i).to_string()).collect(),
        }
    }

    /// Id of `name` in `table`, appended if new (used when building documents
    /// from files that carry names).
    pub fn intern(table: &mut Vec<String>, name: &str) -> u8 {
        if let Some(i) = table.iter().position(|t| t == name) {
            return i as u8;
        }
        if table.len() >= 255 {
            return 254; // more than 255 distinct tags cannot occur in PTB/UD; clamp rather than panic
        }
        table.push(name.to_string());
        (table.len() - 1) as u8
    }
}

#[derive(Clone, Debug)]
pub struct Tok {
    /// Byte span into the text.
    pub span: Span,
    /// Code-point offsets.
    pub chars: (u32, u32),
    pub lower: String,
    pub lemma: String,
    pub pos: String,
    pub ner: String,
    pub deprel: String,
    pub head: Option<usize>,
    pub sent: usize,
    /// Inside a double-quoted stretch (“…” or "…").
    pub quoted: bool,
    /// Opening / closing double quote mark.
    pub open_quote: bool,
    pub close_quote: bool,
}

pub struct Analysis<'a> {
    pub text: &'a str,
    pub toks: Vec<Tok>,
    /// Token ranges of sentences.
    pub sents: Vec<(usize, usize)>,
    pub children: Vec<Vec<usize>>,
}

const UNKNOWN: &str = "";

impl<'a> Analysis<'a> {
    pub fn new(doc: &'a Document, tags: &Tagset) -> Analysis<'a> {
        let t = &doc.tokens;
        let ix = CharIndex::new(&doc.text);
        let name = |table: &[String], layer: &[u8], i: usize| -> String {
            layer.get(i).and_then(|&id| table.get(id as usize)).map(String::as_str).unwrap_or(UNKNOWN).to_string()
        };
        let n = t.spans.len();
        let mut sent_of = vec![0usize; n];
        let mut sents = Vec::new();
        for (si, s) in doc.sentences.iter().enumerate() {
            let (a, b) = (s.tokens.0 as usize, (s.tokens.1 as usize).min(n));
            for x in sent_of.iter_mut().take(b).skip(a) {
                *x = si;
            }
            if a < b {
                sents.push((a, b));
            }
        }
        if sents.is_empty() && n > 0 {
            sents.push((0, n));
        }
        let mut toks: Vec<Tok> = (0..n)
            .map(|i| {
                let span = t.spans.get(i).copied().unwrap_or_default();
                let word = doc.slice(span);
                let lower = word.to_lowercase();
                let lemma = match t.lemmas.get(i) {
                    Some(l) if !l.is_empty() => l.to_lowercase(),
                    _ => lower.clone(),
                };
                let head = t.heads.get(i).and_then(|&h| (h != u32::MAX && (h as usize) < n).then_some(h as usize));
                Tok {
                    span,
                    chars: (ix.char_of(span.start as usize) as u32, ix.char_of(span.end as usize) as u32),
                    lower,
                    lemma,
                    pos: name(&tags.pos, &t.pos, i),
                    // BIO ("B-PERSON") and IO ("PERSON") encodings read the same
                    ner: {
                        let n = name(&tags.ner, &t.ner, i);
                        n.strip_prefix("B-").or_else(|| n.strip_prefix("I-")).map(str::to_string).unwrap_or(n)
                    },
                    deprel: name(&tags.deprel, &t.deprels, i),
                    head,
                    sent: sent_of.get(i).copied().unwrap_or(0),
                    quoted: false,
                    open_quote: false,
                    close_quote: false,
                }
            })
            .collect();
        mark_quotes(&mut toks, doc.text.as_str());
        let mut children = vec![Vec::new(); n];
        for (i, tok) in toks.iter().enumerate() {
            if let Some(h) = tok.head {
                if let Some(c) = children.get_mut(h) {
                    c.push(i);
                }
            }
        }
        Analysis { text: &doc.text, toks, sents, children }
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// Token range `[min, max+1)` of the subtree rooted at `i` (projective
    /// parses; the range is clipped to `i`'s sentence).
    pub fn subtree(&self, i: usize) -> (usize, usize) {
        let (mut lo, mut hi) = (i, i);
        let mut stack = vec![i];
        let mut guard = 0usize;
        while let Some(x) = stack.pop() {
            guard += 1;
            if guard > self.toks.len() + 1 {
                break; // cyclic heads from a bad parse
            }
            lo = lo.min(x);
            hi = hi.max(x);
            if let Some(c) = self.children.get(x) {
                stack.extend(c.iter().copied());
            }
        }
        (lo, hi + 1)
    }

    /// Subtree of `i` minus the subtrees of the children for which `skip` holds
    /// (only trimmed from the edges, so the result stays contiguous).
    pub fn subtree_without(&self, i: usize, skip: impl Fn(usize) -> bool) -> (usize, usize) {
        let (mut lo, mut hi) = (i, i + 1);
        for &c in self.children.get(i).map(Vec::as_slice).unwrap_or(&[]) {
            if skip(c) {
                continue;
            }
            let (a, b) = self.subtree(c);
            lo = lo.min(a);
            hi = hi.max(b);
        }
        (lo, hi)
    }

    pub fn sent_range(&self, i: usize) -> (usize, usize) {
        self.toks.get(i).and_then(|t| self.sents.get(t.sent)).copied().unwrap_or((0, self.toks.len()))
    }

    /// Code-point fragments of token ranges.
    pub fn char_frags(&self, ranges: &[(usize, usize)]) -> Vec<(u32, u32)> {
        ranges
            .iter()
            .filter(|(a, b)| a < b)
            .filter_map(|&(a, b)| Some((self.toks.get(a)?.chars.0, self.toks.get(b - 1)?.chars.1)))
            .collect()
    }

    /// Byte spans of token ranges.
    pub fn byte_spans(&self, ranges: &[(usize, usize)]) -> Vec<Span> {
        ranges
            .iter()
            .filter(|(a, b)| a < b)
            .filter_map(|&(a, b)| Some(Span { start: self.toks.get(a)?.span.start, end: self.toks.get(b - 1)?.span.end }))
            .collect()
    }
}

/// A quote mark's direction: 1 opens, -1 closes, 0 either (straight quotes).
pub(crate) fn is_quote_char(s: &str) -> Option<i8> {
    match s {
        "“" | "``" => Some(1),
        "”" => Some(-1),
        "\"" | "''" => Some(0),
        _ => None,
    }
}

/// Marks quote marks and quoted tokens. Straight quotes alternate; curly
/// quotes say their direction. Depth resets at paragraph breaks only when
/// the next paragraph does not open a quote itself (news style repeats the
/// opening mark on each quoted paragraph).
fn mark_quotes(toks: &mut [Tok], text: &str) {
    let mut inside = false;
    let mut prev_end = 0usize;
    for t in toks.iter_mut() {
        let gap = text.get(prev_end..t.span.start as usize).unwrap_or("");
        if gap.contains("\n") && inside {
            inside = false; // an unclosed quote does not leak into the next paragraph
        }
        prev_end = t.span.end as usize;
        let word = text.get(t.span.range()).unwrap_or("");
        match is_quote_char(word) {
            Some(1) => {
                inside = true;
                t.open_quote = true;
            }
            Some(-1) => {
                t.close_quote = inside;
                t.quoted = inside;
                inside = false;
                continue;
            }
            Some(_) => {
                if inside {
                    t.close_quote = true;
                    t.quoted = true;
                    inside = false;
                    continue;
                }
                inside = true;
                t.open_quote = true;
            }
            None => {}
        }
        t.quoted = inside;
    }
}

impl Analysis<'_> {
    /// Tokens overlapping any of the code-point fragments.
    pub fn tokens_in(&self, frags: &[(u32, u32)]) -> Vec<usize> {
        self.toks
            .iter()
            .enumerate()
            .filter(|(_, t)| frags.iter().any(|&(a, b)| t.chars.0 < b && a < t.chars.1))
            .map(|(i, _)| i)
            .collect()
    }
}
