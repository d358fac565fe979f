//! Sparse features for the cue tagger and the span rankers.

use crate::analysis::Analysis;
use crate::candidates::Cand;
use corroborate_lang::perceptron::{feat, Feat};

/// Cue tag classes: outside, begins a cue, continues a cue.
pub const O: usize = 0;
pub const B: usize = 1;
pub const I: usize = 2;
const TAGS: [&str; 3] = ["O", "B", "I"];

fn tok_str(a: &Analysis, i: Option<usize>, f: impl Fn(&crate::analysis::Tok) -> &str) -> String {
    i.and_then(|i| a.toks.get(i)).map(|t| f(t).to_string()).unwrap_or_else(|| "<none>".to_string())
}

/// Features of token `i` given the previous token's tag.
pub fn cue_features(a: &Analysis, i: usize, prev: usize, out: &mut Vec<Feat>) {
    cue_base_features(a, i, out);
    push_cue_prev_features(a, i, prev, out);
}

/// The features of token `i` that depend on the previous token's tag (appended).
pub fn push_cue_prev_features(a: &Analysis, i: usize, prev: usize, out: &mut Vec<Feat>) {
    let Some(t) = a.toks.get(i) else { return };
    let prev_tag = TAGS.get(prev).copied().unwrap_or("O");
    out.push(feat(17, &[prev_tag]));
    out.push(feat(18, &[prev_tag, &t.lemma]));
    out.push(feat(19, &[prev_tag, &t.pos]));
    out.push(feat(20, &[prev_tag, &t.deprel, &t.pos]));
}

/// The features of token `i` that do not depend on the previous tag (`out` cleared first).
pub fn cue_base_features(a: &Analysis, i: usize, out: &mut Vec<Feat>) {
    out.clear();
    let Some(t) = a.toks.get(i) else { return };
    let (s0, s1) = a.sent_range(i);
    let p = |k: isize| -> Option<usize> {
        let j = i as isize + k;
        (j >= s0 as isize && (j as usize) < s1).then_some(j as usize)
    };
    let lem = |k| tok_str(a, p(k), |t| &t.lemma);
    let pos = |k| tok_str(a, p(k), |t| &t.pos);
    let head = t.head;
    let hl = tok_str(a, head, |t| &t.lemma);
    let hp = tok_str(a, head, |t| &t.pos);
    out.push(feat(0, &["bias"]));
    out.push(feat(1, &[&t.lower]));
    out.push(feat(2, &[&t.lemma]));
    out.push(feat(3, &[&t.pos]));
    out.push(feat(4, &[&t.deprel]));
    out.push(feat(5, &[&t.lemma, &t.deprel]));
    out.push(feat(6, &[&t.lemma, &t.pos]));
    out.push(feat(7, &[&hl]));
    out.push(feat(8, &[&hp, &t.deprel]));
    out.push(feat(9, &[&t.lemma, &hl]));
    out.push(feat(10, &[&lem(-1)]));
    out.push(feat(11, &[&lem(1)]));
    out.push(feat(12, &[&pos(-1), &t.pos]));
    out.push(feat(13, &[&t.pos, &pos(1)]));
    out.push(feat(14, &[&lem(-1), &t.lemma]));
    out.push(feat(15, &[&t.lemma, &lem(1)]));
    out.push(feat(16, &[&lem(-2), &lem(-1), &t.lemma]));
    out.push(feat(21, &[if t.quoted { "q" } else { "-" }, &t.pos]));
    out.push(feat(22, &[&t.ner]));
    out.push(feat(23, &[&lem(1), &lem(2)]));
    let mut has_comp = false;
    for &c in a.children.get(i).map(Vec::as_slice).unwrap_or(&[]) {
        let Some(ct) = a.toks.get(c) else { continue };
        out.push(feat(24, &[&ct.deprel]));
        out.push(feat(25, &[&t.lemma, &ct.deprel]));
        if matches!(ct.deprel.as_str(), "ccomp" | "parataxis") {
            has_comp = true;
        }
        if ct.open_quote || ct.close_quote {
            out.push(feat(26, &["quote-child", &t.pos]));
        }
    }
    out.push(feat(27, &[if has_comp { "comp" } else { "-" }, &t.pos]));
    let (prev_q, next_q) = (
        p(-1).and_then(|j| a.toks.get(j)).is_some_and(|t| t.close_quote || t.lower == ","),
        p(1).and_then(|j| a.toks.get(j)).is_some_and(|t| t.open_quote),
    );
    out.push(feat(28, &[if prev_q { "pq" } else { "-" }, if next_q { "nq" } else { "-" }, &t.pos]));
    // who the predicate's subject is (people and organisations speak)
    let mut kid_rels: Vec<&str> = Vec::new();
    for &c in a.children.get(i).map(Vec::as_slice).unwrap_or(&[]) {
        let Some(ct) = a.toks.get(c) else { continue };
        kid_rels.push(ct.deprel.as_str());
        if ct.deprel.starts_with("nsubj") {
            let kind = if ct.pos == "PRP" { "PRP" } else if ct.ner != "O" && !ct.ner.is_empty() { &ct.ner } else { &ct.pos };
            out.push(feat(30, &[kind, &t.pos]));
            out.push(feat(31, &[kind, &t.lemma]));
        }
    }
    kid_rels.sort_unstable();
    kid_rels.dedup();
    out.push(feat(32, &[&kid_rels.join(","), &t.pos]));
    let gl = tok_str(a, head.and_then(|h| a.toks.get(h)).and_then(|h| h.head), |t| &t.lemma);
    out.push(feat(33, &[&gl, &t.deprel]));
    out.push(feat(34, &[&lem(-1), &t.lemma, &lem(1)]));
    // the governing predicate's own head relation: cues under "according to" etc.
    out.push(feat(29, &[&t.lemma, &tok_str(a, head, |t| &t.deprel)]));
}

