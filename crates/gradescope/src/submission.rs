//! The student's answer file, found under `submission/` and made into rows that
//! nnhw-gradebook reads: CSV and JSON Lines as they are, one JSON document or a TOML file
//! turned into JSON Lines.
//!
//! Nothing a student uploads is trusted: the walk follows no symbolic link, reads only
//! regular files, stops at a depth and a count, and reads at most [`MAX_ANSWER_BYTES`].

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use nnhw_grade::clip;
use serde_json::{Map, Value as Json};

/// The largest answer file read. A homework's answers fit in a few KB; the limit only
/// keeps a hostile upload from costing memory.
pub(crate) const MAX_ANSWER_BYTES: u64 = 4 << 20;

/// How deep below `submission/` an answer file is looked for (a zipped folder).
const MAX_DEPTH: usize = 6;

/// How many entries the walk looks at before it gives up.
const MAX_ENTRIES: usize = 10_000;

/// The extensions of answer files, and how each is read.
const KINDS: [(&str, Kind); 5] = [
    ("csv", Kind::Csv),
    ("jsonl", Kind::Lines),
    ("ndjson", Kind::Lines),
    ("json", Kind::Json),
    ("toml", Kind::Toml),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Csv,
    Lines,
    Json,
    Toml,
}

/// The answer file.
#[derive(Debug)]
pub(crate) struct Found {
    pub path: PathBuf,
    /// Its path below `submission/`, as messages name it.
    pub shown: String,
    pub kind: Kind,
}

/// Reads at most `limit` bytes of the regular file at `path` (a symbolic link, a FIFO or
/// a device is refused unread), or says why not; `what` names such a file in messages
/// ("an answer file").
pub(crate) fn read_bounded(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let metadata = std::fs::symlink_metadata(path).map_err(|e| format!("{name}: {e}"))?;
    if !metadata.is_file() {
        return Err(format!("{name}: not a regular file"));
    }
    if metadata.len() > limit {
        return Err(format!(
            "{name} is {} bytes, more than the {} {what} may have",
            metadata.len(),
            size(limit)
        ));
    }
    let file = std::fs::File::open(path).map_err(|e| format!("{name}: {e}"))?;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{name}: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(format!(
            "{name} grew past {} while it was read",
            size(limit)
        ));
    }
    Ok(bytes)
}

fn size(bytes: u64) -> String {
    format!("{} MB", bytes >> 20)
}

/// The one answer file under `dir`, or what to tell the student.
pub(crate) fn find(dir: &Path) -> Result<Found, String> {
    const UPLOAD: &str = "upload one answer file: the CSV from your handout (answers.csv), \
                          JSON Lines (answers.jsonl), JSON (answers.json) or TOML (answers.toml)";
    if !dir.is_dir() {
        return Err(format!("no submission was found; {UPLOAD}"));
    }
    let mut found = Vec::new();
    let mut others = Vec::new();
    let mut links = Vec::new();
    let mut deeper = false;
    let walk = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .max_depth(MAX_DEPTH)
        .sort_by_file_name()
        .into_iter()
        // Hidden files and the folders a Mac's zip adds are not answers.
        .filter_entry(|e| {
            e.depth() == 0 || {
                let name = e.file_name().to_string_lossy();
                !name.starts_with('.') && name != "__MACOSX"
            }
        });
    for (seen, entry) in walk.enumerate() {
        if seen > MAX_ENTRIES {
            return Err(format!(
                "the submission holds more than {MAX_ENTRIES} files and folders; {UPLOAD}"
            ));
        }
        let Ok(entry) = entry else { continue };
        if entry.depth() == 0 || entry.file_type().is_dir() {
            deeper |= entry.depth() == MAX_DEPTH;
            continue;
        }
        let shown = entry
            .path()
            .strip_prefix(dir)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .into_owned();
        let extension = entry
            .path()
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        let kind = KINDS
            .iter()
            .find(|(e, _)| extension.as_deref() == Some(e))
            .map(|(_, k)| *k);
        match kind {
            Some(_) if !entry.file_type().is_file() => links.push(shown),
            Some(kind) => found.push(Found {
                path: entry.path().to_path_buf(),
                shown,
                kind,
            }),
            None => others.push(shown),
        }
    }
    let listed = |names: &[String]| {
        let mut text: Vec<String> = names.iter().take(8).map(|n| clip(n, 60)).collect();
        if names.len() > 8 {
            text.push(format!("and {} more", names.len() - 8));
        }
        text.join(", ")
    };
    if found.len() == 1
        && let Some(one) = found.pop()
    {
        return Ok(one);
    }
    match found.len() {
        0 if !links.is_empty() => Err(format!(
            "{} is a link or not a regular file, and is not read; {UPLOAD}",
            listed(&links)
        )),
        0 if others.is_empty() && deeper => Err(format!(
            "no answer file within {MAX_DEPTH} folders of the submission's top; {UPLOAD}"
        )),
        0 if others.is_empty() => Err(format!("the submission is empty; {UPLOAD}")),
        0 => Err(format!(
            "no answer file among the files submitted ({}); {UPLOAD}",
            listed(&others)
        )),
        _ => {
            let names: Vec<String> = found.into_iter().map(|f| f.shown).collect();
            Err(format!(
                "{} answer files were submitted ({}), and nnhw would not guess which one \
                 counts: {UPLOAD}",
                names.len(),
                listed(&names)
            ))
        }
    }
}

