//! Reading a spec: bytes → UTF-8 → TOML → top-level fields, with every error located.
//!
//! The TOML is parsed once into a spanned tree ([`Document`]); each deserialization runs
//! over a clone of it, so a serde error keeps its byte span, and a kind's validation error
//! (which knows only a field path) is located by walking the tree along that path.

use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use serde::de::{DeserializeOwned, IgnoredAny};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

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

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// A parsed spec whose errors can be located.
pub struct Document<'a> {
    file: &'a str,
    text: &'a str,
    root: Spanned<DeTable<'a>>,
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

impl<'a> Document<'a> {
    /// Parses TOML text; `file` is how errors name it.
    pub fn parse(file: &'a str, text: &'a str) -> Result<Document<'a>, SpecError> {
        let root = DeTable::parse(text).map_err(|e| SpecError {
            file: file.to_string(),
            location: e.span().map(|s| line_column(text, s.start)),
            field: String::new(),
            message: format!("not valid TOML: {}", e.message().trim()),
        })?;
        Ok(Document { file, text, root })
    }

    /// Reads `kind`, `title` and `tolerance`, refusing unknown top-level keys, and checks
    /// that `[params]` holds only finite numbers.
    pub fn header(&self) -> Result<Header, SpecError> {
        let top: TopLevel = self.deserialize().map_err(|e| self.locate(e))?;
        let params = self
            .root
            .get_ref()
            .get("params")
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
        crate::variants::Variants::read(self)?;
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

    /// Deserializes the whole document into `T`, keeping the path of any error.
    pub(crate) fn deserialize<T: DeserializeOwned>(&self) -> Result<T, FieldError> {
        let de = toml::Deserializer::from(self.root.clone());
        serde_path_to_error::deserialize(de).map_err(|e| {
            let path = path_string(e.path());
            let inner = e.into_inner();
            readable(path, inner.message(), inner.span())
        })
    }

    /// The spec's text in `span` (empty when the span is not in it).
    pub(crate) fn source(&self, span: Range<usize>) -> &'a str {
        self.text.get(span).unwrap_or_default()
    }

    /// The top-level value named `key`, with its span.
    pub(crate) fn top(&self, key: &str) -> Option<&Spanned<DeValue<'a>>> {
        self.root.get_ref().get(key)
    }

    /// Turns a field error into a located spec error.
    pub fn locate(&self, e: FieldError) -> SpecError {
        let span = e.span.clone().unwrap_or_else(|| self.span_of(&e.path));
        SpecError {
            file: self.file.to_string(),
            location: Some(line_column(self.text, span.start)),
            field: e.path,
            message: e.message,
        }
    }

    /// The span of the deepest node along `path` that exists (the whole document if none).
    pub fn span_of(&self, path: &str) -> Range<usize> {
        let mut span = self.root.span();
        let mut node: Option<&DeValue<'_>> = None;
        for segment in split_path(path) {
            let next = match (node, segment) {
                (None, Segment::Key(k)) => self.root.get_ref().get(k),
                (Some(DeValue::Table(t)), Segment::Key(k)) => t.get(k),
                (Some(DeValue::Array(a)), Segment::Index(i)) => a.get(i),
                _ => None,
            };
            let Some(next) = next else { break };
            span = next.span();
            node = Some(next.get_ref());
        }
        span
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

/// Rewrites serde's wording into the field-first form of the error messages.
fn readable(path: String, message: &str, span: Option<Range<usize>>) -> FieldError {
    let field_in = |prefix: &str| {
        message
            .strip_prefix(prefix)
            .and_then(|rest| rest.split('`').next())
            .map(str::to_string)
    };
    if let Some(name) = field_in("missing field `") {
        let hint = if name == "kind" {
            " (every spec names its kind; `runner list` shows them)"
        } else {
            ""
        };
        return FieldError {
            path: join_path(&path, &name),
            message: format!("missing: this field is required{hint}"),
            span,
        };
    }
    if let Some(name) = field_in("unknown field `") {
        let expected = message
            .split_once(", expected ")
            .map(|(_, rest)| format!("; expected {rest}"))
            .unwrap_or_default();
        let path = if path.ends_with(&name) {
            path
        } else {
            join_path(&path, &name)
        };
        return FieldError {
            path,
            message: format!("unknown field `{name}`{expected}"),
            span,
        };
    }
    FieldError {
        path,
        message: message.trim().to_string(),
        span,
    }
}

fn path_string(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment as S;
    let mut out = String::new();
    for segment in path.iter() {
        let piece = match segment {
            S::Seq { index } => format!("[{index}]"),
            S::Map { key } => key.clone(),
            S::Enum { variant } => variant.clone(),
            S::Unknown => "?".to_string(),
        };
        out = join_path(&out, &piece);
    }
    out
}

pub(crate) enum Segment<'p> {
    Key(&'p str),
    Index(usize),
}

/// Splits `a.b[2][0].c` into keys and indices.
pub(crate) fn split_path(path: &str) -> Vec<Segment<'_>> {
    let mut segments = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, indices) = part
            .split_once('[')
            .map_or((part, ""), |(k, _)| (k, &part[k.len()..]));
        if !key.is_empty() {
            segments.push(Segment::Key(key));
        }
        for index in indices.split('[').filter_map(|i| i.strip_suffix(']')) {
            if let Ok(i) = index.parse() {
                segments.push(Segment::Index(i));
            }
        }
    }
    segments
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
    fn line_column_counts_characters() {
        let text = "a = 1\nβ = 2\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        // after the two-byte β
        assert_eq!(line_column(text, 9), (2, 3));
    }

    #[test]
    fn paths_locate_nested_values() {
        let text =
            "kind = \"k\"\n[params]\nx = [1, 2]\n[[params.layers]]\nweights = [[1], [2, 3]]\n";
        let doc = Document::parse("t.toml", text).unwrap();
        let at = |p: &str| line_column(text, doc.span_of(p).start);
        assert_eq!(at("params.x[1]"), (3, 9));
        assert_eq!(at("params.layers[0].weights[1]"), (5, 17));
        // a missing leaf falls back to its deepest existing parent
        assert_eq!(at("params.layers[0].bias"), at("params.layers[0]"));
    }

    #[test]
    fn non_finite_params_are_refused_with_their_path() {
        let text = "kind = \"k\"\n[params]\nx = [1, nan]\n";
        let doc = Document::parse("t.toml", text).unwrap();
        let e = doc.header().err().unwrap();
        assert_eq!(e.field, "params.x[1]");
        assert_eq!(e.location, Some((3, 9)));
    }
}
