//! JSON Lines rows: `{"student", "spec", "answers": {NAME: VALUE}}`, one per line. Other
//! keys are ignored; a value that is not text becomes the text a student would type.

use std::sync::Arc;

use nnhw_grade::clip;
use serde_json::Value as Json;

use crate::Shard;
use crate::lines::{Line, blank};
use crate::submissions::{Item, Row, ours, too_long};

/// The row on one line, or why there is none.
pub(crate) fn json_row(line: Line, shard: Option<Shard>) -> Option<Item> {
    let (number, bytes) = match line {
        Line::TooLong { number, length } => {
            return Some(if ours(shard, "") {
                Item::Row(too_long(number, length))
            } else {
                Item::Elsewhere
            });
        }
        Line::Text { number, bytes } => (number, bytes),
    };
    if blank(&bytes) {
        return Some(Item::Blank);
    }
    if shard.is_some() {
        #[derive(serde::Deserialize)]
        struct StudentOnly {
            student: Option<Json>,
        }
        let student = serde_json::from_slice::<StudentOnly>(&bytes)
            .ok()
            .and_then(|s| s.student)
            .and_then(|s| id(&s))
            .unwrap_or_default();
        if !ours(shard, &student) {
            return Some(Item::Elsewhere);
        }
    }
    if let Err(e) = std::str::from_utf8(&bytes) {
        return Some(Item::Row(Row::broken(
            number,
            format!("not UTF-8 (byte {}); not read", e.valid_up_to() + 1),
        )));
    }
    let parsed = serde_json::from_slice::<Json>(&bytes).or_else(|e| {
        // A number beyond f64 (1e400) is read as the text it is, as a CSV cell would be.
        quote_huge_numbers(&bytes).map_or(Err(e), |quoted| serde_json::from_slice(&quoted))
    });
    let object = match parsed {
        Ok(Json::Object(object)) => object,
        Ok(_) => {
            return Some(Item::Row(Row::broken(
                number,
                "not a JSON object {\"student\", \"spec\", \"answers\"}; not read".into(),
            )));
        }
        Err(e) => {
            return Some(Item::Row(Row::broken(
                number,
                format!("not JSON: {e}; not read"),
            )));
        }
    };
    let mut row = Row {
        line: number,
        ..Row::default()
    };
    let student = match object.get("student") {
        None | Some(Json::Null) => String::new(),
        Some(value) => id(value).unwrap_or_else(|| {
            row.problems
                .push("`student` must be text or a number".into());
            String::new()
        }),
    };
    let spec = match object.get("spec") {
        None | Some(Json::Null) => String::new(),
        Some(Json::String(s)) => s.trim().to_string(),
        Some(_) => {
            row.problems.push("`spec` must be text".into());
            String::new()
        }
    };
    match object.get("answers") {
        Some(Json::Object(answers)) => {
            for (name, value) in answers {
                if let Json::Object(_) = value {
                    row.problems.push(format!(
                        "answer `{}` is a JSON object; give text, a number or a list",
                        clip(name, 40)
                    ));
                }
                let text = typed(value);
                if !text.trim().is_empty() {
                    row.answers.push((Arc::from(name.as_str()), text));
                }
            }
        }
        None | Some(Json::Null) => row
            .problems
            .push("no `answers` (an object NAME: VALUE): every answer is missing".into()),
        Some(_) => row
            .problems
            .push("`answers` must be an object NAME: VALUE; every answer is missing".into()),
    }
    row.finish(student, spec);
    Some(Item::Row(row))
}

/// The line with every number that f64 cannot hold (`1e400`) put in quotes, or `None`
/// when it has none.
fn quote_huge_numbers(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len() + 8);
    let (mut i, mut quoted) = (0, false);
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'"' {
            // Copy the string whole, escapes and all.
            let mut end = i + 1;
            while end < bytes.len() && bytes[end] != b'"' {
                end += if bytes[end] == b'\\' { 2 } else { 1 };
            }
            let end = (end + 1).min(bytes.len());
            out.extend_from_slice(&bytes[i..end]);
            i = end;
        } else if b == b'-' || b.is_ascii_digit() {
            let end = bytes[i..]
                .iter()
                .position(|c| {
                    !(c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.' | b'e' | b'E'))
                })
                .map_or(bytes.len(), |n| i + n);
            let number = &bytes[i..end];
            let huge = std::str::from_utf8(number)
                .ok()
                .and_then(|n| n.parse::<f64>().ok())
                .is_some_and(f64::is_infinite);
            if huge {
                quoted = true;
                out.push(b'"');
                out.extend_from_slice(number);
                out.push(b'"');
            } else {
                out.extend_from_slice(number);
            }
            i = end;
        } else {
            out.push(b);
            i += 1;
        }
    }
    quoted.then_some(out)
}

/// A student id: text (trimmed) or a number.
fn id(value: &Json) -> Option<String> {
    match value {
        Json::String(s) => Some(s.trim().to_string()),
        Json::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A JSON answer as the text a student would type: `[0.5, 0.5]`, `true`, `x1 = 1`
/// (strings inside lists unquoted); null is nothing.
fn typed(value: &Json) -> String {
    match value {
        Json::Null => String::new(),
        Json::String(s) => s.trim().to_string(),
        Json::Number(n) => n.to_string(),
        Json::Bool(b) => b.to_string(),
        Json::Array(items) => {
            let items: Vec<String> = items
                .iter()
                .map(|i| match i {
                    Json::Null => "null".into(),
                    other => typed(other),
                })
                .collect();
            format!("[{}]", items.join(", "))
        }
        Json::Object(_) => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_values_become_typed_text() {
        let v: Json = serde_json::from_str(r#"[0.5, [1, -2e-7], "x1 = 1", true, null]"#).unwrap();
        assert_eq!(typed(&v), "[0.5, [1, -2e-7], x1 = 1, true, null]");
        assert_eq!(typed(&Json::Null), "");
        assert_eq!(typed(&serde_json::json!(3)), "3");
    }

    #[test]
    fn numbers_beyond_f64_are_quoted_and_nothing_else_is() {
        let quoted =
            |s: &str| quote_huge_numbers(s.as_bytes()).map(|q| String::from_utf8(q).unwrap());
        assert_eq!(
            quoted(r#"{"a": [1e400, -2E+999], "b\"1e400": "1e400", "c": 1e-400, "d": 2}"#),
            Some(r#"{"a": ["1e400", "-2E+999"], "b\"1e400": "1e400", "c": 1e-400, "d": 2}"#.into())
        );
        assert_eq!(quoted(r#"{"a": 1e300, "b": "1e400"}"#), None);
        assert_eq!(quoted(r#"{"a": "1e400"#), None);
    }
}
