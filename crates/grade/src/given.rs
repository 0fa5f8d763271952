//! A given answer's shape, before its leaves are read: `[a, b]`, `(a, b)` and `{a, b}`
//! are lists (nested for matrices and corners), anything else one text. Brackets are
//! balanced and nesting and length checked before anything is split, so no input can
//! exhaust the stack.

use crate::error::ReadError;
use crate::lex::MAX_LENGTH;
use crate::parse::MAX_DEPTH;

/// A given value: what a student typed, or a spec's key.
#[derive(Debug, Clone, PartialEq)]
pub enum Given {
    /// One value as text; `at` is its first character in the whole answer.
    Text {
        /// The text, trimmed.
        text: String,
        /// Where it starts.
        at: usize,
    },
    /// A number from a TOML key.
    Number(f64),
    /// true or false from a TOML key.
    Bool(bool),
    /// A list.
    List {
        /// The entries.
        items: Vec<Given>,
        /// Where its opening bracket is (0 for a key's array).
        at: usize,
    },
}

impl Given {
    /// A spec key's value; `None` for TOML types no answer has (tables, dates).
    pub fn from_toml(value: &toml::Value) -> Option<Given> {
        Some(match value {
            toml::Value::Float(f) => Given::Number(*f),
            toml::Value::Integer(i) => Given::Number(*i as f64),
            toml::Value::String(s) => Given::parse(s).unwrap_or(Given::Text {
                text: s.clone(),
                at: 0,
            }),
            toml::Value::Boolean(b) => Given::Bool(*b),
            toml::Value::Array(items) => Given::List {
                items: items.iter().map(Given::from_toml).collect::<Option<_>>()?,
                at: 0,
            },
            _ => return None,
        })
    }

    /// Reads the shape of a typed answer.
    pub fn parse(text: &str) -> Result<Given, ReadError> {
        let chars: Vec<char> = text.chars().collect();
        if chars.len() > MAX_LENGTH {
            return Err(ReadError::at(
                0,
                format!(
                    "{} characters; an answer may have at most {MAX_LENGTH}",
                    chars.len()
                ),
            ));
        }
        let closing = matching(&chars)?;
        mixed_separators(&chars, &closing)?;
        let start = chars.iter().position(|c| !c.is_whitespace()).unwrap_or(0);
        let end = chars
            .iter()
            .rposition(|c| !c.is_whitespace())
            .map_or(0, |e| e + 1);
        Ok(split(&chars, &closing, start, end))
    }
}

/// For each opening bracket, the index of its closing one; errors for unbalanced ones.
fn matching(chars: &[char]) -> Result<Vec<Option<usize>>, ReadError> {
    let mut closing = vec![None; chars.len()];
    let mut open: Vec<usize> = Vec::new();
    let mut quoted: Option<usize> = None;
    for (i, &c) in chars.iter().enumerate() {
        if let Some(q) = quoted {
            if c == '"' {
                closing[q] = Some(i);
                quoted = None;
            }
            continue;
        }
        match c {
            '"' => quoted = Some(i),
            '[' | '(' | '{' => {
                open.push(i);
                if open.len() > MAX_DEPTH {
                    return Err(ReadError::at(i, format!("nested deeper than {MAX_DEPTH}")));
                }
            }
            ']' | ')' | '}' => {
                let Some(o) = open.pop() else {
                    return Err(ReadError::at(
                        i,
                        format!("`{c}` without a matching opening bracket"),
                    ));
                };
                if pair(chars[o]) != c {
                    return Err(ReadError::at(
                        i,
                        format!("`{c}` closes the `{}` opened before it", chars[o]),
                    ));
                }
                closing[o] = Some(i);
            }
            _ => {}
        }
    }
    if let Some(q) = quoted {
        return Err(ReadError::at(q, "this `\"` is never closed"));
    }
    if let Some(&o) = open.last() {
        return Err(ReadError::at(
            o,
            format!("this `{}` is never closed", chars[o]),
        ));
    }
    Ok(closing)
}

