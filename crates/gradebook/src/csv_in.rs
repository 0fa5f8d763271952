//! CSV records from physical lines: RFC 4180 fields as the csv crate reads them (a field
//! that starts with `"` is quoted, `""` inside it is one `"`, and it may run over lines),
//! plus two kindnesses for hand-written files: spaces before an opening quote are
//! dropped (`a, "[1, 2]"`), and a quote that is never closed ends at its own line,
//! is reported, and the lines after it are read again as records of their own.
//!
//! A quote that is never closed must not swallow the next student's row, so a quoted
//! field stops running over lines at a line that reads, on its own, as a whole row (as
//! many fields as the header, its quotes balanced, a first cell): `s1,x,"[1, 2` followed
//! by `s2,x,"[3, 4]"` is two rows, the first reported. A line break inside a cell
//! (`"[1,⏎2]"`) still joins its lines.
//!
//! Records are assembled here rather than by the csv crate's reader so that no record can
//! grow past [`LIMIT`], an unclosed quote is found where it happens, and every record
//! knows its first line.

use std::io::{self, Read};

use crate::lines::{LIMIT, Line, Lines};

/// A quoted field may run over at most this many lines.
const MAX_LINES: usize = 1000;

/// One CSV record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Record {
    /// Its fields, as bytes.
    Fields {
        /// The line it starts on.
        line: usize,
        /// The fields.
        fields: Vec<Vec<u8>>,
        /// Set when a quote on this line was never closed.
        unclosed: bool,
    },
    /// A line over [`LIMIT`], not read.
    TooLong {
        /// The line.
        line: usize,
        /// Its length in bytes.
        length: usize,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum State {
    #[default]
    Start,
    Unquoted,
    Quoted,
    QuoteInQuoted,
}

/// Splits fields, a line at a time.
#[derive(Debug, Default)]
struct Splitter {
    fields: Vec<Vec<u8>>,
    field: Vec<u8>,
    /// Spaces seen at the start of a field, kept in case no quote follows.
    lead: usize,
    state: State,
}

impl Splitter {
    fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            match (self.state, b) {
                (State::Start, b' ' | b'\t') => self.lead += 1,
                (State::Start, b'"') => {
                    self.lead = 0;
                    self.state = State::Quoted;
                }
                (State::Start, b',') => self.end_field(),
                (State::Start, _) => {
                    self.flush_lead();
                    self.field.push(b);
                    self.state = State::Unquoted;
                }
                (State::Unquoted | State::QuoteInQuoted, b',') => self.end_field(),
                (State::Unquoted, _) => self.field.push(b),
                (State::Quoted, b'"') => self.state = State::QuoteInQuoted,
                (State::Quoted, _) => self.field.push(b),
                (State::QuoteInQuoted, b'"') => {
                    self.field.push(b'"');
                    self.state = State::Quoted;
                }
                (State::QuoteInQuoted, _) => {
                    self.field.push(b);
                    self.state = State::Unquoted;
                }
            }
        }
    }

    fn flush_lead(&mut self) {
        self.field.extend(std::iter::repeat_n(b' ', self.lead));
        self.lead = 0;
    }

    fn end_field(&mut self) {
        self.flush_lead();
        self.fields.push(std::mem::take(&mut self.field));
        self.state = State::Start;
    }

    fn open(&self) -> bool {
        self.state == State::Quoted
    }

    fn finish(mut self) -> Vec<Vec<u8>> {
        self.end_field();
        self.fields
    }
}

/// The fields of one line on its own (a quote left open ends with the line).
pub(crate) fn split_line(bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut splitter = Splitter::default();
    splitter.feed(bytes);
    splitter.finish()
}

/// Whether `bytes` reads on its own as a whole row of a `width`-field header: a quote left
/// open before it then cannot run on into it.
fn whole_row(bytes: &[u8], width: usize) -> bool {
    let mut splitter = Splitter::default();
    splitter.feed(bytes);
    if splitter.open() {
        return false;
    }
    let fields = splitter.finish();
    fields.len() == width && fields.first().is_some_and(|f| !crate::lines::blank(f))
}

