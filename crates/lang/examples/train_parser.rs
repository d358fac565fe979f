//! Trains the dependency parser on PolNeAR's CoreNLP token files and writes
//! the model, printing dev scores after every epoch.
//!
//! cargo run --release -p corroborate-lang --example train_parser -- \
//!     ../shared/polnear/train/tokens ../shared/polnear/dev/tokens crates/lang/models/parser.bin [EPOCHS [PRUNE]]
//!
//! `train_parser --prune MODEL THRESHOLD OUT` drops small weights from a model.
//! `train_parser --mix OUT MODEL MODEL...` writes the mean of models (parameter mixing).
//! Env PARSER_SEED=N trains with another visiting order (0, the default, is the shipped run).
//! `train_parser --eval MODEL DEV_DIR [LANG_MODEL]` instead reports load time,
//! dev scores, single-thread speed, size/accuracy at a few pruning thresholds,
//! and, given the tagger's `lang.bin`, dev scores with predicted tags
//! (env PARSER_ERRORS=1: head errors per relation; ROOT_ERRORS=1: the sentences
//! whose root is missed; LABEL_ERRORS=1: label confusions on right heads, with
//! the dependent's and head's tags).
//! `train_parser --trace MODEL "word/TAG word/TAG ..."` prints one sentence's parse.

use corroborate_lang::conll::{load_dir, Sent};
use corroborate_lang::parser::{eval, train_checkpointed, Parser, Scores, PRUNE};
use corroborate_lang::{pos_name, Pipeline};
use corroborate_model::{Document, Meta, Sentence, Span};
use std::time::Instant;

fn load(dir: &str) -> Result<Vec<Sent>, Box<dyn std::error::Error>> {
    Ok(load_dir(dir)?.into_iter().flat_map(|(_, s)| s).collect())
}

fn show(s: &Scores) -> String {
    format!(
        "UAS {:.2} LAS {:.2} | no punct UAS {:.2} LAS {:.2}",
        s.uas, s.las, s.uas_no_punct, s.las_no_punct
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, model, sent] = args.as_slice() {
        if flag == "--trace" {
            let p = Parser::from_bytes(&std::fs::read(model)?)?;
            let (w, t): (Vec<&str>, Vec<&str>) = sent.split_whitespace().map(|x| x.rsplit_once('/').unwrap_or((x, ""))).unzip();
            println!("{:?}", p.parse(&w, &t));
            return Ok(());
        }
    }
    if let [flag, out, models @ ..] = args.as_slice() {
        if flag == "--mix" {
            let ps = models.iter().map(|m| Ok(Parser::from_bytes(&std::fs::read(m)?)?)).collect::<Result<Vec<_>, Box<dyn std::error::Error>>>()?;
            let p = Parser::mixed(&ps.iter().collect::<Vec<_>>()).ok_or("--mix needs models built for the same feature set")?;
            std::fs::write(out, p.to_bytes())?;
            println!("wrote {out}: {} weights", p.n_weights());
            return Ok(());
        }
    }
    if let [flag, model, th, out] = args.as_slice() {
        if flag == "--prune" {
            let p = Parser::from_bytes(&std::fs::read(model)?)?.pruned(th.parse()?);
            std::fs::write(out, p.to_bytes())?;
            println!("wrote {out}: {} weights", p.n_weights());
            return Ok(());
        }
    }
    if let [flag, model, dev_dir, lang @ ..] = args.as_slice() {
        if flag == "--eval" {
            evaluate(model, dev_dir)?;
            if let Some(lang) = lang.first() {
                eval_predicted_tags(model, dev_dir, lang)?;
            }
            return Ok(());
        }
    }
    let [train_dir, dev_dir, out, rest @ ..] = args.as_slice() else {
        return Err("usage: train_parser TRAIN_DIR DEV_DIR OUT_MODEL [EPOCHS [PRUNE]] | --eval MODEL DEV_DIR".into());
    };
    let epochs: usize = rest.first().map(|e| e.parse()).transpose()?.unwrap_or(12);
    // A lower threshold keeps more weights; `--prune` can cut the file down afterwards.
    let prune: f32 = rest.get(1).map(|p| p.parse()).transpose()?.unwrap_or(PRUNE);
    let (train, dev) = (load(train_dir)?, load(dev_dir)?);
    let words: usize = train.iter().map(|s| s.len()).sum();
    println!("train: {} sentences, {words} words; dev: {} sentences", train.len(), dev.len());
    let t0 = Instant::now();
    let seed: u64 = std::env::var("PARSER_SEED").ok().map(|s| s.parse()).transpose()?.unwrap_or(0);
    let (parser, stats) = train_checkpointed(&train, &dev, epochs, prune, seed, |e, s, st, p| {
        println!("epoch {e:2}  dev {}  ({} features, {:.0}s)", show(s), st.features, t0.elapsed().as_secs_f64());
        // A checkpoint, so a long run can be stopped and still leave a model.
        if let Err(err) = std::fs::write(format!("{out}.epoch"), p.to_bytes()) {
            eprintln!("cannot write checkpoint: {err}");
        }
    });
    println!(
        "skipped {} non-projective and {} malformed of {} training sentences",
        stats.non_projective, stats.malformed, stats.sentences
    );
    let bytes = parser.to_bytes();
    std::fs::write(out, &bytes)?;
    let _ = std::fs::remove_file(format!("{out}.epoch"));
    println!("wrote {out}: {:.1} MB, {} weights", bytes.len() as f64 / 1e6, parser.n_weights());
    evaluate(out, dev_dir)
}

