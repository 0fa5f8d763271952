//! Every LSTM spec's statement and question figure, built as the pipeline builds them:
//! every param shown, a prompt per answer in the solver's order, the homework's question,
//! and nothing of the key (no answer and no computed intermediate) in the text, the
//! prompts or the figure. The homework's variants are all tried: every input of the
//! lengths their [variants] table draws. The checks are here, the cases in [`cases`].

use std::collections::HashSet;

use nnhw_core::registry::{Build, stated};
use nnhw_core::statement::leaks::{self, Needle};
use nnhw_core::statement::{prompt_text, text, unshown};
use nnhw_core::{Figure, Report, Statement, Step, Tolerance, Value};

fn root() -> String {
    format!("{}/../../problems", env!("CARGO_MANIFEST_DIR"))
}

/// Every spec of either kind under problems/ and problems/beyond/: (path, kind, text).
fn specs() -> Vec<(String, String, String)> {
    let mut found = Vec::new();
    for dir in [root(), format!("{}/beyond", root())] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let Ok(doc) = nnhw_core::spec::Document::parse("spec.toml", &text) else {
                continue;
            };
            let Ok(kind) = doc.header().map(|h| h.kind) else {
                continue;
            };
            if kind.starts_with("lstm.") {
                found.push((path.display().to_string(), kind, text));
            }
        }
    }
    found.sort();
    found
}

fn build(kind: &str) -> Build {
    match kind {
        "lstm.states" => crate::states::build,
        "lstm.info" => crate::info::build,
        other => panic!("not an LSTM kind: {other}"),
    }
}

/// The statement's text and every prompt's line, as a handout would print them, with
/// `−` read as `-` as `unshown` reads it.
fn handout(statement: &Statement, tolerance: &Tolerance) -> String {
    let mut all = text(statement);
    for p in &statement.prompts {
        all.push('\n');
        all.push_str(&prompt_text(p, tolerance));
    }
    all.replace('−', "-")
}

/// The tolerance the search renders numbers at: the graded decimals, but from 4 decimals
/// on at most, as the question figure writes numbers (`W^{f,h} ≈ 0.1235`) and as no LSTM
/// spec is graded; core starts at the graded decimals.
fn searched(tolerance: &Tolerance) -> Tolerance {
    Tolerance {
        decimals: Some(tolerance.decimals.map_or(4, |d| d.min(4))),
        ..Tolerance::default()
    }
}

/// Every way the key of `report` could show up: core's needles of the answers and the
/// working's values ([`leaks::needles`]); each number of the working's tables (the gates,
/// c, h before rounding, named by their column), which core does not read; and an answer
/// list without its brackets (`0, 1, -1`), unless the params show the list (an h equal
/// to the input x).
fn needles(
    report: &Report,
    statement: &Statement,
    tolerance: &Tolerance,
    given: &HashSet<String>,
) -> Vec<Needle> {
    let tolerance = searched(tolerance);
    let mut out = leaks::needles(report, statement, &tolerance);
    for answer in &report.answers {
        if let Value::List(items) = &answer.value
            && items.len() > 1
        {
            let listed = nnhw_core::render::value_text(&answer.value);
            if !given.contains(&listed) {
                let bare = listed.trim_start_matches('[').trim_end_matches(']');
                out.push(Needle::new(
                    bare,
                    format!("{} without brackets", answer.name),
                ));
            }
        }
    }
    let mut cells = Report::default();
    for step in &report.steps {
        let Step::Table { columns, rows } = step else {
            continue;
        };
        for row in rows {
            for (column, cell) in columns.iter().zip(row) {
                if let Value::Number(_) = cell {
                    cells.answer(column, cell.clone(), None);
                }
            }
        }
    }
    out.extend(leaks::needles(&cells, &Statement::default(), &tolerance));
    out
}

/// What of the key `shown` (a handout's text or a figure's) gives away, as `what: text`:
/// the [`needles`] of `report`, leaving out what the params render to (`given`), and a
/// choice's options. Listing every option is the question (`listed`, in a statement):
/// then all of them, or none, must show; a figure shows none. `−` reads as `-`.
fn keys_in(
    shown: &str,
    report: &Report,
    statement: &Statement,
    tolerance: &Tolerance,
    given: &HashSet<String>,
    listed: bool,
) -> Vec<String> {
    let shown = shown.replace('−', "-");
    let mut needles = needles(report, statement, tolerance, given);
    for needle in &mut needles {
        needle.text = needle.text.replace('−', "-");
    }
    // A number looked for alone is found where it begins a longer one, a finer rendering
    // of it; one that begins a param as the params print it (signed or not) is the
    // param's, not the key's (c = tanh(W^{c,x}) = -0.012344… is -0.0123 to 4 decimals, and
    // W^{c,x} = -0.0123456 is printed). Core leaves out only renderings equal to a param's.
    let begins = |g: &str, n: &str| g.len() > n.len() && g.starts_with(n);
    needles.retain(|n| {
        n.context.is_some()
            || n.text.parse::<f64>().is_err()
            || !given
                .iter()
                .any(|g| begins(g, &n.text) || begins(g.trim_start_matches('-'), &n.text))
    });
    let mut found = leaks::find(&shown, &needles, given);
    for answer in &report.answers {
        assert!(
            answer.exact.is_none(),
            "{}: LSTM answers have no exact form",
            answer.name
        );
        let Value::Choice(choice) = &answer.value else {
            continue;
        };
        let holds_for = choice.options.iter().any(|o| o.name == "every length");
        for o in &choice.options {
            let name = format!("{}: `{}`", answer.name, o.name);
            if !listed {
                if [&o.name, &o.text]
                    .iter()
                    .any(|w| shown.contains(w.as_str()))
                {
                    found.push(format!("{name} is shown"));
                }
                continue;
            }
            let shows = shown.contains(&o.name);
            if shows == (holds_for && o.name != "every length") {
                let how = if shows { "alone" } else { "not at all" };
                found.push(format!("{name} shows {how}"));
            }
        }
    }
    found
}

