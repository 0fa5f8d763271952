//! The command line, as clap reads it.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

const EXAMPLES: &str = "\
Examples:
  runner problems/                        solve every homework problem, with the working
  runner problems/feedforward.toml        solve one spec
  runner --format json problems/ | jq .   one JSON object per spec, full precision
  runner --figures out/ problems/         also write each report's figures as SVG into out/
  runner problems/feedforward.toml --answer 'o=[e^15/(e^15+1), 1/(e^15+1)]'
                                          check your own answer; --reveal shows the right one
  runner problems/parameter_derivatives.toml --answer 'dC_dw=delta_j^l*a_k^(l-1)'
                                          formulas are compared as functions
  runner list                             the problem kinds a spec may name

Exit status: 0 solved and every answer matched its key (or every --answer was right);
1 an answer did not match; 2 bad input (the message names the file, line:column and
field), an --answer that cannot be read, or one naming no answer.";

/// Solve, explain and check neural-network homework problems written as TOML specs.
#[derive(Debug, Parser)]
#[command(
    name = "runner",
    version,
    after_help = EXAMPLES,
    subcommand_negates_reqs = true,
    max_term_width = 100
)]
pub struct Cli {
    /// Specs to solve: files, directories (every spec below them, in homework order), or
    /// `-` for one spec read from standard input.
    #[arg(value_name = "SPEC|DIR|-", required = true)]
    pub paths: Vec<PathBuf>,

    /// text: the report with its working, for people; json: one object per spec per line.
    #[arg(long, value_enum, default_value_t = Format::Text, global = true)]
    pub format: Format,

    /// Write each report's figures as SVG files into DIR (created if missing).
    #[arg(long, value_name = "DIR")]
    pub figures: Option<PathBuf>,

    /// Check your own answer instead of printing the report (repeatable): a number, a
    /// [list], an expression such as e^15/(e^15+1), a formula such as
    /// a_k^(l-1)*delta_j^l (Unicode, δⱼˡ and ∂C/∂w₁ too), or one of a choice's options
    /// (an answer that matches none lists them; README "Checking your own answers" has
    /// every notation and option). Takes one spec.
    #[arg(long, value_name = "NAME=VALUE")]
    pub answer: Vec<String>,

    /// With --answer: after a wrong answer, show the right one.
    #[arg(long, requires = "answer")]
    pub reveal: bool,

    /// Print only the summary line and errors, not the reports.
    #[arg(short, long)]
    pub quiet: bool,

    /// A subcommand instead of specs.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned text with the working, rounded for people.
    Text,
    /// One JSON object per spec per line, full precision.
    Json,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the registered problem kinds, by section, with one-line summaries.
    List,
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `runner man > runner.1; man ./runner.1`.
    Man,
}
