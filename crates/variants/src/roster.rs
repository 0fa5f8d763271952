//! A roster: student ids from the first column of a CSV, one per row (read by csv: cells
//! trimmed, quotes honoured, rows of any length). A first row whose first cell names the
//! column (`student`, `Student ID`, `SIS User ID`, `email`, …) is a header and skipped.

use std::path::Path;

use nnhw_core::SpecError;

use crate::names::MAX_ID_CHARS;

/// Words that, in a first row's first cell, name the column rather than a student.
const HEADER_WORDS: [&str; 12] = [
    "student", "students", "id", "sid", "email", "login", "username", "user", "name", "learner",
    "netid", "sis",
];

/// Largest roster read: 10⁵ students with long ids fit in a few MB.
const MAX_ROSTER_BYTES: u64 = 16 * 1024 * 1024;

/// Reads the roster at `path` (named `file` in messages): a regular UTF-8 file.
pub fn read(path: &Path, file: &str) -> Result<Vec<String>, SpecError> {
    ids(file, &read_text(path, file)?)
}

/// The roster's text, without a byte-order mark.
fn read_text(path: &Path, file: &str) -> Result<String, SpecError> {
    let whole = |message: String| SpecError::whole_file(file, message);
    let metadata = std::fs::metadata(path).map_err(|e| whole(format!("cannot read: {e}")))?;
    if !metadata.is_file() {
        return Err(whole(
            "not a regular file: a roster is a CSV file with a student id per row".into(),
        ));
    }
    if metadata.len() > MAX_ROSTER_BYTES {
        return Err(whole(format!(
            "{} bytes; a roster may have at most {MAX_ROSTER_BYTES}",
            metadata.len()
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| whole(format!("cannot read: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        located(
            file,
            line as u64,
            "not UTF-8 text: save the roster as UTF-8 CSV".into(),
        )
    })?;
    Ok(text.trim_start_matches('\u{feff}').to_string())
}

/// Whether a first cell names the column: a known word, alone or among the cell's words.
fn is_header(cell: &str) -> bool {
    let lower = cell.to_lowercase();
    let joined: String = lower.chars().filter(|c| c.is_alphanumeric()).collect();
    let known = |w: &str| HEADER_WORDS.contains(&w);
    known(&joined)
        || [
            "studentid",
            "userid",
            "sisuserid",
            "sisloginid",
            "learnerid",
        ]
        .contains(&joined.as_str())
        || (lower.contains(char::is_whitespace)
            && lower.split(|c: char| !c.is_alphanumeric()).any(known))
}

/// The ids in `text` (the roster file named `file`), in order; a repeated id, an empty
/// first cell or an unreadable row is an error naming its line.
pub fn ids(file: &str, text: &str) -> Result<Vec<String>, SpecError> {
    Ok(rows(file, text)?.1.into_iter().map(|r| r.id).collect())
}

/// A student on a roster, with what else the row says of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The student id: the first column.
    pub id: String,
    /// The line the row is on.
    pub line: u64,
    /// The cells of the columns whose header names an email address (`email`, `E-mail`,
    /// `Email Address`), non-empty ones only.
    pub emails: Vec<String>,
    /// The cells of the other columns whose header names a student number (`sid`,
    /// `Student ID`, `SIS User ID`, `Student Number`), non-empty ones only.
    pub sids: Vec<String>,
}

/// The people on the roster at `path` (named `file`), read as [`read`] reads the ids.
/// Without a header row, only their ids.
pub fn people(path: &Path, file: &str) -> Result<Vec<Person>, SpecError> {
    let text = read_text(path, file)?;
    let (header, rows) = rows(file, &text)?;
    let kind = |cell: &str| {
        let joined: String = cell
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        match joined.as_str() {
            "email" | "emailaddress" | "mail" => Some(true),
            "sid" | "studentid" | "sisuserid" | "studentnumber" | "sisid" => Some(false),
            _ => None,
        }
    };
    let columns: Vec<(usize, bool)> = header
        .iter()
        .flat_map(|h| h.iter().enumerate().skip(1))
        .filter_map(|(i, cell)| kind(cell).map(|email| (i, email)))
        .collect();
    Ok(rows
        .into_iter()
        .map(|row| {
            let cells = |email: bool| {
                columns
                    .iter()
                    .filter(|(_, e)| *e == email)
                    .filter_map(|(i, _)| row.record.get(*i))
                    .filter(|c| !c.is_empty())
                    .map(str::to_string)
                    .collect()
            };
            Person {
                emails: cells(true),
                sids: cells(false),
                id: row.id,
                line: row.line,
            }
        })
        .collect())
}

/// A roster's row.
struct Row {
    id: String,
    line: u64,
    record: csv::StringRecord,
}

/// The header row, when the roster has one, and the rows.
fn rows(file: &str, text: &str) -> Result<(Option<csv::StringRecord>, Vec<Row>), SpecError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut ids: Vec<Row> = Vec::new();
    let mut header = None;
    let mut lines: std::collections::HashMap<String, u64> = std::collections::HashMap::new();
    let mut record = csv::StringRecord::new();
    let mut first = true;
    loop {
        // The physical line the next record starts on: csv skips blank lines before it
        // and counts them only once the record is read, so its own position (and its
        // index) would name the first blank line.
        let at = reader.position();
        let blank = (text
            .as_bytes()
            .get(at.byte() as usize..)
            .unwrap_or_default())
        .iter()
        .take_while(|&&b| b == b'\n' || b == b'\r')
        .filter(|&&b| b == b'\n')
        .count();
        let line = at.line() + blank as u64;
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let at = e.position().map_or(line, |p| p.line());
                return Err(located(file, at, format!("not a CSV row: {e}")));
            }
        }
        let id = first_cell(&record).map_err(|m| located(file, line, m))?;
        if std::mem::take(&mut first) && is_header(&id) {
            header = Some(record.clone());
            continue;
        }
        if id.is_empty() {
            if record.iter().all(str::is_empty) {
                continue;
            }
            return Err(located(
                file,
                line,
                "the first column (the student id) is empty".into(),
            ));
        }
        if id.chars().count() > MAX_ID_CHARS || id.chars().any(char::is_control) {
            return Err(located(
                file,
                line,
                format!(
                    "student id `{}`: an id has at most {MAX_ID_CHARS} characters, none of them control characters",
                    nnhw_core::text::one_line(&id, 40)
                ),
            ));
        }
        if let Some(first) = lines.get(&id) {
            return Err(located(
                file,
                line,
                format!(
                    "student `{}` is already on line {first}",
                    nnhw_core::text::one_line(&id, 40)
                ),
            ));
        }
        lines.insert(id.clone(), line);
        ids.push(Row {
            id,
            line,
            record: record.clone(),
        });
    }
    if ids.is_empty() {
        return Err(SpecError::whole_file(
            file,
            "no student ids (the first column of each row)",
        ));
    }
    Ok((header, ids))
}

