//! Every spec grades submissions generated from its own answers, as PrairieLearn's element
//! tests do: each answer written in two other notations must be right, just outside the
//! tolerance (or perturbed, or another option) wrong, each known wrong answer wrong with
//! its hint, and garbled text unusable.

// Test helpers may unwrap: a failure here is a failed test, not a user-facing panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use nnhw_core::{Answer, Tolerance, Value};
use nnhw_grade::{Verdict, judge};

fn specs(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            specs(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

/// A number as typed: full precision, or scientific with a Unicode minus.
fn number(x: f64, style: usize) -> String {
    match (x.is_infinite(), style) {
        (true, 0) => if x > 0.0 { "inf" } else { "-inf" }.into(),
        (true, _) => if x > 0.0 { "∞" } else { "-∞" }.into(),
        (false, 0) => format!("{x:?}"),
        (false, _) => format!("{x:e}").replace('-', "−"),
    }
}

/// A value typed in one of two notations other than the report's.
fn typed(value: &Value, style: usize) -> String {
    let join =
        |items: Vec<String>, open: &str, close: &str| format!("{open}{}{close}", items.join(", "));
    match value {
        Value::Number(x) => number(*x, style),
        Value::Count(n) => number(*n as f64, style),
        Value::List(items) => {
            let items = items.iter().map(|v| typed(v, style)).collect();
            if style == 0 {
                join(items, "[", "]")
            } else {
                join(items, "(", ")")
            }
        }
        Value::Set(items) => {
            let mut items: Vec<String> = items.iter().map(|v| typed(v, style)).collect();
            if style == 0 {
                items.reverse();
                join(items, "[", "]")
            } else {
                join(items, "{", "}")
            }
        }
        Value::Choice(choice) => {
            let option = choice.option();
            match style {
                0 => option.name.to_uppercase(),
                _ if option.text != option.name => option.text.clone(),
                _ => option
                    .synonyms
                    .first()
                    .cloned()
                    .unwrap_or(option.name.clone()),
            }
        }
        Value::Bool(b) => match (style, b) {
            (0, true) => "yes".into(),
            (0, false) => "no".into(),
            (_, b) => if *b { "True" } else { "False" }.into(),
        },
        Value::Formula(f) => match (&f.lhs, style) {
            (Some(lhs), 0) => format!("{lhs} = {}", f.ascii),
            _ if !f.unicode.is_empty() => f.unicode.clone(),
            _ => f.ascii.clone(),
        },
        Value::Lines(lines) => {
            let mut items: Vec<String> = lines
                .iter()
                .map(|l| match style {
                    0 => format!(
                        "{}*x1 + {}*x2 + {} = 0",
                        number(-2.0 * l.a, 0),
                        number(-2.0 * l.b, 0),
                        number(-2.0 * l.c, 0)
                    ),
                    _ => l.text.clone(),
                })
                .collect();
            items.reverse();
            join(items, "[", "]")
        }
        Value::Polygon(p) => {
            let mut corners = p.corners.clone();
            if style == 0 && p.closed && !corners.is_empty() {
                corners.rotate_left(1);
            } else {
                corners.reverse();
            }
            let items = corners
                .iter()
                .map(|c| format!("({}, {})", number(c[0], style), number(c[1], style)))
                .collect();
            join(items, "[", "]")
        }
        Value::Text(t) => t.clone(),
    }
}

/// The value just outside the tolerance, or otherwise not the answer; `None` when the
/// value has nothing to change (an empty list).
fn wrong(value: &Value, tolerance: &Tolerance) -> Option<String> {
    Some(match value {
        Value::Number(x) if x.is_infinite() => "4".into(),
        Value::Number(x) => number(x + 1.5 * tolerance.allowed(*x), 0),
        Value::Count(n) => wrong(&Value::Number(*n as f64), tolerance)?,
        Value::List(items) => {
            let first = wrong(items.first()?, tolerance)?;
            let rest = items[1..].iter().map(|v| typed(v, 0));
            format!(
                "[{}]",
                std::iter::once(first)
                    .chain(rest)
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
        Value::Set(items) if items.is_empty() => return None,
        Value::Set(items) => format!(
            "[{}]",
            items[1..]
                .iter()
                .map(|v| typed(v, 0))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Choice(choice) => choice
            .options
            .iter()
            .enumerate()
            .find(|(i, _)| *i != choice.chosen)?
            .1
            .name
            .clone(),
        Value::Bool(b) => (!b).to_string(),
        Value::Formula(f) => format!("({})*(1 + 1e-9)", f.ascii),
        Value::Lines(lines) => {
            let first = lines.first()?;
            let moved = format!(
                "{}*x1 + {}*x2 + {} = 0",
                number(first.a, 0),
                number(first.b, 0),
                number(first.c + 1.0, 0)
            );
            let rest = lines[1..].iter().map(|l| l.text.clone());
            format!(
                "[{}]",
                std::iter::once(moved)
                    .chain(rest)
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
        Value::Polygon(p) => {
            let mut corners = p.corners.clone();
            corners.first_mut()?[0] += 1.0;
            let items: Vec<String> = corners
                .iter()
                .map(|c| format!("[{}, {}]", number(c[0], 0), number(c[1], 0)))
                .collect();
            format!("[{}]", items.join(", "))
        }
        Value::Text(_) => return None,
    })
}

/// What a wrong answer's feedback shows of the key, if anything: the answer as the report
/// prints it, a number's leading digits, the right option, a formula's ASCII form.
fn leak(answer: &Answer, typed: &str, tolerance: &Tolerance) -> Option<String> {
    let judged = judge(answer, typed, tolerance);
    // What the student typed is theirs to see; anything else of the key is a leak.
    let own = format!("{typed} {}", judged.read_as.unwrap_or_default());
    let shown = format!("{} {}", judged.detail, judged.hints.join(" "));
    let mut secrets = vec![nnhw_core::render::value_text(&answer.value)];
    match &answer.value {
        Value::Number(x) if x.is_finite() && *x != 0.0 => {
            secrets.push(format!("{:.4e}", x).split('e').next()?.to_string())
        }
        Value::Choice(c) => secrets.push(c.option().name.clone()),
        Value::Formula(f) => secrets.push(f.ascii.clone()),
        _ => {}
    }
    secrets
        .into_iter()
        .find(|s| s.len() > 2 && shown.contains(s.as_str()) && !own.contains(s.as_str()))
}

fn expect(
    answer: &Answer,
    typed: &str,
    tolerance: &Tolerance,
    want: Verdict,
    file: &str,
    failures: &mut Vec<String>,
) {
    let judged = judge(answer, typed, tolerance);
    if judged.verdict != want {
        failures.push(format!(
            "{file}: {}={typed}: want {}, got {}: {}",
            answer.name,
            want.word(),
            judged.verdict.word(),
            judged.detail
        ));
    }
}

#[test]
fn every_spec_grades_its_own_submissions() {
    let mut files = Vec::new();
    specs(&nnhw_tests::problems_dir(), &mut files);
    files.sort();
    assert!(files.len() >= 20);
    let (mut submissions, mut failures) = (0, Vec::new());
    for path in &files {
        let file = nnhw_tests::display_name(path);
        let solved = nnhw_grade::solve_file(path, &file, false).unwrap_or_else(|e| panic!("{e}"));
        let tolerance = solved.tolerance;
        for answer in &solved.report.answers {
            for style in 0..2 {
                expect(
                    answer,
                    &typed(&answer.value, style),
                    &tolerance,
                    Verdict::Right,
                    &file,
                    &mut failures,
                );
            }
            if let Some(w) = wrong(&answer.value, &tolerance) {
                expect(answer, &w, &tolerance, Verdict::Wrong, &file, &mut failures);
                if let Some(leak) = leak(answer, &w, &tolerance) {
                    failures.push(format!(
                        "{file}: {}={w}: a wrong answer shows the key: {leak}",
                        answer.name
                    ));
                }
                submissions += 1;
            }
            for hint in &answer.hints {
                let text = typed(&hint.when, 0);
                let judged = judge(answer, &text, &tolerance);
                if judged.verdict != Verdict::Wrong || !judged.hints.contains(&hint.say) {
                    failures.push(format!(
                        "{file}: {}={text}: want wrong with the hint `{}`, got {}: {} {:?}",
                        answer.name,
                        hint.say,
                        judged.verdict.word(),
                        judged.detail,
                        judged.hints
                    ));
                }
                submissions += 1;
            }
            for garbled in ["[(", "3 +", "#?", "", "[1,,2]"] {
                expect(
                    answer,
                    garbled,
                    &tolerance,
                    Verdict::Unusable,
                    &file,
                    &mut failures,
                );
            }
            submissions += 7;
        }
    }
    assert!(submissions > 200, "only {submissions} submissions");
    assert!(
        failures.is_empty(),
        "{} of {submissions} submissions got the wrong verdict:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
