//! Development aid: how often the gold source/content is among the candidates
//! generated from the gold cue (the ceiling of the ranker), on silver layers.
//! `SHAPE="L-short R= gfr2 cfr1"` (or `all`) prints the misses of one shape
//! of the nearest candidate, with every candidate.
use corroborate_attribution::{analysis::*, candidates, eval, silver};
use std::collections::HashMap;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or("../shared/polnear/dev".into()));
    let show = std::env::args().nth(2).unwrap_or_default();
    let mut tags = Tagset::default();
    let (mut n, mut src_n, mut src_hit, mut con_hit) = (0, 0, 0, 0);
    let mut miss_c: HashMap<String, usize> = HashMap::new();
    let mut shapes: HashMap<String, usize> = HashMap::new();
    for g in eval::load_gold(&dir)? {
        let Ok(doc) = silver::load(&dir, &g.stem, &mut tags) else { eprintln!("no tokens for {}", g.stem); continue };
        let a = Analysis::new(&doc, &tags);
        let chars: Vec<char> = g.text.chars().collect();
        for r in &g.relations {
            let cue = a.tokens_in(&r.cue);
            if cue.is_empty() { continue; }
            n += 1;
            let gc = eval::normalise(&chars, &r.content);
            let cands = candidates::content(&a, &cue);
            if cands.iter().any(|c| eval::normalise(&chars, &a.char_frags(&c.ranges)) == gc) { con_hit += 1; }
            else {
                // how the nearest candidate differs from the gold span
                let best = cands.iter().map(|c| eval::normalise(&chars, &a.char_frags(&c.ranges))).max_by(|x, y| eval::jaccard(x, &gc).total_cmp(&eval::jaccard(y, &gc)));
                let shape = match best {
                    Some(b) if eval::jaccard(&b, &gc) > 0.0 => {
                        let (bs, be, gs, ge) = (b.first().map_or(0, |r| r.0), b.last().map_or(0, |r| r.1), gc.first().map_or(0, |r| r.0), gc.last().map_or(0, |r| r.1));
                        let l = if bs == gs { "L=" } else if bs < gs { "L-long" } else { "L-short" };
                        let r = if be == ge { "R=" } else if be > ge { "R-long" } else { "R-short" };
                        format!("{l} {r} gfr{} cfr{}", gc.len().min(3), b.len().min(3))
                    }
                    _ => "no-overlap".to_string(),
                };
                if std::env::var("SHAPE").is_ok_and(|x| x == shape || x == "all") {
                    println!("CANDS {:?}", cands.iter().map(|c| format!("{}:{}", c.rule, a.char_frags(&c.ranges).iter().map(|&(x,y)| sl(&chars, x, y)).collect::<Vec<_>>().join(" | "))).collect::<Vec<_>>());
                    let cue_t: Vec<&str> = cue.iter().filter_map(|&i| a.toks.get(i)).map(|t| t.lower.as_str()).collect();
                    println!("SHAPE cue={:?}\n  gold: {}\n", cue_t.join(" "), r.content.iter().map(|&(x,y)| sl(&chars, x, y)).collect::<Vec<_>>().join(" | "));
                }
                *shapes.entry(shape).or_default() += 1;
                let h = candidates::cue_head(&a, &cue);
                let key = format!("{} {}", a.toks.get(h).map(|t| t.deprel.as_str()).unwrap_or(""), if gc.first().map(|x| x.0) < r.cue.first().map(|x| x.0) {"before"} else {"after"});
                *miss_c.entry(key.clone()).or_default() += 1;
                if show == "content" && rand(n) {
                    let cue_t: Vec<&str> = cue.iter().filter_map(|&i| a.toks.get(i)).map(|t| t.lower.as_str()).collect();
                    println!("MISS [{key}] cue={:?}\n  gold: {}\n  cands: {:?}\n", cue_t.join(" "),
                        r.content.iter().map(|&(x,y)| sl(&chars, x, y)).collect::<Vec<_>>().join(" | "),
                        cands.iter().map(|c| format!("{}:{}", c.rule, a.char_frags(&c.ranges).iter().map(|&(x,y)| sl(&chars, x, y)).collect::<Vec<_>>().join(" | "))).collect::<Vec<_>>());
                }
            }
            if let Some(s) = &r.source {
                src_n += 1;
                let gs = eval::normalise(&chars, s);
                let cands = candidates::source(&a, &cue);
                if cands.iter().any(|c| eval::normalise(&chars, &a.char_frags(&c.ranges)) == gs) { src_hit += 1; }
                else if show == "source" && rand(n) {
                    let cue_t: Vec<&str> = cue.iter().filter_map(|&i| a.toks.get(i)).map(|t| t.lower.as_str()).collect();
                    println!("MISS cue={:?} gold: {:?}\n  cands: {:?}\n", cue_t.join(" "),
                        s.iter().map(|&(x,y)| sl(&chars, x, y)).collect::<Vec<_>>(),
                        cands.iter().map(|c| format!("{}:{}", c.rule, a.char_frags(&c.ranges).iter().map(|&(x,y)| sl(&chars, x, y)).collect::<Vec<_>>().join(" | "))).collect::<Vec<_>>());
                }
            }
        }
    }
    println!("relations {n}: content coverage {:.3}, source coverage {:.3} (of {src_n})", con_hit as f64 / n as f64, src_hit as f64 / src_n as f64);
    let mut v: Vec<_> = miss_c.into_iter().collect(); v.sort_by_key(|x| std::cmp::Reverse(x.1));
    let mut sh: Vec<_> = shapes.into_iter().collect(); sh.sort_by_key(|x| std::cmp::Reverse(x.1));
    // L/R: the nearest candidate starts/ends where the gold does (=), or runs past it (long) or short of it; gfr/cfr: fragments
    println!("content misses by nearest candidate's shape: {:?}", &sh[..sh.len().min(20)]);
    println!("content misses by cue-head deprel: {:?}", &v[..v.len().min(15)]);
    Ok(())
}
fn rand(n: usize) -> bool { n.is_multiple_of(7) }
fn sl(chars: &[char], x: u32, y: u32) -> String { chars.get(x as usize..(y as usize).min(chars.len())).map(|c| c.iter().collect()).unwrap_or_default() }
