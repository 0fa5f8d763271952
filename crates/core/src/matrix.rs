//! Matrices and their products, in one place for every section.
//!
//! - [`Matrix`], row-major: the shape a spec writes, checked once, for per-step work (an
//!   LSTM's gates). A small one is multiplied by a plain loop, where a call into faer
//!   would cost more than it saves; a large one by faer's matrix-vector kernel, which uses
//!   the widest vector instructions the CPU has (a plain loop here would be held to the
//!   baseline's SSE2 and to one addition at a time).
//! - Products of faer matrices, named by what they compute: [`set_product`] (C = A B),
//!   [`set_scaled_product`] (C = s A B), [`add_product`] (C += A B); in parallel when the
//!   product is large ([`threads_for`]). [`product_into`] writes into a view, for a
//!   caller that fills bands of one matrix from two threads. With [`set_shape`] and
//!   [`row_into`] they keep a training loop's buffers, so that a loop allocates nothing
//!   after its first step.
//! - A product of one row (one example) is a plain loop, not faer's: see
//!   `one_row_product` for why.

use std::cell::RefCell;

use faer::linalg::matmul::matmul;
use faer::{Accum, ColMut, ColRef, Mat, MatMut, MatRef, Par};

use crate::FieldError;
use crate::format::count;

/// Matrices with at least this many entries are multiplied by faer: below it the call
/// costs more than the loop (measured on the LSTM forward pass).
const FAER_ENTRIES: usize = 1 << 12;

/// Products of faer matrices smaller than this many multiply-adds run on one thread:
/// below it, handing work to other threads costs more than it saves.
const PARALLEL_WORK: usize = 1 << 16;

/// A row-major matrix of f64.
#[derive(Debug, Clone, PartialEq)]
pub struct Matrix {
    rows: usize,
    cols: usize,
    data: Vec<f64>,
}

impl Matrix {
    /// Builds a matrix from a spec's rows, refusing an empty or ragged one.
    /// `path` names the field in errors.
    pub fn from_rows(rows: &[Vec<f64>], path: &str) -> Result<Matrix, FieldError> {
        let Some(first) = rows.first() else {
            return Err(FieldError::new(path, "empty: needs at least one row"));
        };
        let cols = first.len();
        if cols == 0 {
            return Err(FieldError::new(
                format!("{path}[0]"),
                "empty row: needs at least one column",
            ));
        }
        for (i, row) in rows.iter().enumerate() {
            if row.len() != cols {
                return Err(FieldError::new(
                    format!("{path}[{i}]"),
                    format!(
                        "ragged matrix: row {i} has {}, row 0 has {cols}",
                        count(row.len(), "column", "columns")
                    ),
                ));
            }
        }
        Ok(Matrix {
            rows: rows.len(),
            cols,
            data: rows.concat(),
        })
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns.
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// Row `i` as a slice; `i` must be below [`Matrix::rows`].
    pub fn row(&self, i: usize) -> &[f64] {
        &self.data[i * self.cols..(i + 1) * self.cols]
    }

    /// Iterates over the rows.
    pub fn iter_rows(&self) -> impl Iterator<Item = &[f64]> {
        self.data.chunks_exact(self.cols)
    }

    /// W x for a vector x of length [`Matrix::cols`].
    pub fn mul_vec(&self, x: &[f64]) -> Vec<f64> {
        let mut out = vec![0.0; self.rows];
        self.mul_add_into(x, &mut out);
        out
    }

    /// Whether products with this matrix go through faer: large enough that a call into
    /// its kernels pays. A caller that can batch such products (an LSTM's inputs over a
    /// whole sequence) asks this rather than keeping a threshold of its own.
    pub fn is_wide(&self) -> bool {
        self.data.len() >= FAER_ENTRIES
    }

    /// A view of this matrix for faer's products.
    pub fn as_faer(&self) -> MatRef<'_, f64> {
        MatRef::from_row_major_slice(&self.data, self.rows, self.cols)
    }

