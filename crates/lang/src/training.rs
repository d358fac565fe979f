//! Training and evaluation of the tagger, entity recogniser and lemmas on
//! PolNeAR's CoreNLP token files (used by the `train-lang` / `eval-lang` binaries).

use crate::conll::Sent;
use crate::lemma::LemmaBuilder;
use crate::lexicon::{Lexicon, LexiconBuilder};
use crate::models::Models;
use crate::ner::{self, Ner};
use crate::sparse::Sparse;
use crate::tagger::{self, Tagger};
use crate::tags::{entity_type_id, pos_id, ENTITY_TYPES};
use crate::token::{analyse, Tok, F_UPPER_INITIAL};
use std::time::Instant;

#[derive(Clone, Debug)]
pub struct TrainOptions {
    pub pos_epochs: usize,
    pub ner_epochs: usize,
    pub seed: u64,
    /// Averaged weights below this are dropped from the shipped models.
    pub prune: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            pos_epochs: 8,
            ner_epochs: 10,
            seed: 0x5eed,
            prune: 0.05,
        }
    }
}

/// Token properties of a training sentence (PTB words; spacing from offsets).
pub fn sent_toks(s: &Sent, lex: &Lexicon, lower: &mut String) -> Vec<Tok> {
    (0..s.len())
        .map(|k| {
            let before = k == 0 || s.ends.get(k - 1) < s.starts.get(k);
            let after = k + 1 >= s.len() || s.ends.get(k) < s.starts.get(k + 1);
            analyse(&s.words[k], before, after, lex, lower)
        })
        .collect()
}

/// POS ids of a sentence (unknown tags become `NN`, counted as errors in eval).
fn pos_ids(s: &Sent) -> Vec<u8> {
    s.pos.iter().map(|p| pos_id(p).unwrap_or(0)).collect()
}

/// IO entity labels: 0 = O, 1 + type id.
fn io_labels(s: &Sent) -> Vec<u8> {
    s.ner
        .iter()
        .map(|t| entity_type_id(t).map(|x| x + 1).unwrap_or(0))
        .collect()
}

/// Trains every model on documents (`(stem, sentences)` as from
/// [`crate::conll::load_dir`]); `log` receives progress lines.
pub fn train(docs: &[(String, Vec<Sent>)], opts: &TrainOptions, log: &mut dyn FnMut(String)) -> Models {
    let train: Vec<Sent> = docs.iter().flat_map(|d| d.1.iter().cloned()).collect();
    let train = train.as_slice();
    let t0 = Instant::now();
    let mut lower = String::new();
    let empty = Lexicon::default();
    let mut lb = LexiconBuilder::default();
    let mut lem = LemmaBuilder::default();
    for s in train {
        let toks = sent_toks(s, &empty, &mut lower);
        let ents = io_labels(s);
        for (k, (t, p)) in toks.iter().zip(pos_ids(s)).enumerate() {
            lb.add(t.lower, k == 0, t.flags & F_UPPER_INITIAL != 0, p, ents.get(k).copied().unwrap_or(0));
            if let (Some(w), Some(l)) = (s.words.get(k), s.lemmas.get(k)) {
                lem.add(w, p, l);
            }
        }
    }
    let lexicon = lb.build(2);
    let lemmas = lem.build();
    log(format!(
        "lexicon: {} words; lemma exceptions: {}",
        lexicon.len(),
        lemmas.n_exceptions()
    ));

    let toks: Vec<Vec<Tok>> = train.iter().map(|s| sent_toks(s, &lexicon, &mut lower)).collect();
    let pos_data: Vec<(Vec<Tok>, Vec<u8>)> = toks.iter().cloned().zip(train.iter().map(pos_ids)).collect();
    let tr = tagger::train(&pos_data, opts.pos_epochs, opts.seed, |e, acc| {
        log(format!(
            "pos epoch {e}: train acc {:.2}% ({:.0}s)",
            acc * 100.0,
            t0.elapsed().as_secs_f64()
        ))
    });
    let tagger = Tagger {
        model: Sparse::from_frozen(&tr.freeze(opts.prune), opts.prune),
    };
    log(format!("tagger: {} features", tagger.model.n_features()));

    // The recogniser trains on the tagger's own tags, as it will see at runtime.
    let mut feats = Vec::new();
    let mut toks = toks.into_iter();
    let folds = jackknife_hints(docs, &toks_keys(docs, &lexicon, &mut lower));
    let ner_data: Vec<Vec<ner::Example>> = docs
        .iter()
        .map(|(_, sents)| {
            sents
                .iter()
                .zip(toks.by_ref())
                .map(|(s, mut t)| {
                    let mut tags = Vec::new();
                    tagger.tag(&t, &mut feats, &mut tags);
                    for tok in t.iter_mut() {
                        tok.lex.ent = folds.next_hint();
                    }
                    (t, tags, io_labels(s))
                })
                .collect()
        })
        .collect();
    let tr = ner::train(&ner_data, opts.ner_epochs, opts.seed, |e, acc| {
        log(format!(
            "ner epoch {e}: train token acc {:.2}% ({:.0}s)",
            acc * 100.0,
            t0.elapsed().as_secs_f64()
        ))
    });
    let ner = Ner {
        model: Sparse::from_frozen(&tr.freeze(opts.prune), opts.prune),
    };
    log(format!("ner: {} features", ner.model.n_features()));
    Models {
        lexicon,
        tagger,
        ner,
        lemmas,
    }
}

