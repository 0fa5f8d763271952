//! The search for the key in a handout page: core's needles (every way nnhw writes an
//! answer and the working's values, `nnhw_core::statement::leaks`) with the MathML
//! nnhw-grade typesets for them, looked for in the page as written (MathML) and as text
//! (tags stripped, entities read back, the stylesheet left out).

use std::collections::HashSet;

use nnhw_core::statement::leaks::{self, Needle, pieces};
use nnhw_core::{Solved, Step, Value};

/// Every needle of a solved spec: core's, and the MathML of its lists, exact forms and
/// formulas.
pub fn of(solved: &Solved) -> Vec<Needle> {
    let mut out = leaks::needles(&solved.report, &solved.statement, &solved.tolerance);
    for answer in &solved.report.answers {
        typeset(&answer.value, &answer.name, &mut out);
        if let Some(exact) = &answer.exact {
            exact_forms(exact, &answer.name, &mut out);
        }
    }
    for step in &solved.report.steps {
        if let Step::Value { name, value, exact } = step {
            let what = format!("the working's {name}");
            if matches!(value, Value::List(_)) {
                typeset(value, &what, &mut out);
            }
            if let Some(exact) = exact {
                exact_forms(exact, &what, &mut out);
            }
        }
    }
    out
}

/// What the spec's params render to, the typeset vectors and matrices included.
pub fn given(params: &toml::Table) -> HashSet<String> {
    fn walk(value: &toml::Value, out: &mut HashSet<String>) {
        match value {
            toml::Value::Array(items) => {
                if let Some(math) =
                    leaks::to_value(value).and_then(|v| nnhw_grade::mathml::given(&v))
                {
                    out.insert(inner_math(&math));
                }
                items.iter().for_each(|i| walk(i, out));
            }
            toml::Value::Table(t) => t.values().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = leaks::given(params);
    params.values().for_each(|v| walk(v, &mut out));
    out
}

fn typeset(value: &Value, what: &str, out: &mut Vec<Needle>) {
    match value {
        Value::List(items) | Value::Set(items) => {
            if let Some(math) = nnhw_grade::mathml::given(value) {
                out.push(Needle::new(inner_math(&math), format!("MathML of {what}")));
            }
            for (i, item) in items.iter().enumerate() {
                typeset(item, &format!("{what}[{i}]"), out);
            }
        }
        Value::Formula(f) => {
            if let Some(math) = f
                .lhs
                .as_deref()
                .and_then(|lhs| nnhw_grade::mathml::equation(lhs, &f.ascii))
            {
                out.push(Needle::new(inner_math(&math), format!("MathML of {what}")));
            }
            // A right side that is one name is the notation itself (see core's needles).
            if f.ascii.contains(['*', '/', '+'])
                && let Some(math) = nnhw_grade::mathml::to_mathml(&f.ascii)
            {
                out.push(Needle::new(
                    inner_math(&math),
                    format!("MathML of {what}'s right side"),
                ));
            }
        }
        Value::Polygon(p) => {
            let corners = Value::List(p.corners.iter().map(|c| Value::numbers(c)).collect());
            typeset(&corners, &format!("the corners of {what}"), out);
        }
        _ => {}
    }
}

fn exact_forms(exact: &str, what: &str, out: &mut Vec<Needle>) {
    let mut forms = vec![exact.to_string()];
    if exact.starts_with('[') {
        forms.extend(pieces(exact));
    }
    for form in forms.iter().filter(|f| f.len() >= 4) {
        if let Some(math) = nnhw_grade::mathml::to_mathml(form) {
            out.push(Needle::new(
                inner_math(&math),
                format!("MathML of the exact form of {what}"),
            ));
        }
    }
}

/// The elements inside a `<math …>` wrapper, which a page may wrap otherwise.
fn inner_math(math: &str) -> String {
    let start = math.find('>').map_or(0, |i| i + 1);
    let end = math.rfind("</math>").unwrap_or(math.len());
    math[start..end].to_string()
}

/// The needles found in the page, as `what: text`, leaving out what `given` holds.
pub fn find(page: &str, needles: &[Needle], given: &HashSet<String>) -> Vec<String> {
    // The stylesheet's numbers (`1.15em`) are no one's answer.
    let page = without_style(page);
    let (markup, words): (Vec<Needle>, Vec<Needle>) =
        needles.iter().cloned().partition(|n| n.text.contains('<'));
    let mut found: Vec<String> = markup
        .iter()
        .filter(|n| !given.contains(&n.text) && page.contains(&n.text))
        .map(|n| format!("{}: {}", n.what, n.text))
        .collect();
    found.extend(leaks::find(&read_text(&page), &words, given));
    found
}

fn without_style(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    let mut rest = page;
    while let Some(start) = rest.find("<style") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("</style>")
            .map_or("", |end| &rest[start + end + "</style>".len()..]);
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

    #[test]
    fn typeset_lists_and_text_split_by_tags_are_found() {
        let v = Value::numbers(&[1.0, -1.0, 0.0]);
        let mut needles = Vec::new();
        typeset(&v, "h", &mut needles);
        let page = format!("<p>{}</p>", nnhw_grade::mathml::given(&v).unwrap());
        assert!(!find(&page, &needles, &HashSet::new()).is_empty());
        let params: toml::Table = toml::from_str("x = [1, -1, 0]").unwrap();
        assert!(find(&page, &needles, &given(&params)).is_empty());
        let words = vec![Needle::new("3.059022269", "o[1]")];
        assert!(!find("<mn>3.059022269</mn><mo>×</mo>", &words, &HashSet::new()).is_empty());
        assert!(
            find(
                "<style>x { top: 3.059022269em }</style>",
                &words,
                &HashSet::new()
            )
            .is_empty()
        );
    }
}
