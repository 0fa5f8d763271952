//! A roster: student ids from the first column of a CSV, one per row. A first row whose
//! first cell is a column name (`student`, `id`, `email`, …) is a header and skipped.

use nnhw_core::SpecError;

/// First cells that name the column rather than a student.
const HEADERS: [&str; 9] = [
    "student",
    "students",
    "id",
    "student_id",
    "studentid",
    "sid",
    "email",
    "login",
    "username",
];

/// The ids in `text` (the roster file named `file`), in order; a repeated id, an empty
/// first cell or an unreadable row is an error naming its line.
pub fn ids(file: &str, text: &str) -> Result<Vec<String>, SpecError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut ids: Vec<String> = Vec::new();
    let mut lines: std::collections::HashMap<String, u64> = std::collections::HashMap::new();
    for (i, record) in reader.records().enumerate() {
        let line = |r: &csv::StringRecord| r.position().map_or(i as u64 + 1, |p| p.line());
        let record = record.map_err(|e| {
            let at = e.position().map_or(i as u64 + 1, |p| p.line());
            located(file, at, format!("not a CSV row: {e}"))
        })?;
        let id = record.get(0).unwrap_or("").trim().to_string();
        if i == 0 && HEADERS.contains(&id.to_ascii_lowercase().as_str()) {
            continue;
        }
        if id.is_empty() {
            if record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            return Err(located(
                file,
                line(&record),
                "the first column (the student id) is empty".into(),
            ));
        }
        if let Some(first) = lines.get(&id) {
            return Err(located(
                file,
                line(&record),
                format!(
                    "student `{}` is already on line {first}",
                    nnhw_core::text::one_line(&id, 40)
                ),
            ));
        }
        lines.insert(id.clone(), line(&record));
        ids.push(id);
    }
    if ids.is_empty() {
        return Err(SpecError::whole_file(
            file,
            "no student ids (the first column of each row)",
        ));
    }
    Ok(ids)
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
        let ids = ids(
            "r.csv",
            "Student,name\nalice,Alice A\n\"bob, jr\",Bob\n\n42\n",
        )
        .unwrap();
        assert_eq!(ids, ["alice", "bob, jr", "42"]);
        let e = ids_err("alice\nbob\nalice\n");
        assert_eq!(
            (e.location, e.message.as_str()),
            (Some((3, 1)), "student `alice` is already on line 1")
        );
        assert_eq!(ids_err(",x\n").location, Some((1, 1)));
        assert!(ids_err("student\n").message.starts_with("no student ids"));
    }

    fn ids_err(text: &str) -> SpecError {
        ids("r.csv", text).unwrap_err()
    }
}
