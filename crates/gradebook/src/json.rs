//! The gradebook's JSON as types: `runner grade --format json` ([`SubmissionJson`]),
//! `--format gradescope` ([`GradescopeJson`]) and the per-student Gradescope files of
//! `--results DIR` ([`StudentResultsJson`]), each published as a schema in
//! `docs/schemas/`. A verdict is nnhw-grade's [`VerdictJson`], as `--answer` writes it.

use std::fmt;

use nnhw_core::json::fmt_json;
use nnhw_grade::feedback::VerdictJson;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

/// One submission graded: `runner grade --format json`, one per line.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(title = "nnhw graded submission", deny_unknown_fields)]
pub struct SubmissionJson {
    /// nnhw-core's `FORMAT_VERSION`.
    pub format_version: u32,
    /// The student's id.
    pub student: String,
    /// The spec as the submissions name it (file name, stem or variant id).
    pub spec: String,
    /// The spec's path.
    pub file: String,
    /// The submission's line in the input; null for a problem the student did not submit.
    pub line: Option<usize>,
    /// Answers right.
    pub score: usize,
    /// Answers asked.
    pub max_score: usize,
    /// One per answer the spec's key asks, in its order.
    pub answers: Vec<GradedAnswerJson>,
    /// The variant id, for a variant spec.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
}

/// An answer of a graded submission: judged, or missing.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum GradedAnswerJson {
    /// Given and judged, as `--answer` judges it.
    Judged(VerdictJson),
    /// Not given.
    Missing(MissingJson),
}

/// An answer the submission does not give.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct MissingJson {
    /// The answer's name.
    pub name: String,
    /// Always null: nothing was given.
    pub given: (),
    /// Always `missing`.
    pub verdict: Missing,
    /// `no answer given`.
    pub detail: String,
}

/// The verdict word of an answer not given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub enum Missing {
    /// `missing`.
    #[serde(rename = "missing")]
    Missing,
}

/// One submission as a Gradescope `results.json` object: `runner grade --format
/// gradescope`, one per line.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(title = "nnhw Gradescope results of a submission", deny_unknown_fields)]
pub struct GradescopeJson {
    /// Answers right.
    pub score: usize,
    /// Answers asked.
    pub max_score: usize,
    /// `3.4 Simple network (simple_network): 3 of 4 answers right`.
    pub output: String,
    /// One per answer, worth one point.
    pub tests: Vec<TestJson>,
    /// Who and what, for staff.
    pub extra_data: SubmissionExtraJson,
}

/// A submission's `extra_data`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct SubmissionExtraJson {
    /// The student's id.
    pub student: String,
    /// The spec as the submissions name it.
    pub spec: String,
    /// The submission's line; null for a problem the student did not submit.
    pub line: Option<usize>,
}

/// One Gradescope test: an answer, worth one point. Fields in alphabetical order, as the
/// autograder's results.json had them before they were typed (README quotes it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct TestJson {
    /// 1.
    pub max_score: usize,
    /// The answer's name (`<spec>: <NAME>` in a student's merged file).
    pub name: String,
    /// The verdict in words, as `runner --answer` prints it.
    pub output: String,
    /// 1 when right, else 0.
    pub score: usize,
    /// Passed when right.
    pub status: Status,
    /// Gradescope's visibility.
    #[schemars(extend("enum" = ["visible", "hidden", "after_due_date", "after_published"]))]
    pub visibility: String,
}

/// A test's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The answer is right.
    Passed,
    /// It is wrong, unusable or missing.
    Failed,
}

/// A student's `results.json` under `runner grade --results DIR`: every spec they
/// submitted, merged.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(title = "nnhw Gradescope results of a student", deny_unknown_fields)]
pub struct StudentResultsJson<'a> {
    /// Answers right, over every spec.
    pub score: usize,
    /// Answers asked, over every spec.
    pub max_score: usize,
    /// `Graded: <spec> <score>/<max_score>, …`.
    pub output: String,
    /// The tests as they were spilled: [`TestJson`]s.
    #[schemars(with = "Vec<TestJson>")]
    pub tests: Vec<&'a RawValue>,
    /// Who.
    pub extra_data: StudentExtraJson,
}

/// A student's `extra_data`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct StudentExtraJson {
    /// The student's id.
    pub student: String,
}

impl fmt::Display for SubmissionJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt_json(self, f)
    }
}

impl fmt::Display for GradescopeJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt_json(self, f)
    }
}
