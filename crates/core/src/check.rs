//! Checking answers against a spec's `[expected]` key.
//!
//! Numbers match when |got − want| ≤ the tolerance; lists element-wise with equal
//! lengths; text and choices case- and space-insensitively. A key of the wrong shape for
//! its answer is bad input (the spec is wrong), not a wrong answer.

use serde::Deserialize;

use crate::expr::{Agreement, ExprError, Formula, MAX_DEPTH, MAX_LENGTH, evaluate};
use crate::format::{count, number, rough};
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

    /// Whether `got` is close enough to `want`.
    pub fn matches(&self, got: f64, want: f64) -> bool {
        if want.is_infinite() || got.is_infinite() {
            return got == want;
        }
        (got - want).abs() <= self.allowed(want)
    }
}

/// A value given to compare with an answer: a spec's key or a student's `--answer`.
/// Text is read by the answer's type: an expression for a number, a formula for a
/// formula, words for text.
#[derive(Debug, Clone, PartialEq)]
pub enum Given {
    /// A number written as a number.
    Number(f64),
    /// An expression, a formula, or words.
    Text(String),
    /// A list (nested for matrices).
    List(Vec<Given>),
    /// true or false.
    Bool(bool),
}

impl Given {
    /// A spec key's value; `None` for TOML types no answer has (tables, dates).
    pub fn from_toml(value: &toml::Value) -> Option<Given> {
        Some(match value {
            toml::Value::Float(f) => Given::Number(*f),
            toml::Value::Integer(i) => Given::Number(*i as f64),
            toml::Value::String(s) => Given::Text(s.clone()),
            toml::Value::Boolean(b) => Given::Bool(*b),
            toml::Value::Array(items) => {
                Given::List(items.iter().map(Given::from_toml).collect::<Option<_>>()?)
            }
            _ => return None,
        })
    }

    /// A value typed on the command line: `[a, b]` (nested for matrices) is a list,
    /// anything else one value. Only brackets nest lists: a comma inside unclosed
    /// parentheses still separates entries, so `[e^15/(e^15+, 1]` reports the unclosed
    /// parenthesis rather than a list of one. Length and nesting are checked before
    /// anything is split, so no input can exhaust the stack.
    pub fn parse(text: &str) -> Result<Given, ExprError> {
        let length = text.chars().count();
        if length > MAX_LENGTH {
            return Err(ExprError::at(
                0,
                format!("{length} characters; an answer may have at most {MAX_LENGTH}"),
            ));
        }
        let mut open: Vec<usize> = Vec::new();
        let mut previous = ' ';
        let mut closed_at: Option<usize> = None;
        for (at, c) in text.chars().enumerate() {
            // An entry left out: `[,1]`, `[1,,0]`, `[1,0,]`.
            let empty =
                (c == ',' && matches!(previous, '[' | ',')) || (c == ']' && previous == ',');
            if empty && !open.is_empty() {
                return Err(ExprError::at(at, "an entry of the list is missing here"));
            }
            if !c.is_whitespace() {
                previous = c;
            }
            match c {
                '[' => {
                    open.push(at);
                    if open.len() > MAX_DEPTH {
                        return Err(ExprError::at(
                            at,
                            format!("lists nested deeper than {MAX_DEPTH}"),
                        ));
                    }
                }
                ']' => {
                    if open.pop().is_none() {
                        return Err(ExprError::at(at, "`]` without a matching `[`"));
                    }
                    if open.is_empty() {
                        closed_at = Some(at);
                    }
                }
                c if !c.is_whitespace() && open.is_empty() && closed_at.is_some() => {
                    return Err(ExprError::at(
                        at,
                        "more after the list's closing `]`: put every entry inside one [...]",
                    ));
                }
                _ => {}
            }
        }
        if let Some(&at) = open.first() {
            return Err(ExprError::at(at, "this `[` is never closed"));
        }
        Ok(split(text))
    }
}

/// Splits a bracket-balanced text into nested lists.
fn split(text: &str) -> Given {
    let trimmed = text.trim();
    let Some(inner) = trimmed.strip_prefix('[').and_then(|t| t.strip_suffix(']')) else {
        return Given::Text(trimmed.to_string());
    };
    if inner.trim().is_empty() {
        return Given::List(Vec::new());
    }
    let mut items = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, c) in inner.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                items.push(split(&inner[start..i]));
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(split(&inner[start..]));
    Given::List(items)
}

