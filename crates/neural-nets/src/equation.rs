//! Boundary lines as people write them: `x1 = 1`, `2·x1 − x2 = 3`.

use nnhw_core::format::number;

/// The line a·x1 + b·x2 + c = 0 as `a·x1 + b·x2 = −c`, scaled by −1 when that makes the
/// first coefficient positive (so `−x1 − 1 = 0` reads `x1 = −1`). `None` when a = b = 0.
pub fn line(a: f64, b: f64, c: f64) -> Option<String> {
    let first = if a != 0.0 { a } else { b };
    if first == 0.0 {
        return None;
    }
    let sign = if first < 0.0 { -1.0 } else { 1.0 };
    let (a, b, rhs) = (sign * a, sign * b, -sign * c);
    let mut lhs = String::new();
    for (coefficient, variable) in [(a, "x1"), (b, "x2")] {
        if coefficient == 0.0 {
            continue;
        }
        let magnitude = coefficient.abs();
        let term = if magnitude == 1.0 {
            variable.to_string()
        } else {
            format!("{}·{variable}", number(magnitude))
        };
        lhs = match (lhs.is_empty(), coefficient < 0.0) {
            (true, false) => term,
            (true, true) => format!("−{term}"),
            (false, false) => format!("{lhs} + {term}"),
            (false, true) => format!("{lhs} − {term}"),
        };
    }
    Some(format!("{lhs} = {}", signed(rhs)))
}

/// A number with a Unicode minus, for equations.
pub fn signed(x: f64) -> String {
    let text = number(x);
    match text.strip_prefix('-') {
        Some(rest) => format!("−{rest}"),
        None => text,
    }
}

/// z = a·x1 + b·x2 + c, for the working: every term shown, as an answer sheet would.
pub fn affine(a: f64, b: f64, c: f64) -> String {
    affine_in(&[(a, "x1"), (b, "x2")], c)
}

/// Σ coefficient·variable + constant with Unicode minus signs: `2·s − 1`.
pub fn affine_in(terms: &[(f64, &str)], constant: f64) -> String {
    let mut out = String::new();
    let constant_term = [(constant, "")];
    for &(coefficient, variable) in terms.iter().chain(&constant_term) {
        let magnitude = number(coefficient.abs());
        let term = if variable.is_empty() {
            magnitude
        } else {
            format!("{magnitude}·{variable}")
        };
        out = match (out.is_empty(), coefficient < 0.0) {
            (true, false) => term,
            (true, true) => format!("−{term}"),
            (false, false) => format!("{out} + {term}"),
            (false, true) => format!("{out} − {term}"),
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_read_like_the_homework() {
        assert_eq!(line(1.0, 0.0, -1.0).unwrap(), "x1 = 1");
        assert_eq!(line(-1.0, 0.0, -1.0).unwrap(), "x1 = −1");
        assert_eq!(line(0.0, -1.0, -1.0).unwrap(), "x2 = −1");
        assert_eq!(line(2.0, -1.0, -3.0).unwrap(), "2·x1 − x2 = 3");
        assert_eq!(line(-0.5, 2.0, 0.0).unwrap(), "0.5·x1 − 2·x2 = 0");
        assert_eq!(line(0.0, 0.0, 1.0), None);
    }

    #[test]
    fn affine_forms() {
        assert_eq!(affine(1.0, 0.0, -1.0), "1·x1 + 0·x2 − 1");
        assert_eq!(affine(-1.0, 2.5, 0.0), "−1·x1 + 2.5·x2 + 0");
        assert_eq!(affine_in(&[(2.0, "s")], -1.0), "2·s − 1");
    }
}
