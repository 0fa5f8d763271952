//! What the question tests share: the section's specs, each stated, solved and drawn as
//! the pipeline does it, and the search for the key in what a student is shown: core's
//! (`nnhw_core::statement::leaks`) with what section 1 writes its own way.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use nnhw_core::registry;
use nnhw_core::statement::leaks::{self, Needle};
use nnhw_core::statement::{Block, Inline, text, unshown};
use nnhw_core::{Figure, Report, Statement, Step, Tolerance, Value};

pub fn problems() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../problems")
}

/// Every spec of an `nn.` kind, homework first: (file stem, homework?, text).
pub fn specs() -> Vec<(String, bool, String)> {
    let mut found = Vec::new();
    for (dir, homework) in [(problems(), true), (problems().join("beyond"), false)] {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            if path.extension().is_some_and(|e| e == "toml") && text.contains("kind = \"nn.") {
                let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
                found.push((stem, homework, text));
            }
        }
    }
    found
}

/// A spec stated, solved and drawn as the pipeline does it.
pub struct Posed {
    pub kind: String,
    pub title: String,
    pub tolerance: Tolerance,
    pub statement: Statement,
    /// The params the statement does not show.
    pub missing: Vec<String>,
    /// What the params render to ([`leaks::given`]): the statement prints them, so an
    /// answer equal to one is a coincidence of the drawn numbers, not a leak.
    pub given: HashSet<String>,
    pub report: Report,
    pub figures: Vec<Figure>,
}

/// A spec posed through core (one build: question, solution, question figures), with
/// what these tests look for.
pub fn pose(spec: &str) -> Result<Posed, registry::Refused> {
    let p = registry::pose(spec)?;
    Ok(Posed {
        missing: unshown(&p.statement, &p.params),
        given: leaks::given(&p.params),
        kind: p.kind,
        title: p.title,
        tolerance: p.tolerance,
        statement: p.statement,
        report: p.report,
        figures: p.question_figures,
    })
}

/// The statement's words as a reader sees them: its text and each prompt's question.
pub fn words(posed: &Posed) -> String {
    let mut all = text(&posed.statement);
    for p in &posed.statement.prompts {
        all.push('\n');
        all.push_str(&p.ask);
    }
    // What HTML typesets: each piece of mathematics in the grader's ASCII.
    for block in &posed.statement.blocks {
        let pieces = match block {
            Block::Paragraph(p) | Block::Display(p) => p.clone(),
            Block::Items(items) => items.iter().flat_map(|(_, p)| p.clone()).collect(),
        };
        for piece in pieces {
            if let Inline::Math { ascii, .. } = piece {
                all.push('\n');
                all.push_str(&ascii);
            }
        }
    }
    all.replace('−', "-")
}

/// The needles of `value` as core writes an answer named `name`: a number at the graded
/// decimals and finer, a short one only as `name = …`.
fn needles_of(value: &Value, name: &str, tolerance: &Tolerance) -> Vec<Needle> {
    let mut report = Report::default();
    report.answer(name, value.clone(), None);
    leaks::needles(&report, &Statement::default(), tolerance)
}

/// What section 1 writes its own way, beyond core's needles: a boundary line with x₁ and
/// x₂ as the statement writes them; a unit's value by the unit's name (z₂ = 13, u₁ = 15,
/// f(z₂) = 13; core names a short one by its list, z = 13); each coordinate of a region's
/// corner (core looks for whole corners); every number a sentence or a table of the
/// working holds (1/0.001 − 1 = 999, each β's gap); and the hidden sum's equations
/// (u₂ = −s + 2, as the working writes it, −1·s + 2, and as people do).
fn section(report: &Report, tolerance: &Tolerance) -> Vec<Needle> {
    let mut out = Vec::new();
    let answers = report.answers.iter().map(|a| (&a.name, &a.value));
    let working = report.steps.iter().filter_map(|s| match s {
        Step::Value { name, value, .. } => Some((name, value)),
        _ => None,
    });
    for (name, value) in answers.chain(working) {
        match value {
            Value::Lines(lines) => {
                for line in lines {
                    let written = line.text.replace("x1", "x₁").replace("x2", "x₂");
                    out.push(Needle::new(written, format!("a line of {name}")));
                }
            }
            Value::List(items) => {
                let numbers = items.iter().enumerate();
                for (i, item) in numbers.filter(|(_, v)| matches!(v, Value::Number(_))) {
                    let k = nnhw_plot::subscript(i + 1);
                    for unit in [format!("z{k}"), format!("u{k}"), format!("o{k}")] {
                        for named in [unit.clone(), format!("f({unit})")] {
                            let short = needles_of(item, &named, tolerance);
                            out.extend(short.into_iter().filter(|n| n.context.is_some()));
                        }
                    }
                }
            }
            Value::Polygon(p) => {
                for x in p.corners.iter().flatten() {
                    out.extend(needles_of(&Value::Number(*x), name, tolerance));
                }
            }
            _ => {}
        }
    }
    for step in &report.steps {
        match step {
            Step::Text(sentence) => {
                let tokens = sentence.split(|c: char| !(c.is_ascii_digit() || ".e-".contains(c)));
                for x in tokens.filter_map(|t| t.parse::<f64>().ok()) {
                    out.extend(needles_of(&Value::Number(x), "working", tolerance));
                }
                if let Some((left, right)) = sentence.split_once(" = ")
                    && left.starts_with('u')
                    && right.contains('s')
                {
                    let plain = right.replace("−1·s", "−s");
                    let plain = plain.strip_prefix("1·").unwrap_or(&plain).to_string();
                    out.push(Needle::new(right, format!("the working's {left}")));
                    out.push(Needle::new(plain, format!("the working's {left}")));
                }
            }
            Step::Table { columns, rows } => {
                for row in rows {
                    for (column, cell) in columns.iter().zip(row) {
                        out.extend(needles_of(cell, column, tolerance));
                    }
                }
            }
            Step::Value { .. } | Step::Heading(_) => {}
        }
    }
    out
}

