//! The files a new kind starts from. The kind is a worked example to replace (it scales
//! a list), written to the project's rules so that each piece shows where it goes:
//! params with defaults and checks, the math in one place, the working, answers by name,
//! a figure in the house style, and tests of a case by hand and of bad input.

use crate::names::Names;

const KIND: &str = r##"//! `__KIND__`: TODO say in one line what this kind solves, and what it does not.
//!
//! Scaffolded by `cargo xtask new-kind` as a worked example to replace: it scales a list,
//! y = scale · x, to show each piece a kind has (params and their checks, the question
//! it states, the solver and its working, the answers by name, a figure, tests).

use nnhw_core::statement::{given, math, words};
use nnhw_core::{FieldError, Figure, Form, Params, Problem, Report, Statement, Value};
use nnhw_plot::{Axis, Entry, Style, axes, chart, figure, finite_range, mesh};
use serde::Deserialize;

/// Most entries `x` may have: every size is checked before any work is done.
const MAX_ENTRIES: usize = 10_000;

/// The spec's `[params]`. Unknown keys are errors, and core has already refused nan and
/// inf anywhere in them.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Spec {
    /// The input.
    x: Vec<f64>,
    /// The factor [1].
    #[serde(default = "one")]
    scale: f64,
}

fn one() -> f64 {
    1.0
}

/// A checked `__KIND__` problem.
struct __TYPE__ {
    spec: Spec,
}

/// Deserializes and validates the params. Each error names its field, relative to
/// `[params]`; the runner adds the file, line and column.
pub fn build(params: &Params<'_>) -> Result<Box<dyn Problem>, FieldError> {
    let spec: Spec = params.parse()?;
    if spec.x.is_empty() {
        return Err(FieldError::new("x", "empty: needs at least one entry"));
    }
    if spec.x.len() > MAX_ENTRIES {
        return Err(FieldError::new(
            "x",
            format!("{} entries; the limit is {MAX_ENTRIES}", spec.x.len()),
        ));
    }
    if spec.scale <= 0.0 {
        return Err(FieldError::new("scale", "must be > 0"));
    }
    // A result beyond f64's range is bad input, not an answer of inf.
    if spec.x.iter().any(|x| !(spec.scale * x).is_finite()) {
        return Err(FieldError::new("scale", "scale · x overflows f64"));
    }
    Ok(Box::new(__TYPE__ { spec }))
}

impl __TYPE__ {
    /// y = scale · x: the math in one place, for the report and the figure. Shared math
    /// (activations, softmax, dense layers) comes from nnhw_core, never a second copy.
    fn y(&self) -> Vec<f64> {
        self.spec.x.iter().map(|x| self.spec.scale * x).collect()
    }
}

impl Problem for __TYPE__ {
    /// The question as a handout shows it, from the params alone (never from solve():
    /// nothing of the key may show). Every param value, defaults in effect included, is
    /// in it, typeset by type; then one prompt per answer, in solve()'s order.
    fn statement(&self) -> Statement {
        let mut s = Statement::default();
        // The setting, in the notation the answers use: `ascii` as the grader reads it,
        // `unicode` as people read it.
        s.paragraph([
            words("Every entry of the list "),
            math("x", "x"),
            words(" is multiplied by the factor "),
            math("s", "s"),
            words(":"),
        ]);
        s.display([math("y_i = s*x_i", "yᵢ = s·xᵢ")]);
        // The given numbers: a vector as a vector, a number as a number.
        s.show("x", "x", Value::numbers(&self.spec.x));
        s.paragraph([
            words("with "),
            math("s", "s"),
            words(" = "),
            given(Value::Number(self.spec.scale)),
            words(" (the param scale)."),
        ]);
        // Its form comes from the params (how many entries), never from the answer; core
        // adds the sentence with the spec's tolerance.
        s.prompt("y", "What is the list y?", Form::Numbers(self.spec.x.len()));
        s
    }