/// The first cell, trimmed, and unquoted when it was quoted after spaces (` "s1",Ann`):
/// csv honours a quote only at a field's very start, so a spreadsheet's padded export
/// would otherwise keep its quotes as part of the id.
fn first_cell(record: &csv::StringRecord) -> Result<String, String> {
    let cell = record.get(0).unwrap_or("");
    let Some(inner) = cell.strip_prefix('"') else {
        return Ok(cell.to_string());
    };
    match inner.strip_suffix('"') {
        Some(inner) if !inner.replace("\"\"", "").contains('"') => Ok(inner.replace("\"\"", "\"")),
        _ => Err(format!(
            "the student id `{}` opens a quote after a space, and csv reads a quote only at a cell's start: remove the spaces before the quote",
            nnhw_core::text::one_line(cell, 40)
        )),
    }
}

fn located(file: &str, line: u64, message: String) -> SpecError {
    SpecError {
        file: file.to_string(),
        location: Some((line as usize, 1)),
        field: String::new(),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_column_with_a_header_skipped_and_repeats_refused() {
        let read = ids(
            "r.csv",
            "Student,name\nalice,Alice A\n\"bob, jr\",Bob\n\n42\n",
        )
        .unwrap();
        assert_eq!(read, ["alice", "bob, jr", "42"]);
        let e = ids_err("alice\nbob\nalice\n");
        assert_eq!(
            (e.location, e.message.as_str()),
            (Some((3, 1)), "student `alice` is already on line 1")
        );
        assert_eq!(ids_err(",x\n").location, Some((1, 1)));
        assert!(ids_err("student\n").message.starts_with("no student ids"));
        for header in [
            "Student ID",
            "SIS User ID",
            "student_id",
            "Email",
            "NetID",
            "Name",
        ] {
            assert_eq!(
                ids("r.csv", &format!("{header},x\ns1,y\n")).unwrap(),
                ["s1"],
                "{header}"
            );
        }
        assert_eq!(ids("r.csv", "s1\ns2\n").unwrap(), ["s1", "s2"]);
        let e = ids_err("a\nb\u{7}c\n");
        assert_eq!(e.location, Some((2, 1)), "{e}");
    }

    #[test]
    fn quotes_after_spaces_are_honoured_and_lines_are_physical() {
        let read = ids("r.csv", " \"s1\" , Ann\n  s2 ,Bob\n\"s\"\"3\",x\n").unwrap();
        assert_eq!(read, ["s1", "s2", "s\"3"]);
        let e = ids_err(" \"bob, jr\",Bob\n");
        assert_eq!(e.location, Some((1, 1)), "{e}");
        assert!(
            e.message.contains("remove the spaces before the quote"),
            "{e}"
        );
        // Blank lines (and a header) before a repeat: the line is the file's own.
        let e = ids_err("student,name\n\n\nann,A\n\n\n\nbob,B\n\nann,A\n");
        assert_eq!(
            (e.location, e.message.as_str()),
            (Some((10, 1)), "student `ann` is already on line 4")
        );
        let e = ids_err("a\n\n\n,x\n");
        assert_eq!(e.location, Some((4, 1)), "{e}");
        let e = ids_err("a\r\n\r\nb\u{7}c\r\n");
        assert_eq!(e.location, Some((3, 1)), "{e}");
    }

    #[test]
    fn people_carry_the_emails_and_student_numbers_their_row_names() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.csv");
        std::fs::write(
            &path,
            "student,Name,E-mail,SID\ns1,Ann,ann@x.edu,123\n\ns2,Bob,,\n",
        )
        .unwrap();
        let read = people(&path, "r.csv").unwrap();
        assert_eq!(
            read[0],
            Person {
                id: "s1".into(),
                line: 2,
                emails: vec!["ann@x.edu".into()],
                sids: vec!["123".into()]
            }
        );
        assert_eq!((read[1].line, read[1].emails.len()), (4, 0));
        std::fs::write(&path, "s1,ann@x.edu\n").unwrap();
        assert!(people(&path, "r.csv").unwrap()[0].emails.is_empty());
    }

    fn ids_err(text: &str) -> SpecError {
        ids("r.csv", text).unwrap_err()
    }
}
