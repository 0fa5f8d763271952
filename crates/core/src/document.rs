//! A spec's TOML parsed once into a spanned tree, so that every error can be located.
//!
//! Each deserialization runs over a clone of the tree, so a serde error keeps its byte
//! span, and a kind's validation error (which knows only a field path) is located by
//! walking the tree along that path. What a spec's fields mean is [`crate::spec`]'s and
//! [`crate::draws`]'s; this module knows only TOML, paths and places.

use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::error::join_path;
use crate::{FieldError, SpecError};

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
}
