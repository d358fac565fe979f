//! Development aid: prints the attributions (and resolved speakers) found in text files.
//!
//!   cargo run --release -p corroborate-attribution --example dump -- examples/aleppo/*.txt
use corroborate_model::{Document, Span};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let pipe = corroborate_lang::Pipeline::load()?;
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path)?;
        let mut doc = Document::new(path.clone(), text, Default::default());
        pipe.analyse(&mut doc);
        corroborate_attribution::annotate(&mut doc);
        println!("== {path}");
        if let Ok(w) = std::env::var("PARSE") {
            let tags = corroborate_attribution::Tagset::lang();
            let a = corroborate_attribution::analysis::Analysis::new(&doc, &tags);
            for &(s, e) in &a.sents {
                if (s..e).any(|i| a.toks[i].lower == w) {
                    for i in s..e {
                        let t = &a.toks[i];
                        println!("  {i} {} {} {} {} head={:?} q={}", t.lower, t.pos, t.ner, t.deprel, t.head, t.quoted);
                    }
                }
            }
        }
        let join = |v: &[Span]| v.iter().map(|s| doc.slice(*s)).collect::<Vec<_>>().join(" | ");
        for r in &doc.relations {
            let short = |s: String| if s.chars().count() > 90 { s.chars().take(90).collect::<String>() + "…" } else { s };
            println!(
                "{:<12} {:<10} src={:?} cue={:?} content={:?}",
                r.name,
                r.label,
                join(r.arg("source")),
                join(r.arg("cue")),
                short(join(r.arg("content")) + &join(r.arg("quote")))
            );
            if !r.attrs.is_empty() {
                println!("             {:?}", r.attrs);
            }
        }
    }
    Ok(())
}

/// `PARSE=word` prints the parse of sentences containing `word`.
#[allow(dead_code)]
fn _doc() {}
