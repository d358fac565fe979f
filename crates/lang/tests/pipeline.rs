//! End-to-end checks of the embedded models on news-like sentences.

use corroborate_lang::{ner_name, pos_name, Pipeline};
use corroborate_model::{Document, Meta};

fn analysed(text: &str) -> Document {
    let p = Pipeline::shared().expect("embedded model loads");
    let mut d = Document::new("t", text, Meta::default());
    p.analyse(&mut d);
    d
}

#[test]
fn tags_lemmas_and_entities() {
    let d = analysed("Barack Obama said on Tuesday that 12 children were killed in Aleppo, the United Nations claimed.");
    assert!(d.validate().is_ok(), "{:?}", d.validate());
    let n = d.tokens.len();
    assert_eq!(d.tokens.pos.len(), n);
    assert_eq!(d.tokens.ner.len(), n);
    let find = |w: &str| (0..n).find(|&i| d.token_text(i) == w).expect(w);
    let lemma = |w: &str| {
        let i = find(w);
        let l = &d.tokens.lemmas[i];
        if l.is_empty() { w.to_lowercase() } else { l.to_string() }
    };
    assert_eq!(pos_name(d.tokens.pos[find("said")]), "VBD");
    assert_eq!(pos_name(d.tokens.pos[find("children")]), "NNS");
    assert_eq!(lemma("said"), "say");
    assert_eq!(lemma("children"), "child");
    assert_eq!(lemma("killed"), "kill");
    assert_eq!(lemma("claimed"), "claim");
    assert_eq!(ner_name(d.tokens.ner[find("Barack")]), "B-PERSON");
    assert_eq!(ner_name(d.tokens.ner[find("Obama")]), "I-PERSON");
    let ents: Vec<(&str, &str)> =
        d.layer("entities").unwrap().spans.iter().map(|e| (d.slice(e.span), e.label.as_str())).collect();
    assert!(ents.contains(&("Barack Obama", "PERSON")), "{ents:?}");
    assert!(ents.contains(&("Aleppo", "LOCATION")), "{ents:?}");
    assert!(ents.contains(&("United Nations", "ORGANIZATION")), "{ents:?}");
}

#[test]
fn odd_inputs_do_not_panic() {
    for t in ["", "   ", "“”", "حلب 🚑 …", "A\n\n\nB", &"x ".repeat(5000)] {
        let d = analysed(t);
        assert!(d.validate().is_ok());
        assert_eq!(d.tokens.pos.len(), d.tokens.len());
    }
}

#[test]
fn ner_alone_tags_first() {
    let p = Pipeline::shared().unwrap();
    let mut d = Document::new("t", "Reuters reported from Damascus.", Meta::default());
    p.ner(&mut d);
    assert_eq!(d.tokens.pos.len(), d.tokens.len());
    assert!(!d.layer("entities").unwrap().spans.is_empty());
}

#[test]
fn war_report_compounds_and_arabic_names() {
    // the model alone read "Air"/NNP "strikes"/VBZ, "al-Numan"/JJ and "killed"/VBN here
    let d = analysed("Air strikes on a market in the town of Maarat al-Numan killed at least 37 people on Monday, a war monitor said.");
    let n = d.tokens.len();
    let find = |w: &str| (0..n).find(|&i| d.token_text(i) == w).expect(w);
    assert_eq!(pos_name(d.tokens.pos[find("Air")]), "NN");
    assert_eq!(pos_name(d.tokens.pos[find("strikes")]), "NNS");
    assert_eq!(pos_name(d.tokens.pos[find("al-Numan")]), "NNP");
    assert_eq!(pos_name(d.tokens.pos[find("killed")]), "VBD");
    // the strikes are the subject of "killed", not of "said"
    assert_eq!(d.tokens.heads[find("strikes")] as usize, find("killed"));
    // the model alone read a sentence-opening "Rebel" as a verb and "attacked" as a participle
    let d = analysed("Rebel fighters attacked an army checkpoint near the town on Sunday.");
    let n = d.tokens.len();
    let find = |w: &str| (0..n).find(|&i| d.token_text(i) == w).expect(w);
    assert_eq!(pos_name(d.tokens.pos[find("Rebel")]), "NN");
    assert_eq!(pos_name(d.tokens.pos[find("attacked")]), "VBD");
    assert_eq!(d.tokens.heads[find("fighters")] as usize, find("attacked"));
    // the verb stays a verb
    let d = analysed("They rebel against the rule of the regime.");
    assert!(pos_name(d.tokens.pos[1]).starts_with("VB"));
}

/// The parser reads each token in its PTB spelling (the spelling of the
/// CoreNLP files its models learnt from), so curly apostrophes and quotes
/// parse as their straight, PTB-spelled counterparts do.
#[test]
fn curly_and_straight_spellings_parse_alike() {
    let curly = analysed("Russia’s defense ministry said “rebels had resumed fighting at dawn” and Turkey’s foreign minister didn’t agree.");
    let straight = analysed("Russia's defense ministry said \"rebels had resumed fighting at dawn\" and Turkey's foreign minister didn't agree.");
    assert_eq!(curly.tokens.len(), straight.tokens.len());
    assert_eq!(curly.tokens.pos, straight.tokens.pos);
    assert_eq!(curly.tokens.heads, straight.tokens.heads);
    assert_eq!(curly.tokens.deprels, straight.tokens.deprels);
    let russia = (0..curly.tokens.len()).find(|&i| curly.token_text(i) == "Russia").expect("Russia");
    let ministry = (0..curly.tokens.len()).find(|&i| curly.token_text(i) == "ministry").expect("ministry");
    assert_eq!(curly.tokens.heads[russia], ministry as u32, "the possessor hangs on its noun, not on the verb");
}
