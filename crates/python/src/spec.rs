//! What Python may pass as a spec: a path (str or os.PathLike), TOML text (a str with a
//! line break), or a dict shaped like the TOML. Each is solved by nnhw-grade as the CLI
//! solves a file.

use std::path::PathBuf;

use nnhw_core::{Figures, Solved};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use crate::errors::spec_error;

/// A spec read from Python, not yet solved: its name in messages and its text.
pub(crate) struct Spec {
    pub(crate) file: String,
    pub(crate) source: Source,
}

pub(crate) enum Source {
    Path(PathBuf),
    Text(String),
}

impl Spec {
    /// Reads the argument (holding the GIL: it looks at Python objects).
    pub(crate) fn from_py(spec: &Bound<'_, PyAny>) -> PyResult<Spec> {
        if let Ok(dict) = spec.cast::<PyDict>() {
            shallow(dict.as_any(), 0)?;
            let table: toml::Table = pythonize::depythonize(dict.as_any()).map_err(|e| {
                pyo3::exceptions::PyTypeError::new_err(format!(
                    "a spec given as a dict must hold only what TOML can: {e}"
                ))
            })?;
            let text = toml::to_string(&table).map_err(|e| {
                pyo3::exceptions::PyTypeError::new_err(format!(
                    "a spec given as a dict must be shaped like a spec's TOML: {e}"
                ))
            })?;
            return Ok(Spec {
                file: "<dict>".into(),
                source: Source::Text(text),
            });
        }
        if let Ok(text) = spec.cast::<PyString>() {
            let text = text.to_cow()?;
            return Ok(if text.contains('\n') {
                Spec {
                    file: "<string>".into(),
                    source: Source::Text(text.to_string()),
                }
            } else {
                Spec {
                    file: text.to_string(),
                    source: Source::Path(PathBuf::from(text.as_ref())),
                }
            });
        }
        match spec.extract::<PathBuf>() {
            Ok(path) => Ok(Spec {
                file: path.display().to_string(),
                source: Source::Path(path),
            }),
            Err(_) => Err(pyo3::exceptions::PyTypeError::new_err(format!(
                "a spec is a path, TOML text (a str with a line break) or a dict; got {}",
                spec.get_type().name()?
            ))),
        }
    }

    /// The spec's text, reading a file if need be.
    pub(crate) fn text(&self) -> Result<String, nnhw_core::SpecError> {
        match &self.source {
            Source::Path(path) => nnhw_core::spec::read_text(path, &self.file),
            Source::Text(text) => Ok(text.clone()),
        }
    }

    /// Solves it and checks its key (without the GIL).
    pub(crate) fn solve(&self, figures: Figures) -> Result<Solved, nnhw_core::SpecError> {
        match &self.source {
            Source::Path(path) => nnhw_grade::solve_file(path, &self.file, figures),
            Source::Text(text) => nnhw_grade::solve_text(&self.file, text, figures),
        }
    }
}

/// Deepest nesting a spec given as a dict may have: a spec's TOML is a few tables deep,
/// and a dict that holds itself is refused here rather than followed.
const MAX_DEPTH: usize = 32;

fn shallow(value: &Bound<'_, PyAny>, depth: usize) -> PyResult<()> {
    if depth > MAX_DEPTH {
        return Err(pyo3::exceptions::PyValueError::new_err(format!(
            "a spec given as a dict is nested more than {MAX_DEPTH} deep (does it hold itself?)"
        )));
    }
    if let Ok(dict) = value.cast::<PyDict>() {
        for (_, v) in dict.iter() {
            shallow(&v, depth + 1)?;
        }
    } else if let Ok(list) = value.cast::<pyo3::types::PyList>() {
        for v in list.iter() {
            shallow(&v, depth + 1)?;
        }
    } else if let Ok(tuple) = value.cast::<pyo3::types::PyTuple>() {
        for v in tuple.iter() {
            shallow(&v, depth + 1)?;
        }
    }
    Ok(())
}

/// Solves a spec argument with the GIL released; a bad spec raises nnhw.SpecError.
pub(crate) fn solve(py: Python<'_>, spec: &Bound<'_, PyAny>, figures: Figures) -> PyResult<Solved> {
    let spec = Spec::from_py(spec)?;
    py.detach(|| spec.solve(figures))
        .map_err(|e| spec_error(py, &e))
}
