//! `--answer NAME=VALUE`: a student's answers judged against the solved spec, without
//! showing the reference unless `--reveal` asks for it.

use nnhw_core::check::{Given, Unusable, compare, describe_for_student};
use nnhw_core::render::value_text;
use nnhw_core::{Answer, Solved};
use serde_json::json;

/// One `--answer`, judged.
pub struct Verdict {
    /// The answer's name.
    pub name: String,
    /// What the student typed.
    pub given: String,
    /// What came of it.
    pub outcome: Outcome,
}

/// Right, wrong, or not usable at all.
pub enum Outcome {
    /// Matches; the reference's exact form, if any, is shown.
    Right { detail: String },
    /// Wrong, with what differs and by how much.
    Wrong { details: Vec<String> },
    /// Bad input: the name is unknown or the value cannot be read.
    Unusable { message: String },
}

impl Verdict {
    /// 0 right, 1 wrong, 2 unusable.
    pub fn status(&self) -> u8 {
        match self.outcome {
            Outcome::Right { .. } => crate::OK,
            Outcome::Wrong { .. } => crate::MISMATCH,
            Outcome::Unusable { .. } => crate::BAD_INPUT,
        }
    }
}

/// Judges `NAME=VALUE` against `solved`.
pub fn judge(solved: &Solved, argument: &str) -> Verdict {
    let (name, given) = match argument.split_once('=') {
        Some((name, given)) => (name.trim().to_string(), given.trim().to_string()),
        None => {
            return Verdict {
                name: argument.to_string(),
                given: String::new(),
                outcome: Outcome::Unusable {
                    message: "write it as NAME=VALUE, e.g. --answer 'o=[0.5, 0.5]'".into(),
                },
            };
        }
    };
    let Some(answer) = solved.report.answers.iter().find(|a| a.name == name) else {
        let names: Vec<&str> = solved
            .report
            .answers
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        return Verdict {
            name: name.clone(),
            given,
            outcome: Outcome::Unusable {
                message: format!(
                    "{} has no answer named `{name}`; its answers are {}",
                    solved.kind,
                    names.join(", ")
                ),
            },
        };
    };
    let parsed = match Given::parse(&given) {
        Ok(parsed) => parsed,
        Err(error) => {
            return Verdict {
                name,
                outcome: Outcome::Unusable {
                    message: format!("cannot read this answer\n{}", indent(&error.caret(&given))),
                },
                given,
            };
        }
    };
    let outcome = match compare(&answer.value, &parsed, &solved.tolerance) {
        Ok(mismatches) if mismatches.is_empty() => Outcome::Right {
            detail: right(answer, solved),
        },
        Ok(mismatches) => Outcome::Wrong {
            details: mismatches
                .iter()
                .map(|m| describe_for_student(&name, m, &solved.tolerance))
                .collect(),
        },
        Err(Unusable::Shape { at, message }) => Outcome::Unusable {
            message: format!("{}{message}", part(&name, &at)),
        },
        Err(Unusable::Parse { at, text, error }) => Outcome::Unusable {
            message: format!(
                "{}cannot read this expression\n{}",
                part(&name, &at),
                indent(&error.caret(&text))
            ),
        },
    };
    Verdict {
        name,
        given,
        outcome,
    }
}

/// `o[1]: ` for a part of a list; nothing for the whole answer, already named on the line.
fn part(name: &str, at: &str) -> String {
    if at.is_empty() {
        String::new()
    } else {
        format!("{name}{at}: ")
    }
}

fn right(answer: &Answer, solved: &Solved) -> String {
    let tolerance = if nnhw_core::check::has_number(&answer.value) {
        format!(" ({})", solved.tolerance.describe())
    } else {
        String::new()
    };
    match &answer.exact {
        Some(exact) => format!("right{tolerance}; exactly {exact}"),
        None => format!("right{tolerance}"),
    }
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The verdicts as text, with the reference after a wrong answer when `reveal`.
pub fn text(solved: &Solved, verdicts: &[Verdict], reveal: bool) -> String {
    let mut out = format!("{}  ({} · {})\n", solved.title, solved.kind, solved.file);
    for v in verdicts {
        match &v.outcome {
            Outcome::Right { detail } => out.push_str(&format!("  {}: ✓ {detail}\n", v.name)),
            Outcome::Wrong { details } => {
                out.push_str(&format!("  {}: ✗ {}\n", v.name, details.join("; ")));
                if reveal && let Some(answer) = find(solved, &v.name) {
                    out.push_str(&format!("     the answer is {}", value_text(&answer.value)));
                    if let Some(exact) = &answer.exact {
                        out.push_str(&format!(" = {exact}"));
                    }
                    if let nnhw_core::Value::Formula { ascii, .. } = &answer.value {
                        out.push_str(&format!(", typed {ascii}"));
                    }
                    out.push('\n');
                }
            }
            Outcome::Unusable { message } => out.push_str(&format!("  {}: ⚠ {message}\n", v.name)),
        }
    }
    out
}

/// The verdicts as one JSON object.
pub fn json(solved: &Solved, verdicts: &[Verdict], reveal: bool) -> serde_json::Value {
    let items: Vec<serde_json::Value> = verdicts
        .iter()
        .map(|v| {
            let (verdict, detail) = match &v.outcome {
                Outcome::Right { detail } => ("right", detail.clone()),
                Outcome::Wrong { details } => ("wrong", details.join("; ")),
                Outcome::Unusable { message } => ("unusable", message.clone()),
            };
            let mut item =
                json!({ "name": v.name, "given": v.given, "verdict": verdict, "detail": detail });
            if reveal
                && verdict == "wrong"
                && let Some(answer) = find(solved, &v.name)
            {
                item["answer"] = nnhw_core::render::value_json(&answer.value);
            }
            item
        })
        .collect();
    json!({ "file": solved.file, "kind": solved.kind, "title": solved.title, "verdicts": items })
}

fn find<'s>(solved: &'s Solved, name: &str) -> Option<&'s Answer> {
    solved.report.answers.iter().find(|a| a.name == name)
}
