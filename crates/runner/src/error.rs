//! Why a command stopped: the one line the runner writes to the error stream before it
//! exits 2. Each crate's own error is shown as that crate words it; the runner adds only
//! what it decides itself (which files, which arguments).

use std::path::PathBuf;

use nnhw_core::SpecError;

/// What went wrong in a command, shown as one line.
#[derive(Debug, thiserror::Error)]
pub(crate) enum Error {
    /// A spec, roster or other input refused, located where it can be.
    #[error(transparent)]
    Spec(#[from] SpecError),
    /// The autograder could not be written.
    #[error(transparent)]
    Gradescope(#[from] nnhw_gradescope::Error),
    /// A file could not be read.
    #[error("{}: cannot read: {error}", .path.display())]
    Unread {
        /// The file.
        path: PathBuf,
        /// What failed.
        #[source]
        error: std::io::Error,
    },
    /// A file or directory could not be written (a JSON encoding error included).
    #[error("{}: {error}", .path.display())]
    Unwritten {
        /// What was being written.
        path: PathBuf,
        /// What failed.
        #[source]
        error: std::io::Error,
    },
    /// An input named on the command line is a pipe or a device.
    #[error(
        "{}: not a regular file (a pipe or a device): give a file, or `-` to read standard input",
        .0.display()
    )]
    NotAFile(PathBuf),
    /// The file opened was swapped for something else after it was checked.
    #[error("{}: not a regular file", .0.display())]
    Swapped(PathBuf),
    /// A `--report` file whose name says no format.
    #[error("--report {}: the file's name must end in .html (a page) or .json", .0.display())]
    ReportFormat(PathBuf),
    /// A `--report` file named twice.
    #[error("--report {}: named twice", .0.display())]
    ReportTwice(PathBuf),
    /// Two students of a roster whom one email or student id finds.
    #[error(
        "{file}:{line}:1: {key} also finds {other} on line {first}; each email and student id must find one student"
    )]
    FindsTwo {
        /// The roster.
        file: String,
        /// The second student's line.
        line: u64,
        /// `email x` or `student id x`, shown on one line.
        key: String,
        /// The first student's id, shown on one line.
        other: String,
        /// The first student's line.
        first: u64,
    },
    /// Two specs that would have one file name in the autograder.
    #[error(
        "{from} and {other} would both be {name} in the autograder, and a row could not tell them apart: rename one"
    )]
    SameName {
        /// The later spec.
        from: String,
        /// The earlier spec.
        other: String,
        /// The file name both would take.
        name: String,
    },
    /// Students on the roster with no variant among the specs given to `handout`.
    #[error(
        "{students} on the roster {have} no variant among the specs given: {shown} (run `runner variants` for them, or leave them off the roster)"
    )]
    NoVariant {
        /// How many, in words (`2 students`).
        students: String,
        /// `has` or `have`.
        have: &'static str,
        /// The first of their ids, each on one line, `…` after the tenth.
        shown: String,
    },
    /// `--out` of `export prairielearn` is a file or the like.
    #[error("it exists and is not a directory")]
    NotADirectory,
    /// `--out` of `export prairielearn` holds something this command did not write.
    #[error(
        "it is a directory that is neither empty nor a question `runner export prairielearn` wrote; give a new or empty directory"
    )]
    NotOurs,
    /// The file system refused, at a place the message around it names.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

impl Error {
    /// The [`Error::Unwritten`] of a failure writing `path`.
    pub(crate) fn unwritten(path: impl Into<PathBuf>, error: impl Into<std::io::Error>) -> Error {
        Error::Unwritten {
            path: path.into(),
            error: error.into(),
        }
    }
}