/// Checks one spec's statement and question figures; returns the statement.
fn check(file: &str, kind: &str, spec: &str) -> Statement {
    check_shown(file, kind, spec, true)
}

/// [`check`]; `whole` says whether every param value must show (not so for a sequence
/// long enough to be cut in the middle).
fn check_shown(file: &str, kind: &str, spec: &str, whole: bool) -> Statement {
    let (statement, params, report) = stated(build(kind), spec).unwrap();
    let tolerance: Tolerance = nnhw_core::spec::Document::parse(file, spec)
        .unwrap()
        .header()
        .unwrap()
        .tolerance;
    let missing = unshown(&statement, &params);
    assert!(
        !whole || missing.is_empty(),
        "{file}: not shown: {missing:?}"
    );
    // A prompt per answer, in the solver's order; lstm.info asks `states` even when the
    // states do not close and the solver cannot give it.
    let answers: Vec<&str> = report.answers.iter().map(|a| a.name.as_str()).collect();
    let prompts: Vec<&str> = statement.prompts.iter().map(|p| p.name.as_str()).collect();
    let expected: &[&str] = match kind {
        "lstm.states" => &["h"],
        _ => &["meaning", "holds_for", "states", "sequences_checked"],
    };
    assert_eq!(prompts, expected, "{file}");
    let asked: Vec<&str> = prompts
        .iter()
        .copied()
        .filter(|p| answers.contains(p))
        .collect();
    assert_eq!(asked, answers, "{file}");
    let given = leaks::given(&params);
    let shown = handout(&statement, &tolerance);
    let found = keys_in(&shown, &report, &statement, &tolerance, &given, true);
    assert!(found.is_empty(), "{file}: the key shows: {found:?}");
    // The title is the spec's own words (some beyond specs' titles tell their answer);
    // the rest of the figure is this crate's.
    let title = nnhw_core::spec::Document::parse(file, spec)
        .unwrap()
        .header()
        .unwrap()
        .title
        .unwrap_or_default();
    for f in &question_figures(file, kind, spec) {
        let drawn = nnhw_plot::svg_text(&f.svg).replace(&title, "");
        let found = keys_in(&drawn, &report, &statement, &tolerance, &given, false);
        assert!(
            found.is_empty(),
            "{file}: the figure shows the key: {found:?}"
        );
    }
    statement
}

/// What [`keys_in`] finds in the handout of `spec` with `planted` said after its
/// statement (`listed`), or in `planted` alone, as a figure's words (not `listed`).
fn planted(kind: &str, spec: &str, planted: &str, listed: bool) -> Vec<String> {
    let (mut statement, params, report) = stated(build(kind), spec).unwrap();
    let tolerance = nnhw_core::spec::Document::parse("planted", spec)
        .unwrap()
        .header()
        .unwrap()
        .tolerance;
    let given = leaks::given(&params);
    let shown = if listed {
        statement.say(planted);
        handout(&statement, &tolerance)
    } else {
        planted.to_string()
    };
    keys_in(&shown, &report, &statement, &tolerance, &given, listed)
}

fn question_figures(file: &str, kind: &str, spec: &str) -> Vec<Figure> {
    let doc = nnhw_core::spec::Document::parse(file, spec).unwrap();
    let title = doc.header().unwrap().title.unwrap_or_default();
    let problem = build(kind)(&doc.params()).unwrap();
    let figures = problem.question_figures(&title);
    assert_eq!(figures.len(), 1, "{file}");
    for f in &figures {
        assert_eq!(f.name, "question-cell");
        assert!(f.svg.starts_with("<svg") && f.svg.trim_end().ends_with("</svg>"));
        assert!(f.svg.len() < 100_000, "{file}: {} bytes", f.svg.len());
        assert!(
            nnhw_plot::svg_text(&f.svg).contains(&title),
            "{file}: no title"
        );
    }
    figures
}

mod cases;
