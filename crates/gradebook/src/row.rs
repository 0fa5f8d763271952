//! One submission as read from either format, before it is judged: what CSV and JSON
//! Lines rows both become, and the few rules both readers share.

use std::sync::Arc;

use crate::Shard;
use crate::lines::LIMIT;

/// One submission: a student's answers to one spec.
#[derive(Debug, Clone, Default)]
pub(crate) struct Row {
    /// The line it starts on.
    pub line: usize,
    /// The student id, trimmed.
    pub student: String,
    /// The `spec` cell, trimmed.
    pub spec: String,
    /// The answers given (non-empty), by name, in input order.
    pub answers: Vec<(Arc<str>, String)>,
    /// What is wrong with the row.
    pub problems: Vec<String>,
    /// False when the row cannot be graded at all (no student, no spec, unreadable).
    pub gradable: bool,
}

impl Row {
    pub(crate) fn broken(line: usize, problem: String) -> Row {
        Row {
            line,
            problems: vec![problem],
            ..Row::default()
        }
    }
}

/// What one record or line turned out to be.
pub(crate) enum Item {
    /// A blank line, or a row of empty cells: not a submission.
    Blank,
    /// Another shard's row.
    Elsewhere,
    /// This shard's row.
    Row(Row),
}

/// Whether a row of `student` is this shard's (a row without a student is shard 0's).
pub(crate) fn ours(shard: Option<Shard>, student: &str) -> bool {
    match shard {
        None => true,
        Some(s) if student.is_empty() => s.index == 0,
        Some(s) => s.holds(student),
    }
}

/// A row for a line over the length limit, which is not read.
pub(crate) fn too_long(line: usize, length: usize) -> Row {
    Row::broken(
        line,
        format!(
            "this line is {length} bytes, over the {} MB a line may have; not read",
            LIMIT >> 20
        ),
    )
}
