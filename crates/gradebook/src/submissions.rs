//! Submissions read from CSV or JSON Lines into rows, a chunk at a time; what is wrong with
//! a row is noted on it, never raised.

use std::io::Read;
use std::sync::Arc;

use nnhw_grade::clip;

use crate::csv_in::{Record, next_record};
use crate::json_in::json_row;
use crate::lines::{LIMIT, Line, Lines, blank};
use crate::row::{Item, Row, ours, too_long};
use crate::{Error, Shard, Summary};

/// What a row without a student is told.
const NO_STUDENT: &str = "no student";

enum Layout {
    Csv {
        /// The header's names, trimmed, up to the last named column.
        columns: Vec<Arc<str>>,
        /// How many fields the header has (unnamed ones at its end included).
        width: usize,
        /// Per column, whether its values are dropped (it names no answer to grade).
        ignored: Vec<bool>,
        /// The header's line.
        line: usize,
    },
    Json,
}

/// The rows of one input.
pub(crate) struct Submissions<R> {
    lines: Lines<R>,
    layout: Layout,
    source: String,
    shard: Option<Shard>,
    /// Whose every row is, whatever it says (see `Options::as_student`).
    owner: Option<String>,
}

impl<R: Read> Submissions<R> {
    /// Takes every row as `owner`'s, when given.
    pub(crate) fn as_student(&mut self, owner: Option<String>) {
        self.owner = owner;
    }

    /// Reads up to the first row: the CSV header, or the first JSON line (`{`).
    pub(crate) fn open(read: R, source: &str, shard: Option<Shard>) -> Result<Self, Error> {
        let mut lines = Lines::new(read);
        let reading = |error| Error::Read {
            source: source.to_string(),
            error,
        };
        let first = loop {
            match lines.next_line().map_err(reading)? {
                None => {
                    return Err(Error::Input(format!(
                        "{source}: no submissions: the first line must be the header \
                         `student,spec,NAME,...` or a JSON object"
                    )));
                }
                Some(Line::TooLong { number, .. }) => {
                    return Err(Error::Input(format!(
                        "{source}:{number}: the first line is over {} MB; it must be the \
                         header `student,spec,NAME,...` or a JSON object",
                        LIMIT >> 20
                    )));
                }
                Some(Line::Text { bytes, .. }) if blank(&bytes) => {}
                Some(line @ Line::Text { .. }) => break line,
            }
        };
        let json = matches!(&first, Line::Text { bytes, .. }
            if bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{'));
        lines.unread(vec![first]);
        let layout = if json {
            Layout::Json
        } else {
            let (line, columns, width) = header(&mut lines, source)?;
            Layout::Csv {
                ignored: vec![false; columns.len()],
                columns,
                width,
                line,
            }
        };
        Ok(Submissions {
            lines,
            layout,
            source: source.to_string(),
            shard,
            owner: None,
        })
    }

    /// Drops the CSV answer columns that `known` refuses, so that their values are neither
    /// graded nor reported row by row, and returns one message for each:
    /// `source:LINE: column `x` is no graded answer of any spec; ignored`.
    pub(crate) fn drop_unknown(&mut self, known: impl Fn(&str) -> bool) -> Vec<String> {
        let Layout::Csv {
            columns,
            ignored,
            line,
            ..
        } = &mut self.layout
        else {
            return Vec::new();
        };
        let mut messages = Vec::new();
        for (i, name) in columns.iter().enumerate().skip(2) {
            if !known(name) {
                ignored[i] = true;
                messages.push(format!(
                    "{}:{line}: column `{}` is no graded answer of any spec; ignored",
                    self.source,
                    clip(name, 40)
                ));
            }
        }
        messages
    }

    /// The next rows of this shard, at most `max`; empty at the end.
    pub(crate) fn chunk(&mut self, max: usize, summary: &mut Summary) -> Result<Vec<Row>, Error> {
        let mut rows = Vec::new();
        while rows.len() < max {
            let next = match &self.layout {
                Layout::Csv {
                    columns,
                    width,
                    ignored,
                    ..
                } => next_record(&mut self.lines, Some(*width)).map(|r| {
                    r.and_then(|r| csv_row(r, Header::new(columns, ignored, *width), self.shard))
                }),
                Layout::Json => self
                    .lines
                    .next_line()
                    .map(|l| l.and_then(|l| json_row(l, self.shard))),
            };
            let next = next.map_err(|error| Error::Read {
                source: self.source.clone(),
                error,
            })?;
            match next {
                None => break,
                Some(Item::Blank) => {}
                Some(Item::Elsewhere) => {
                    summary.submissions += 1;
                    summary.skipped_other_shards += 1;
                }
                Some(Item::Row(mut row)) => {
                    summary.submissions += 1;
                    if let Some(owner) = &self.owner {
                        row.claim(owner);
                    }
                    rows.push(row);
                }
            }
        }
        Ok(rows)
    }
}

/// The header's line, its names and how many fields it has.
fn header<R: Read>(
    lines: &mut Lines<R>,
    source: &str,
) -> Result<(usize, Vec<Arc<str>>, usize), Error> {
    let record = next_record(lines, None).map_err(|error| Error::Read {
        source: source.to_string(),
        error,
    })?;
    let wrong = |line: usize, what: String| {
        Error::Input(format!(
            "{source}:{line}: {what}; the first line must be the header `student,spec,NAME,...` \
             (or the input JSON Lines)"
        ))
    };
    let (line, fields) = match record {
        Some(Record::Fields {
            line,
            fields,
            unclosed: false,
        }) => (line, fields),
        Some(Record::Fields { line, .. }) => {
            return Err(wrong(line, "a quote in the header is never closed".into()));
        }
        Some(Record::TooLong { line, .. }) => {
            return Err(wrong(
                line,
                format!("the header is over {} MB", LIMIT >> 20),
            ));
        }
        None => return Err(wrong(1, "no header".into())),
    };
    let mut columns: Vec<Arc<str>> = Vec::with_capacity(fields.len());
    for field in &fields {
        let Ok(text) = std::str::from_utf8(field) else {
            return Err(wrong(line, "the header is not UTF-8".into()));
        };
        columns.push(Arc::from(text.trim()));
    }
    let shown = || clip(&String::from_utf8_lossy(&fields.join(&b","[..])), 60);
    if columns.len() < 2
        || !columns[0].eq_ignore_ascii_case("student")
        || !columns[1].eq_ignore_ascii_case("spec")
    {
        // A spreadsheet set to a language with decimal commas saves CSV with `;`.
        let semicolons = columns.len() == 1 && columns[0].contains(';');
        let hint = if semicolons {
            " (its cells are separated by `;`: save the CSV with commas)"
        } else {
            ""
        };
        return Err(wrong(line, format!("it is `{}`{hint}", shown())));
    }
    let width = columns.len();
    let named = columns
        .iter()
        .rposition(|c| !c.is_empty())
        .map_or(0, |i| i + 1);
    columns.truncate(named);
    let mut seen = std::collections::HashSet::with_capacity(columns.len());
    for (i, name) in columns.iter().enumerate().skip(2) {
        if name.is_empty() {
            return Err(wrong(line, format!("column {} has no name", i + 1)));
        }
        if !seen.insert(name.clone()) {
            return Err(wrong(
                line,
                format!("column `{}` appears twice", clip(name, 40)),
            ));
        }
    }
    Ok((line, columns, width))
}

fn decode(bytes: Vec<u8>, bad: &mut bool) -> String {
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            *bad = true;
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    }
}

/// What a CSV row needs of the header.
#[derive(Clone, Copy)]
struct Header<'h> {
    columns: &'h [Arc<str>],
    ignored: &'h [bool],
    width: usize,
}

