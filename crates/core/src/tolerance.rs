//! A spec's `tolerance`: how close a numeric answer must be to the key. This module reads
//! it, describes it and says how wide it is ([`Tolerance::allowed`]); matching an answer
//! against it (slack for rounding, infinities) is decided in the nnhw-grade crate.

use serde::Deserialize;

use crate::FieldError;

/// How close a numeric answer must be to the key.
#[derive(Debug, Clone, Copy, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tolerance {
    /// Graded to d decimals: |got − want| ≤ 0.5·10^−d.
    #[serde(default)]
    pub decimals: Option<u32>,
    /// Absolute tolerance.
    #[serde(default)]
    pub abs: Option<f64>,
    /// Relative tolerance, times |want|.
    #[serde(default)]
    pub rel: Option<f64>,
}

/// The absolute part of the tolerance a spec gets when it names none.
pub const DEFAULT_ABS: f64 = 1e-9;
/// The relative part of the tolerance a spec gets when it names none.
pub const DEFAULT_REL: f64 = 1e-9;
/// Past 15 decimals, 0.5·10^−d is below one unit in the last place of most answers, so
/// the check would demand bit-for-bit equality.
const MAX_DECIMALS: u32 = 15;

impl Tolerance {
    /// Refuses contradictory or meaningless tolerances. Paths are relative to `tolerance`.
    pub fn validate(&self) -> Result<(), FieldError> {
        if self.decimals.is_some() && (self.abs.is_some() || self.rel.is_some()) {
            return Err(FieldError::new(
                "decimals",
                "give either decimals or abs/rel, not both",
            ));
        }
        if let Some(d) = self.decimals
            && d > MAX_DECIMALS
        {
            return Err(FieldError::new(
                "decimals",
                format!("{d} decimals is beyond f64 precision; at most {MAX_DECIMALS}"),
            ));
        }
        for (name, v) in [("abs", self.abs), ("rel", self.rel)] {
            if let Some(v) = v
                && !(v.is_finite() && v >= 0.0)
            {
                return Err(FieldError::new(
                    name,
                    format!("{v} must be a finite number ≥ 0"),
                ));
            }
        }
        Ok(())
    }

    /// The largest allowed |got − want|: what `decimals`, `abs` and `rel` mean.
    pub fn allowed(&self, want: f64) -> f64 {
        match (self.decimals, self.abs, self.rel) {
            (Some(d), _, _) => 0.5 * 10f64.powi(-(d as i32)),
            (None, None, None) => DEFAULT_ABS + DEFAULT_REL * want.abs(),
            (None, abs, rel) => abs.unwrap_or(0.0) + rel.unwrap_or(0.0) * want.abs(),
        }
    }

    /// How close an answer must be, in words for a question: `to 3 decimals (within
    /// ±0.0005)`, `within ±(1e-9 + 1e-9·|answer|)`.
    pub fn words(&self) -> String {
        use crate::format::number;
        match (self.decimals, self.abs, self.rel) {
            (Some(d), _, _) => format!("to {d} decimals (within ±{})", number(self.allowed(0.0))),
            (None, None, None) => format!(
                "within ±({} + {}·|answer|)",
                number(DEFAULT_ABS),
                number(DEFAULT_REL)
            ),
            (None, Some(a), None) => format!("within ±{}", number(a)),
            (None, None, Some(r)) => format!("within ±{}·|answer|", number(r)),
            (None, Some(a), Some(r)) => format!("within ±({} + {}·|answer|)", number(a), number(r)),
        }
    }

    /// The tolerance in words: `9 decimals`, `abs 1e-6`, `abs 1e-9 + rel 1e-9`.
    pub fn describe(&self) -> String {
        match (self.decimals, self.abs, self.rel) {
            (Some(d), _, _) => format!("{d} decimals"),
            (None, None, None) => format!("abs {DEFAULT_ABS:e} + rel {DEFAULT_REL:e}"),
            (None, Some(a), None) => format!("abs {a:e}"),
            (None, None, Some(r)) => format!("rel {r:e}"),
            (None, Some(a), Some(r)) => format!("abs {a:e} + rel {r:e}"),
        }
    }
}
