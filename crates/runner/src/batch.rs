//! Solving what the command line names: a batch of specs in parallel, printed in
//! homework order, with an honest summary; or one spec's `--answer`s.

use std::io::Write;
use std::path::Path;

use nnhw_core::{Solved, SpecError, render};
use rayon::prelude::*;

use crate::cli::{Cli, Format};
use crate::error::Error;
use crate::{BAD_INPUT, MISMATCH, OK, SpecPath, answers, figures, progress, walk};

/// How `-` (standard input) is named in messages and reports.
const STDIN: &str = "-";

/// Reads standard input once, if a spec is to come from it.
fn stdin_spec(specs: &[SpecPath]) -> Result<Option<String>, SpecError> {
    match specs.iter().filter(|s| s.path == Path::new(STDIN)).count() {
        0 => Ok(None),
        1 => nnhw_core::spec::read_bounded(std::io::stdin().lock(), STDIN).map(Some),
        _ => Err(SpecError::whole_file(
            STDIN,
            "standard input holds one spec: give `-` once",
        )),
    }
}

fn solve(spec: &SpecPath, stdin: Option<&str>, figures: bool) -> Result<Solved, SpecError> {
    match stdin {
        Some(text) if spec.path == Path::new(STDIN) => nnhw_grade::solve_text(STDIN, text, figures),
        _ => nnhw_grade::solve_file(&spec.path, &spec.display, figures),
    }
}

/// `--answer`: judge the student's answers for one spec; print verdicts, not the report.
pub fn check_answers(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let found = walk::specs(&cli.paths);
    if let Some(e) = found.errors.first() {
        let _ = writeln!(err, "{e}");
        return BAD_INPUT;
    }
    let [spec] = found.specs.as_slice() else {
        let _ = writeln!(
            err,
            "--answer checks one spec at a time; {} were given",
            found.specs.len()
        );
        return BAD_INPUT;
    };
    let solved = stdin_spec(&found.specs)
        .and_then(|stdin| solve(spec, stdin.as_deref(), cli.figures.is_some()));
    let solved = match solved {
        Ok(solved) => solved,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return BAD_INPUT;
        }
    };
    let verdicts = nnhw_grade::judge_arguments(&solved, &cli.answer);
    let _ = match cli.format {
        Format::Html => {
            let html = nnhw_booklet::answers(&solved, &verdicts, cli.reveal);
            if let Err(e) = write_page(cli, &html, out) {
                let _ = writeln!(err, "{e}");
                return BAD_INPUT;
            }
            Ok(())
        }
        // grade's formats never get here: dispatch refuses them.
        Format::Text | Format::Csv | Format::Gradescope => {
            write!(
                out,
                "{}",
                nnhw_grade::feedback::text(&solved, &verdicts, cli.reveal)
            )
        }
        Format::Json => writeln!(
            out,
            "{}",
            nnhw_grade::feedback::verdicts_json(&solved, &verdicts, cli.reveal)
        ),
    };
    let mut status = answers::status(&verdicts);
    if let Some(dir) = &cli.figures {
        match figures::write(dir, &figures::Names::default().claim(&spec.path), &solved) {
            Ok(written) => {
                if written.is_empty() {
                    let _ = writeln!(
                        err,
                        "figure: none ({} draws no figure for this spec)",
                        solved.kind
                    );
                }
                for path in written {
                    let _ = writeln!(err, "figure: {path}");
                }
            }
            Err(e) => {
                let _ = writeln!(err, "{e}");
                status = BAD_INPUT;
            }
        }
    }
    status
}

/// An HTML page to `--out FILE` (a temporary file beside it, renamed into place) or to
/// standard output.
fn write_page(cli: &Cli, html: &str, out: &mut dyn Write) -> Result<(), Error> {
    let Some(path) = &cli.out else {
        let _ = writeln!(out, "{html}");
        return Ok(());
    };
    write_whole(path, html)
}

/// Writes `text` to `path` whole or not at all: into a temporary file beside it, renamed
/// into place. The error names the file.
pub(crate) fn write_whole(path: &Path, text: &str) -> Result<(), Error> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    // A page is for reading: as readable as the umask allows, not a tempfile's 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let unwritten = |e| Error::unwritten(path, e);
    let mut file = builder.tempfile_in(dir).map_err(unwritten)?;
    file.write_all(text.as_bytes()).map_err(unwritten)?;
    file.persist(path).map_err(|e| unwritten(e.error))?;
    Ok(())
}