/// Lexicon keys of every training token, in corpus order, grouped by document.
fn toks_keys(docs: &[(String, Vec<Sent>)], lex: &Lexicon, lower: &mut String) -> Vec<Vec<(u64, u8)>> {
    docs.iter()
        .map(|(_, sents)| {
            sents
                .iter()
                .flat_map(|s| {
                    let io = io_labels(s);
                    sent_toks(s, lex, lower).into_iter().zip(io).map(|(t, y)| (t.lower, y)).collect::<Vec<_>>()
                })
                .collect()
        })
        .collect()
}

const FOLDS: usize = 5;

/// Entity hints for the training tokens computed without the token's own
/// fold (jackknifing): hints learned from the same text would be too good
/// in training and the recogniser would trust them more than it should.
struct FoldHints {
    hints: Vec<u8>,
    next: std::cell::Cell<usize>,
}

impl FoldHints {
    fn next_hint(&self) -> u8 {
        let i = self.next.get();
        self.next.set(i + 1);
        self.hints.get(i).copied().unwrap_or(crate::lexicon::NONE)
    }
}

fn jackknife_hints(docs: &[(String, Vec<Sent>)], keys: &[Vec<(u64, u8)>]) -> FoldHints {
    use std::collections::HashMap;
    let n = ENTITY_TYPES.len() + 1;
    let mut total: HashMap<u64, Vec<u32>> = HashMap::new();
    let mut fold: Vec<HashMap<u64, Vec<u32>>> = vec![HashMap::new(); FOLDS];
    for (d, ks) in keys.iter().enumerate() {
        for &(k, y) in ks {
            for m in [&mut total, &mut fold[d % FOLDS]] {
                m.entry(k).or_insert_with(|| vec![0; n])[y as usize] += 1;
            }
        }
    }
    let mut hints = Vec::new();
    let mut c = vec![0u32; n];
    for (d, ks) in keys.iter().enumerate().take(docs.len()) {
        for &(k, _) in ks {
            let (Some(t), Some(f)) = (total.get(&k), fold[d % FOLDS].get(&k)) else {
                hints.push(crate::lexicon::NONE);
                continue;
            };
            for i in 0..n {
                c[i] = t[i] - f[i];
            }
            // Same rarity cut as the lexicon: words seen < 2 times elsewhere get no hint.
            hints.push(if c.iter().sum::<u32>() >= 2 { crate::lexicon::ent_hint(&c) } else { crate::lexicon::NONE });
        }
    }
    FoldHints { hints, next: std::cell::Cell::new(0) }
}

/// Entity counts for one type: true positives, predicted, gold.
#[derive(Clone, Copy, Debug, Default)]
pub struct Prf {
    pub tp: usize,
    pub pred: usize,
    pub gold: usize,
}

