//! Checks the attribution cases of ../shared/corpus/seeds-expected.json on the
//! bundled seed articles, end to end (our tokenizer, tagger, parser).
//!
//!   cargo run --release -p corroborate-attribution --example seeds -- examples/aleppo ../shared/corpus/seeds-expected.json
//!
//! Loose matching as the file describes: speaker ⊂ source or source ⊂ speaker
//! (case-insensitive), content contains the snippet. Speaker resolution
//! (pronouns → names) is not done yet, so pronoun sources fail.
use corroborate_attribution::extract;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(args.first().cloned().unwrap_or("examples/aleppo".into()));
    let exp = PathBuf::from(args.get(1).cloned().unwrap_or("../shared/corpus/seeds-expected.json".into()));
    let cases: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(exp)?)?;
    let pipe = corroborate_lang::Pipeline::load()?;
    if !pipe.has_parser() {
        eprintln!("warning: no parser model shipped; sources need a parse");
    }
    let (mut n, mut content_ok, mut speaker_ok, mut kind_ok) = (0, 0, 0, 0);
    for case in cases["attributions"].as_array().into_iter().flatten() {
        let stem = case["doc"].as_str().unwrap_or("");
        let speaker = case["speaker"].as_str().unwrap_or("").to_lowercase().replace('’', "'");
        let snippet = case["content_contains"].as_str().unwrap_or("");
        let kind = case["kind"].as_str().unwrap_or("");
        let text = std::fs::read_to_string(dir.join(format!("{stem}.txt")))?;
        let mut doc = corroborate_model::Document::new(stem, text, Default::default());
        pipe.analyse(&mut doc);
        n += 1;
        let found = extract(&doc);
        let join = |v: &[corroborate_model::Span]| v.iter().map(|s| doc.slice(*s)).collect::<Vec<_>>().join(" ");
        let hit = found.iter().find(|a| join(&a.content).contains(snippet));
        let Some(a) = hit else {
            println!("MISS content  {stem}: {snippet:?}");
            continue;
        };
        content_ok += 1;
        // curly and straight apostrophes name the same speaker
        let src = a.source.as_deref().map(join).unwrap_or_default().to_lowercase().replace('’', "'");
        if !src.is_empty() && (src.contains(&speaker) || speaker.contains(&src)) {
            speaker_ok += 1;
            if a.kind.as_str() == kind {
                kind_ok += 1;
            } else {
                println!("kind {} != {kind}  {stem}: {snippet:?}", a.kind.as_str());
            }
        } else {
            println!("MISS speaker  {stem}: {speaker:?} got {src:?} for {snippet:?}");
        }
    }
    println!("{n} cases: content found {content_ok}, + speaker {speaker_ok}, + kind {kind_ok}");
    Ok(())
}
