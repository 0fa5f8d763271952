//! A statement as plain text: paragraphs, displays with matrices drawn over several lines,
//! labelled items; and each prompt as one line.

use super::{Block, Inline, Prompt, Statement};
use crate::format::value_text;
use crate::{Tolerance, Value};

/// Most rows of a matrix drawn in a display; a longer one is written on one line,
/// shortened as the report shortens lists.
const MAX_ROWS: usize = 12;

/// The setting and question as text: blocks separated by blank lines, paragraphs on one
/// line each (the reader wraps them), matrices in a display drawn over several lines.
pub fn text(statement: &Statement) -> String {
    let blocks: Vec<String> = statement.blocks.iter().map(block).collect();
    blocks.join("\n\n")
}

/// A prompt as one line: its question, then the form and tolerance in words.
pub fn prompt_text(prompt: &Prompt, tolerance: &Tolerance) -> String {
    let ask = prompt.ask.trim();
    let form = prompt.form.sentence(tolerance);
    if ask.is_empty() {
        form
    } else {
        format!("{ask} {form}")
    }
}

/// One block as text: a paragraph on one line, a display over as many lines as its
/// tallest matrix, items one per line.
pub fn block(block: &Block) -> String {
    match block {
        Block::Paragraph(pieces) => pieces.iter().map(inline).collect(),
        Block::Display(pieces) => display(pieces).join("\n"),
        Block::Items(items) => {
            let lines: Vec<String> = items
                .iter()
                .map(|(label, pieces)| {
                    let said: String = pieces.iter().map(inline).collect();
                    format!("{} {said}", item_label(label))
                })
                .collect();
            lines.join("\n")
        }
    }
}

/// An item's label as it is shown: `a)` for a letter, `run-parity:` for a name.
pub fn item_label(label: &str) -> String {
    if label.chars().count() <= 2 {
        format!("{label})")
    } else {
        format!("{label}:")
    }
}

/// One piece on one line.
fn inline(piece: &Inline) -> String {
    match piece {
        Inline::Text(t) => t.clone(),
        Inline::Math { unicode, .. } => unicode.clone(),
        Inline::Value(v) => value(v),
    }
}

/// A given value on one line: sets of words in braces, the rest as the report writes them.
pub fn value(v: &Value) -> String {
    match v {
        Value::Set(items) => {
            let items: Vec<String> = items.iter().map(value_text).collect();
            format!("{{{}}}", items.join(", "))
        }
        other => value_text(other),
    }
}

/// A display's pieces side by side, each a column of lines, centred on one another.
fn display(pieces: &[Inline]) -> Vec<String> {
    let columns: Vec<Vec<String>> = pieces
        .iter()
        .map(|p| match p {
            Inline::Value(v) => matrix(v).unwrap_or_else(|| vec![value(v)]),
            other => vec![inline(other)],
        })
        .collect();
    let height = columns.iter().map(Vec::len).max().unwrap_or(0);
    let mut lines = vec![String::new(); height];
    for column in &columns {
        let width = column.iter().map(|l| l.chars().count()).max().unwrap_or(0);
        let top = (height - column.len()) / 2;
        for (i, line) in lines.iter_mut().enumerate() {
            let cell = i
                .checked_sub(top)
                .and_then(|k| column.get(k))
                .map_or("", String::as_str);
            line.push_str(&format!("{cell:<width$}"));
        }
    }
    lines.iter().map(|l| l.trim_end().to_string()).collect()
}

/// A list of at least two rows of numbers, each as long, drawn with tall brackets and
/// right-aligned columns; `None` for anything else.
fn matrix(v: &Value) -> Option<Vec<String>> {
    let Value::List(rows) = v else { return None };
    if rows.len() < 2 || rows.len() > MAX_ROWS {
        return None;
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| match r {
            Value::List(items) if items.iter().all(|i| matches!(i, Value::Number(_))) => {
                Some(items.iter().map(value_text).collect())
            }
            _ => None,
        })
        .collect::<Option<_>>()?;
    let columns = cells[0].len();
    if columns == 0 || columns > 20 || cells.iter().any(|r| r.len() != columns) {
        return None;
    }
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            cells
                .iter()
                .map(|r| r[c].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let last = cells.len() - 1;
    Some(
        cells
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let (open, close) = match i {
                    0 => ('⎡', '⎤'),
                    _ if i == last => ('⎣', '⎦'),
                    _ => ('⎢', '⎥'),
                };
                let padded: Vec<String> = row
                    .iter()
                    .zip(&widths)
                    .map(|(s, &w)| format!("{s:>w$}"))
                    .collect();
                format!("{open}{}{close}", padded.join("  "))
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::super::{Form, given, math, words};
    use super::*;

    #[test]
    fn a_display_draws_a_matrix_beside_its_name() {
        let mut s = Statement::default();
        s.say("A 2-2 network.").show(
            "W",
            "W",
            Value::matrix(&[[1.0, -10.0], [0.5, 2.0], [3.0, 4.0]]),
        );
        s.paragraph([
            words("Feed it "),
            math("x", "x"),
            words(" = "),
            given(Value::numbers(&[3.0, 14.0])),
            words("."),
        ]);
        assert_eq!(
            text(&s),
            "A 2-2 network.\n\n    ⎡  1  -10⎤\nW = ⎢0.5    2⎥\n    ⎣  3    4⎦\n\nFeed it x = [3, 14]."
        );
    }

    #[test]
    fn a_prompt_says_its_question_then_its_form() {
        let p = Prompt {
            name: "o".into(),
            ask: "What is the output?".into(),
            form: Form::Numbers(2),
        };
        let t = Tolerance {
            decimals: Some(3),
            ..Default::default()
        };
        assert_eq!(
            prompt_text(&p, &t),
            "What is the output? Give a list of two numbers in brackets, each to 3 decimals (within ±0.0005)."
        );
    }
}
