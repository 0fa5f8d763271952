//! nnhw-gradebook: a whole class's submissions graded against solved specs.
//!
//! Course staff hand in one file of submissions, CSV (`student,spec,NAME,...`) or JSON
//! Lines (`{"student", "spec", "answers": {NAME: VALUE}}`), and the specs to grade against,
//! already solved ([`Book`]). This crate streams the submissions, finds each row's spec
//! (by variant id, by the variant drawn for the row's student, by file name or stem),
//! judges every answer with
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
//! Every row is accounted for. A student's second submission of a problem is reported
//! and not graded (the first counts: a streamed row cannot be taken back). At the end,
//! each problem asked of a student and not submitted, and each problem of a student on
//! the roster with no row at all, becomes a row scored 0 with every answer missing, so
//! that a sum of scores or a results file's max_score is never flattered by a skip.
//!
//! Memory stays flat as the rows grow: rows are read in chunks, each chunk is judged in
//! parallel (rayon) and written in input order, and nothing of a written chunk is kept
//! but who was graded on which problem (per student, not per row).
//! [`write_results`] gathers each student's submissions on disk, not in memory. Specs
//! are solved once, by the caller; grading only judges.
//!
//! It is not a grading rule (every verdict is nnhw-grade's), not a solver (the [`Book`]
//! holds solved specs) and not a CLI (`runner grade` parses arguments, walks directories,
//! solves the specs and calls [`grade`]).

mod book;
mod class;
mod csv_in;
mod grading;
pub mod json;
mod json_in;
mod lines;
mod output;
pub mod report;
mod results;
mod row;
mod shard;
mod submissions;

use std::io::{BufWriter, Read, Write};

use nnhw_grade::clip;

pub use book::Book;
pub use report::{ClassReport, Tally};
pub use results::{abandon, write_results};
pub use shard::{Shard, ShardError};

use grading::Processed;
use row::ours;
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
    /// The class's student ids: a student on it with no row gets a row scored 0 for
    /// every problem asked of them, and is named on the error stream.
    pub roster: Option<Vec<String>>,
    /// Grade every row as this student's, whatever its `student` cell says (empty
    /// included): for one student's own file, whose owner is known from elsewhere (a
    /// Gradescope submission's metadata). A row that names someone else says so.
    pub as_student: Option<String>,
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
    /// Rows not graded because the student was already graded on the same problem (the
    /// first submission counts); each is also a problem.
    pub repeated: usize,
    /// Rows added for problems asked of a student and not submitted (every answer
    /// missing, scored 0): see [`Book::new`] for which problems are asked of whom.
    pub unanswered: usize,
    /// Students on the roster with no row.
    pub absent: usize,
    /// Without a roster: students the specs hold variants for who had no row (with one,
    /// they are `absent`).
    pub unseen: usize,
}

/// Why grading stopped.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input cannot be read as submissions at all (empty, no or a garbled header):
    /// `source:LINE: what is wrong`.
    #[error("{0}")]
    Input(String),
    /// Reading the input failed.
    #[error("{source}: cannot read: {error}")]
    Read {
        /// The input, as named.
        source: String,
        /// What failed.
        #[source]
        error: std::io::Error,
    },
    /// Writing the gradebook, a message or a results file failed (a closed pipe included:
    /// the caller decides whether that is an error).
    #[error("cannot write {target}: {error}")]
    Write {
        /// What was being written.
        target: String,
        /// What failed.
        #[source]
        error: std::io::Error,
    },
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
    grade_into(book, input, source, options, out, err, None)
}

/// Grades as [`grade`] does and also tallies every graded row into `tally` (made by
/// [`Tally::new`] for the same book), for the class report ([`Tally::report`]).
pub fn grade_tallied(
    book: &Book,
    input: impl Read,
    source: &str,
    options: &Options,
    out: &mut dyn Write,
    err: &mut dyn Write,
    tally: &mut Tally,
) -> Result<Summary, Error> {
    grade_into(book, input, source, options, out, err, Some(tally))
}

