//! The params both LSTM kinds share, and their checks: every weight's shape is fixed by
//! the state width H (rows of `weights.f_h`) and the input width D (from `x`).

use nnhw_core::FieldError;
use nnhw_core::format::count;
use nnhw_core::matrix::Matrix;
use serde::Deserialize;

use crate::model::{Approximation, Gate, Lstm};
use crate::rounding::Rounding;

/// Longest input sequence `lstm.states` runs.
pub const MAX_STEPS: usize = 100_000;

/// A number, a list, or a matrix: specs write scalars for the homework's 1-wide LSTM and
/// lists or matrices for wider ones.
#[derive(Debug, Clone, Deserialize)]
#[serde(
    untagged,
    expecting = "a number, a list of numbers, or a matrix (a list of equal-width rows)"
)]
pub enum Tensor {
    /// `3`
    Scalar(f64),
    /// `[1, 2]`
    Vector(Vec<f64>),
    /// `[[1, 2], [3, 4]]`
    Matrix(Vec<Vec<f64>>),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Weights {
    f_h: Tensor,
    f_x: Tensor,
    i_h: Tensor,
    i_x: Tensor,
    o_h: Tensor,
    o_x: Tensor,
    c_h: Tensor,
    c_x: Tensor,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Bias {
    #[serde(default)]
    f: Option<Tensor>,
    #[serde(default)]
    i: Option<Tensor>,
    #[serde(default)]
    o: Option<Tensor>,
    #[serde(default)]
    c: Option<Tensor>,
}

fn yes() -> bool {
    true
}

/// The params of `lstm.states` and `lstm.info`; each kind refuses the other's own field.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LstmSpec {
    #[serde(default)]
    x: Option<Tensor>,
    weights: Weights,
    #[serde(default)]
    bias: Bias,
    #[serde(default)]
    h0: Option<Tensor>,
    #[serde(default)]
    c0: Option<Tensor>,
    #[serde(default)]
    approximation: Approximation,
    #[serde(default)]
    rounding: Rounding,
    #[serde(default = "yes")]
    feed_rounded: bool,
    #[serde(default)]
    max_length: Option<u32>,
}

/// A validated LSTM run: the cell, its start state and how h is rounded.
#[derive(Debug, Clone, PartialEq)]
pub struct Setup {
    /// The cell.
    pub lstm: Lstm,
    /// Input width D.
    pub input_width: usize,
    /// h_{−1}.
    pub h0: Vec<f64>,
    /// c_{−1}.
    pub c0: Vec<f64>,
    /// How h_t is rounded.
    pub rounding: Rounding,
    /// Whether step t+1 sees the rounded h_t.
    pub feed_rounded: bool,
}

impl LstmSpec {
    /// The input sequence (`lstm.states`): one row of width D per step.
    pub fn inputs(&self) -> Result<Vec<Vec<f64>>, FieldError> {
        if self.max_length.is_some() {
            return Err(FieldError::new(
                "max_length",
                "only lstm.info takes max_length; lstm.states runs the given x",
            ));
        }
        let rows = match &self.x {
            None => return Err(FieldError::new("x", "missing: this field is required")),
            Some(Tensor::Scalar(_)) => {
                return Err(FieldError::new(
                    "x",
                    "a single number; x is a sequence: a list (one number per step) or a list of rows",
                ));
            }
            Some(Tensor::Vector(v)) => v.iter().map(|&x| vec![x]).collect(),
            Some(Tensor::Matrix(m)) => {
                Matrix::from_rows(m, "x")?;
                m.clone()
            }
        };
        if rows.is_empty() {
            return Err(FieldError::new(
                "x",
                "empty: the sequence needs at least one step",
            ));
        }
        if rows.len() > MAX_STEPS {
            return Err(FieldError::new(
                "x",
                format!(
                    "{} steps; a sequence may have at most {MAX_STEPS}",
                    rows.len()
                ),
            ));
        }
        Ok(rows)
    }

    /// The longest binary sequence `lstm.info` tries, checked against its limit.
    pub fn max_length(&self, default: u32, limit: u32) -> Result<u32, FieldError> {
        if self.x.is_some() {
            return Err(FieldError::new(
                "x",
                "lstm.info tries every binary input itself; give max_length instead of x",
            ));
        }
        let length = self.max_length.unwrap_or(default);
        if length == 0 || length > limit {
            let most = (1u64 << (limit + 1)) - 2;
            return Err(FieldError::new(
                "max_length",
                format!(
                    "{length} is out of range: 1 to {limit} (length {limit} already means {most} sequences)"
                ),
            ));
        }
        Ok(length)
    }

