//! The crates' values as Python objects: numbers as float (±inf and nan included, which
//! JSON cannot carry), lists and sets as list, a formula as [`Formula`], a choice as its
//! text, lines as their equations, a polygon's corners as `[x, y]` lists.

use nnhw_core::{Step, Value};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

/// A formula: the Unicode form people read and the ASCII form students type. str() is
/// the Unicode form.
#[pyclass(module = "nnhw", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct Formula {
    /// The formula in Unicode (`σ(w·x + b)`).
    #[pyo3(get)]
    pub unicode: String,
    /// The formula in the ASCII notation an answer is typed in (`sigma(w*x + b)`).
    #[pyo3(get)]
    pub ascii: String,
}

#[pymethods]
impl Formula {
    fn __str__(&self) -> &str {
        &self.unicode
    }

    fn __repr__(&self) -> String {
        format!("Formula({:?})", self.ascii)
    }
}

/// One value as a Python object.
pub(crate) fn value<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Number(x) => x.into_pyobject(py)?.into_any(),
        Value::Count(n) => n.into_pyobject(py)?.into_any(),
        Value::List(items) | Value::Set(items) => list(py, items)?,
        Value::Text(s) => s.into_pyobject(py)?.into_any(),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Formula(f) => Bound::new(
            py,
            Formula {
                unicode: f.unicode.clone(),
                ascii: f.ascii.clone(),
            },
        )?
        .into_any(),
        Value::Choice(c) => c.option().text.as_str().into_pyobject(py)?.into_any(),
        Value::Lines(lines) => PyList::new(py, lines.iter().map(|l| l.text.as_str()))?.into_any(),
        Value::Polygon(p) => {
            PyList::new(py, p.corners.iter().map(|c| vec![c[0], c[1]]))?.into_any()
        }
    })
}

fn list<'py>(py: Python<'py>, items: &[Value]) -> PyResult<Bound<'py, PyAny>> {
    let items = items
        .iter()
        .map(|i| value(py, i))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(PyList::new(py, items)?.into_any())
}

/// One step of the working as a dict: `{"heading"}`, `{"name", "value", "exact"?}`,
/// `{"text"}` or `{"columns", "rows"}` (the keys of the CLI's JSON).
pub(crate) fn step<'py>(py: Python<'py>, step: &Step) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    match step {
        Step::Heading(h) => d.set_item("heading", h)?,
        Step::Value {
            name,
            value: v,
            exact,
        } => {
            d.set_item("name", name)?;
            d.set_item("value", value(py, v)?)?;
            if let Some(exact) = exact {
                d.set_item("exact", exact)?;
            }
        }
        Step::Text(t) => d.set_item("text", t)?,
        Step::Table { columns, rows } => {
            d.set_item("columns", columns)?;
            let rows = rows
                .iter()
                .map(|r| list(py, r))
                .collect::<PyResult<Vec<_>>>()?;
            d.set_item("rows", rows)?;
        }
    }
    Ok(d)
}

/// A JSON value (the crates' JSON shapes) as Python objects.
pub(crate) fn json<'py>(py: Python<'py>, v: &impl serde::Serialize) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize(py, v).map_err(PyErr::from)
}