    fn solve(&self) -> Report {
        let mut r = Report::default();
        // The working, step by step, as a student would write it.
        r.heading("y = scale · x");
        r.value("x", Value::numbers(&self.spec.x));
        r.value("scale", Value::Number(self.spec.scale));
        // The answers, by the names [expected] and students use; nnhw-grade judges them.
        r.answer("y", Value::numbers(&self.y()), None);
        r
    }

    fn figures(&self, title: &str) -> Vec<Figure> {
        let points: Vec<(f64, f64)> = self
            .y()
            .iter()
            .enumerate()
            .map(|(i, &y)| (i as f64, y))
            .collect();
        let (lo, hi) = points
            .iter()
            .fold((0.0f64, 0.0f64), |(lo, hi), &(_, y)| (lo.min(y), hi.max(y)));
        let pad = ((hi - lo) * 0.1).max(1.0);
        let style = Style::series(0);
        let caption = "y = scale · x, entry by entry";
        let svg = figure(title, caption, &[Entry::series("y", style)], |area| {
            let entries = finite_range(-0.5, points.len() as f64 - 0.5)?;
            let mut c = chart(area, entries, finite_range(lo - pad, hi + pad)?)?;
            mesh(&mut c, Axis::new("entry"), Axis::new("y"))?;
            axes::series(&mut c, &nnhw_plot::thin(&points), &style)
        });
        svg.map(|svg| Figure {
            name: "y".into(),
            caption: caption.into(),
            svg,
        })
        .into_iter()
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use nnhw_core::registry::stated;
    use nnhw_core::spec::Document;
    use nnhw_core::statement::{text, unshown};

    use super::*;

    fn spec(params: &str) -> String {
        format!("kind = \"__KIND__\"\n[params]\n{params}")
    }

    fn built(params: &str) -> Result<Box<dyn Problem>, FieldError> {
        let text = spec(params);
        let doc = Document::parse("spec.toml", &text).unwrap();
        build(&doc.params())
    }

    #[test]
    fn solves_a_small_case_worked_by_hand() {
        let report = built("x = [1, -2.5]\nscale = 2").unwrap().solve();
        assert_eq!(report.numbers("y"), vec![2.0, -5.0]);
    }

    #[test]
    fn bad_input_names_its_field() {
        for (params, field) in [
            ("x = []", "x"),
            ("x = [1]\nscale = 0", "scale"),
            ("x = [1e308]\nscale = 10", "scale"),
            ("x = \"one\"", "x"),
        ] {
            let error = built(params).err().unwrap();
            assert_eq!(error.path, field, "{params}: {}", error.message);
        }
    }

    #[test]
    fn states_every_param_and_prompts_every_answer_but_gives_none() {
        let (statement, params, report) =
            stated(build, &spec("x = [1.5, -2.5]\nscale = 3")).unwrap();
        assert_eq!(unshown(&statement, &params), Vec::<String>::new());
        let prompts: Vec<&str> = statement.prompts.iter().map(|p| p.name.as_str()).collect();
        let answers: Vec<&str> = report.answers.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(prompts, answers);
        assert_eq!(statement.prompt_for("y").unwrap().form, Form::Numbers(2));
        let shown = text(&statement).replace('−', "-");
        assert!(shown.contains("yᵢ = s·xᵢ"), "{shown}");
        for y in report.numbers("y") {
            let y = nnhw_core::format::number(y);
            assert!(!shown.contains(&y), "the answer {y} shows in\n{shown}");
        }
        // A default in effect is shown too: the reader must be able to solve it.
        let (statement, _, _) = stated(build, &spec("x = [5]")).unwrap();
        assert!(text(&statement).contains("s = 1 "), "{}", text(&statement));
    }

    #[test]
    fn draws_its_figure() {
        let figures = built("x = [1, 2, 3]").unwrap().figures("a title");
        assert_eq!(figures.len(), 1);
        assert!(figures[0].svg.starts_with("<svg"));
    }
}
"##;

const SECTION_LIB: &str = r##"//! Section __LABEL__ of nnhw. TODO say what this section's problems are for, and what this
//! crate is not: it grades nothing (nnhw-grade judges every answer) and holds no shared
//! math (activations, softmax and dense layers are nnhw-core's).

mod __MODULE__;

const SECTION: &str = "__LABEL__";
"##;

const MANIFEST: &str = r##"[package]
name = "__PACKAGE__"
description = "Section __LABEL__ of nnhw"
version.workspace = true
edition.workspace = true
rust-version.workspace = true
license.workspace = true
publish.workspace = true

[dependencies]
nnhw-core.workspace = true
nnhw-plot.workspace = true
serde.workspace = true

[lints]
workspace = true
"##;

const REGISTRATION: &str = r##"
nnhw_core::inventory::submit! {
    nnhw_core::Kind {
        name: "__KIND__",
        section: __SECTION__,
        summary: "TODO one line for `runner list`",
        build: __MODULE__::build,
    }
}
"##;

const SPEC: &str = r##"# TODO: what this problem asks, in the homework's words.
kind = "__KIND__"
title = "TODO: a title for this problem"

[params]
x = [1, -2.5, 4]
scale = 2

# The key as the course gives it, worked out by hand or in another tool, never copied
# from nnhw: runner checks the solver against it. TODO: your problem's key.
[expected]
y = [2, -5, 8]
"##;

fn fill(template: &str, names: &Names) -> String {
    template
        .replace("__KIND__", &names.kind)
        .replace("__TYPE__", &names.type_name)
        .replace("__MODULE__", &names.module)
        .replace("__PACKAGE__", &names.package)
}

/// The kind's module, `crates/SECTION/src/NAME.rs`.
pub fn kind(names: &Names) -> String {
    fill(KIND, names)
}

/// A new section crate's `lib.rs`, with the kind registered.
pub fn section_lib(names: &Names, label: &str) -> String {
    fill(SECTION_LIB, names).replace("__LABEL__", label) + &registration(names, "SECTION")
}

/// A new section crate's manifest, everything inherited from the workspace.
pub fn manifest(names: &Names, label: &str) -> String {
    fill(MANIFEST, names).replace("__LABEL__", label)
}

/// The `inventory::submit!` that puts the kind in the registry; `section` is Rust source
/// (`SECTION`, or a string literal).
pub fn registration(names: &Names, section: &str) -> String {
    fill(REGISTRATION, names).replace("__SECTION__", section)
}

/// The spec skeleton under problems/beyond/ (and in the fuzz corpus).
pub fn spec(names: &Names) -> String {
    fill(SPEC, names)
}

/// The kind's row in the Kinds table of docs/kinds.md.
pub fn readme_row(names: &Names) -> String {
    format!(
        "| `{}` | TODO: `x` (numbers); `scale` > 0 [1] | TODO: `y` |",
        names.kind
    )
}

/// What is left for the user to do.
pub fn next_steps(names: &Names) -> String {
    let snap = format!(
        "tests/tests/snapshots/problems__report@beyond__{}.snap",
        names.spec_file
    );
    format!(
        "\nNext:\n  \
         1. cargo test --workspace --no-fail-fast\n     \
            green but for one new snapshot, the report of problems/beyond/{spec}\n  \
         2. read {snap}.new, then accept it:\n     \
            cargo insta accept  (cargo install cargo-insta --locked), or\n     \
            mv {snap}.new {snap}\n  \
         3. replace the TODOs: crates/{dir}/src/{module}.rs, the summary, docs/kinds.md's row,\n     \
            and the spec's key; rerun step 1 and review the snapshot again\n  \
         4. bash .ci/run   (fmt, clippy -D warnings and the tests, as CI runs them)",
        spec = names.spec_file,
        dir = names.dir,
        module = names.module,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::Request;

    #[test]
    fn the_kind_states_its_question_and_tests_it() {
        let args = ["perceptron.update-step".to_string()];
        let names = Names::new(&Request::parse(&args).unwrap(), "perceptron");
        let kind = kind(&names);
        assert!(!kind.contains("__"), "a placeholder is left");
        assert!(kind.contains("fn statement(&self) -> Statement {"));
        assert!(kind.contains("Form::Numbers(self.spec.x.len())"));
        assert!(kind.contains("unshown(&statement, &params)"));
        assert!(kind.contains("kind = \\\"perceptron.update-step\\\""));
    }
}
