//! Whether a statement shows its problem's given numbers: the check behind "a statement
//! carries every param value of its spec", for tests of kinds and specs.

use super::Statement;

/// The values of `params` (a spec's `[params]` table) that `statement`'s text does not
/// show, each as `path = value`. A number is shown when the text has it as the report
/// writes it ([`crate::format::number`]), standing alone (`1` is not shown by `x1` or
/// `12`; `−` counts as `-`); a word when the text has it in any case. Booleans are not
/// looked for: a statement says what they mean, not `true`.
pub fn unshown(statement: &Statement, params: &toml::Table) -> Vec<String> {
    let text = super::text(statement).replace('−', "-").to_lowercase();
    let mut missing = Vec::new();
    for (key, value) in params {
        look(&text, key, value, &mut missing);
    }
    missing
}

fn look(text: &str, path: &str, value: &toml::Value, missing: &mut Vec<String>) {
    let wanted = match value {
        toml::Value::Integer(i) => crate::format::number(*i as f64),
        toml::Value::Float(f) => crate::format::number(*f),
        toml::Value::String(s) => s.to_lowercase(),
        toml::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                look(text, &format!("{path}[{i}]"), item, missing);
            }
            return;
        }
        toml::Value::Table(t) => {
            for (key, item) in t {
                look(text, &format!("{path}.{key}"), item, missing);
            }
            return;
        }
        toml::Value::Boolean(_) | toml::Value::Datetime(_) => return,
    };
    let numeric = matches!(value, toml::Value::Integer(_) | toml::Value::Float(_));
    let found = if numeric {
        stands_alone(text, &wanted)
    } else {
        text.contains(&wanted)
    };
    if !found {
        missing.push(format!("{path} = {wanted}"));
    }
}

/// Whether `number` occurs in `text` as a number of its own, not part of a longer one or
/// of a name.
fn stands_alone(text: &str, number: &str) -> bool {
    text.match_indices(number).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = &text[at + number.len()..];
        let joined_before = before.is_some_and(|c| {
            c.is_alphanumeric() || c == '.' || c == '_' || (c == '-' && !number.starts_with('-'))
        });
        let mut rest = after.chars();
        let next = rest.next();
        let then = rest.next();
        let joined_after = match next {
            Some(c) if c.is_ascii_digit() => true,
            Some('.' | 'e') => then.is_some_and(|c| c.is_ascii_digit() || c == '-'),
            _ => false,
        };
        !joined_before && !joined_after
    })
}

#[cfg(test)]
mod tests {
    use super::super::{given, words};
    use super::*;
    use crate::Value;

    #[test]
    fn numbers_must_stand_alone_and_words_appear() {
        let mut s = Statement::default();
        s.paragraph([
            words("Units x1 and x12, activation ReLU, bias −1, "),
            given(Value::numbers(&[0.5, 3.0])),
            words(". It is 7."),
        ]);
        let params: toml::Table = toml::from_str(
            "a = 1\nb = -1\nc = [0.5, 3]\nd = 'relu'\ne = 12.5\nf = 7\ng = true\nh = 'tanh'",
        )
        .unwrap();
        assert_eq!(unshown(&s, &params), ["a = 1", "e = 12.5", "h = tanh"]);
    }
}
