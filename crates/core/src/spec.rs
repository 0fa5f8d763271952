//! Reading a spec: bytes → UTF-8 → TOML → top-level fields, with every error located.
//!
//! The TOML is parsed once into a spanned tree ([`Document`], whose module locates
//! errors); this module reads what every spec shares (`kind`, `title`, `tolerance`, the
//! `[variants]` table checked by [`crate::draws`]) and hands `[params]` to the kind.

use std::path::Path;

use serde::Deserialize;
use serde::de::{DeserializeOwned, IgnoredAny};
use toml::Spanned;
use toml::de::DeValue;

pub use crate::document::{Document, line_column};
use crate::error::join_path;
use crate::tolerance::Tolerance;
use crate::{FieldError, SpecError};

/// Largest spec file read; a homework spec is a few hundred bytes.
pub const MAX_SPEC_BYTES: u64 = 4 * 1024 * 1024;

/// Reads a spec file as UTF-8 text, refusing what is not a regular file (a FIFO would
/// block, a device never end), huge, binary or unreadable files. The read itself is
/// bounded, so a file that grows while it is read cannot exceed the limit either.
pub fn read_text(path: &Path, file: &str) -> Result<String, SpecError> {
    let metadata = std::fs::metadata(path).map_err(|e| io_error(file, &e))?;
    if metadata.is_dir() {
        return Err(SpecError::whole_file(file, "is a directory, not a spec"));
    }
    if !metadata.is_file() {
        return Err(SpecError::whole_file(
            file,
            "not a regular file (a pipe or a device): a spec is a TOML file",
        ));
    }
    if metadata.len() > MAX_SPEC_BYTES {
        return Err(SpecError::whole_file(
            file,
            format!(
                "{} bytes; a spec may have at most {MAX_SPEC_BYTES}",
                metadata.len()
            ),
        ));
    }
    let opened = std::fs::File::open(path).map_err(|e| io_error(file, &e))?;
    // The path could have been swapped between the check and the open.
    if !opened.metadata().is_ok_and(|m| m.is_file()) {
        return Err(SpecError::whole_file(file, "not a regular file"));
    }
    read_bounded(opened, file)
}

/// Reads a spec from `reader` (standard input, for `-`), at most [`MAX_SPEC_BYTES`].
pub fn read_bounded(reader: impl std::io::Read, file: &str) -> Result<String, SpecError> {
    use std::io::Read;
    let mut bytes = Vec::new();
    reader
        .take(MAX_SPEC_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(file, &e))?;
    if bytes.len() as u64 > MAX_SPEC_BYTES {
        return Err(SpecError::whole_file(
            file,
            format!("more than {MAX_SPEC_BYTES} bytes; a spec may have at most that"),
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let prefix = String::from_utf8_lossy(&bytes[..valid]);
        let (line, column) = line_column(&prefix, prefix.len());
        SpecError {
            file: file.to_string(),
            location: Some((line, column)),
            field: String::new(),
            message: format!(
                "not UTF-8 text (byte 0x{:02x}); a spec is a TOML text file",
                bytes.get(valid).copied().unwrap_or(0)
            ),
        }
    })
}

fn io_error(file: &str, e: &std::io::Error) -> SpecError {
    let reason = match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => format!("cannot read: {e}"),
    };
    SpecError::whole_file(file, reason)
}

/// The top-level fields every spec shares; `params` and `expected` belong to the kind.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TopLevel {
    kind: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    tolerance: Option<Tolerance>,
    #[serde(default)]
    variant: Option<String>,
    #[serde(default)]
    student: Option<String>,
    #[serde(default, rename = "statement")]
    _statement: Option<IgnoredAny>,
    #[serde(default, rename = "variants")]
    _variants: Option<IgnoredAny>,
    #[serde(rename = "params")]
    _params: IgnoredAny,
    #[serde(default, rename = "expected")]
    _expected: Option<IgnoredAny>,
}

/// The top-level fields of a spec, read and checked.
pub struct Header {
    /// The kind's registered name.
    pub kind: String,
    /// The report heading, if the spec gives one.
    pub title: Option<String>,
    /// How close answers must be to the key.
    pub tolerance: Tolerance,
    /// The variant id, in a spec that `runner variants` wrote.
    pub variant: Option<String>,
    /// The student the variant was drawn for, in a spec that `runner variants` wrote.
    pub student: Option<String>,
}

