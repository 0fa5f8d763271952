//! The report as data: what the page draws and the JSON holds.

use schemars::JsonSchema;
use serde::Serialize;

/// The class report: per problem and per answer, what the class got right and wrong.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(title = "nnhw class report")]
pub struct ClassReport {
    /// nnhw-core's `FORMAT_VERSION`.
    pub format_version: u32,
    /// Rows read (in this shard and others).
    pub rows: u64,
    /// Rows graded.
    pub graded: u64,
    /// Rows reported on the error stream (many of them graded as well).
    pub reported: u64,
    /// Rows not graded because the student had already submitted the problem.
    pub repeated: u64,
    /// Rows added for problems asked of a student and not submitted (every answer
    /// missing, scored 0); they are in the counts.
    pub unanswered: u64,
    /// One per original problem, in the order the specs came.
    pub problems: Vec<ProblemReport>,
    /// Students with no submission, sorted.
    pub absent: Vec<String>,
    /// Absent students past the [`LISTED`] listed.
    pub absent_not_listed: u64,
    /// Later submissions of a spec by the same student, which did not count.
    pub duplicates: Vec<Duplicate>,
    /// Duplicates past the [`LISTED`] listed.
    pub duplicates_not_listed: u64,
}

/// One original problem: every variant of one spec together.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ProblemReport {
    /// The original's stem (`simple_network`), or the spec's label.
    pub problem: String,
    /// The title.
    pub title: String,
    /// The kind.
    pub kind: String,
    /// How many specs (variants) it has in the book.
    pub specs: u64,
    /// Submissions graded.
    pub submissions: u64,
    /// The most answers a submission can have right.
    pub max_score: u64,
    /// `scores[s]`: how many submissions had `s` answers right.
    pub scores: Vec<u64>,
    /// The mean score, when there were submissions.
    pub mean_score: Option<f64>,
    /// The params whose values differ between its specs (the drawn ones).
    pub drawn: Vec<String>,
    /// One per graded answer.
    pub answers: Vec<AnswerReport>,
}

/// One answer of a problem.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct AnswerReport {
    /// The answer's name.
    pub name: String,
    /// Submissions with it right.
    pub right: u64,
    /// With it wrong.
    pub wrong: u64,
    /// With it not readable as this answer.
    pub unusable: u64,
    /// Without it.
    pub missing: u64,
    /// Each hint the grader gave for a known wrong answer, with how many got it, most
    /// first.
    pub known_mistakes: Vec<Count>,
    /// The most common wrong answers, as the grader read them, most first.
    pub wrong_answers: Vec<Count>,
    /// Wrong answers other than those.
    pub other_wrong_answers: u64,
    /// Distinct wrong answers (at most [`DISTINCT`] are told apart).
    pub distinct_wrong_answers: u64,
    /// The most common reasons an answer could not be read, most first.
    pub unusable_reasons: Vec<Count>,
    /// Unusable answers for other reasons.
    pub other_unusable: u64,
    /// For variants, each drawn param among those who got this right and wrong, the
    /// params whose wrong rate varies most first.
    pub params: Vec<ParamReport>,
}

/// A text and how many times it came.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Count {
    /// The text.
    pub text: String,
    /// How many.
    pub count: u64,
}

/// A drawn param against one answer's verdicts.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ParamReport {
    /// Its path in `[params]` (`w2`, `x[3]`, `weights.f_h`).
    pub param: String,
    /// Its numbers among those who got the answer right.
    pub right: Stats,
    /// Among those who got it wrong.
    pub wrong: Stats,
    /// Right and wrong answers per range or value of it.
    pub buckets: Vec<BucketReport>,
    /// The highest wrong rate of a bucket less the lowest, over buckets with at least
    /// [`MIN_BUCKET`] right or wrong answers; `None` with fewer than two such buckets.
    pub spread: Option<f64>,
    /// How likely buckets this different would be if the param had nothing to do with
    /// getting the answer wrong: Pearson's χ² test of independence on the buckets' right
    /// and wrong counts. `None` when there is nothing to test (one bucket, or no right or
    /// no wrong answer). Rough for small counts; a screen, not a proof.
    pub p_value: Option<f64>,
}

/// Count, mean and range of some numbers.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Stats {
    /// How many.
    pub count: u64,
    /// Their mean.
    pub mean: Option<f64>,
    /// The least.
    pub min: Option<f64>,
    /// The greatest.
    pub max: Option<f64>,
}

/// One range or value of a drawn param, with the answers of those whose param fell in it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct BucketReport {
    /// `w2 < 0`, `0 ≤ w2 < 2.4`, `t = 1`, `no x[7]`.
    pub label: String,
    /// Its lower end (inclusive), for a range.
    pub low: Option<f64>,
    /// Its upper end (exclusive), for a range.
    pub high: Option<f64>,
    /// Its one value, for a value.
    pub value: Option<String>,
    /// Answers right.
    pub right: u64,
    /// Answers wrong.
    pub wrong: u64,
}

/// A later submission of a spec by a student, which did not count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Duplicate {
    /// The student.
    pub student: String,
    /// The spec.
    pub spec: String,
    /// The line it starts on.
    pub line: u64,
}
