//! nnhw-gradescope: a Gradescope autograder built from nnhw specs, and the grading of one
//! submission inside it.
//!
//! [`write_zip`] packs what Gradescope's documented layout asks for: `setup.sh` (run once
//! when the image is built), `run_autograder` (run for every submission), a Linux runner,
//! the specs with their keys, and `nnhw/autograder.json` ([`Config`]): the roster given at
//! export, each student with the Gradescope emails and student ids that find them and the
//! spec files that are theirs. [`autograde`] is what `run_autograder` runs: it reads
//! `submission_metadata.json` to find the student, takes their one answer file (the
//! handout's CSV, JSON Lines, JSON or TOML), grades it with nnhw-gradebook (the rules of
//! `runner grade`) against their own variants and the specs everyone is asked, and writes
//! `results/results.json` whole. Whatever is wrong with a submission becomes a message in
//! that file, scored 0, never a crash: Gradescope shows a student nothing better than
//! "the autograder failed".
//!
//! It is not a grading rule (nnhw-grade judges), not a solver, and not the CLI (`runner
//! export gradescope` collects and proves the specs; `runner autograde` calls
//! [`autograde`]).

mod config;
mod error;
mod grading;
mod metadata;
mod package;
mod submission;

pub use config::{Config, FORMAT_VERSION, Student, Visibility};
pub use error::Error;
pub use grading::{ExtraJson, Outcome, ResultsJson, autograde};
pub use package::{Package, abandon, write_zip};
