//! Checking answers against a spec's `[expected]` key.
//!
//! Numbers match when |got − want| ≤ the tolerance; lists element-wise with equal
//! lengths; text and choices case- and space-insensitively. A key of the wrong shape for
//! its answer is bad input (the spec is wrong), not a wrong answer.

use serde::Deserialize;

use crate::format::{number, rough};
use crate::{FieldError, Value};

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

const DEFAULT_ABS: f64 = 1e-9;
/// Past 15 decimals, 0.5·10^−d is below one unit in the last place of most answers, so
/// the check would demand bit-for-bit equality.
const MAX_DECIMALS: u32 = 15;
const DEFAULT_REL: f64 = 1e-9;

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

    /// The largest allowed |got − want|.
    pub fn allowed(&self, want: f64) -> f64 {
        match (self.decimals, self.abs, self.rel) {
            (Some(d), _, _) => 0.5 * 10f64.powi(-(d as i32)),
            (None, None, None) => DEFAULT_ABS + DEFAULT_REL * want.abs(),
            (None, abs, rel) => abs.unwrap_or(0.0) + rel.unwrap_or(0.0) * want.abs(),
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

    fn matches(&self, got: f64, want: f64) -> bool {
        if want.is_infinite() || got.is_infinite() {
            return got == want;
        }
        (got - want).abs() <= self.allowed(want)
    }
}

/// The verdict on one answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// Whether the answer matched the key.
    pub passed: bool,
    /// What matched, or what differs and by how much.
    pub detail: String,
}

/// Compares `got` (the answer named `name`) with the key `want`.
///
/// `Err` means the key cannot be compared with this answer at all (a number where the
/// answer is a list, say): bad input, with a path relative to the answer's key.
pub fn check(
    name: &str,
    got: &Value,
    want: &toml::Value,
    tolerance: &Tolerance,
) -> Result<Check, FieldError> {
    let mut differences = Vec::new();
    compare(name, got, want, tolerance, &mut differences, "")?;
    Ok(if differences.is_empty() {
        Check {
            passed: true,
            detail: if has_number(got) {
                format!("matches the key ({})", tolerance.describe())
            } else {
                "matches the key".to_string()
            },
        }
    } else {
        let shown = differences.len().min(3);
        let mut detail = differences[..shown].join("; ");
        if differences.len() > shown {
            detail.push_str(&format!("; and {} more", differences.len() - shown));
        }
        Check {
            passed: false,
            detail,
        }
    })
}

fn compare(
    name: &str,
    got: &Value,
    want: &toml::Value,
    tolerance: &Tolerance,
    differences: &mut Vec<String>,
    at: &str,
) -> Result<(), FieldError> {
    let label = format!("{name}{at}");
    match (got, want) {
        (Value::Number(g), _) => {
            let w = key_number(want).ok_or_else(|| mismatch(at, got, want))?;
            if w.is_nan() {
                return Err(FieldError::new(
                    at,
                    "nan is not a value any answer can match",
                ));
            }
            if !tolerance.matches(*g, w) {
                let off = (g - w).abs();
                differences.push(format!(
                    "{label} is {}, the key says {}: off by {}, more than the {} that {} allow",
                    number(*g),
                    number(w),
                    rough(off),
                    rough(tolerance.allowed(w)),
                    tolerance.describe()
                ));
            }
        }
        (Value::List(items), toml::Value::Array(keys)) => {
            if items.len() != keys.len() {
                differences.push(format!(
                    "{label} has {} entries, the key has {}",
                    items.len(),
                    keys.len()
                ));
                return Ok(());
            }
            for (i, (g, w)) in items.iter().zip(keys).enumerate() {
                compare(name, g, w, tolerance, differences, &format!("{at}[{i}]"))?;
            }
        }
        (Value::Text(g), toml::Value::String(w)) => {
            if normalize(g) != normalize(w) {
                differences.push(format!("{label} is \"{g}\", the key says \"{w}\""));
            }
        }
        (Value::Formula { unicode, ascii }, toml::Value::String(w)) => {
            let w_norm = normalize(w);
            if w_norm != normalize(ascii) && w_norm != normalize(unicode) {
                differences.push(format!("{label} is {ascii}, the key says {w}"));
            }
        }
        (Value::Bool(g), toml::Value::Boolean(w)) => {
            if g != w {
                differences.push(format!("{label} is {g}, the key says {w}"));
            }
        }
        _ => return Err(mismatch(at, got, want)),
    }
    Ok(())
}

