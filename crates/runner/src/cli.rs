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
  runner variants problems/simple_network.toml --roster class.csv --out class/
                                          one variant per student, its key computed
  runner grade --submissions answers.csv class/ > gradebook.csv
                                          grade a class (docs/class.md)
  runner export gradescope --roster roster.csv --out autograder.zip problems/
                                          a Gradescope autograder; `export prairielearn`:
                                          a PrairieLearn question (docs/prairielearn.md)

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

    /// text: the report with its working, for people; json: one object per spec per line;
    /// html: one page, a booklet of every spec. (`runner grade` and `runner list` take
    /// their own.)
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// With --format html: write the page to FILE (whole or not at all) instead of
    /// standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Write each report's figures as SVG files into DIR (created if missing).
    #[arg(long, value_name = "DIR")]
    pub figures: Option<PathBuf>,

    /// Check your own answer instead of printing the report (repeatable): a number, a
    /// [list], an expression such as e^15/(e^15+1), a formula such as
    /// a_k^(l-1)*delta_j^l (Unicode, δⱼˡ and ∂C/∂w₁ too), or one of a choice's options
    /// (an answer that matches none lists them; docs/answers.md has every notation and
    /// option). Takes one spec.
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
    /// One JSON object per spec per line, full precision (grade: one per submission).
    Json,
    /// One self-contained HTML page (a booklet for several specs): figures inline,
    /// formulas in MathML, no JavaScript.
    Html,
    /// grade: a gradebook row per submission, right|wrong|unusable|missing per answer.
    Csv,
    /// grade: one Gradescope results.json object per submission.
    Gradescope,
}

/// What `runner grade` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GradeFormat {
    /// A gradebook row per submission.
    Csv,
    /// One JSON object per submission.
    Json,
    /// One Gradescope results.json object per submission.
    Gradescope,
}

const VARIANTS_EXAMPLES: &str = "\
Examples:
  runner variants problems/simple_network.toml --count 30 --out class/
  runner variants problems/lstm2.toml --roster roster.csv --seed 2026 --out class/

Prints how many variants were written and how many draws were redrawn and why.
Exit status: 0 written; 2 bad input (nothing is written then).";

const GRADE_EXAMPLES: &str = "\
Examples:
  runner grade --submissions answers.csv class/ > gradebook.csv
  runner grade --submissions answers.jsonl --format gradescope --results results/ class/
  runner grade --submissions answers.csv --shard $SLURM_ARRAY_TASK_ID/10 class/
  runner grade --submissions answers.csv --report report.html class/ > gradebook.csv
                              also a class report: what the class got wrong, per answer

