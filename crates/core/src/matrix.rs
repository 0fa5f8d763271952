//! A small row-major matrix: the shape a spec writes, checked once, for per-step work
//! (an LSTM's gates) where a call into a BLAS would cost more than it saves.

use crate::FieldError;
use crate::format::count;

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

    /// out += W x, without allocating: for loops that step a model many times.
    pub fn mul_add_into(&self, x: &[f64], out: &mut [f64]) {
        for (o, row) in out.iter_mut().zip(self.iter_rows()) {
            *o += row.iter().zip(x).map(|(w, xi)| w * xi).sum::<f64>();
        }
    }
}
