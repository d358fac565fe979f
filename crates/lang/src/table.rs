//! A read-only open-addressing map from already-hashed `u64` keys to `u32`
//! values. Feature ids are hashes, so re-hashing them with SipHash (std's
//! `HashMap`) would only cost time; this is the hot lookup of every model.

#[derive(Clone, Debug, Default)]
pub struct U64Map {
    /// Slot -> entry index + 1 (0 = empty).
    slots: Vec<u32>,
    keys: Vec<u64>,
    vals: Vec<u32>,
    shift: u32,
}

impl U64Map {
    /// Builds from key/value pairs; on duplicate keys the last wins.
    pub fn new(pairs: impl IntoIterator<Item = (u64, u32)>) -> Self {
        let (keys, vals): (Vec<u64>, Vec<u32>) = pairs.into_iter().unzip();
        let cap = (keys.len() * 2).next_power_of_two().max(16);
        let mut m = U64Map { slots: vec![0; cap], keys, vals, shift: 64 - cap.trailing_zeros() };
        let mask = cap - 1;
        for i in 0..m.keys.len() {
            let k = m.keys[i];
            let mut s = m.slot(k);
            loop {
                let e = m.slots[s];
                if e == 0 {
                    m.slots[s] = i as u32 + 1;
                    break;
                }
                if m.keys[e as usize - 1] == k {
                    m.slots[s] = i as u32 + 1;
                    break;
                }
                s = (s + 1) & mask;
            }
        }
        m
    }

    #[inline]
    fn slot(&self, k: u64) -> usize {
        // High bits of a multiplicative hash are well mixed even for weak keys.
        (k.wrapping_mul(0x9e3779b97f4a7c15) >> self.shift) as usize
    }

    #[inline]
    pub fn get(&self, k: u64) -> Option<u32> {
        let mask = self.slots.len().checked_sub(1)?;
        let mut s = self.slot(k);
        loop {
            let e = *self.slots.get(s)?;
            if e == 0 {
                return None;
            }
            let i = e as usize - 1;
            if self.keys.get(i) == Some(&k) {
                return self.vals.get(i).copied();
            }
            s = (s + 1) & mask;
        }
    }
}

/// Asks the CPU to start loading the cache line holding `x` and returns at
/// once. Model lookups are bound by cache misses on tables of several MB; a
/// pass that prefetches every feature's slot before any is read keeps many
/// misses in flight instead of one per unpredictable probe branch.
#[inline(always)]
pub fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is only a hint; it never faults and reads no value
    // into the program, and the pointer comes from a live reference.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(x as *const T as *const i8)
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_key_and_rejects_others() {
        let m = U64Map::new((0..1000u64).map(|k| (k * 7919, k as u32)));
        for k in 0..1000u64 {
            assert_eq!(m.get(k * 7919), Some(k as u32));
        }
        assert_eq!(m.get(3), None);
        assert_eq!(U64Map::new([]).get(5), None);
        assert_eq!(U64Map::new([(1, 1), (1, 2)]).get(1), Some(2));
        assert_eq!(U64Map::default().get(1), None);
    }
}
