//! A verdict as a student reads it, the same wherever it is shown (`--answer`, a
//! gradebook's JSON, Gradescope's `output`): a mark, the detail, how the answer was read,
//! a caret under what could not be read, hints; the answer itself only when revealed.

use nnhw_core::render::value_text;
use nnhw_core::{Answer, Value};

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

/// A verdict as an item of `--answer`'s JSON (`name`, `given`, `verdict`, `detail` with
/// the caret, `read_as`, `hints`); `revealed` is the answer, shown after a wrong verdict
/// only when staff or the student asked for it.
pub fn json(judged: &Judged, revealed: Option<&Answer>) -> serde_json::Value {
    let mut detail = judged.detail.clone();
    if let Some(caret) = &judged.caret {
        detail.push('\n');
        detail.push_str(caret);
    }
    let mut item = serde_json::json!({
        "name": judged.name,
        "given": judged.given,
        "verdict": judged.verdict.word(),
        "detail": detail,
    });
    if let Some(read_as) = &judged.read_as {
        item["read_as"] = serde_json::json!(read_as);
    }
    if !judged.hints.is_empty() {
        item["hints"] = serde_json::json!(judged.hints);
    }
    if judged.verdict == Verdict::Wrong
        && let Some(answer) = revealed
    {
        item["answer"] = nnhw_core::render::value_json(&answer.value);
    }
    item
}