impl Prf {
    pub fn p(&self) -> f64 {
        self.tp as f64 / self.pred.max(1) as f64
    }
    pub fn r(&self) -> f64 {
        self.tp as f64 / self.gold.max(1) as f64
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: &Prf) {
        self.tp += o.tp;
        self.pred += o.pred;
        self.gold += o.gold;
    }
}

#[derive(Clone, Debug, Default)]
pub struct EvalReport {
    pub tokens: usize,
    pub pos_correct: usize,
    /// Lemmas from predicted tags, compared exactly with CoreNLP's.
    pub lemma_correct: usize,
    /// Per entity type (index into [`ENTITY_TYPES`]).
    pub ner: Vec<Prf>,
}

impl EvalReport {
    pub fn pos_acc(&self) -> f64 {
        self.pos_correct as f64 / self.tokens.max(1) as f64
    }
    pub fn lemma_acc(&self) -> f64 {
        self.lemma_correct as f64 / self.tokens.max(1) as f64
    }
    /// Combined counts over the named types.
    pub fn ner_over(&self, types: &[&str]) -> Prf {
        let mut t = Prf::default();
        for (i, p) in self.ner.iter().enumerate() {
            if ENTITY_TYPES.get(i).is_some_and(|n| types.contains(n)) {
                t.add(p);
            }
        }
        t
    }

    pub fn render(&self) -> String {
        let mut s = format!(
            "tokens {}\nPOS accuracy {:.2}%\nlemma accuracy {:.2}%\n",
            self.tokens,
            self.pos_acc() * 100.0,
            self.lemma_acc() * 100.0
        );
        let main = self.ner_over(&["PERSON", "ORGANIZATION", "LOCATION", "MISC"]);
        s += &format!(
            "NER PER+ORG+LOC+MISC  P {:.2} R {:.2} F1 {:.2}  (gold {})\n",
            main.p() * 100.0,
            main.r() * 100.0,
            main.f1() * 100.0,
            main.gold
        );
        let all = self.ner_over(ENTITY_TYPES);
        s += &format!(
            "NER all 12 types      P {:.2} R {:.2} F1 {:.2}  (gold {})\n",
            all.p() * 100.0,
            all.r() * 100.0,
            all.f1() * 100.0,
            all.gold
        );
        for (i, p) in self.ner.iter().enumerate() {
            s += &format!(
                "  {:<13} P {:6.2} R {:6.2} F1 {:6.2}  (gold {})\n",
                ENTITY_TYPES.get(i).unwrap_or(&"?"),
                p.p() * 100.0,
                p.r() * 100.0,
                p.f1() * 100.0,
                p.gold
            );
        }
        s
    }
}

/// Scores the models on held-out documents (predicted tags feed the recogniser and lemmas).
pub fn evaluate(models: &Models, docs: &[(String, Vec<Sent>)]) -> EvalReport {
    let mut rep = EvalReport {
        ner: vec![Prf::default(); ENTITY_TYPES.len()],
        ..Default::default()
    };
    let mut lower = String::new();
    let (mut feats, mut tags, mut labels) = (Vec::new(), Vec::new(), Vec::new());
    for (_, sents) in docs {
        let mut mem = ner::DocMemory::default();
        for s in sents {
            let toks = sent_toks(s, &models.lexicon, &mut lower);
            models.tagger.tag(&toks, &mut feats, &mut tags);
            for (k, (&t, g)) in tags.iter().zip(pos_ids(s)).enumerate() {
                rep.tokens += 1;
                rep.pos_correct += (t == g && pos_id(&s.pos[k]).is_some()) as usize;
                let lemma = models.lemmas.lemma(&s.words[k], t);
                rep.lemma_correct += (s.lemmas.get(k).is_some_and(|l| *l == lemma)) as usize;
            }
            models.ner.label(&toks, &tags, &mut mem, &mut feats, &mut labels);
            let gold = ner::spans(&io_labels(s));
            let pred = ner::spans(&labels);
            for g in &gold {
                if let Some(p) = rep.ner.get_mut(g.2 as usize) {
                    p.gold += 1;
                }
            }
            for p in &pred {
                if let Some(x) = rep.ner.get_mut(p.2 as usize) {
                    x.pred += 1;
                    x.tp += gold.contains(p) as usize;
                }
            }
        }
    }
    rep
}
