//! Figures, incidents and the FA-KES row on hand-written sentences (not from
//! any evaluation file), through the real language pipeline.

use corroborate_figures::{Category, Figure};
use corroborate_model::{Document, Meta};

fn analysed(text: &str) -> Document {
    let mut doc = Document::new("t", text.to_string(), Meta::default());
    corroborate_lang::Pipeline::shared().expect("language models load").analyse(&mut doc);
    doc
}

fn killed(doc: &Document, figs: &[Figure]) -> Vec<(String, f64)> {
    figs.iter()
        .filter(|f| f.category == Some(Category::Killed))
        .map(|f| (doc.slice(f.span).to_string(), f.value().unwrap_or(-1.0)))
        .collect()
}

#[test]
fn verb_past_a_subset_apposition_gives_the_category() {
    let doc = analysed("At least 51 civilians including four children were killed in air raids on Aleppo on Saturday.");
    let (ex, inc) = corroborate_figures::analyse(&doc);
    let k = killed(&doc, &ex.figures);
    assert!(k.iter().any(|(_, v)| *v == 51.0), "{k:?}");
    assert!(k.iter().any(|(_, v)| *v == 4.0), "{k:?}");
    let row = corroborate_figures::fakes_row(&doc, &ex, &inc);
    assert_eq!(row.location, "aleppo");
    assert_eq!(row.nb_children, 4);
}

#[test]
fn headline_verbs_are_cues() {
    let doc = analysed("8 Killed 25 Injured by Terrorist Rocket Attacks on Aleppo City\n\nTerrorist attacks kill 10 injure scores in Idlib.");
    let ex = corroborate_figures::extract_all(&doc);
    let cat = |v: f64| ex.figures.iter().find(|f| f.value() == Some(v)).and_then(|f| f.category);
    assert_eq!(cat(8.0), Some(Category::Killed));
    assert_eq!(cat(25.0), Some(Category::Injured));
    assert_eq!(cat(10.0), Some(Category::Killed));
}

#[test]
fn incident_targets_are_filled() {
    let doc = analysed(
        "A car bomb exploded near a mosque in Azaz, killing at least 20 people. Air strikes on a market in Saraqib killed 15 civilians on Sunday. \
         Regime helicopters dropped barrel bombs on the town of Douma.",
    );
    let (_, inc) = corroborate_figures::analyse(&doc);
    let targets: Vec<Option<&str>> = inc.iter().map(|i| i.target.as_deref()).collect();
    assert!(targets.contains(&Some("mosque")), "{targets:?}");
    assert!(targets.contains(&Some("market")), "{targets:?}");
    assert!(targets.contains(&Some("town of Douma")), "{targets:?}");
    // The attack's target is not its actor.
    assert!(inc.iter().all(|i| !i.actor.as_deref().unwrap_or("").contains("market")), "{inc:?}");
}
