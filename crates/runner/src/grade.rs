//! `runner grade`: the specs solved once each (in parallel), then a class's submissions
//! streamed through nnhw-gradebook, which judges every answer with nnhw-grade.
//!
//! Grading refuses to start when a spec is bad input or its key disagrees with its
//! solver: a partial or doubtful set of keys would give students zeros or wrong verdicts
//! that no later fix could take back.

use std::io::Write;
use std::path::{Path, PathBuf};

use nnhw_gradebook::{Book, Format, Options, Shard, Tally};

use crate::cli::Command;
use crate::error::Error;
use crate::{BAD_INPUT, Cli, OK};

/// Runs `runner grade`; 0 when every row was graded, 1 when a spec's key disagrees with
/// its solver, 2 on bad input (a row reported, a bad spec, an unreadable file).
pub fn run(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let Some(Command::Grade {
        submissions,
        results,
        format,
        reveal,
        shard,
        roster,
        report,
        specs,
    }) = &cli.command
    else {
        return BAD_INPUT;
    };
    let shard = match shard.as_deref().map(str::parse::<Shard>).transpose() {
        Ok(shard) => shard,
        Err(e) => {
            let _ = writeln!(err, "--shard: {e}");
            return BAD_INPUT;
        }
    };
    let format = match format {
        crate::GradeFormat::Csv => Format::Csv,
        crate::GradeFormat::Json => Format::Json,
        crate::GradeFormat::Gradescope => Format::Gradescope,
    };
    let roster = match crate::read_roster(roster.as_deref(), err) {
        Ok(roster) => roster,
        Err(status) => return status,
    };
    let reports = match report_kinds(report) {
        Ok(reports) => reports,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return BAD_INPUT;
        }
    };
    let book = match solve_specs(specs, err) {
        Ok(book) => book,
        Err(status) => return status,
    };
    let mut tally = (!reports.is_empty()).then(|| Tally::new(&book));
    // One pass writes the gradebook and, with --results, every student's results.json.
    let options = Options {
        format,
        reveal: *reveal,
        shard,
        results: results.clone(),
        roster,
        as_student: None,
    };
    let source = submissions.display().to_string();
    let stdin = submissions.as_os_str() == "-";
    let mut grade =
        |input: &mut dyn std::io::Read, out: &mut dyn Write, err: &mut dyn Write| match tally
            .as_mut()
        {
            Some(tally) => {
                nnhw_gradebook::grade_tallied(&book, input, &source, &options, out, err, tally)
            }
            None => nnhw_gradebook::grade(&book, input, &source, &options, out, err),
        };
    let graded = if stdin {
        grade(&mut std::io::stdin().lock(), out, err)
    } else {
        match open(submissions) {
            Ok(input) => {
                let size = input.metadata().map_or(0, |m| m.len());
                let bar = crate::progress::Progress::reading(size, "submissions");
                let mut messages = bar.writer(&mut *err);
                let graded = grade(&mut bar.reader(input), out, &mut messages);
                bar.finish();
                graded
            }
            Err(e) => {
                let _ = writeln!(err, "{e}");
                return BAD_INPUT;
            }
        }
    };
    let summary = match graded {
        Ok(summary) => summary,
        // `runner grade … | head`: the reader has what it wanted.
        Err(nnhw_gradebook::Error::Write { error, .. })
            if error.kind() == std::io::ErrorKind::BrokenPipe =>
        {
            return OK;
        }
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return BAD_INPUT;
        }
    };
    let mut line = format!(
        "graded {} of {} against {}",
        summary.graded,
        nnhw_core::format::count(summary.submissions, "submission", "submissions"),
        nnhw_core::format::count(book.len(), "spec", "specs"),
    );
    if let Some(shard) = shard {
        line.push_str(&format!(
            " (shard {shard}: {} left to other shards)",
            summary.skipped_other_shards
        ));
    }
    if summary.unanswered > 0 {
        line.push_str(&format!(
            "; {} not submitted, written as rows scored 0",
            nnhw_core::format::count(summary.unanswered, "problem", "problems"),
        ));
    }
    if summary.absent > 0 {
        line.push_str(&format!(
            "; {} on the roster sent nothing",
            nnhw_core::format::count(summary.absent, "student", "students"),
        ));
    }
    if summary.unseen > 0 {
        line.push_str(&format!(
            "; {} with variants sent nothing (--roster grades them 0)",
            nnhw_core::format::count(summary.unseen, "student", "students"),
        ));
    }
    if let Some(dir) = results {
        line.push_str(&format!("; results.json per student in {}", dir.display()));
    }
    if let Some(tally) = &tally {
        let report = tally.report(&summary);
        // The file's name, not its path: a heading to read, not to look up.
        let name = submissions
            .file_name()
            .map_or_else(|| source.clone(), |n| n.to_string_lossy().into_owned());
        let title = format!("Class report: {}", nnhw_core::text::one_line(&name, 200));
        for (path, kind) in &reports {
            let text = match kind {
                ReportKind::Html => Ok(nnhw_booklet::class_report(&title, &report)),
                ReportKind::Json => serde_json::to_string_pretty(&report)
                    .map(|json| json + "\n")
                    .map_err(|e| Error::unwritten(path, e)),
            };
            if let Err(e) = text.and_then(|text| crate::batch::write_whole(path, &text)) {
                let _ = writeln!(err, "{line}");
                let _ = writeln!(err, "the class report could not be written: {e}");
                return BAD_INPUT;
            }
            line.push_str(&format!("; class report in {}", path.display()));
        }
    }
    if summary.problems > 0 {
        line.push_str(&format!(
            "; {} reported above",
            nnhw_core::format::count(summary.problems, "row", "rows")
        ));
    }
    let _ = writeln!(err, "{line}");
    if summary.problems > 0 { BAD_INPUT } else { OK }
}