/// One way a given value differs from the answer, at one place in it (`[1]`).
#[derive(Debug, Clone, PartialEq)]
pub enum Mismatch {
    /// Numbers too far apart for the tolerance.
    Number {
        /// Where in the answer (`[0]`, or empty for the whole).
        at: String,
        /// The value given, as written.
        given: String,
        /// Its value.
        value: f64,
        /// The answer's value.
        reference: f64,
    },
    /// Lists of different lengths.
    Length {
        /// Where.
        at: String,
        /// Entries given.
        given: usize,
        /// Entries in the answer.
        reference: usize,
    },
    /// Different words, or a different yes/no.
    Text {
        /// Where.
        at: String,
        /// As given.
        given: String,
        /// The answer.
        reference: String,
    },
    /// A formula that is a different function.
    Formula {
        /// As given.
        given: String,
        /// The answer's ASCII form.
        reference: String,
        /// Where they differ, in words.
        why: String,
    },
}

/// Why a given value could not be compared at all: bad input, not a wrong answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Unusable {
    /// The wrong kind of value for this answer.
    Shape {
        /// Where.
        at: String,
        /// What is wrong.
        message: String,
    },
    /// An expression that does not parse.
    Parse {
        /// Where in the answer.
        at: String,
        /// The expression.
        text: String,
        /// The problem, with its character position.
        error: ExprError,
    },
}

impl Unusable {
    /// As a field error (for a spec's key), with the path relative to the key.
    pub fn into_field_error(self) -> FieldError {
        match self {
            Unusable::Shape { at, message } => FieldError::new(at, message),
            Unusable::Parse { at, text, error } => FieldError::new(
                at,
                format!(
                    "cannot read `{text}` at character {}: {}",
                    error.position + 1,
                    error.message
                ),
            ),
        }
    }
}

/// Compares a given value with an answer; the mismatches found, or why it is unusable.
pub fn compare(
    answer: &Value,
    given: &Given,
    tolerance: &Tolerance,
) -> Result<Vec<Mismatch>, Unusable> {
    let mut found = Vec::new();
    compare_at(answer, given, tolerance, "", &mut found)?;
    Ok(found)
}

fn compare_at(
    answer: &Value,
    given: &Given,
    tolerance: &Tolerance,
    at: &str,
    found: &mut Vec<Mismatch>,
) -> Result<(), Unusable> {
    match (answer, given) {
        (Value::Number(reference), _) => {
            let (value, written) = given_number(given, at)?;
            if value.is_nan() {
                return Err(Unusable::Shape {
                    at: at.to_string(),
                    message: "nan is not a value any answer can match".into(),
                });
            }
            if !tolerance.matches(value, *reference) {
                found.push(Mismatch::Number {
                    at: at.to_string(),
                    given: written,
                    value,
                    reference: *reference,
                });
            }
        }
        (Value::List(items) | Value::Set(items), Given::List(givens))
            if items.len() != givens.len() =>
        {
            found.push(Mismatch::Length {
                at: at.to_string(),
                given: givens.len(),
                reference: items.len(),
            });
        }
        (Value::Set(items), Given::List(givens)) => {
            // Each given entry takes the first still unmatched entry it matches.
            let mut used = vec![false; items.len()];
            for (k, g) in givens.iter().enumerate() {
                let mut matched = None;
                for (i, item) in items.iter().enumerate() {
                    if !used[i] && compare(item, g, tolerance)?.is_empty() {
                        matched = Some(i);
                        break;
                    }
                }
                match matched {
                    Some(i) => used[i] = true,
                    None => found.push(Mismatch::Text {
                        at: format!("{at}[{k}]"),
                        given: given_text(g),
                        reference: "none of the remaining entries".into(),
                    }),
                }
            }
        }
        (Value::List(items), Given::List(givens)) => {
            for (i, (a, g)) in items.iter().zip(givens).enumerate() {
                compare_at(a, g, tolerance, &format!("{at}[{i}]"), found)?;
            }
        }
        (Value::Text(reference), Given::Text(g)) => {
            if normalize(reference) != normalize(g) {
                found.push(Mismatch::Text {
                    at: at.to_string(),
                    given: g.clone(),
                    reference: reference.clone(),
                });
            }
        }
        (Value::Bool(reference), _) => {
            let value = match given {
                Given::Bool(b) => Some(*b),
                Given::Text(t) => match normalize(t).as_str() {
                    "true" | "yes" => Some(true),
                    "false" | "no" => Some(false),
                    _ => None,
                },
                _ => None,
            };
            let Some(value) = value else {
                return Err(shape(at, answer, given));
            };
            if value != *reference {
                found.push(Mismatch::Text {
                    at: at.to_string(),
                    given: value.to_string(),
                    reference: reference.to_string(),
                });
            }
        }
        (Value::Formula { ascii, .. }, Given::Text(g)) => {
            let parse = |text: &str| {
                Formula::parse(text).map_err(|error| Unusable::Parse {
                    at: at.to_string(),
                    text: text.to_string(),
                    error,
                })
            };
            let (student, reference) = (parse(g)?, parse(ascii)?);
            if let Some(why) = formula_difference(&student, &reference) {
                found.push(Mismatch::Formula {
                    given: g.clone(),
                    reference: ascii.clone(),
                    why,
                });
            }
        }
        _ => return Err(shape(at, answer, given)),
    }
    Ok(())
}

