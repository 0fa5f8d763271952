//! `--answer NAME=VALUE`: the exit status a student's answers give, once nnhw-grade has
//! judged them (`judge_arguments`). nnhw-grade's `feedback` prints them, as text or
//! as the JSON verdict of DESIGN.md (the Python package prints them the same way).

use nnhw_grade::{Judged, Verdict};

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
