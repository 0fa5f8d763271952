//! A spec's `[statement]` table: the question in the spec's own words.
//!
//! ```toml
//! [statement]
//! before = "This is the network of lecture 3."        # extends: before the kind's own
//! text = "Run the LSTM on x = {x} from h₋₁ = 0."      # replaces the kind's own
//! after = "Show your working."                        # extends: after it
//! prompts = { h = "Enter [h₀, …, h₄], each rounded to the nearest integer." }
//! ```
//!
//! `{path}` is a placeholder for a value of `[params]` (`{x}`, `{layers[0].weights}`,
//! `{weights.f_h}`), rendered by its type, so a variant's statement shows the student's
//! own numbers; `{{` and `}}` are braces. A blank line starts a new paragraph; a paragraph
//! holding a matrix is displayed. A prompt replaces the kind's question for that answer;
//! the form and tolerance sentence still follows it. Everything is checked when the spec
//! is read: an unknown placeholder or answer name is bad input at its line and column.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;

use super::{Block, Inline, Statement};
use crate::document::Document;
use crate::{FieldError, SpecError, Value};

/// Longest template, in characters: a statement is a few paragraphs.
const MAX_TEMPLATE_CHARS: usize = 16 * 1024;
/// Most placeholders in one spec's statement.
const MAX_PLACEHOLDERS: usize = 1_000;
/// Most numbers and words all placeholders may bring in together, so that a small
/// template over a large param cannot blow up.
const MAX_SUBSTITUTED: usize = 100_000;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    #[serde(default)]
    before: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    after: Option<String>,
    #[serde(default)]
    prompts: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct WithStatement {
    #[serde(default)]
    statement: Option<Table>,
}

#[derive(Deserialize)]
struct WithParams {
    params: toml::Table,
}

/// The kind's statement as the spec's `[statement]` table changes it (unchanged when
/// there is none); `kind` names the kind in messages.
pub(crate) fn apply(
    doc: &Document<'_>,
    kind: &str,
    mut statement: Statement,
) -> Result<Statement, SpecError> {
    let with: WithStatement = doc.deserialize().map_err(|e| doc.locate(e))?;
    let Some(table) = with.statement else {
        return Ok(statement);
    };
    let params: WithParams = doc.deserialize().map_err(|e| doc.locate(e))?;
    let mut budget = Budget::default();
    for (name, ask) in &table.prompts {
        let field = format!("statement.prompts.{name}");
        let Some(prompt) = statement.prompts.iter_mut().find(|p| &p.name == name) else {
            let names: Vec<&str> = statement.prompts.iter().map(|p| p.name.as_str()).collect();
            return Err(doc.locate(FieldError::new(
                format!("statement.prompts.{name}"),
                format!(
                    "no answer named `{}`; {kind} answers {}",
                    crate::text::one_line(name, 40),
                    names.join(", ")
                ),
            )));
        };
        // A prompt is one line of words: its placeholders are written as text.
        let blocks =
            render(doc, &field, ask, &params.params, &mut budget).map_err(|e| doc.locate(e))?;
        let lines: Vec<String> = blocks.iter().map(super::text::block).collect();
        prompt.ask = lines.join(" ").replace('\n', " ");
    }
    let mut fill = |field: &str, template: &Option<String>| -> Result<Vec<Block>, SpecError> {
        match template {
            Some(t) => {
                render(doc, field, t, &params.params, &mut budget).map_err(|e| doc.locate(e))
            }
            None => Ok(Vec::new()),
        }
    };
    let before = fill("statement.before", &table.before)?;
    let text = fill("statement.text", &table.text)?;
    let after = fill("statement.after", &table.after)?;
    if let Some(words) = &table.text {
        if words.trim().is_empty() {
            return Err(doc.locate(FieldError::new(
                "statement.text",
                "empty: a question needs its words (leave `text` out to keep the kind's own)",
            )));
        }
        shows_every_draw(doc, &budget.paths)?;
        statement.blocks = text;
    }
    statement.blocks.splice(0..0, before);
    statement.blocks.extend(after);
    Ok(statement)
}

/// What the placeholders have brought in so far.
#[derive(Default)]
struct Budget {
    placeholders: usize,
    substituted: usize,
    /// The paths they name.
    paths: Vec<String>,
}

