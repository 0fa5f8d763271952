//! Rendering a solved spec: aligned text for people, one JSON object for programs (its
//! types are in [`crate::json`]).

use crate::json::{AnswerJson, CheckJson, FORMAT_VERSION, ReportJson, StatementJson, StepJson};
use crate::statement::Block;
use crate::{Solved, Step, Value};

// A value's text and JSON live with the number formatter and the JSON types, which the
// statement uses too; the report renders through them.
pub use crate::format::value_text;
pub use crate::json::value_json;

/// A report's first line, `title  (kind · file)`: the title and file name come from the
/// input, so they are escaped and clipped onto one line.
pub fn heading(solved: &Solved) -> String {
    format!(
        "{}  ({} · {})",
        crate::text::one_line(&solved.title, 200),
        solved.kind,
        crate::text::one_line(&solved.file, 200)
    )
}

/// Widest line of a question's paragraphs in the text report.
const WIDTH: usize = 92;

/// The text report: heading, question, working, answers with their verdicts, notes.
pub fn text(solved: &Solved) -> String {
    let mut out = String::new();
    let heading = heading(solved);
    out.push_str(&heading);
    out.push('\n');
    out.push_str(&"═".repeat(heading.chars().count()));
    out.push('\n');
    out.push_str(&question_text(solved));

    if !solved.report.steps.is_empty() {
        out.push_str("\nWorking\n");
        for step in &solved.report.steps {
            step_text(step, &mut out);
        }
    }

    out.push_str("\nAnswers\n");
    for (answer, verdict) in solved.report.answers.iter().zip(&solved.checks) {
        out.push_str(&format!(
            "  {} = {}\n",
            answer.name,
            value_text(&answer.value)
        ));
        let pad = " ".repeat(answer.name.chars().count() + 3);
        if let Value::Formula(f) = &answer.value {
            out.push_str(&format!("  {pad}typed: {}\n", f.ascii));
        }
        if let Some(exact) = &answer.exact {
            out.push_str(&format!("  {pad}exact: {exact}\n"));
        }
        if let Some(v) = verdict {
            let mark = if v.passed { "✓" } else { "✗" };
            out.push_str(&format!("  {pad}{mark} {}\n", v.detail));
        }
    }

    if !solved.report.notes.is_empty() {
        out.push_str("\nNotes\n");
        for note in &solved.report.notes {
            out.push_str(&format!("  • {note}\n"));
        }
    }
    out
}

/// The "Question" block: the statement's paragraphs wrapped and indented (displays kept
/// as drawn), then one prompt per answer; empty when the statement says nothing.
pub fn question_text(solved: &Solved) -> String {
    let statement = &solved.statement;
    let asked = solved.asked();
    if statement.blocks.is_empty() && asked.is_empty() {
        return String::new();
    }
    let mut out = String::from("\nQuestion\n");
    for (i, block) in statement.blocks.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let text = crate::statement::block_text(block);
        for line in text.lines() {
            match block {
                // A display keeps its columns however wide it is.
                Block::Display(_) => out.push_str(&format!("  {line}\n")),
                Block::Items(_) => out.push_str(&crate::text::wrap(line, WIDTH, "  ", "      ")),
                Block::Paragraph(_) => out.push_str(&crate::text::wrap(line, WIDTH, "  ", "  ")),
            }
        }
    }
    if !asked.is_empty() {
        out.push_str("\n  Asked\n");
        for prompt in asked {
            let line = format!(
                "{}: {}",
                prompt.name,
                crate::statement::prompt_text(prompt, &solved.tolerance)
            );
            out.push_str(&crate::text::wrap(&line, WIDTH, "    ", "      "));
        }
    }
    out
}

fn step_text(step: &Step, out: &mut String) {
    match step {
        Step::Heading(h) => out.push_str(&format!("  {h}\n")),
        Step::Value { name, value, exact } => {
            out.push_str(&format!("    {name} = {}", value_text(value)));
            if let Some(exact) = exact {
                out.push_str(&format!(" = {exact}"));
            }
            out.push('\n');
        }
        Step::Text(t) => out.push_str(&format!("    {t}\n")),
        Step::Table { columns, rows } => table_text(columns, rows, out),
    }
}

/// Longest table printed whole in text: beyond it, the first rows, a `…` row and the last.
const TABLE_SHOWN: usize = 60;

/// Columns right-aligned to their widest cell.
fn table_text(columns: &[String], rows: &[Vec<Value>], out: &mut String) {
    let text_row = |r: &Vec<Value>| r.iter().map(value_text).collect::<Vec<String>>();
    let cells: Vec<Vec<String>> = if rows.len() > TABLE_SHOWN {
        let ellipsis = vec!["…".to_string(); columns.len()];
        rows[..TABLE_SHOWN - 10]
            .iter()
            .map(text_row)
            .chain(std::iter::once(ellipsis))
            .chain(rows[rows.len() - 10..].iter().map(text_row))
            .collect()
    } else {
        rows.iter().map(text_row).collect()
    };
    let widths: Vec<usize> = (0..columns.len())
        .map(|c| {
            cells
                .iter()
                .filter_map(|r| r.get(c))
                .chain(std::iter::once(&columns[c]))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |items: &[String]| {
        let padded: Vec<String> = items
            .iter()
            .zip(&widths)
            .map(|(s, &w)| format!("{s:>w$}"))
            .collect();
        format!("    {}\n", padded.join("  ").trim_end())
    };
    out.push_str(&line(columns));
    let rule: Vec<String> = widths.iter().map(|&w| "─".repeat(w)).collect();
    out.push_str(&line(&rule));
    for row in &cells {
        out.push_str(&line(row));
    }
}

fn step_json(step: &Step) -> StepJson {
    match step {
        Step::Heading(h) => StepJson::Heading { heading: h.clone() },
        Step::Value { name, value, exact } => StepJson::Value {
            name: name.clone(),
            value: value_json(value),
            exact: exact.clone(),
        },
        Step::Text(t) => StepJson::Text { text: t.clone() },
        Step::Table { columns, rows } => StepJson::Table {
            columns: columns.clone(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(value_json).collect())
                .collect(),
        },
    }
}

/// The report of DESIGN.md's "Spec JSON" (without `figures`, which the runner adds when
/// it writes them).
pub fn json(solved: &Solved) -> ReportJson {
    let answers = solved
        .report
        .answers
        .iter()
        .zip(&solved.checks)
        .map(|(answer, verdict)| AnswerJson {
            name: answer.name.clone(),
            value: value_json(&answer.value),
            exact: answer.exact.clone(),
            check: verdict.as_ref().map(|v| CheckJson {
                passed: v.passed,
                detail: v.detail.clone(),
            }),
        })
        .collect();
    // Every answer's prompt, so a program can pair each answer with its question; `asked`
    // names those a student is asked (the key's, when the spec has one).
    let prompts = solved
        .statement
        .prompts
        .iter()
        .map(|p| {
            let text = crate::statement::prompt_text(p, &solved.tolerance);
            (p.name.clone(), text)
        })
        .collect();
    let asked = solved.asked().iter().map(|p| p.name.clone()).collect();
    ReportJson {
        format_version: FORMAT_VERSION,
        file: solved.file.clone(),
        kind: solved.kind.to_string(),
        title: solved.title.clone(),
        statement: StatementJson {
            text: crate::statement::text(&solved.statement),
            prompts,
            asked,
        },
        answers,
        steps: solved.report.steps.iter().map(step_json).collect(),
        notes: solved.report.notes.clone(),
        figures: None,
    }
}
