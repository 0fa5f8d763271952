//! The pipeline for one spec: read → parse → find the kind → build → solve → check.
//!
//! Checking the answers against the spec's key is a grading rule, so core does not do it
//! itself: the caller hands in a [`Judge`] (nnhw-grade's), and core only locates what it
//! says about a key in the file.

use std::path::Path;

use crate::registry::{self, Kind};
use crate::spec::{Document, read_text};
use crate::tolerance::Tolerance;
use crate::{Answer, FieldError, Figure, Report, SpecError, Statement};

/// The verdict on one answer against its key, in words for the spec's author.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// Whether the answer matched the key.
    pub passed: bool,
    /// What matched, or what differs and by how much.
    pub detail: String,
}

/// Compares a computed answer with a spec's `[expected]` key.
pub trait Judge: Sync {
    /// The verdict; `Err` when the key cannot be compared with this answer at all (bad
    /// input in the spec), with a path relative to the key (`[1]`, or empty).
    fn check_key(
        &self,
        answer: &Answer,
        key: &toml::Value,
        tolerance: &Tolerance,
    ) -> Result<Check, FieldError>;
}

/// Which figures solving a spec draws: drawing costs more than most solving.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Figures {
    /// None (`false`).
    #[default]
    None,
    /// Only those that pose the question (a handout).
    Question,
    /// The question's and the solution's (`true`).
    All,
}

impl From<bool> for Figures {
    fn from(all: bool) -> Figures {
        if all { Figures::All } else { Figures::None }
    }
}

/// A solved spec, with the verdict on each answer the key names.
#[derive(Debug, Clone)]
pub struct Solved {
    /// The spec's path as the user named it.
    pub file: String,
    /// The registered kind.
    pub kind: &'static str,
    /// The spec's title, or its file name.
    pub title: String,
    /// The question: the kind's, as the spec's `[statement]` changes it.
    pub statement: Statement,
    /// What the solver said.
    pub report: Report,
    /// One entry per answer: the key's verdict, or `None` when the key is silent.
    pub checks: Vec<Option<Check>>,
    /// Figures of the solution, when they were asked for.
    pub figures: Vec<Figure>,
    /// Figures that pose the question, when figures were asked for.
    pub question_figures: Vec<Figure>,
    /// How close answers must be, from the spec.
    pub tolerance: Tolerance,
    /// The variant id, in a spec that `runner variants` wrote.
    pub variant: Option<String>,
    /// The student it was drawn for, in a spec that `runner variants` wrote.
    pub student: Option<String>,
    /// The spec's `[params]` as written: a variant's drawn numbers, for a class report
    /// that compares the numbers of students who got an answer right and wrong.
    pub params: toml::Table,
}

impl Solved {
    /// True when every answer the key names matched.
    pub fn all_passed(&self) -> bool {
        self.checks.iter().flatten().all(|c| c.passed)
    }

    /// The prompts a student is asked: those of the answers the key names, when the spec
    /// has a key (one kind may serve several homework parts, each keying its own
    /// answers), else every prompt; in the statement's order.
    pub fn asked(&self) -> Vec<&crate::statement::Prompt> {
        let keyed: Vec<&str> = self
            .report
            .answers
            .iter()
            .zip(&self.checks)
            .filter(|(_, check)| check.is_some())
            .map(|(answer, _)| answer.name.as_str())
            .collect();
        self.statement
            .prompts
            .iter()
            .filter(|p| keyed.is_empty() || keyed.contains(&p.name.as_str()))
            .collect()
    }
}

/// Solves the spec at `path`; `file` is how messages name it.
pub fn solve_file(
    path: &Path,
    file: &str,
    figures: impl Into<Figures>,
    judge: &dyn Judge,
) -> Result<Solved, SpecError> {
    let text = read_text(path, file)?;
    solve_text(file, &text, figures, judge)
}

/// Solves a spec given as text; `file` is how messages name it.
pub fn solve_text(
    file: &str,
    text: &str,
    figures: impl Into<Figures>,
    judge: &dyn Judge,
) -> Result<Solved, SpecError> {
    let doc = Document::parse(file, text)?;
    let header = doc.header()?;
    let kind = find_kind(&header.kind).map_err(|e| doc.locate(e))?;
    let problem = (kind.build)(&doc.params()).map_err(|e| doc.locate(e.under("params")))?;
    let expected = doc.expected()?;
    let statement = crate::statement::spec::apply(&doc, kind.name, problem.statement())?;
    let report = problem.solve();
    let params: toml::Table = doc
        .params()
        .parse()
        .map_err(|e| doc.locate(e.under("params")))?;

    let mut checks = vec![None; report.answers.len()];
    for (name, want) in &expected {
        let Some(i) = report.answers.iter().position(|a| &a.name == name) else {
            let names: Vec<&str> = report.answers.iter().map(|a| a.name.as_str()).collect();
            return Err(doc.locate(FieldError::new(
                format!("expected.{name}"),
                format!(
                    "no answer named `{name}`; {} answers {}",
                    kind.name,
                    names.join(", ")
                ),
            )));
        };
        let answer = &report.answers[i];
        let verdict = judge
            .check_key(answer, want, &header.tolerance)
            .map_err(|e| doc.locate(e.under(&format!("expected.{name}"))))?;
        checks[i] = Some(verdict);
    }

    let title = header.title.unwrap_or_else(|| {
        Path::new(file)
            .file_stem()
            .map_or_else(|| file.to_string(), |s| s.to_string_lossy().into_owned())
    });
    let figures = figures.into();
    let question_figures = match figures {
        Figures::None => Vec::new(),
        Figures::Question | Figures::All => problem.question_figures(&title),
    };
    let figures = match figures {
        Figures::All => problem.figures(&title),
        Figures::None | Figures::Question => Vec::new(),
    };
    Ok(Solved {
        file: file.to_string(),
        kind: kind.name,
        title,
        statement,
        figures,
        question_figures,
        report,
        checks,
        tolerance: header.tolerance,
        variant: header.variant,
        student: header.student,
        params,
    })
}

fn find_kind(name: &str) -> Result<&'static Kind, FieldError> {
    registry::find(name).ok_or_else(|| {
        let hint = match registry::nearest(name) {
            Some(near) => format!("; did you mean `{near}`?"),
            None => String::new(),
        };
        FieldError::new(
            "kind",
            format!("unknown kind `{name}`{hint} (`runner list` shows the registered kinds)"),
        )
    })
}
