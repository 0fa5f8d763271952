//! `--answer NAME=VALUE`: a student's answers judged by nnhw-grade against the solved
//! spec, and the exit status they give. nnhw-grade's `feedback` prints them, as text or
//! as the JSON verdict of DESIGN.md (the Python package prints them the same way).

use nnhw_core::Solved;
use nnhw_grade::{Judged, Verdict, judge_argument_posed};

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
