//! Development aid: how the content ranker fails when the cue is right. For
//! every gold relation of a PolNeAR split, the gold cue's content candidates
//! (from our own analysis) are ranked; counts are grouped by (gold rule,
//! chosen rule), and `--show N` prints N examples of the largest groups.
//!
//!   cargo run --release -p corroborate-attribution --example ranker_errors -- ../shared/polnear/dev [--model FILE] [--show N] [--uncovered N]
use corroborate_attribution::{analysis::Analysis, candidates, eval, Model, Tagset};
use std::collections::HashMap;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opt = |f: &str| args.iter().position(|a| a == f).and_then(|i| args.get(i + 1)).cloned();
    let dir = std::path::PathBuf::from(args.first().cloned().unwrap_or("../shared/polnear/dev".into()));
    let model = Model::from_bytes(&std::fs::read(opt("--model").unwrap_or("crates/attribution/models/attribution.bin".into()))?)?;
    let show: usize = opt("--show").and_then(|s| s.parse().ok()).unwrap_or(0);
    let show_uncovered: usize = opt("--uncovered").and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut uncovered: Vec<String> = Vec::new();
    let p = corroborate_lang::Pipeline::load()?;
    let tags = Tagset::lang();
    let (mut n, mut covered, mut right) = (0usize, 0usize, 0usize);
    let mut groups: HashMap<(String, String), Vec<String>> = HashMap::new();
    for g in eval::load_gold(&dir)? {
        let mut d = corroborate_model::Document::new(g.stem.as_str(), g.text.as_str(), Default::default());
        p.analyse(&mut d);
        let a = Analysis::new(&d, &tags);
        let chars: Vec<char> = g.text.chars().collect();
        let text = |r: &[(usize, usize)]| {
            a.char_frags(r).iter().map(|&(x, y)| chars.get(x as usize..y as usize).map(|c| c.iter().collect::<String>()).unwrap_or_default()).collect::<Vec<_>>().join(" | ")
        };
        for r in &g.relations {
            let cue = a.tokens_in(&r.cue);
            if cue.is_empty() {
                continue;
            }
            n += 1;
            let gc = eval::normalise(&chars, &r.content);
            let cands = candidates::content(&a, &cue);
            let Some(gi) = cands.iter().position(|c| eval::normalise(&chars, &a.char_frags(&c.ranges)) == gc) else {
                // the candidate closest to the uncovered gold content, for `--uncovered N`
                let near = cands.iter().max_by(|x, y| {
                    let j = |c: &candidates::Cand| eval::jaccard(&eval::normalise(&chars, &a.char_frags(&c.ranges)), &gc);
                    j(x).total_cmp(&j(y))
                });
                if let Some(c) = near {
                    let gold = r.content.iter().map(|&(x, y)| chars.get(x as usize..y as usize).map(|c| c.iter().collect::<String>()).unwrap_or_default()).collect::<Vec<_>>().join(" | ");
                    uncovered.push(format!("  cue {:?}\n  gold:    {gold}\n  nearest: [{}] {}", text(&cue.iter().map(|&i| (i, i + 1)).collect::<Vec<_>>()), c.rule, text(&c.ranges)));
                }
                continue;
            };
            covered += 1;
            let pi = model.rank_content(&a, &cue, &cands);
            if pi == Some(gi) {
                right += 1;
                continue;
            }
            let (Some(gcand), Some(pcand)) = (cands.get(gi), pi.and_then(|k| cands.get(k))) else { continue };
            let cue_t: Vec<String> = cue.iter().filter_map(|&i| a.toks.get(i)).map(|t| t.lower.clone()).collect();
            groups.entry((gcand.rule.to_string(), pcand.rule.to_string())).or_default().push(format!(
                "  cue {:?}\n  gold: {}\n  pred: {}",
                cue_t.join(" "),
                text(&gcand.ranges),
                text(&pcand.ranges)
            ));
        }
    }
    println!("gold relations with a cue: {n}; gold content among candidates: {covered}; ranker right: {right} ({:.1}% of covered)", 100.0 * right as f64 / covered.max(1) as f64);
    let mut v: Vec<_> = groups.into_iter().collect();
    v.sort_by_key(|(_, e)| std::cmp::Reverse(e.len()));
    for ((gr, pr), ex) in v.iter().take(30) {
        println!("{:4}  gold {gr:<16} chosen {pr}", ex.len());
    }
    for ((gr, pr), ex) in v.iter().take(8) {
        for e in ex.iter().take(show) {
            println!("[{gr} -> {pr}]\n{e}");
        }
    }
    for e in uncovered.iter().take(show_uncovered) {
        println!("[uncovered]\n{e}");
    }
    Ok(())
}
