//! Physical lines of the input, numbered from 1, each at most [`LIMIT`] bytes: a longer
//! line is skipped (its bytes are read and dropped) and reported, so no line can take the
//! memory. Lines may be handed back ([`Lines::unread`]) to be read again.

use std::collections::VecDeque;
use std::io::{self, BufRead, BufReader, ErrorKind, Read};

/// The longest line (and the longest CSV record) read, in bytes.
pub(crate) const LIMIT: usize = 1 << 20;

/// The longest line skipped before reading stops: a stream with no line ends (`/dev/zero`
/// on standard input) is no text, and skipping it would never end.
const SKIP_LIMIT: usize = 64 * LIMIT;

/// One physical line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Line {
    /// A line's bytes, without its `\n` or `\r\n`.
    Text {
        /// Its number, from 1.
        number: usize,
        /// Its bytes.
        bytes: Vec<u8>,
    },
    /// A line longer than [`LIMIT`], not kept.
    TooLong {
        /// Its number, from 1.
        number: usize,
        /// How long it was, in bytes.
        length: usize,
    },
}

/// The lines of a reader.
pub(crate) struct Lines<R> {
    inner: BufReader<R>,
    next: usize,
    again: VecDeque<Line>,
}

impl<R: Read> Lines<R> {
    pub(crate) fn new(read: R) -> Lines<R> {
        Lines {
            inner: BufReader::with_capacity(64 * 1024, read),
            next: 1,
            again: VecDeque::new(),
        }
    }

    /// Puts lines back, to be read next, in the order given.
    pub(crate) fn unread(&mut self, lines: Vec<Line>) {
        for line in lines.into_iter().rev() {
            self.again.push_front(line);
        }
    }

    /// The next line, or `None` at the end.
    pub(crate) fn next_line(&mut self) -> io::Result<Option<Line>> {
        if let Some(line) = self.again.pop_front() {
            return Ok(Some(line));
        }
        let mut bytes = Vec::new();
        let mut length = 0usize;
        let mut ended = false;
        loop {
            let buffer = match self.inner.fill_buf() {
                Ok(buffer) => buffer,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buffer.is_empty() {
                break;
            }
            let (take, consumed) = match buffer.iter().position(|&b| b == b'\n') {
                Some(i) => {
                    ended = true;
                    (i, i + 1)
                }
                None => (buffer.len(), buffer.len()),
            };
            length += take;
            if length > SKIP_LIMIT {
                return Err(io::Error::new(
                    ErrorKind::InvalidData,
                    format!(
                        "line {} runs on for over {} MB without a line end; this is not text, reading stopped",
                        self.next,
                        SKIP_LIMIT >> 20
                    ),
                ));
            }
            if length <= LIMIT {
                bytes.extend_from_slice(&buffer[..take]);
            } else if !bytes.is_empty() {
                bytes = Vec::new();
            }
            self.inner.consume(consumed);
            if ended {
                break;
            }
        }
        if !ended && length == 0 {
            return Ok(None);
        }
        let number = self.next;
        self.next += 1;
        if length > LIMIT {
            return Ok(Some(Line::TooLong { number, length }));
        }
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
        if number == 1 && bytes.starts_with(b"\xEF\xBB\xBF") {
            bytes.drain(..3);
        }
        Ok(Some(Line::Text { number, bytes }))
    }
}

/// Whether a line holds nothing but white space.
pub(crate) fn blank(bytes: &[u8]) -> bool {
    bytes.iter().all(u8::is_ascii_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(input: &[u8]) -> Vec<Line> {
        let mut lines = Lines::new(input);
        let mut out = Vec::new();
        while let Some(line) = lines.next_line().unwrap() {
            out.push(line);
        }
        out
    }

    fn text(number: usize, bytes: &[u8]) -> Line {
        Line::Text {
            number,
            bytes: bytes.to_vec(),
        }
    }

    #[test]
    fn splits_numbers_and_strips_line_ends() {
        assert_eq!(
            all(b"\xEF\xBB\xBFa\r\n\nb"),
            vec![text(1, b"a"), text(2, b""), text(3, b"b")]
        );
        assert_eq!(all(b"a\n"), vec![text(1, b"a")]);
        assert_eq!(all(b""), vec![]);
    }

    #[test]
    fn a_long_line_is_dropped_and_reading_goes_on() {
        let mut input = vec![b'x'; LIMIT + 10];
        input.extend_from_slice(b"\nnext\n");
        assert_eq!(
            all(&input),
            vec![
                Line::TooLong {
                    number: 1,
                    length: LIMIT + 10
                },
                text(2, b"next")
            ]
        );
    }

    #[test]
    fn lines_put_back_come_first() {
        let mut lines = Lines::new(&b"a\nb\nc\n"[..]);
        let a = lines.next_line().unwrap().unwrap();
        let b = lines.next_line().unwrap().unwrap();
        lines.unread(vec![a.clone(), b.clone()]);
        assert_eq!(lines.next_line().unwrap(), Some(a));
        assert_eq!(lines.next_line().unwrap(), Some(b));
        assert_eq!(lines.next_line().unwrap(), Some(text(3, b"c")));
        assert_eq!(lines.next_line().unwrap(), None);
    }
}
