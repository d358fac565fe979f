//! Prints the place mentions found in text: `cargo run -p corroborate-figures --example places -- "TEXT"`

use corroborate_model::{Document, Meta};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let pipeline = corroborate_lang::Pipeline::load()?;
    for text in std::env::args().skip(1) {
        let mut doc = Document::new("arg", text, Meta::default());
        pipeline.analyse(&mut doc);
        for m in corroborate_figures::gazetteer::Gazetteer::shared().find(&doc) {
            println!("{:?} -> {:?}", doc.slice(m.span), m.place.map(|p| (p.canonical, p.governorate)));
        }
        let tags: Vec<String> = (0..doc.tokens.len()).map(|i| format!("{}/{}", doc.token_text(i), corroborate_lang::pos_name(doc.tokens.pos[i]))).collect();
        println!("{}", tags.join(" "));
    }
    Ok(())
}
