//! Span candidates cut before modifiers deep on the right edge of a phrase:
//! the ranker can only choose a span some rule proposed.

use corroborate_attribution::analysis::Analysis;
use corroborate_attribution::{candidates, Tagset};
use corroborate_model::Document;

/// Texts of the candidates `gen` proposes for the cue word `cue`.
fn candidate_texts(text: &str, cue: &str, gen: fn(&Analysis, &[usize]) -> Vec<candidates::Cand>) -> Vec<String> {
    let pipe = corroborate_lang::Pipeline::shared().expect("language models load");
    let mut doc = Document::new("t", text, Default::default());
    pipe.analyse(&mut doc);
    let tags = Tagset::lang();
    let a = Analysis::new(&doc, &tags);
    let i = a.toks.iter().position(|t| t.lower == cue).expect("cue word in the text");
    gen(&a, &[i])
        .iter()
        .map(|c| {
            let spans = a.byte_spans(&c.ranges);
            let (Some(s), Some(e)) = (spans.first(), spans.last()) else { return String::new() };
            text.get(s.start as usize..e.end as usize).unwrap_or("").to_string()
        })
        .collect()
}

#[test]
fn content_can_stop_before_a_relative_clause_on_a_nested_noun() {
    let text = "Graham has acknowledged the reality of climate change, which makes him something of an outlier among Republican lawmakers.";
    let got = candidate_texts(text, "acknowledged", candidates::content);
    assert!(got.iter().any(|c| c == "the reality of climate change"), "{got:#?}");
}

#[test]
fn content_can_stop_before_a_trailing_comparison() {
    let text = "The IMF expects that U.S. output will expand by a tepid 1.6 percent, more than half a percentage point less than forecast in July.";
    let got = candidate_texts(text, "expects", candidates::content);
    assert!(got.iter().any(|c| c == "that U.S. output will expand by a tepid 1.6 percent"), "{got:#?}");
}

#[test]
fn source_can_keep_an_apposition_without_its_relative_clause() {
    let text = "Patrick McGinley, a law professor at West Virginia University who has been involved in coal cases, said the rule was fair.";
    let got = candidate_texts(text, "said", candidates::source);
    assert!(got.iter().any(|c| c == "Patrick McGinley, a law professor at West Virginia University"), "{got:#?}");
}
