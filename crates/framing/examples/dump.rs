//! Prints what the pipeline (language core, attributions, figures, framing)
//! finds in one text file: `cargo run -p corroborate-framing --example dump -- FILE`.
use corroborate_model::{Document, Meta};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: dump FILE")?;
    let text = std::fs::read_to_string(&path)?;
    let mut doc = Document::new(path.clone(), text, Meta::default());
    corroborate_lang::Pipeline::shared()?.analyse(&mut doc);
    corroborate_attribution::annotate(&mut doc);
    corroborate_figures::relations::annotate(&mut doc);
    corroborate_framing::annotate(&mut doc);
    let want: Vec<String> = std::env::args().skip(2).collect();
    for r in &doc.relations {
        if !want.is_empty() && !want.contains(&r.name) {
            continue;
        }
        let args: Vec<String> = r
            .args
            .iter()
            .map(|a| format!("{}={:?}", a.role, a.spans.iter().map(|s| doc.slice(*s)).collect::<Vec<_>>()))
            .collect();
        println!("{} [{}] {} {:?}", r.name, r.label, args.join(" "), r.attrs);
    }
    Ok(())
}
