//! Near-duplicate detection: word shingles, MinHash signatures and LSH band keys.
//!
//! Pure functions, no I/O; the SQLite backend stores the signatures and band
//! keys and does the candidate look-ups. Hashing is written by hand (FNV-1a +
//! splitmix64, one-permutation MinHash) because the values are persisted: they must be
//! identical across platforms, Rust versions and crate upgrades, which
//! `std::hash` does not promise.
//!
//! Calibration (FA-KES dev set, 571 articles, all pairs, exact Jaccard of word
//! 5-shingles): genuine rewrites of one wire story across outlets score
//! 0.13–1.0, while unrelated articles that only share an outlet's boilerplate
//! footer (TRT, Daily Sabah) score up to 0.26. No pair lies in 0.26–0.32, so
//! [`THRESHOLD`] = 0.30 sits in that gap: it misses the loosest rewrites
//! (those need entity/event matching, not text overlap) but never joins
//! boilerplate-only pairs.

/// Words per shingle. 5 (rather than 3) keeps shared stock phrases
/// ("the syrian observatory for human rights") from dominating.
pub const SHINGLE_WORDS: usize = 5;
/// Rows (hash values) per LSH band.
pub const ROWS: usize = 3;
/// LSH bands. With r = 3, b = 64 a pair becomes a candidate with probability
/// 1-(1-J³)^64: 0.83 at J = 0.30, 0.97 at J = 0.40, 0.9995 at J = 0.50,
/// but only 0.05 % at J = 0.02 (unrelated news), so look-ups stay small.
pub const BANDS: usize = 64;
/// MinHash signature length.
pub const NUM_HASHES: usize = BANDS * ROWS;
/// Two documents are near-duplicates when the exact Jaccard similarity of
/// their shingle sets is at least this (see the module docs for why 0.30).
pub const THRESHOLD: f64 = 0.30;
/// Candidates whose *estimated* Jaccard is below this are dropped before the
/// exact check (the estimate's standard deviation at J = 0.3 is ≈ 0.033).
pub const PREFILTER: f64 = 0.20;
/// Identifies the parameters above; stored in the database so a store built
/// with other parameters is detected instead of silently mixing signatures.
pub const PARAMS_TAG: &str = "words=5;bins=192;bands=64;rows=3;hash=fnv1a-splitmix-oph-v1";

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// splitmix64 finaliser: a cheap, well-mixing bijection on u64.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Hashes of the normalised words of `text`: lower-cased, apostrophes dropped
/// ("Syria's" = "Syrias", as in feeds that strip them), every other
/// non-alphanumeric character separates words.
pub fn word_hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut h = FNV_OFFSET;
    let mut in_word = false;
    let mut buf = [0u8; 4];
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            // Fast path: most news text is ASCII.
            h = (h ^ u64::from(c.to_ascii_lowercase() as u8)).wrapping_mul(FNV_PRIME);
            in_word = true;
        } else if c.is_alphanumeric() {
            for lc in c.to_lowercase() {
                for &b in lc.encode_utf8(&mut buf).as_bytes() {
                    h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
                }
            }
            in_word = true;
        } else if matches!(c, '\'' | '’' | '‘' | 'ʼ') {
            // Dropped without ending the word.
        } else if in_word {
            out.push(mix(h));
            h = FNV_OFFSET;
            in_word = false;
        }
    }
    if in_word {
        out.push(mix(h));
    }
    out
}

