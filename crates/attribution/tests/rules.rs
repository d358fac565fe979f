//! Post-extraction rules end to end on short texts (our tokenizer, tagger,
//! parser, then `annotate`): signed quotations, quoted transcript labels and
//! party-and-state labels next to a speaker's name.
mod common;

use common::annotated;
use corroborate_model::{Document, Relation};

fn role(doc: &Document, r: &Relation, name: &str) -> String {
    r.arg(name).iter().map(|s| doc.slice(*s)).collect::<Vec<_>>().join(" | ")
}

/// The attribution whose content contains `snippet`, if any.
fn about<'d>(doc: &'d Document, snippet: &str) -> Option<&'d Relation> {
    doc.relations
        .iter()
        .filter(|r| r.name == "attribution")
        .find(|r| r.arg("content").iter().any(|s| doc.slice(*s).contains(snippet)))
}

#[test]
fn a_quotation_signed_after_a_dash_belongs_to_the_name() {
    let doc = annotated(
        "Residents of the besieged district describe their days.\n\n\
         “The shelling never stops. We cannot sleep at night.” ― Amira Haddad\n\
         “Nobody listens to us anymore.” — Omar Khalil\n",
    );
    let first = about(&doc, "The shelling never stops").expect("signed quotation found");
    assert_eq!(role(&doc, first, "source"), "Amira Haddad");
    assert_eq!(role(&doc, first, "cue"), "―");
    assert!(role(&doc, first, "content").contains("We cannot sleep at night"));
    let second = about(&doc, "Nobody listens").expect("second signed quotation found");
    assert_eq!(role(&doc, second, "source"), "Omar Khalil");
}

#[test]
fn a_dash_inside_running_text_signs_nothing() {
    let doc = annotated("“It was a long night” — and the morning brought no relief to the town.\n");
    assert!(about(&doc, "It was a long night").is_none_or(|r| !role(&doc, r, "cue").contains('—')));
}

#[test]
fn quoted_transcript_labels_are_speakers_but_headings_are_not() {
    let doc = annotated(
        "Chris Wallace interviewed Mike Pence on Sunday. A partial transcript follows.\n\n\
         \"WALLACE: Will she be at the debate tomorrow night?\n\n\
         \"PENCE: She will not be attending the debate.\n\n\
         \"VIDEO: Watch the whole interview online.\n",
    );
    let pence = about(&doc, "She will not be attending").expect("transcript line attributed");
    assert_eq!(role(&doc, pence, "source"), "PENCE");
    assert_eq!(role(&doc, pence, "cue"), ":");
    let wallace = about(&doc, "Will she be at the debate").expect("question attributed");
    assert_eq!(role(&doc, wallace, "source"), "WALLACE");
    // (the paragraph may still be read as Pence's quotation continuing; its label is no speaker)
    assert!(about(&doc, "Watch the whole interview").is_none_or(|r| role(&doc, r, "source") != "VIDEO"), "a heading is not a speaker");
}

#[test]
fn a_recurring_label_beside_a_named_speaker_is_the_interviewer() {
    // "Wallace" is written nowhere but in the labels; "Pence" is a named person.
    let doc = annotated(
        "Governor Mike Pence spoke to Fox News on Sunday. A partial transcript follows.\n\n\
         \"WALLACE: Will she be at the debate tomorrow night?\n\n\
         \"PENCE: She will not be attending the debate.\n\n\
         \"WALLACE: Why did the campaign invite her at all?\n\n\
         \"PENCE: The campaign wanted to make a point about the guest list.\n\n\
         \"UPDATE: The debate starts at nine in the evening.\n",
    );
    let q = about(&doc, "Why did the campaign invite her").expect("interviewer's line attributed");
    assert_eq!(role(&doc, q, "source"), "WALLACE");
    assert_eq!(role(&doc, q, "cue"), ":");
    // a label seen once, even inside the transcript, is no speaker
    assert!(about(&doc, "The debate starts at nine").is_none_or(|r| role(&doc, r, "source") != "UPDATE"));
}

#[test]
fn a_party_label_stays_with_the_name_it_follows() {
    let doc = annotated("Sen. Ted Cruz (R-Texas) said the agreement was a disaster for the region.\n");
    let r = about(&doc, "agreement was a disaster").expect("attribution found");
    let src = role(&doc, r, "source");
    assert!(src.contains("Ted Cruz"), "source {src:?}");
}

#[test]
fn a_party_label_before_or_after_the_cue_keeps_its_speaker() {
    let doc = annotated(
        "Sen. Claire McCaskill (D-Mo.) said the hearing was a waste of time.\n\n\
         “We will not be silenced,” said Rep. John Mica (R-Fla.).\n",
    );
    let before = about(&doc, "hearing was a waste").expect("attribution found");
    assert!(role(&doc, before, "source").starts_with("Sen. Claire McCaskill (D-Mo"), "{}", role(&doc, before, "source"));
    let after = about(&doc, "We will not be silenced").expect("attribution found");
    assert!(role(&doc, after, "source").contains("John Mica"), "{}", role(&doc, after, "source"));
}

