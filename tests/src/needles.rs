//! Every way nnhw can render an answer, as strings to look for in a handout: decimals at
//! the graded precision and finer (each a prefix of still finer ones), the text report's
//! and JSON's numbers, scientific notation and its mantissa (MathML sets the mantissa
//! apart), a Unicode minus, exact forms and their MathML, a formula's Unicode, ASCII and
//! MathML, whole lists as the report, JSON and MathML write them; and the working's own
//! values, which a handout must not show either.
//!
//! A needle that the spec's params render to as well (an LSTM's h that equals its input
//! x, a corner that is a row of W) is a coincidence of the question, not a leak, and is
//! dropped. A needle with fewer than three significant digits (`4`, `0.5`, `-1`) is
//! everywhere in any page, so it is looked for only as `name = value`.

use std::collections::HashSet;

use nnhw_core::render::value_text;
use nnhw_core::{Answer, Report, Step, Tolerance, Value};

/// A string that must not be in a handout, and what it renders.
#[derive(Debug, Clone)]
pub struct Needle {
    /// The text looked for.
    pub text: String,
    /// What it is: `o[1] to 9 decimals`, `exact form of max_gap`.
    pub what: String,
    /// Looked for only after `name = ` (too short to look for alone).
    pub context: Option<String>,
}

/// The renderings of every value in `[params]`: coincidences, not leaks.
pub fn of_params(params: &toml::Table) -> HashSet<String> {
    fn walk(value: &toml::Value, out: &mut HashSet<String>) {
        match value {
            toml::Value::Integer(i) => numbers(*i as f64, out),
            toml::Value::Float(f) => numbers(*f, out),
            toml::Value::String(s) => {
                out.insert(s.clone());
            }
            toml::Value::Array(items) => {
                if let Ok(v) = to_value(value) {
                    lists(&v, out);
                    if let Some(math) = nnhw_grade::mathml::given(&v) {
                        out.insert(inner_math(&math));
                    }
                }
                items.iter().for_each(|i| walk(i, out));
            }
            toml::Value::Table(t) => t.values().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    fn numbers(x: f64, out: &mut HashSet<String>) {
        for text in [nnhw_core::format::number(x), format!("{x}")] {
            out.insert(text.replace('-', "−"));
            out.insert(text);
        }
    }
    let mut out = HashSet::new();
    params.values().for_each(|v| walk(v, &mut out));
    out
}

fn to_value(value: &toml::Value) -> Result<Value, ()> {
    Ok(match value {
        toml::Value::Integer(i) => Value::Number(*i as f64),
        toml::Value::Float(f) => Value::Number(*f),
        toml::Value::Array(items) => {
            Value::List(items.iter().map(to_value).collect::<Result<_, _>>()?)
        }
        _ => return Err(()),
    })
}

/// A list's renderings: text report, JSON, and with spaces taken out (how MathML's
/// elements read once their tags are stripped).
fn lists(value: &Value, out: &mut HashSet<String>) {
    let text = value_text(value);
    let json = nnhw_core::render::value_json(value).to_string();
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

/// The needles of one answer. `form` is the sentence its prompt states its form in (a
/// phrase such as `every length` that the prompt itself offers is no leak).
pub fn of_answer(answer: &Answer, tolerance: &Tolerance, form: &str) -> Vec<Needle> {
    let mut out = Vec::new();
    let name = &answer.name;
    value(&answer.value, name, name, tolerance, form, &mut out);
    if let Some(exact) = &answer.exact {
        exact_forms(exact, name, &mut out);
    }
    out
}

/// The needles of the working's values: named lists and numbers the solver computed.
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
            if matches!(v, Value::Number(_) | Value::List(_)) && nnhw_grade::judge::has_numbers(v) {
                self::value(v, &what, name, tolerance, "", &mut out);
            }
            if let Some(exact) = exact {
                exact_forms(exact, &what, &mut out);
            }
        }
    }
    out
}

