//! Serving a class from Python: variants drawn in memory by nnhw-variants, and rows of
//! answers graded by nnhw-gradebook exactly as `runner grade` grades a file of them.

use nnhw_core::{Figures, Solved};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyFloat, PyList, PyString};
use serde_json::{Map, Value as Json};

use crate::convert::json;
use crate::errors::spec_error;
use crate::spec::{Source, Spec};

/// Draws one variant of a spec per student, as `runner variants` does (the same
/// variants from the same seed and ids), in memory: a list of dicts with `student`, `id`,
/// `file_name` and `text` (a complete spec with its key), in the order of the ids.
/// Give `students` (ids) or `count` (ids 1 to count).
#[pyfunction]
#[pyo3(signature = (spec, students=None, *, count=None, seed=0))]
pub fn variants<'py>(
    py: Python<'py>,
    spec: &Bound<'py, PyAny>,
    students: Option<Bound<'py, PyAny>>,
    count: Option<usize>,
    seed: u64,
) -> PyResult<Bound<'py, PyList>> {
    let ids: Vec<String> = match (students, count) {
        (Some(ids), None) => student_ids(&ids)?,
        (None, Some(n)) if n <= nnhw_variants::MAX_VARIANTS => {
            (1..=n).map(|i| i.to_string()).collect()
        }
        (None, Some(n)) => {
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "count={n}: at most {} variants are drawn at once",
                nnhw_variants::MAX_VARIANTS
            )));
        }
        _ => {
            return Err(pyo3::exceptions::PyTypeError::new_err(
                "give the students' ids (students=[...]) or how many (count=N), not both",
            ));
        }
    };
    let spec = Spec::from_py(spec)?;
    let generated = py
        .detach(|| {
            let text = spec.text()?;
            nnhw_variants::generate(&spec.file, &text, seed, &ids, &|| {})
        })
        .map_err(|e| spec_error(py, &e))?;
    let items = generated
        .variants
        .iter()
        .map(|v| {
            let d = PyDict::new(py);
            d.set_item("student", &v.student)?;
            d.set_item("id", &v.id)?;
            d.set_item("file_name", &v.file_name)?;
            d.set_item("text", &v.text)?;
            Ok(d)
        })
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}

/// Student ids: a list of str (an int, as a roster's number, is taken as its digits).
fn student_ids(ids: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    if ids.cast::<PyString>().is_ok() {
        return Err(pyo3::exceptions::PyTypeError::new_err(
            "students is a list of ids, not one str: students=[\"ann\"]",
        ));
    }
    ids.try_iter()?
        .map(|id| {
            let id = id?;
            if let Ok(s) = id.cast::<PyString>() {
                Ok(s.to_cow()?.into_owned())
            } else if id.cast::<pyo3::types::PyInt>().is_ok() {
                Ok(id.str()?.to_cow()?.into_owned())
            } else {
                Err(pyo3::exceptions::PyTypeError::new_err(format!(
                    "a student id is a str (or an int); got {}",
                    id.get_type().name()?
                )))
            }
        })
        .collect()
}