/// Why two formulas differ, in words; `None` when they are the same function.
fn formula_difference(given: &Formula, reference: &Formula) -> Option<String> {
    let unknown: Vec<&String> = given
        .variables()
        .iter()
        .filter(|v| !reference.variables().contains(v))
        .collect();
    match crate::expr::compare(given, reference) {
        Agreement::Same => None,
        Agreement::Undecided => Some("the reference is undefined at the points tried".into()),
        Agreement::Differs {
            point,
            given: g,
            reference: r,
        } if unknown.is_empty() => {
            // `f'` was read as the name `fprime`; show it as typed.
            let at: Vec<String> = point
                .iter()
                .map(|(k, v)| format!("{} = {}", k.replace("prime", "'"), number(*v)))
                .collect();
            Some(format!(
                "at {} it gives {}, the answer {}",
                at.join(", "),
                number(g),
                number(r)
            ))
        }
        Agreement::Differs { .. } => {
            let names: Vec<&str> = unknown.iter().map(|s| s.as_str()).collect();
            let known: Vec<&str> = reference.variables().iter().map(String::as_str).collect();
            Some(format!(
                "it uses {}, which the answer does not (the answer is in {})",
                names.join(", "),
                if known.is_empty() {
                    "no variables".to_string()
                } else {
                    known.join(", ")
                }
            ))
        }
    }
}

/// The number a given value stands for: a number, or an expression (or "inf").
fn given_number(given: &Given, at: &str) -> Result<(f64, String), Unusable> {
    match given {
        Given::Number(x) => Ok((*x, number(*x))),
        Given::Text(t) => {
            let trimmed = t.trim();
            if let Ok(x) = trimmed.parse::<f64>() {
                return Ok((x, trimmed.to_string()));
            }
            evaluate(trimmed)
                .map(|x| (x, trimmed.to_string()))
                .map_err(|error| Unusable::Parse {
                    at: at.to_string(),
                    text: trimmed.to_string(),
                    error,
                })
        }
        Given::List(items) => Err(Unusable::Shape {
            at: at.to_string(),
            message: format!("a list of {}, but this answer is a number", items.len()),
        }),
        Given::Bool(b) => Err(Unusable::Shape {
            at: at.to_string(),
            message: format!("{b}, but this answer is a number"),
        }),
    }
}

