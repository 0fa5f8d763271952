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
use crate::spec::Document;
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
    for (name, ask) in &table.prompts {
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
        prompt.ask = shown(ask);
    }
    let params: WithParams = doc.deserialize().map_err(|e| doc.locate(e))?;
    let mut budget = Budget::default();
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
    if table.text.is_some() {
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

/// A statement in the spec's own words must show every value `[variants]` draws, or
/// every student would read the same numbers and be graded on their own.
fn shows_every_draw(doc: &Document<'_>, shown: &[String]) -> Result<(), SpecError> {
    let Some(variants) = crate::variants::Variants::read(doc)? else {
        return Ok(());
    };
    let overlap = |a: &str, b: &str| {
        let (a, b) = (keys(a), keys(b));
        a.iter().zip(&b).all(|(x, y)| x == y)
    };
    for draw in &variants.draws {
        if !shown.iter().any(|p| overlap(p, &draw.path)) {
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
                    let value = lookup(params, path).map_err(|why| error(raw, why))?;
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

/// The value at `path` in `[params]`, as a statement shows it.
fn lookup(params: &toml::Table, path: &str) -> Result<Value, String> {
    let shown = crate::text::one_line(path, 60);
    let segments = segments(path).ok_or_else(|| {
        format!("`{{{shown}}}` is not a param path such as {{x}}, {{layers[0].weights}} or {{weights.f_h}}")
    })?;
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
        node = Some(next.ok_or_else(|| {
            let walked = crate::text::one_line(&walked, 60);
            format!("`{{{shown}}}`: [params] has no `{walked}` (a placeholder names a value the spec writes; a default is not one)")
        })?);
    }
    node.map(convert)
        .ok_or_else(|| format!("`{{{shown}}}` names nothing"))
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
mod tests {
    use super::super::{Form, Prompt};
    use super::*;

    fn kind_statement() -> Statement {
        let mut s = Statement::default();
        s.say("The kind's own words.");
        s.prompts.push(Prompt {
            name: "h".into(),
            ask: "What is h?".into(),
            form: Form::Wholes(3),
        });
        s
    }

    fn applied(text: &str) -> Result<Statement, SpecError> {
        let doc = Document::parse("s.toml", text)?;
        apply(&doc, "lstm.states", kind_statement())
    }

    const PARAMS: &str = "kind = \"k\"\n[params]\nx = [1, 0, 1]\nweights = { f_h = 2 }\n[[params.layers]]\nweights = [[1, 0], [0, 1]]\n";

    #[test]
    fn placeholders_are_filled_by_type_and_a_matrix_is_displayed() {
        let spec = format!(
            "{PARAMS}[statement]\nbefore = \"Week {{{{3}}}}.\"\ntext = \"\"\"\nRun it on x = {{x}}, f_h = {{weights.f_h}}.\n\nW = {{layers[0].weights}}\n\"\"\"\nprompts = {{ h = \"Enter h.\" }}\n"
        );
        let s = applied(&spec).unwrap();
        assert_eq!(
            s.blocks,
            vec![
                Block::Paragraph(vec![Inline::Text("Week {3}.".into())]),
                Block::Paragraph(vec![
                    Inline::Text("Run it on x = ".into()),
                    Inline::Value(Value::numbers(&[1.0, 0.0, 1.0])),
                    Inline::Text(", f_h = ".into()),
                    Inline::Value(Value::Number(2.0)),
                    Inline::Text(".".into()),
                ]),
                Block::Display(vec![
                    Inline::Text("W = ".into()),
                    Inline::Value(Value::matrix(&[[1.0, 0.0], [0.0, 1.0]])),
                ]),
            ]
        );
        assert_eq!(s.prompts[0].ask, "Enter h.");
        assert_eq!(s.prompts[0].form, Form::Wholes(3));
    }

    #[test]
    fn after_extends_and_no_table_keeps_the_kind_statement() {
        assert_eq!(applied(PARAMS).unwrap(), kind_statement());
        let s = applied(&format!(
            "{PARAMS}[statement]\nafter = \"Show your working.\"\n"
        ))
        .unwrap();
        assert_eq!(s.blocks.len(), 2);
        assert_eq!(
            s.blocks[1],
            Block::Paragraph(vec![Inline::Text("Show your working.".into())])
        );
    }

    #[test]
    fn bad_placeholders_and_prompts_are_located() {
        let at = |statement: &str| {
            let e = applied(&format!("{PARAMS}[statement]\n{statement}\n")).unwrap_err();
            (e.field.clone(), e.location, e.message.clone())
        };
        // line 8 is the [statement] line's successor
        let (field, location, message) = at("text = \"x = {x} and {beta}\"");
        assert_eq!(field, "statement.text");
        assert_eq!(location, Some((8, 21)));
        assert!(message.contains("[params] has no `beta`"), "{message}");

        let (field, location, message) = at("text = \"{layers[3].weights}\"");
        assert_eq!((field.as_str(), location), ("statement.text", Some((8, 9))));
        assert!(message.contains("no `layers[3]`"), "{message}");

        let (_, _, message) = at("text = \"{x[one]}\"");
        assert!(message.contains("not a param path"), "{message}");
        let (_, location, message) = at("text = \"a } b\"");
        assert_eq!(location, Some((8, 11)));
        assert!(message.contains("`}}`"), "{message}");
        let (_, _, message) = at("text = \"a {x b\"");
        assert!(message.contains("not closed"), "{message}");

        let (field, location, message) = at("prompts = { o = \"What is o?\" }");
        assert_eq!(field, "statement.prompts.o");
        assert_eq!(location, Some((8, 17)));
        assert_eq!(message, "no answer named `o`; lstm.states answers h");

        let (field, _, message) = at("texts = \"typo\"");
        assert_eq!(field, "statement.texts");
        assert!(message.contains("unknown field"), "{message}");
    }

    #[test]
    fn own_words_must_show_what_variants_draw() {
        let spec = |text: &str| {
            format!(
                "{PARAMS}[variants]\n\"layers[0].weights\" = {{ integers = [-1, 1] }}\n[statement]\ntext = \"{text}\"\n"
            )
        };
        let e = applied(&spec("x = {x}")).unwrap_err();
        assert_eq!(e.field, "statement.text");
        assert!(
            e.message.contains("shows no `{layers[0].weights}`"),
            "{}",
            e.message
        );
        assert!(applied(&spec("W = {layers[0].weights}")).is_ok());
        assert!(applied(&spec("W = {layers}")).is_ok());
        assert!(applied(&spec("W = {layers[0].weights[1]}")).is_ok());
    }

    #[test]
    fn a_small_template_cannot_bring_in_a_huge_param() {
        let big: Vec<String> = (0..30_000).map(|i| i.to_string()).collect();
        let spec = format!(
            "kind = \"k\"\n[params]\nx = [{}]\n[statement]\ntext = \"{{x}} {{x}} {{x}} {{x}}\"\n",
            big.join(",")
        );
        let e = applied(&spec).unwrap_err();
        assert!(
            e.message.contains("more than 100000 values"),
            "{}",
            e.message
        );
        let spec = format!("{PARAMS}[statement]\ntext = \"{}\"\n", "{x}".repeat(1_001));
        assert!(applied(&spec).unwrap_err().message.contains("placeholders"));
    }

    #[test]
    fn control_characters_in_the_words_are_escaped() {
        let s = applied(&format!(
            "{PARAMS}[statement]\ntext = \"red \\u001b[31m\"\n"
        ))
        .unwrap();
        assert_eq!(
            s.blocks,
            vec![Block::Paragraph(vec![Inline::Text(
                "red \\u{1b}[31m".into()
            )])]
        );
    }
}