impl<'h> Header<'h> {
    fn new(columns: &'h [Arc<str>], ignored: &'h [bool], width: usize) -> Self {
        Header {
            columns,
            ignored,
            width,
        }
    }
}

fn csv_row(record: Record, header: Header<'_>, shard: Option<Shard>) -> Option<Item> {
    let Header {
        columns,
        ignored,
        width,
    } = header;
    let (line, fields, unclosed) = match record {
        Record::TooLong { line, length } => {
            return Some(if ours(shard, "") {
                Item::Row(too_long(line, length))
            } else {
                Item::Elsewhere
            });
        }
        Record::Fields {
            line,
            fields,
            unclosed,
        } => (line, fields, unclosed),
    };
    if fields.iter().all(|f| blank(f)) {
        return Some(Item::Blank);
    }
    let count = fields.len();
    let mut bad = false;
    let mut cells = fields.into_iter().map(|f| decode(f, &mut bad));
    let student = cells.next().unwrap_or_default().trim().to_string();
    if !ours(shard, &student) {
        return Some(Item::Elsewhere);
    }
    let spec = cells.next().unwrap_or_default().trim().to_string();
    let mut row = Row {
        line,
        ..Row::default()
    };
    let mut unnamed = Vec::new();
    for (i, cell) in cells.enumerate() {
        let value = cell.trim();
        if value.is_empty() {
            continue;
        }
        match columns.get(i + 2) {
            Some(_) if ignored.get(i + 2) == Some(&true) => {}
            Some(name) => row.answers.push((name.clone(), value.to_string())),
            None if i + 2 < width => unnamed.push(i + 3),
            None => {}
        }
    }
    if unclosed {
        row.problems.push(
            "a quote opened on this line is never closed; the line was read on its own".into(),
        );
    }
    if bad {
        row.problems
            .push("not UTF-8: the bad bytes were read as �".into());
    }
    if count < columns.len().max(2) || count > width {
        row.problems
            .push(format!("{count} fields, but the header has {width}"));
    }
    if !unnamed.is_empty() {
        row.problems.push(format!(
            "a value in column {} (the header names no answer there); not graded",
            unnamed
                .iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    row.finish(student, spec);
    Some(Item::Row(row))
}

impl Row {
    /// Makes the row `owner`'s. A row that named nobody loses its "no student" problem;
    /// one that named somebody else says whose it was taken to be.
    pub(crate) fn claim(&mut self, owner: &str) {
        if self.student.is_empty() {
            self.problems.retain(|p| p != NO_STUDENT);
            // A row never finished (unreadable) has no spec either, so stays ungradable.
            self.gradable = !self.spec.is_empty();
        } else if self.student != owner {
            self.problems.push(format!(
                "the row names student `{}`; graded as {}'s",
                clip(&self.student, 40),
                clip(owner, 40)
            ));
        }
        self.student = owner.to_string();
    }

    /// Sets the student and spec, and whether the row can be graded.
    pub(crate) fn finish(&mut self, student: String, spec: String) {
        if student.is_empty() {
            self.problems.push(NO_STUDENT.into());
        }
        if spec.is_empty() {
            self.problems.push("no spec".into());
        }
        self.gradable = !student.is_empty() && !spec.is_empty();
        self.student = student;
        self.spec = spec;
    }
}
