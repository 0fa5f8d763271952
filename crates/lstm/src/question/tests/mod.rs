//! Every LSTM spec's statement and question figure, built as the pipeline builds them:
//! every param shown, a prompt per answer in the solver's order, the homework's question,
//! and nothing of the key (no answer and no computed intermediate) in the text, the
//! prompts or the figure. The homework's variants are all tried: every input of the
//! lengths their [variants] table draws. The checks are here, the cases in [`cases`].

use nnhw_core::format::number;
use nnhw_core::registry::{Build, stated};
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

/// Whether `needle` occurs in `text` as a number of its own (not inside `x1` or `12`).
fn stands_alone(text: &str, needle: &str) -> bool {
    text.match_indices(needle).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + needle.len()..].chars().next();
        let joined = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || c == '.');
        !joined(before) && !joined(after)
    })
}

/// A number's renderings at the graded precision or finer: as the report writes it and
/// to 4 … 16 decimals (coarser than any LSTM spec is graded, finer than f64 holds).
fn renderings(v: f64) -> Vec<String> {
    let mut out = vec![number(v)];
    out.extend((4..=16).map(|d| format!("{v:.d$}")));
    out
}

/// A number a statement could hold for reasons of its own (a weight, 0.5 of the rounding
/// rule): small integers and halves, as the report writes them (σ(10⁻¹³) is 0.5 there).
/// Those are checked as whole lists, not one by one.
fn plain(v: f64) -> bool {
    let v: f64 = number(v).parse().unwrap_or(v);
    (2.0 * v).fract() == 0.0 && v.abs() < 1e6
}

/// Every way the answer `value` could show up: (numbers, each a needle for
/// [`stands_alone`]; lists, each a plain substring). The whole list as the report writes
/// it and without its brackets; each row of a matrix that holds a number not [`plain`]
/// (a row of 0s and 1s may well be an input vector); each such number.
fn needles(value: &Value) -> (Vec<String>, Vec<String>) {
    let (mut numbers, mut lists) = (Vec::new(), Vec::new());
    let listed = nnhw_core::render::value_text(value);
    let mut number_of = |v: &Value| match v {
        Value::Number(v) if !plain(*v) => numbers.extend(renderings(*v)),
        Value::Number(_) => {}
        other => panic!("an LSTM answer of an unexpected shape: {other:?}"),
    };
    match value {
        Value::Number(v) => numbers.extend(renderings(*v)),
        Value::List(items) => {
            lists.push(listed.clone());
            if items.len() > 1 {
                lists.push(listed.trim_start_matches('[').trim_end_matches(']').into());
            }
            for item in items {
                match item {
                    Value::List(row) => {
                        row.iter().for_each(&mut number_of);
                        if row
                            .iter()
                            .any(|v| matches!(v, Value::Number(v) if !plain(*v)))
                        {
                            lists.push(nnhw_core::render::value_text(item));
                        }
                    }
                    v => number_of(v),
                }
            }
        }
        other => panic!("an LSTM answer of an unexpected shape: {other:?}"),
    }
    (numbers, lists)
}

/// Every number of the working's tables that is not [`plain`]: the gates, c, h before
/// rounding. None of them may be stated.
fn intermediates(report: &Report) -> Vec<f64> {
    let mut out = Vec::new();
    for step in &report.steps {
        if let Step::Table { rows, .. } = step {
            for cell in rows.iter().flatten() {
                if let Value::Number(v) = cell
                    && !plain(*v)
                {
                    out.push(*v);
                }
            }
        }
    }
    out
}

/// What the params show, so a statement may show it whatever the answers are: the input
/// x when it is a list of numbers, and every number as the report writes it.
struct Given {
    x: Option<Value>,
    numbers: Vec<String>,
}

impl Given {
    fn new(params: &toml::Table) -> Given {
        fn walk(v: &toml::Value, out: &mut Vec<String>) {
            match v {
                toml::Value::Integer(i) => out.push(number(*i as f64)),
                toml::Value::Float(f) => out.push(number(*f)),
                toml::Value::Array(items) => items.iter().for_each(|i| walk(i, out)),
                toml::Value::Table(t) => t.values().for_each(|i| walk(i, out)),
                _ => {}
            }
        }
        let mut numbers = Vec::new();
        params.values().for_each(|v| walk(v, &mut numbers));
        Given {
            x: x_of(params),
            numbers,
        }
    }

