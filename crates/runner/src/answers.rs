//! `--answer NAME=VALUE`: a student's answers judged by nnhw-grade against the solved
//! spec, printed as text or as the JSON verdict of DESIGN.md. The right answer is shown
//! only after a wrong one and only with `--reveal`.

use nnhw_core::Solved;
use nnhw_grade::{Judged, Verdict, feedback, judge_argument_posed};
use serde_json::json;

/// Judges every `NAME=VALUE` against `solved`.
pub fn judge(solved: &Solved, arguments: &[String]) -> Vec<Judged> {
    arguments
        .iter()
        .map(|a| {
            judge_argument_posed(
                &solved.report.answers,
                &solved.statement,
                a,
                &solved.tolerance,
            )
        })
        .collect()
}

/// 0 when every answer is right, 1 when one is wrong, 2 when one cannot be read.
pub fn status(verdicts: &[Judged]) -> u8 {
    verdicts
        .iter()
        .map(|v| match v.verdict {
            Verdict::Right => crate::OK,
            Verdict::Wrong => crate::MISMATCH,
            Verdict::Unusable => crate::BAD_INPUT,
        })
        .max()
        .unwrap_or(crate::OK)
}

/// The verdicts as text: a line each, how it was read, hints, and with `reveal` the
/// answer after a wrong one.
pub fn text(solved: &Solved, verdicts: &[Judged], reveal: bool) -> String {
    let mut out = format!("{}\n", nnhw_core::render::heading(solved));
    for v in verdicts {
        out.push_str(&format!(
            "  {}: {} {}\n",
            v.name,
            feedback::mark(v.verdict),
            v.detail
        ));
        let pad = " ".repeat(v.name.chars().count() + 4);
        for line in feedback::details(v) {
            out.push_str(&format!("{pad}{line}\n"));
        }
        if reveal
            && v.verdict == Verdict::Wrong
            && let Some(answer) = solved.report.named(&v.name)
        {
            out.push_str(&format!(
                "{pad}the answer is {}\n",
                feedback::revealed(answer)
            ));
        }
    }
    out
}

/// The verdicts as one JSON object (DESIGN.md's `--answer` JSON).
pub fn json(solved: &Solved, verdicts: &[Judged], reveal: bool) -> serde_json::Value {
    let items: Vec<serde_json::Value> = verdicts
        .iter()
        .map(|v| {
            let revealed = if reveal {
                solved.report.named(&v.name)
            } else {
                None
            };
            feedback::json(v, revealed)
        })
        .collect();
    json!({
        "format_version": 1,
        "file": solved.file,
        "kind": solved.kind,
        "title": solved.title,
        "verdicts": items,
    })
}
