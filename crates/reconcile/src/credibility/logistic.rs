//! L2-regularised logistic regression over sparse inputs, full-batch Adam.
//! Written by hand: it is ~80 lines, deterministic, and spares the workspace
//! a numerics stack (linfa/smartcore pull ndarray and BLAS-style deps) for a
//! model with a few thousand weights.

/// A sparse input: (feature index, value).
pub type Row = Vec<(usize, f64)>;

#[derive(Clone, Debug, PartialEq)]
pub struct Fitted {
    pub weights: Vec<f64>,
    pub bias: f64,
}

pub fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

impl Fitted {
    pub fn logit(&self, x: &Row) -> f64 {
        self.bias + x.iter().map(|&(i, v)| self.weights.get(i).copied().unwrap_or(0.0) * v).sum::<f64>()
    }
}

/// Fits weights minimising mean log-loss + Σ l2[i]·w[i]²/2 (the bias is not
/// penalised). `l2` gives each feature's penalty, so dense signals and hashed
/// words can be regularised differently. Indices ≥ `l2.len()` are ignored.
pub fn fit(xs: &[Row], ys: &[bool], l2: &[f64], iterations: usize, rate: f64) -> Fitted {
    let dim = l2.len();
    let mut w = vec![0.0; dim];
    let n = xs.len().min(ys.len());
    let pos = ys.iter().take(n).filter(|&&y| y).count() as f64;
    // Start from the base rate, so few iterations already give calibrated scores.
    let rate0 = ((pos + 0.5) / (n as f64 + 1.0)).clamp(1e-6, 1.0 - 1e-6);
    let mut b = (rate0 / (1.0 - rate0)).ln();
    let (beta1, beta2, eps) = (0.9, 0.999, 1e-8);
    let (mut m, mut v) = (vec![0.0; dim + 1], vec![0.0; dim + 1]);
    let mut grad = vec![0.0; dim + 1];
    for t in 1..=iterations {
        grad.iter_mut().for_each(|g| *g = 0.0);
        for (x, &y) in xs.iter().zip(ys).take(n) {
            let p = sigmoid(b + x.iter().map(|&(i, val)| w.get(i).copied().unwrap_or(0.0) * val).sum::<f64>());
            let err = p - if y { 1.0 } else { 0.0 };
            for &(i, val) in x {
                if let Some(g) = grad.get_mut(i).filter(|_| i < dim) {
                    *g += err * val;
                }
            }
            if let Some(g) = grad.get_mut(dim) {
                *g += err;
            }
        }
        let scale = 1.0 / n.max(1) as f64;
        for i in 0..=dim {
            let reg = if i < dim { l2.get(i).copied().unwrap_or(0.0) * w.get(i).copied().unwrap_or(0.0) } else { 0.0 };
            let g = grad.get(i).copied().unwrap_or(0.0) * scale + reg;
            let (Some(mi), Some(vi)) = (m.get_mut(i), v.get_mut(i)) else { continue };
            *mi = beta1 * *mi + (1.0 - beta1) * g;
            *vi = beta2 * *vi + (1.0 - beta2) * g * g;
            let mh = *mi / (1.0 - beta1.powi(t as i32));
            let vh = *vi / (1.0 - beta2.powi(t as i32));
            let step = rate * mh / (vh.sqrt() + eps);
            if i < dim {
                if let Some(wi) = w.get_mut(i) {
                    *wi -= step;
                }
            } else {
                b -= step;
            }
        }
    }
    Fitted { weights: w, bias: b }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_rule() {
        // y = x0 > 0; x1 is noise.
        let xs: Vec<Row> = (0..40).map(|k| vec![(0, if k % 2 == 0 { 1.0 } else { -1.0 }), (1, (k % 5) as f64 - 2.0)]).collect();
        let ys: Vec<bool> = (0..40).map(|k| k % 2 == 0).collect();
        let f = fit(&xs, &ys, &[0.01, 0.01], 300, 0.05);
        assert!(f.weights[0] > 1.0, "{:?}", f.weights);
        assert!(f.weights[1].abs() < f.weights[0].abs() / 4.0);
        assert!(sigmoid(f.logit(&vec![(0, 1.0)])) > 0.8);
    }

    #[test]
    fn penalty_shrinks_weights() {
        let xs: Vec<Row> = (0..20).map(|k| vec![(0, if k < 10 { 1.0 } else { -1.0 })]).collect();
        let ys: Vec<bool> = (0..20).map(|k| k < 10).collect();
        let loose = fit(&xs, &ys, &[0.001], 300, 0.05);
        let tight = fit(&xs, &ys, &[1.0], 300, 0.05);
        assert!(tight.weights[0].abs() < loose.weights[0].abs());
    }

    #[test]
    fn empty_input_gives_a_finite_model() {
        let f = fit(&[], &[], &[0.1], 10, 0.05);
        assert!(f.bias.is_finite() && f.weights[0] == 0.0);
    }
}
