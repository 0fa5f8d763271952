//! Whether a text gives a problem's key away: every way nnhw writes an answer, and each
//! value of the working, as strings to look for (decimals at the graded precision and
//! finer, each a prefix of still finer ones; the report's and JSON's numbers; scientific
//! notation and its mantissa; a Unicode minus; exact forms whole and piece by piece; a
//! formula's Unicode and ASCII; whole lists), and the search for them.
//!
//! The check behind "a statement, a question figure, a handout holds nothing of the key",
//! for the tests of kinds and of handouts (which add the MathML renderings nnhw-grade
//! typesets). A rendering the spec's params share (an LSTM's h equal to its input x, a
//! corner that is a row of W) is a coincidence of the question, not a leak; one with fewer
//! than three significant digits (`4`, `0.5`, `-1`) is everywhere, and counts only as
//! `name = value`.

use std::collections::HashSet;

use super::Statement;
use crate::format::value_text;
use crate::json::value_json;
use crate::{Answer, Report, Step, Tolerance, Value};

/// A string that must not be shown, and what it renders.
#[derive(Debug, Clone, PartialEq)]
pub struct Needle {
    /// The text looked for.
    pub text: String,
    /// What it is: `o[1] (0.9999996941)`, `exact form of max_gap`.
    pub what: String,
    /// Looked for only as `name = text` (too short to look for alone).
    pub context: Option<String>,
}

impl Needle {
    /// A needle looked for on its own.
    pub fn new(text: impl Into<String>, what: impl Into<String>) -> Needle {
        Needle {
            text: text.into(),
            what: what.into(),
            context: None,
        }
    }
}

/// The leaks of `report`'s answers and working in `text`, as `what: text`, leaving out
/// what the spec's `params` render to. `statement` says each answer's form (a phrase a
/// prompt offers, such as `every length`, is no leak).
pub fn leaks(
    text: &str,
    report: &Report,
    statement: &Statement,
    tolerance: &Tolerance,
    params: &toml::Table,
) -> Vec<String> {
    find(text, &needles(report, statement, tolerance), &given(params))
}

/// Every needle of `report`: its answers', then its working's.
pub fn needles(report: &Report, statement: &Statement, tolerance: &Tolerance) -> Vec<Needle> {
    let mut out = Vec::new();
    for answer in &report.answers {
        let form = statement
            .prompt_for(&answer.name)
            .map(|p| p.form.sentence(tolerance))
            .unwrap_or_default();
        out.extend(of_answer(answer, tolerance, &form));
    }
    out.extend(of_steps(report, tolerance));
    out
}

/// The renderings of every value in `[params]`: coincidences, not leaks.
pub fn given(params: &toml::Table) -> HashSet<String> {
    fn walk(value: &toml::Value, out: &mut HashSet<String>) {
        match value {
            toml::Value::Integer(i) => numbers(*i as f64, out),
            toml::Value::Float(f) => numbers(*f, out),
            toml::Value::String(s) => {
                out.insert(s.clone());
            }
            toml::Value::Array(items) => {
                if let Some(v) = to_value(value) {
                    lists(&v, out);
                }
                items.iter().for_each(|i| walk(i, out));
            }
            toml::Value::Table(t) => t.values().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    fn numbers(x: f64, out: &mut HashSet<String>) {
        for text in [crate::format::number(x), format!("{x}")] {
            out.insert(text.replace('-', "−"));
            out.insert(text);
        }
    }
    let mut out = HashSet::new();
    params.values().for_each(|v| walk(v, &mut out));
    out
}

/// A TOML array of numbers (or of such arrays) as a value.
pub fn to_value(value: &toml::Value) -> Option<Value> {
    Some(match value {
        toml::Value::Integer(i) => Value::Number(*i as f64),
        toml::Value::Float(f) => Value::Number(*f),
        toml::Value::Array(items) => {
            Value::List(items.iter().map(to_value).collect::<Option<_>>()?)
        }
        _ => return None,
    })
}

/// A list's renderings: the report's, JSON's, and with spaces squeezed out (how typeset
/// elements read once their tags are stripped).
fn lists(value: &Value, out: &mut HashSet<String>) {
    let text = value_text(value);
    let json = value_json(value).to_string();
    for t in [text.clone(), json, squeeze(&text)] {
        out.insert(t.replace('-', "−"));
        out.insert(t);
    }
}

/// Without whitespace, `−` as `-`.
pub fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == '−' { '-' } else { c })
        .collect()
}

