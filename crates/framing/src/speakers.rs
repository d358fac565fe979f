//! Who is speaking at a token: the attribution whose content holds it, a
//! speech or naming verb above it in the parse ("X said ... Y", "X called Y
//! terrorists"), or the speaker introducing a stand-alone quoted paragraph.

use crate::view::View;
use corroborate_model::Span;

/// Verbs that introduce what someone says or how they name something. A
/// closed list kept here rather than in the data files: it decides structure
/// (who speaks), not vocabulary users tune.
pub const SPEECH_VERBS: &[&str] = &[
    "say", "tell", "state", "claim", "report", "announce", "add", "write", "relay", "insist", "allege", "argue",
    "note", "warn", "declare", "deny", "confirm", "explain", "suggest", "post", "tweet", "quote", "cite",
    "accuse", "blame", "assert", "maintain", "stress", "affirm", "charge", "contend", "believe", "complain",
    "describe", "call", "label", "brand", "dub", "term", "denounce", "characterize", "characterise",
    "depict", "portray", "refer", "lump", "condemn", "read",
];

/// Objects that make a speech verb something else: "claiming the lives of
/// two", "claimed responsibility".
const NOT_SPEECH_OBJECTS: &[&str] = &["life", "lives", "responsibility", "victim", "toll"];

/// Whether token `v` is a speech verb used as one.
pub fn is_speech_verb(view: &View<'_>, v: usize) -> bool {
    view.is_any(v, SPEECH_VERBS) && !has_non_speech_object(view, v)
}

pub fn has_non_speech_object(view: &View<'_>, v: usize) -> bool {
    view.children(v).iter().any(|&c| matches!(view.deprel(c), "dobj" | "nsubjpass") && view.is_any(c, NOT_SPEECH_OBJECTS))
}

/// Verbs whose object is named by a term: "X called Y terrorists".
pub const NAMING_VERBS: &[&str] =
    &["describe", "call", "label", "brand", "dub", "term", "denounce", "characterize", "characterise", "depict", "portray", "refer", "lump"];

const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "you", "this", "that", "who", "which"];
/// Subjects that name nobody: "one can't deny", "no one said".
const INDEFINITE: &[&str] = &["one", "no one", "nobody", "anyone", "anybody", "everyone", "everybody", "someone", "somebody"];

/// One attribution relation as framing needs it.
pub struct Statement {
    /// Position among the document's attribution relations (the contract's index).
    pub index: usize,
    pub cue: Vec<Span>,
    pub content: Vec<Span>,
    /// Attr `speaker` when the attribution stage resolved one, else the source text.
    pub speaker: Option<String>,
}

impl Statement {
    pub fn all(view: &View<'_>) -> Vec<Statement> {
        view.doc
            .relations
            .iter()
            .filter(|r| r.name == "attribution")
            .enumerate()
            .map(|(index, r)| {
                let source = r.arg("source");
                let from_source = source.first().map(|f| source.iter().fold(*f, |a, b| a.cover(*b)));
                let speaker = r
                    .attr("speaker")
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .or_else(|| from_source.map(|s| view.text(s).trim().to_string()).filter(|s| !s.is_empty()));
                Statement { index, cue: r.arg("cue").to_vec(), content: r.arg("content").to_vec(), speaker }
            })
            .collect()
    }

    fn content_len(&self) -> usize {
        // Saturating: spans from a stored document are not trusted to be ordered.
        self.content.iter().map(|s| s.end.saturating_sub(s.start) as usize).sum()
    }
}

/// The innermost statement whose content contains `span`.
pub fn statement_containing(statements: &[Statement], span: Span) -> Option<&Statement> {
    statements
        .iter()
        .filter(|s| s.content.iter().any(|c| c.contains(span)))
        .min_by_key(|s| s.content_len())
}

/// A speaker found for a token.
pub struct Speaker {
    pub name: String,
    /// The speech verb token, when a verb in the parse gave the speaker.
    pub verb: Option<usize>,
}

/// The subject of the nearest speech verb above token `i`, reached from its
/// content side (not through its subject), or of a speech verb tagged on
/// after the clause ("Government forces resumed shelling, officials told
/// Reuters"). Passive "described as X by Y" gives Y. Subjects that name
/// nobody ("one can't deny") are passed over.
pub fn verb_speaker(view: &View<'_>, i: usize) -> Option<Speaker> {
    let mut from = i;
    let mut at = i;
    for _ in 0..64 {
        if at != i {
            let through_subject = matches!(view.deprel(from), "nsubj" | "nsubjpass" | "csubj");
            if !through_subject && view.is_verb(at) && is_speech_verb(view, at) {
                if let Some(name) = subject_of(view, at).filter(|n| !is_indefinite(n)) {
                    return Some(Speaker { name, verb: Some(at) });
                }
            }
        }
        // A speech verb after the clause, hanging off its head.
        let tag = view.children(at).iter().copied().find(|&c| {
            c > at
                && c != from
                && matches!(view.deprel(c), "ccomp" | "parataxis" | "dep" | "advcl")
                && view.is_verb(c)
                && is_speech_verb(view, c)
                && view.child(c, &["ccomp"]).is_none()
        });
        if let Some(name) = tag.and_then(|c| subject_of(view, c)).filter(|n| !is_indefinite(n)) {
            return Some(Speaker { name, verb: tag });
        }
        from = at;
        at = view.head(at)?;
    }
    None
}

