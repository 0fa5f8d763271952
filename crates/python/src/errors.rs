//! The package's exceptions, with fields a program can read: a spec's file, line, column
//! and field, as the CLI's one-line message names them.

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

create_exception!(
    nnhw,
    SpecError,
    PyValueError,
    "A spec that cannot be read or solved. Its attributes say where: `file`, `line` and \
     `column` (1-based; None for the file as a whole), `field` (the dotted path of the \
     field, empty for the whole file) and `message`; str() is the CLI's one-line message."
);

create_exception!(
    nnhw,
    AnswerError,
    PyValueError,
    "An answer that cannot be handed to the judge as it was given (an object that is \
     neither text, a number, a bool nor a list of them). Its attributes are `name` (the \
     answer's) and `message`. An answer the judge cannot read is not an error: its \
     verdict is 'unusable', with what would be read."
);

/// A core SpecError as the Python exception, its fields set.
pub(crate) fn spec_error(py: Python<'_>, e: &nnhw_core::SpecError) -> PyErr {
    let err = SpecError::new_err(e.to_string());
    let value = err.value(py);
    let (line, column) = e.location.unzip();
    let set = || -> PyResult<()> {
        value.setattr("file", &e.file)?;
        value.setattr("line", line)?;
        value.setattr("column", column)?;
        value.setattr("field", &e.field)?;
        value.setattr("message", &e.message)?;
        Ok(())
    };
    match set() {
        Ok(()) => err,
        Err(other) => other,
    }
}

/// An answer that cannot be given to the judge.
pub(crate) fn answer_error(py: Python<'_>, name: &str, message: String) -> PyErr {
    let err = AnswerError::new_err(format!("{name}: {message}"));
    let value = err.value(py);
    let set = || -> PyResult<()> {
        value.setattr("name", name)?;
        value.setattr("message", &message)?;
        Ok(())
    };
    match set() {
        Ok(()) => err,
        Err(other) => other,
    }
}
