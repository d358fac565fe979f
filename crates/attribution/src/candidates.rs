//! Candidate source and content spans around a cue, read off the dependency
//! tree, the quote marks and the neighbouring sentences. A learned ranker
//! (see `ranker`) picks among them; each candidate carries the name of the
//! rule that proposed it, which is the ranker's main feature.

use crate::analysis::Analysis;

/// A candidate span: token ranges (several for discontinuous spans), where it
/// came from, and the token it hangs on (for features).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cand {
    pub ranges: Vec<(usize, usize)>,
    pub rule: &'static str,
    pub anchor: usize,
}

impl Cand {
    fn new(ranges: Vec<(usize, usize)>, rule: &'static str, anchor: usize) -> Option<Cand> {
        let ranges: Vec<(usize, usize)> = ranges.into_iter().filter(|(a, b)| a < b).collect();
        (!ranges.is_empty()).then_some(Cand { ranges, rule, anchor })
    }
    pub fn start(&self) -> usize {
        self.ranges.first().map(|r| r.0).unwrap_or(0)
    }
    pub fn end(&self) -> usize {
        self.ranges.last().map(|r| r.1).unwrap_or(0)
    }
    pub fn len(&self) -> usize {
        self.ranges.iter().map(|(a, b)| b - a).sum()
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The token of the cue that attaches outside it (its syntactic head).
pub fn cue_head(a: &Analysis, cue: &[usize]) -> usize {
    let inside = |h: Option<usize>| h.is_some_and(|h| cue.contains(&h));
    cue.iter()
        .copied()
        .find(|&i| !inside(a.toks.get(i).and_then(|t| t.head)) && is_predicate(a, i))
        .or_else(|| cue.iter().copied().find(|&i| !inside(a.toks.get(i).and_then(|t| t.head))))
        .or_else(|| cue.first().copied())
        .unwrap_or(0)
}

fn is_predicate(a: &Analysis, i: usize) -> bool {
    a.toks.get(i).is_some_and(|t| t.pos.starts_with('V') || t.pos.starts_with('N'))
}

fn deprel<'x>(a: &'x Analysis<'_>, i: usize) -> &'x str {
    a.toks.get(i).map(|t| t.deprel.as_str()).unwrap_or("")
}

fn kids<'x>(a: &'x Analysis<'_>, i: usize) -> &'x [usize] {
    a.children.get(i).map(Vec::as_slice).unwrap_or(&[])
}

/// Removes cue tokens from the edges of a range, and splits it around cue
/// tokens inside it.
fn minus(range: (usize, usize), hole: (usize, usize)) -> Vec<(usize, usize)> {
    let (a, b) = range;
    let (h0, h1) = hole;
    if h1 <= a || h0 >= b {
        return vec![(a, b)];
    }
    vec![(a, h0.max(a)), (h1.min(b), b)]
}

/// Trims punctuation-only tokens (except quote marks) from range edges.
fn trim_punct(a: &Analysis, mut r: (usize, usize)) -> (usize, usize) {
    let punct = |i: usize| {
        a.toks.get(i).is_some_and(|t| t.deprel == "punct" && !t.open_quote && !t.close_quote)
            || a.toks.get(i).is_some_and(|t| t.lower == "," || t.lower == "--" || t.lower == "—")
    };
    while r.0 < r.1 && punct(r.0) {
        r.0 += 1;
    }
    while r.1 > r.0 && punct(r.1 - 1) {
        r.1 -= 1;
    }
    r
}

fn trim_all(a: &Analysis, rs: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    rs.into_iter().map(|r| trim_punct(a, r)).filter(|(x, y)| x < y).collect()
}

const CONTENT_RELS: &[&str] = &[
    "ccomp", "xcomp", "dobj", "nmod", "advcl", "parataxis", "csubj", "dep", "conj", "acl", "iobj",
    "advmod", "nsubj", "nsubjpass", "csubjpass", "acl:relcl", "appos", "amod", "nmod:tmod",
];

/// Content candidates for a cue (token indices, sorted).
pub fn content(a: &Analysis, cue: &[usize]) -> Vec<Cand> {
    let mut out: Vec<Cand> = Vec::new();
    let h = cue_head(a, cue);
    let (c0, c1) = (cue.first().copied().unwrap_or(h), cue.last().map(|x| x + 1).unwrap_or(h + 1));
    let (s0, s1) = a.sent_range(h);
    let mut push = |c: Option<Cand>| {
        if let Some(c) = c {
            if !out.iter().any(|o| o.ranges == c.ranges) {
                out.push(c);
            }
        }
    };
    // dependents of the cue tokens
    for &t in cue {
        for &k in kids(a, t) {
            if cue.contains(&k) || !CONTENT_RELS.contains(&deprel(a, k)) {
                continue;
            }
            let st = a.subtree(k);
            let rule = rel_rule("dep:", deprel(a, k));
            push(Cand::new(trim_all(a, minus(st, (c0, c1))), rule, k));
            // without a leading complementizer ("that", "whether", "if")
            let first_mark = kids(a, k).iter().copied().filter(|&m| deprel(a, m) == "mark").min();
            if let Some(m) = first_mark {
                if m == st.0 {
                    push(Cand::new(trim_all(a, minus((m + 1, st.1), (c0, c1))), "dep-nomark", k));
                }
            }
            // cut before each comma that opens a trailing modifier
            for &m in kids(a, k).iter().filter(|&&m| m > k) {
                let (m0, _) = a.subtree(m);
                if m0 > st.0 && a.toks.get(m0 - 1).is_some_and(|t| t.lower == "," || t.lower == "—" || t.lower == "―" || t.lower == "-") {
                    push(Cand::new(trim_all(a, minus((st.0, m0 - 1), (c0, c1))), "dep-comma", k));
                }
            }
            // without a trailing adverbial / relative clause
            let tails: Vec<usize> = kids(a, k).iter().copied().filter(|&m| m > k).collect();
            if let Some(&last) = tails.last() {
                let (l0, _) = a.subtree(last);
                if l0 > k {
                    push(Cand::new(trim_all(a, minus((st.0, l0), (c0, c1))), "dep-notail", k));
                }
            }
            // cut before any deeper modifier that runs to the end of the span
            // ("the reality of climate change[, which makes him …]", "will
            // expand by 1.6 percent[, more than …]"): the annotators stop
            // before such tails about as often as not, and the parser hangs
            // them at any depth of the right edge
            for m in right_edge_tails(a, k, st) {
                let (m0, _) = a.subtree(m);
                push(Cand::new(trim_all(a, minus((st.0, m0), (c0, c1))), "dep-cut", k));
            }
            // and before a comma opening a comparison (", more than half a
            // point less than forecast", ", up from 3 percent"), wherever the
            // parser hung it
            for m in (k + 1..st.1).filter(|&m| a.toks.get(m).is_some_and(|t| t.lower == ",") && comparison_at(a, m + 1)) {
                push(Cand::new(trim_all(a, minus((st.0, m), (c0, c1))), "dep-cut", k));
            }
        }
    }
    // runs of dependents right after the cue ("urged Republicans to join …",
    // "accused Holt of …"), ending with each dependent in turn
    let h_kids: Vec<usize> = kids(a, h).iter().copied().filter(|k| !cue.contains(k)).collect();
    for &k in h_kids.iter().filter(|&&k| k > h) {
        let (k0, k1) = a.subtree(k);
        if k0 >= c1 {
            push(Cand::new(trim_all(a, vec![(c1, k1)]), "run-after", k));
        }
        // inner ends: the dependent without its own trailing dependents
        for &m in kids(a, k).iter().filter(|&&m| m > k) {
            let (m0, _) = a.subtree(m);
            if m0 > c1 {
                push(Cand::new(trim_all(a, vec![(c1, m0)]), "run-after-cut", k));
            }
        }
    }
    // the cue hangs on the content ("…, he said", "according to X, …")
    if let Some(p) = a.toks.get(h).and_then(|t| t.head) {
        let pst = a.subtree(p);
        let hst = a.subtree(h);
        let rule = rel_rule("up:", deprel(a, h));
        push(Cand::new(trim_all(a, minus(pst, hst)), rule, p));
        push(Cand::new(trim_all(a, vec![(pst.0, hst.0.max(pst.0))]), "up-left", p));
        push(Cand::new(trim_all(a, vec![(hst.1.min(pst.1), pst.1)]), "up-right", p));
        // "according to X": the cue sits inside the source phrase, one more step up
        if let Some(g) = a.toks.get(p).and_then(|t| t.head) {
            let gst = a.subtree(g);
            push(Cand::new(trim_all(a, minus(gst, pst)), "up2", g));
        }
    }
    // the sentence around the cue's clause
    let hst = a.subtree(h);
    push(Cand::new(trim_all(a, vec![(s0, hst.0.max(s0))]), "sent-left", h));
    push(Cand::new(trim_all(a, vec![(hst.1.min(s1), s1)]), "sent-right", h));
    push(Cand::new(trim_all(a, vec![(c1.min(s1), s1)]), "after-cue", h));
    // quotes: the nearest quoted stretch before and after the cue (may run over sentences)
    for (rule, q) in [("quote-before", quote_before(a, c0)), ("quote-after", quote_after(a, c1))] {
        if let Some(q) = q {
            push(Cand::new(vec![q], rule, q.0));
            push(Cand::new(vec![(q.0 + 1, q.1.saturating_sub(1))], rule_inner(rule), q.0));
        }
    }
    // “X,” said Y. “Z.” — a quote interrupted by the attribution, resumed in
    // the same sentence or at the start of the next one (same paragraph)
    let next_quote = a.toks.get(h).and_then(|t| a.sents.get(t.sent + 1)).and_then(|&(n0, _)| {
        let gap = a.text.get(a.toks.get(c1.saturating_sub(1))?.span.end as usize..a.toks.get(n0)?.span.start as usize)?;
        (a.toks.get(n0)?.open_quote && !gap.contains('\n')).then(|| quote_after(a, n0)).flatten()
    });
    if let Some(b) = quote_before(a, c0) {
        if let Some(f) = quote_after(a, c1) {
            push(Cand::new(vec![b, f], "quote-both", b.0));
        }
        if let Some(f) = next_quote {
            push(Cand::new(vec![b, f], "quote-both-next", b.0));
        }
    }
    if let Some(f) = next_quote {
        push(Cand::new(vec![f], "quote-next", f.0));
    }
    // neighbouring sentences (speaker after a quote paragraph, colon before one)
    if let Some(&(p0, p1)) = a.toks.get(h).and_then(|t| t.sent.checked_sub(1)).and_then(|i| a.sents.get(i)) {
        push(Cand::new(trim_all(a, vec![(p0, p1)]), "prev-sent", p0));
    }
    if let Some(&(n0, n1)) = a.toks.get(h).and_then(|t| a.sents.get(t.sent + 1)) {
        push(Cand::new(trim_all(a, vec![(n0, n1)]), "next-sent", n0));
    }
    out
}

/// Whether a comparison starts at token `i`: "more / less / fewer than",
/// "up / down from", or a comparative word followed by "than".
fn comparison_at(a: &Analysis, i: usize) -> bool {
    let w = |j: usize| a.toks.get(j).map_or("", |t| t.lower.as_str());
    let comparative = |j: usize| a.toks.get(j).is_some_and(|t| matches!(t.pos.as_str(), "JJR" | "RBR"));
    (comparative(i) && w(i + 1) == "than") || (matches!(w(i), "up" | "down") && w(i + 1) == "from")
}

/// Tokens below `k` whose subtree starts after `k` and ends where `k`'s
/// subtree `st` ends: the modifiers hanging on the right edge, at any depth,
/// outermost first. Bounded by the span's length (each token at most once).
fn right_edge_tails(a: &Analysis, k: usize, st: (usize, usize)) -> Vec<usize> {
    let mut out = Vec::new();
    let mut node = k;
    // the end that counts is the last word: a trailing comma often hangs on `k`
    let end = trim_punct(a, st).1;
    // walk down the rightmost child chain while it reaches the end
    for _ in 0..(st.1 - st.0).min(64) {
        let Some(&last) = kids(a, node).iter().filter(|&&m| m > node && deprel(a, m) != "punct").max() else { break };
        let (m0, m1) = a.subtree(last);
        if m1 < end || m0 <= st.0 {
            break;
        }
        if m0 > k {
            out.push(last);
        }
        node = last;
    }
    out
}

fn rule_inner(rule: &'static str) -> &'static str {
    match rule {
        "quote-before" => "quote-before-in",
        _ => "quote-after-in",
    }
}

/// A stable name per dependency relation (rules must be `'static`).
fn rel_rule(prefix: &str, rel: &str) -> &'static str {
    const UP: &[&str] = &[
        "up:root", "up:ccomp", "up:parataxis", "up:advcl", "up:conj", "up:dep", "up:nmod", "up:xcomp",
        "up:acl", "up:acl:relcl", "up:case", "up:mwe", "up:nsubj", "up:dobj", "up:advmod", "up:amod",
    ];
    const DOWN: &[&str] = &[
        "dep:ccomp", "dep:xcomp", "dep:dobj", "dep:nmod", "dep:advcl", "dep:parataxis", "dep:csubj", "dep:dep",
        "dep:conj", "dep:acl", "dep:iobj", "dep:advmod", "dep:nsubj", "dep:nsubjpass", "dep:csubjpass",
        "dep:acl:relcl", "dep:appos", "dep:amod", "dep:nmod:tmod",
    ];
    let table = if prefix == "up:" { UP } else { DOWN };
    table
        .iter()
        .find(|r| r.strip_prefix(prefix) == Some(rel))
        .copied()
        .unwrap_or(if prefix == "up:" { "up:other" } else { "dep:other" })
}

/// The quoted stretch (open..close inclusive, as a range) ending just before `i`.
fn quote_before(a: &Analysis, i: usize) -> Option<(usize, usize)> {
    let mut j = i;
    // allow a few tokens (", he said" or "said Smith,") between quote and cue
    let lim = i.saturating_sub(12);
    while j > lim {
        j -= 1;
        if a.toks.get(j)?.close_quote {
            let mut k = j;
            while k > 0 && !a.toks.get(k)?.open_quote {
                k -= 1;
            }
            return Some((k, j + 1));
        }
    }
    None
}

fn quote_after(a: &Analysis, i: usize) -> Option<(usize, usize)> {
    let lim = (i + 6).min(a.len());
    for j in i..lim {
        if a.toks.get(j)?.open_quote {
            let mut k = j + 1;
            while k < a.len() && !a.toks.get(k)?.close_quote {
                k += 1;
            }
            return Some((j, (k + 1).min(a.len())));
        }
    }
    None
}

const SOURCE_RELS: &[&str] = &["nsubj", "nsubjpass", "nmod:poss", "nmod", "nmod:agent", "compound", "dobj", "iobj", "amod"];

/// Source candidates for a cue (the ranker may also choose none).
pub fn source(a: &Analysis, cue: &[usize]) -> Vec<Cand> {
    let mut out: Vec<Cand> = Vec::new();
    let h = cue_head(a, cue);
    let (c0, c1) = (cue.first().copied().unwrap_or(h), cue.last().map(|x| x + 1).unwrap_or(h + 1));
    let mut push = |c: Option<Cand>| {
        if let Some(c) = c {
            if !out.iter().any(|o| o.ranges == c.ranges) {
                out.push(c);
            }
        }
    };
    let np_variants = |k: usize, rule: &'static str, out: &mut dyn FnMut(Option<Cand>)| {
        let st = a.subtree(k);
        out(Cand::new(trim_all(a, minus(st, (c0, c1))), rule, k));
        // without apposition / relative clause / trailing modifiers
        let short = a.subtree_without(k, |m| {
            m > k && matches!(deprel(a, m), "appos" | "acl:relcl" | "acl" | "punct" | "nmod" | "conj" | "cc")
        });
        out(Cand::new(trim_all(a, minus(short, (c0, c1))), "np-short", k));
        // without a possessive marker or leading preposition
        let nocase = a.subtree_without(k, |m| matches!(deprel(a, m), "case") && m < k);
        out(Cand::new(trim_all(a, minus(nocase, (c0, c1))), "np-nocase", k));
        // the head word alone, with its compounds
        let core = a.subtree_without(k, |m| !matches!(deprel(a, m), "compound" | "det" | "amod" | "nmod:poss"));
        out(Cand::new(trim_all(a, minus(core, (c0, c1))), "np-core", k));
        // cut before a modifier at any depth of the right edge: keeps an
        // apposition but not the relative clause or date inside it
        // ("Patrick McGinley, a law professor at WVU[, who has been …]")
        for m in right_edge_tails(a, k, st) {
            let (m0, _) = a.subtree(m);
            out(Cand::new(trim_all(a, minus((st.0, m0), (c0, c1))), "np-cut", k));
        }
    };
    let heads_to_try: Vec<usize> = {
        let mut v: Vec<usize> = cue.to_vec();
        // subject of the governing verb for xcomp/conj/relative cues
        if let Some(p) = a.toks.get(h).and_then(|t| t.head) {
            v.push(p);
        }
        v
    };
    for (n, &t) in heads_to_try.iter().enumerate() {
        let from_cue = n < cue.len();
        for &k in kids(a, t) {
            if cue.contains(&k) || !SOURCE_RELS.contains(&deprel(a, k)) {
                continue;
            }
            let rule = if from_cue { src_rule(deprel(a, k)) } else { "gov-subj" };
            if !from_cue && !matches!(deprel(a, k), "nsubj" | "nsubjpass") {
                continue;
            }
            np_variants(k, rule, &mut push);
        }
    }
    // transcripts: "WALLACE: ..." — the speaker label before a colon cue
    if cue.len() == 1 && a.toks.get(h).is_some_and(|t| t.lower == ":") {
        let (s0, _) = a.sent_range(h);
        let line_start = (s0..h)
            .rev()
            .find(|&i| {
                let prev_end = i.checked_sub(1).and_then(|j| a.toks.get(j)).map(|t| t.span.end as usize).unwrap_or(0);
                a.toks.get(i).and_then(|t| a.text.get(prev_end..t.span.start as usize)).is_some_and(|g| g.contains('\n'))
            })
            .unwrap_or(s0);
        push(Cand::new(vec![(line_start, h)], "colon-label", line_start));
    }
    // the cue is inside the source phrase ("according to X": X heads the cue)
    if let Some(p) = a.toks.get(h).and_then(|t| t.head) {
        if matches!(deprel(a, h), "case" | "mwe" | "amod" | "compound" | "acl" | "acl:relcl" | "appos") {
            let rule = if deprel(a, h) == "case" { "head-of-case" } else { "head-of-mod" };
            let st = a.subtree(p);
            push(Cand::new(trim_all(a, minus(st, a.subtree(h))), rule, p));
            np_variants(p, rule, &mut push);
        }
    }
    out
}

fn src_rule(rel: &str) -> &'static str {
    match rel {
        "nsubj" => "src:nsubj",
        "nsubjpass" => "src:nsubjpass",
        "nmod:poss" => "src:poss",
        "nmod" => "src:nmod",
        "nmod:agent" => "src:agent",
        "compound" => "src:compound",
        "dobj" => "src:dobj",
        "iobj" => "src:iobj",
        _ => "src:other",
    }
}