    /// Whether `n` shown in a statement may be a param rather than an answer.
    fn shows(&self, n: &str) -> bool {
        self.numbers.iter().any(|g| g == n)
    }
}

/// Fails when any answer of `report`, or any intermediate of its working, shows in
/// `shown` (a handout's text or a figure's), except what the params themselves show (an
/// answer list equal to the input x, a gate value equal to a weight). A choice's options
/// are all `listed` in a statement (that is the question), in a figure none.
fn assert_keyless(file: &str, shown: &str, report: &Report, given: &Given, listed: bool) {
    let shown = shown.replace('−', "-");
    for answer in &report.answers {
        assert!(
            answer.exact.is_none(),
            "{file}: LSTM answers have no exact form"
        );
        match &answer.value {
            Value::Choice(choice) if listed => {
                // Listing every option is the question: all of them, then, or none.
                let holds_for = choice.options.iter().any(|o| o.name == "every length");
                for o in &choice.options {
                    let shows = shown.contains(&o.name);
                    assert!(
                        shows != (holds_for && o.name != "every length"),
                        "{file}: {} shows `{}` {}",
                        answer.name,
                        o.name,
                        if shows { "alone" } else { "not at all" }
                    );
                }
            }
            Value::Choice(choice) => {
                for o in &choice.options {
                    let words = [o.name.as_str(), o.text.as_str()];
                    assert!(
                        words.iter().all(|w| !shown.contains(w)),
                        "{file}: `{}` is shown",
                        o.name
                    );
                }
            }
            value => {
                let (numbers, lists) = needles(value);
                for n in numbers.iter().filter(|n| !given.shows(n)) {
                    assert!(
                        !stands_alone(&shown, n),
                        "{file}: {} = {n} is shown",
                        answer.name
                    );
                }
                let allowed = given.x.as_ref().filter(|x| *x == value).map_or(0, |_| 1);
                for l in lists {
                    let l = l.replace('−', "-");
                    assert!(
                        shown.matches(&l).count() <= allowed,
                        "{file}: {} = {l} is shown",
                        answer.name
                    );
                }
            }
        }
    }
    for v in intermediates(report) {
        for n in renderings(v).iter().filter(|n| !given.shows(n)) {
            assert!(
                !stands_alone(&shown, n),
                "{file}: the intermediate {n} is shown"
            );
        }
    }
}

/// The words of an SVG's `<text>` elements.
fn svg_text(svg: &str) -> String {
    let mut out = String::new();
    for piece in svg.split("<text").skip(1) {
        let body = piece.split_once('>').map_or("", |(_, rest)| rest);
        let body = body.split("</text>").next().unwrap_or("");
        out.push_str(body);
        out.push('\n');
    }
    out
}

fn x_of(params: &toml::Table) -> Option<Value> {
    let x = params.get("x")?;
    let numbers = |v: &toml::Value| v.as_float().or(v.as_integer().map(|i| i as f64));
    let items = x.as_array()?;
    if items.iter().all(|i| numbers(i).is_some()) {
        Some(Value::List(
            items
                .iter()
                .map(|i| Value::Number(numbers(i).unwrap()))
                .collect(),
        ))
    } else {
        None
    }
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
    let given = Given::new(&params);
    let shown = handout(&statement, &tolerance);
    assert_keyless(file, &shown, &report, &given, true);
    // The title is the spec's own words (some beyond specs' titles tell their answer);
    // the rest of the figure is this crate's.
    let title = nnhw_core::spec::Document::parse(file, spec)
        .unwrap()
        .header()
        .unwrap()
        .title
        .unwrap_or_default();
    for f in &question_figures(file, kind, spec) {
        let drawn = svg_text(&f.svg).replace(&title, "");
        assert_keyless(file, &drawn, &report, &given, false);
    }
    statement
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
        assert!(svg_text(&f.svg).contains(&title), "{file}: no title");
    }
    figures
}

mod cases;
