//! Prints the dependency parse of the sentences of FILE containing WORD:
//! `cargo run -p corroborate-framing --example parse -- FILE WORD` (for writing rules).
use corroborate_model::{Document, Meta};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: parse FILE WORD")?;
    let word = args.next().unwrap_or_default();
    let text = if path == "-" { word.clone() } else { std::fs::read_to_string(&path)? };
    let mut doc = Document::new("d", text, Meta::default());
    corroborate_lang::Pipeline::shared()?.analyse(&mut doc);
    let t = &doc.tokens;
    for s in &doc.sentences {
        if !doc.slice(s.span).contains(&word) {
            continue;
        }
        for i in s.tokens.0 as usize..s.tokens.1 as usize {
            let head = t.heads.get(i).copied().unwrap_or(u32::MAX);
            println!(
                "{i}\t{}\t{}\t{}\t{}\t{}",
                doc.token_text(i),
                t.lemmas.get(i).map(|l| l.as_ref()).unwrap_or(""),
                corroborate_lang::pos_name(t.pos.get(i).copied().unwrap_or(255)),
                if head == u32::MAX { -1 } else { head as i64 },
                corroborate_lang::parser::Parser::label_name(t.deprels.get(i).copied().unwrap_or(255))
            );
        }
        println!();
    }
    Ok(())
}