/// The needles of one answer; `form` is the sentence its prompt states its form in.
pub fn of_answer(answer: &Answer, tolerance: &Tolerance, form: &str) -> Vec<Needle> {
    let mut out = Vec::new();
    let name = &answer.name;
    value(&answer.value, name, name, tolerance, form, &mut out);
    if let Some(exact) = &answer.exact {
        exact_forms(exact, name, &mut out);
    }
    out
}

/// The needles of the working's values: the named lists and numbers the solver computed.
pub fn of_steps(report: &Report, tolerance: &Tolerance) -> Vec<Needle> {
    let mut out = Vec::new();
    for step in &report.steps {
        if let Step::Value {
            name,
            value: v,
            exact,
        } = step
        {
            let what = format!("the working's {name}");
            if matches!(v, Value::Number(_) | Value::Count(_) | Value::List(_)) {
                value(v, &what, name, tolerance, "", &mut out);
            }
            if let Some(exact) = exact {
                exact_forms(exact, &what, &mut out);
            }
        }
    }
    out
}

/// The pieces of a bracketed list of forms (`[e^15/(e^15+e^0), e^0/(e^15+e^0)]`), or the
/// one form.
pub fn pieces(exact: &str) -> Vec<String> {
    let Some(inner) = exact.strip_prefix('[').and_then(|e| e.strip_suffix(']')) else {
        return vec![exact.to_string()];
    };
    let mut out = Vec::new();
    let (mut depth, mut piece) = (0usize, String::new());
    for c in inner.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if c == ',' && depth == 0 {
            out.push(piece.trim().to_string());
            piece.clear();
        } else {
            piece.push(c);
        }
    }
    out.push(piece.trim().to_string());
    out
}

fn exact_forms(exact: &str, what: &str, out: &mut Vec<Needle>) {
    let mut forms = vec![exact.to_string()];
    if exact.starts_with('[') {
        forms.extend(pieces(exact));
    }
    for form in forms.into_iter().filter(|f| f.len() >= 4) {
        out.push(Needle::new(form, format!("exact form of {what}")));
    }
}

fn value(
    v: &Value,
    what: &str,
    name: &str,
    tolerance: &Tolerance,
    form: &str,
    out: &mut Vec<Needle>,
) {
    match v {
        Value::Number(x) if x.is_finite() => number(*x, what, name, tolerance, out),
        Value::Count(n) => number(*n as f64, what, name, tolerance, out),
        Value::Number(_) => {}
        Value::List(items) | Value::Set(items) => {
            let mut renderings = HashSet::new();
            lists(v, &mut renderings);
            let mut renderings: Vec<String> = renderings.into_iter().collect();
            renderings.sort();
            for text in renderings {
                out.push(Needle::new(text, format!("{what} as a list")));
            }
            for (i, item) in items.iter().enumerate() {
                value(item, &format!("{what}[{i}]"), name, tolerance, form, out);
            }
        }
        Value::Formula(f) => {
            out.push(Needle::new(
                f.unicode.clone(),
                format!("the formula {what}"),
            ));
            // A right side that is one name (∂C/∂b = δ) is the notation itself, which the
            // setting defines; the whole equation is what must not be there.
            if f.ascii.contains(['*', '/', '+']) {
                out.push(Needle::new(
                    f.ascii.clone(),
                    format!("the formula {what}, typed"),
                ));
            }
            if let Some(lhs) = &f.lhs {
                out.push(Needle::new(
                    format!("{lhs} = {}", f.ascii),
                    format!("the formula {what}"),
                ));
            }
        }
        Value::Text(t) if !form.to_lowercase().contains(&t.to_lowercase()) => {
            out.push(Needle {
                text: t.clone(),
                what: what.to_string(),
                context: (t.len() < 6).then(|| name.to_string()),
            });
        }
        Value::Lines(lines) => {
            for line in lines {
                out.push(Needle::new(line.text.clone(), format!("a line of {what}")));
            }
        }
        Value::Polygon(p) => {
            let corners = Value::List(p.corners.iter().map(|c| Value::numbers(c)).collect());
            let mut renderings = HashSet::new();
            lists(&corners, &mut renderings);
            let mut renderings: Vec<String> = renderings.into_iter().collect();
            renderings.sort();
            for text in renderings {
                out.push(Needle::new(text, format!("the corners of {what}")));
            }
        }
        // Every option of a choice and every label is in the question; yes/no is
        // everywhere.
        Value::Text(_) | Value::Choice(_) | Value::Bool(_) => {}
    }
}