/// A statement in the spec's own words must show every value `[variants]` draws, whole,
/// or every student would read the same numbers and be graded on their own.
fn shows_every_draw(doc: &Document<'_>, shown: &[String]) -> Result<(), SpecError> {
    let Some(table) = crate::draws::Draws::read(doc)? else {
        return Ok(());
    };
    // A placeholder shows a draw when it names the drawn value or a table or list that
    // holds it; one entry of a drawn list shows only that entry.
    let holds = |placeholder: &str, drawn: &str| {
        let (p, d) = (keys(placeholder), keys(drawn));
        p.len() <= d.len() && p.iter().zip(&d).all(|(x, y)| x == y)
    };
    for draw in &table.draws {
        if !shown.iter().any(|p| holds(p, &draw.path)) {
            return Err(doc.locate(FieldError::new(
                "statement.text",
                format!(
                    "shows no `{{{}}}`, which [variants] draws: every student would read the same numbers",
                    crate::text::one_line(&draw.path, 60)
                ),
            )));
        }
    }
    Ok(())
}

/// A path's keys and indices as text, one per step: `layers[0].w` → `layers`, `0`, `w`.
fn keys(path: &str) -> Vec<String> {
    path.split(['.', '['])
        .map(|k| k.trim_end_matches(']').trim().to_string())
        .filter(|k| !k.is_empty())
        .collect()
}

/// Text from the spec, with every character a terminal would act on escaped; line
/// breaks are the caller's to handle.
fn shown(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' => "\n".to_string(),
            c => crate::text::escaped(c),
        })
        .collect()
}

/// A template as blocks: paragraphs split at blank lines, placeholders filled in.
fn render(
    doc: &Document<'_>,
    field: &str,
    template: &str,
    params: &toml::Table,
    budget: &mut Budget,
) -> Result<Vec<Block>, FieldError> {
    let length = template.chars().count();
    if length > MAX_TEMPLATE_CHARS {
        return Err(FieldError::new(
            field,
            format!("{length} characters; a statement may have at most {MAX_TEMPLATE_CHARS}"),
        ));
    }
    let span = doc.span_of(field);
    let at = |raw: &str| -> Option<Range<usize>> {
        let source = doc.source(span.clone());
        source
            .find(raw)
            .map(|i| span.start + i..span.start + i + raw.len())
    };
    let error = |raw: &str, message: String| FieldError {
        path: field.to_string(),
        message,
        span: at(raw).or(Some(span.clone())),
    };

    let mut blocks = Vec::new();
    for paragraph in paragraphs(template) {
        let mut pieces: Vec<Inline> = Vec::new();
        let mut words = String::new();
        let mut chars = paragraph.char_indices().peekable();
        let mut displayed = false;
        while let Some((i, c)) = chars.next() {
            match c {
                '{' if chars.peek().is_some_and(|&(_, n)| n == '{') => {
                    chars.next();
                    words.push('{');
                }
                '}' if chars.peek().is_some_and(|&(_, n)| n == '}') => {
                    chars.next();
                    words.push('}');
                }
                '}' => {
                    return Err(error(
                        "}",
                        "a `}` with no `{` before it; write `}}` for a brace".into(),
                    ));
                }
                '{' => {
                    let rest = &paragraph[i + 1..];
                    let Some(end) = rest
                        .find(['}', '{', '\n'])
                        .filter(|&e| rest[e..].starts_with('}'))
                    else {
                        let line = paragraph[i..].lines().next().unwrap_or_default();
                        return Err(error(
                            line,
                            format!(
                                "`{}`: a `{{` that is not closed on its line; write `{{{{` for a brace",
                                crate::text::one_line(line, 20)
                            ),
                        ));
                    };
                    let path = &rest[..end];
                    let raw = &paragraph[i..i + end + 2];
                    let value = lookup(params, path).map_err(|why| error(raw, why.to_string()))?;
                    budget.placeholders += 1;
                    budget.paths.push(path.to_string());
                    budget.substituted += leaves(&value);
                    if budget.placeholders > MAX_PLACEHOLDERS {
                        return Err(error(
                            raw,
                            format!("more than {MAX_PLACEHOLDERS} placeholders"),
                        ));
                    }
                    if budget.substituted > MAX_SUBSTITUTED {
                        return Err(error(
                            raw,
                            format!(
                                "the placeholders bring in more than {MAX_SUBSTITUTED} values; name smaller parts of [params]"
                            ),
                        ));
                    }
                    displayed |= is_matrix(&value);
                    if !words.is_empty() {
                        pieces.push(Inline::Text(shown(&std::mem::take(&mut words))));
                    }
                    pieces.push(Inline::Value(value));
                    // Past the path and its `}`.
                    for _ in rest[..=end].chars() {
                        chars.next();
                    }
                }
                '\n' => words.push(' '),
                c => words.push(c),
            }
        }
        if !words.is_empty() {
            pieces.push(Inline::Text(shown(&words)));
        }
        blocks.push(if displayed {
            Block::Display(pieces)
        } else {
            Block::Paragraph(pieces)
        });
    }
    Ok(blocks)
}

