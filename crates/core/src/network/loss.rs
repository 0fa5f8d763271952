//! The loss C of the output aᴸ against a target t, and its gradient ∇ₐC, the start of
//! the backward pass. A batch's loss is the mean over its examples.

use faer::{MatMut, MatRef};
use serde::Deserialize;

use crate::matrix::row_into;
use crate::numerics::{log_sum_exp, softmax_into};

/// The loss C of one example; a batch's loss is the mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Loss {
    /// C = ½‖a − t‖².
    #[default]
    Quadratic,
    /// C = −Σₖ tₖ ln softmax(a)ₖ, computed through log-sum-exp so it never overflows.
    CrossEntropy,
}

/// One output row, its target row and its gradient, copied out of a batch: faer keeps a
/// matrix's columns contiguous, and a loss reads an example's row.
#[derive(Debug, Clone, Default)]
pub(super) struct Rows {
    output: Vec<f64>,
    target: Vec<f64>,
    slope: Vec<f64>,
}

impl Rows {
    /// Copies row `i` of the outputs `a` and the targets `t`.
    fn load(&mut self, a: MatRef<'_, f64>, t: MatRef<'_, f64>, i: usize) {
        row_into(a, i, &mut self.output);
        row_into(t, i, &mut self.target);
    }
}

impl Loss {
    /// The name a spec uses.
    pub fn name(self) -> &'static str {
        match self {
            Loss::Quadratic => "quadratic",
            Loss::CrossEntropy => "cross-entropy",
        }
    }

    /// C for one output row `a` and target `t`.
    pub fn value(self, a: &[f64], t: &[f64]) -> f64 {
        match self {
            Loss::Quadratic => {
                0.5 * a
                    .iter()
                    .zip(t)
                    .map(|(ak, tk)| (ak - tk).powi(2))
                    .sum::<f64>()
            }
            Loss::CrossEntropy => {
                let lse = log_sum_exp(a);
                -a.iter().zip(t).map(|(ak, tk)| tk * (ak - lse)).sum::<f64>()
            }
        }
    }

    /// ∂C/∂a for one output row.
    pub fn gradient(self, a: &[f64], t: &[f64]) -> Vec<f64> {
        let mut g = vec![0.0; a.len()];
        self.gradient_into(a, t, &mut g);
        g
    }

    /// [`Loss::gradient`] written into `g` (as long as `a`), for loops that must not
    /// allocate.
    pub fn gradient_into(self, a: &[f64], t: &[f64], g: &mut [f64]) {
        match self {
            Loss::Quadratic => {
                for ((gk, ak), tk) in g.iter_mut().zip(a).zip(t) {
                    *gk = ak - tk;
                }
            }
            Loss::CrossEntropy => {
                // ∂/∂aₖ of −Σᵢ tᵢ (aᵢ − lse(a)) = pₖ Σᵢ tᵢ − tₖ, with p = softmax(a).
                let total: f64 = t.iter().sum();
                softmax_into(a, 1.0, g);
                for (gk, tk) in g.iter_mut().zip(t) {
                    *gk = *gk * total - tk;
                }
            }
        }
    }

    /// The mean of C over a batch: outputs `a` and targets `t`, one example per row.
    pub(super) fn mean(self, a: MatRef<'_, f64>, t: MatRef<'_, f64>, rows: &mut Rows) -> f64 {
        let m = a.nrows();
        let mut total = 0.0;
        for i in 0..m {
            rows.load(a, t, i);
            total += self.value(&rows.output, &rows.target);
        }
        total / m as f64
    }

    /// The sum of C over the examples (rows) of `a` against `t`, with ∇ₐC of each
    /// example written as the rows of `g` (shaped like `a`).
    pub(super) fn sum_and_gradient_rows(
        self,
        a: MatRef<'_, f64>,
        t: MatRef<'_, f64>,
        mut g: MatMut<'_, f64>,
        rows: &mut Rows,
    ) -> f64 {
        rows.slope.resize(a.ncols(), 0.0);
        let mut total = 0.0;
        for i in 0..a.nrows() {
            rows.load(a, t, i);
            total += self.value(&rows.output, &rows.target);
            self.gradient_into(&rows.output, &rows.target, &mut rows.slope);
            for (j, gj) in rows.slope.iter().enumerate() {
                g[(i, j)] = *gj;
            }
        }
        total
    }
}

#[cfg(test)]
mod tests {
    use faer::Mat;

    use super::*;

    #[test]
    fn cross_entropy_is_stable_and_its_gradient_is_p_minus_t() {
        let a = [1000.0, 0.0, -1000.0];
        let t = [0.0, 1.0, 0.0];
        assert!((Loss::CrossEntropy.value(&a, &t) - 1000.0).abs() < 1e-9);
        let g = Loss::CrossEntropy.gradient(&[0.0, 0.0], &[1.0, 0.0]);
        assert_eq!(g, vec![-0.5, 0.5]);
    }

    #[test]
    fn a_batch_is_read_row_by_row() {
        let a = Mat::from_fn(2, 2, |i, j| [[1.0, 3.0], [0.5, -1.0]][i][j]);
        let t = Mat::from_fn(2, 2, |i, j| [[0.0, 1.0], [0.5, 1.0]][i][j]);
        let mut rows = Rows::default();
        // ½(1 + 4) and ½(0 + 4), averaged.
        assert_eq!(
            Loss::Quadratic.mean(a.as_ref(), t.as_ref(), &mut rows),
            2.25
        );
        let mut g = Mat::zeros(2, 2);
        let total =
            Loss::Quadratic.sum_and_gradient_rows(a.as_ref(), t.as_ref(), g.as_mut(), &mut rows);
        assert_eq!(total, 4.5);
        assert_eq!(
            g,
            Mat::from_fn(2, 2, |i, j| [[1.0, 2.0], [0.0, -2.0]][i][j])
        );
    }
}
