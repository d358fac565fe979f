//! Scores of a binary classifier; the positive class is "true" (label 1).

/// Area under the ROC curve: the probability that a random true article
/// scores above a random fake one, ties counting half (Mann–Whitney).
pub fn auc(scores: &[f64], labels: &[bool]) -> f64 {
    let mut idx: Vec<usize> = (0..scores.len().min(labels.len())).collect();
    idx.sort_by(|&a, &b| scores.get(a).partial_cmp(&scores.get(b)).unwrap_or(std::cmp::Ordering::Equal));
    // Average ranks over ties.
    let mut ranks = vec![0.0; idx.len()];
    let mut i = 0;
    while i < idx.len() {
        let s = idx.get(i).and_then(|&k| scores.get(k));
        let mut j = i;
        while j + 1 < idx.len() && idx.get(j + 1).and_then(|&k| scores.get(k)) == s {
            j += 1;
        }
        let avg = (i + j) as f64 / 2.0 + 1.0;
        for r in idx.get(i..=j).unwrap_or(&[]) {
            if let Some(x) = ranks.get_mut(*r) {
                *x = avg;
            }
        }
        i = j + 1;
    }
    let pos = labels.iter().take(idx.len()).filter(|&&l| l).count() as f64;
    let neg = idx.len() as f64 - pos;
    if pos == 0.0 || neg == 0.0 {
        return 0.5;
    }
    let rank_sum: f64 = ranks.iter().zip(labels).filter(|(_, &l)| l).map(|(r, _)| r).sum();
    (rank_sum - pos * (pos + 1.0) / 2.0) / (pos * neg)
}

/// (precision, recall, F1) of "true" when predicted for score ≥ `threshold`.
pub fn f1(scores: &[f64], labels: &[bool], threshold: f64) -> (f64, f64, f64) {
    let (mut tp, mut fp, mut fneg) = (0.0, 0.0, 0.0);
    for (&s, &l) in scores.iter().zip(labels) {
        match (s >= threshold, l) {
            (true, true) => tp += 1.0,
            (true, false) => fp += 1.0,
            (false, true) => fneg += 1.0,
            _ => {}
        }
    }
    let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let r = if tp + fneg > 0.0 { tp / (tp + fneg) } else { 0.0 };
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f)
}

pub fn accuracy(scores: &[f64], labels: &[bool], threshold: f64) -> f64 {
    let n = scores.len().min(labels.len());
    if n == 0 {
        return 0.0;
    }
    scores.iter().zip(labels).filter(|(&s, &l)| (s >= threshold) == l).count() as f64 / n as f64
}

/// The threshold that maximises F1 on these scores (ties: the higher
/// threshold, i.e. fewer articles called true). Meant for training scores.
pub fn best_threshold(scores: &[f64], labels: &[bool]) -> f64 {
    let mut cands: Vec<f64> = scores.iter().copied().filter(|s| s.is_finite()).collect();
    cands.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    cands.dedup();
    let mut best = (f64::NEG_INFINITY, 0.5);
    for t in cands {
        let (_, _, f) = f1(scores, labels, t);
        if f >= best.0 {
            best = (f, t);
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auc_of_perfect_random_and_tied_rankings() {
        let l = [false, false, true, true];
        assert_eq!(auc(&[0.1, 0.2, 0.8, 0.9], &l), 1.0);
        assert_eq!(auc(&[0.9, 0.8, 0.2, 0.1], &l), 0.0);
        assert_eq!(auc(&[0.5, 0.5, 0.5, 0.5], &l), 0.5);
        assert_eq!(auc(&[0.1, 0.6, 0.4, 0.9], &l), 0.75);
        assert_eq!(auc(&[], &[]), 0.5);
    }

    #[test]
    fn f1_of_all_true_is_the_base_rate_f1() {
        let l = [true, true, true, false];
        let (p, r, f) = f1(&[1.0; 4], &l, 0.5);
        assert_eq!((p, r), (0.75, 1.0));
        assert!((f - 2.0 * 0.75 / 1.75).abs() < 1e-12);
        assert_eq!(accuracy(&[1.0; 4], &l, 0.5), 0.75);
    }

    #[test]
    fn best_threshold_separates_when_it_can() {
        let l = [false, false, true, true];
        let t = best_threshold(&[0.1, 0.2, 0.8, 0.9], &l);
        assert_eq!(f1(&[0.1, 0.2, 0.8, 0.9], &l, t).2, 1.0);
    }
}
