//! The nnhw command line: finds specs, solves each through the registry, prints reports,
//! writes figures, and turns the outcome into an exit status (0 ok, 1 mismatch, 2 bad input).
//!
//! It holds no problem logic: that is in the section crates, reached through
//! `nnhw_core::registry`. It is the one place that links every section crate.

mod answers;
mod cli;
mod figures;
mod progress;
mod walk;

use std::ffi::OsString;
use std::io::Write;

use clap::Parser;
use nnhw_core::{Solved, SpecError, registry, render};
use rayon::prelude::*;

pub use cli::{Cli, Command, Format};

// Section crates register their kinds with inventory; naming each one here keeps the
// linker from dropping them.
use nnhw_backprop as _;
use nnhw_embeddings as _;
use nnhw_lstm as _;
use nnhw_neural_nets as _;

/// Exit status: every spec solved and matched its key.
pub const OK: u8 = 0;
/// Exit status: an answer did not match its key.
pub const MISMATCH: u8 = 1;
/// Exit status: bad input.
pub const BAD_INPUT: u8 = 2;

/// Runs the CLI on `args` (program name first), writing reports to `out` and messages to
/// `err`. Returns the exit status.
pub fn run<I, T>(args: I, out: &mut dyn Write, err: &mut dyn Write) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { BAD_INPUT } else { OK };
            let rendered = e.render();
            let _ = if e.use_stderr() {
                write!(err, "{rendered}")
            } else {
                write!(out, "{rendered}")
            };
            return code;
        }
    };
    match cli.command {
        Some(Command::List) => {
            let _ = out.write_all(list().as_bytes());
            OK
        }
        None if !cli.answer.is_empty() => check_answers(&cli, out, err),
        None => solve_all(&cli, out, err),
    }
}

/// `--answer`: judge the student's answers for one spec; print verdicts, not the report.
fn check_answers(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let (specs, missing) = walk::specs(&cli.paths);
    if let Some(e) = missing.first() {
        let _ = writeln!(err, "{e}");
        return BAD_INPUT;
    }
    let [spec] = specs.as_slice() else {
        let _ = writeln!(
            err,
            "--answer checks one spec at a time; {} were given",
            specs.len()
        );
        return BAD_INPUT;
    };
    let solved = match nnhw_grade::solve_file(&spec.path, &spec.display, false) {
        Ok(solved) => solved,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return BAD_INPUT;
        }
    };
    let verdicts = answers::judge(&solved, &cli.answer);
    let _ = match cli.format {
        Format::Text => write!(out, "{}", answers::text(&solved, &verdicts, cli.reveal)),
        Format::Json => writeln!(out, "{}", answers::json(&solved, &verdicts, cli.reveal)),
    };
    answers::status(&verdicts)
}

/// The registered kinds, grouped by section.
pub fn list() -> String {
    let kinds = registry::kinds();
    let width = kinds.iter().map(|k| k.name.len()).max().unwrap_or(0);
    let mut text = String::new();
    let mut section = "";
    for kind in kinds {
        if kind.section != section {
            section = kind.section;
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&format!("{section}\n"));
        }
        text.push_str(&format!("  {:width$}  {}\n", kind.name, kind.summary));
    }
    text
}

fn solve_all(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let (specs, missing) = walk::specs(&cli.paths);
    let mut status = OK;
    for e in &missing {
        let _ = writeln!(err, "{e}");
        status = BAD_INPUT;
    }
    // Solve in parallel; rayon's collect keeps the specs' order, so output is stable.
    let progress = progress::Progress::new(specs.len());
    let want_figures = cli.figures.is_some();
    let solve = |spec: &SpecPath| {
        let result = nnhw_grade::solve_file(&spec.path, &spec.display, want_figures);
        progress.tick();
        result
    };
    // One spec needs no thread pool: starting one would cost more than it saves.
    let results: Vec<Result<Solved, SpecError>> = if specs.len() > 1 {
        specs.par_iter().map(solve).collect()
    } else {
        specs.iter().map(solve).collect()
    };
    progress.finish();

    let mut figure_names = figures::Names::default();
    let (mut passed, mut failed, mut bad) = (0, 0, missing.len());
    let mut first = true;
    for (spec, result) in specs.iter().zip(results) {
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
        if solved.all_passed() {
            passed += 1;
        } else {
            failed += 1;
            status = status.max(MISMATCH);
        }
        let _ = emit(cli.format, &solved, &written, !first, out);
        first = false;
    }
    let total = passed + failed + bad;
    if cli.format == Format::Text && (total > 1 || failed > 0) {
        let _ = writeln!(
            err,
            "{total} spec{}: {passed} matched the key, {failed} did not, {bad} bad input",
            if total == 1 { "" } else { "s" }
        );
    }
    status
}

fn emit(
    format: Format,
    solved: &Solved,
    figures: &[String],
    separate: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        Format::Text => {
            if separate {
                writeln!(out)?;
            }
            out.write_all(render::text(solved).as_bytes())?;
            if !figures.is_empty() {
                writeln!(out, "\nFigures")?;
                for (path, figure) in figures.iter().zip(&solved.figures) {
                    writeln!(out, "  {path}: {}", figure.caption)?;
                }
            }
            Ok(())
        }
        Format::Json => {
            let mut object = render::json(solved);
            if !figures.is_empty() {
                object["figures"] = serde_json::json!(figures);
            }
            writeln!(out, "{object}")
        }
    }
}

/// A spec found on the command line or below a directory named there.
pub struct SpecPath {
    /// Where it is.
    pub path: std::path::PathBuf,
    /// How messages and reports name it.
    pub display: String,
}
