//! What the statement tests share: each spec stated, solved and drawn as the pipeline
//! does it, and every way an answer or an intermediate of the working could be written.

use std::path::{Path, PathBuf};

use nnhw_core::format::number;
use nnhw_core::registry;
use nnhw_core::spec::Document;
use nnhw_core::statement::{Block, Inline, text, unshown};
use nnhw_core::{Figure, Report, Statement, Tolerance, Value};

pub fn problems() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../problems")
}

/// Every spec of a `backprop.` kind, homework first: (file stem, homework?, text).
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
            if path.extension().is_some_and(|e| e == "toml") && text.contains("kind = \"backprop.")
            {
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
    /// Every number the params hold, as the text writes it, with 0 and 1.
    pub given: Vec<String>,
    /// The spec's params, each as `name = value` TOML.
    pub params: Vec<(String, String)>,
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
        params: params
            .iter()
            .map(|(k, v)| (k.clone(), v.to_string()))
            .collect(),
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
    all
}

/// Every ASCII form the statement typesets (what an HTML page turns into MathML).
pub fn typeset(statement: &Statement) -> Vec<String> {
    let pieces = statement.blocks.iter().flat_map(|b| match b {
        Block::Paragraph(p) | Block::Display(p) => p.clone(),
        Block::Items(items) => items.iter().flat_map(|(_, p)| p.clone()).collect(),
    });
    pieces
        .filter_map(|p| match p {
            Inline::Math { ascii, .. } => Some(ascii),
            _ => None,
        })
        .collect()
}

/// Whether `number` occurs in `text` on its own, not inside a longer number or a name.
pub fn stands_alone(text: &str, number: &str) -> bool {
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

/// Every number of the params as the text writes it, and 0 and 1, which the setting's
/// definitions hold (max(0, z), 1/(1 + e^(−z))): an answer equal to one of them is a
/// coincidence of the numbers (ReLU′ is 0 or 1 whatever is asked), not a leak.
pub fn given_numbers<V: std::fmt::Display>(values: impl IntoIterator<Item = V>) -> Vec<String> {
    let mut out = vec!["0".to_string(), "1".to_string()];
    for value in values {
        let toml = value.to_string();
        let tokens = toml.split(|c: char| !(c.is_ascii_digit() || "+-.eE".contains(c)));
        out.extend(tokens.filter_map(|t| t.parse::<f64>().ok()).map(number));
    }
    out
}

/// `x` every way it is written: as the report writes it, to the graded decimals, rounded
/// then written, and to the diagrams' 4 significant digits.
pub fn ways(x: f64, tolerance: &Tolerance) -> Vec<String> {
    let mut ways = vec![number(x), nnhw_plot::short(x, 4).replace('−', "-")];
    if let Some(d) = tolerance.decimals {
        let scale = 10f64.powi(d as i32);
        ways.push(format!("{x:.*}", d as usize));
        ways.push(number((x * scale).round() / scale));
    }
    ways
}

/// A formula's right side is a bare name (∂C/∂bⱼˡ = δⱼˡ): the setting must name δⱼˡ to
/// define it, so only the equation as a whole is looked for.
pub fn bare(rhs: &str) -> bool {
    rhs.chars()
        .all(|c| c.is_alphanumeric() || "_^()-+'".contains(c) || !c.is_ascii())
        && !rhs.contains(['·', ' ', '/', '*', '−'])
}

/// Every rendering of every answer, as `(answer, rendering)`: numbers every way, formulas
/// whole and by their right side in both notations.
pub fn renderings(report: &Report, tolerance: &Tolerance) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for answer in &report.answers {
        let name = &answer.name;
        match &answer.value {
            Value::Number(x) => {
                found.extend(ways(*x, tolerance).into_iter().map(|w| (name.clone(), w)));
            }
            Value::List(items) => {
                for item in items {
                    if let Value::Number(x) = item {
                        found.extend(ways(*x, tolerance).into_iter().map(|w| (name.clone(), w)));
                    }
                }
            }
            Value::Formula(f) => {
                found.push((name.clone(), f.unicode.clone()));
                let rhs = f.unicode.split(" = ").skip(1);
                found.extend(
                    rhs.filter(|r| !bare(r))
                        .map(|r| (name.clone(), r.to_string())),
                );
                if !bare(&f.ascii) {
                    found.push((name.clone(), f.ascii.clone()));
                }
            }
            // A choice lists every option; which one is right is nowhere said.
            _ => {}
        }
    }
    found
}

