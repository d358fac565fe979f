//! Reads inputs as the CLI would and prints counts and throughput:
//! `cargo run --release -p corroborate-ingest --example ingest_stats -- PATH...`
//! With `INGEST_DUMP=1`, also prints every document as one JSON line.

use corroborate_ingest::{expand_inputs, input_size, read_inputs, ReadOptions};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let inputs = match expand_inputs(&args) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    let bytes = input_size(&inputs);
    let dump = std::env::var_os("INGEST_DUMP").is_some();
    let start = Instant::now();
    let (mut docs, mut errors, mut text_bytes, mut warnings) = (0usize, 0usize, 0usize, 0usize);
    for r in read_inputs(inputs, ReadOptions::default()) {
        match r {
            Ok(d) => {
                docs += 1;
                text_bytes += d.text.len();
                warnings += d.diagnostics.len();
                if dump {
                    println!("{}", serde_json::to_string(&d).unwrap_or_default());
                }
            }
            Err(e) => {
                errors += 1;
                if errors <= 10 {
                    eprintln!("{e}");
                }
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{docs} documents, {errors} errors, {warnings} warnings; {:.1} MB in, {:.1} MB text; {secs:.3} s = {:.1} MB/s, {:.0} docs/s",
        bytes as f64 / 1e6,
        text_bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs,
        docs as f64 / secs
    );
}