/// The rows gradebook reads, from the answer file's bytes: CSV and JSON Lines as they
/// are, anything else as JSON Lines. `problems` are the specs the student is asked
/// (their gradebook labels), for answers written outside any problem's table.
pub(crate) fn rows(found: &Found, bytes: Vec<u8>, problems: &[String]) -> Result<Vec<u8>, String> {
    let shown = &found.shown;
    let text = || {
        std::str::from_utf8(&bytes).map_err(|e| {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            format!("{shown}:{line}: not UTF-8 text: save the file as UTF-8")
        })
    };
    let rows = match found.kind {
        // A spreadsheet on an old Mac ends lines with CR alone, which would make the
        // whole file one header line.
        Kind::Csv if !bytes.contains(&b'\n') => {
            return Ok(bytes
                .iter()
                .map(|&b| if b == b'\r' { b'\n' } else { b })
                .collect());
        }
        Kind::Csv | Kind::Lines => return Ok(bytes),
        Kind::Json => {
            let text = text()?.trim_start_matches('\u{feff}');
            let mut values = serde_json::Deserializer::from_str(text).into_iter::<Json>();
            let first = values.next().transpose();
            let second = values.next().transpose();
            match (first, second) {
                (Ok(Some(Json::Array(rows))), Ok(None)) => rows,
                (Ok(Some(Json::Object(row))), Ok(None)) if row.contains_key("answers") => {
                    vec![Json::Object(row)]
                }
                (Ok(Some(Json::Object(table))), Ok(None)) => by_problem(shown, table, problems)?,
                // Several objects one after another: JSON Lines, read line by line.
                (Ok(Some(Json::Object(_))), Ok(Some(_))) => return Ok(bytes),
                (Ok(_), Ok(_)) => {
                    return Err(format!(
                        "{shown}: a JSON answer file holds an object (problem → answers) or a list of rows"
                    ));
                }
                (Err(e), _) | (_, Err(e)) => {
                    // serde_json's message ends with its own "at line L column C".
                    let message = e.to_string();
                    let what = message.split(" at line ").next().unwrap_or_default();
                    return Err(format!(
                        "{shown}:{}:{}: not JSON that can be read: {what} (a number beyond \
                         what JSON holds can be written as text, \"1e400\")",
                        e.line(),
                        e.column()
                    ));
                }
            }
        }
        Kind::Toml => {
            let text = text()?.trim_start_matches('\u{feff}');
            let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
                let (line, column) = e
                    .span()
                    .map_or((1, 1), |s| nnhw_core::spec::line_column(text, s.start));
                format!(
                    "{shown}:{line}:{column}: not valid TOML: {}",
                    e.message().trim()
                )
            })?;
            let table: Map<String, Json> = table.into_iter().map(|(k, v)| (k, json(v))).collect();
            by_problem(shown, table, problems)?
        }
    };
    let mut lines = String::new();
    for row in rows {
        // A row that is no object is passed on to be reported at its line, as written.
        let _ = writeln!(lines, "{row}");
    }
    Ok(lines.into_bytes())
}

/// Rows from `{problem: {NAME: VALUE}}`; answers outside any problem's table belong to
/// the only problem asked, when there is one.
fn by_problem(
    shown: &str,
    table: Map<String, Json>,
    problems: &[String],
) -> Result<Vec<Json>, String> {
    let mut rows = Vec::new();
    let mut loose = Map::new();
    for (key, value) in table {
        match value {
            Json::Object(answers) => rows.push(row(&key, answers)),
            value => {
                loose.insert(key, value);
            }
        }
    }
    if !loose.is_empty() {
        match problems {
            [only] => rows.insert(0, row(only, loose)),
            _ => {
                let names: Vec<String> = loose
                    .keys()
                    .take(3)
                    .map(|k| format!("`{}`", clip(k, 30)))
                    .collect();
                let asked: Vec<String> = problems.iter().take(12).map(|p| clip(p, 40)).collect();
                return Err(format!(
                    "{shown}: {} outside any problem's table; put each answer under its \
                     problem's name ([{}] in TOML), one of: {}",
                    names.join(", "),
                    problems.first().map_or("problem", |p| p.as_str()),
                    asked.join(", ")
                ));
            }
        }
    }
    Ok(rows)
}

fn row(spec: &str, answers: Map<String, Json>) -> Json {
    let mut row = Map::new();
    row.insert("spec".into(), Json::String(spec.to_string()));
    row.insert("answers".into(), Json::Object(answers));
    Json::Object(row)
}

/// A TOML value as the JSON a student would have written: floats at their shortest
/// round-trip digits, non-finite ones as their names (unusable as answers, and said so).
fn json(value: toml::Value) -> Json {
    match value {
        toml::Value::String(s) => Json::String(s),
        toml::Value::Integer(i) => Json::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f)
            .map_or_else(|| Json::String(f.to_string()), Json::Number),
        toml::Value::Boolean(b) => Json::Bool(b),
        toml::Value::Datetime(d) => Json::String(d.to_string()),
        toml::Value::Array(items) => Json::Array(items.into_iter().map(json).collect()),
        toml::Value::Table(t) => Json::Object(t.into_iter().map(|(k, v)| (k, json(v))).collect()),
    }
}
