//! Why `cargo xtask new-kind` refused or stopped, as the one line it prints.

use std::path::PathBuf;

/// A refused request, a tree that does not have the shape an edit expects, or a file
/// that could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// `--section` came last, with no label.
    #[error("--section needs a label, e.g. \"5 Perceptrons\"")]
    NoLabel,
    /// A label that would break the line it is written into.
    #[error("--section {0:?}: a label is one line of text without quotes")]
    BadLabel(String),
    /// An option other than `--section`.
    #[error("unknown option {0:?}")]
    UnknownOption(String),
    /// A second kind.
    #[error("one kind at a time; {0:?} is a second")]
    SecondKind(String),
    /// No kind at all.
    #[error("which kind? give SECTION.NAME, e.g. perceptron.update-step")]
    NoKind,
    /// A kind without its section.
    #[error("{0:?}: a kind is SECTION.NAME, e.g. perceptron.update-step")]
    NoDot(String),
    /// A SECTION that cannot name a crate.
    #[error(
        "{0:?}: SECTION is lowercase letters and digits, starting with a letter (it names the crate)"
    )]
    BadSection(String),
    /// A NAME that cannot name a module.
    #[error("{0:?}: NAME is lowercase letters, digits and single '-', starting with a letter")]
    BadName(String),
    /// A SECTION or NAME that is a Rust keyword.
    #[error("{kind:?}: {word} is a Rust keyword, and SECTION and NAME become Rust names")]
    Keyword {
        /// The kind asked for.
        kind: String,
        /// The part of it that is a keyword.
        word: String,
    },
    /// The kind is registered already.
    #[error("{kind} already exists, in crates/{dir}")]
    KindExists {
        /// The kind.
        kind: String,
        /// The crate that registers it.
        dir: String,
    },
    /// The section crate has a module of the kind's name.
    #[error("crates/{dir}/src/{module} is a module already; pick another NAME")]
    ModuleExists {
        /// The section crate's directory.
        dir: String,
        /// The module.
        module: String,
    },
    /// A file the plan would create exists.
    #[error("{} exists already; nothing was written", .0.display())]
    FileExists(PathBuf),
    /// A file lacks the line an edit goes after: what is missing, and where.
    #[error("{0}")]
    Shape(String),
    /// A file or directory could not be read or written.
    #[error("{}: {error}", .path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What failed.
        #[source]
        error: std::io::Error,
    },
}

impl Error {
    /// The [`Error::Io`] of a failure at `path`.
    pub fn io(path: &std::path::Path) -> impl Fn(std::io::Error) -> Error + '_ {
        move |error| Error::Io {
            path: path.to_path_buf(),
            error,
        }
    }
}
