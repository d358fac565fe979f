//! Development aid: prints the language core's analysis of a text, one token
//! a line (CoNLL-like: index, word, lemma, tag, entity tag, head, relation),
//! a blank line between sentences.
//!
//!   cargo run --release -p corroborate-lang --example parse -- "Rebel officials told Reuters the evacuation had stalled."
//!   cargo run --release -p corroborate-lang --example parse -- --file article.txt
use corroborate_lang::{ner_name, parser::label_name, pos_name, Pipeline};
use corroborate_model::Document;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let text = match args.as_slice() {
        [flag, path] if flag == "--file" => std::fs::read_to_string(path)?,
        _ => args.join(" "),
    };
    let mut doc = Document::new("parse", text.as_str(), Default::default());
    Pipeline::load()?.analyse(&mut doc);
    let t = &doc.tokens;
    for s in &doc.sentences {
        for i in s.tokens.0 as usize..s.tokens.1 as usize {
            let (Some(span), Some(&pos), Some(&ner), Some(&head), Some(&rel)) =
                (t.spans.get(i), t.pos.get(i), t.ner.get(i), t.heads.get(i), t.deprels.get(i))
            else {
                continue;
            };
            let word = doc.text.get(span.start as usize..span.end as usize).unwrap_or("");
            let lemma = t.lemmas.get(i).map(|l| l.as_ref()).filter(|l| !l.is_empty()).unwrap_or(word);
            let head = if head == u32::MAX { "root".to_string() } else { head.to_string() };
            println!("{i}\t{word}\t{lemma}\t{}\t{}\t{head}\t{}", pos_name(pos), ner_name(ner), label_name(rel));
        }
        println!();
    }
    Ok(())
}