    /// The state width H: the rows of `weights.f_h` (a number or a list is one row).
    pub fn hidden(&self) -> usize {
        match &self.weights.f_h {
            Tensor::Matrix(m) => m.len(),
            Tensor::Scalar(_) | Tensor::Vector(_) => 1,
        }
    }

    /// Checks every shape against H and D and builds the cell.
    pub fn setup(&self, input_width: usize) -> Result<Setup, FieldError> {
        let hidden = self.hidden();
        if hidden == 0 {
            return Err(FieldError::new(
                "weights.f_h",
                "empty: the state needs at least one unit",
            ));
        }
        let w = &self.weights;
        let gate = |wh: &Tensor, wx: &Tensor, b: &Option<Tensor>, name: &str| {
            Ok::<Gate, FieldError>(Gate {
                wh: matrix(wh, hidden, hidden, &format!("weights.{name}_h"))?,
                wx: matrix(wx, hidden, input_width, &format!("weights.{name}_x"))?,
                b: vector(b.as_ref(), hidden, &format!("bias.{name}"))?,
            })
        };
        let b = &self.bias;
        let lstm = Lstm {
            forget: gate(&w.f_h, &w.f_x, &b.f, "f")?,
            input: gate(&w.i_h, &w.i_x, &b.i, "i")?,
            output: gate(&w.o_h, &w.o_x, &b.o, "o")?,
            cell: gate(&w.c_h, &w.c_x, &b.c, "c")?,
            approximation: self.approximation,
        };
        Ok(Setup {
            lstm,
            input_width,
            h0: vector(self.h0.as_ref(), hidden, "h0")?,
            c0: vector(self.c0.as_ref(), hidden, "c0")?,
            rounding: self.rounding,
            feed_rounded: self.feed_rounded,
        })
    }
}

/// A weight as an exactly `rows`×`cols` matrix; a number stands for a 1×1 matrix and a
/// list for a single row or column.
fn matrix(t: &Tensor, rows: usize, cols: usize, path: &str) -> Result<Matrix, FieldError> {
    let want = || {
        let inputs = if cols == rows {
            String::new()
        } else {
            format!(", D = {}", count(cols, "input", "inputs"))
        };
        format!(
            "must be {rows}×{cols} (H = {}{inputs})",
            count(rows, "state unit", "state units")
        )
    };
    let grid: Vec<Vec<f64>> = match t {
        Tensor::Scalar(s) if rows == 1 && cols == 1 => vec![vec![*s]],
        Tensor::Vector(v) if rows == 1 && v.len() == cols => vec![v.clone()],
        Tensor::Vector(v) if cols == 1 && v.len() == rows => v.iter().map(|&x| vec![x]).collect(),
        Tensor::Matrix(m) => m.clone(),
        Tensor::Scalar(_) => {
            return Err(FieldError::new(
                path,
                format!("a single number, but it {}", want()),
            ));
        }
        Tensor::Vector(v) => {
            return Err(FieldError::new(
                path,
                format!(
                    "a list of {}, but it {}",
                    count(v.len(), "number", "numbers"),
                    want()
                ),
            ));
        }
    };
    let m = Matrix::from_rows(&grid, path)?;
    if m.rows() != rows || m.cols() != cols {
        return Err(FieldError::new(
            path,
            format!("{}×{}, but it {}", m.rows(), m.cols(), want()),
        ));
    }
    Ok(m)
}

/// A bias or start state of length `len`; zeros when absent, a number when `len` is 1.
fn vector(t: Option<&Tensor>, len: usize, path: &str) -> Result<Vec<f64>, FieldError> {
    match t {
        None => Ok(vec![0.0; len]),
        Some(Tensor::Scalar(s)) if len == 1 => Ok(vec![*s]),
        Some(Tensor::Vector(v)) if v.len() == len => Ok(v.clone()),
        Some(Tensor::Scalar(_)) => Err(FieldError::new(
            path,
            format!("a single number, but the state has {len} units: give a list of {len}"),
        )),
        Some(Tensor::Vector(v)) => Err(FieldError::new(
            path,
            format!(
                "{}, but the state has {}",
                count(v.len(), "entry", "entries"),
                count(len, "unit", "units")
            ),
        )),
        Some(Tensor::Matrix(_)) => Err(FieldError::new(
            path,
            format!("a matrix, but it must be a list of {len}"),
        )),
    }
}