fn has_number(value: &Value) -> bool {
    match value {
        Value::Number(_) => true,
        Value::List(items) => items.iter().any(has_number),
        _ => false,
    }
}

/// A key's number: a TOML number, or a string spelling one (`"inf"` for an unbounded area).
fn key_number(want: &toml::Value) -> Option<f64> {
    match want {
        toml::Value::Float(f) => Some(*f),
        toml::Value::Integer(i) => Some(*i as f64),
        toml::Value::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    }
}

fn mismatch(at: &str, got: &Value, want: &toml::Value) -> FieldError {
    let what = match got {
        Value::Number(_) => "a number (or \"inf\")".to_string(),
        Value::List(items) => format!("a list of {}", items.len()),
        Value::Text(_) => "text".to_string(),
        Value::Bool(_) => "true or false".to_string(),
        Value::Formula { .. } => "a formula as text".to_string(),
    };
    FieldError::new(
        at,
        format!(
            "the key is {} {want}, but this answer is {what}",
            want.type_str()
        ),
    )
}

/// Case, spacing, and the Unicode minus and dot are not what an answer is judged on.
pub fn normalize(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '−' => '-',
            '·' | '×' => '*',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> toml::Value {
        let table: toml::Table = toml::from_str(&format!("v = {text}")).unwrap();
        table["v"].clone()
    }

    #[test]
    fn decimals_allow_half_a_unit_in_the_last_place() {
        let t = Tolerance {
            decimals: Some(3),
            ..Default::default()
        };
        assert!(
            check("c", &Value::Number(0.28842), &key("0.2884"), &t)
                .unwrap()
                .passed
        );
        let off = check("c", &Value::Number(0.2894), &key("0.2884"), &t).unwrap();
        assert!(!off.passed);
        assert_eq!(
            off.detail,
            "c is 0.2894, the key says 0.2884: off by 0.001, more than the 0.0005 that 3 decimals allow"
        );
    }

    #[test]
    fn lists_match_elementwise_and_by_length() {
        let t = Tolerance::default();
        let got = Value::numbers(&[1.0, 2.0]);
        assert!(check("h", &got, &key("[1, 2]"), &t).unwrap().passed);
        let short = check("h", &got, &key("[1]"), &t).unwrap();
        assert_eq!(short.detail, "h has 2 entries, the key has 1");
        let wrong = check("h", &got, &key("[1, 3]"), &t).unwrap();
        assert!(wrong.detail.starts_with("h[1] is 2, the key says 3"));
    }

    #[test]
    fn infinity_and_text_keys() {
        let t = Tolerance::default();
        let inf = Value::Number(f64::INFINITY);
        assert!(check("area", &inf, &key("\"inf\""), &t).unwrap().passed);
        assert!(
            !check("area", &Value::Number(4.0), &key("\"inf\""), &t)
                .unwrap()
                .passed
        );
        let text = Value::text("x1 = −1");
        assert!(check("b", &text, &key("\"X1=-1\""), &t).unwrap().passed);
    }

    #[test]
    fn a_key_of_the_wrong_shape_is_bad_input() {
        let e = check(
            "o",
            &Value::numbers(&[1.0]),
            &key("1"),
            &Tolerance::default(),
        );
        assert!(e.is_err());
        let nan = check(
            "o",
            &Value::numbers(&[1.0]),
            &key("[nan]"),
            &Tolerance::default(),
        );
        assert_eq!(nan.unwrap_err().path, "[0]");
    }

    #[test]
    fn tolerance_describes_itself_and_refuses_nonsense() {
        assert_eq!(Tolerance::default().describe(), "abs 1e-9 + rel 1e-9");
        let both = Tolerance {
            decimals: Some(3),
            abs: Some(0.1),
            rel: None,
        };
        assert!(both.validate().is_err());
        let negative = Tolerance {
            abs: Some(-1.0),
            ..Default::default()
        };
        assert!(negative.validate().is_err());
    }
}
