//! Numbers for people: rounded, trimmed, the same on every machine; and the counts and
//! lists that sentences around them need.
//!
//! Every number nnhw prints goes through one formatter, [`NumberFormat`], whose options
//! say what differs between a text report ([`NumberFormat::REPORT`]), an exact form
//! ([`NumberFormat::EXACT`]), a figure's tick (nnhw-plot's `style::NUMBERS`) and an answer
//! read back to a student (nnhw-grade's `expr::number`). JSON keeps full precision and
//! never goes through here.

use crate::Value;

/// Significant digits shown in text reports: enough for a 9-decimal homework key.
pub const SIGNIFICANT_DIGITS: usize = 10;

/// How a number becomes text. Every number a person reads (a report, a figure's tick, an
/// answer read back, the interval a verdict accepts) goes through [`NumberFormat::format`];
/// what differs between those places is only these options, so a reader can see every
/// difference in one struct literal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NumberFormat {
    /// How many digits are shown.
    pub precision: Precision,
    /// Which way [`Precision::Significant`] rounds to its digits.
    pub rounding: Rounding,
    /// The magnitudes written positionally (`0.0005`, `12`), from the first up to but not
    /// including the second; others in scientific notation.
    pub positional: (f64, f64),
    /// Most digits after the point a positional number shows.
    pub max_decimals: usize,
    /// How scientific notation writes its power of ten.
    pub power: Power,
    /// The minus sign, of the number and of its exponent.
    pub minus: Minus,
    /// Infinity, after a minus sign when negative: `inf`, `∞`.
    pub infinity: &'static str,
    /// Whether −0 keeps its sign (`-0`, as it reads back) or shows as `0`.
    pub signed_zero: bool,
}

/// How many digits a [`NumberFormat`] shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    /// This many significant digits, trailing zeros trimmed; an integer part is shown
    /// whole however long it is.
    Significant(usize),
    /// As few digits as read back to the same f64.
    Shortest,
}

/// Which way [`Precision::Significant`] rounds to the digits it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rounding {
    /// To the nearest, as every other number here.
    Nearest,
    /// Towards +∞: the printed number is never below the exact one.
    Up,
    /// Towards −∞: the printed number is never above the exact one.
    Down,
}

/// How scientific notation writes its power of ten.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Power {
    /// `2.5e-7`, `1e15`: as typed, and as Rust and JSON read it back.
    E,
    /// `2.5×10⁻⁷`, `10⁻⁵` (a mantissa of 1 left out): as printed in a figure.
    TimesTen,
}

/// The minus sign a [`NumberFormat`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Minus {
    /// `-`: text that may be typed or parsed back.
    Hyphen,
    /// `−` (U+2212): typeset text, where a hyphen looks too short.
    Sign,
}

impl NumberFormat {
    /// Text reports: [`SIGNIFICANT_DIGITS`] significant digits, scientific notation
    /// outside [1e-4, 1e12), `-inf`, −0 as `0`.
    pub const REPORT: NumberFormat = NumberFormat {
        precision: Precision::Significant(SIGNIFICANT_DIGITS),
        rounding: Rounding::Nearest,
        positional: (1e-4, 1e12),
        max_decimals: 17,
        power: Power::E,
        minus: Minus::Hyphen,
        infinity: "inf",
        signed_zero: false,
    };

    /// Exact forms: the shortest text that reads back to the same f64, never in
    /// scientific notation, −0 as `0`.
    pub const EXACT: NumberFormat = NumberFormat {
        precision: Precision::Shortest,
        positional: (0.0, f64::INFINITY),
        ..NumberFormat::REPORT
    };

    /// The same to `digits` significant digits (at least one).
    pub const fn significant(self, digits: usize) -> NumberFormat {
        NumberFormat {
            precision: Precision::Significant(if digits == 0 { 1 } else { digits }),
            ..self
        }
    }

    /// The same rounded `rounding`.
    pub const fn rounded(self, rounding: Rounding) -> NumberFormat {
        NumberFormat { rounding, ..self }
    }

    /// `x` as text.
    pub fn format(&self, x: f64) -> String {
        let text = if x.is_nan() {
            "nan".to_string()
        } else if x.is_infinite() {
            format!("{}{}", if x < 0.0 { "-" } else { "" }, self.infinity)
        } else if x == 0.0 {
            if self.signed_zero && x.is_sign_negative() {
                "-0"
            } else {
                "0"
            }
            .to_string()
        } else {
            let positional = (self.positional.0..self.positional.1).contains(&x.abs());
            let text = match self.precision {
                Precision::Shortest if positional => format!("{x}"),
                Precision::Shortest => format!("{x:e}"),
                Precision::Significant(digits) => self.rounded_text(x, digits, positional),
            };
            match text.split_once('e') {
                Some((mantissa, exponent)) => self.scientific(mantissa, exponent),
                // A number too small for its decimals rounds to zero, which has no sign.
                None if text == "-0" => "0".to_string(),
                None => text,
            }
        };
        match self.minus {
            Minus::Hyphen => text,
            Minus::Sign => text.replace('-', "−"),
        }
    }

