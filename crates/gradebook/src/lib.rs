//! nnhw-gradebook: a whole class's submissions graded against solved specs.
//!
//! Course staff hand in one file of submissions, CSV (`student,spec,NAME,...`) or JSON
//! Lines (`{"student", "spec", "answers": {NAME: VALUE}}`), and the specs to grade against,
//! already solved ([`Book`]). This crate streams the submissions, finds each row's spec
//! (by variant id, by `<spec>-<student>`, by file name or stem), judges every answer with
//! [`nnhw_grade::judge()`] — the very function `runner --answer` uses — and writes a
//! gradebook: CSV, one JSON object per submission, or Gradescope `results.json` objects
//! ([`grade`]), or one Gradescope `results.json` file per student ([`write_results`]).
//!
//! A malformed row (wrong field count, no student, bad JSON, not UTF-8, an unknown spec,
//! another student's variant, an answer the spec does not have, a line over 1 MB) is
//! reported on one line naming `source:LINE:`, graded as far as it can be, and never
//! stops the rest of the class. Answer names match exactly, or else ignoring ASCII case;
//! a CSV column that no spec grades is reported once, at the header, and ignored.
//!
//! Memory stays flat as the class grows: rows are read in chunks, each chunk is judged in
//! parallel (rayon) and written in input order, and nothing of a written chunk is kept.
//! The one exception is [`write_results`], which gathers each student's submissions
//! before writing the student's file. Specs are solved once, by the caller; grading only
//! judges.
//!
//! It is not a grading rule (every verdict is nnhw-grade's), not a solver (the [`Book`]
//! holds solved specs) and not a CLI (`runner grade` parses arguments, walks directories,
//! solves the specs and calls [`grade`]).

mod book;
mod csv_in;
mod grading;
mod json_in;
mod lines;
mod output;
mod results;
mod shard;
mod submissions;

use std::fmt;
use std::io::{BufWriter, Read, Write};

pub use book::Book;
pub use results::write_results;
pub use shard::Shard;

use grading::Processed;
use submissions::Submissions;

/// How many rows are read, judged in parallel, and written at a time.
const CHUNK: usize = 4096;

/// What [`grade`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// `student,spec,score,max_score,NAME,...`, each NAME cell right, wrong, unusable,
    /// missing, or empty where the row's spec has no such graded answer.
    #[default]
    Csv,
    /// One JSON object per submission per line, with every verdict's detail.
    Json,
    /// One Gradescope `results.json` object per submission per line.
    Gradescope,
}

/// How to grade.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The gradebook's format.
    pub format: Format,
    /// Show the right answer after a wrong one (JSON and Gradescope output).
    pub reveal: bool,
    /// Grade only the students of this shard; `None`: every student.
    pub shard: Option<Shard>,
    /// Also write one Gradescope `results.json` per student under this directory (see
    /// [`write_results`]), from the same pass.
    pub results: Option<std::path::PathBuf>,
}

/// What a run saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    /// Rows read (blank lines aside), in every shard.
    pub submissions: usize,
    /// Rows graded: their spec was found and a line was written for them.
    pub graded: usize,
    /// Rows reported on the error stream (malformed, unknown spec, an answer the spec does
    /// not grade, a variant drawn for another student, in [`write_results`] a second
    /// submission of a spec); many of them are graded as well. A CSV header column that
    /// no spec grades is reported once, at the header, and counted here once.
    pub problems: usize,
    /// Rows left to other shards.
    pub skipped_other_shards: usize,
}

/// Why grading stopped.
#[derive(Debug)]
pub enum Error {
    /// The input cannot be read as submissions at all (empty, no or a garbled header):
    /// `source:LINE: what is wrong`.
    Input(String),
    /// Reading the input failed.
    Read {
        /// The input, as named.
        source: String,
        /// What failed.
        error: std::io::Error,
    },
    /// Writing the gradebook, a message or a results file failed (a closed pipe included:
    /// the caller decides whether that is an error).
    Write {
        /// What was being written.
        target: String,
        /// What failed.
        error: std::io::Error,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Input(message) => f.write_str(message),
            Error::Read { source, error } => write!(f, "{source}: cannot read: {error}"),
            Error::Write { target, error } => write!(f, "cannot write {target}: {error}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Input(_) => None,
            Error::Read { error, .. } | Error::Write { error, .. } => Some(error),
        }
    }
}