/// Every spec under `paths` solved once, in parallel, and its key checked, for work that
/// needs every key to hold (grading, handouts): the specs in homework order with their
/// solutions. `Err` is the exit status (1 when only keys disagree, 2 on bad input) once
/// each reason has been written; the caller says what it then did not do.
pub(crate) fn solve_keyed(
    paths: &[std::path::PathBuf],
    figures: nnhw_core::Figures,
    err: &mut dyn Write,
) -> Result<Vec<(SpecPath, Solved)>, u8> {
    let mut found = walk::specs(paths);
    // A spec named twice (a directory and a file in it) is one spec, not an ambiguity.
    let mut seen = std::collections::HashSet::new();
    found
        .specs
        .retain(|s| seen.insert(std::fs::canonicalize(&s.path).unwrap_or_else(|_| s.path.clone())));
    for e in &found.errors {
        let _ = writeln!(err, "{e}");
    }
    if let Some(line) = walk::skipped_line(&found.skipped) {
        let _ = writeln!(err, "{line}");
    }
    let mut status = if found.errors.is_empty() {
        OK
    } else {
        BAD_INPUT
    };
    if found.specs.iter().any(|s| s.path == Path::new(STDIN)) {
        let _ = writeln!(
            err,
            "-: these specs are read from files, not standard input"
        );
        return Err(BAD_INPUT);
    }
    let bar = progress::Progress::new(found.specs.len());
    let solved: Vec<Result<Solved, SpecError>> = found
        .specs
        .par_iter()
        .map(|spec| {
            let solved = nnhw_grade::solve_file(&spec.path, &spec.display, figures);
            bar.tick();
            solved
        })
        .collect();
    bar.finish();
    let mut done = Vec::with_capacity(solved.len());
    for (spec, result) in found.specs.into_iter().zip(solved) {
        match result {
            Ok(s) if !s.all_passed() => {
                let _ = writeln!(
                    err,
                    "{}: its [expected] key does not match what the solver computes; `runner {0}` shows where",
                    s.file
                );
                status = status.max(MISMATCH);
            }
            Ok(s) => done.push((spec, s)),
            Err(e) => {
                let _ = writeln!(err, "{e}");
                status = BAD_INPUT;
            }
        }
    }
    if status != OK {
        return Err(status);
    }
    done.sort_by_cached_key(|(spec, solved)| order(spec, solved));
    Ok(done)
}

/// Where a solved spec goes among others: as [`order_key`] puts it.
pub(crate) fn order(spec: &SpecPath, solved: &Solved) -> (usize, u8, Vec<u32>, String) {
    let part = if spec.walked {
        walk::part(&solved.title)
    } else {
        None
    };
    let (unnumbered, part) = match part {
        Some(part) => (0, part),
        None => (1, Vec::new()),
    };
    (spec.argument, unnumbered, part, spec.display.clone())
}

/// Where a spec's report goes in the output: command-line order, and within a directory
/// homework order (the part number its title starts with), then the path.
fn order_key(spec: &SpecPath, result: &Result<Solved, SpecError>) -> (usize, u8, Vec<u32>, String) {
    match result {
        Ok(solved) => order(spec, solved),
        Err(_) => (spec.argument, 1, Vec::new(), spec.display.clone()),
    }
}

