//! Exact forms: the closed-form expressions a homework answer sheet writes, such as
//! `e^15/(e^15+e^0)`, built from the same numbers the solver computed with.

use crate::format::exact_number;

/// `e^x`, with parentheses when x is negative or not an integer so the form reads back
/// unambiguously as an expression.
pub fn exp_power(x: f64) -> String {
    let x = if x == 0.0 { 0.0 } else { x };
    if x >= 0.0 && x.fract() == 0.0 {
        format!("e^{}", exact_number(x))
    } else {
        format!("e^({})", exact_number(x))
    }
}

/// Most outputs a softmax is written out for in exact form.
const MAX_OUTPUTS: usize = 10;

/// Longest exponent written in an exact form; beyond it (`e^(1.2294199061716775)`) the
/// form says less than the decimals do.
const MAX_EXPONENT_CHARS: usize = 6;

/// The softmax of `exponents` (already multiplied by β) as fractions of powers of e,
/// `[e^15/(e^15+e^0), e^0/(e^15+e^0)]`; `None` when an exponent has no short exact form.
pub fn softmax_forms(exponents: &[f64]) -> Option<Vec<String>> {
    // Each form repeats the whole denominator: quadratic in the outputs, and past a few
    // of them it reads worse than the decimals.
    if exponents.len() > MAX_OUTPUTS {
        return None;
    }
    if exponents
        .iter()
        .any(|&x| !x.is_finite() || exact_number(x).len() > MAX_EXPONENT_CHARS)
    {
        return None;
    }
    let powers: Vec<String> = exponents.iter().map(|&x| exp_power(x)).collect();
    let denominator = powers.join("+");
    Some(
        powers
            .iter()
            .map(|p| format!("{p}/({denominator})"))
            .collect(),
    )
}

/// `[a, b]` of already formatted forms.
pub fn list(forms: &[String]) -> String {
    format!("[{}]", forms.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn softmax_forms_read_like_the_homework() {
        assert_eq!(
            softmax_forms(&[15.0, 0.0]).unwrap(),
            vec!["e^15/(e^15+e^0)", "e^0/(e^15+e^0)"]
        );
        assert_eq!(softmax_forms(&[1.2294199061716775, 0.0]), None);
        assert_eq!(softmax_forms(&[0.0; 11]), None);
        assert_eq!(exp_power(-2.0), "e^(-2)");
        assert_eq!(exp_power(1.5), "e^(1.5)");
        assert_eq!(exp_power(-0.0), "e^0");
    }
}
