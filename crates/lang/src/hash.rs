//! Allocation-free feature hashing. Token strings are hashed once (FNV-1a over
//! bytes, stable across platforms); features combine those hashes with a
//! template id by a cheap multiplicative mix, so no feature string is built.

const FNV_OFFSET: u64 = 0xcbf29ce484222325;
const FNV_PRIME: u64 = 0x100000001b3;
const K: u64 = 0x517cc1b727220a95;

/// FNV-1a of a byte string.
#[inline]
pub fn fnv(bytes: &[u8]) -> u64 {
    let mut h = FNV_OFFSET;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// FNV-1a with ASCII letters folded to lower case ("The" and "the" agree).
#[inline]
pub fn fnv_lower(s: &str) -> u64 {
    let mut h = FNV_OFFSET;
    for b in s.bytes() {
        h ^= b.to_ascii_lowercase() as u64;
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// Hasher for maps keyed by these hashes: the keys are already well mixed,
/// so they are used as they are.
#[derive(Default)]
pub struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ b as u64;
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

#[inline]
fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

/// Feature id of a template over one value.
#[inline]
pub fn f1(template: u8, a: u64) -> u64 {
    mix(mix(template as u64 + 1, a), 0x9e37)
}

/// Feature id of a template over two values.
#[inline]
pub fn f2(template: u8, a: u64, b: u64) -> u64 {
    mix(mix(mix(template as u64 + 1, a), b), 0x9e37)
}

/// Feature id of a template over three values.
#[inline]
pub fn f3(template: u8, a: u64, b: u64, c: u64) -> u64 {
    mix(mix(mix(mix(template as u64 + 1, a), b), c), 0x9e37)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_and_order_matter() {
        let (a, b) = (fnv(b"said"), fnv(b"Obama"));
        assert_ne!(f1(1, a), f1(2, a));
        assert_ne!(f2(1, a, b), f2(1, b, a));
        assert_ne!(f1(1, a), f2(1, a, 0));
        assert_eq!(fnv(b"said"), fnv("said".as_bytes()));
    }
}