fn pair(open: char) -> char {
    match open {
        '[' => ']',
        '(' => ')',
        _ => '}',
    }
}

/// The shape of chars[start..end] (trimmed).
fn split(chars: &[char], closing: &[Option<usize>], start: usize, end: usize) -> Given {
    let text = || Given::Text {
        text: chars[start..end]
            .iter()
            .collect::<String>()
            .trim()
            .to_string(),
        at: start,
    };
    if start >= end {
        return text();
    }
    let first = chars[start];
    let encloses = matches!(first, '[' | '(' | '{') && closing[start] == Some(end - 1);
    if !encloses {
        return text();
    }
    let mut commas = top_level_commas(chars, closing, start + 1, end - 1);
    // `[0.5; 0.1]`, as MATLAB and Julia write a column: `;` separates the entries when
    // no `,` does (a group with both is refused before).
    if commas.is_empty() {
        commas = top_level(chars, closing, start + 1, end - 1, ';');
    }
    // `(a + b)` is an expression; `(a, b)` a list.
    if first == '(' && commas.is_empty() {
        return text();
    }
    let mut items = Vec::new();
    let inner_empty = chars[start + 1..end - 1].iter().all(|c| c.is_whitespace());
    if !inner_empty {
        let mut from = start + 1;
        for &comma in commas.iter().chain(std::iter::once(&(end - 1))) {
            let (s, e) = trim(chars, from, comma);
            items.push(split(chars, closing, s, e));
            from = comma + 1;
        }
    }
    Given::List { items, at: start }
}

/// Commas inside chars[from..to] that are not inside brackets or quotes.
pub fn top_level_commas(
    chars: &[char],
    closing: &[Option<usize>],
    from: usize,
    to: usize,
) -> Vec<usize> {
    top_level(chars, closing, from, to, ',')
}

/// Each `separator` inside chars[from..to] that is not inside brackets or quotes.
fn top_level(
    chars: &[char],
    closing: &[Option<usize>],
    from: usize,
    to: usize,
    separator: char,
) -> Vec<usize> {
    let mut found = Vec::new();
    let mut i = from;
    while i < to {
        match closing.get(i).copied().flatten() {
            Some(close) if matches!(chars[i], '[' | '(' | '{' | '"') => i = close + 1,
            _ => {
                if chars[i] == separator {
                    found.push(i);
                }
                i += 1;
            }
        }
    }
    found
}

/// The parts of a text that separate entries at one level: the whole text, and the
/// inside of each bracket, as (from, to).
fn groups(chars: &[char], closing: &[Option<usize>]) -> Vec<(usize, usize)> {
    let mut out = vec![(0, chars.len())];
    for (i, close) in closing.iter().enumerate() {
        if let Some(close) = close
            && matches!(chars[i], '[' | '(' | '{')
        {
            out.push((i + 1, *close));
        }
    }
    out
}

/// A bracket whose entries are separated by both `;` and `,` (`[0,5; 0,7]`, decimal
/// commas between semicolons, or `[1, 2; 3, 4]`): which is which cannot be told.
fn mixed_separators(chars: &[char], closing: &[Option<usize>]) -> Result<(), ReadError> {
    for (from, to) in groups(chars, closing).into_iter().skip(1) {
        let semicolons = top_level(chars, closing, from, to, ';');
        if let Some(&at) = semicolons.first()
            && !top_level(chars, closing, from, to, ',').is_empty()
        {
            return Err(ReadError::at(
                at,
                "both `;` and `,` separate entries here: separate them with `, ` only, and write decimals with a point (0.5, not 0,5)",
            ));
        }
    }
    Ok(())
}

fn trim(chars: &[char], mut from: usize, mut to: usize) -> (usize, usize) {
    while from < to && chars[from].is_whitespace() {
        from += 1;
    }
    while to > from && chars[to - 1].is_whitespace() {
        to -= 1;
    }
    (from, to)
}

