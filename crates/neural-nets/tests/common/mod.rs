//! What the question tests share: the section's specs, each stated, solved and drawn as
//! the pipeline does it, and the search for the key in what a student is shown.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use nnhw_core::format::number;
use nnhw_core::registry;
use nnhw_core::spec::Document;
use nnhw_core::statement::{Block, Inline, text, unshown};
use nnhw_core::{Figure, Report, Statement, Tolerance, Value};

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
    /// Every number the params hold, as the text writes it.
    pub given: Vec<String>,
    pub report: Report,
    pub figures: Vec<Figure>,
}

pub fn pose(spec: &str) -> Result<Posed, String> {
    let doc = Document::parse("spec.toml", spec).map_err(|e| e.to_string())?;
    let header = doc.header().map_err(|e| e.to_string())?;
    let kind = registry::find(&header.kind).ok_or("unknown kind")?;
    let (statement, params, report) = registry::stated(kind.build, spec)?;
    let problem = (kind.build)(&doc.params()).map_err(|e| e.message)?;
    let title = header.title.unwrap_or_else(|| "case".into());
    let figures = problem.question_figures(&title);
    Ok(Posed {
        kind: header.kind,
        title,
        tolerance: header.tolerance,
        missing: unshown(&statement, &params),
        given: given_numbers(params.values()),
        statement,
        report,
        figures,
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

/// Whether `number` occurs in `text` on its own, not inside a longer number or a name.
fn stands_alone(text: &str, number: &str) -> bool {
    text.match_indices(number).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let mut after = text[at + number.len()..].chars();
        let joined_before = before.is_some_and(|c| {
            c.is_alphanumeric() || c == '.' || c == '_' || (c == '-' && !number.starts_with('-'))
        });
        let joined_after = match after.next() {
            Some(c) if c.is_ascii_digit() => true,
            Some('.' | 'e') => after.next().is_some_and(|c| c.is_ascii_digit() || c == '-'),
            _ => false,
        };
        !joined_before && !joined_after
    })
}

/// Every number of the params, as the text writes it, and the defaults a statement states
/// (β = 1, zero biases): a statement must print these, so an answer equal to one of them
/// is a coincidence of the drawn numbers, not a leak. Read from each value's TOML, which
/// keeps this crate free of a toml dependency of its own.
fn given_numbers<V: std::fmt::Display>(values: impl IntoIterator<Item = V>) -> Vec<String> {
    let mut out = vec!["0".to_string(), "1".to_string()];
    for value in values {
        let toml = value.to_string();
        let tokens = toml.split(|c: char| !(c.is_ascii_digit() || "+-.eE".contains(c)));
        out.extend(tokens.filter_map(|t| t.parse::<f64>().ok()).map(number));
    }
    out
}

/// The numbers and lines a value holds.
fn parts(value: &Value, numbers: &mut Vec<f64>, lines: &mut Vec<String>) {
    match value {
        Value::Number(x) => numbers.push(*x),
        Value::List(items) | Value::Set(items) => {
            items.iter().for_each(|v| parts(v, numbers, lines));
        }
        Value::Lines(ls) => lines.extend(ls.iter().map(|l| l.text.clone())),
        Value::Polygon(p) => p.corners.iter().for_each(|c| numbers.extend(c)),
        Value::Text(t) => lines.push(t.clone()),
        _ => {}
    }
}

/// A number every way it is written: as the report writes it, to the graded decimals,
/// rounded to them and written again.
fn ways(x: f64, tolerance: &Tolerance) -> Vec<String> {
    if !x.is_finite() {
        return Vec::new();
    }
    let mut out = vec![number(x)];
    if let Some(d) = tolerance.decimals {
        let scale = 10f64.powi(d as i32);
        out.push(format!("{x:.*}", d as usize));
        out.push(number((x * scale).round() / scale));
    }
    out
}

/// An exact form's pieces (`[e^15/(e^15+e^0), …]`), those that are not plain numbers.
fn exact_pieces(exact: &str) -> Vec<String> {
    let inner = exact.trim_start_matches('[').trim_end_matches(']');
    inner
        .split(", ")
        .filter(|p| p.parse::<f64>().is_err())
        .map(str::to_string)
        .collect()
}

/// Every way the key and the working are written: each answer's and each intermediate's
/// numbers, lines as equations (also with x₁, x₂), exact forms piece by piece, every
/// number a sentence of the working holds, and the working's equations in the hidden sum
/// (u₂ = −s + 2).
fn renderings(report: &Report, tolerance: &Tolerance) -> Vec<(String, String)> {
    fn add(
        found: &mut Vec<(String, String)>,
        tolerance: &Tolerance,
        name: &str,
        value: &Value,
        exact: Option<&String>,
    ) {
        let (mut xs, mut lines) = (Vec::new(), Vec::new());
        parts(value, &mut xs, &mut lines);
        for x in xs {
            found.extend(
                ways(x, tolerance)
                    .into_iter()
                    .map(|w| (name.to_string(), w)),
            );
        }
        for line in lines
            .into_iter()
            .filter(|l| l.chars().count() > 2 && l != "—")
        {
            found.push((
                name.to_string(),
                line.replace("x1", "x₁").replace("x2", "x₂"),
            ));
            found.push((name.to_string(), line));
        }
        for piece in exact.map(|e| exact_pieces(e)).unwrap_or_default() {
            found.push((name.to_string(), piece));
        }
    }
    let mut found = Vec::new();
    for answer in &report.answers {
        add(
            &mut found,
            tolerance,
            &answer.name,
            &answer.value,
            answer.exact.as_ref(),
        );
    }
    for step in &report.steps {
        match step {
            nnhw_core::Step::Value { name, value, exact } => {
                add(&mut found, tolerance, name, value, exact.as_ref());
            }
            nnhw_core::Step::Table { rows, .. } => {
                for cell in rows.iter().flatten() {
                    add(&mut found, tolerance, "table", cell, None);
                }
            }
            nnhw_core::Step::Text(sentence) => {
                let tokens = sentence.split(|c: char| !(c.is_ascii_digit() || ".e-".contains(c)));
                for x in tokens.filter_map(|t| t.parse::<f64>().ok()) {
                    found.extend(
                        ways(x, tolerance)
                            .into_iter()
                            .map(|w| ("working".into(), w)),
                    );
                }
                if let Some((left, right)) = sentence.split_once(" = ")
                    && left.starts_with('u')
                    && right.contains('s')
                {
                    // As the working writes it (−1·s + 2) and as people do (−s + 2).
                    let plain = right.replace("−1·s", "−s");
                    let plain = plain.strip_prefix("1·").unwrap_or(&plain).to_string();
                    found.push(("working".into(), right.to_string()));
                    found.push(("working".into(), plain));
                }
            }
            nnhw_core::Step::Heading(_) => {}
        }
    }
    found
}

/// What `posed` gives away in `haystack`, as `name: rendering`: a number counts when it
/// stands alone and is not a given one.
pub fn leaks(haystack: &str, posed: &Posed) -> Vec<String> {
    let haystack = haystack.replace('−', "-");
    renderings(&posed.report, &posed.tolerance)
        .into_iter()
        .filter(|(_, r)| {
            let r = r.replace('−', "-");
            if r.parse::<f64>().is_ok() {
                stands_alone(&haystack, &r) && !posed.given.contains(&r)
            } else {
                haystack.contains(&r)
            }
        })
        .map(|(name, r)| format!("{name}: {r}"))
        .collect()
}

/// The words of every `<text>` element of an SVG.
fn svg_text(svg: &str) -> String {
    let mut out = String::new();
    for piece in svg.split("<text").skip(1) {
        let body = piece.split_once('>').map_or("", |(_, b)| b);
        let inner = body.split("</text>").next().unwrap_or("");
        out.push_str(inner);
        out.push('\n');
    }
    out.replace('−', "-")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
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
        let drawn = svg_text(&figure.svg).replacen(&posed.title, "", 1);
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