    /// `x` to `digits` significant digits rounded `self.rounding`, trailing zeros trimmed,
    /// positionally or as Rust's `1.5e-7`.
    fn rounded_text(&self, x: f64, digits: usize, positional: bool) -> String {
        if positional && x.fract() == 0.0 {
            return format!("{x:.0}");
        }
        let exponent = x.abs().log10().floor() as i32;
        let decimals = (digits as i32 - 1 - exponent).clamp(0, self.max_decimals as i32) as usize;
        let precision = digits.saturating_sub(1);
        let show = |v: f64| {
            if positional {
                format!("{v:.decimals$}")
            } else {
                format!("{v:.precision$e}")
            }
        };
        let mut text = show(x);
        let shown: f64 = text.parse().unwrap_or(x);
        let step = match self.rounding {
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
            Some((mantissa, exponent)) => format!("{}e{exponent}", trim_zeros(mantissa)),
            None => trim_zeros(&text),
        }
    }

    /// A mantissa and Rust's exponent (`-7`) in `self.power`'s notation.
    fn scientific(&self, mantissa: &str, exponent: &str) -> String {
        match self.power {
            Power::E => format!("{mantissa}e{exponent}"),
            Power::TimesTen => {
                let power = format!("10{}", superscript(exponent));
                match mantissa {
                    "1" => power,
                    "-1" => format!("-{power}"),
                    m => format!("{m}×{power}"),
                }
            }
        }
    }
}

/// An integer's digits and sign in Unicode superscripts: `-7` → `⁻⁷`.
pub fn superscript(integer: &str) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    integer
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => DIGITS[d as usize],
            None if c == '-' => '⁻',
            None => c,
        })
        .collect()
}

/// Formats a number for a text report ([`NumberFormat::REPORT`]): integers as integers,
/// otherwise [`SIGNIFICANT_DIGITS`] significant digits with trailing zeros trimmed,
/// scientific notation outside [1e-4, 1e12). Negative zero prints as 0.
pub fn number(x: f64) -> String {
    NumberFormat::REPORT.format(x)
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

/// `x` as [`number`] shows it, to `digits` significant digits rounded `rounding`: the
/// end of an interval that must not be printed outside it.
pub fn digits(x: f64, digits: usize, rounding: Rounding) -> String {
    NumberFormat::REPORT
        .significant(digits)
        .rounded(rounding)
        .format(x)
}

/// A number in the shortest form that reads back to the same f64 (for exact forms).
pub fn exact_number(x: f64) -> String {
    NumberFormat::EXACT.format(x)
}

/// `text`, a number written positionally, without the zeros that end its decimals (and
/// without its point if none is left): `2.500` → `2.5`, `3.0` → `3`.
pub fn trim_zeros(text: &str) -> String {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text.to_string()
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

/// Longest list printed whole in text; JSON always has every element.
const LIST_SHOWN: usize = 20;

/// A value as a person reads it: numbers rounded, lists bracketed, long lists shortened
/// to their ends (`[a, b, …, z] (1000 values)`).
pub fn value_text(value: &Value) -> String {
    match value {
        Value::Number(x) => number(*x),
        // As the number it is, so a count reads as it did when it was one.
        Value::Count(n) => number(*n as f64),
        Value::List(items) if items.len() > LIST_SHOWN => {
            let head: Vec<String> = items[..10].iter().map(value_text).collect();
            let tail: Vec<String> = items[items.len() - 5..].iter().map(value_text).collect();
            format!(
                "[{}, …, {}] ({} values)",
                head.join(", "),
                tail.join(", "),
                items.len()
            )
        }
        Value::List(items) | Value::Set(items) => list(items, value_text),
        Value::Text(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Formula(f) => f.unicode.clone(),
        Value::Choice(c) => c.option().text.clone(),
        Value::Lines(lines) => list(lines, |l| l.text.clone()),
        Value::Polygon(p) => list(&p.corners, |c| {
            format!("[{}, {}]", number(c[0]), number(c[1]))
        }),
    }
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
    fn options_change_only_what_they_name() {
        let figure = NumberFormat {
            positional: (1e-4, 1e6),
            power: Power::TimesTen,
            minus: Minus::Sign,
            infinity: "∞",
            ..NumberFormat::REPORT
        }
        .significant(4);
        assert_eq!(figure.format(-2.5e-7), "−2.5×10⁻⁷");
        assert_eq!(figure.format(9.99996e-7), "10⁻⁶");
        assert_eq!(figure.format(-1e300), "−10³⁰⁰");
        assert_eq!(figure.format(1234567.0), "1.235×10⁶");
        assert_eq!(figure.format(f64::NEG_INFINITY), "−∞");
        assert_eq!(figure.format(-0.0), "0");
        let typed = NumberFormat {
            precision: Precision::Shortest,
            positional: (1e-4, 1e15),
            signed_zero: true,
            ..NumberFormat::REPORT
        };
        assert_eq!(typed.format(-0.0), "-0");
        assert_eq!(typed.format(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(typed.format(-1.5e-7), "-1.5e-7");
        assert_eq!(typed.format(1e15), "1e15");
        assert_eq!(NumberFormat::EXACT.format(1e-7), "0.0000001");
        assert_eq!(NumberFormat::REPORT.significant(0).format(0.26), "0.3");
        assert_eq!(superscript("-12"), "⁻¹²");
        assert_eq!(trim_zeros("2.500"), "2.5");
        assert_eq!(trim_zeros("3.0"), "3");
        assert_eq!(trim_zeros("300"), "300");
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