    /// out += W x, without allocating: for loops that step a model many times. `x` must
    /// have [`Matrix::cols`] entries and `out` [`Matrix::rows`].
    pub fn mul_add_into(&self, x: &[f64], out: &mut [f64]) {
        if !self.is_wide() {
            for (o, row) in out.iter_mut().zip(self.iter_rows()) {
                *o += row.iter().zip(x).map(|(w, xi)| w * xi).sum::<f64>();
            }
            return;
        }
        matmul(
            ColMut::from_slice_mut(out).as_mat_mut(),
            Accum::Add,
            self.as_faer(),
            ColRef::from_slice(x).as_mat(),
            1.0,
            Par::Seq,
        );
    }
}

/// C = A B, C taking the product's shape (its allocation kept when it has it already).
pub fn set_product(c: &mut Mat<f64>, a: MatRef<'_, f64>, b: MatRef<'_, f64>) {
    set_scaled_product(c, 1.0, a, b);
}

/// C = s A B, C taking the product's shape (its allocation kept when it has it already).
pub fn set_scaled_product(c: &mut Mat<f64>, s: f64, a: MatRef<'_, f64>, b: MatRef<'_, f64>) {
    set_shape(c, a.nrows(), b.ncols());
    multiply(c, Accum::Replace, s, a, b);
}

/// C += A B; C must already have the product's shape.
pub fn add_product(c: &mut Mat<f64>, a: MatRef<'_, f64>, b: MatRef<'_, f64>) {
    multiply(c, Accum::Add, 1.0, a, b);
}

/// C = [C +] s A B with faer's product, on one thread unless the product is large
/// enough to pay for more.
fn multiply(c: &mut Mat<f64>, accum: Accum, s: f64, a: MatRef<'_, f64>, b: MatRef<'_, f64>) {
    let par = threads_for(a, b);
    product_into(c.as_mut(), accum, s, a, b, par);
}

/// The threads a product A B is worth: one below [`PARALLEL_WORK`] multiply-adds, where
/// handing work to other threads costs more than it saves, else all of rayon's.
pub fn threads_for(a: MatRef<'_, f64>, b: MatRef<'_, f64>) -> Par {
    let work = a.nrows() * a.ncols() * b.ncols();
    if work >= PARALLEL_WORK {
        Par::rayon(0)
    } else {
        Par::Seq
    }
}

/// Which threads the products of a band of a batch may use (see `network::bands`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Threads {
    /// Each product decides for itself ([`threads_for`]): the band is the whole batch.
    PerProduct,
    /// The band's own thread only: the band is one of two running side by side.
    One,
}

impl Threads {
    /// The threads for the product A B.
    pub fn for_product(self, a: MatRef<'_, f64>, b: MatRef<'_, f64>) -> Par {
        match self {
            Threads::PerProduct => threads_for(a, b),
            Threads::One => Par::Seq,
        }
    }
}

/// C = [C +] s A B into a view C already of the product's shape, on `par`: for callers
/// that fill bands of a matrix from several threads. A product of one row is
/// [`one_row_product`]'s.
pub fn product_into(
    c: MatMut<'_, f64>,
    accum: Accum,
    s: f64,
    a: MatRef<'_, f64>,
    b: MatRef<'_, f64>,
    par: Par,
) {
    if a.nrows() == 1 && c.nrows() == 1 {
        one_row_product(c, accum, s, a, b);
    } else if a.ncols() == 1 {
        outer_product(c, accum, s, a, b);
    } else {
        matmul(c, accum, a, b, s, par);
    }
}

/// C = [C +] s a b for a column a and a row b (one example's ∂C/∂W = δᵀ a), column by
/// column: for a small layer, the time faer takes to choose a kernel is most of the
/// product, in a training loop of one example a step.
fn outer_product(
    mut c: MatMut<'_, f64>,
    accum: Accum,
    s: f64,
    a: MatRef<'_, f64>,
    b: MatRef<'_, f64>,
) {
    for k in 0..c.ncols() {
        let bk = b[(0, k)];
        for i in 0..c.nrows() {
            let product = s * (a[(i, 0)] * bk);
            c[(i, k)] = match accum {
                Accum::Replace => product,
                Accum::Add => c[(i, k)] + product,
            };
        }
    }
}

/// Column `j` of a view as a slice: None unless its rows are contiguous, which they are
/// in a whole faer matrix and in any band of its rows.
pub fn column(m: MatRef<'_, f64>, j: usize) -> Option<&[f64]> {
    m.col(j).try_as_col_major().map(|c| c.as_slice())
}

