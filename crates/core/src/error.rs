//! The two error types: [`FieldError`] from a kind's validation, [`SpecError`] as the user sees it.

use std::fmt;
use std::ops::Range;

use crate::text::one_line;

/// A problem with one field of a spec, found while reading or validating it.
///
/// `path` is written from the document root (`params.layers[1].weights`); the spec loader
/// turns it into a line and column. A kind reports paths relative to `[params]` and the
/// loader adds the prefix (see [`crate::Params`]).
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    /// Dotted path to the field, with `[i]` for array elements.
    pub path: String,
    /// What is wrong, in words a student understands.
    pub message: String,
    /// Byte range in the spec text when the parser knew it; otherwise found from `path`.
    pub span: Option<Range<usize>>,
}

impl FieldError {
    /// An error at `path` (relative to `[params]` when raised by a kind).
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            path: path.into(),
            message: message.into(),
            span: None,
        }
    }

    /// The same error one level deeper: `layers[1]` + `weights` = `layers[1].weights`.
    pub fn under(mut self, parent: &str) -> Self {
        self.path = join_path(parent, &self.path);
        self
    }
}

/// Joins two path pieces, leaving out the dot before an index or around an empty piece.
pub fn join_path(parent: &str, child: &str) -> String {
    match (parent.is_empty(), child.is_empty()) {
        (true, _) => child.to_string(),
        (_, true) => parent.to_string(),
        _ if child.starts_with('[') => format!("{parent}{child}"),
        _ => format!("{parent}.{child}"),
    }
}

/// Bad input, ready to show: `file:line:column: field: message`.
#[derive(Debug, Clone, PartialEq)]
pub struct SpecError {
    /// The spec's path as the user named it.
    pub file: String,
    /// 1-based line and column, when the error points into the text.
    pub location: Option<(usize, usize)>,
    /// The field's dotted path; empty for errors about the whole file.
    pub field: String,
    /// What is wrong.
    pub message: String,
}

impl SpecError {
    /// An error about the file as a whole (cannot read it, not UTF-8, ...).
    pub fn whole_file(file: &str, message: impl Into<String>) -> Self {
        SpecError {
            file: file.to_string(),
            location: None,
            field: String::new(),
            message: message.into(),
        }
    }
}

/// Longest file name, field path and message shown; each is clipped past it.
const SHOWN_FILE: usize = 200;
const SHOWN_FIELD: usize = 120;
const SHOWN_MESSAGE: usize = 400;

/// Always one line: whatever the file name, field or message echo from the input is
/// escaped and clipped ([`crate::text::one_line`]).
impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", one_line(&self.file, SHOWN_FILE))?;
        if let Some((line, column)) = self.location {
            write!(f, ":{line}:{column}")?;
        }
        if !self.field.is_empty() {
            write!(f, ": {}", one_line(&self.field, SHOWN_FIELD))?;
        }
        write!(f, ": {}", one_line(&self.message, SHOWN_MESSAGE))
    }
}

impl std::error::Error for SpecError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_join_without_stray_dots() {
        assert_eq!(join_path("params", "layers[1]"), "params.layers[1]");
        assert_eq!(join_path("layers", "[1]"), "layers[1]");
        assert_eq!(join_path("", "x"), "x");
        assert_eq!(join_path("x", ""), "x");
    }

    #[test]
    fn display_names_file_location_and_field() {
        let e = SpecError {
            file: "p.toml".into(),
            location: Some((12, 5)),
            field: "params.x".into(),
            message: "empty".into(),
        };
        assert_eq!(e.to_string(), "p.toml:12:5: params.x: empty");
        let forged = SpecError::whole_file("a.toml", "unknown kind `x\nb.toml:1:1: ok`");
        assert_eq!(forged.to_string().lines().count(), 1);
    }
}
