//! Prints the figures found in text files: `cargo run -p corroborate-figures --example figures -- FILE...`

use corroborate_model::{Document, Meta};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let pipeline = corroborate_lang::Pipeline::load()?;
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
        let mut doc = Document::new(path.clone(), text, Meta::default());
        pipeline.analyse(&mut doc);
        println!("== {path}");
        for f in corroborate_figures::extract(&doc) {
            println!(
                "{:?} {:?}..{:?} {} cat={:?} who={:?} place={:?} when={:?} perp={:?} src={:?}",
                doc.slice(f.span), f.min, f.max, f.qualifier.as_str(), f.category_str(), f.who, f.place, f.when, f.perpetrator, f.source
            );
        }
        let (ex, incidents) = corroborate_figures::analyse(&doc);
        for i in &incidents {
            println!("incident {} s{} actor={:?} target={:?} place={:?} toll={:?} main={}", i.kind.as_str(), i.sentence, i.actor, i.target, i.place, i.toll, i.main);
        }
        println!("fakes {:?}", corroborate_figures::fakes_row(&doc, &ex, &incidents));
    }
    Ok(())
}