/// Solves every spec the command line names; prints reports (unless `--quiet`), writes
/// figures, and ends with a summary line on stderr.
pub fn solve_all(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let found = walk::specs(&cli.paths);
    let mut status = OK;
    for e in &found.errors {
        let _ = writeln!(err, "{e}");
        status = BAD_INPUT;
    }
    if let Some(line) = walk::skipped_line(&found.skipped) {
        let _ = writeln!(err, "{line}");
    }
    let stdin = match stdin_spec(&found.specs) {
        Ok(stdin) => stdin,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return BAD_INPUT;
        }
    };
    let specs = found.specs;
    // Solve in parallel; the reports are then put in a stable order.
    let progress = progress::Progress::new(specs.len());
    let html = cli.format == Format::Html;
    let want_figures = cli.figures.is_some() || html;
    let run = |spec: &SpecPath| {
        let result = solve(spec, stdin.as_deref(), want_figures);
        progress.tick();
        result
    };
    // One spec needs no thread pool: starting one would cost more than it saves.
    let results: Vec<Result<Solved, SpecError>> = if specs.len() > 1 {
        specs.par_iter().map(run).collect()
    } else {
        specs.iter().map(run).collect()
    };
    progress.finish();
    let mut order: Vec<(&SpecPath, Result<Solved, SpecError>)> =
        specs.iter().zip(results).collect();
    order.sort_by_cached_key(|(spec, result)| order_key(spec, result));

    let mut figure_names = figures::Names::default();
    let mut page: Vec<(Solved, String)> = Vec::new();
    let (mut passed, mut failed, mut unchecked, mut bad) = (0, 0, 0, found.errors.len());
    let mut first = true;
    for (spec, result) in order {
        let drawn = result.and_then(|solved| {
            let written = match &cli.figures {
                Some(dir) => figures::write(dir, &figure_names.claim(&spec.path), &solved)?,
                None => Vec::new(),
            };
            Ok((solved, written))
        });
        let (solved, written) = match drawn {
            Ok(done) => done,
            Err(e) => {
                let _ = writeln!(err, "{e}");
                bad += 1;
                status = BAD_INPUT;
                continue;
            }
        };
        if solved.checks.iter().all(Option::is_none) {
            unchecked += 1;
        } else if solved.all_passed() {
            passed += 1;
        } else {
            failed += 1;
            status = status.max(MISMATCH);
        }
        if html {
            let section = section(cli, spec, &solved);
            page.push((solved, section));
            continue;
        }
        if !cli.quiet {
            let asked = cli.figures.is_some();
            let _ = emit(
                cli.format,
                &solved,
                asked.then_some(&written[..]),
                !first,
                out,
            );
            first = false;
        }
    }
    // The homework first, then what a walk found in subdirectories (problems/beyond/) by
    // part and homework section; the booklet keeps this order.
    if html {
        page.sort_by_cached_key(|(_, section)| section.split_once(": ").map(|_| section.clone()));
    }
    // --quiet keeps the page off stdout; a page asked for with --out is still written.
    if html && (!cli.quiet || cli.out.is_some()) && !page.is_empty() {
        let title = match page.as_slice() {
            [(only, _)] => only.title.clone(),
            _ => format!(
                "nnhw booklet: {}",
                cli.paths
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let html = nnhw_booklet::page(&title, &page);
        if let Err(e) = write_page(cli, &html, out) {
            let _ = writeln!(err, "{e}");
            status = BAD_INPUT;
        }
    }
    let total = passed + failed + unchecked + bad;
    if cli.quiet || (cli.format == Format::Text && (total > 1 || failed > 0)) {
        let _ = writeln!(
            err,
            "{}: {passed} matched the key, {failed} did not, {unchecked} {} no key, {bad} bad input",
            nnhw_core::format::count(total, "spec", "specs"),
            if unchecked == 1 { "has" } else { "have" }
        );
    }
    status
}

/// The booklet's section for a spec: its kind's homework section (`2 LSTM`); for a spec a
/// walk found in a subdirectory, that section in a part after the homework (`Beyond the
/// homework: 2 LSTM` for `beyond/`, the directory's name for another), as
/// [`nnhw_booklet::page`] reads it.
fn section(cli: &Cli, spec: &SpecPath, solved: &Solved) -> String {
    let homework =
        nnhw_core::registry::find(solved.kind).map_or_else(String::new, |k| k.section.to_string());
    let below = cli
        .paths
        .get(spec.argument)
        .filter(|_| spec.walked)
        .and_then(|root| spec.path.strip_prefix(root).ok())
        .and_then(|inner| inner.parent())
        .and_then(|dir| dir.components().next())
        .map(|dir| dir.as_os_str().to_string_lossy().into_owned());
    match below.as_deref() {
        None => homework,
        Some("beyond") => format!("Beyond the homework: {homework}"),
        Some(dir) => format!("{dir}: {homework}"),
    }
}

/// Writes one report; `figures` are the paths written when figures were asked for.
fn emit(
    format: Format,
    solved: &Solved,
    figures: Option<&[String]>,
    separate: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        Format::Text | Format::Csv | Format::Gradescope | Format::Html => {
            if separate {
                writeln!(out)?;
            }
            out.write_all(render::text(solved).as_bytes())?;
            match figures {
                None => {}
                Some([]) => writeln!(
                    out,
                    "\nFigures\n  none: {} draws no figure for this spec",
                    solved.kind
                )?,
                Some(paths) => {
                    writeln!(out, "\nFigures")?;
                    for (path, figure) in paths.iter().zip(figures::all(solved)) {
                        writeln!(out, "  {path}: {}", figure.caption)?;
                    }
                }
            }
            Ok(())
        }
        Format::Json => {
            let mut report = render::json(solved);
            report.figures = figures.map(<[String]>::to_vec);
            writeln!(out, "{report}")
        }
    }
}