/// Opens a submissions file: a regular file only, so that a device (`/dev/zero`) or a
/// FIFO nobody writes to cannot hang the run; a stream comes in on `-`.
fn open(path: &Path) -> Result<std::fs::File, Error> {
    let unread = |error| Error::Unread {
        path: path.to_path_buf(),
        error,
    };
    let metadata = std::fs::metadata(path).map_err(unread)?;
    if !metadata.is_file() {
        return Err(Error::NotAFile(path.to_path_buf()));
    }
    let file = std::fs::File::open(path).map_err(unread)?;
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return Err(Error::Swapped(path.to_path_buf()));
    }
    Ok(file)
}

/// Solves every spec once; `Err` is the exit status after the reasons were written.
fn solve_specs(paths: &[PathBuf], err: &mut dyn Write) -> Result<Book, u8> {
    match crate::batch::solve_keyed(paths, nnhw_core::Figures::None, err) {
        Ok(specs) => Ok(Book::new(specs.into_iter().map(|(_, s)| s).collect())),
        Err(status) => {
            let _ = writeln!(
                err,
                "nothing graded: every spec must solve and match its key first"
            );
            Err(status)
        }
    }
}

/// What a class report is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ReportKind {
    /// A page.
    Html,
    /// One JSON object.
    Json,
}

/// Each `--report` file with its format, from its extension; an error names one that is
/// neither .html, .htm nor .json, or one named twice.
fn report_kinds(paths: &[PathBuf]) -> Result<Vec<(&Path, ReportKind)>, Error> {
    let mut kinds = Vec::with_capacity(paths.len());
    for path in paths {
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        let kind = match extension.as_deref() {
            Some("html" | "htm") => ReportKind::Html,
            Some("json") => ReportKind::Json,
            _ => return Err(Error::ReportFormat(path.clone())),
        };
        if kinds.iter().any(|(p, _)| *p == path.as_path()) {
            return Err(Error::ReportTwice(path.clone()));
        }
        kinds.push((path.as_path(), kind));
    }
    Ok(kinds)
}
