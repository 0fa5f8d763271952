//! A row judged against its spec: every graded answer through nnhw-grade's `judge`, the
//! same call `runner --answer` makes; an answer not given is missing. No rule of its own.

use nnhw_core::Answer;
use nnhw_grade::clip;
use nnhw_grade::{Judged, Verdict, judge_posed};
use rayon::prelude::*;

use crate::Book;
use crate::book::Entry;
use crate::row::Row;

/// A problem asked of `student` and not submitted: every answer missing.
pub(crate) fn unanswered(book: &Book, student: String, index: usize) -> Graded<'_> {
    let entry = book.entry(index);
    Graded {
        line: 0,
        student,
        entry,
        index,
        outcomes: vec![Outcome::Missing; entry.graded.len()],
    }
}

/// One graded answer's outcome.
#[derive(Debug, Clone)]
pub(crate) enum Outcome {
    /// Given and judged.
    Judged(Judged),
    /// Not given (an empty cell, an absent or null JSON answer).
    Missing,
}

impl Outcome {
    /// `right`, `wrong`, `unusable` or `missing`.
    pub(crate) fn word(&self) -> &'static str {
        match self {
            Outcome::Judged(j) => j.verdict.word(),
            Outcome::Missing => "missing",
        }
    }

    /// One point when right.
    pub(crate) fn points(&self) -> usize {
        usize::from(matches!(self, Outcome::Judged(j) if j.verdict == Verdict::Right))
    }
}

/// A row judged.
#[derive(Debug)]
pub(crate) struct Graded<'b> {
    /// The line it starts on; 0 for a problem not submitted.
    pub line: usize,
    /// The student.
    pub student: String,
    /// The spec it was graded against, and its index in the book.
    pub entry: &'b Entry,
    pub index: usize,
    /// One per graded answer of the spec, in its order.
    pub outcomes: Vec<Outcome>,
}

impl Graded<'_> {
    /// Answers right.
    pub(crate) fn score(&self) -> usize {
        self.outcomes.iter().map(Outcome::points).sum()
    }

    /// Answers graded.
    pub(crate) fn max_score(&self) -> usize {
        self.outcomes.len()
    }

    /// Each graded answer with its outcome.
    pub(crate) fn pairs(&self) -> impl Iterator<Item = (&Answer, &Outcome)> {
        let answers = &self.entry.solved.report.answers;
        self.entry
            .graded
            .iter()
            .map(move |&a| &answers[a])
            .zip(&self.outcomes)
    }
}

/// A row's output, if it was graded, and its line on the error stream, if any.
pub(crate) struct Processed<T> {
    /// The row's student, empty when it names none.
    pub student: String,
    pub output: Option<T>,
    pub problems: Option<String>,
}

/// Judges a chunk of rows in parallel and renders each graded one with `render`, keeping
/// the input order.
pub(crate) fn process<T: Send>(
    book: &Book,
    rows: Vec<Row>,
    source: &str,
    render: impl Fn(&Graded<'_>) -> T + Sync,
) -> Vec<Processed<T>> {
    rows.into_par_iter()
        .map(|row| {
            let line = row.line;
            let student = row.student.clone();
            let (graded, problems) = grade_row(book, row);
            Processed {
                student,
                output: graded.as_ref().map(&render),
                problems: (!problems.is_empty())
                    .then(|| format!("{source}:{line}: {}", problems.join("; "))),
            }
        })
        .collect()
}

/// A row judged, as far as it can be, and what is wrong with it.
pub(crate) fn grade_row(book: &Book, row: Row) -> (Option<Graded<'_>>, Vec<String>) {
    let mut problems = row.problems;
    if !row.gradable {
        return (None, problems);
    }
    let (index, entry) = match book.find(&row.spec, &row.student) {
        Ok(i) => (i, book.entry(i)),
        Err(e) => {
            problems.push(e);
            return (None, problems);
        }
    };
    let answers = &entry.solved.report.answers;
    let mut typed: Vec<Option<String>> = vec![None; entry.graded.len()];
    for (name, value) in row.answers {
        let at = answer_named(answers, &name);
        match at.map(|a| (a, entry.graded.iter().position(|&g| g == a))) {
            Some((a, Some(g))) => {
                if typed[g].replace(value).is_some() {
                    problems.push(format!(
                        "`{}` answers `{}` again; the later value counts",
                        clip(&name, 40),
                        clip(&answers[a].name, 40)
                    ));
                }
            }
            Some((_, None)) => problems.push(format!(
                "`{}` is not graded in {} (its key does not name it); not scored",
                clip(&name, 40),
                clip(&entry.label, 60)
            )),
            None => problems.push(format!(
                "no answer named `{}` in {} (its graded answers: {}); not scored",
                clip(&name, 40),
                clip(&entry.label, 60),
                clip(&graded_names(entry), 120)
            )),
        }
    }
    let outcomes = entry
        .graded
        .iter()
        .zip(typed)
        .map(|(&a, given)| match given {
            Some(given) => {
                let form = entry
                    .solved
                    .statement
                    .prompt_for(&answers[a].name)
                    .map(|p| &p.form);
                Outcome::Judged(judge_posed(
                    &answers[a],
                    &given,
                    &entry.solved.tolerance,
                    form,
                ))
            }
            None => Outcome::Missing,
        })
        .collect();
    let graded = Graded {
        line: row.line,
        student: row.student,
        entry,
        index,
        outcomes,
    };
    (Some(graded), problems)
}

/// The answer called `name`: the one named exactly so, or else the one whose name differs
/// only in ASCII case, when there is just one such.
fn answer_named(answers: &[Answer], name: &str) -> Option<usize> {
    answers.iter().position(|a| a.name == name).or_else(|| {
        let mut folded = (0..answers.len()).filter(|&a| answers[a].name.eq_ignore_ascii_case(name));
        match (folded.next(), folded.next()) {
            (Some(a), None) => Some(a),
            _ => None,
        }
    })
}

fn graded_names(entry: &Entry) -> String {
    let names: Vec<&str> = entry
        .graded
        .iter()
        .map(|&a| entry.solved.report.answers[a].name.as_str())
        .collect();
    names.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use nnhw_core::Value;

    fn answer(name: &str) -> Answer {
        Answer {
            name: name.into(),
            value: Value::Number(1.0),
            exact: None,
            hints: Vec::new(),
        }
    }

    #[test]
    fn answer_names_match_exactly_then_ignoring_case_when_only_one_does() {
        let answers = [answer("loss"), answer("A"), answer("a"), answer("dC_db")];
        assert_eq!(answer_named(&answers, "loss"), Some(0));
        assert_eq!(answer_named(&answers, "LOSS"), Some(0));
        assert_eq!(answer_named(&answers, "dc_DB"), Some(3));
        assert_eq!(answer_named(&answers, "a"), Some(2));
        assert_eq!(answer_named(&answers, "A"), Some(1));
        assert_eq!(answer_named(&answers, "b"), None);
        let two = [answer("A"), answer("a")];
        assert_eq!(answer_named(&two[..1], "a"), Some(0));
        assert_eq!(answer_named(&[answer("Ab"), answer("aB")], "ab"), None);
    }
}
