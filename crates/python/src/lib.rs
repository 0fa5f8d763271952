//! The Python package `nnhw`: the workbench's solvers, its judge and its class tools, called
//! from Python and Jupyter through PyO3. It is a thin boundary: every answer, verdict,
//! variant and grade comes from the same crates as the CLI's (nnhw-grade solves and judges,
//! nnhw-booklet draws the HTML, nnhw-variants and nnhw-gradebook serve a class), and values
//! cross as Python objects built from the crates' own types, never as the CLI's text.
//!
//! It is not a second solver, and it keeps no state between calls. Work that takes time
//! (solving, judging, drawing variants, grading) runs with the GIL released, and every
//! object it returns is immutable, so threads may share them.
//!
//! Python's side (`python/nnhw/__init__.py`) adds what is easier there: pandas DataFrames
//! in and out, and grading problems as warnings.

mod class;
mod convert;
mod errors;
mod report;
mod spec;
mod verdicts;

use pyo3::prelude::*;

// Section crates register their kinds with inventory; naming each one here keeps the
// linker from dropping them.
use nnhw_backprop as _;
use nnhw_embeddings as _;
use nnhw_lstm as _;
use nnhw_neural_nets as _;

/// The compiled half of nnhw; import `nnhw`, not this.
#[pymodule]
mod _native {
    #[pymodule_export]
    use crate::class::{grade, variants};
    #[pymodule_export]
    use crate::convert::Formula;
    #[pymodule_export]
    use crate::errors::{AnswerError, SpecError};
    #[pymodule_export]
    use crate::report::{Report, kinds, solve};
    #[pymodule_export]
    use crate::verdicts::{PyVerdict, Verdicts, check};
}
