//! Prints the sentences of a text file, tokens separated by "│", for eyeballing.
//! cargo run -p corroborate-tokenize --example show -- FILE

use anyhow::{Context, Result};
use corroborate_tokenize::{split_sentences, tokenize};

fn main() -> Result<()> {
    let path = std::env::args().nth(1).context("usage: show FILE")?;
    let text = std::fs::read_to_string(&path).with_context(|| format!("reading {path}"))?;
    let tokens = tokenize(&text);
    for s in split_sentences(&text, &tokens) {
        let toks = tokens.get(s.tokens.0 as usize..s.tokens.1 as usize).unwrap_or(&[]);
        let words: Vec<&str> = toks.iter().filter_map(|t| t.slice(&text)).collect();
        println!("{}", words.join("│"));
    }
    Ok(())
}