/// A top-level text split at its commas (`a, b` for a set of labels); `None` without
/// commas.
pub fn bare_list(text: &str, at: usize) -> Option<Vec<(String, usize)>> {
    let chars: Vec<char> = text.chars().collect();
    let closing = matching(&chars).ok()?;
    let commas = top_level_commas(&chars, &closing, 0, chars.len());
    if commas.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    let mut from = 0;
    for &comma in commas.iter().chain(std::iter::once(&chars.len())) {
        let (s, e) = trim(&chars, from, comma);
        parts.push((chars[s..e].iter().collect(), at + s));
        from = comma + 1;
    }
    Some(parts)
}

/// Whether some list mixes `, ` and `,` between digits at one level, as `[0,5, 0,1]`
/// does: the commas without a space are then decimal commas, and the list cannot be
/// read. Each bracket is its own level, so `[(1,1), (-1,1)]` (tight commas inside each
/// corner, spaced between corners) is read as corners, not decimals.
pub fn decimal_commas(text: &str) -> Option<usize> {
    let chars: Vec<char> = text.chars().collect();
    let closing = matching(&chars).unwrap_or_else(|_| vec![None; chars.len()]);
    groups(&chars, &closing)
        .into_iter()
        .filter_map(|(from, to)| {
            let commas = top_level(&chars, &closing, from, to, ',');
            let spaced = commas
                .iter()
                .any(|&i| chars.get(i + 1).is_some_and(|c| c.is_whitespace()));
            let digit = |k: Option<usize>| {
                k.and_then(|k| chars.get(k))
                    .is_some_and(|c| c.is_ascii_digit())
            };
            let tight = commas
                .iter()
                .copied()
                .find(|&i| digit(i.checked_sub(1)) && digit(Some(i + 1)));
            if spaced { tight } else { None }
        })
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(text: &str) -> String {
        fn show(g: &Given) -> String {
            match g {
                Given::Text { text, .. } => text.clone(),
                Given::List { items, .. } => {
                    format!("<{}>", items.iter().map(show).collect::<Vec<_>>().join("|"))
                }
                Given::Number(x) => x.to_string(),
                Given::Bool(b) => b.to_string(),
            }
        }
        show(&Given::parse(text).unwrap())
    }

    #[test]
    fn brackets_parentheses_and_braces_make_lists() {
        assert_eq!(shape("[1, 2]"), "<1|2>");
        assert_eq!(shape(" (1, e^(2)) "), "<1|e^(2)>");
        assert_eq!(shape("(1 + 2)"), "(1 + 2)");
        assert_eq!(shape("[(1, 2), (3,4)]"), "<<1|2>|<3|4>>");
        assert_eq!(shape("{a, b}"), "<a|b>");
        assert_eq!(shape("[]"), "<>");
        assert_eq!(shape("[\"a,b\", c]"), "<\"a,b\"|c>");
        assert_eq!(shape("e^15/(e^15+1)"), "e^15/(e^15+1)");
        assert_eq!(shape("[1, ]"), "<1|>");
        assert_eq!(shape("[1; 2;3]"), "<1|2|3>");
        assert_eq!(shape("[(1; 2), (3,4)]"), "<<1|2>|<3|4>>");
        assert!(Given::parse("[0,5; 0,7]").is_err());
        assert!(Given::parse("[[1, 2]; [3, 4]]").is_ok());
    }

    #[test]
    fn unbalanced_brackets_are_refused_where_they_are() {
        assert_eq!(Given::parse("[1, 2").unwrap_err().position, 0);
        assert_eq!(Given::parse("[1, 2)]").unwrap_err().position, 5);
        assert_eq!(Given::parse("1]").unwrap_err().position, 1);
        assert!(Given::parse(&"[".repeat(300)).is_err());
        assert_eq!(decimal_commas("[0,5, 0,1]"), Some(2));
        assert_eq!(decimal_commas("[0,5]"), None);
        assert_eq!(decimal_commas("[(1,1), (-1,1)]"), None);
        assert_eq!(decimal_commas("[(1,5, 2), (1, 1)]"), Some(3));
        assert_eq!(decimal_commas("0,5, 0,1"), Some(1));
    }
}
