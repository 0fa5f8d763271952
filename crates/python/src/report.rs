//! `nnhw.solve` and the report it returns.

use std::sync::Arc;

use nnhw_core::{Figures, Solved, render};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::convert::{self, json};

/// A solved spec: the question, the answers, the working, notes and figures, and the
/// key's checks. In Jupyter it shows as the booklet's page for it; str() is the text
/// report; `to_dict()` is the CLI's `--format json` object.
#[pyclass(module = "nnhw", frozen)]
pub struct Report {
    pub(crate) solved: Arc<Solved>,
}

#[pymethods]
impl Report {
    /// The spec's name as given (a path, `<string>` or `<dict>`).
    #[getter]
    fn file(&self) -> &str {
        &self.solved.file
    }

    /// The registered kind (`nn.feedforward`).
    #[getter]
    fn kind(&self) -> &str {
        self.solved.kind
    }

    /// The spec's title.
    #[getter]
    fn title(&self) -> &str {
        &self.solved.title
    }

    /// The variant id of a spec `nnhw.variants` drew, else None.
    #[getter]
    fn variant(&self) -> Option<&str> {
        self.solved.variant.as_deref()
    }

    /// The question in words; each answer's prompt is in `prompts`.
    #[getter]
    fn statement(&self) -> String {
        nnhw_core::statement::text(&self.solved.statement)
    }

    /// Each answer's prompt: name → what is asked, its form and tolerance in words.
    #[getter]
    fn prompts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for p in &self.solved.statement.prompts {
            d.set_item(
                &p.name,
                nnhw_core::statement::prompt_text(p, &self.solved.tolerance),
            )?;
        }
        Ok(d)
    }

    /// name → value: float, list, str, bool, or a Formula.
    #[getter]
    fn answers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for a in &self.solved.report.answers {
            d.set_item(&a.name, convert::value(py, &a.value)?)?;
        }
        Ok(d)
    }

    /// name → exact form (`3/4`), for the answers that have one.
    #[getter]
    fn exact<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for a in &self.solved.report.answers {
            if let Some(exact) = &a.exact {
                d.set_item(&a.name, exact)?;
            }
        }
        Ok(d)
    }

    /// The working, step by step: a list of dicts, each a heading, a named value, a
    /// sentence or a table.
    #[getter]
    fn working<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let steps = self
            .solved
            .report
            .steps
            .iter()
            .map(|s| convert::step(py, s))
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, steps)
    }

    /// What the solver noted (assumptions, caveats).
    #[getter]
    fn notes(&self) -> Vec<String> {
        self.solved.report.notes.clone()
    }

    /// name → Figure (a str: the SVG document, with its `caption`), every figure: the
    /// question's, then the solution's; empty when solved with figures=False.
    #[getter]
    fn figures<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        // The class is Python's (a str subclass), so it is looked up once per process.
        static FIGURE: pyo3::sync::PyOnceLock<Py<PyAny>> = pyo3::sync::PyOnceLock::new();
        let figure = FIGURE
            .get_or_try_init(py, || {
                py.import("nnhw")?.getattr("Figure").map(Bound::unbind)
            })?
            .bind(py);
        let d = PyDict::new(py);
        let all = self
            .solved
            .question_figures
            .iter()
            .chain(&self.solved.figures);
        for f in all {
            d.set_item(&f.name, figure.call1((&f.svg, &f.caption))?)?;
        }
        Ok(d)
    }

    /// The key's verdict per answer it names: name → {"passed": bool, "detail": str}.
    #[getter]
    fn checks<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (a, check) in self.solved.report.answers.iter().zip(&self.solved.checks) {
            if let Some(c) = check {
                let item = PyDict::new(py);
                item.set_item("passed", c.passed)?;
                item.set_item("detail", &c.detail)?;
                d.set_item(&a.name, item)?;
            }
        }
        Ok(d)
    }

    /// True when every answer the key names matched (and True without a key).
    #[getter]
    fn passed(&self) -> bool {
        self.solved.all_passed()
    }

    /// The CLI's `--format json` object for this spec, as Python objects.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json(py, &render::json(&self.solved))
    }

    /// Judges a student's answers against this report: as nnhw.check(spec, ...).
    #[pyo3(signature = (answers=None, /, *, reveal=false, **named))]
    fn check(
        &self,
        py: Python<'_>,
        answers: Option<&Bound<'_, PyDict>>,
        reveal: bool,
        named: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<crate::verdicts::Verdicts> {
        crate::verdicts::judge(py, Arc::clone(&self.solved), answers, named, reveal)
    }

    fn __str__(&self) -> String {
        render::text(&self.solved)
    }

    fn __repr__(&self) -> String {
        format!(
            "<nnhw.Report {} {:?}: {} answers>",
            self.solved.kind,
            self.solved.title,
            self.solved.report.answers.len()
        )
    }

    /// The booklet's page for this report (Jupyter calls it).
    fn _repr_html_(&self, py: Python<'_>) -> String {
        let solved = Arc::clone(&self.solved);
        py.detach(|| nnhw_booklet::fragment(&solved))
    }
}

/// Solves a spec (a path, TOML text or a dict) and checks its key.
///
/// Raises nnhw.SpecError, with the file, line, column and field, when the spec is bad.
/// `figures=False` skips drawing the figures, which costs more than most solving.
#[pyfunction]
#[pyo3(signature = (spec, *, figures=true))]
pub fn solve(py: Python<'_>, spec: &Bound<'_, PyAny>, figures: bool) -> PyResult<Report> {
    let solved = crate::spec::solve(py, spec, Figures::from(figures))?;
    Ok(Report {
        solved: Arc::new(solved),
    })
}

/// Every registered kind: a list of dicts with `name`, `section` and `summary`, in the
/// homework's order.
#[pyfunction]
pub fn kinds<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
    let items = nnhw_core::registry::kinds()
        .into_iter()
        .map(|k| {
            let d = PyDict::new(py);
            d.set_item("name", k.name)?;
            d.set_item("section", k.section)?;
            d.set_item("summary", k.summary)?;
            Ok(d)
        })
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}
