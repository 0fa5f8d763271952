//! `nnhw.check`: a student's answers judged by nnhw-grade, as `--answer` judges them.
//! A Python value is written in the answer language exactly (a float in its shortest
//! round-trip digits, a list in brackets), so the judge reads what Python held; how it
//! read it is in each verdict.

use std::sync::Arc;

use nnhw_core::{Figures, Solved};
use nnhw_grade::{Judged, Verdict as Word, feedback, judge_arguments};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};

use crate::convert::{Formula, json};
use crate::errors::answer_error;

/// One answer's verdict: `verdict` is "right", "wrong" or "unusable" (could not be read;
/// `detail` says what would be read). bool() is True when right.
#[pyclass(module = "nnhw", name = "Verdict", frozen, get_all)]
pub struct PyVerdict {
    /// The answer's name.
    name: String,
    /// What was given, as the judge read it in.
    given: String,
    /// "right", "wrong" or "unusable".
    verdict: &'static str,
    /// What is right or wrong about it, in one line that keeps the key hidden.
    detail: String,
    /// How the answer was read, when it could be.
    read_as: Option<String>,
    /// Hints for a known wrong answer.
    hints: Vec<String>,
    /// For an unreadable answer, the text with a caret under the problem.
    caret: Option<String>,
    /// The right answer, after a wrong one and only with reveal=True.
    answer: Option<String>,
}

#[pymethods]
impl PyVerdict {
    fn __bool__(&self) -> bool {
        self.verdict == "right"
    }

    fn __repr__(&self) -> String {
        format!(
            "<nnhw.Verdict {}: {} ({})>",
            self.name, self.verdict, self.detail
        )
    }
}

/// A student's answers judged: iterate for each Verdict, index by position or name.
/// bool() is True when every answer is right. In Jupyter it shows as the `--answer`
/// page; str() is its text; `to_dict()` is its JSON.
#[pyclass(module = "nnhw", frozen)]
pub struct Verdicts {
    solved: Arc<Solved>,
    judged: Vec<Judged>,
    reveal: bool,
}

impl Verdicts {
    fn item(&self, j: &Judged) -> PyVerdict {
        let answer = (self.reveal && j.verdict == Word::Wrong)
            .then(|| self.solved.report.named(&j.name))
            .flatten()
            .map(feedback::revealed);
        PyVerdict {
            name: j.name.clone(),
            given: j.given.clone(),
            verdict: j.verdict.word(),
            detail: j.detail.clone(),
            read_as: j.read_as.clone(),
            hints: j.hints.clone(),
            caret: j.caret.clone(),
            answer,
        }
    }
}

#[pymethods]
impl Verdicts {
    fn __bool__(&self) -> bool {
        !self.judged.is_empty() && self.judged.iter().all(|j| j.verdict == Word::Right)
    }

    fn __len__(&self) -> usize {
        self.judged.len()
    }

    fn __getitem__(&self, key: &Bound<'_, PyAny>) -> PyResult<PyVerdict> {
        if let Ok(i) = key.extract::<isize>() {
            let n = self.judged.len() as isize;
            let at = if i < 0 { i + n } else { i };
            return usize::try_from(at)
                .ok()
                .and_then(|at| self.judged.get(at))
                .map(|j| self.item(j))
                .ok_or_else(|| {
                    pyo3::exceptions::PyIndexError::new_err("no verdict at this index")
                });
        }
        let name: String = key.extract()?;
        self.judged
            .iter()
            .find(|j| j.name == name)
            .map(|j| self.item(j))
            .ok_or_else(|| pyo3::exceptions::PyKeyError::new_err(name))
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let items = self
            .judged
            .iter()
            .map(|j| Bound::new(py, self.item(j)))
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, items)?.try_iter().map(Bound::into_any)
    }

    /// The `--answer --format json` object.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json(
            py,
            &feedback::verdicts_json(&self.solved, &self.judged, self.reveal),
        )
    }

    fn __str__(&self) -> String {
        feedback::text(&self.solved, &self.judged, self.reveal)
    }

    fn __repr__(&self) -> String {
        let words: Vec<String> = self
            .judged
            .iter()
            .map(|j| format!("{}: {}", j.name, j.verdict.word()))
            .collect();
        format!("<nnhw.Verdicts {}>", words.join(", "))
    }

    fn _repr_html_(&self) -> String {
        nnhw_booklet::answers_fragment(&self.solved, &self.judged, self.reveal)
    }
}

