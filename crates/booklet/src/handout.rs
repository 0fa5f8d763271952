//! Handouts: the question without its answer, for one student or a whole class.
//!
//! A sheet is a spec's statement, the figures that pose it and an answer sheet: each
//! asked answer's name, prompt and notation with a blank to write in, then the CSV row and
//! the JSON Lines line `runner grade` reads, the student's id and the spec's id filled in.
//! It is built from `Solved::statement`, `Solved::question_figures` and
//! `Solved::asked` only: the report (answers, working, notes, the key's checks) and the
//! solution's figures never reach it.

use maud::{Markup, html};
use nnhw_core::{Form, Solved};

use crate::statement;

/// One problem of a handout.
pub struct Sheet<'a> {
    /// The solved spec; only its question is shown.
    pub solved: &'a Solved,
    /// What the answer sheet's `spec` cell says: the variant id, or the spec's stem.
    pub spec: String,
    /// Whose sheet it is: the variant's student, or a roster's id on a spec that is no
    /// variant; `None` leaves a blank for it.
    pub student: Option<String>,
}

/// Who a set of sheets is for: a student id, or nobody in particular (a spec that is not
/// a variant).
pub type Student = Option<String>;

/// A page of sheets for one reader, titled `title`.
pub fn handout(title: &str, sheets: &[Sheet<'_>]) -> String {
    let body = html! {
        main {
            @for (i, sheet) in sheets.iter().enumerate() {
                (self::sheet(sheet, &format!("sheet-{}", i + 1)))
            }
        }
    };
    crate::document(title, body)
}

/// A whole class in one file to print: each student's sheets in order, each student
/// starting on a new sheet of paper.
pub fn class(title: &str, students: &[(Student, Vec<Sheet<'_>>)]) -> String {
    let body = html! {
        main {
            @for (s, (student, sheets)) in students.iter().enumerate() {
                div.student {
                    @for (i, sheet) in sheets.iter().enumerate() {
                        (self::sheet(sheet, &format!("student-{}-sheet-{}", s + 1, i + 1)))
                    }
                    @if sheets.len() > 1 { (together(student.as_deref(), sheets)) }
                }
            }
        }
    };
    crate::document(title, body)
}

fn sheet(sheet: &Sheet<'_>, id: &str) -> Markup {
    let solved = sheet.solved;
    let asked = solved.asked();
    let student = sheet.student.as_deref();
    html! {
        section.sheet id=(id) aria-labelledby={ (id) "-title" } {
            h2 id={ (id) "-title" } { (shown(&solved.title)) }
            p.source {
                @match student {
                    Some(s) => { "Student " strong { (shown(s)) } " · " }
                    None => { "Student: " span.fill { } " · " }
                }
                "Problem " code { (shown(&sheet.spec)) }
            }
            h3 { "Question" }
            (statement::blocks(&solved.statement))
            @for (k, f) in solved.question_figures.iter().enumerate() {
                (statement::figure(f, &format!("{id}-figure-{}", k + 1)))
            }
            h3 { "Your answers" }
            ol.answer-sheet {
                @for prompt in &asked {
                    li {
                        p { code.name { (prompt.name) } " — " (statement::ticked(&nnhw_core::statement::prompt_text(prompt, &solved.tolerance))) }
                        p.notation { "Written as " (statement::ticked(&nnhw_grade::notation(&prompt.form))) "." }
                        div class=(blank(&prompt.form)) role="presentation" {}
                    }
                }
            }
            (hand_in(student, std::slice::from_ref(sheet)))
        }
    }
}

/// The box to write an answer of `form` in, tall enough for it by hand: a number takes a
/// line, a formula two, a long list or a matrix more.
fn blank(form: &Form) -> &'static str {
    let entries = match form {
        Form::Numbers(n) | Form::Wholes(n) | Form::Lines(n) => *n,
        Form::Matrix(r, c) => r.saturating_mul(*c),
        Form::Formula(_) | Form::Corners => 8,
        _ => 1,
    };
    match entries {
        0..=4 => "blank",
        5..=12 => "blank lines-2",
        13..=30 => "blank lines-4",
        _ => "blank lines-8",
    }
}

/// Text from a spec or a roster in a heading: on one line, with what would reorder or
/// hide the text around it (a direction override, an escape) shown escaped. The lines to
/// hand in keep it as it is, since grade matches it exactly.
fn shown(text: &str) -> String {
    nnhw_core::text::one_line(text, 300)
}

/// One student's sheets handed in together: one CSV with every answer's column, and
/// their JSON Lines.
fn together(student: Option<&str>, sheets: &[Sheet<'_>]) -> Markup {
    html! {
        section.together {
            h2 { "All of these problems in one file" }
            (hand_in(student, sheets))
        }
    }
}

/// The lines `runner grade` reads for `sheets`, answers blank.
fn hand_in(student: Option<&str>, sheets: &[Sheet<'_>]) -> Markup {
    let mut names: Vec<&str> = Vec::new();
    for sheet in sheets {
        for prompt in sheet.solved.asked() {
            if !names.contains(&prompt.name.as_str()) {
                names.push(&prompt.name);
            }
        }
    }
    let csv = csv_lines(student, sheets, &names);
    // Written by hand around serde_json's strings so the answers keep the sheet's order.
    let string = |s: &str| serde_json::Value::String(s.to_string()).to_string();
    let json: Vec<String> = sheets
        .iter()
        .map(|sheet| {
            let answers: Vec<String> = sheet
                .solved
                .asked()
                .iter()
                .map(|p| format!("{}: \"\"", string(&p.name)))
                .collect();
            format!(
                "{{\"student\": {}, \"spec\": {}, \"answers\": {{{}}}}}",
                string(student.unwrap_or("")),
                string(&sheet.spec),
                answers.join(", ")
            )
        })
        .collect();
    html! {
        div.hand-in {
            h3 { "Handing in" }
            p {
                "For " code { "runner grade" } ": a CSV file with this header and row, each answer in its cell "
                "(a cell holding a comma, such as a list, in double quotes: "
                code { "\"[0.25, -1.5e-3]\"" } ")"
                @if student.is_none() { ", your student id in the first cell" }
                ":"
            }
            pre.line { (csv) }
            p { "or, in JSON Lines, one line per problem with each answer as a string or a number:" }
            pre.line { (json.join("\n")) }
        }
    }
}

/// The CSV header `student,spec,NAME,…` and one row per sheet, answers blank, quoted
/// wherever a field needs it.
fn csv_lines(student: Option<&str>, sheets: &[Sheet<'_>], names: &[&str]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let header = ["student", "spec"].into_iter().chain(names.iter().copied());
    let mut rows: Vec<Vec<&str>> = vec![header.collect()];
    for sheet in sheets {
        let mut row = vec![student.unwrap_or(""), sheet.spec.as_str()];
        row.extend(std::iter::repeat_n("", names.len()));
        rows.push(row);
    }
    for row in rows {
        // Writing into memory cannot fail but for a bug in csv; an empty box is then shown.
        if writer.write_record(&row).is_err() {
            return String::new();
        }
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8_lossy(&bytes).trim_end().to_string()
}
