//! Set similarity shared by the stages that compare documents (the store's
//! near-duplicate check, credibility's same-incident test).

/// Exact Jaccard similarity of two sorted, deduplicated sets (0 if both are
/// empty). One merge pass counts the intersection without allocating, since
/// callers run it for many pairs.
pub fn sorted_jaccard<T: Ord>(a: &[T], b: &[T]) -> f64 {
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

#[cfg(test)]
mod tests {
    use super::sorted_jaccard;

    #[test]
    fn counts_shared_members_over_all_members() {
        assert_eq!(sorted_jaccard(&[1, 2, 3], &[1, 2, 3]), 1.0);
        assert_eq!(sorted_jaccard(&[1, 2], &[3, 4]), 0.0);
        assert_eq!(sorted_jaccard(&["a", "b", "c"], &["b", "c", "d"]), 0.5);
        assert_eq!(sorted_jaccard::<u64>(&[], &[]), 0.0);
    }
}
