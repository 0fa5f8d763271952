//! The names a new kind's files use, all derived from the `SECTION.NAME` it is asked by:
//! the request read and checked, then its module, type, crate and spec file names.

use crate::error::Error;

/// What the user asked for.
pub struct Request {
    /// `perceptron.update-step`
    pub kind: String,
    /// `perceptron`: the section crate's short name.
    pub section: String,
    /// `update-step`: the kind within the section.
    pub name: String,
    /// `--section "5 Perceptrons"`
    pub label: Option<String>,
}

impl Request {
    /// Reads `SECTION.NAME [--section LABEL]`.
    pub fn parse(args: &[String]) -> Result<Request, Error> {
        let mut kind = None;
        let mut label = None;
        let mut rest = args.iter();
        while let Some(arg) = rest.next() {
            match arg.as_str() {
                "--section" => {
                    let value = rest.next().ok_or(Error::NoLabel)?;
                    if value.trim().is_empty() || value.contains(['"', '\\', '\n']) {
                        return Err(Error::BadLabel(value.clone()));
                    }
                    label = Some(value.trim().to_string());
                }
                other if other.starts_with('-') => {
                    return Err(Error::UnknownOption(other.to_string()));
                }
                other if kind.is_none() => kind = Some(other.to_string()),
                other => return Err(Error::SecondKind(other.to_string())),
            }
        }
        let kind = kind.ok_or(Error::NoKind)?;
        let Some((section, name)) = kind.split_once('.') else {
            return Err(Error::NoDot(kind));
        };
        let word = |s: &str, dash: bool| {
            s.starts_with(|c: char| c.is_ascii_lowercase())
                && !s.ends_with('-')
                && !s.contains("--")
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || (dash && c == '-'))
        };
        if !word(section, false) {
            return Err(Error::BadSection(section.to_string()));
        }
        if !word(name, true) {
            return Err(Error::BadName(name.to_string()));
        }
        let module = name.replace('-', "_");
        if KEYWORDS.contains(&module.as_str()) || KEYWORDS.contains(&section) {
            let word = if KEYWORDS.contains(&section) {
                section
            } else {
                name
            };
            return Err(Error::Keyword {
                word: word.to_string(),
                kind,
            });
        }
        Ok(Request {
            section: section.to_string(),
            name: name.to_string(),
            kind,
            label,
        })
    }
}

/// Rust's keywords, strict and reserved: a module or crate cannot be named by one.
const KEYWORDS: [&str; 52] = [
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Names the kind's module imports or defines: a kind's type must not be one of them.
const TAKEN: [&str; 11] = [
    "Axis",
    "Deserialize",
    "Entry",
    "FieldError",
    "Figure",
    "Params",
    "Problem",
    "Report",
    "Spec",
    "Style",
    "Value",
];

/// The names a kind's files use, all derived from its `SECTION.NAME`.
pub struct Names {
    pub kind: String,
    /// Rust module: `update_step`.
    pub module: String,
    /// Rust type: `UpdateStep`.
    pub type_name: String,
    /// Crate directory under crates/: `perceptron`.
    pub dir: String,
    /// Package: `nnhw-perceptron`.
    pub package: String,
    /// Library: `nnhw_perceptron`.
    pub lib: String,
    /// Spec file under problems/beyond/: `perceptron_update_step.toml`.
    pub spec_file: String,
}

impl Names {
    pub fn new(request: &Request, dir: &str) -> Names {
        let module = request.name.replace('-', "_");
        let type_name = request
            .name
            .split('-')
            .map(|part| {
                let mut chars = part.chars();
                chars.next().map_or_else(String::new, |c| {
                    c.to_ascii_uppercase().to_string() + chars.as_str()
                })
            })
            .collect::<String>();
        let type_name = if TAKEN.contains(&type_name.as_str()) {
            type_name + "Problem"
        } else {
            type_name
        };
        let package = format!("nnhw-{dir}");
        Names {
            kind: request.kind.clone(),
            lib: package.replace('-', "_"),
            spec_file: format!("{}_{module}.toml", request.section),
            module,
            type_name,
            dir: dir.to_string(),
            package,
        }
    }
}