fn shape(at: &str, answer: &Value, given: &Given) -> Unusable {
    let what = match answer {
        Value::Number(_) => "a number (or an expression, or \"inf\")".to_string(),
        Value::List(items) => format!("a list of {}", items.len()),
        Value::Set(items) => format!("a list of {} in any order", items.len()),
        Value::Text(_) => "text".to_string(),
        Value::Bool(_) => "true or false".to_string(),
        Value::Formula { .. } => "a formula, written as text".to_string(),
    };
    let given = match given {
        Given::Number(x) => format!("the number {}", number(*x)),
        Given::Text(t) => format!("\"{t}\""),
        Given::List(items) => format!("a list of {}", items.len()),
        Given::Bool(b) => b.to_string(),
    };
    Unusable::Shape {
        at: at.to_string(),
        message: format!("{given} cannot be compared: this answer is {what}"),
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

/// Compares the answer named `name` with a spec's key, in words for the spec's author.
///
/// `Err` means the key cannot be compared with this answer at all (a number where the
/// answer is a list, an expression that does not parse): bad input, with a path relative
/// to the answer's key.
pub fn check(
    name: &str,
    got: &Value,
    want: &toml::Value,
    tolerance: &Tolerance,
) -> Result<Check, FieldError> {
    let given = Given::from_toml(want).ok_or_else(|| {
        FieldError::new(
            "",
            format!(
                "the key is {} {want}, which no answer can be",
                want.type_str()
            ),
        )
    })?;
    let mismatches = compare(got, &given, tolerance).map_err(Unusable::into_field_error)?;
    Ok(if mismatches.is_empty() {
        Check {
            passed: true,
            detail: if has_number(got) {
                format!("matches the key ({})", tolerance.describe())
            } else {
                "matches the key".to_string()
            },
        }
    } else {
        let lines: Vec<String> = mismatches
            .iter()
            .map(|m| describe_for_key(name, m, tolerance))
            .collect();
        Check {
            passed: false,
            detail: shorten(lines),
        }
    })
}

fn shorten(lines: Vec<String>) -> String {
    let shown = lines.len().min(3);
    let mut detail = lines[..shown].join("; ");
    if lines.len() > shown {
        detail.push_str(&format!("; and {} more", lines.len() - shown));
    }
    detail
}

fn describe_for_key(name: &str, m: &Mismatch, tolerance: &Tolerance) -> String {
    match m {
        Mismatch::Number {
            at,
            value,
            reference,
            ..
        } => format!(
            "{name}{at} is {}, the key says {}: off by {}, more than the {} that {} allow",
            number(*reference),
            number(*value),
            rough((value - reference).abs()),
            rough(tolerance.allowed(*value)),
            tolerance.describe()
        ),
        Mismatch::Length {
            at,
            given,
            reference,
        } => {
            format!("{name}{at} has {reference} entries, the key has {given}")
        }
        Mismatch::Text {
            at,
            given,
            reference,
        } => {
            format!("{name}{at} is \"{reference}\", the key says \"{given}\"")
        }
        Mismatch::Formula {
            given,
            reference,
            why,
        } => {
            format!("{name} is {reference}, the key says {given}: {why}")
        }
    }
}

/// A student's answer judged, in words for the student (the answer itself stays hidden).
/// A part of a list is named (`o[0]: …`); the whole answer is not, its name is already
/// on the line.
pub fn describe_for_student(name: &str, m: &Mismatch, tolerance: &Tolerance) -> String {
    let part = |at: &str| {
        if at.is_empty() {
            String::new()
        } else {
            format!("{name}{at}: ")
        }
    };
    match m {
        Mismatch::Number {
            at,
            given,
            value,
            reference,
        } => format!(
            "{}{given} is {} from the answer; {} needed",
            part(at),
            rough((value - reference).abs()),
            tolerance.describe()
        ),
        Mismatch::Length {
            at,
            given,
            reference,
        } => format!(
            "{}{} given, the answer has {}",
            part(at),
            count(*given, "entry", "entries"),
            count(*reference, "entry", "entries")
        ),
        Mismatch::Text { at, given, .. } => format!("{}\"{given}\" is not the answer", part(at)),
        Mismatch::Formula { given, why, .. } => {
            format!("{} is a different formula: {why}", clip(given))
        }
    }
}

/// A given value as it was typed, near enough, for messages.
fn given_text(given: &Given) -> String {
    match given {
        Given::Number(x) => number(*x),
        Given::Text(t) => t.clone(),
        Given::Bool(b) => b.to_string(),
        Given::List(items) => format!(
            "[{}]",
            items.iter().map(given_text).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// At most 80 characters of what was typed, for messages.
fn clip(text: &str) -> String {
    if text.chars().count() <= 80 {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(80).collect::<String>())
    }
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

/// Whether a value holds a number anywhere (so a tolerance applies to it).
pub fn has_number(value: &Value) -> bool {
    match value {
        Value::Number(_) => true,
        Value::List(items) | Value::Set(items) => items.iter().any(has_number),
        _ => false,
    }
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
    fn sets_match_in_any_order_once_each() {
        let t = Tolerance::default();
        let set = Value::Set(vec![Value::text("a"), Value::text("b")]);
        let given = |text: &str| Given::parse(text).unwrap();
        assert!(compare(&set, &given("[b, A]"), &t).unwrap().is_empty());
        assert_eq!(compare(&set, &given("[a, a]"), &t).unwrap().len(), 1);
        assert_eq!(compare(&set, &given("[a]"), &t).unwrap().len(), 1);
        let numbers = Value::Set(vec![Value::Number(1.0), Value::Number(2.0)]);
        assert!(compare(&numbers, &given("[2, 1]"), &t).unwrap().is_empty());
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