/// Grades rows of answers against specs, as `runner grade --format json` does. `rows`
/// is a list of dicts (`student`, `spec`, then one key per answer; None or NaN is no
/// answer); `specs` a list of (name, spec) pairs, a spec given as text being known by
/// that name. Returns (rows graded, messages about rows): a graded row is a dict with
/// `student`, `spec`, `score`, `max_score` and each answer's verdict word.
#[pyfunction]
#[pyo3(signature = (rows, specs, *, reveal=false))]
pub fn grade<'py>(
    py: Python<'py>,
    rows: &Bound<'py, PyAny>,
    specs: Vec<(String, Bound<'py, PyAny>)>,
    reveal: bool,
) -> PyResult<(Bound<'py, PyList>, Vec<String>)> {
    let mut read = Vec::with_capacity(specs.len());
    for (name, spec) in &specs {
        let mut spec = Spec::from_py(spec)?;
        if matches!(spec.source, Source::Text(_)) {
            spec.file = name.clone();
        }
        read.push(spec);
    }
    let lines = jsonl(rows)?;
    let (out, err) = py
        .detach(|| -> Result<_, nnhw_core::SpecError> {
            let solved: Vec<Solved> = read
                .iter()
                .map(|s| s.solve(Figures::None))
                .collect::<Result<_, _>>()?;
            let book = nnhw_gradebook::Book::new(solved);
            let options = nnhw_gradebook::Options {
                format: nnhw_gradebook::Format::Json,
                reveal,
                ..Default::default()
            };
            let (mut out, mut err) = (Vec::new(), Vec::new());
            let graded = nnhw_gradebook::grade(
                &book,
                lines.as_slice(),
                "rows",
                &options,
                &mut out,
                &mut err,
            );
            if let Err(e) = graded {
                err.extend_from_slice(format!("{e}\n").as_bytes());
            }
            Ok((out, err))
        })
        .map_err(|e| spec_error(py, &e))?;
    let mut graded = Vec::new();
    for line in out.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        let object: Json = serde_json::from_slice(line)
            .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))?;
        graded.push(flat(py, &object)?);
    }
    let messages = String::from_utf8_lossy(&err)
        .lines()
        .map(str::to_string)
        .collect();
    Ok((PyList::new(py, graded)?, messages))
}

/// The rows as JSON Lines, the gradebook's own input: `{"student", "spec", "answers"}`.
fn jsonl(rows: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    let mut out = Vec::new();
    for (i, row) in rows.try_iter()?.enumerate() {
        let row = row?;
        let row = row.cast::<PyDict>().map_err(|_| {
            pyo3::exceptions::PyTypeError::new_err(format!(
                "row {}: a row is a dict with student, spec and the answers",
                i + 1
            ))
        })?;
        let mut object = Map::new();
        let mut answers = Map::new();
        for (key, value) in row.iter() {
            let key: String = key.str()?.to_cow()?.into_owned();
            let Some(value) = cell(&value)? else { continue };
            match key.as_str() {
                "student" | "spec" => {
                    let text = match value {
                        Json::String(s) => s,
                        other => other.to_string(),
                    };
                    object.insert(key, Json::String(text));
                }
                _ => {
                    answers.insert(key, value);
                }
            }
        }
        object.insert("answers".into(), Json::Object(answers));
        serde_json::to_writer(&mut out, &Json::Object(object))
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
        out.push(b'\n');
    }
    Ok(out)
}

/// One cell as JSON; None, NaN (pandas' empty cell) and empty text are no answer.
fn cell(value: &Bound<'_, PyAny>) -> PyResult<Option<Json>> {
    if value.is_none() {
        return Ok(None);
    }
    if let Ok(s) = value.cast::<PyString>() {
        let s = s.to_cow()?;
        return Ok((!s.trim().is_empty()).then(|| Json::String(s.to_string())));
    }
    // PyO3 takes only bool and numpy.bool_ as a bool, so 1 and 1.0 stay numbers.
    if let Ok(b) = value.extract::<bool>() {
        return Ok(Some(Json::Bool(b)));
    }
    if let Ok(i) = value.extract::<i64>()
        && value.cast::<PyFloat>().is_err()
    {
        return Ok(Some(Json::from(i)));
    }
    if let Ok(x) = value.extract::<f64>() {
        return Ok(if x.is_nan() {
            None
        } else {
            serde_json::Number::from_f64(x)
                .map(Json::Number)
                .or_else(|| Some(Json::String(format!("{x:?}"))))
        });
    }
    Ok(Some(Json::String(value.str()?.to_cow()?.into_owned())))
}

/// A graded submission as a flat dict: student, spec, score, max_score, then each
/// answer's verdict word.
fn flat<'py>(py: Python<'py>, object: &Json) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for key in ["student", "spec", "score", "max_score"] {
        d.set_item(key, json(py, &object[key])?)?;
    }
    if let Some(answers) = object["answers"].as_array() {
        for a in answers {
            if let (Some(name), Some(verdict)) = (a["name"].as_str(), a["verdict"].as_str()) {
                d.set_item(name, verdict)?;
            }
        }
    }
    Ok(d)
}