/// The set of word-`SHINGLE_WORDS`-shingle hashes of `text`, sorted and
/// deduplicated. A text shorter than one shingle yields one shingle of all its
/// words; a text without words yields the empty set.
pub fn shingles(text: &str) -> Vec<u64> {
    let words = word_hashes(text);
    let k = SHINGLE_WORDS.min(words.len());
    if k == 0 {
        return Vec::new();
    }
    let mut out: Vec<u64> = words
        .windows(k)
        .map(|w| mix(w.iter().fold(0x9e37_79b9_7f4a_7c15u64, |acc, &x| mix(acc ^ x))))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Exact Jaccard similarity of two sorted, deduplicated sets (0 if both empty).
pub use corroborate_model::sorted_jaccard as jaccard;

/// The bin of a hash: its high 32 bits scaled to `0..NUM_HASHES` (no modulo bias).
fn bin_of(h: u64) -> usize {
    (((h >> 32) * NUM_HASHES as u64) >> 32) as usize
}

/// MinHash signature of a shingle set; `None` for the empty set (nothing to compare).
///
/// One-permutation hashing with optimal densification (Shrivastava, ICML
/// 2017) instead of `NUM_HASHES` independent hash functions: each shingle is
/// hashed once into one of `NUM_HASHES` bins (high bits pick the bin, low bits
/// are the value, minimum kept per bin); an empty bin then copies the bin
/// found by a fixed probe sequence that depends only on the bin number and
/// attempt, so two documents agree on a position with probability equal to
/// their Jaccard similarity, as with classic MinHash, at 1/192 of the cost.
pub fn signature(shingles: &[u64]) -> Option<Vec<u32>> {
    if shingles.is_empty() {
        return None;
    }
    let mut mins = vec![u32::MAX; NUM_HASHES];
    let mut filled = vec![false; NUM_HASHES];
    for &x in shingles {
        let bin = bin_of(x);
        let v = x as u32;
        if let (Some(m), Some(f)) = (mins.get_mut(bin), filled.get_mut(bin)) {
            if v < *m || !*f {
                *m = v.min(*m);
                *f = true;
            }
        }
    }
    let source = filled.clone();
    for i in 0..NUM_HASHES {
        if source.get(i) == Some(&true) {
            continue;
        }
        // Probe bins by a hash of (bin, attempt) until one was filled by a
        // shingle (at least one was: the set is not empty). The probe is
        // bounded; the fallback scan is just as deterministic.
        let mut from = None;
        for attempt in 1..=4096u64 {
            let j = bin_of(mix(((i as u64) << 32) | attempt));
            if source.get(j) == Some(&true) {
                from = Some(j);
                break;
            }
        }
        let j = from.or_else(|| (1..NUM_HASHES).map(|d| (i + d) % NUM_HASHES).find(|&j| source.get(j) == Some(&true)));
        if let Some(v) = j.and_then(|j| mins.get(j).copied()) {
            if let Some(m) = mins.get_mut(i) {
                *m = v;
            }
        }
    }
    Some(mins)
}

/// Estimated Jaccard similarity: the share of equal signature positions.
pub fn estimate(a: &[u32], b: &[u32]) -> f64 {
    let n = a.len().min(b.len());
    if n == 0 {
        return 0.0;
    }
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 / n as f64
}

/// One key per LSH band: a hash of the band number and its `ROWS` values.
/// Two documents are candidates when they share any key.
pub fn band_keys(sig: &[u32]) -> Vec<i64> {
    sig.chunks(ROWS)
        .take(BANDS)
        .enumerate()
        .map(|(band, vals)| {
            let h = vals.iter().fold(mix(band as u64 + 1), |acc, &v| mix(acc ^ u64::from(v)));
            h as i64
        })
        .collect()
}

/// Little-endian bytes of a signature, for a BLOB column.
pub fn signature_to_bytes(sig: &[u32]) -> Vec<u8> {
    sig.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// Inverse of [`signature_to_bytes`]; `None` if the length is not `NUM_HASHES * 4`.
pub fn signature_from_bytes(bytes: &[u8]) -> Option<Vec<u32>> {
    if bytes.len() != NUM_HASHES * 4 {
        return None;
    }
    Some(
        bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_ignores_case_punctuation_and_apostrophes() {
        assert_eq!(word_hashes("Syria's  REBELS, said:"), word_hashes("syrias rebels said"));
        assert_eq!(word_hashes("rebel-held").len(), 2);
        assert!(word_hashes(" ... \n").is_empty());
        assert_eq!(word_hashes("Ünïcode façade"), word_hashes("üNÏCODE FAÇADE"));
    }

    #[test]
    fn shingles_of_short_and_empty_texts() {
        assert!(shingles("").is_empty());
        assert!(shingles("!!!").is_empty());
        assert_eq!(shingles("two words").len(), 1);
        // 7 distinct words -> 3 five-word shingles.
        assert_eq!(shingles("a b c d e f g").len(), 3);
        // Repeated text gives the same set.
        assert_eq!(shingles("a b c d e a b c d e"), shingles("a b c d e a b c d e a b c d e"));
    }

    #[test]
    fn exact_jaccard() {
        assert_eq!(jaccard(&[1, 2, 3], &[1, 2, 3]), 1.0);
        assert_eq!(jaccard(&[1, 2], &[3, 4]), 0.0);
        assert!((jaccard(&[1, 2, 3], &[2, 3, 4]) - 0.5).abs() < 1e-12);
        assert_eq!(jaccard::<u64>(&[], &[]), 0.0);
    }

    /// The MinHash estimate tracks the exact Jaccard within a few standard deviations.
    #[test]
    fn estimate_tracks_exact_jaccard() {
        let base: Vec<String> = (0..400).map(|i| format!("w{i}")).collect();
        for keep in [400usize, 300, 200, 100, 20] {
            // Replace the tail of the word list: overlap shrinks with `keep`.
            let other: Vec<String> = base
                .iter()
                .enumerate()
                .map(|(i, w)| if i < keep { w.clone() } else { format!("x{i}") })
                .collect();
            let a = shingles(&base.join(" "));
            let b = shingles(&other.join(" "));
            let exact = jaccard(&a, &b);
            let est = estimate(&signature(&a).unwrap(), &signature(&b).unwrap());
            let sd = (exact * (1.0 - exact) / NUM_HASHES as f64).sqrt().max(0.01);
            assert!((est - exact).abs() < 4.0 * sd, "keep {keep}: exact {exact:.3} est {est:.3}");
        }
    }

    /// Short texts leave most bins empty; densification must keep the
    /// estimate unbiased (mean over many pairs close to the mean exact value).
    #[test]
    fn estimate_is_unbiased_for_short_texts() {
        for (len, keep) in [(40usize, 30usize), (40, 20), (60, 50), (25, 10)] {
            let (mut exact_sum, mut est_sum) = (0.0, 0.0);
            for trial in 0..60 {
                let a: Vec<String> = (0..len).map(|i| format!("t{trial}w{i}")).collect();
                let b: Vec<String> =
                    (0..len).map(|i| if i < keep { format!("t{trial}w{i}") } else { format!("t{trial}x{i}") }).collect();
                let (sa, sb) = (shingles(&a.join(" ")), shingles(&b.join(" ")));
                exact_sum += jaccard(&sa, &sb);
                est_sum += estimate(&signature(&sa).unwrap(), &signature(&sb).unwrap());
            }
            let (exact, est) = (exact_sum / 60.0, est_sum / 60.0);
            assert!((exact - est).abs() < 0.04, "len {len} keep {keep}: exact {exact:.3} est {est:.3}");
        }
    }

    #[test]
    fn identical_texts_share_every_band() {
        let s = signature(&shingles("the quick brown fox jumps over the lazy dog again")).unwrap();
        assert_eq!(s.len(), NUM_HASHES);
        let k = band_keys(&s);
        assert_eq!(k.len(), BANDS);
        assert_eq!(k, band_keys(&s.clone()));
        // Bands of equal values in different positions still get different keys.
        let flat = vec![7u32; NUM_HASHES];
        let fk = band_keys(&flat);
        assert_ne!(fk[0], fk[1]);
    }

    #[test]
    fn signature_bytes_roundtrip() {
        let s = signature(&shingles("a b c d e f g h")).unwrap();
        assert_eq!(signature_from_bytes(&signature_to_bytes(&s)), Some(s));
        assert_eq!(signature_from_bytes(&[1, 2, 3]), None);
        assert_eq!(signature(&[]), None);
    }
}
