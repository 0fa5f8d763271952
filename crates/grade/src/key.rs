//! A spec's `[expected]` key against the solver's answer, by the same rules as a
//! student's answer. A key that cannot be read as its answer is bad input in the spec.

use nnhw_core::{Answer, Check, FieldError, Judge, Tolerance};

use crate::compare::compare;
use crate::given::Given;
use crate::judge::{for_author, has_numbers};

/// The judge of `[expected]` keys, handed to core's pipeline.
pub struct KeyJudge;

impl Judge for KeyJudge {
    fn check_key(
        &self,
        answer: &Answer,
        key: &toml::Value,
        tolerance: &Tolerance,
    ) -> Result<Check, FieldError> {
        let given = Given::from_toml(key).ok_or_else(|| {
            FieldError::new(
                "",
                format!(
                    "the key is {} {key}, which no answer can be",
                    key.type_str()
                ),
            )
        })?;
        let compared = compare(&answer.value, &given, tolerance).map_err(|u| {
            let message = match &u.caret {
                Some((text, error)) => format!(
                    "cannot read `{}` at character {}: {}",
                    crate::error::clip(text, 80),
                    error.position + 1,
                    error.message
                ),
                None => u.message.clone(),
            };
            FieldError::new(u.at, message)
        })?;
        Ok(if compared.misses.is_empty() {
            Check {
                passed: true,
                detail: if has_numbers(&answer.value) {
                    format!("matches the key ({})", tolerance.describe())
                } else {
                    "matches the key".to_string()
                },
            }
        } else {
            let lines: Vec<String> = compared
                .misses
                .iter()
                .take(3)
                .map(|m| for_author(&answer.name, m, tolerance))
                .collect();
            let more = compared.misses.len().saturating_sub(3);
            let mut detail = lines.join("; ");
            if more > 0 {
                detail.push_str(&format!("; and {more} more"));
            }
            Check {
                passed: false,
                detail,
            }
        })
    }
}

/// Solves the spec at `path` and checks its key: core's pipeline with this crate's judge.
pub fn solve_file(
    path: &std::path::Path,
    file: &str,
    figures: impl Into<nnhw_core::Figures>,
) -> Result<nnhw_core::Solved, nnhw_core::SpecError> {
    nnhw_core::solve_file(path, file, figures, &KeyJudge)
}

/// Solves a spec given as text and checks its key.
pub fn solve_text(
    file: &str,
    text: &str,
    figures: impl Into<nnhw_core::Figures>,
) -> Result<nnhw_core::Solved, nnhw_core::SpecError> {
    nnhw_core::solve_text(file, text, figures, &KeyJudge)
}