/// The paragraphs of a template: split at blank lines, each trimmed, empty ones dropped.
fn paragraphs(template: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in template.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line.trim());
        }
    }
    if !current.is_empty() {
        out.push(current.join("\n"));
    }
    out
}

/// Why a placeholder shows nothing: the message of its field's error. Paths are shown
/// on one line, clipped.
#[derive(Debug, thiserror::Error)]
enum Unfound {
    #[error(
        "`{{{0}}}` is not a param path such as {{x}}, {{layers[0].weights}} or {{weights.f_h}}"
    )]
    NotAPath(String),
    #[error(
        "`{{{shown}}}`: [params] has no `{walked}` (a placeholder names a value the spec writes; a default is not one)"
    )]
    NotInParams { shown: String, walked: String },
    #[error("`{{{0}}}` names nothing")]
    Nothing(String),
}

/// The value at `path` in `[params]`, as a statement shows it.
fn lookup(params: &toml::Table, path: &str) -> Result<Value, Unfound> {
    let shown = crate::text::one_line(path, 60);
    let segments = segments(path).ok_or_else(|| Unfound::NotAPath(shown.clone()))?;
    let mut node: Option<&toml::Value> = None;
    let mut walked = String::new();
    for segment in &segments {
        let next = match (node, segment) {
            (None, Segment::Key(k)) => params.get(*k),
            (Some(toml::Value::Table(t)), Segment::Key(k)) => t.get(*k),
            (Some(toml::Value::Array(a)), Segment::Index(i)) => a.get(*i),
            _ => None,
        };
        match segment {
            Segment::Key(k) if walked.is_empty() => walked.push_str(k),
            Segment::Key(k) => walked.push_str(&format!(".{k}")),
            Segment::Index(i) => walked.push_str(&format!("[{i}]")),
        }
        node = Some(next.ok_or_else(|| Unfound::NotInParams {
            shown: shown.clone(),
            walked: crate::text::one_line(&walked, 60),
        })?);
    }
    node.map(convert).ok_or(Unfound::Nothing(shown))
}

enum Segment<'p> {
    Key(&'p str),
    Index(usize),
}

/// `a.b[2][0].c` as keys and indices; `None` unless it is exactly that shape.
fn segments(path: &str) -> Option<Vec<Segment<'_>>> {
    let bare = |k: &str| {
        !k.is_empty()
            && k.chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    };
    let mut out = Vec::new();
    for part in path.split('.') {
        let (key, mut indices) = part.split_at(part.find('[').unwrap_or(part.len()));
        if !bare(key) {
            return None;
        }
        out.push(Segment::Key(key));
        while let Some(rest) = indices.strip_prefix('[') {
            let (index, after) = rest.split_once(']')?;
            out.push(Segment::Index(index.parse().ok()?));
            indices = after;
        }
        if !indices.is_empty() {
            return None;
        }
    }
    Some(out)
}

/// A TOML value as a statement shows it: numbers, lists of them (rows of them: a
/// matrix), words; a table as `name = value` pairs.
fn convert(value: &toml::Value) -> Value {
    match value {
        toml::Value::Integer(i) => Value::Number(*i as f64),
        toml::Value::Float(f) => Value::Number(*f),
        toml::Value::String(s) => Value::Text(shown(s)),
        toml::Value::Boolean(b) => Value::Text(b.to_string()),
        toml::Value::Datetime(d) => Value::Text(d.to_string()),
        toml::Value::Array(items) => Value::List(items.iter().map(convert).collect()),
        toml::Value::Table(t) => {
            let pairs: Vec<String> = t
                .iter()
                .map(|(k, v)| format!("{} = {}", shown(k), super::text::value(&convert(v))))
                .collect();
            Value::Text(pairs.join(", "))
        }
    }
}

/// How many numbers and words a value holds.
fn leaves(value: &Value) -> usize {
    match value {
        Value::List(items) | Value::Set(items) => items.iter().map(leaves).sum::<usize>().max(1),
        _ => 1,
    }
}

/// At least two rows, each a list.
fn is_matrix(value: &Value) -> bool {
    matches!(value, Value::List(rows) if rows.len() >= 2 && rows.iter().all(|r| matches!(r, Value::List(_))))
}

#[cfg(test)]
mod tests;