/// The io error under a csv writer's error, with its kind kept (csv's own conversion
/// makes every error `Other`, which would hide a closed pipe from the caller).
fn io_error(e: csv::Error) -> std::io::Error {
    match e.kind() {
        csv::ErrorKind::Io(io) => std::io::Error::new(io.kind(), io.to_string()),
        _ => std::io::Error::other(e),
    }
}

fn write_error(target: &str) -> impl Fn(std::io::Error) -> Error + '_ {
    move |error| Error::Write {
        target: target.to_string(),
        error,
    }
}

/// Grades every submission in `input` (CSV with the header `student,spec,NAME,...`, or
/// JSON Lines when the first non-blank byte is `{`), writes the gradebook to `out` in
/// `options.format` and one line per problem row to `err` (`source:LINE: what`).
///
/// Rows are written in input order; a row whose spec cannot be found (or names a variant
/// drawn for another student who has one of their own: see [`Book::new`]) is reported and
/// not written. A JSON number beyond f64 (`1e400`) is read as the text it is, as a CSV
/// cell would be. An error is returned only when the input has no usable header, cannot be
/// read, or an output cannot be written.
pub fn grade(
    book: &Book,
    input: impl Read,
    source: &str,
    options: &Options,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Summary, Error> {
    let mut summary = Summary::default();
    let mut rows = open(book, input, source, options, &mut summary, err)?;
    let mut students = options
        .results
        .as_ref()
        .map(|_| results::Students::default());
    let wrote = write_error("the gradebook");
    let mut sink = match options.format {
        Format::Csv => {
            let mut csv = csv::Writer::from_writer(out);
            let mut header = vec!["student", "spec", "score", "max_score"];
            header.extend(book.names().iter().map(String::as_str));
            csv.write_record(&header).map_err(|e| wrote(io_error(e)))?;
            Sink::Csv(Box::new(csv))
        }
        Format::Json | Format::Gradescope => Sink::Lines(BufWriter::new(out)),
    };
    loop {
        let chunk = rows.chunk(CHUNK, &mut summary)?;
        if chunk.is_empty() {
            break;
        }
        let processed = grading::process(book, chunk, source, |graded| {
            let part = students
                .is_some()
                .then(|| results::part(graded, options.reveal));
            (output::render(book, graded, options), part)
        });
        for Processed { output, problems } in processed {
            let mut problems = problems;
            let output = output.map(|(rendered, part)| {
                if let (Some(students), Some((student, part))) = (students.as_mut(), part) {
                    let line = part.line;
                    if let Some(again) = students.add(student, part) {
                        problems = Some(match problems.take() {
                            Some(earlier) => format!("{earlier}; {again}"),
                            None => format!("{source}:{line}: {again}"),
                        });
                    }
                }
                rendered
            });
            if let Some(line) = problems {
                summary.problems += 1;
                writeln!(err, "{line}").map_err(write_error("the messages"))?;
            }
            let Some(output) = output else { continue };
            summary.graded += 1;
            match (&mut sink, output) {
                (Sink::Csv(csv), output::Rendered::Fields(fields)) => {
                    csv.write_record(&fields).map_err(|e| wrote(io_error(e)))?;
                }
                (Sink::Lines(out), output::Rendered::Line(line)) => {
                    writeln!(out, "{line}").map_err(&wrote)?;
                }
                // render follows options.format, as the sink does.
                _ => {}
            }
        }
    }
    match &mut sink {
        Sink::Csv(csv) => csv.flush(),
        Sink::Lines(out) => out.flush(),
    }
    .map_err(&wrote)?;
    if let (Some(students), Some(dir)) = (&students, &options.results) {
        students.write(dir, source, err)?;
    }
    Ok(summary)
}

/// The submissions in `input`, up to the first row, with the CSV columns that no spec
/// grades dropped and reported on `err` (each one a problem).
fn open<R: Read>(
    book: &Book,
    input: R,
    source: &str,
    options: &Options,
    summary: &mut Summary,
    err: &mut dyn Write,
) -> Result<Submissions<R>, Error> {
    let mut rows = Submissions::open(input, source, options.shard)?;
    for line in rows.drop_unknown(|name| book.grades(name)) {
        summary.problems += 1;
        writeln!(err, "{line}").map_err(write_error("the messages"))?;
    }
    Ok(rows)
}

/// Where the gradebook goes.
enum Sink<'a> {
    Csv(Box<csv::Writer<&'a mut dyn Write>>),
    Lines(BufWriter<&'a mut dyn Write>),
}
