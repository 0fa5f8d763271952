//! A graded row as a gradebook line: CSV cells, a JSON object, or a Gradescope
//! `results.json` object (typed in [`crate::json`]). Feedback is the verdict's own (detail, how it was read, the
//! caret, hints) as `runner --answer` shows it; nothing of the key appears unless
//! `reveal` is on and the answer is wrong.

use nnhw_core::Answer;
use nnhw_core::json::FORMAT_VERSION;
use nnhw_grade::{Verdict, feedback};

use crate::grading::{Graded, Outcome};
use crate::json::{
    GradedAnswerJson, GradescopeJson, Missing, MissingJson, Status, SubmissionExtraJson,
    SubmissionJson, TestJson,
};
use crate::{Book, Format, Options};

/// What a graded row becomes.
pub(crate) enum Rendered {
    /// CSV cells, written through the csv crate.
    Fields(Vec<String>),
    /// One line of JSON.
    Line(String),
}

/// A graded row in `options.format`.
pub(crate) fn render(book: &Book, graded: &Graded<'_>, options: &Options) -> Rendered {
    match options.format {
        Format::Csv => Rendered::Fields(csv_fields(book, graded)),
        Format::Json => Rendered::Line(submission_json(graded, options.reveal).to_string()),
        Format::Gradescope => Rendered::Line(gradescope_json(graded, options.reveal).to_string()),
    }
}

fn csv_fields(book: &Book, graded: &Graded<'_>) -> Vec<String> {
    let mut fields = Vec::with_capacity(4 + book.names().len());
    fields.push(inert(&graded.student));
    fields.push(inert(&graded.entry.label));
    fields.push(graded.score().to_string());
    fields.push(graded.max_score().to_string());
    for column in &graded.entry.columns {
        let cell = column.map_or("", |g| graded.outcomes[g].word());
        fields.push(cell.to_string());
    }
    fields
}

/// A text cell a spreadsheet will not run: one that starts with `=`, `+`, `-`, `@`, a tab
/// or a carriage return (`=HYPERLINK(…)` as a student id) gets a `'` before it, as OWASP
/// recommends against CSV injection. Staff open gradebook.csv in a spreadsheet.
fn inert(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// The JSON gradebook's object for one submission.
pub(crate) fn submission_json(graded: &Graded<'_>, reveal: bool) -> SubmissionJson {
    let solved = &graded.entry.solved;
    SubmissionJson {
        format_version: FORMAT_VERSION,
        student: graded.student.clone(),
        spec: graded.entry.label.clone(),
        file: solved.file.clone(),
        line: submitted(graded),
        score: graded.score(),
        max_score: graded.max_score(),
        answers: graded
            .pairs()
            .map(|(answer, outcome)| answer_json(answer, outcome, reveal))
            .collect(),
        variant: solved.variant.clone(),
    }
}

/// The row's line, or null for a problem the student did not submit.
fn submitted(graded: &Graded<'_>) -> Option<usize> {
    (graded.line > 0).then_some(graded.line)
}

/// One answer's verdict, shaped as an item of `--answer`'s JSON.
fn answer_json(answer: &Answer, outcome: &Outcome, reveal: bool) -> GradedAnswerJson {
    let Outcome::Judged(v) = outcome else {
        return GradedAnswerJson::Missing(MissingJson {
            name: answer.name.clone(),
            given: (),
            verdict: Missing::Missing,
            detail: "no answer given".into(),
        });
    };
    GradedAnswerJson::Judged(feedback::json(v, reveal.then_some(answer)))
}

/// A Gradescope `results.json` object for one submission.
pub(crate) fn gradescope_json(graded: &Graded<'_>, reveal: bool) -> GradescopeJson {
    GradescopeJson {
        score: graded.score(),
        max_score: graded.max_score(),
        output: summary_line(graded),
        tests: graded
            .pairs()
            .map(|(answer, outcome)| test_json(&answer.name, answer, outcome, reveal))
            .collect(),
        extra_data: SubmissionExtraJson {
            student: graded.student.clone(),
            spec: graded.entry.label.clone(),
            line: submitted(graded),
        },
    }
}

/// `3.4 Simple network (simple_network): 3 of 4 answers right`.
pub(crate) fn summary_line(graded: &Graded<'_>) -> String {
    format!(
        "{} ({}): {} of {} answers right",
        graded.entry.solved.title,
        graded.entry.label,
        graded.score(),
        graded.max_score()
    )
}

/// One Gradescope test: an answer, worth one point.
pub(crate) fn test_json(name: &str, answer: &Answer, outcome: &Outcome, reveal: bool) -> TestJson {
    TestJson {
        name: name.to_string(),
        score: outcome.points(),
        max_score: 1,
        status: if outcome.points() == 1 {
            Status::Passed
        } else {
            Status::Failed
        },
        output: feedback(answer, outcome, reveal),
        visibility: "visible".into(),
    }
}

/// The verdict in words, as `runner --answer` prints it: mark and detail, how it was
/// read, the caret, hints, and with `reveal` the answer after a wrong one.
pub(crate) fn feedback(answer: &Answer, outcome: &Outcome, reveal: bool) -> String {
    let Outcome::Judged(v) = outcome else {
        return "missing: no answer given".into();
    };
    let mut text = format!("{} {}", feedback::mark(v.verdict), v.detail);
    for line in feedback::details(v) {
        text.push('\n');
        text.push_str(&line);
    }
    if reveal && v.verdict == Verdict::Wrong {
        text.push_str(&format!("\nthe answer is {}", feedback::revealed(answer)));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::inert;

    #[test]
    fn a_cell_a_spreadsheet_would_run_is_made_inert() {
        assert_eq!(
            inert("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        for text in ["+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(inert(text), format!("'{text}"));
        }
        assert_eq!(inert("s2601"), "s2601");
        assert_eq!(inert("a=b"), "a=b");
    }
}