/// What `posed` gives away in `haystack`, as `what: text`: core's needles
/// ([`leaks::needles`]) and the section's ([`section`]), a short number also said in
/// words (`area is 4`), leaving out what the params render to. `−` reads as `-` on both
/// sides: the statement writes its matrices with `-`, the working its lines with `−`.
pub fn leaks(haystack: &str, posed: &Posed) -> Vec<String> {
    let mut needles = leaks::needles(&posed.report, &posed.statement, &posed.tolerance);
    needles.extend(section(&posed.report, &posed.tolerance));
    let said: Vec<Needle> = needles
        .iter()
        .filter(|n| !posed.given.contains(&n.text))
        .filter_map(|n| {
            let name = n.context.as_ref()?;
            Some(Needle::new(format!("{name} is {}", n.text), &n.what))
        })
        .collect();
    needles.extend(said);
    for needle in &mut needles {
        needle.text = needle.text.replace('−', "-");
    }
    // Core reads the `.` of `z₂ = 13.` as 13 going on (13.5): a full stop is set apart.
    let haystack = format!("{} ", haystack.replace('−', "-"))
        .replace(". ", " . ")
        .replace(".\n", " .\n");
    leaks::find(&haystack, &needles, &posed.given)
}

/// What the kind's question must say, in its words.
fn key_phrases(kind: &str) -> &'static [&'static str] {
    match kind {
        "nn.feedforward" => &["Consider the input", "What is the final output"],
        "nn.decision-region" => &["Plot the line", "give the area of the region where"],
        "nn.output-from-hidden-sum" => &["With this V, what is o₁ when", "softmax"],
        "nn.inverse-temperature" => &["how large may the gap", "increasing β", "o₂ ≥"],
        other => panic!("no phrases for {other}"),
    }
}

/// Every check on one stated spec; `name` says which.
pub fn check(name: &str, posed: &Posed) {
    assert!(
        posed.missing.is_empty(),
        "{name}: params not shown: {:?}",
        posed.missing
    );
    let answers: Vec<&str> = posed
        .report
        .answers
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    let prompts: Vec<&str> = posed
        .statement
        .prompts
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(prompts, answers, "{name}: prompts against answers");
    let said = words(posed);
    for phrase in key_phrases(&posed.kind) {
        assert!(said.contains(phrase), "{name}: no `{phrase}` in\n{said}");
    }
    let leaked = leaks(&said, posed);
    assert!(
        leaked.is_empty(),
        "{name}: answers in the statement: {leaked:?}\n{said}"
    );
    for figure in &posed.figures {
        assert!(
            figure.name.starts_with("question-"),
            "{name}: {}",
            figure.name
        );
        assert!(
            figure.svg.len() < 100_000,
            "{name}.{}: {} bytes",
            figure.name,
            figure.svg.len()
        );
        assert!(
            figure.svg.contains(&posed.title),
            "{name}.{} lacks the title",
            figure.name
        );
        // The spec's own title heads the figure; a number in it is the spec's choice.
        let drawn = nnhw_plot::svg_text(&figure.svg).replacen(&posed.title, "", 1);
        assert!(
            !drawn.contains('…'),
            "{name}.{}: a clipped line in\n{drawn}",
            figure.name
        );
        let leaked = leaks(&drawn, posed);
        assert!(
            leaked.is_empty(),
            "{name}.{}: answers drawn: {leaked:?}\n{drawn}",
            figure.name
        );
    }
}
