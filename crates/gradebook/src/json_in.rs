//! JSON Lines rows: `{"student", "spec", "answers": {NAME: VALUE}}`, one per line. Other
//! keys are ignored; a value that is not text becomes the text a student would type, as
//! written: numbers are never rounded through f64 (an id `18446744073709551617` stays
//! itself, an answer `1e400` is read as a CSV cell would be). A key given twice is
//! reported, never resolved silently: serde_json's own map would keep the last.

use std::sync::Arc;

use nnhw_grade::clip;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::Shard;
use crate::lines::{Line, blank};
use crate::row::{Item, Row, ours, too_long};

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
    // A row that names no student for sure belongs to shard 0, in every case below.
    let broken = |what: String| {
        Some(if ours(shard, "") {
            Item::Row(Row::broken(number, what))
        } else {
            Item::Elsewhere
        })
    };
    if let Err(e) = std::str::from_utf8(&bytes) {
        return broken(format!(
            "not UTF-8 (byte {}); not read",
            e.valid_up_to() + 1
        ));
    }
    let members = match serde_json::from_slice::<Members<'_>>(&bytes) {
        Ok(members) => members.0,
        Err(e) if e.is_data() => {
            return broken(
                "not a JSON object {\"student\", \"spec\", \"answers\"}; not read".into(),
            );
        }
        Err(e) => return broken(format!("not JSON: {e}; not read")),
    };
    let mut row = Row {
        line: number,
        ..Row::default()
    };
    let student = match once(&members, "student", &mut row.problems) {
        None => String::new(),
        Some(raw) => id(raw).unwrap_or_else(|| {
            row.problems
                .push("`student` must be text or a number".into());
            String::new()
        }),
    };
    if !ours(shard, &student) {
        return Some(Item::Elsewhere);
    }
    let spec = match once(&members, "spec", &mut row.problems) {
        None => String::new(),
        Some(raw) => match serde_json::from_str::<String>(raw.get()) {
            Ok(spec) => spec.trim().to_string(),
            Err(_) => {
                row.problems.push("`spec` must be text".into());
                String::new()
            }
        },
    };
    let given = members.iter().any(|(k, _)| k == "answers");
    let answers = match once(&members, "answers", &mut row.problems) {
        None if given => None,
        None => {
            row.problems
                .push("no `answers` (an object NAME: VALUE): every answer is missing".into());
            None
        }
        Some(raw) => match serde_json::from_str::<Members<'_>>(raw.get()) {
            Ok(answers) => Some(answers.0),
            Err(_) => {
                row.problems.push(
                    "`answers` must be an object NAME: VALUE; every answer is missing".into(),
                );
                None
            }
        },
    };
    for (name, value) in answers.into_iter().flatten() {
        if value.get().starts_with('{') {
            row.problems.push(format!(
                "answer `{}` is a JSON object; give text, a number or a list",
                clip(&name, 40)
            ));
        }
        let text = typed(value);
        if !text.trim().is_empty() {
            row.answers.push((Arc::from(name.as_str()), text));
        }
    }
    row.finish(student, spec);
    Some(Item::Row(row))
}

/// A JSON object's members in the order written, each value as its text, a key given
/// twice kept twice.
struct Members<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for Members<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for Visit<'a> {
            type Value = Members<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Members<'a>, M::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry::<String, &'a RawValue>()? {
                    members.push(member);
                }
                Ok(Members(members))
            }
        }
        deserializer.deserialize_map(Visit(std::marker::PhantomData))
    }
}

/// The value of `key` when it is given once and is not null. A key given twice is a
/// problem and neither value is used: which one the student meant is unknown.
fn once<'a>(
    members: &[(String, &'a RawValue)],
    key: &str,
    problems: &mut Vec<String>,
) -> Option<&'a RawValue> {
    let mut found = members.iter().filter(|(k, _)| k == key);
    match (found.next(), found.next()) {
        (Some((_, raw)), None) if raw.get() != "null" => Some(raw),
        (Some(_), Some(_)) => {
            problems.push(format!(
                "`{key}` is given twice; which one counts is unknown"
            ));
            None
        }
        _ => None,
    }
}

/// A student id: text (trimmed) or a number, as written.
fn id(raw: &RawValue) -> Option<String> {
    let text = raw.get();
    if text.starts_with('"') {
        serde_json::from_str::<String>(text)
            .ok()
            .map(|s| s.trim().to_string())
    } else if text.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
        Some(text.to_string())
    } else {
        None
    }
}

/// A JSON answer as the text a student would type: `[0.5, 0.5]`, `true`, `x1 = 1`
/// (strings inside lists unquoted), numbers as written; null is nothing.
fn typed(raw: &RawValue) -> String {
    let text = raw.get();
    match text.as_bytes().first() {
        Some(b'"') => serde_json::from_str::<String>(text)
            .map(|s| s.trim().to_string())
            .unwrap_or_default(),
        Some(b'[') => {
            let items = serde_json::from_str::<Vec<&RawValue>>(text).unwrap_or_default();
            let items: Vec<String> = items
                .iter()
                .map(|&item| match item.get() {
                    "null" => "null".to_string(),
                    _ => typed(item),
                })
                .collect();
            format!("[{}]", items.join(", "))
        }
        _ if text == "null" => String::new(),
        // A number, true or false, or an object (reported), as written.
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: &str) -> Box<RawValue> {
        RawValue::from_string(text.to_string()).unwrap()
    }

    #[test]
    fn json_values_become_typed_text_as_written() {
        assert_eq!(
            typed(&raw(r#"[0.5, [1, -2e-7], "x1 = 1", true, null]"#)),
            "[0.5, [1, -2e-7], x1 = 1, true, null]"
        );
        assert_eq!(typed(&raw("null")), "");
        assert_eq!(typed(&raw("3")), "3");
        assert_eq!(typed(&raw("[1e400, -2E+999]")), "[1e400, -2E+999]");
        assert_eq!(typed(&raw(r#"" 0.5 ""#)), "0.5");
    }

    #[test]
    fn numeric_ids_are_kept_as_written() {
        assert_eq!(
            id(&raw("18446744073709551617")).as_deref(),
            Some("18446744073709551617")
        );
        assert_ne!(
            id(&raw("18446744073709551617")),
            id(&raw("18446744073709551616"))
        );
        assert_eq!(id(&raw(r#"" s1 ""#)).as_deref(), Some("s1"));
        assert_eq!(id(&raw("true")), None);
    }

    fn row(text: &str, shard: Option<Shard>) -> Option<Item> {
        json_row(
            Line::Text {
                number: 7,
                bytes: text.as_bytes().to_vec(),
            },
            shard,
        )
    }

    #[test]
    fn a_key_given_twice_is_reported_and_neither_value_is_used() {
        let Some(Item::Row(r)) = row(
            r#"{"student": "ann", "spec": "x", "student": "bob", "answers": {"a": 1}}"#,
            None,
        ) else {
            panic!("a row")
        };
        assert!(!r.gradable);
        assert_eq!(r.student, "");
        assert!(
            r.problems
                .iter()
                .any(|p| p.contains("`student` is given twice"))
        );
        // Under shards the row lands where a row without a student does: shard 0.
        for index in 0..4 {
            let shard = Some(Shard { index, count: 4 });
            let here = matches!(
                row(
                    r#"{"student": "ann", "student": "bob", "spec": "x"}"#,
                    shard
                ),
                Some(Item::Row(_))
            );
            assert_eq!(here, index == 0, "shard {index}");
        }
    }
}
