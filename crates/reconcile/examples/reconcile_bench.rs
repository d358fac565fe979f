//! Reconciliation throughput and memory at corpus scale.
//!
//! Reads v1 records (JSONL from `corroborate export --format jsonl`, text
//! included), replicates them to N documents with varied ids, outlets and
//! publication dates (shifted over two years, so time windows and blocks stay
//! realistic rather than one giant group), and streams them through the
//! `Reconciler`. As a reference it times, in the same run, the least any
//! reconciliation must do: parse every record from JSON (what reading the
//! store costs). Prints docs/s, the ratio, peak resident memory, and heap
//! bytes (a counting global allocator) of the reconciler's state by part and
//! of the result by part.
//!
//!   cargo run --release -p corroborate-reconcile --example reconcile_bench -- records.jsonl 100000

use corroborate_export::DocRecord;
use corroborate_reconcile::normalize::{day_number, iso_date};
use corroborate_reconcile::{ActorList, Reconciler};
use std::alloc::{GlobalAlloc, Layout, System};
use std::io::BufRead;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// Counts live heap bytes (and their peak) so the bench can say where memory
/// goes: RSS alone mixes allocator slack and freed-but-kept pages.
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(l) };
        if !p.is_null() {
            let now = LIVE.fetch_add(l.size(), Ordering::Relaxed) + l.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) };
        LIVE.fetch_sub(l.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, l, new) };
        if !q.is_null() {
            if new >= l.size() {
                let now = LIVE.fetch_add(new - l.size(), Ordering::Relaxed) + new - l.size();
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(l.size() - new, Ordering::Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn mib(b: usize) -> f64 {
    b as f64 / (1024.0 * 1024.0)
}

/// Peak resident set size in MiB (Linux /proc), if available.
fn peak_mib() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// The `k`-th replica of a record: new id, one of 7 outlet variants, date
/// shifted by a multiple of 37 days modulo two years.
fn replica(base: &DocRecord, k: usize) -> DocRecord {
    let mut r = base.clone();
    r.doc = format!("{}-r{k}", base.doc);
    r.outlet = Some(format!("{}-{}", base.outlet.as_deref().unwrap_or("outlet"), k % 7));
    let shift = ((k * 37) % 730) as i32;
    r.published = base.published.as_deref().and_then(day_number).map(|d| iso_date(d + shift));
    r
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: reconcile_bench RECORDS.jsonl [N]")?;
    let n: usize = args.next().map(|s| s.parse()).transpose()?.unwrap_or(100_000);
    let file = std::fs::File::open(&path).map_err(|e| format!("{path}: {e}"))?;
    let mut base: Vec<DocRecord> = Vec::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        base.push(serde_json::from_str(&line).map_err(|e| format!("{path}: line {}: {e}", i + 1))?);
    }
    if base.is_empty() {
        return Err(format!("{path}: no records").into());
    }
    let jsons: Vec<String> = base.iter().map(serde_json::to_string).collect::<Result<_, _>>()?;
    eprintln!("{} base records, replicating to {n}; peak before: {:.0} MiB", base.len(), peak_mib().unwrap_or(0.0));

    // Reference: parse every record from JSON (the floor for reading a store).
    let t = Instant::now();
    let mut fields = 0usize;
    for k in 0..n {
        let j = jsons.get(k % jsons.len()).ok_or("index")?;
        let rec: DocRecord = serde_json::from_str(j)?;
        fields += rec.figures.len() + rec.attributions.len();
    }
    let parse_s = t.elapsed().as_secs_f64();
    // A real run streams records from the store: keep only the base records.
    drop(jsons);

    let live_before = LIVE.load(Ordering::Relaxed);
    PEAK.store(live_before, Ordering::Relaxed);
    let t = Instant::now();
    let mut r = Reconciler::new(ActorList::builtin());
    for k in 0..n {
        let b = base.get(k % base.len()).ok_or("index")?;
        r.add(&replica(b, k / base.len()));
    }
    let add_s = t.elapsed().as_secs_f64();
    let peak_add = peak_mib().unwrap_or(0.0);
    let parts: Vec<String> = r.heap_parts().iter().map(|(k, b)| format!("{k} {:.1}", mib(*b))).collect();
    let (live_add, peak_heap_add) = (LIVE.load(Ordering::Relaxed), PEAK.load(Ordering::Relaxed));
    let t = Instant::now();
    let out = r.finish();
    let finish_s = t.elapsed().as_secs_f64();
    let (live_out, peak_heap) = (LIVE.load(Ordering::Relaxed), PEAK.load(Ordering::Relaxed));
    let total = add_s + finish_s;
    println!(
        "reconciled {n} documents in {total:.2}s ({:.0} docs/s; add {add_s:.2}s, finish {finish_s:.2}s)",
        n as f64 / total
    );
    println!("reference: JSON parse of the same records {parse_s:.2}s ({:.0} docs/s; {fields} items); reconcile/parse = {:.2}x", n as f64 / parse_s, total / parse_s);
    println!(
        "found: {} entities, {} figure groups ({} disputes), {} repeated statements, {} mutual accusations, {} outlets",
        out.entities.len(),
        out.figure_groups.len(),
        out.disputes().count(),
        out.statements.len(),
        out.accusations.len(),
        out.outlets.len()
    );
    println!("peak RSS: {:.0} MiB after add, {:.0} MiB after finish", peak_add, peak_mib().unwrap_or(0.0));
    println!("state after add by part (MiB, approximate): {}", parts.join(", "));
    let claims: usize = out.figure_groups.iter().map(|g| g.claims.len()).sum();
    println!(
        "heap (reconciler only, base records excluded): state after add {:.1} MiB ({:.0} B/doc), peak while adding {:.1} MiB, peak overall {:.1} MiB, the result {:.1} MiB ({claims} claims listed)",
        mib(live_add - live_before),
        (live_add - live_before) as f64 / n.max(1) as f64,
        mib(peak_heap_add - live_before),
        mib(peak_heap - live_before),
        mib(live_out.saturating_sub(live_before)),
    );
    // What the result itself holds, part by part (measured by dropping each).
    let mut out = out;
    let mut parts = Vec::new();
    for part in ["figure groups", "statements", "entities", "accusations", "outlets"] {
        let before = LIVE.load(Ordering::Relaxed);
        match part {
            "figure groups" => drop(std::mem::take(&mut out.figure_groups)),
            "statements" => drop(std::mem::take(&mut out.statements)),
            "entities" => drop(std::mem::take(&mut out.entities)),
            "accusations" => drop(std::mem::take(&mut out.accusations)),
            _ => drop(std::mem::take(&mut out.outlets)),
        }
        parts.push(format!("{part} {:.1}", mib(before.saturating_sub(LIVE.load(Ordering::Relaxed)))));
    }
    println!("result by part (MiB): {}", parts.join(", "));
    Ok(())
}
