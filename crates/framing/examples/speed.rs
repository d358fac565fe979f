//! Time per stage over FA-KES dev articles and what framing finds there:
//! `cargo run -p corroborate-framing --example speed -- ../shared/fakes/fakes-dev.csv [--show]`.
//! `--show` prints every hedge, loaded term and accusation for reading.
use corroborate_export::contract::DocRecord;
use corroborate_model::{Document, Meta};
use std::time::{Duration, Instant};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: speed FAKES_CSV [--show]")?;
    let show = std::env::args().any(|a| a == "--show");
    let mut rdr = csv::Reader::from_path(&path)?;
    let col = rdr.headers()?.iter().position(|h| h == "article_content").ok_or("no article_content column")?;
    let pipeline = corroborate_lang::Pipeline::shared()?;
    let mut t = [Duration::ZERO; 4];
    let mut skipped = 0;
    let (mut docs, mut bytes, mut terms, mut loaded, mut used, mut hedges, mut attached, mut accusations) = (0, 0, 0, 0, 0, 0, 0, 0);
    std::panic::set_hook(Box::new(|_| {}));
    for (n, row) in rdr.records().enumerate() {
        let row = row?;
        let text = row.get(col).unwrap_or("").to_string();
        bytes += text.len();
        let mut doc = Document::new(format!("row{n}"), text, Meta::default());
        let mut clock = Instant::now();
        let mut lap = |i: usize, clock: &mut Instant| {
            t[i] += clock.elapsed();
            *clock = Instant::now();
        };
        pipeline.analyse(&mut doc);
        lap(0, &mut clock);
        // As the CLI does: a stage that panics drops that document (counted).
        let attributed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| corroborate_attribution::annotate(&mut doc)));
        lap(1, &mut clock);
        if attributed.is_err() {
            skipped += 1;
            continue;
        }
        corroborate_figures::relations::annotate(&mut doc);
        lap(2, &mut clock);
        corroborate_framing::annotate(&mut doc);
        lap(3, &mut clock);
        let rec = DocRecord::from_document(&doc);
        docs += 1;
        terms += rec.framing.len();
        loaded += rec.framing.iter().filter(|f| f.tone == "loaded").count();
        used += rec.framing.iter().filter(|f| f.used_by.is_some()).count();
        hedges += rec.hedges.len();
        attached += rec.hedges.iter().filter(|h| !h.figures.is_empty() || !h.attributions.is_empty()).count();
        accusations += rec.accusations.len();
        if show {
            for h in &rec.hedges {
                println!("{}\thedge\t{}\t{:?}\tfigures {:?} attributions {:?}", rec.doc, h.kind, h.text, h.figures, h.attributions);
            }
            for f in rec.framing.iter().filter(|f| f.tone == "loaded") {
                println!("{}\tterm\t{:?}\t{:?}\tused_by {:?}", rec.doc, f.text, f.refers_to, f.used_by);
            }
            for a in &rec.accusations {
                let about = a.about.as_ref().map(|x| x.text.as_str()).unwrap_or("");
                println!("{}\taccusation\t{:?} -> {:?}\tcue {:?}\tabout {:?}", rec.doc, a.accuser, a.accused.text, a.cue.text, about);
            }
        }
    }
    let total: Duration = t.iter().sum();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("{docs} documents, {:.1} MB ({skipped} skipped: the attribution stage panicked)", bytes as f64 / 1e6);
    for (name, d) in ["language core", "attribution", "figures", "framing"].iter().zip(t) {
        println!("{name:>14}: {:8.1} ms total, {:6.3} ms/doc, {:5.1}% of analysis", ms(d), ms(d) / docs as f64, 100.0 * ms(d) / ms(total));
    }
    println!("framing terms {terms} ({loaded} loaded, {used} with used_by), hedges {hedges} ({attached} attached), accusations {accusations}");
    Ok(())
}
