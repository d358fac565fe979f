//! Compares our tokens and sentence boundaries with CoreNLP's on a PolNeAR
//! split (offsets only; CoreNLP's words carry PTB escapes).
//!
//! cargo run -p corroborate-tokenize --release --example eval [-- DIR [N]]
//! DIR defaults to ../shared/polnear/dev; N > 0 prints the N largest groups
//! of misses for error analysis.

use anyhow::{Context, Result};
use corroborate_tokenize::{ptb_form, split_sentences, tokenize};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

struct Gold {
    tokens: Vec<(u32, u32)>,
    words: Vec<String>,
    sent_ends: Vec<u32>,
}

fn read_gold(path: &Path) -> Result<Gold> {
    let raw = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut tokens = Vec::new();
    let mut words = Vec::new();
    let mut sent_ends = Vec::new();
    let mut in_sentence = false;
    for (ln, line) in raw.lines().enumerate() {
        if line.trim().is_empty() {
            if in_sentence {
                if let Some(&(_, e)) = tokens.last() {
                    sent_ends.push(e);
                }
            }
            in_sentence = false;
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let num = |i: usize| -> Result<u32> {
            f.get(i)
                .and_then(|s| s.parse().ok())
                .with_context(|| format!("{}:{}: field {} is not a code-point offset", path.display(), ln + 1, i + 1))
        };
        tokens.push((num(3)?, num(4)?));
        words.push(f.get(1).unwrap_or(&"").to_string());
        in_sentence = true;
    }
    if in_sentence {
        if let Some(&(_, e)) = tokens.last() {
            sent_ends.push(e);
        }
    }
    Ok(Gold { tokens, words, sent_ends })
}

#[derive(Default)]
struct Score {
    tp: usize,
    gold: usize,
    ours: usize,
}

impl Score {
    fn add(&mut self, gold: &HashSet<(u32, u32)>, ours: &HashSet<(u32, u32)>) {
        self.tp += gold.intersection(ours).count();
        self.gold += gold.len();
        self.ours += ours.len();
    }
    fn report(&self, name: &str) {
        let p = self.tp as f64 / self.ours.max(1) as f64;
        let r = self.tp as f64 / self.gold.max(1) as f64;
        let f = 2.0 * p * r / (p + r).max(f64::EPSILON);
        println!("{name}: P {:.2}%  R {:.2}%  F1 {:.2}%  (gold {}, ours {}, matched {})", p * 100.0, r * 100.0, f * 100.0, self.gold, self.ours, self.tp);
    }
}

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().map(PathBuf::from).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/polnear/dev")
    });
    let show: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(0);

    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("tokens"))
        .with_context(|| format!("listing {}", dir.join("tokens").display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    files.sort();

    let (mut tok, mut sent) = (Score::default(), Score::default());
    let (mut forms_same, mut forms_all) = (0usize, 0usize);
    let mut form_err: HashMap<String, (usize, String)> = HashMap::new();
    let mut tok_err: HashMap<String, (usize, String)> = HashMap::new();
    let mut sent_err: HashMap<String, (usize, String)> = HashMap::new();
    for path in &files {
        let stem = path.file_stem().and_then(|s| s.to_str()).context("bad file name")?;
        let text_path = dir.join("text").join(format!("{stem}.txt"));
        let text = std::fs::read_to_string(&text_path).with_context(|| format!("reading {}", text_path.display()))?;
        let gold = read_gold(path)?;

        // byte offset -> code-point offset
        let mut cp = vec![0u32; text.len() + 1];
        let mut n = 0u32;
        for (b, c) in text.char_indices() {
            for k in 0..c.len_utf8() {
                cp[b + k] = n;
            }
            n += 1;
        }
        cp[text.len()] = n;
        let chars: Vec<char> = text.chars().collect();
        let ctx = |a: u32, b: u32| -> String {
            let lo = a.saturating_sub(25) as usize;
            let hi = (b as usize + 25).min(chars.len());
            chars[lo..hi].iter().collect::<String>().replace('\n', "⏎")
        };
        let piece = |a: u32, b: u32| chars[a as usize..(b as usize).min(chars.len())].iter().collect::<String>();

        let spans = tokenize(&text);
        let sents = split_sentences(&text, &spans);
        let ours: Vec<(u32, u32)> = spans.iter().map(|s| (cp[s.start as usize], cp[s.end as usize])).collect();
        let g: HashSet<_> = gold.tokens.iter().copied().collect();
        let o: HashSet<_> = ours.iter().copied().collect();
        tok.add(&g, &o);
        let gold_word: HashMap<(u32, u32), &str> = gold.tokens.iter().copied().zip(gold.words.iter().map(String::as_str)).collect();
        for (span, &key) in spans.iter().zip(&ours) {
            if let Some(&w) = gold_word.get(&key) {
                let form = ptb_form(&text, *span);
                forms_all += 1;
                if form == w {
                    forms_same += 1;
                } else if show > 0 {
                    form_err.entry(format!("ours [{form}] gold [{w}]")).or_insert((0, ctx(key.0, key.1))).0 += 1;
                }
            }
        }
        let gs: HashSet<_> = gold.sent_ends.iter().map(|&e| (e, 0)).collect();
        let os: HashSet<_> = sents.iter().map(|s| (cp[s.span.end as usize], 0)).collect();
        sent.add(&gs, &os);

        if show > 0 {
            for &(a, b) in gold.tokens.iter().filter(|t| !o.contains(t)) {
                let mine: Vec<String> = ours.iter().filter(|&&(x, y)| x < b && y > a).map(|&(x, y)| piece(x, y)).collect();
                let key = format!("gold [{}] ours [{}]", piece(a, b), mine.join("|"));
                let e = tok_err.entry(key).or_insert((0, ctx(a, b)));
                e.0 += 1;
            }
            for &(a, b) in ours.iter().filter(|t| !g.contains(t)) {
                let theirs: Vec<String> = gold.tokens.iter().filter(|&&(x, y)| x < b && y > a).map(|&(x, y)| piece(x, y)).collect();
                let key = format!("ours [{}] gold [{}]", piece(a, b), theirs.join("|"));
                let e = tok_err.entry(key).or_insert((0, ctx(a, b)));
                e.0 += 1;
            }
            let last_tok = |e: u32| gold.tokens.iter().chain(ours.iter()).find(|t| t.1 == e).map(|&(a, b)| piece(a, b)).unwrap_or_default();
            for &(e, _) in gs.difference(&os) {
                let key = format!("missed end after [{}]", last_tok(e));
                sent_err.entry(key).or_insert((0, ctx(e, e))).0 += 1;
            }
            for &(e, _) in os.difference(&gs) {
                let key = format!("extra end after [{}]", last_tok(e));
                sent_err.entry(key).or_insert((0, ctx(e, e))).0 += 1;
            }
        }
    }
    println!("{} documents in {}", files.len(), dir.display());
    tok.report("tokens (start and end code point match)");
    sent.report("sentence boundaries (end code point match)");
    println!("PTB word forms (ptb_form) equal to CoreNLP's on matched tokens: {:.2}% of {forms_all}", forms_same as f64 * 100.0 / forms_all.max(1) as f64);
    for (name, errs) in [("token", tok_err), ("sentence", sent_err), ("form", form_err)] {
        let mut v: Vec<_> = errs.into_iter().collect();
        v.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(&b.0)));
        for (k, (c, ex)) in v.into_iter().take(show) {
            println!("{name} {c:5}  {k}   «{ex}»");
        }
    }
    Ok(())
}