/// The next record, skipping blank lines; `None` at the end. `width` is the header's
/// field count, once it is known.
pub(crate) fn next_record<R: Read>(
    lines: &mut Lines<R>,
    width: Option<usize>,
) -> io::Result<Option<Record>> {
    let (line, first) = loop {
        match lines.next_line()? {
            None => return Ok(None),
            Some(Line::TooLong { number, length }) => {
                return Ok(Some(Record::TooLong {
                    line: number,
                    length,
                }));
            }
            Some(Line::Text { bytes, .. }) if crate::lines::blank(&bytes) => {}
            Some(Line::Text { number, bytes }) => break (number, bytes),
        }
    };
    let mut splitter = Splitter::default();
    splitter.feed(&first);
    let mut size = first.len();
    let mut more: Vec<Line> = Vec::new();
    while splitter.open() {
        let next = lines.next_line()?;
        let fits = match &next {
            Some(Line::Text { bytes, .. }) => {
                size + 1 + bytes.len() <= LIMIT
                    && more.len() < MAX_LINES
                    && !width.is_some_and(|w| whole_row(bytes, w))
            }
            _ => false,
        };
        if !fits {
            // Never closed: this line is a record of its own, the rest are read again.
            more.extend(next);
            lines.unread(more);
            return Ok(Some(Record::Fields {
                line,
                fields: split_line(&first),
                unclosed: true,
            }));
        }
        if let Some(Line::Text { number, bytes }) = next {
            size += 1 + bytes.len();
            splitter.field.push(b'\n');
            splitter.feed(&bytes);
            more.push(Line::Text { number, bytes });
        }
    }
    Ok(Some(Record::Fields {
        line,
        fields: splitter.finish(),
        unclosed: false,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(input: &str) -> Vec<Record> {
        let mut lines = Lines::new(input.as_bytes());
        let mut out = Vec::new();
        while let Some(r) = next_record(&mut lines, Some(3)).unwrap() {
            out.push(r);
        }
        out
    }

    fn fields(line: usize, fields: &[&str], unclosed: bool) -> Record {
        Record::Fields {
            line,
            fields: fields.iter().map(|f| f.as_bytes().to_vec()).collect(),
            unclosed,
        }
    }

    #[test]
    fn quoted_fields_as_rfc_4180_reads_them() {
        assert_eq!(
            split_line(b"a,,\"b,c\",\"x\"\"y\""),
            vec![
                b"a".to_vec(),
                b"".to_vec(),
                b"b,c".to_vec(),
                b"x\"y".to_vec()
            ]
        );
        assert_eq!(
            split_line(b"a, \"[1, 2]\", b c"),
            vec![b"a".to_vec(), b"[1, 2]".to_vec(), b" b c".to_vec()]
        );
        assert_eq!(split_line(b""), vec![b"".to_vec()]);
        assert_eq!(split_line(b"x\"y\""), vec![b"x\"y\"".to_vec()]);
    }

    #[test]
    fn a_quoted_field_runs_over_lines() {
        assert_eq!(
            records("a,\"b\nc\",d\n\ne,f\n"),
            vec![
                fields(1, &["a", "b\nc", "d"], false),
                fields(4, &["e", "f"], false)
            ]
        );
    }

    #[test]
    fn an_unclosed_quote_does_not_swallow_the_next_row() {
        assert_eq!(
            records("s1,x,\"[1, 2\ns2,x,\"[3, 4]\"\ns3,x,5\n"),
            vec![
                fields(1, &["s1", "x", "[1, 2"], true),
                fields(2, &["s2", "x", "[3, 4]"], false),
                fields(3, &["s3", "x", "5"], false)
            ]
        );
        // A row that leaves its own quote open is not a whole row: it may be the tail.
        assert_eq!(
            records("s1,x,\"[1,\n2, 3]\"\ns2,x,4\n"),
            vec![
                fields(1, &["s1", "x", "[1,\n2, 3]"], false),
                fields(3, &["s2", "x", "4"], false)
            ]
        );
    }

    #[test]
    fn an_unclosed_quote_ends_at_its_line_and_the_rest_is_read_again() {
        assert_eq!(
            records("a,\"b\nc,d\ne,f"),
            vec![
                fields(1, &["a", "b"], true),
                fields(2, &["c", "d"], false),
                fields(3, &["e", "f"], false)
            ]
        );
    }
}