#[test]
fn a_name_the_tagger_cut_in_two_is_one_source() {
    // "Tax Policy" read as common nouns gives "says" two subjects
    let doc = annotated("The Tax Policy Center says the plan would depress revenue.\n");
    let r = about(&doc, "would depress revenue").expect("attribution found");
    assert_eq!(role(&doc, r, "source"), "The Tax Policy Center");
}

#[test]
fn a_title_adjective_or_determiner_stays_with_the_name() {
    let doc = annotated(
        "“We must keep America safe,” retired Air Force general Lloyd Newton said.\n\n\
         Retired Lt. Gen. Michael Flynn said the generals were wrong.\n",
    );
    let newton = about(&doc, "keep America safe").expect("attribution found");
    assert_eq!(role(&doc, newton, "source"), "retired Air Force general Lloyd Newton");
    let flynn = about(&doc, "generals were wrong").expect("attribution found");
    assert_eq!(role(&doc, flynn, "source"), "Retired Lt. Gen. Michael Flynn");
}

#[test]
fn a_quotation_before_said_is_the_content_even_without_its_comma() {
    // FA-KES strips commas: the quotation still ends where "said" follows its closing mark.
    let doc = annotated(
        "At least 15 people were killed in a car bomb blast in Homs on Thursday. \"At least 15 people were killed and 12 others injured in the Armenian district which is home to mostly Christians\" said Rami Abdel Rahman director of the Syrian Observatory for Human Rights.\n",
    );
    let r = about(&doc, "12 others injured").expect("the quotation is attributed");
    assert_eq!(role(&doc, r, "cue"), "said");
    assert!(role(&doc, r, "source").starts_with("Rami Abdel Rahman"), "{}", role(&doc, r, "source"));
    assert!(!doc.relations.iter().any(|r| r.name == "attribution" && role(&doc, r, "source") == "which"));
}

#[test]
fn according_to_a_criterion_is_no_attribution() {
    let doc = annotated(
        "The monitor says it determines what planes carried out raids according to their type, location, flight patterns and the munitions involved. Casualties rose to 40, according to the monitor's latest report.\n",
    );
    let sources: Vec<String> = doc.relations.iter().filter(|r| r.name == "attribution").map(|r| role(&doc, r, "source")).collect();
    assert!(!sources.iter().any(|s| s.contains("type")), "{sources:?}");
    assert!(sources.iter().any(|s| s.contains("report")), "{sources:?}");
}

#[test]
fn an_attack_that_claimed_lives_is_no_attribution() {
    let doc = annotated("On Tuesday an alleged chemical weapon attack in Idlib province claimed the lives of some 80 people. The rebels claimed the town was theirs.\n");
    let cues: Vec<String> = doc.relations.iter().filter(|r| r.name == "attribution").map(|r| role(&doc, r, "cue")).collect();
    assert_eq!(cues.iter().filter(|c| c.contains("claimed")).count(), 1, "{cues:?}");
    assert!(about(&doc, "the town was theirs").is_some(), "{cues:?}");
}

#[test]
fn an_armed_attack_is_no_attribution_a_verbal_one_is() {
    let doc = annotated("The jet fighters from the Syrian regime have attacked settlements in the province of Idlib with chemical weapons, killing at least 70 people.\n");
    let cues: Vec<String> = doc.relations.iter().filter(|r| r.name == "attribution").map(|r| role(&doc, r, "cue")).collect();
    assert!(!cues.iter().any(|c| c.contains("attacked")), "{cues:?}");
    let doc = annotated("Senator Graham has attacked Republican voters for opposing the bill.\n");
    let r = doc.relations.iter().find(|r| r.name == "attribution" && role(&doc, r, "cue").contains("attacked"));
    assert!(r.is_some_and(|r| role(&doc, r, "source").contains("Graham")), "verbal attack kept");
}

#[test]
fn a_day_word_before_the_subject_is_no_part_of_the_source() {
    // comma-stripped text: "on Wednesday a source at the province said"
    let doc = annotated("Earlier on Wednesday a source at Idlib province said that seven civilians were killed in the town.\n");
    let r = about(&doc, "seven civilians").expect("attribution found");
    assert_eq!(role(&doc, r, "source"), "a source at Idlib province");
    // a day as possessor stays: "Monday's poll"
    let doc = annotated("Monday's poll shows that most voters want the talks to go on.\n");
    let r = about(&doc, "most voters").expect("attribution found");
    assert!(role(&doc, r, "source").starts_with("Monday"), "{}", role(&doc, r, "source"));
}

#[test]
fn a_day_alone_is_no_content_the_clause_before_it_is() {
    // comma-stripped text: the parse hangs "Wednesday" on "reported"
    let doc = annotated("In western Aleppo rebel shelling killed two people and injured another three on Wednesday official news agency SANA reported.\n");
    let r = doc.relations.iter().find(|r| r.name == "attribution" && role(&doc, r, "cue") == "reported").expect("attribution found");
    assert_eq!(role(&doc, r, "content"), "In western Aleppo rebel shelling killed two people and injured another three");
    assert_eq!(role(&doc, r, "source"), "official news agency SANA");
}