--report FILE writes a class report, as a page when FILE ends in .html (or .htm), as one
JSON object (\"format_version\": 1) when it ends in .json; give it twice for both. Per
problem (a spec's variants together) and per answer: right, wrong, unusable and missing
counts, the known mistakes the grader recognised and how many made each, the most common
wrong answers as the grader read them (0.50 and .5 are one answer), why answers could not
be read, the score distribution, and for variants which drawn numbers go with wrong
answers; then the students without a submission (with --roster) and the later submissions
that did not count. No student id is shown next to an answer. The file is written whole
or not at all.

A malformed row or an unknown spec is reported on stderr with its line number and
the rest of the class is graded. Exit status: 0 every row graded; 2 some row could not
be (or bad input).";

const HANDOUT_EXAMPLES: &str = "\
Examples:
  runner handout problems/ --out handouts/          the homework, one page per part
  runner handout class/ --roster roster.csv --out handouts/
                                                    each student's own variants
  chromium --headless --print-to-pdf=class.pdf handouts/all.html

Each page holds the question, the figures that pose it and an answer sheet, with the
CSV row and JSON Lines line `runner grade` reads; nothing of the key. Every spec is
solved and its key checked first. Exit status: 0 written; 1 a spec's key does not
match its solver; 2 bad input, or a student on the roster without a variant (nothing
is written then).";

const EXPORT_EXAMPLES: &str = "\
Examples:
  runner export gradescope --roster roster.csv --out autograder.zip problems/
                       a Gradescope autograder: every student graded on their own variant
  runner export prairielearn problems/simple_network.toml --count 50 --out pl/questions/nnhw-3.4/
                       a PrairieLearn question drawing one of 50 fit variants per student

docs/gradescope.md and docs/prairielearn.md walk through both.
Exit status: 0 written; 1 a spec's key does not match its solver; 2 bad input (nothing is
written then).";

const AUTOGRADE_HELP: &str = "\
Reads DIR/submission_metadata.json, finds the student on the roster given at export
time (by Gradescope email or student id), reads their one answer file under
DIR/submission/ (the handout's CSV, JSON Lines, JSON or TOML), grades it against their
own variants with the rules of `runner grade`, and writes DIR/results/results.json (whole
or not at all). Whatever is wrong with the submission is said in results.json, scored 0;
the exit status is 2 only when results.json could not be written.";

/// What `runner export` writes.
#[derive(Debug, Subcommand)]
pub enum Export {
    /// A Gradescope autograder zip: setup.sh, run_autograder, this runner, the specs and
    /// the roster; each submission is graded on the submitting student's own variants.
    Gradescope {
        /// The class (student ids in the first column, as `variants` reads it); columns
        /// headed `email` and `sid` give the Gradescope email and student id that find
        /// each student (docs/gradescope.md).
        #[arg(long, value_name = "FILE")]
        roster: PathBuf,
        /// The zip to write (whole or not at all).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Draw the variants of specs with a [variants] table from this seed, as `runner
        /// variants --roster` does (the same numbers as the students' handouts).
        #[arg(long, value_name = "S", default_value_t = 0)]
        seed: u64,
        /// Show the right answer after a wrong one in the feedback.
        #[arg(long)]
        reveal: bool,
        /// When students see each answer's test: visible, after_due_date, after_published
        /// or hidden.
        #[arg(long, value_enum, default_value_t = Visibility::Visible)]
        visibility: Visibility,
        /// The Linux x86-64 runner to put in the zip [default: this one].
        #[arg(long, value_name = "FILE")]
        runner: Option<PathBuf>,
        /// The specs: files or directories. A spec with a [variants] table gets a variant
        /// per student on the roster, unless variants of it are among the specs given.
        #[arg(value_name = "SPEC|DIR", required = true)]
        specs: Vec<PathBuf>,
    },
    /// A PrairieLearn question directory: info.json, question.html (the statement and
    /// one element per answer) and server.py, which picks one of N fit variants.
    Prairielearn {
        /// The spec; it needs a [variants] table.
        #[arg(value_name = "SPEC")]
        spec: PathBuf,
        /// How many fit variants server.py chooses among.
        #[arg(long, value_name = "N",
              value_parser = clap::value_parser!(u32).range(1..=10_000))]
        count: u32,
        /// Another seed gives other variants.
        #[arg(long, value_name = "S", default_value_t = 0)]
        seed: u64,
        /// The question directory to write (created if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
}

/// Gradescope's visibility of a test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Visibility {
    /// Shown at once.
    Visible,
    /// Shown after the due date.
    #[value(name = "after_due_date")]
    AfterDueDate,
    /// Shown once the grades are published.
    #[value(name = "after_published")]
    AfterPublished,
    /// Never shown to students.
    Hidden,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the registered problem kinds, by section, with one-line summaries.
    List {
        /// text, or json: one object with every kind.
        #[arg(long, value_enum)]
        format: Option<Format>,
    },
    /// Per-student variants of a spec with a [variants] table: each drawn from a stable
    /// hash of (spec name, seed, student id), the same on every machine; unfit draws
    /// (knife-edge roundings, degenerate answers, repeats) redrawn and counted; each
    /// written as a complete spec whose [expected] key the solver computed.
    #[command(
        after_help = VARIANTS_EXAMPLES,
        group(clap::ArgGroup::new("students").required(true).args(["count", "roster"]))
    )]
    Variants {
        /// The spec to draw from; it needs a [variants] table (docs/class.md).
        #[arg(value_name = "SPEC")]
        spec: PathBuf,
        /// Draw N variants, for student ids 1 to N.
        #[arg(long, value_name = "N",
              value_parser = clap::value_parser!(u32).range(1..=100_000))]
        count: Option<u32>,
        /// Draw one variant per student id: the first column of a CSV (a header row
        /// such as `student,name` is skipped).
        #[arg(long, value_name = "FILE")]
        roster: Option<PathBuf>,
        /// Another seed gives every student other numbers (next term, a retake).
        #[arg(long, value_name = "S", default_value_t = 0)]
        seed: u64,
        /// Where the variant specs go (created if missing), one `<spec>-<id>.toml` each.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Grade a class's answers against the keys of the given specs (solved once each),
    /// with the same rules as --answer.
    #[command(after_help = GRADE_EXAMPLES)]
    Grade {
        /// The class's answers: CSV with a header `student,spec,NAME,...` (one row per
        /// student and spec; `spec` is a file name, stem or variant id), or JSON Lines
        /// `{"student", "spec", "answers": {NAME: VALUE}}`; `-` reads standard input.
        #[arg(long, value_name = "FILE")]
        submissions: PathBuf,
        /// Also write DIR/<student>/results.json (Gradescope's format), one per student
        /// with every spec they answered.
        #[arg(long, value_name = "DIR")]
        results: Option<PathBuf>,
        /// csv: a gradebook row per submission, right|wrong|unusable|missing per answer;
        /// json: one object per submission with each verdict's detail; gradescope: one
        /// Gradescope results.json object per submission.
        #[arg(long, value_enum, default_value_t = GradeFormat::Csv)]
        format: GradeFormat,
        /// Show the right answer after a wrong one (in json and gradescope feedback).
        #[arg(long)]
        reveal: bool,
        /// Also write a class report to FILE: a page (.html, .htm) or JSON (.json); repeat
        /// for both. See below.
        #[arg(long, value_name = "FILE")]
        report: Vec<PathBuf>,
        /// Grade only shard I of N (0 ≤ I < N): a student's rows all fall in one shard,
        /// so N jobs of a job array grade a class between them.
        #[arg(long, value_name = "I/N")]
        shard: Option<String>,
        /// The class (student ids in the first column of a CSV, as `variants` reads it):
        /// a student on it with no row gets a row scored 0 for every problem asked of
        /// them, and is named on the error stream.
        #[arg(long, value_name = "FILE")]
        roster: Option<PathBuf>,
        /// The specs: files or directories (variants written by `runner variants`, or
        /// the original specs).
        #[arg(value_name = "SPEC|DIR", required = true)]
        specs: Vec<PathBuf>,
    },
    /// Key-free handouts: one page per spec (per student for variants) with the question,
    /// the figures that pose it and an answer sheet, and all.html to print every sheet,
    /// each student's together.
    #[command(after_help = HANDOUT_EXAMPLES)]
    Handout {
        /// The specs: files or directories (the variants `runner variants` wrote, or
        /// original specs).
        #[arg(value_name = "SPEC|DIR", required = true)]
        specs: Vec<PathBuf>,
        /// Where the pages go (created if missing): `<spec>.html` each, and all.html.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// One set of sheets per student on this roster (the first column of a CSV), in
        /// its order: their own variants, and every spec that is no variant with their id
        /// filled in. A student on it without a variant is an error.
        #[arg(long, value_name = "FILE")]
        roster: Option<PathBuf>,
    },
    /// Package specs for the platform a course already runs: a Gradescope autograder
    /// (zip) or a PrairieLearn question (directory).
    #[command(after_help = EXPORT_EXAMPLES)]
    Export {
        /// Where to.
        #[command(subcommand)]
        to: Export,
    },
    /// Grade one Gradescope submission: what an exported autograder's `run_autograder`
    /// runs (docs/gradescope.md).
    #[command(after_help = AUTOGRADE_HELP)]
    Autograde {
        /// Gradescope's autograder directory, holding source/ (the unpacked zip),
        /// submission/, submission_metadata.json and results/.
        #[arg(long, value_name = "DIR", default_value = "/autograder")]
        root: PathBuf,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `runner man > runner.1; man ./runner.1`.
    Man,
}
