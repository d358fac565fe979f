//! Experiment: trains the feed-forward transition scorer (parser/nn.rs) and
//! reports dev scores of the net alone and mixed with the shipped perceptron.
//!
//! cargo run --release -p corroborate-lang --example train_nn_parser -- TRAIN_DIR DEV_DIR PERCEPTRON.bin
//! `train_nn_parser --finalize NET PERCEPTRON.bin DEV_DIR OUT` sets a saved net's mixing weight,
//! skip margin and (BiLSTM nets) net-first margin (env NN_SKIP=M / NN_FIRST=M set them by hand, for speed experiments).
//! Env NN_OUT=PATH writes the net after every epoch (PATH.eN) and, at the end, the
//! final net with its mixing weight chosen on dev (PATH: ship it as models/parser_net.bin).
//! Env: NN_EPOCHS, NN_DW, NN_DT, NN_DL, NN_HIDDEN, NN_LSTM (BiLSTM units per direction), NN_LAYERS (stacked BiLSTM layers), NN_SLOTS, NN_LR, NN_DROPOUT, NN_BATCH, NN_SEED, NN_TRAIN_SENTS (a prefix, for quick runs).

use corroborate_lang::conll::{load_dir, Sent};
use corroborate_lang::parser::nn::Dims;
use corroborate_lang::parser::{train_nn, NnConfig};
use corroborate_lang::parser::{choose_first, choose_mix, choose_skip, eval_by, Parser, FIRST_GRID, MIX_GRID, SKIP_GRID};
use std::time::Instant;

fn load(dir: &str) -> Result<Vec<Sent>, Box<dyn std::error::Error>> {
    Ok(load_dir(dir)?.into_iter().flat_map(|(_, s)| s).collect())
}

fn env<T: std::str::FromStr>(k: &str, d: T) -> T {
    std::env::var(k).ok().and_then(|v| v.parse().ok()).unwrap_or(d)
}