fn is_indefinite(name: &str) -> bool {
    INDEFINITE.contains(&name.to_lowercase().as_str())
}

/// The subject of verb `v` as a speaker name: a proper-noun apposition
/// ("An activist, Bassem Ayoub") is preferred; conjoined verbs share the
/// first verb's subject; passives give their "by" agent.
pub fn subject_of(view: &View<'_>, v: usize) -> Option<String> {
    let subj = view.child(v, &["nsubj"]).or_else(|| {
        // "described as terrorists by state media"
        view.children(v).iter().copied().find(|&c| {
            view.deprel(c) == "nmod" && view.child(c, &["case"]).is_some_and(|k| view.lemma(k) == "by")
        })
    });
    let subj = match subj {
        Some(s) => s,
        // "X condemned the attack and called them terrorists"
        None if matches!(view.deprel(v), "conj" | "xcomp" | "advcl") => return subject_of(view, view.head(v)?),
        None => return None,
    };
    Some(noun_phrase(view, subj))
}

/// The text naming the party headed by `n`: a proper-noun apposition if
/// there is one, else the phrase without relative clauses and appositions.
pub fn noun_phrase(view: &View<'_>, n: usize) -> String {
    if let Some(a) = view.child(n, &["appos"]) {
        if view.pos(a).starts_with("NNP") {
            if let Some(s) = view.subtree_span(a, &|c| matches!(view.deprel(c), "acl:relcl" | "punct")) {
                return view.text(s).trim().to_string();
            }
        }
    }
    // Without relative clauses, appositions and time or place words the
    // parser hung on the noun ("Thursday the Observatory", "In recent days experts").
    let skip = |c: usize| {
        matches!(view.deprel(c), "acl:relcl" | "appos" | "punct" | "acl" | "nmod:tmod" | "advmod")
            || (view.deprel(c) == "nmod" && (c < n || view.is_time(c)))
    };
    // A determiner alone is no name (a misparse).
    if view.subtree(n, &skip).iter().all(|&t| matches!(view.pos(t), "DT" | "PDT") || view.is_punct(t)) {
        return String::new();
    }
    view.phrase_span(n, &skip).map(|s| view.text(s).trim().to_string()).unwrap_or_default()
}

pub fn is_pronoun(name: &str) -> bool {
    PRONOUNS.contains(&name.to_lowercase().as_str()) || is_indefinite(name)
}

const QUOTE_CLOSE: &[&str] = &["”", "\"", "''", "»"];

/// For a token inside a quotation that ends its sentence with a speech tag
/// (“...,” the statement read / “...,” said Lavrov): the tag's speaker. Read
/// off the tokens, not the parse, because the parser often fails on such
/// tags.
pub fn quote_tag_speaker(view: &View<'_>, i: usize) -> Option<String> {
    let k = view.sentence_of(i)?;
    let toks = view.sentence_tokens(k);
    // The closing quote after `i` whose tag runs to the end of the sentence.
    let close = (i + 1..toks.end).find(|&t| QUOTE_CLOSE.contains(&view.lower(t)))?;
    let mut tag: Vec<usize> = (close + 1..toks.end).filter(|&t| !view.is_punct(t)).collect();
    if tag.is_empty() || tag.len() > 8 {
        return None;
    }
    // Nothing quoted after the tag.
    if (close + 1..toks.end).any(|t| QUOTE_CLOSE.contains(&view.lower(t)) || matches!(view.lower(t), "“" | "``")) {
        return None;
    }
    let v = tag.iter().position(|&t| is_speech_verb(view, t))?;
    let speaker: Vec<usize> = if v > 0 { tag.drain(..v).collect() } else { tag.drain(1..).collect() };
    let name = view.range_span(*speaker.first()?, *speaker.last()? + 1).map(|s| view.text(s).trim().to_string())?;
    (!name.is_empty() && !is_indefinite(&name)).then_some(name)
}

/// For a token in a paragraph that opens with a quotation mark and has no
/// speech verb of its own: the subject of the previous paragraph's last
/// sentence when that sentence introduces speech (a speech verb as its root,
/// or it ends with a colon).
pub fn quote_paragraph_speaker(view: &View<'_>, i: usize) -> Option<String> {
    let text = view.doc.text.as_str();
    let at = view.span(i)?.start as usize;
    let para_start = text.get(..at)?.rfind("\n\n").map(|p| p + 2).unwrap_or(0);
    let opening = text.get(para_start..)?.trim_start().chars().next()?;
    if !matches!(opening, '"' | '“' | '‘' | '\'' | '«') {
        return None;
    }
    // The sentence ending just before this paragraph.
    let k = view.doc.sentences.iter().rposition(|s| (s.span.end as usize) <= para_start)?;
    let toks = view.sentence_tokens(k);
    let root = toks.clone().find(|&t| view.head(t).is_none() && !view.is_punct(t))?;
    let ends_colon = toks.clone().last().is_some_and(|t| view.lower(t) == ":");
    if !(ends_colon || is_speech_verb(view, root)) {
        return None;
    }
    subject_of(view, root).filter(|s| !s.is_empty())
}
