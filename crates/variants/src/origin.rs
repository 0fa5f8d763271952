//! The spec variants are drawn from, read once, and what every draw of it goes through:
//! its params as canonical text, built and solved by the kind, called fit or unfit.

use std::path::Path;
use std::sync::Arc;

use nnhw_core::draws::Draws;
use nnhw_core::registry::{self, Kind};
use nnhw_core::rng::Rng;
use nnhw_core::spec::Document;
use nnhw_core::{Answer, FieldError, Fitness, Report, Solved, SpecError};

use crate::spec;

/// A fit draw and the generator it came from (kept to draw again if it is a repeat).
pub(crate) struct Drawn {
    /// The `[params]` table as TOML text, all a variant keeps of its params: two
    /// variants must not share it.
    pub(crate) canonical: String,
    /// The graded answers, all a variant keeps of its report: two variants must not
    /// share them either (one student could copy another's answers).
    pub(crate) answers: Arc<[Answer]>,
    pub(crate) rng: Rng,
    pub(crate) redrawn: Vec<String>,
}

/// The spec the variants are drawn from.
pub(crate) struct Origin<'a> {
    pub(crate) file: &'a str,
    pub(crate) stem: String,
    pub(crate) kind: &'static Kind,
    pub(crate) draws: Draws,
    pub(crate) params: toml::Table,
    pub(crate) tolerance: Option<toml::Value>,
    pub(crate) statement: Option<toml::Value>,
    pub(crate) title: Option<String>,
    pub(crate) solved: Solved,
    pub(crate) graded: Vec<String>,
}

/// Reads the spec variants are drawn from: solved, its `[variants]` table, the answers
/// its key grades.
pub(crate) fn origin<'a>(file: &'a str, text: &str) -> Result<Origin<'a>, SpecError> {
    let solved = nnhw_grade::solve_text(file, text, false)?;
    let doc = Document::parse(file, text)?;
    let draws = Draws::read(&doc)?.ok_or_else(|| {
        SpecError::whole_file(
            file,
            "has no [variants] table: add one saying which params to draw (docs/class.md, \"Variants\")",
        )
    })?;
    let kind = registry::find(solved.kind)
        .ok_or_else(|| SpecError::whole_file(file, "its kind is not registered"))?;
    let whole: toml::Table =
        toml::from_str(text).map_err(|e| SpecError::whole_file(file, e.to_string()))?;
    let params = match whole.get("params") {
        Some(toml::Value::Table(t)) => t.clone(),
        _ => return Err(SpecError::whole_file(file, "[params] is not a table")),
    };
    let named: Vec<String> = solved
        .report
        .answers
        .iter()
        .zip(&solved.checks)
        .filter(|(_, check)| check.is_some())
        .map(|(a, _)| a.name.clone())
        .collect();
    // Without a key, every answer a key can state is graded.
    let graded = if named.is_empty() {
        solved
            .report
            .answers
            .iter()
            .filter(|a| spec::key(&a.value).is_some())
            .map(|a| a.name.clone())
            .collect()
    } else {
        named
    };
    let stem = Path::new(file)
        .file_stem()
        .map_or_else(|| "spec".to_string(), |s| s.to_string_lossy().into_owned());
    Ok(Origin {
        file,
        stem,
        kind,
        draws,
        params,
        tolerance: whole.get("tolerance").cloned(),
        statement: whole.get("statement").cloned(),
        title: whole
            .get("title")
            .and_then(|t| t.as_str())
            .map(str::to_string),
        solved,
        graded,
    })
}

/// `[params]` as TOML text.
pub(crate) fn canonical(params: &toml::Table) -> Result<String, toml::ser::Error> {
    let mut whole = toml::Table::new();
    whole.insert("params".into(), toml::Value::Table(params.clone()));
    toml::to_string(&whole)
}

/// The graded answers of drawn params (`[params]` as TOML text); `Err` says why the kind
/// refuses them or calls them unfit.
pub(crate) fn fit(origin: &Origin<'_>, params: &str) -> Result<Vec<Answer>, String> {
    let fitness = Fitness {
        original: &origin.solved.report,
        tolerance: origin.solved.tolerance,
    };
    let (problem, report) = solve(origin, params)?;
    if let Some(reason) = registry::unfit(&*problem, &report, &fitness, &origin.graded) {
        return Err(reason);
    }
    let mut answers = report.answers;
    Ok(origin
        .graded
        .iter()
        .filter_map(|name| {
            let at = answers.iter().position(|a| &a.name == name)?;
            let mut answer = answers.swap_remove(at);
            answer.hints = Vec::new();
            answer.exact = None;
            Some(answer)
        })
        .collect())
}

/// Builds and solves drawn params (`[params]` as TOML text); `Err` is the kind's reason
/// for refusing them.
fn solve(
    origin: &Origin<'_>,
    params: &str,
) -> Result<(Box<dyn nnhw_core::Problem>, Report), String> {
    let mut text = String::from("kind = \"\"\n");
    text.push_str(params);
    let doc = Document::parse(origin.file, &text).map_err(|e| e.message)?;
    let problem = (origin.kind.build)(&doc.params()).map_err(|e: FieldError| {
        format!(
            "params.{} is refused ({})",
            e.path,
            nnhw_core::text::one_line(&e.message, 80)
        )
    })?;
    let report = problem.solve();
    Ok((problem, report))
}

/// An error at the spec's `[variants]` table.
pub(crate) fn at_table(origin: &Origin<'_>, text: &str, message: String) -> SpecError {
    match Document::parse(origin.file, text) {
        Ok(doc) => doc.locate(FieldError::new("variants", message)),
        Err(e) => e,
    }
}
