//! The nnhw command line: finds specs, solves each through the registry, prints reports,
//! writes figures, and turns the outcome into an exit status (0 ok, 1 mismatch, 2 bad input).
//!
//! It holds no problem logic: that is in the section crates, reached through
//! `nnhw_core::registry`, and every verdict comes from nnhw-grade. It is the one place that
//! links every section crate.

mod answers;
mod batch;
mod cli;
mod error;
mod figures;
mod grade;
mod gradescope;
mod handout;
mod output;
mod prairielearn;
mod progress;
mod variants;
mod walk;

use std::ffi::OsString;
use std::io::Write;

use clap::{CommandFactory, Parser};
use nnhw_core::json::{FORMAT_VERSION, KindJson, KindsJson};
use nnhw_core::registry;

pub use cli::{Cli, Command, Export, Format, GradeFormat, Visibility};
use output::Tracked;

// Section crates register their kinds with inventory; naming each one here keeps the
// linker from dropping them.
use nnhw_backprop as _;
use nnhw_embeddings as _;
use nnhw_lstm as _;
use nnhw_neural_nets as _;

/// For an interrupted process (Ctrl-C, SIGTERM), which exits without running
/// destructors: removes what an export under way had staged, and puts back a question
/// it had moved aside.
pub fn abandon() {
    prairielearn::abandon();
}

/// Exit status: every spec solved and matched its key.
pub const OK: u8 = 0;
/// Exit status: an answer did not match its key.
pub const MISMATCH: u8 = 1;
/// Exit status: bad input, or output that could not be written.
pub const BAD_INPUT: u8 = 2;

/// Runs the CLI on `args` (program name first), writing reports to `out` and messages to
/// `err`. Returns the exit status; a write error on either (other than a closed pipe)
/// makes it 2.
pub fn run<I, T>(args: I, out: &mut dyn Write, err: &mut dyn Write) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let mut out = Tracked::new(out);
    let mut err = Tracked::new(err);
    let status = dispatch(args, &mut out, &mut err);
    let _ = out.flush();
    let _ = err.flush();
    match (&out.failed, &err.failed) {
        (Some(e), _) if !out.closed() => {
            let _ = writeln!(err, "runner: the output could not be written: {e}");
            BAD_INPUT
        }
        (_, Some(_)) if !err.closed() => BAD_INPUT,
        _ => status,
    }
}

fn dispatch<I, T>(args: I, out: &mut dyn Write, err: &mut dyn Write) -> u8
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
    match &cli.command {
        Some(Command::List { format }) => {
            let _ = match format.unwrap_or(cli.format) {
                Format::Json => writeln!(out, "{}", list_json()),
                Format::Text | Format::Html => write!(out, "{}", list()),
                other => return only_for_grade(other, err),
            };
            OK
        }
        Some(Command::Completions { shell }) => {
            clap_complete::generate(*shell, &mut Cli::command(), "runner", out);
            OK
        }
        Some(Command::Variants {
            spec,
            count,
            roster,
            seed,
            out: dir,
        }) => {
            let students = match (count, roster) {
                (_, Some(roster)) => variants::Students::Roster(roster),
                (Some(n), None) => variants::Students::Count(*n as usize),
                (None, None) => variants::Students::Count(0),
            };
            variants::run(spec, students, *seed, dir, err)
        }
        Some(Command::Grade { .. }) => grade::run(&cli, out, err),
        Some(Command::Handout {
            specs,
            out: dir,
            roster,
        }) => handout::run(specs, roster.as_deref(), dir, err),
        Some(Command::Export { to }) => match to {
            Export::Gradescope {
                roster,
                out: zip,
                seed,
                reveal,
                visibility,
                runner,
                specs,
            } => gradescope::export(
                &gradescope::Export {
                    roster,
                    out: zip,
                    seed: *seed,
                    reveal: *reveal,
                    visibility: *visibility,
                    runner: runner.as_deref(),
                    specs,
                },
                err,
            ),
            Export::Prairielearn {
                spec,
                count,
                seed,
                out: dir,
            } => prairielearn::run(spec, *count, *seed, dir, err),
        },
        Some(Command::Autograde { root }) => gradescope::autograde(root, out, err),
        Some(Command::Man) => match clap_mangen::Man::new(Cli::command()).render(out) {
            Ok(()) => OK,
            Err(_) => BAD_INPUT,
        },
        None if cli.out.is_some() && cli.format != Format::Html => {
            let _ = writeln!(
                err,
                "--out writes the page of --format html; other formats go to standard output"
            );
            BAD_INPUT
        }
        None if matches!(cli.format, Format::Csv | Format::Gradescope) => {
            only_for_grade(cli.format, err)
        }
        None if !cli.answer.is_empty() => batch::check_answers(&cli, out, err),
        None => batch::solve_all(&cli, out, err),
    }
}

fn only_for_grade(format: Format, err: &mut dyn Write) -> u8 {
    let name = clap::ValueEnum::to_possible_value(&format)
        .map_or_else(String::new, |v| v.get_name().to_string());
    let _ = writeln!(
        err,
        "--format {name} is a gradebook format, for `runner grade`; reports are text or json"
    );
    BAD_INPUT
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

/// The registered kinds as one JSON object.
pub fn list_json() -> KindsJson {
    KindsJson {
        format_version: FORMAT_VERSION,
        kinds: registry::kinds()
            .iter()
            .map(|k| KindJson {
                name: k.name.to_string(),
                section: k.section.to_string(),
                summary: k.summary.to_string(),
            })
            .collect(),
    }
}

/// A spec found on the command line or below a directory named there.
pub struct SpecPath {
    /// Where it is; `-` is standard input.
    pub path: std::path::PathBuf,
    /// How messages and reports name it.
    pub display: String,
    /// Which command-line path it came from.
    pub argument: usize,
    /// Whether a directory walk found it (then it is put in homework order).
    pub walked: bool,
}

/// The student ids of `--roster FILE`, when given; `Err` is the exit status after the
/// one-line reason was written.
fn read_roster(
    roster: Option<&std::path::Path>,
    err: &mut dyn Write,
) -> Result<Option<Vec<String>>, u8> {
    let Some(path) = roster else {
        return Ok(None);
    };
    match nnhw_variants::roster::read(path, &path.display().to_string()) {
        Ok(ids) => Ok(Some(ids)),
        Err(e) => {
            let _ = writeln!(err, "{e}");
            Err(BAD_INPUT)
        }
    }
}