/// The perceptron at `model`, with the net shipped beside it (`parser_net.bin` in
/// the same folder) attached; env PARSER_NET=PATH names another net, PARSER_NET=none none.
fn load_parser(model: &str) -> Result<Parser, Box<dyn std::error::Error>> {
    let p = Parser::from_bytes(&std::fs::read(model)?)?;
    let beside = std::path::Path::new(model).with_file_name("parser_net.bin");
    let net = match std::env::var("PARSER_NET") {
        Ok(v) if v == "none" => None,
        Ok(v) => Some(std::path::PathBuf::from(v)),
        Err(_) => beside.exists().then_some(beside),
    };
    Ok(match net {
        Some(path) => p.with_net(corroborate_lang::parser::nn::Net::from_bytes(&std::fs::read(&path)?)?),
        None => p,
    })
}

fn evaluate(model: &str, dev_dir: &str) -> Result<(), Box<dyn std::error::Error>> {
    let bytes = std::fs::read(model)?;
    let t = Instant::now();
    let parser = load_parser(model)?;
    if let Some(n) = parser.net() {
        println!("with the feed-forward scorer (mix {}, {} parameters)", n.mix, n.n_params());
    }
    let load_ms = t.elapsed().as_secs_f64() * 1e3;
    let dev = load(dev_dir)?;
    let words: usize = dev.iter().map(|s| s.len()).sum();
    let (t, c) = (Instant::now(), cpu_seconds());
    let s = eval(&parser, &dev, None);
    let wps = words as f64 / t.elapsed().as_secs_f64();
    let cpu_wps = cpu_seconds().zip(c).map(|(b, a)| words as f64 / (b - a)).unwrap_or(wps);
    println!(
        "{model}: {:.1} MB, {} features, {} weights, loads in {load_ms:.0} ms; dev (gold tags) {}; {wps:.0} words/s wall, {cpu_wps:.0} words/s of CPU time (one thread, incl. scoring)",
        bytes.len() as f64 / 1e6,
        parser.n_features(),
        parser.n_weights(),
        show(&s)
    );
    if std::env::var_os("PARSER_ERRORS").is_some() {
        errors_by_label(&parser, &dev);
    }
    if std::env::var_os("ROOT_ERRORS").is_some() {
        root_errors(&parser, &dev);
    }
    if std::env::var_os("LABEL_ERRORS").is_some() {
        label_errors(&parser, &dev);
    }
    for th in [2.0f32, 2.5, 3.0, 4.0] {
        let p = parser.pruned(th);
        let size = p.to_bytes().len() as f64 / 1e6;
        let c = cpu_seconds();
        let s = eval(&p, &dev, None);
        let cpu_wps = cpu_seconds().zip(c).map(|(b, a)| words as f64 / (b - a)).unwrap_or(0.0);
        println!("  pruned at {th}: {size:.1} MB, dev {}, {cpu_wps:.0} words/s of CPU time", show(&s));
    }
    Ok(())
}

/// Dev scores when the tags come from the project's tagger instead of CoreNLP.
fn eval_predicted_tags(model: &str, dev_dir: &str, lang: &str) -> Result<(), Box<dyn std::error::Error>> {
    let parser = load_parser(model)?;
    let tagger = Pipeline::from_bytes(&std::fs::read(lang)?, None)?;
    let dev = load(dev_dir)?;
    let tag = |s: &Sent| -> Vec<String> {
        // The gold tokens, laid out as one sentence separated by spaces.
        let mut doc = Document::new("s", s.words.join(" "), Meta::default());
        let mut at = 0;
        for w in &s.words {
            doc.tokens.spans.push(Span::new(at, at + w.len()));
            at += w.len() + 1;
        }
        doc.sentences.push(Sentence { tokens: (0, s.len() as u32), span: Span::new(0, doc.text.len()) });
        tagger.tag(&mut doc);
        doc.tokens.pos.iter().map(|&t| pos_name(t).to_string()).collect()
    };
    let tagged: Vec<Vec<String>> = dev.iter().map(tag).collect();
    let (mut ok, mut n) = (0usize, 0usize);
    for (s, t) in dev.iter().zip(&tagged) {
        n += s.len();
        ok += s.pos.iter().zip(t).filter(|(a, b)| a == b).count();
    }
    let s = eval(&parser, &dev, Some(&tagged));
    println!(
        "dev with predicted tags (tagger accuracy {:.2}%): {}",
        100.0 * ok as f64 / n.max(1) as f64,
        show(&s)
    );
    Ok(())
}

