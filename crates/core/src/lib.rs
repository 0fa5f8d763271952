//! The core of nnhw: everything a problem kind needs and nothing that belongs to one.
//!
//! - [`Problem`] and the [`Kind`] registration record that section crates submit with
//!   `inventory::submit!`; [`registry`] finds them by name.
//! - [`spec`]: reading a TOML spec, every error located at file:line:column and field
//!   ([`document`]); [`draws`]: its `[variants]` table, what a per-student variant draws.
//! - [`Statement`]: the question a problem asks, from its params (and a spec's own
//!   `[statement]`), with a prompt per answer; [`Report`]: answers (with exact forms),
//!   working steps and notes; [`render`] turns a solved spec into text for people or
//!   JSON for programs, typed in [`json`].
//! - [`Tolerance`] as a spec states it; the pipeline hands each `[expected]` key to a
//!   [`Judge`] (nnhw-grade's), since grading rules are not core's.
//! - [`numerics`] and [`network`]: the one implementation of each activation, the stable
//!   softmax and the dense network (forward, loss, backward, SGD) that every section
//!   uses; [`matrix`] for every matrix product; [`rng`], the seeded generator that keeps
//!   reports identical everywhere.
//!
//! It is not a CLI (that is the `runner` crate) and knows no homework numbers: every
//! answer comes from a spec's params.

pub mod document;
pub mod draws;
pub mod error;
pub mod exact;
pub mod format;
pub mod json;
pub mod matrix;
pub mod network;
pub mod numerics;
pub mod registry;
pub mod render;
pub mod report;
pub mod rng;
pub mod solve;
pub mod spec;
pub mod statement;
pub mod text;
pub mod tolerance;

pub use error::{FieldError, SpecError};
pub use registry::{Fitness, Kind, Problem};
pub use report::{
    Answer, Choice, Choosable, Figure, Formula, Hint, Line, Polygon, Report, Step, Value,
};
pub use solve::{Check, Figures, Judge, Solved, solve_file, solve_text};
pub use spec::Params;
pub use statement::{Form, Statement};
pub use tolerance::Tolerance;

/// Re-exported so section crates submit kinds without naming inventory themselves.
pub use inventory;