/// `x` to the graded decimals and finer, as the report and JSON write it, in scientific
/// notation, and with a Unicode minus; short ones only in context.
fn number(x: f64, what: &str, name: &str, tolerance: &Tolerance, out: &mut Vec<Needle>) {
    let magnitude = if x == 0.0 {
        0
    } else {
        x.abs().log10().floor() as i32
    };
    // The decimals a grader asks for: the spec's, or about nine significant digits.
    let graded = match tolerance.decimals {
        Some(d) => d as i32,
        None => 8 - magnitude,
    };
    let mut texts = vec![crate::format::number(x), format!("{x}")];
    for d in graded.max(0)..=16 {
        let d = d as usize;
        let fixed = format!("{x:.d$}");
        texts.push(crate::format::trim_zeros(&fixed));
        texts.push(fixed);
    }
    if !(1e-4..1e12).contains(&x.abs()) && x != 0.0 {
        let significant = (graded + magnitude + 1).max(1);
        for k in (significant - 1).max(0)..=16 {
            let k = k as usize;
            let sci = format!("{x:.k$e}");
            if let Some((mantissa, _)) = sci.split_once('e') {
                texts.push(mantissa.trim_start_matches('-').to_string());
            }
            texts.push(sci);
        }
    }
    let mut seen = HashSet::new();
    for text in texts {
        let variants = [
            text.clone(),
            text.replace('-', "−"),
            text.trim_start_matches('-').to_string(),
        ];
        for t in variants {
            if !seen.insert(t.clone()) {
                continue;
            }
            let short = significant_digits(&t) < 3;
            out.push(Needle {
                context: short.then(|| name.to_string()),
                what: format!("{what} ({t})"),
                text: t,
            });
        }
    }
}

/// Digits after any leading zeros, up to an exponent.
fn significant_digits(text: &str) -> usize {
    let mantissa = text.split(['e', 'E']).next().unwrap_or(text);
    mantissa
        .chars()
        .filter(char::is_ascii_digit)
        .skip_while(|&c| c == '0')
        .count()
}

/// The needles found in `text`, as `what: text`, leaving out those `given` (the params'
/// renderings) holds. `−` and `-` are one sign; a list is also looked for with its spaces
/// squeezed out; `name = value` may end a sentence.
pub fn find(text: &str, needles: &[Needle], given: &HashSet<String>) -> Vec<String> {
    let text = &text.replace('−', "-");
    let squeezed = squeeze(text);
    let given: HashSet<String> = given.iter().map(|p| p.replace('−', "-")).collect();
    let given_squeezed: HashSet<String> = given.iter().map(|p| squeeze(p)).collect();
    let mut found = Vec::new();
    for needle in needles {
        let wanted = needle.text.replace('−', "-");
        if wanted.trim().is_empty()
            || given.contains(&wanted)
            || given_squeezed.contains(&squeeze(&wanted))
        {
            continue;
        }
        let hit = match &needle.context {
            None => {
                alone(text, &wanted)
                    || (wanted.starts_with('[') && squeezed.contains(&squeeze(&wanted)))
            }
            Some(name) => [" = ", "=", ": "].iter().any(|sep| {
                let pattern = format!("{name}{sep}{wanted}");
                text.match_indices(&pattern).any(|(at, _)| {
                    let named = !text[..at]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric);
                    let mut after = text[at + pattern.len()..].chars();
                    let ends = match after.next() {
                        Some(c) if c.is_ascii_digit() => false,
                        Some('.') => !after.next().is_some_and(|c| c.is_ascii_digit()),
                        _ => true,
                    };
                    named && ends
                })
            }),
        };
        if hit {
            found.push(format!("{}: {}", needle.what, needle.text));
        }
    }
    found
}