/// Judges a student's answers to a spec (a path, TOML text or a dict), as `runner SPEC
/// --answer NAME=VALUE` does: `check(spec, loss=0.25, dC_dw1="-0.0125")`, or with a dict
/// for names that are not Python identifiers. Values may be text in the answer language,
/// numbers, bools, lists of them, or a Formula. Nothing of the key is said unless
/// reveal=True, and then only after a wrong answer.
#[pyfunction]
#[pyo3(signature = (spec, answers=None, /, *, reveal=false, **named))]
pub fn check(
    py: Python<'_>,
    spec: &Bound<'_, PyAny>,
    answers: Option<&Bound<'_, PyDict>>,
    reveal: bool,
    named: Option<&Bound<'_, PyDict>>,
) -> PyResult<Verdicts> {
    let solved = crate::spec::solve(py, spec, Figures::None)?;
    judge(py, Arc::new(solved), answers, named, reveal)
}

/// Judges the answers of `answers` and `named` against `solved`, with the GIL released.
pub(crate) fn judge(
    py: Python<'_>,
    solved: Arc<Solved>,
    answers: Option<&Bound<'_, PyDict>>,
    named: Option<&Bound<'_, PyDict>>,
    reveal: bool,
) -> PyResult<Verdicts> {
    let mut arguments = Vec::new();
    for dict in [answers, named].into_iter().flatten() {
        for (name, value) in dict.iter() {
            let name: String = name
                .extract()
                .map_err(|_| pyo3::exceptions::PyTypeError::new_err("an answer's name is a str"))?;
            let typed = typed(py, &name, &value, 0)?;
            arguments.push(format!("{name}={typed}"));
        }
    }
    if arguments.is_empty() {
        return Err(pyo3::exceptions::PyTypeError::new_err(
            "no answers to check: give them as name=value (check(spec, loss=0.25)) or as a dict",
        ));
    }
    let judged = py.detach(|| judge_arguments(&solved, &arguments));
    Ok(Verdicts {
        solved,
        judged,
        reveal,
    })
}

/// Deepest nesting of lists in an answer: a matrix is two, and a list that holds itself
/// is refused here rather than followed.
const MAX_DEPTH: usize = 16;

/// A Python value in the answer language.
fn typed(py: Python<'_>, name: &str, value: &Bound<'_, PyAny>, depth: usize) -> PyResult<String> {
    if depth > MAX_DEPTH {
        return Err(answer_error(
            py,
            name,
            format!("lists nested more than {MAX_DEPTH} deep (does a list hold itself?)"),
        ));
    }
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(s.to_cow()?.into_owned());
    }
    if let Ok(b) = value.cast::<PyBool>() {
        return Ok(if b.is_true() { "true" } else { "false" }.to_string());
    }
    if value.cast::<PyInt>().is_ok() {
        return Ok(value.str()?.to_cow()?.into_owned());
    }
    if let Ok(x) = value.cast::<PyFloat>() {
        return Ok(number(x.value()));
    }
    if let Ok(f) = value.cast::<Formula>() {
        return Ok(f.get().ascii.clone());
    }
    if value.cast::<PyList>().is_ok() || value.cast::<PyTuple>().is_ok() {
        let items = value
            .try_iter()?
            .map(|item| typed(py, name, &item?, depth + 1))
            .collect::<PyResult<Vec<_>>>()?;
        return Ok(format!("[{}]", items.join(", ")));
    }
    // numpy scalars and arrays, Decimal, Fraction: anything that is a real number or a
    // sequence of them.
    if let Ok(x) = value.extract::<f64>() {
        return Ok(number(x));
    }
    if let Ok(items) = value.call_method0("tolist") {
        return typed(py, name, &items, depth + 1);
    }
    Err(answer_error(
        py,
        name,
        format!(
            "a {} cannot be given as an answer: give text in the answer language, a number, a bool or a list of them",
            value.get_type().name()?
        ),
    ))
}

/// A float in the fewest digits that read back as it (`1e-7`, not seven zeros), `inf` and
/// `nan` as the answer language spells them.
fn number(x: f64) -> String {
    if x.is_nan() {
        "nan".into()
    } else if x.is_infinite() {
        if x > 0.0 { "inf".into() } else { "-inf".into() }
    } else {
        format!("{x:?}")
    }
}