fn grade_into(
    book: &Book,
    input: impl Read,
    source: &str,
    options: &Options,
    out: &mut dyn Write,
    err: &mut dyn Write,
    mut tally: Option<&mut Tally>,
) -> Result<Summary, Error> {
    let mut summary = Summary::default();
    let mut rows = open(book, input, source, options, &mut summary, err)?;
    let mut students = options
        .results
        .as_deref()
        .map(results::Students::new)
        .transpose()?;
    let mut class = class::Class::default();
    let mut sink = Sink::new(book, options.format, out)?;
    let say = |err: &mut dyn Write, line: &str| {
        writeln!(err, "{line}").map_err(write_error("the messages"))
    };
    loop {
        let chunk = rows.chunk(CHUNK, &mut summary)?;
        if chunk.is_empty() {
            break;
        }
        let seeing = tally.as_deref();
        let processed = grading::process(book, chunk, source, |graded| Done {
            rendered: output::render(book, graded, options),
            part: students
                .is_some()
                .then(|| results::part(graded, options.reveal)),
            spec: graded.index,
            line: graded.line,
            seen: seeing.map(|t| t.see(graded)),
        });
        for Processed {
            student,
            output,
            mut problems,
        } in processed
        {
            class.saw(&student);
            if let Some(done) = output {
                match class.submit(book, &student, done.spec, done.line) {
                    Ok(()) => {
                        summary.graded += 1;
                        sink.write(done.rendered)?;
                        if let (Some(students), Some(part)) = (students.as_mut(), done.part) {
                            students.add(part)?;
                        }
                        if let (Some(t), Some(seen)) = (tally.as_deref_mut(), done.seen) {
                            t.add(seen); // class report
                        }
                    }
                    Err(again) => {
                        summary.repeated += 1;
                        if let Some(t) = tally.as_deref_mut() {
                            t.duplicate(&student, &book.entry(done.spec).label, done.line);
                        }
                        problems = Some(match problems.take() {
                            Some(earlier) => format!("{earlier}; {again}"),
                            None => format!("{source}:{}: {again}", done.line),
                        });
                    }
                }
            }
            if let Some(line) = problems {
                summary.problems += 1;
                say(err, &line)?;
            }
        }
        // `| head` has what it wanted, and there are no results files or report to finish.
        if sink.closed() && students.is_none() && tally.is_none() {
            return Err(Error::Write {
                target: "the gradebook".into(),
                error: std::io::ErrorKind::BrokenPipe.into(),
            });
        }
    }
    let absent = class.unanswered(
        book,
        options.roster.as_deref(),
        options.shard,
        |student, spec| {
            let graded = grading::unanswered(book, student.to_string(), spec);
            summary.unanswered += 1;
            sink.write(output::render(book, &graded, options))?;
            if let Some(students) = students.as_mut() {
                students.add(results::part(&graded, options.reveal))?;
            }
            if let Some(t) = tally.as_deref_mut() {
                t.add(t.see(&graded)); // class report
            }
            Ok::<(), Error>(())
        },
    )?;
    summary.absent = absent.len();
    if let Some(t) = tally {
        absent.iter().for_each(|s| t.absent(s)); // class report
    }
    if !absent.is_empty() {
        let shown: Vec<String> = absent.iter().take(10).map(|s| clip(s, 40)).collect();
        let more = if absent.len() > 10 { ", …" } else { "" };
        say(
            err,
            &format!(
                "{source}: {} on the roster submitted nothing: {}{more}",
                nnhw_core::format::count(absent.len(), "student", "students"),
                shown.join(", ")
            ),
        )?;
    }
    if options.roster.is_none() {
        // Without a roster no one is graded 0 for staying away, but the caller may want
        // to say how many the book drew variants for and never heard from.
        summary.unseen = book
            .owners()
            .filter(|s| ours(options.shard, s) && !class.has(s))
            .count();
    }
    sink.finish()?;
    if let Some(students) = students {
        let everyone = class.students().chain(absent.iter().map(String::as_str));
        summary.problems += students.write(everyone, source, err)?;
    }
    Ok(summary)
}

/// What a graded row leaves for the sequential part of [`grade`].
struct Done {
    rendered: output::Rendered,
    part: Option<results::Rendered>,
    spec: usize,
    line: usize,
    /// What the row adds to the class report, when one is tallied.
    seen: Option<report::Seen>,
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
    rows.as_student(options.as_student.clone());
    for line in rows.drop_unknown(|name| book.grades(name)) {
        summary.problems += 1;
        writeln!(err, "{line}").map_err(write_error("the messages"))?;
    }
    Ok(rows)
}

/// Where the gradebook goes. A reader that goes away (`| head`) closes it: nothing more is
/// written there, and grading goes on when results files are still to be written.
struct Sink<'a> {
    to: To<'a>,
    closed: bool,
}

enum To<'a> {
    Csv(Box<csv::Writer<&'a mut dyn Write>>),
    Lines(BufWriter<&'a mut dyn Write>),
}

impl<'a> Sink<'a> {
    fn new(book: &Book, format: Format, out: &'a mut dyn Write) -> Result<Self, Error> {
        let mut sink = Sink {
            to: match format {
                Format::Csv => To::Csv(Box::new(csv::Writer::from_writer(out))),
                Format::Json | Format::Gradescope => To::Lines(BufWriter::new(out)),
            },
            closed: false,
        };
        if let To::Csv(csv) = &mut sink.to {
            let mut header = vec!["student", "spec", "score", "max_score"];
            header.extend(book.names().iter().map(String::as_str));
            let wrote = csv.write_record(&header).map_err(io_error);
            sink.check(wrote)?;
        }
        Ok(sink)
    }

    fn closed(&self) -> bool {
        self.closed
    }

    fn check(&mut self, wrote: std::io::Result<()>) -> Result<(), Error> {
        match wrote {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other.map_err(write_error("the gradebook")),
        }
    }

    fn write(&mut self, rendered: output::Rendered) -> Result<(), Error> {
        if self.closed {
            return Ok(());
        }
        let wrote = match (&mut self.to, rendered) {
            (To::Csv(csv), output::Rendered::Fields(fields)) => {
                csv.write_record(&fields).map_err(io_error)
            }
            (To::Lines(out), output::Rendered::Line(line)) => writeln!(out, "{line}"),
            // render follows options.format, as the sink does.
            _ => Ok(()),
        };
        self.check(wrote)
    }

    fn finish(&mut self) -> Result<(), Error> {
        if self.closed {
            return Ok(());
        }
        let flushed = match &mut self.to {
            To::Csv(csv) => csv.flush(),
            To::Lines(out) => out.flush(),
        };
        self.check(flushed)
    }
}
