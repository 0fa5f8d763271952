//! A variant as a complete spec: the original's kind, title, tolerance and
//! `[statement]`, the student it is for, the drawn `[params]`, and an `[expected]` key holding the solver's answers at full precision
//! (the tolerance, not the key's digits, decides what a student may round to).

use nnhw_core::{Answer, Value};

/// What every variant of one spec shares.
pub struct Header<'a> {
    /// The original spec, as the user named it.
    pub origin: &'a str,
    /// The kind.
    pub kind: &'a str,
    /// The original's title, if it had one.
    pub title: Option<&'a str>,
    /// The original's `tolerance` table, as written, if it had one.
    pub tolerance: Option<&'a toml::Value>,
    /// The original's `[statement]` table, if it had one: its placeholders show each
    /// student's own numbers.
    pub statement: Option<&'a toml::Value>,
    /// The seed the variants were drawn with.
    pub seed: u64,
}

/// The text of one variant spec, for `student`: `params` is its `[params]` table as TOML
/// text. `graded` names the answers its key holds.
pub fn text(
    header: &Header<'_>,
    id: &str,
    student: &str,
    params: &str,
    answers: &[Answer],
    graded: &[String],
) -> Result<String, toml::ser::Error> {
    let mut out = format!(
        "# Variant {} of {} (seed {}), drawn by `runner variants`.\n\
         # Its [expected] key is the solver's answer: regenerate it rather than edit it.\n",
        quoted(id),
        nnhw_core::text::one_line(header.origin, 200),
        header.seed
    );
    out.push_str(&format!("kind = {}\n", quoted(header.kind)));
    if let Some(title) = header.title {
        out.push_str(&format!("title = {}\n", quoted(title)));
    }
    out.push_str(&format!("variant = {}\n", quoted(id)));
    out.push_str(&format!("student = {}\n", quoted(student)));
    if let Some(tolerance) = header.tolerance {
        out.push_str(&format!("tolerance = {tolerance}\n"));
    }
    out.push('\n');
    out.push_str(params);
    if let Some(statement) = header.statement {
        let mut body = toml::Table::new();
        body.insert("statement".into(), statement.clone());
        out.push('\n');
        out.push_str(&toml::to_string(&body)?);
    }
    out.push_str("\n[expected]\n");
    out.push_str(&key_text(answers, graded));
    Ok(out)
}

/// The `[expected]` entries for the `graded` answers, in the order the original's key
/// lists them (a toml::Table would sort them).
pub fn key_text(answers: &[Answer], graded: &[String]) -> String {
    let mut out = String::new();
    for name in graded {
        let Some(answer) = answers.iter().find(|a| &a.name == name) else {
            continue;
        };
        if let Some(key) = key(&answer.value) {
            out.push_str(&format!("{} = {key}\n", toml_key(name)));
        }
    }
    out
}

/// An answer name as a TOML key (answer names are bare keys; quoted if one is not).
fn toml_key(name: &str) -> String {
    let bare = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare { name.to_string() } else { quoted(name) }
}

/// A TOML basic string.
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// An answer as a key: what nnhw-grade reads back as the same answer. `None` for a value
/// no key can state (a NaN, free text).
pub fn key(value: &Value) -> Option<toml::Value> {
    Some(match value {
        // Whole numbers as integers: `h = [1, 0, -1]` reads as the answer sheet does.
        Value::Number(x) if x.fract() == 0.0 && x.abs() < 9e15 => toml::Value::Integer(*x as i64),
        Value::Number(x) if x.is_finite() => toml::Value::Float(*x),
        Value::Count(n) => toml::Value::Integer(i64::try_from(*n).ok()?),
        Value::Number(x) if x.is_infinite() => {
            toml::Value::String(if *x > 0.0 { "inf" } else { "-inf" }.into())
        }
        Value::Number(_) | Value::Text(_) => return None,
        Value::List(items) | Value::Set(items) => {
            toml::Value::Array(items.iter().map(key).collect::<Option<_>>()?)
        }
        Value::Bool(b) => toml::Value::Boolean(*b),
        Value::Formula(f) => toml::Value::String(f.ascii.clone()),
        Value::Choice(c) => toml::Value::String(c.option().name.clone()),
        Value::Lines(lines) => toml::Value::Array(
            lines
                .iter()
                .map(|l| toml::Value::String(l.text.clone()))
                .collect(),
        ),
        Value::Polygon(p) => toml::Value::Array(
            p.corners
                .iter()
                .map(|[x, y]| Some(toml::Value::Array(vec![point(*x)?, point(*y)?])))
                .collect::<Option<_>>()?,
        ),
    })
}

fn point(x: f64) -> Option<toml::Value> {
    x.is_finite().then_some(toml::Value::Float(x))
}