/// [`column`], to write.
pub fn column_mut(m: MatMut<'_, f64>, j: usize) -> Option<&mut [f64]> {
    m.col_mut(j)
        .try_as_col_major_mut()
        .map(|c| c.as_slice_mut())
}

/// `f` on the entries of `src` beside the same entries of `dst` (same shape), as slices:
/// `f` must act entry by entry, and sees the entries in runs, so that it can be a loop
/// the compiler vectorises (σ and tanh over a slice are). The runs are the columns, which
/// faer keeps contiguous; a one-row view, whose entries sit a padded column apart, is
/// gathered into runs of up to 64 first (one example's layer, where σ or tanh entry by
/// entry cost a training step a third of its time).
pub fn zip_columns(src: MatRef<'_, f64>, mut dst: MatMut<'_, f64>, f: impl Fn(&[f64], &mut [f64])) {
    const RUN: usize = 64;
    if src.nrows() == 1 {
        let (mut s, mut d) = ([0.0; RUN], [0.0; RUN]);
        for start in (0..src.ncols()).step_by(RUN) {
            let n = RUN.min(src.ncols() - start);
            for i in 0..n {
                s[i] = src[(0, start + i)];
                d[i] = dst[(0, start + i)];
            }
            f(&s[..n], &mut d[..n]);
            for (i, &di) in d[..n].iter().enumerate() {
                dst[(0, start + i)] = di;
            }
        }
        return;
    }
    for j in 0..src.ncols() {
        if let (Some(s), Some(d)) = (column(src, j), column_mut(dst.as_mut(), j)) {
            f(s, d);
            continue;
        }
        for i in 0..src.nrows() {
            let mut entry = [dst[(i, j)]];
            f(&[src[(i, j)]], &mut entry);
            dst[(i, j)] = entry[0];
        }
    }
}

std::thread_local! {
    /// [`one_row_product`]'s running sum, kept so that a loop of one-example passes
    /// allocates nothing after its first.
    static ROW_SUM: RefCell<Vec<f64>> = const { RefCell::new(Vec::new()) };
}

/// C = [C +] s a B for a one-row `a` (one example fed forward, or its δ sent back), as a
/// sum of B's rows scaled by a's entries, in a contiguous row, entry by entry in the order
/// of k.
///
/// Not faer: a one-row `Mat` keeps its entries a padded column apart (faer rounds a column
/// up to 8 entries), so faer's matrix-vector kernels, which want a contiguous destination,
/// refuse it, and its general kernel takes it, with packing buffers and vector lanes
/// wider than the one row. On an Intel Xeon that made `backprop.formulas` on [1000, 1000,
/// 2] take 40 s rather than 1: a profile put 99 % of it in one AVX-512 FMA loop, which ran
/// 15–60× faster with subnormals flushed to zero and gave the same output, so it was
/// arithmetic on subnormal numbers that never reached the result, which only memory
/// nobody initialised (padding, scratch) can hold, and which Intel's cores take a
/// microcode assist for (AMD's Zen 3 does not, so the slowdown never showed there). Safe
/// Rust reads only the entries it is given, so this loop cannot meet a stale bit; it is
/// the same on every CPU, and for one row the product is bound by reading B, which a
/// plain loop does about as fast as faer.
fn one_row_product(
    mut c: MatMut<'_, f64>,
    accum: Accum,
    s: f64,
    a: MatRef<'_, f64>,
    b: MatRef<'_, f64>,
) {
    ROW_SUM.with_borrow_mut(|sum| {
        sum.clear();
        sum.resize(b.ncols(), 0.0);
        let row = |k: usize| b.row(k).try_as_row_major().map(|r| r.as_slice());
        let mut k = 0;
        // Four of B's rows a sweep, while they are contiguous (a layer's Wᵀ: its rows are
        // W's columns): a quarter of the loads and stores of the running sum, and the
        // very same additions, in the same order, as four sweeps.
        while k + 4 <= a.ncols() {
            let (Some(r0), Some(r1), Some(r2), Some(r3)) =
                (row(k), row(k + 1), row(k + 2), row(k + 3))
            else {
                break;
            };
            let [a0, a1, a2, a3] = [0, 1, 2, 3].map(|i| a[(0, k + i)]);
            for ((((sj, b0), b1), b2), b3) in sum.iter_mut().zip(r0).zip(r1).zip(r2).zip(r3) {
                *sj = *sj + a0 * b0 + a1 * b1 + a2 * b2 + a3 * b3;
            }
            k += 4;
        }
        for k in k..a.ncols() {
            let ak = a[(0, k)];
            match row(k) {
                Some(r) => sum.iter_mut().zip(r).for_each(|(sj, &bkj)| *sj += ak * bkj),
                None => sum
                    .iter_mut()
                    .enumerate()
                    .for_each(|(j, sj)| *sj += ak * b[(k, j)]),
            }
        }
        for (j, &sj) in sum.iter().enumerate() {
            let before = match accum {
                Accum::Replace => 0.0,
                Accum::Add => c[(0, j)],
            };
            c[(0, j)] = before + s * sj;
        }
    });
}