/// Head errors per gold relation, worst first (set PARSER_ERRORS=1).
fn errors_by_label(parser: &Parser, dev: &[Sent]) {
    let mut by: std::collections::BTreeMap<&str, (usize, usize, usize)> = Default::default();
    for s in dev {
        let w: Vec<&str> = s.words.iter().map(|x| x.as_str()).collect();
        let t: Vec<&str> = s.pos.iter().map(|x| x.as_str()).collect();
        for (i, (h, _)) in parser.parse(&w, &t).into_iter().enumerate() {
            let (Some(&gh), Some(gl)) = (s.heads.get(i), s.deprels.get(i)) else { continue };
            let e = by.entry(gl.as_str()).or_default();
            e.0 += 1;
            e.1 += usize::from(h != gh);
            e.2 += gh.abs_diff(i as u32 + 1) as usize;
        }
    }
    let mut v: Vec<_> = by.into_iter().collect();
    v.sort_by_key(|x| std::cmp::Reverse(x.1 .1));
    for (l, (n, e, d)) in v.iter().take(20) {
        println!("  {l:12} {n:6} tokens {e:5} head errors ({:.1}%), mean gold arc length {:.1}", 100.0 * *e as f64 / *n as f64, *d as f64 / *n as f64);
    }
}

/// Label confusions where the head is right, most frequent first, as
/// `gold -> predicted (dependent tag <- head tag)` (set LABEL_ERRORS=1).
fn label_errors(parser: &Parser, dev: &[Sent]) {
    let mut by: std::collections::HashMap<String, usize> = Default::default();
    let mut total = 0usize;
    for s in dev {
        let w: Vec<&str> = s.words.iter().map(|x| x.as_str()).collect();
        let t: Vec<&str> = s.pos.iter().map(|x| x.as_str()).collect();
        for (i, (h, l)) in parser.parse(&w, &t).into_iter().enumerate() {
            let (Some(&gh), Some(gl)) = (s.heads.get(i), s.deprels.get(i)) else { continue };
            let pl = Parser::label_name(l);
            if h == gh && pl != gl.as_str() {
                let ht = if h == 0 { "ROOT" } else { t.get(h as usize - 1).copied().unwrap_or("") };
                *by.entry(format!("{gl} -> {pl} ({} <- {ht})", t.get(i).copied().unwrap_or(""))).or_default() += 1;
                total += 1;
            }
        }
    }
    let mut pairs: std::collections::HashMap<String, usize> = Default::default();
    for (k, n) in &by {
        *pairs.entry(k.split(" (").next().unwrap_or(k).to_string()).or_default() += n;
    }
    let sorted = |m: std::collections::HashMap<String, usize>| {
        let mut v: Vec<_> = m.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    };
    println!("  {total} label errors on right heads (punctuation included); by label pair, then with tags:");
    for (k, n) in sorted(pairs).iter().take(30).chain(sorted(by).iter().take(30)) {
        println!("  {n:5} {k}");
    }
}

/// Dev sentences whose root the parser misses, the gold root marked [G:word/tag]
/// and the predicted one [P:word/tag] (set ROOT_ERRORS=1).
fn root_errors(parser: &Parser, dev: &[Sent]) {
    for s in dev {
        let w: Vec<&str> = s.words.iter().map(|x| x.as_str()).collect();
        let t: Vec<&str> = s.pos.iter().map(|x| x.as_str()).collect();
        let out = parser.parse(&w, &t);
        let pr = out.iter().position(|x| x.0 == 0);
        let gr = s.heads.iter().position(|&h| h == 0);
        if pr != gr {
            let tag = |i: usize| t.get(i).copied().unwrap_or("");
            let mark: Vec<String> = w
                .iter()
                .enumerate()
                .map(|(i, x)| match (Some(i) == gr, Some(i) == pr) {
                    (true, _) => format!("[G:{x}/{}]", tag(i)),
                    (_, true) => format!("[P:{x}/{}]", tag(i)),
                    _ => x.to_string(),
                })
                .collect();
            println!("ROOT {}", mark.join(" "));
        }
    }
}

/// CPU time of this thread (Linux), so speed is measurable on a busy machine.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(s.split_whitespace().next()?.parse::<f64>().ok()? / 1e9)
}
