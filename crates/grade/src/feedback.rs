//! A verdict as a student reads it, the same wherever it is shown (`--answer`, a
//! gradebook's JSON, Gradescope's `output`): a mark, the detail, how the answer was read,
//! a caret under what could not be read, hints; the answer itself only when revealed.
//! Its JSON is typed here ([`VerdictsJson`]), published as `docs/schemas/verdicts.schema.json`.

use std::fmt;

use nnhw_core::json::{FORMAT_VERSION, JsonValue, fmt_json};
use nnhw_core::render::{value_json, value_text};
use nnhw_core::{Answer, Solved, Value};
use schemars::JsonSchema;
use serde::Serialize;

use crate::error::clip;
use crate::judge::{Judged, Verdict};

/// ✓, ✗ or ⚠.
pub fn mark(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Right => "✓",
        Verdict::Wrong => "✗",
        Verdict::Unusable => "⚠",
    }
}

/// The lines under the verdict's: `read as: …`, the caret (indented two spaces), and
/// `hint: …` lines.
pub fn details(judged: &Judged) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(read_as) = &judged.read_as {
        lines.push(format!("read as: {}", clip(read_as, 200)));
    }
    if let Some(caret) = &judged.caret {
        lines.extend(caret.lines().map(|line| format!("  {line}")));
    }
    lines.extend(judged.hints.iter().map(|hint| format!("hint: {hint}")));
    lines
}

/// The answer in words, for `--reveal`: its value, exact form, and how to type a formula.
pub fn revealed(answer: &Answer) -> String {
    let mut text = value_text(&answer.value);
    if let Some(exact) = &answer.exact {
        text.push_str(&format!(" = {exact}"));
    }
    if let Value::Formula(f) = &answer.value {
        text.push_str(&format!(", typed {}", f.ascii));
    }
    text
}

/// `runner --answer … --format json`: a student's verdicts on one spec (DESIGN.md's
/// `--answer` JSON).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(title = "nnhw verdicts", deny_unknown_fields)]
pub struct VerdictsJson {
    /// nnhw-core's [`FORMAT_VERSION`].
    pub format_version: u32,
    /// The spec's path as the user named it.
    pub file: String,
    /// The spec's kind.
    pub kind: String,
    /// The spec's title.
    pub title: String,
    /// One per answer given, in the order given.
    pub verdicts: Vec<VerdictJson>,
}

/// One answer judged, as `--answer`'s JSON and a gradebook's JSON show it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct VerdictJson {
    /// The answer's name, as given.
    pub name: String,
    /// What was typed.
    pub given: String,
    /// Right, wrong or unusable.
    pub verdict: Verdict,
    /// Why, in words; after a line break, a caret under what could not be read.
    pub detail: String,
    /// How the answer was read, when it could be.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read_as: Option<String>,
    /// Known mistakes the answer looks like, and what to do.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hints: Vec<String>,
    /// The right answer, after a wrong verdict, only when revealed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer: Option<JsonValue>,
}

impl fmt::Display for VerdictsJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt_json(self, f)
    }
}

/// A verdict as an item of `--answer`'s JSON; `revealed` is the answer, shown after a
/// wrong verdict only when staff or the student asked for it.
pub fn json(judged: &Judged, revealed: Option<&Answer>) -> VerdictJson {
    let mut detail = judged.detail.clone();
    if let Some(caret) = &judged.caret {
        detail.push('\n');
        detail.push_str(caret);
    }
    VerdictJson {
        name: judged.name.clone(),
        given: judged.given.clone(),
        verdict: judged.verdict,
        detail,
        read_as: judged.read_as.clone(),
        hints: judged.hints.clone(),
        answer: revealed
            .filter(|_| judged.verdict == Verdict::Wrong)
            .map(|answer| value_json(&answer.value)),
    }
}

/// A student's verdicts on one spec as text: the spec's heading, then a line each with
/// how it was read and hints, and with `reveal` the answer after a wrong one.
pub fn text(solved: &Solved, verdicts: &[Judged], reveal: bool) -> String {
    let mut out = format!("{}\n", nnhw_core::render::heading(solved));
    for v in verdicts {
        out.push_str(&format!("  {}: {} {}\n", v.name, mark(v.verdict), v.detail));
        let pad = " ".repeat(v.name.chars().count() + 4);
        for line in details(v) {
            out.push_str(&format!("{pad}{line}\n"));
        }
        if reveal
            && v.verdict == Verdict::Wrong
            && let Some(answer) = solved.report.named(&v.name)
        {
            out.push_str(&format!("{pad}the answer is {}\n", revealed(answer)));
        }
    }
    out
}

/// A student's verdicts on one spec as one JSON object, the answer in a wrong verdict
/// only with `reveal`.
pub fn verdicts_json(solved: &Solved, verdicts: &[Judged], reveal: bool) -> VerdictsJson {
    VerdictsJson {
        format_version: FORMAT_VERSION,
        file: solved.file.clone(),
        kind: solved.kind.to_string(),
        title: solved.title.clone(),
        verdicts: verdicts
            .iter()
            .map(|v| json(v, solved.report.named(&v.name).filter(|_| reveal)))
            .collect(),
    }
}