// The spec's own fields, read from the tree: here, not in `document`, because the header
// checks `[variants]` with `draws`, which itself reads through a Document.
impl Document<'_> {
    /// Reads `kind`, `title` and `tolerance`, refusing unknown top-level keys, and checks
    /// that `[params]` holds only finite numbers.
    pub fn header(&self) -> Result<Header, SpecError> {
        let top: TopLevel = self.deserialize().map_err(|e| self.locate(e))?;
        let params = self
            .top("params")
            .ok_or_else(|| self.locate(FieldError::new("params", "missing")))?;
        if !params.get_ref().is_table() {
            return Err(self.locate(FieldError::new(
                "params",
                "must be a table: write [params] and the kind's fields below it",
            )));
        }
        reject_non_finite(params, "params").map_err(|e| self.locate(e))?;
        let tolerance = top.tolerance.unwrap_or_default();
        tolerance
            .validate()
            .map_err(|e| self.locate(e.under("tolerance")))?;
        crate::draws::Draws::read(self)?;
        Ok(Header {
            kind: top.kind,
            title: top.title,
            tolerance,
            variant: top.variant,
            student: top.student,
        })
    }

    /// The `[params]` table, for the kind to deserialize.
    pub fn params(&self) -> Params<'_> {
        Params { doc: self }
    }

    /// The `[expected]` table's entries in file order, if present.
    pub fn expected(&self) -> Result<Vec<(String, toml::Value)>, SpecError> {
        #[derive(Deserialize)]
        struct WithExpected {
            #[serde(default)]
            expected: Option<toml::Table>,
        }
        let with: WithExpected = self.deserialize().map_err(|e| self.locate(e))?;
        let table = with.expected.unwrap_or_default();
        let mut entries: Vec<(String, toml::Value)> = table.into_iter().collect();
        // toml::Table sorts its keys; the file's order is the order an author reads.
        entries.sort_by_key(|(name, _)| self.span_of(&format!("expected.{name}")).start);
        Ok(entries)
    }
}

/// A spec's `[params]` table, handed to a kind's constructor.
pub struct Params<'a> {
    doc: &'a Document<'a>,
}

impl Params<'_> {
    /// Deserializes `[params]` into the kind's own struct. Error paths are relative to
    /// `[params]`, like those a kind writes itself.
    pub fn parse<P: DeserializeOwned>(&self) -> Result<P, FieldError> {
        #[derive(Deserialize)]
        struct Only<P> {
            params: P,
        }
        let only: Only<P> = self.doc.deserialize().map_err(|mut e: FieldError| {
            e.path = e
                .path
                .strip_prefix("params")
                .map(|rest| rest.trim_start_matches('.').to_string())
                .unwrap_or(e.path);
            e
        })?;
        Ok(only.params)
    }
}

/// Refuses nan and ±inf anywhere under `value`: no problem here has a use for them.
fn reject_non_finite(value: &Spanned<DeValue<'_>>, path: &str) -> Result<(), FieldError> {
    match value.get_ref() {
        DeValue::Float(f) => {
            let raw = f.as_str();
            if raw.contains("nan") || raw.contains("inf") {
                return Err(FieldError {
                    path: path.to_string(),
                    message: format!("{raw} is not allowed: every number must be finite"),
                    span: Some(value.span()),
                });
            }
            Ok(())
        }
        DeValue::Array(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, item)| reject_non_finite(item, &format!("{path}[{i}]"))),
        DeValue::Table(table) => table
            .iter()
            .try_for_each(|(key, item)| reject_non_finite(item, &join_path(path, key.get_ref()))),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_finite_params_are_refused_with_their_path() {
        let text = "kind = \"k\"\n[params]\nx = [1, nan]\n";
        let doc = Document::parse("t.toml", text).unwrap();
        let e = doc.header().err().unwrap();
        assert_eq!(e.field, "params.x[1]");
        assert_eq!(e.location, Some((3, 9)));
    }
}