fn bucket(n: usize) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2 => "2",
        3 => "3",
        4..=5 => "4-5",
        6..=10 => "6-10",
        11..=20 => "11-20",
        21..=40 => "21-40",
        _ => "41+",
    }
}

/// Features of a source or content candidate (`None` = "no source").
pub fn span_features(a: &Analysis, cue: &[usize], head: usize, cand: Option<&Cand>, out: &mut Vec<Feat>) {
    out.clear();
    let ht = a.toks.get(head);
    let cl = ht.map(|t| t.lemma.as_str()).unwrap_or("");
    let cd = ht.map(|t| t.deprel.as_str()).unwrap_or("");
    let cp = ht.map(|t| t.pos.as_str()).unwrap_or("");
    let cue_text: String = cue.iter().filter_map(|&i| a.toks.get(i)).map(|t| t.lemma.as_str()).collect::<Vec<_>>().join(" ");
    let Some(c) = cand else {
        out.push(feat(40, &["none"]));
        out.push(feat(41, &["none", cl]));
        out.push(feat(42, &["none", cd]));
        out.push(feat(43, &["none", cp]));
        out.push(feat(44, &["none", &cue_text]));
        let has_subj = a.children.get(head).is_some_and(|k| {
            k.iter().any(|&x| a.toks.get(x).is_some_and(|t| t.deprel.starts_with("nsubj")))
        });
        out.push(feat(45, &["none", if has_subj { "subj" } else { "-" }, cd]));
        return;
    };
    let r = c.rule;
    let (s, e) = (c.start(), c.end());
    let c0 = cue.first().copied().unwrap_or(head);
    let side = if e <= c0 { "before" } else if s > c0 { "after" } else { "around" };
    let len = bucket(c.len());
    let first = a.toks.get(s);
    let last = e.checked_sub(1).and_then(|i| a.toks.get(i));
    let w = |t: Option<&crate::analysis::Tok>| t.map(|t| t.lower.clone()).unwrap_or_default();
    let p = |t: Option<&crate::analysis::Tok>| t.map(|t| t.pos.clone()).unwrap_or_default();
    let before = s.checked_sub(1).and_then(|i| a.toks.get(i));
    let after = a.toks.get(e);
    out.push(feat(50, &[r]));
    out.push(feat(51, &[r, cl]));
    out.push(feat(52, &[r, cd]));
    out.push(feat(53, &[r, cp]));
    out.push(feat(54, &[r, len]));
    out.push(feat(55, &[r, side]));
    out.push(feat(56, &[len, side]));
    out.push(feat(57, &[&w(first)]));
    out.push(feat(58, &[&p(first), r]));
    out.push(feat(59, &[&w(last)]));
    out.push(feat(60, &[&p(last), r]));
    out.push(feat(61, &[&w(before), "b"]));
    out.push(feat(62, &[&w(after), "a"]));
    out.push(feat(63, &[&p(before), &p(after)]));
    let fq = first.is_some_and(|t| t.open_quote);
    let lq = last.is_some_and(|t| t.close_quote);
    let inq = (s..e).any(|i| a.toks.get(i).is_some_and(|t| t.open_quote || t.close_quote));
    let allq = (s..e).all(|i| a.toks.get(i).is_some_and(|t| t.quoted || t.close_quote));
    out.push(feat(64, &[if fq { "fq" } else { "-" }, if lq { "lq" } else { "-" }, if inq { "iq" } else { "-" }, r]));
    out.push(feat(65, &[if allq { "allq" } else { "-" }, side]));
    let ns = a.toks.get(s).map(|t| t.sent) != last.map(|t| t.sent);
    out.push(feat(66, &[if ns { "multi-sent" } else { "one-sent" }, r]));
    out.push(feat(67, &[&c.ranges.len().to_string(), r]));
    let anc = a.toks.get(c.anchor);
    out.push(feat(68, &[&anc.map(|t| t.ner.clone()).unwrap_or_default(), r]));
    out.push(feat(69, &[&p(anc), r]));
    out.push(feat(70, &[r, &cue_text]));
    let dist = if e <= c0 { c0 - e } else { s.saturating_sub(cue.last().copied().unwrap_or(c0) + 1) };
    out.push(feat(71, &[bucket(dist), side]));
    out.push(feat(72, &[&w(first), r]));
    out.push(feat(73, &[&w(before), &w(first)]));
    out.push(feat(74, &[&w(last), &w(after)]));
    // does it end at a sentence end / start at a sentence start
    let (ss, se) = a.sent_range(s);
    out.push(feat(75, &[if s == ss { "sstart" } else { "-" }, if e >= se { "send" } else { "-" }, r]));
    // spans cut a quotation only rarely: does it start or end inside one?
    let ends_inside = last.is_some_and(|t| t.quoted && !t.close_quote) && after.is_some_and(|t| t.quoted);
    let starts_inside = first.is_some_and(|t| t.quoted && !t.open_quote) && before.is_some_and(|t| t.quoted && !t.close_quote);
    out.push(feat(82, &[if starts_inside { "start-in-q" } else { "-" }, if ends_inside { "end-in-q" } else { "-" }]));
    out.push(feat(83, &[if starts_inside { "start-in-q" } else { "-" }, if ends_inside { "end-in-q" } else { "-" }, r]));
    let (opens, closes) = (s..e).fold((0, 0), |(o, c), i| {
        let t = a.toks.get(i);
        (o + t.is_some_and(|t| t.open_quote) as usize, c + t.is_some_and(|t| t.close_quote) as usize)
    });
    out.push(feat(84, &[if opens == closes { "balanced" } else if opens > closes { "open" } else { "close" }]));
    // boundary conventions: what the span stops before, and what it swallows
    out.push(feat(76, &[r, &w(after)]));
    out.push(feat(77, &[r, &w(last)]));
    out.push(feat(78, &[r, &p(after), &w(after.and_then(|_| a.toks.get(e + 1)))]));
    out.push(feat(79, &[r, bucket(se.saturating_sub(e)), side]));
    for i in s..e {
        let Some(t) = a.toks.get(i) else { continue };
        let prev_comma = i.checked_sub(1).and_then(|j| a.toks.get(j)).is_some_and(|p| p.lower == ",");
        if prev_comma && (t.pos == "VBG" || t.pos == "WDT" || t.pos == "WP" || t.lower == "according") {
            out.push(feat(80, &[r, "swallows", &t.pos]));
        }
        // any comma-led addition the span takes in ("…, though …", "…, including …")
        if prev_comma && i > s + 2 {
            out.push(feat(85, &[r, "swallows-word", &t.lower]));
            out.push(feat(86, &["swallows-pos", &t.pos, side]));
        }
        if i > s && (t.open_quote || t.close_quote) {
            out.push(feat(81, &[r, "inner-quote"]));
        }
    }
    structure_features(a, cue, head, c, out);
}