/// Whether `needle` is in `text`, not as the tail of a longer number or name (so `0.288`
/// is found in `0.2884`, a finer rendering, but not in `10.288`).
fn alone(text: &str, needle: &str) -> bool {
    let numeric = needle
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || c == '.');
    text.match_indices(needle).any(|(at, _)| {
        !numeric
            || !text[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(name: &str, value: Value, exact: Option<&str>) -> Answer {
        Answer {
            name: name.into(),
            value,
            exact: exact.map(str::to_string),
            hints: Vec::new(),
        }
    }

    fn search(text: &str, answer: &Answer, tolerance: &Tolerance, params: &str) -> Vec<String> {
        let params: toml::Table = toml::from_str(params).unwrap_or_default();
        find(text, &of_answer(answer, tolerance, ""), &given(&params))
    }

    #[test]
    fn a_number_is_found_at_the_graded_decimals_and_finer_but_not_coarser() {
        let t = Tolerance {
            decimals: Some(3),
            ..Default::default()
        };
        let loss = answer("loss", Value::Number(0.28842), None);
        assert!(!search("C is 0.2884 here", &loss, &t, "").is_empty());
        assert!(!search("C = 0.288", &loss, &t, "").is_empty());
        assert!(search("C is about 0.29, or 10.288", &loss, &t, "").is_empty());
        let tiny = answer("o", Value::Number(3.059022269256247e-7), None);
        assert!(!search("3.059022269 × 10⁻⁷", &tiny, &Tolerance::default(), "").is_empty());
        assert!(search("3.1", &tiny, &Tolerance::default(), "").is_empty());
    }

    #[test]
    fn lists_exact_forms_and_short_numbers_in_context() {
        let h = answer("h", Value::numbers(&[1.0, -1.0, 0.0]), None);
        let t = Tolerance::default();
        assert!(!search("h is [1, −1, 0]", &h, &t, "").is_empty());
        assert!(search("x = [1, −1, 0] is the input", &h, &t, "x = [1, -1, 0]").is_empty());
        assert!(search("1 and −1 and 0", &h, &t, "").is_empty());
        let gap = answer(
            "max_gap",
            Value::Number(999f64.ln() / 3.0),
            Some("ln(999)/3"),
        );
        assert!(!search("it is ln(999)/3", &gap, &t, "").is_empty());
        let area = answer("area", Value::Number(4.0), None);
        assert!(search("4 hidden units", &area, &t, "").is_empty());
        assert!(!search("area = 4", &area, &t, "").is_empty());
        assert!(search("the subarea = 4", &area, &t, "").is_empty());
        assert!(!search("so area = 4.", &area, &t, "").is_empty());
        assert!(search("area = 4.5", &area, &t, "").is_empty());
        let line = Answer {
            name: "boundaries".into(),
            ..answer(
                "b",
                Value::Lines(vec![crate::Line {
                    a: 0.0,
                    b: 1.0,
                    c: 1.0,
                    text: "x2 = -1".into(),
                }]),
                None,
            )
        };
        assert!(!search("the line x2 = −1 bounds it", &line, &t, "").is_empty());
        let o = answer(
            "o",
            Value::numbers(&[0.5, 0.5]),
            Some("[e^1/(e^1+e^1), e^1/(e^1+e^1)]"),
        );
        assert!(!search("o₂ = e^1/(e^1+e^1)", &o, &t, "").is_empty());
    }
}