fn exact_forms(exact: &str, what: &str, out: &mut Vec<Needle>) {
    let mut forms = vec![exact.to_string()];
    if let Some(inner) = exact.strip_prefix('[').and_then(|e| e.strip_suffix(']')) {
        let parts = nnhw_grade::given::bare_list(inner, 0).unwrap_or_default();
        forms.extend(parts.into_iter().map(|(s, _)| s.trim().to_string()));
    }
    for form in forms.into_iter().filter(|f| f.len() >= 4) {
        if let Some(math) = nnhw_grade::mathml::to_mathml(&form) {
            out.push(strong(
                inner_math(&math),
                format!("MathML of the exact form of {what}"),
            ));
        }
        out.push(strong(form, format!("exact form of {what}")));
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
        Value::Number(_) => {}
        Value::List(items) | Value::Set(items) => {
            let mut renderings = HashSet::new();
            lists(v, &mut renderings);
            if let Some(math) = nnhw_grade::mathml::given(v) {
                renderings.insert(inner_math(&math));
            }
            for text in renderings {
                out.push(strong(text, format!("{what} as a list")));
            }
            for (i, item) in items.iter().enumerate() {
                self::value(item, &format!("{what}[{i}]"), name, tolerance, form, out);
            }
        }
        Value::Formula(f) => {
            out.push(strong(f.unicode.clone(), format!("the formula {what}")));
            if f.ascii.contains(['*', '/', '+']) {
                out.push(strong(
                    f.ascii.clone(),
                    format!("the formula {what}, typed"),
                ));
            }
            if let Some(lhs) = &f.lhs {
                out.push(strong(
                    format!("{lhs} = {}", f.ascii),
                    format!("the formula {what}"),
                ));
                if let Some(math) = nnhw_grade::mathml::equation(lhs, &f.ascii) {
                    out.push(strong(inner_math(&math), format!("MathML of {what}")));
                }
            }
            // A right side that is one name (∂C/∂b = δ) is the notation itself, which the
            // setting defines; the whole equation is what must not be there.
            let one_name = f
                .ascii
                .chars()
                .all(|c| c.is_alphanumeric() || "_^()-+".contains(c))
                && !f.ascii.contains(['*', '/']);
            if !one_name && let Some(math) = nnhw_grade::mathml::to_mathml(&f.ascii) {
                out.push(strong(
                    inner_math(&math),
                    format!("MathML of {what}'s right side"),
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
                out.push(strong(line.text.clone(), format!("a line of {what}")));
            }
        }
        Value::Polygon(p) => {
            let corners = Value::List(p.corners.iter().map(|c| Value::numbers(c)).collect());
            let mut renderings = HashSet::new();
            lists(&corners, &mut renderings);
            for text in renderings {
                out.push(strong(text, format!("the corners of {what}")));
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
    let mut texts = vec![nnhw_core::format::number(x), format!("{x}")];
    for d in graded.max(0)..=16 {
        let d = d as usize;
        let fixed = format!("{x:.d$}");
        texts.push(trim(&fixed));
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

fn trim(fixed: &str) -> String {
    if fixed.contains('.') {
        fixed
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    } else {
        fixed.to_string()
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

fn strong(text: String, what: String) -> Needle {
    Needle {
        text,
        what,
        context: None,
    }
}

/// The elements inside a `<math …>` wrapper, which a page may wrap otherwise.
fn inner_math(math: &str) -> String {
    let start = math.find('>').map_or(0, |i| i + 1);
    let end = math.rfind("</math>").unwrap_or(math.len());
    math[start..end].to_string()
}

/// The needles found in `page`, as `what: text`, leaving out those the params render to.
/// The page is searched as written, and as text (tags stripped, entities read, spaces
/// squeezed out, `−` as `-`).
pub fn find(page: &str, needles: &[Needle], params: &HashSet<String>) -> Vec<String> {
    // The stylesheet's numbers (`1.15em`) are no one's answer.
    let page = &without_style(page);
    let text = read_text(page);
    let squeezed = squeeze(&text);
    let params_squeezed: HashSet<String> = params.iter().map(|p| squeeze(p)).collect();
    let mut found = Vec::new();
    for needle in needles {
        if needle.text.trim().is_empty()
            || params.contains(&needle.text)
            || params_squeezed.contains(&squeeze(&needle.text))
        {
            continue;
        }
        let hit = match &needle.context {
            None if needle.text.contains('<') => page.contains(&needle.text),
            None => {
                contains_number_aware(&text, &needle.text)
                    || (needle.text.starts_with('[') && squeezed.contains(&squeeze(&needle.text)))
            }
            Some(name) => [" = ", "=", ": "].iter().any(|sep| {
                let pattern = format!("{name}{sep}{}", needle.text);
                text.match_indices(&pattern).any(|(at, _)| {
                    let named = !text[..at]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric);
                    let ends = !text[at + pattern.len()..]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_digit() || c == '.');
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

/// Whether `needle` is in `haystack`, not as the tail of a longer number or name (so
/// `0.288` is found in `0.2884`, a finer rendering, but not in `10.288`).
fn contains_number_aware(haystack: &str, needle: &str) -> bool {
    let starts_numeric = needle
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || c == '.');
    haystack.match_indices(needle).any(|(at, _)| {
        !starts_numeric
            || !haystack[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
    })
}

fn without_style(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    let mut rest = page;
    while let Some(start) = rest.find("<style") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("</style>")
            .map_or("", |end| &rest[start + end + 8..]);
    }
    out.push_str(rest);
    out
}

/// A page's text: tags dropped, the entities maud writes read back.
pub fn read_text(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    let mut in_tag = false;
    for c in page.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(value: Value, exact: Option<&str>) -> Answer {
        Answer {
            name: "loss".into(),
            value,
            exact: exact.map(str::to_string),
            hints: Vec::new(),
        }
    }

    #[test]
    fn a_number_is_found_at_the_graded_decimals_and_finer_but_not_coarser() {
        let t = Tolerance {
            decimals: Some(3),
            ..Default::default()
        };
        let needles = of_answer(&answer(Value::Number(0.28842), None), &t, "");
        let none = HashSet::new();
        assert!(!find("<p>C is 0.2884 here</p>", &needles, &none).is_empty());
        assert!(!find("<p>C = 0.288</p>", &needles, &none).is_empty());
        assert!(find("<p>C is about 0.29 or 10.288</p>", &needles, &none).is_empty());
        // Scientific notation, split by MathML.
        let tiny = of_answer(
            &answer(Value::Number(3.059022269256247e-7), None),
            &Tolerance::default(),
            "",
        );
        assert!(!find("<mn>3.059022269</mn><mo>×</mo>", &tiny, &none).is_empty());
        assert!(find("<mn>3.1</mn>", &tiny, &none).is_empty());
    }

    #[test]
    fn lists_exact_forms_and_short_numbers_in_context() {
        let h = answer(Value::numbers(&[1.0, -1.0, 0.0]), None);
        let needles = of_answer(&h, &Tolerance::default(), "");
        let none = HashSet::new();
        assert!(!find("<mrow><mo>[</mo><mn>1</mn><mo>,</mo><mo>−</mo><mn>1</mn><mo>,</mo><mn>0</mn><mo>]</mo></mrow>", &needles, &none).is_empty());
        assert!(
            find(
                "<p>x = [1, −1, 0] is the input</p>",
                &needles,
                &of_params(&toml::from_str("x = [1, -1, 0]").unwrap())
            )
            .is_empty()
        );
        assert!(find("<p>1 and −1 and 0</p>", &needles, &none).is_empty());
        let gap = answer(Value::Number(999f64.ln() / 3.0), Some("ln(999)/3"));
        let needles = of_answer(&gap, &Tolerance::default(), "");
        assert!(!find("<p>ln(999)/3</p>", &needles, &none).is_empty());
        let area = Answer {
            name: "area".into(),
            ..answer(Value::Number(4.0), None)
        };
        let needles = of_answer(&area, &Tolerance::default(), "");
        assert!(find("<p>4 hidden units</p>", &needles, &none).is_empty());
        assert!(!find("<p>area = 4</p>", &needles, &none).is_empty());
    }
}
