//! The JSON a program reads about a spec, as types: `runner --format json`'s report
//! ([`ReportJson`]) and `runner list --format json`'s kinds ([`KindsJson`]).
//!
//! Each type derives `Serialize` and `JsonSchema`, so the shape written and the schema
//! published in `docs/schemas/` are one declaration; [`render::json`](crate::render::json)
//! fills a report from a solved spec. Counts are [`JsonValue::Count`], written as JSON
//! integers; JSON has no ±inf or nan, so those are the strings `"inf"`, `"-inf"`, `"nan"`.

use std::collections::BTreeMap;
use std::fmt;

use schemars::JsonSchema;
use serde::Serialize;

use crate::Value;

/// The `format_version` of every JSON object nnhw writes; it changes only when a shape
/// does (a field renamed, dropped or retyped), never for a field added.
pub const FORMAT_VERSION: u32 = 1;

/// A value of an answer or a step as JSON: numbers in full precision, counts as
/// integers, formulas with both their forms, lists nested as the value is.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum JsonValue {
    /// A count, an index or a time step: a JSON integer.
    Count(u64),
    /// A finite number.
    Number(f64),
    /// A number JSON cannot write.
    NonFinite(NonFinite),
    /// Text, a choice's text, or a line as people write it (`x1 = 1`).
    Text(String),
    /// A yes/no answer.
    Bool(bool),
    /// A formula for people (`unicode`) and in the notation students type (`ascii`).
    Formula {
        /// The whole equation for people.
        unicode: String,
        /// The right-hand side as typed.
        ascii: String,
    },
    /// A list, a set, a matrix's rows, a polygon's corners.
    List(Vec<JsonValue>),
}

/// A number JSON has no literal for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub enum NonFinite {
    /// +∞ (an unbounded area, say).
    #[serde(rename = "inf")]
    Inf,
    /// −∞.
    #[serde(rename = "-inf")]
    NegInf,
    /// Not a number.
    #[serde(rename = "nan")]
    Nan,
}

impl JsonValue {
    /// A number as JSON writes it: itself when finite, else its name.
    pub fn number(x: f64) -> JsonValue {
        if x.is_finite() {
            JsonValue::Number(x)
        } else if x.is_nan() {
            JsonValue::NonFinite(NonFinite::Nan)
        } else if x > 0.0 {
            JsonValue::NonFinite(NonFinite::Inf)
        } else {
            JsonValue::NonFinite(NonFinite::NegInf)
        }
    }
}

impl fmt::Display for JsonValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt_json(self, f)
    }
}

/// `runner --format json`: one object per spec (DESIGN.md's "Spec JSON").
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(title = "nnhw report", deny_unknown_fields)]
pub struct ReportJson {
    /// [`FORMAT_VERSION`].
    pub format_version: u32,
    /// The spec's path as the user named it.
    pub file: String,
    /// The registered kind (`lstm.states`).
    pub kind: String,
    /// The spec's title, or its file name.
    pub title: String,
    /// The question.
    pub statement: StatementJson,
    /// The answers, in the order the homework asks for them.
    pub answers: Vec<AnswerJson>,
    /// The working.
    pub steps: Vec<StepJson>,
    /// Remarks: caveats, interpretations, what the figure shows.
    pub notes: Vec<String>,
    /// The SVG files written with `--figures`, one per figure.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figures: Option<Vec<String>>,
}

/// A report's question.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct StatementJson {
    /// The question in words, paragraphs separated by blank lines.
    pub text: String,
    /// Every answer's prompt, by answer name.
    pub prompts: BTreeMap<String, String>,
    /// The answers a student is asked (the key's, when the spec has one).
    pub asked: Vec<String>,
}

/// One answer of a report.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct AnswerJson {
    /// The name a key or `--answer` refers to.
    pub name: String,
    /// The computed value.
    pub value: JsonValue,
    /// The exact form, when it says more than the decimals (`e^15/(e^15+e^0)`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exact: Option<String>,
    /// The answer key's verdict, when the spec's `[expected]` names this answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check: Option<CheckJson>,
}

/// An answer key's verdict on a computed answer.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct CheckJson {
    /// Whether the answer matched the key.
    pub passed: bool,
    /// Why, in words.
    pub detail: String,
}

/// One piece of the working: an object with `heading`, `text`, `name` and `value`, or
/// `columns` and `rows`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum StepJson {
    /// Starts a group of steps.
    Heading {
        /// The group's title.
        heading: String,
    },
    /// A named intermediate value.
    Value {
        /// The quantity's name.
        name: String,
        /// Its value.
        value: JsonValue,
        /// Its exact form, if any.
        #[serde(skip_serializing_if = "Option::is_none")]
        exact: Option<String>,
    },
    /// A sentence.
    Text {
        /// The sentence.
        text: String,
    },
    /// A table, for traces and comparisons.
    Table {
        /// Column headings.
        columns: Vec<String>,
        /// Rows, each as wide as `columns`.
        rows: Vec<Vec<JsonValue>>,
    },
}

/// `runner list --format json`: the registered kinds.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(title = "nnhw kinds", deny_unknown_fields)]
pub struct KindsJson {
    /// [`FORMAT_VERSION`].
    pub format_version: u32,
    /// Every registered kind, by section.
    pub kinds: Vec<KindJson>,
}

/// One registered kind.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct KindJson {
    /// The name a spec's `kind` gives (`lstm.states`).
    pub name: String,
    /// The homework section (`2 LSTM`).
    pub section: String,
    /// What it solves, one line.
    pub summary: String,
}

/// Writes `value` as compact JSON: the `Display` of every output type, so that a JSON
/// line is `writeln!(out, "{value}")`.
pub fn fmt_json<T: Serialize + ?Sized>(value: &T, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    f.write_str(&serde_json::to_string(value).map_err(|_| fmt::Error)?)
}

impl fmt::Display for ReportJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt_json(self, f)
    }
}

impl fmt::Display for KindsJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt_json(self, f)
    }
}

/// A value in full precision; counts as integers, ±inf and nan as strings, since JSON
/// has no such numbers.
pub fn value_json(value: &Value) -> JsonValue {
    match value {
        Value::Number(x) => JsonValue::number(*x),
        Value::Count(n) => JsonValue::Count(*n),
        Value::List(items) | Value::Set(items) => {
            JsonValue::List(items.iter().map(value_json).collect())
        }
        Value::Text(s) => JsonValue::Text(s.clone()),
        Value::Bool(b) => JsonValue::Bool(*b),
        Value::Formula(f) => JsonValue::Formula {
            unicode: f.unicode.clone(),
            ascii: f.ascii.clone(),
        },
        Value::Choice(c) => JsonValue::Text(c.option().text.clone()),
        Value::Lines(lines) => JsonValue::List(
            lines
                .iter()
                .map(|l| JsonValue::Text(l.text.clone()))
                .collect(),
        ),
        Value::Polygon(p) => JsonValue::List(
            p.corners
                .iter()
                .map(|c| JsonValue::List(c.iter().map(|&x| JsonValue::number(x)).collect()))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_integers_and_non_finite_numbers_are_names() {
        let list = JsonValue::List(vec![
            JsonValue::Count(3),
            JsonValue::number(3.0),
            JsonValue::number(f64::INFINITY),
            JsonValue::number(f64::NEG_INFINITY),
            JsonValue::number(f64::NAN),
        ]);
        assert_eq!(list.to_string(), r#"[3,3.0,"inf","-inf","nan"]"#);
    }
}