/// The skip margin and, for a BiLSTM net (which decodes net first), the
/// net-first margin: chosen on dev, or set by hand with NN_SKIP=M / NN_FIRST=M
/// (speed experiments).
fn set_margins(p: &Parser, net: &mut corroborate_lang::parser::nn::Net, dev: &[Sent]) {
    let by_hand = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<f32>().ok());
    net.skip = by_hand("NN_SKIP").unwrap_or_else(|| choose_skip(p, net, dev, SKIP_GRID));
    if net.dims.lstm > 0 {
        net.first = by_hand("NN_FIRST").unwrap_or_else(|| choose_first(p, net, dev, FIRST_GRID));
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // --finalize NET PERCEPTRON DEV_DIR OUT: choose a saved net's mixing weight on dev.
    if let [flag, net, perc, dev_dir, out] = args.as_slice() {
        if flag == "--finalize" {
            let p = Parser::from_bytes(&std::fs::read(perc)?)?;
            let mut net = corroborate_lang::parser::nn::Net::from_bytes(&std::fs::read(net)?)?;
            let dev = load(dev_dir)?;
            let (mix, sc) = choose_mix(&p, &net, &dev, MIX_GRID);
            net.mix = mix;
            // SKIP_GRID=a,b,...: dev scores and speed when the net is skipped above each margin
            for skip in std::env::var("SKIP_GRID").unwrap_or_default().split(',').filter_map(|x| x.parse::<f32>().ok()) {
                let t = Instant::now();
                let s = eval_by(&dev, None, |w, t| p.parse_skipping(&net, 1.0, mix, skip, w, t));
                println!("skip above {skip}: UAS {:.2} LAS {:.2} (no punct), {:.2} s", s.uas_no_punct, s.las_no_punct, t.elapsed().as_secs_f64());
            }
            // FIRST_GRID=a,b,...: dev scores and time with the net first, the perceptron below each logit margin
            for first in std::env::var("FIRST_GRID").unwrap_or_default().split(',').filter_map(|x| x.parse::<f32>().ok()) {
                let t = Instant::now();
                let s = eval_by(&dev, None, |w, t| p.parse_net_first(&net, mix, first, w, t));
                println!("net first, perceptron below {first}: UAS {:.2} LAS {:.2} (no punct), {:.2} s", s.uas_no_punct, s.las_no_punct, t.elapsed().as_secs_f64());
            }
            set_margins(&p, &mut net, &dev);
            std::fs::write(out, net.to_bytes())?;
            println!("wrote {out}: mix {mix}, skip margin {} and net-first margin {} chosen on dev, UAS {:.2} LAS {:.2} (no punct, never skipping)", net.skip, net.first, sc.uas_no_punct, sc.las_no_punct);
            return Ok(());
        }
    }
    let [train_dir, dev_dir, perc] = args.as_slice() else {
        return Err("usage: train_nn_parser TRAIN_DIR DEV_DIR PERCEPTRON.bin".into());
    };
    let mut train = load(train_dir)?;
    train.truncate(env("NN_TRAIN_SENTS", usize::MAX));
    let dev = load(dev_dir)?;
    let p = Parser::from_bytes(&std::fs::read(perc)?)?;
    let d = NnConfig::default();
    let cfg = NnConfig {
        dims: Dims { dw: env("NN_DW", d.dims.dw), dt: env("NN_DT", d.dims.dt), dl: env("NN_DL", d.dims.dl), hidden: env("NN_HIDDEN", d.dims.hidden), lstm: env("NN_LSTM", d.dims.lstm), slots: env("NN_SLOTS", d.dims.slots), layers: env("NN_LAYERS", d.dims.layers) },
        epochs: env("NN_EPOCHS", d.epochs),
        batch: env("NN_BATCH", d.batch),
        lr: env("NN_LR", d.lr),
        dropout: env("NN_DROPOUT", d.dropout),
        decay: env("NN_DECAY", d.decay),
        word_dropout: env("NN_WORD_DROPOUT", d.word_dropout),
        seed: env("NN_SEED", d.seed),
        ..d
    };
    println!("{cfg:?}; {} train sentences", train.len());
    let t0 = Instant::now();
    let weights: Vec<f32> = std::env::var("NN_MIX").unwrap_or("0,30,100,300,1000".into()).split(',').filter_map(|x| x.parse().ok()).collect();
    let out = std::env::var("NN_OUT").ok();
    let final_net = train_nn(&train, &cfg, |e, net| {
        let mut net = net.clone();
        net.prepare();
        let net = &net;
        if let Some(o) = &out {
            let _ = std::fs::write(format!("{o}.e{e}"), net.to_bytes());
        }
        let mut line = format!("epoch {e} ({:.0} s, {} params):", t0.elapsed().as_secs_f64(), net.n_params());
        let s = eval_by(&dev, None, |w, t| p.parse_combined(net, 0.0, 1.0, w, t));
        line += &format!(" nn {:.2}/{:.2}", s.uas_no_punct, s.las_no_punct);
        for &k in &weights {
            let s = eval_by(&dev, None, |w, t| p.parse_combined(net, 1.0, k, w, t));
            line += &format!(" | mix {k}: {:.2}/{:.2}", s.uas_no_punct, s.las_no_punct);
        }
        println!("{line}");
    });
    if let Some(o) = &out {
        let mut net = final_net;
        net.prepare();
        let (mix, sc) = choose_mix(&p, &net, &dev, MIX_GRID);
        net.mix = mix;
        set_margins(&p, &mut net, &dev);
        std::fs::write(o, net.to_bytes())?;
        println!("wrote {o}: mix {mix}, skip margin {} and net-first margin {} chosen on dev, UAS {:.2} LAS {:.2} (no punct, never skipping)", net.skip, net.first, sc.uas_no_punct, sc.las_no_punct);
    }
    Ok(())
}
