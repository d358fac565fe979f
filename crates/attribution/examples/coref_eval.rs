//! Measures pronoun speaker resolution against PolNeAR's CoreNLP coreference
//! chains (`tokens/<stem>.coref.jsonl`; used to measure only, never at run time).
//!
//!   cargo run --release -p corroborate-attribution --example coref_eval -- ../shared/polnear/dev
//!
//! For every extracted attribution whose source is a third-person pronoun and
//! that CoreNLP puts in a chain with a named or nominal mention, the resolved
//! speaker is right when it matches one of the chain's non-pronoun mentions
//! (case-insensitive containment either way).
use corroborate_attribution::eval;
use corroborate_model::Document;
use std::path::PathBuf;

const PRONOUNS: &[&str] = &["he", "she", "they", "it", "him", "her", "them", "his", "its", "their"];

fn norm(s: &str) -> String {
    let s = s.to_lowercase().replace('’', "'");
    let s = s.trim_start_matches("the ").trim_end_matches("'s").trim();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or("../shared/polnear/dev".into()));
    let show = std::env::args().any(|a| a == "--show");
    let pipe = corroborate_lang::Pipeline::load()?;
    let (mut n, mut right, mut unresolved, mut no_chain) = (0, 0, 0, 0);
    for g in eval::load_gold(&dir)? {
        let tsv = dir.join("tokens").join(format!("{}.tsv", g.stem));
        let coref = dir.join("tokens").join(format!("{}.coref.jsonl", g.stem));
        let (Ok(sents), Ok(chains)) = (corroborate_lang::conll::load_file(&tsv), std::fs::read_to_string(&coref)) else { continue };
        let chars: Vec<char> = g.text.chars().collect();
        // each chain as its mentions' code-point spans
        let chains: Vec<Vec<(u32, u32)>> = chains
            .lines()
            .filter_map(|l| serde_json::from_str::<Vec<(usize, usize, usize, usize, bool)>>(l).ok())
            .map(|ms| {
                ms.iter()
                    .filter_map(|&(s, a, b, _, _)| {
                        let sent = sents.get(s.checked_sub(1)?)?;
                        Some((*sent.starts.get(a.checked_sub(1)?)?, *sent.ends.get(b.checked_sub(2)?)?))
                    })
                    .collect()
            })
            .collect();
        let mut doc = Document::new(g.stem.as_str(), g.text.as_str(), Default::default());
        pipe.analyse(&mut doc);
        corroborate_attribution::annotate(&mut doc);
        let ix = doc.char_index();
        for r in doc.relations.iter().filter(|r| r.name == "attribution") {
            let [src] = r.arg("source") else { continue };
            if !PRONOUNS.contains(&doc.slice(*src).to_lowercase().as_str()) {
                continue;
            }
            let (a, b) = (ix.char_of(src.start as usize) as u32, ix.char_of(src.end as usize) as u32);
            let Some(chain) = chains.iter().find(|c| c.iter().any(|&(x, y)| x <= a && b <= y && y - x <= b - a + 1)) else {
                no_chain += 1;
                continue;
            };
            let names: Vec<String> = chain
                .iter()
                .map(|&(x, y)| chars.get(x as usize..y as usize).map(|c| c.iter().collect::<String>()).unwrap_or_default())
                .filter(|t| !PRONOUNS.contains(&t.to_lowercase().as_str()) && !t.is_empty())
                .collect();
            if names.is_empty() {
                no_chain += 1;
                continue;
            }
            n += 1;
            let Some(sp) = r.attr("speaker") else {
                unresolved += 1;
                if show {
                    println!("UNRESOLVED {} {:?} chain {:?}", g.stem, doc.slice(*src), names);
                }
                continue;
            };
            let ok = names.iter().any(|m| {
                let (m, s) = (norm(m), norm(sp));
                !s.is_empty() && (m.contains(&s) || s.contains(&m))
            });
            if ok {
                right += 1;
            } else if show {
                println!("WRONG {} {:?} -> {sp:?}, chain {:?}", g.stem, doc.slice(*src), names);
            }
        }
    }
    let pct = |x: usize| if n == 0 { 0.0 } else { 100.0 * x as f64 / n as f64 };
    println!(
        "pronoun sources in a CoreNLP chain with a non-pronoun mention: {n}; resolved right {right} ({:.1} %), wrong {} ({:.1} %), unresolved {unresolved} ({:.1} %); {no_chain} pronoun sources without such a chain",
        pct(right),
        n - right - unresolved,
        pct(n - right - unresolved),
        pct(unresolved)
    );
    Ok(())
}
