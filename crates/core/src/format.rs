//! Numbers for people: rounded, trimmed, the same on every machine.
//!
//! JSON keeps full precision and never goes through here.

/// Significant digits shown in text reports: enough for a 9-decimal homework key.
pub const SIGNIFICANT_DIGITS: usize = 10;

/// Formats a number for a text report: integers as integers, otherwise
/// [`SIGNIFICANT_DIGITS`] significant digits with trailing zeros trimmed, scientific
/// notation outside [1e-4, 1e12). Negative zero prints as 0.
pub fn number(x: f64) -> String {
    with_digits(x, SIGNIFICANT_DIGITS)
}

/// A number as a factor in a product: negative ones in parentheses, `(-5)`.
pub fn factor(x: f64) -> String {
    let text = number(x);
    if text.starts_with('-') {
        format!("({text})")
    } else {
        text
    }
}

/// A number as the next term of a sum: ` + 3`, ` − 3`.
pub fn term(x: f64) -> String {
    let text = number(x);
    match text.strip_prefix('-') {
        Some(magnitude) => format!(" − {magnitude}"),
        None => format!(" + {text}"),
    }
}

/// Which way [`digits`] rounds to the digits it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rounding {
    /// To the nearest, as every other number here.
    Nearest,
    /// Towards +∞: the printed number is never below the exact one.
    Up,
    /// Towards −∞: the printed number is never above the exact one.
    Down,
}

fn with_digits(x: f64, digits: usize) -> String {
    self::digits(x, digits, Rounding::Nearest)
}

/// `x` as [`number`] shows it, to `digits` significant digits rounded `rounding`: the
/// end of an interval that must not be printed outside it.
pub fn digits(x: f64, digits: usize, rounding: Rounding) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.into();
    }
    if x == 0.0 {
        return "0".into();
    }
    let magnitude = x.abs();
    let fixed = (1e-4..1e12).contains(&magnitude);
    if fixed && x.fract() == 0.0 {
        return format!("{x:.0}");
    }
    let exponent = magnitude.log10().floor() as i32;
    let decimals = (digits as i32 - 1 - exponent).clamp(0, 17) as usize;
    let precision = digits.saturating_sub(1);
    let show = |v: f64| {
        if fixed {
            format!("{v:.decimals$}")
        } else {
            format!("{v:.precision$e}")
        }
    };
    let mut text = show(x);
    let shown: f64 = text.parse().unwrap_or(x);
    let step = match rounding {
        Rounding::Up if shown < x => 1.0,
        Rounding::Down if shown > x => -1.0,
        _ => 0.0,
    };
    if step != 0.0 {
        // One unit in the last place shown, the other way: the float sum is off by far
        // less than half a unit, so showing it again lands on the next number shown.
        let unit = match text.split_once('e') {
            Some((_, e)) => 10f64.powi(e.parse::<i32>().unwrap_or(exponent) - precision as i32),
            None => 10f64.powi(-(decimals as i32)),
        };
        text = show(shown + step * unit);
    }
    match text.split_once('e') {
        Some((mantissa, exp)) => format!("{}e{exp}", trim_zeros(mantissa)),
        None => trim_zeros(&text),
    }
}

/// A number in the shortest form that reads back to the same f64 (for exact forms).
pub fn exact_number(x: f64) -> String {
    if x == 0.0 { "0".into() } else { format!("{x}") }
}

fn trim_zeros(s: &str) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
}

/// `1 entry`, `3 entries`: a count with its noun in the right number.
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    if n == 1 {
        format!("1 {singular}")
    } else {
        format!("{n} {plural}")
    }
}

/// A count in words up to twelve (`four`), `None` past it. Questions write counts in
/// words: a digit there could read as an answer (1.2's four units, its area 4).
pub fn in_words(n: usize) -> Option<&'static str> {
    const WORDS: [&str; 13] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    WORDS.get(n).copied()
}

/// `four numbers`, `one number`, `20 numbers`: [`count`] in words up to twelve.
pub fn count_words(n: usize, singular: &str, plural: &str) -> String {
    match in_words(n) {
        Some(word) => format!("{word} {}", if n == 1 { singular } else { plural }),
        None => count(n, singular, plural),
    }
}

/// `a`, `a and b`, `a, b and c` (with `or`: `a, b or c`).
pub fn joined(items: &[String], and: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {and} {last}", rest.join(", ")),
    }
}

/// `[a, b, c]` with each element formatted by `f`.
pub fn list<T>(items: &[T], f: impl Fn(&T) -> String) -> String {
    let parts: Vec<String> = items.iter().map(f).collect();
    format!("[{}]", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_for_people() {
        assert_eq!(number(15.0), "15");
        assert_eq!(number(-4.0), "-4");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(0.9999996940977731), "0.9999996941");
        assert_eq!(number(3.059022269256247e-7), "3.059022269e-7");
        assert_eq!(number(6.906754778648554), "6.906754779");
        assert_eq!(number(0.5), "0.5");
        assert_eq!(number(0.1 + 0.2), "0.3");
        assert_eq!(number(1e15), "1e15");
        assert_eq!(number(f64::INFINITY), "inf");
        assert_eq!(number(f64::NEG_INFINITY), "-inf");
        assert_eq!(digits(0.009999999978, 2, Rounding::Nearest), "0.01");
        assert_eq!(
            format!("{}·{}{}", factor(-5.0), factor(0.03), term(-1.0)),
            "(-5)·0.03 − 1"
        );
        assert_eq!(digits(5.9e-9, 2, Rounding::Nearest), "5.9e-9");
    }

    #[test]
    fn rounds_up_or_down_when_asked() {
        let x = -0.1379999999550838;
        assert_eq!(digits(x, 10, Rounding::Nearest), "-0.138");
        assert_eq!(digits(x, 10, Rounding::Up), "-0.1379999999");
        assert_eq!(digits(x, 10, Rounding::Down), "-0.138");
        assert_eq!(digits(0.2889284164567, 10, Rounding::Down), "0.2889284164");
        assert_eq!(digits(0.2889284164567, 10, Rounding::Up), "0.2889284165");
        assert_eq!(digits(9.99999999951, 10, Rounding::Up), "10");
        assert_eq!(digits(-1.00000000049e-9, 10, Rounding::Up), "-1e-9");
        assert_eq!(
            digits(-1.00000000049e-9, 10, Rounding::Down),
            "-1.000000001e-9"
        );
        assert_eq!(digits(3.0, 10, Rounding::Up), "3");
    }

    #[test]
    fn counts_in_words_then_digits() {
        assert_eq!(count_words(4, "line", "lines"), "four lines");
        assert_eq!(count_words(1, "number", "numbers"), "one number");
        assert_eq!(count_words(13, "number", "numbers"), "13 numbers");
        let items = ["a".to_string(), "b".to_string(), "c".to_string()];
        assert_eq!(joined(&items, "or"), "a, b or c");
        assert_eq!(joined(&items[..1], "and"), "a");
    }

    #[test]
    fn exact_numbers_read_back() {
        assert_eq!(exact_number(15.0), "15");
        assert_eq!(exact_number(-0.0), "0");
        assert_eq!(exact_number(0.1 + 0.2), "0.30000000000000004");
    }
}