/// Gives `m` the shape rows × cols, keeping its allocation when it has that shape already:
/// a training loop's buffers then cost nothing after the first step. A reshaped matrix's
/// entries are left for the caller to overwrite.
pub fn set_shape(m: &mut Mat<f64>, rows: usize, cols: usize) {
    if m.nrows() != rows || m.ncols() != cols {
        *m = Mat::zeros(rows, cols);
    }
}

/// A vector as a batch of one example (one row), viewed in place: a faer `Mat` of one
/// row would keep each entry a padded column apart, 64 bytes an entry.
pub fn one_row(v: &[f64]) -> MatRef<'_, f64> {
    MatRef::from_row_major_slice(v, 1, v.len())
}

/// Row `i` of a matrix as a vector.
pub fn row(m: &Mat<f64>, i: usize) -> Vec<f64> {
    (0..m.ncols()).map(|j| m[(i, j)]).collect()
}

/// Row `i` of `m` copied into `out`, whose allocation is kept.
pub fn row_into(m: MatRef<'_, f64>, i: usize, out: &mut Vec<f64>) {
    out.clear();
    out.extend((0..m.ncols()).map(|j| m[(i, j)]));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_and_small_products_agree_with_the_sum_by_hand() {
        for (rows, cols) in [(3, 2), (64, 64), (70, 90)] {
            let data: Vec<Vec<f64>> = (0..rows)
                .map(|i| {
                    (0..cols)
                        .map(|j| ((i * 7 + j * 3) % 11) as f64 - 5.0)
                        .collect()
                })
                .collect();
            let w = Matrix::from_rows(&data, "w").unwrap();
            let x: Vec<f64> = (0..cols).map(|j| (j % 5) as f64 * 0.25).collect();
            let mut out = vec![1.0; rows];
            w.mul_add_into(&x, &mut out);
            for i in 0..rows {
                // Small integers and quarters: every partial sum is exact in any order.
                let by_hand = 1.0 + (0..cols).map(|j| data[i][j] * x[j]).sum::<f64>();
                assert_eq!(out[i], by_hand, "{rows}×{cols}, row {i}");
            }
        }
    }

    #[test]
    fn products_say_what_they_compute() {
        let a = Mat::from_fn(2, 3, |i, j| (i * 3 + j) as f64);
        let b = Mat::from_fn(3, 2, |i, j| if i == j { 1.0 } else { 0.5 });
        // a = [0 1 2; 3 4 5], b = [1 0.5; 0.5 1; 0.5 0.5]
        let ab = Mat::from_fn(2, 2, |i, j| [[1.5, 2.0], [7.5, 8.0]][i][j]);
        let mut c = Mat::new();
        set_product(&mut c, a.as_ref(), b.as_ref());
        assert_eq!(c, ab);
        set_scaled_product(&mut c, 2.0, a.as_ref(), b.as_ref());
        assert_eq!(c, Mat::from_fn(2, 2, |i, j| 2.0 * ab[(i, j)]));
        add_product(&mut c, a.as_ref(), b.as_ref());
        assert_eq!(c, Mat::from_fn(2, 2, |i, j| 3.0 * ab[(i, j)]));
        assert_eq!(row(&c, 1), vec![22.5, 24.0]);
    }

    #[test]
    fn a_one_row_product_is_the_sum_by_hand_whatever_the_layout() {
        // Small integers and halves: every partial sum is exact in any order.
        let a = Mat::from_fn(1, 5, |_, k| k as f64 - 2.0);
        let w = Mat::from_fn(7, 5, |j, k| ((j * 5 + k * 3) % 7) as f64 * 0.5 - 1.0);
        let by_hand = |j: usize| (0..5).map(|k| a[(0, k)] * w[(j, k)]).sum::<f64>();
        // Wᵀ (rows contiguous, as a layer's forward pass) and W itself, column-major.
        let wt_owned = w.transpose().to_owned();
        for b in [w.transpose(), wt_owned.as_ref()] {
            let mut c = Mat::new();
            set_scaled_product(&mut c, 2.0, a.as_ref(), b);
            assert_eq!((c.nrows(), c.ncols()), (1, 7));
            for j in 0..7 {
                assert_eq!(c[(0, j)], 2.0 * by_hand(j), "entry {j}");
            }
            add_product(&mut c, a.as_ref(), b);
            for j in 0..7 {
                assert_eq!(c[(0, j)], 3.0 * by_hand(j), "entry {j}");
            }
        }
        // And beside faer's general product, on a row of a larger matrix.
        let big = Mat::from_fn(3, 300, |i, k| ((i * 31 + k * 17) % 13) as f64 / 8.0 - 0.7);
        let wide = Mat::from_fn(300, 40, |k, j| ((k * 7 + j * 11) % 9) as f64 / 4.0 - 1.0);
        let (mut one, mut all) = (Mat::new(), Mat::new());
        set_product(&mut one, big.as_ref().subrows(1, 1), wide.as_ref());
        set_product(&mut all, big.as_ref(), wide.as_ref());
        for j in 0..40 {
            assert!((one[(0, j)] - all[(1, j)]).abs() < 1e-12);
        }
    }

    #[test]
    fn entries_are_zipped_whatever_the_shape() {
        for (rows, cols) in [(1, 150), (1, 3), (5, 7)] {
            let src = Mat::from_fn(rows, cols, |i, j| (i * cols + j) as f64);
            let mut dst = Mat::from_fn(rows, cols, |i, j| (i + j) as f64 * 0.5);
            zip_columns(src.as_ref(), dst.as_mut(), |s, d| {
                d.iter_mut().zip(s).for_each(|(d, s)| *d = 2.0 * s - *d)
            });
            let want = Mat::from_fn(rows, cols, |i, j| {
                2.0 * (i * cols + j) as f64 - (i + j) as f64 * 0.5
            });
            assert_eq!(dst, want, "{rows}×{cols}");
        }
    }

    #[test]
    fn an_outer_product_is_each_pair_multiplied() {
        let a = Mat::from_fn(3, 1, |i, _| i as f64 - 1.0);
        let b = Mat::from_fn(1, 4, |_, k| 0.5 * k as f64);
        let mut c = Mat::new();
        set_scaled_product(&mut c, 2.0, a.as_ref(), b.as_ref());
        assert_eq!(
            c,
            Mat::from_fn(3, 4, |i, k| 2.0 * (i as f64 - 1.0) * 0.5 * k as f64)
        );
        add_product(&mut c, a.as_ref(), b.as_ref());
        assert_eq!(
            c,
            Mat::from_fn(3, 4, |i, k| 3.0 * (i as f64 - 1.0) * 0.5 * k as f64)
        );
    }

    #[test]
    fn a_buffer_of_the_right_shape_keeps_its_allocation() {
        let mut m = Mat::<f64>::zeros(4, 3);
        let before = m.as_ptr();
        set_shape(&mut m, 4, 3);
        assert_eq!(m.as_ptr(), before);
        set_shape(&mut m, 2, 5);
        assert_eq!((m.nrows(), m.ncols()), (2, 5));
        let mut r = Vec::with_capacity(8);
        let before = r.as_ptr();
        row_into(
            Mat::from_fn(3, 5, |i, j| (i * 10 + j) as f64).as_ref(),
            2,
            &mut r,
        );
        assert_eq!(
            (r.as_ptr(), r),
            (before, vec![20.0, 21.0, 22.0, 23.0, 24.0])
        );
    }
}