#[test]
fn a_wire_dateline_is_no_part_of_the_content() {
    let doc = annotated(
        "ALEPPO, Syria (Reuters) - At least 39 people died in airstrikes on Thursday, the Syrian Observatory for Human Rights said.\n\n\
         BEIRUT (AP) — Rebels shelled the city's western districts overnight, state media said.\n\n\
         NATO — which has 28 members — will respond to any attack, the alliance said.\n",
    );
    let r = about(&doc, "39 people died").expect("attribution found");
    assert!(role(&doc, r, "content").starts_with("At least 39 people died"), "{}", role(&doc, r, "content"));
    assert_eq!(role(&doc, r, "source"), "the Syrian Observatory for Human Rights");
    let r = about(&doc, "Rebels shelled").expect("attribution found");
    assert!(role(&doc, r, "content").starts_with("Rebels shelled"), "{}", role(&doc, r, "content"));
    // an acronym before a dash is no dateline
    let r = about(&doc, "will respond").expect("attribution found");
    assert!(role(&doc, r, "content").starts_with("NATO"), "{}", role(&doc, r, "content"));
}

#[test]
fn a_caption_credit_run_into_the_next_sentence_is_no_part_of_the_source() {
    let doc = annotated(
        "Syrian children receive treatment following a suspected toxic gas attack in Khan Shaykhun on April 4 2017. (TRT World and Agencies) International leaders have condemned the alleged chemical attacks which killed at least 58 people.\n",
    );
    let r = about(&doc, "killed at least 58").expect("attribution found");
    assert_eq!(role(&doc, r, "source"), "International leaders");
    // a bracket closed inside the source stays ("Rep. John Mica (R-Fla.) said")
    let doc = annotated("Rep. John Mica (R-Fla.) said the hearing was a waste of time.\n");
    let r = about(&doc, "waste of time").expect("attribution found");
    assert!(role(&doc, r, "source").starts_with("Rep. John Mica (R-Fla"), "{}", role(&doc, r, "source"));
}

#[test]
fn a_participle_after_a_content_continues_that_statement() {
    let doc = annotated("The state news agency SANA denied that government forces had targeted civilians, saying the army had struck terrorist positions in the area.\n");
    let r = doc.relations.iter().find(|r| r.name == "attribution" && role(&doc, r, "cue") == "saying").expect("the participle's statement");
    assert!(role(&doc, r, "source").contains("SANA"), "{}", role(&doc, r, "source"));
}

#[test]
fn an_opening_as_clause_reports_what_follows() {
    // no determiner before the source: the parse hangs "As" on the noun
    let doc = annotated("As French envoy to the United Nations told the General Assembly on Monday, the siege of the city is a crime against its people.\n");
    let r = about(&doc, "the siege of the city is a crime").expect("as-clause attribution found");
    assert_eq!(role(&doc, r, "source"), "French envoy to the United Nations");
    assert_eq!(role(&doc, r, "cue"), "told");
    // "pointed out" keeps its particle
    let doc = annotated("As the monitor pointed out, the convoy had been hit twice before it reached the town.\n");
    let r = about(&doc, "the convoy had been hit twice").expect("pointed-out attribution found");
    assert_eq!(role(&doc, r, "source"), "the monitor");
    // a clause of its own is no report: "As he said he would, …"
    let doc = annotated("As he said he would, the minister resigned from the cabinet on Friday.\n");
    assert!(about(&doc, "the minister resigned").is_none_or(|r| role(&doc, r, "cue") != "said"));
}

#[test]
fn a_quotation_keeps_both_of_its_marks() {
    let doc = annotated(
        "The Syrian American Medical Society said more than 500 people had been treated. \"There is a smell of chlorine everywhere,\" a doctor in the town told Reuters by telephone, asking not to be named.\n",
    );
    let r = about(&doc, "smell of chlorine").expect("quotation attributed");
    let content = role(&doc, r, "content");
    // a quotation is shown whole or without its marks, never with one of them
    assert_eq!(content.starts_with('"'), content.ends_with('"'), "{content:?}");
}

#[test]
fn a_quotation_over_two_paragraphs_is_one_fragment_per_paragraph() {
    let doc = annotated(
        "The commander said: \u{201c}We will hold the town whatever it costs.\n\nWe have food and ammunition for months.\u{201d}\n",
    );
    let r = about(&doc, "hold the town").expect("attribution found");
    let frags = r.arg("content");
    assert_eq!(frags.len(), 2, "{}", role(&doc, r, "content"));
    assert!(frags.iter().all(|s| !doc.slice(*s).contains('\n')), "{}", role(&doc, r, "content"));
    assert!(role(&doc, r, "content").contains("ammunition for months"), "{}", role(&doc, r, "content"));
}
