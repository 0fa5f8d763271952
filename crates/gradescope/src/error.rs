//! Why an autograder zip or a submission's results file was not written: one line that
//! names the file. What is wrong with a submission is not an error here but the results'
//! message to the student.

use std::path::PathBuf;

/// Why [`crate::write_zip`] or [`crate::autograde`] failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The zip's path is taken by something that is not a regular file.
    #[error("{}: exists and is not a regular file; give the zip's own name", .0.display())]
    NotAFile(PathBuf),
    /// The runner to ship is too large, or not a regular file.
    #[error(
        "{} is not a Linux x86-64 executable (not a regular file of at most 1 GB)",
        .0.display()
    )]
    NotARunnerFile(PathBuf),
    /// The runner to ship is not built for the machines Gradescope runs.
    #[error(
        "{} is not a Linux x86-64 executable, and Gradescope runs x86-64 Linux: build \
         runner there (`cargo build --release -p runner`) and give it with --runner",
        .0.display()
    )]
    NotLinux(PathBuf),
    /// A file could not be read.
    #[error("{}: cannot read: {error}", .path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What failed.
        #[source]
        error: std::io::Error,
    },
    /// A file could not be written (a zip or JSON encoding error included).
    #[error("{}: cannot write: {error}", .path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// What failed.
        #[source]
        error: std::io::Error,
    },
    /// The results could not be put as JSON text.
    #[error(transparent)]
    Json(#[from] serde_json::Error),
}

impl Error {
    /// The [`Error::Write`] of a failure writing `path` (an io, zip or JSON error).
    pub(crate) fn unwritten(path: &std::path::Path, error: impl Into<std::io::Error>) -> Error {
        Error::Write {
            path: path.to_path_buf(),
            error: error.into(),
        }
    }
}
