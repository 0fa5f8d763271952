//! The softmax inverse temperature β, checked once.

use std::fmt;

use nnhw_core::FieldError;
use nnhw_core::format::number;

/// β = 1 unless a spec says otherwise: the plain softmax.
pub fn default_beta() -> f64 {
    1.0
}

/// An inverse temperature known to be finite and positive.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Beta(f64);

impl Beta {
    /// Refuses β ≤ 0: the softmax would be flat (β = 0) or favour the smallest input.
    pub fn new(beta: f64, path: &str) -> Result<Beta, FieldError> {
        if beta > 0.0 && beta.is_finite() {
            Ok(Beta(beta))
        } else {
            Err(FieldError::new(
                path,
                format!("{} must be > 0 (the inverse temperature β)", number(beta)),
            ))
        }
    }

    /// The value.
    pub fn value(self) -> f64 {
        self.0
    }
}

impl fmt::Display for Beta {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&number(self.0))
    }
}