/// The answers `haystack` gives away, as `name: rendering`.
pub fn leaks(haystack: &str, posed: &Posed) -> Vec<String> {
    let haystack = haystack.replace('−', "-");
    let mut found = renderings(&posed.report, &posed.tolerance);
    found.extend(intermediates(posed));
    found
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

/// A param of the spec as a number.
pub fn param(posed: &Posed, key: &str) -> f64 {
    let value = posed.params.iter().find(|(k, _)| k == key);
    value.and_then(|(_, v)| v.parse().ok()).unwrap()
}

/// What the working computes on the way, each written every way: the two-weight
/// network's forward and backward pass, computed here from the params; and the formulas
/// of the key in the other forms people write them.
pub fn intermediates(posed: &Posed) -> Vec<(String, String)> {
    let formulas: &[&str] = match posed.kind.as_str() {
        "backprop.formulas" => &[
            "∂C/∂aⱼᴸ ·",
            "∂C/∂aⱼᴸ f′",
            "wₖⱼˡ⁺¹ δₖˡ⁺¹",
            "aₖˡ⁻¹ δⱼˡ",
            "aₖˡ⁻¹·δⱼˡ",
            "= δⱼˡ",
            "⊙",
        ],
        "backprop.activation-derivatives" => &[
            "σ(z)(1",
            "σ(z)·(1",
            "1 − σ(z)",
            "1 - σ(z)",
            "1-sigma",
            "(1 + e^(−z))²",
            "e^(−z)/",
            "σ′(z) =",
        ],
        "backprop.sgd" => &["w₁ − η", "w₁ ←", "− η", "η·∂C", "η ∂C", "η∂C", "w_1-eta"],
        _ => &[],
    };
    let mut found: Vec<(String, String)> = formulas
        .iter()
        .map(|f| ("formula".to_string(), f.to_string()))
        .collect();
    if matches!(
        posed.kind.as_str(),
        "backprop.simple-network" | "backprop.sgd"
    ) {
        let [x, t, w1, w2, b] = ["x", "t", "w1", "w2", "b"].map(|k| param(posed, k));
        let z1 = w1 * x;
        let a1 = z1.max(0.0);
        let z2 = w2 * a1 + b;
        let y = 1.0 / (1.0 + (-z2).exp());
        let loss = 0.5 * (y - t).powi(2);
        let delta2 = (y - t) * y * (1.0 - y);
        let delta1 = w2 * delta2 * if z1 > 0.0 { 1.0 } else { 0.0 };
        let values = [
            ("z1", z1),
            ("a1", a1),
            ("z2", z2),
            ("y", y),
            ("C", loss),
            ("δ2", delta2),
            ("δ1", delta1),
            ("∂C/∂w1", x * delta1),
            ("∂C/∂w2", a1 * delta2),
        ];
        for (name, v) in values {
            found.extend(
                ways(v, &posed.tolerance)
                    .into_iter()
                    .map(|w| (name.to_string(), w)),
            );
        }
    }
    found
}

/// The words of every `<text>` element of an SVG.
pub fn svg_text(svg: &str) -> String {
    let mut out = String::new();
    for piece in svg.split("<text").skip(1) {
        let body = piece.split_once('>').map_or("", |(_, b)| b);
        let inner = body.split("</text>").next().unwrap_or("");
        out.push_str(inner);
        out.push('\n');
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}