/// Where a token outside the span hangs in the tree, seen from the span: on a
/// token inside it ("in"), on the cue ("cue"), elsewhere ("out"), or nowhere
/// ("root"). Punctuation is skipped by the callers.
fn attach(a: &Analysis, i: usize, c: &Cand, cue: &[usize], head: usize) -> &'static str {
    let inside = |j: usize| c.ranges.iter().any(|&(x, y)| (x..y).contains(&j));
    match a.toks.get(i).and_then(|t| t.head) {
        None => "root",
        Some(h) if inside(h) => "in",
        Some(h) if h == head || cue.contains(&h) => "cue",
        Some(_) => "out",
    }
}

fn is_punct(a: &Analysis, i: usize) -> bool {
    a.toks.get(i).is_some_and(|t| !t.lower.chars().any(char::is_alphanumeric))
}

/// Syntactic fit of a candidate (templates 87–92): the boundary conventions the
/// word features cannot see — whether the words just outside the span belong
/// to it in the parse ("…, which …" hanging on its last noun) or to the cue
/// ("… in a statement" on "said"), and whether the span is one subtree.
fn structure_features(a: &Analysis, cue: &[usize], head: usize, c: &Cand, out: &mut Vec<Feat>) {
    let r = c.rule;
    let (s, e) = (c.start(), c.end());
    let (ss, se) = a.sent_range(s.min(a.len().saturating_sub(1)));
    let is_cue = |j: usize| cue.contains(&j);
    // The word next to the span on each side (skipping punctuation): where it
    // hangs, with its relation and word; or that the cue or the sentence edge is there.
    let mut edge = |j: Option<usize>, (t_at, t_word): (u8, u8), (cue_next, edge_end): (&str, &str)| match j {
        Some(j) if !is_cue(j) => {
            let t = a.toks.get(j);
            let at = attach(a, j, c, cue, head);
            out.push(feat(t_at, &[r, at]));
            out.push(feat(t_word, &[at, t.map(|t| t.deprel.as_str()).unwrap_or(""), t.map(|t| t.lower.as_str()).unwrap_or("")]));
        }
        Some(_) => out.push(feat(t_at, &[r, cue_next])),
        None => out.push(feat(t_at, &[r, edge_end])),
    };
    edge((e..se).find(|&j| !is_punct(a, j)), (87, 88), ("cue-next", "sent-end"));
    edge((ss..s).rev().find(|&j| !is_punct(a, j)), (89, 90), ("cue-prev", "sent-start"));
    // Is the span whole subtrees? Tokens inside whose head is outside (its roots),
    // and words outside the span, in its sentences, that hang on a token inside.
    let inside = |j: usize| c.ranges.iter().any(|&(x, y)| (x..y).contains(&j));
    let roots = c.ranges.iter().flat_map(|&(x, y)| x..y).filter(|&j| !is_punct(a, j) && a.toks.get(j).and_then(|t| t.head).is_none_or(|h| !inside(h))).count();
    let (_, last_end) = a.sent_range(e.saturating_sub(1).max(s));
    let (mut left, mut right) = (0usize, 0usize);
    for j in (ss..last_end).filter(|&j| !inside(j) && !is_punct(a, j) && !is_cue(j)) {
        if a.toks.get(j).and_then(|t| t.head).is_some_and(inside) {
            if j < s {
                left += 1;
            } else {
                right += 1;
            }
        }
    }
    let n = |k: usize| match k {
        0 => "0",
        1 => "1",
        _ => "2+",
    };
    out.push(feat(91, &[r, n(roots)]));
    out.push(feat(92, &[r, n(left), n(right)]));
}
