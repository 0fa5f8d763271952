//! What the statement tests share: each spec stated, solved and drawn as the pipeline
//! does it, and every way an answer or an intermediate of the working could be written:
//! core's (`nnhw_core::statement::leaks`) with what section 3 writes its own way.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use nnhw_core::registry;
use nnhw_core::statement::leaks::{self, Needle};
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
    /// What the params render to ([`leaks::given`]): the statement prints them, so an
    /// answer equal to one is a coincidence of the drawn numbers, not a leak.
    pub given: HashSet<String>,
    /// The spec's params, each as `name = value` TOML.
    pub params: Vec<(String, String)>,
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
        params: p
            .params
            .iter()
            .map(|(k, v)| (k.clone(), v.to_string()))
            .collect(),
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

/// The needles of `x` as core writes an answer named `name`: the graded decimals and
/// finer, a short number only as `name = …`.
pub fn number(x: f64, name: &str, tolerance: &Tolerance) -> Vec<Needle> {
    let mut report = Report::default();
    report.answer(name, Value::Number(x), None);
    leaks::needles(&report, &Statement::default(), tolerance)
}

/// `x` as the section's diagrams draw it, to 4 significant digits (`0.2884`,
/// `4.54×10⁻⁵`), which may be coarser than graded; as core's needle for that text when it
/// has one (which knows whether it is short).
pub fn drawn(x: f64, name: &str, tolerance: &Tolerance) -> Needle {
    let text = nnhw_plot::short(x, 4);
    let core = text
        .replace('−', "-")
        .parse()
        .map_or(Vec::new(), |v| number(v, name, tolerance));
    core.into_iter()
        .find(|n| n.text == text)
        .unwrap_or_else(|| Needle::new(&text, format!("{name} ({text}), drawn")))
}

/// A formula's right side is a bare name (∂C/∂bⱼˡ = δⱼˡ): the setting must name δⱼˡ to
/// define it, so only the equation as a whole is looked for.
pub fn bare(rhs: &str) -> bool {
    rhs.chars()
        .all(|c| c.is_alphanumeric() || "_^()-+'".contains(c) || !c.is_ascii())
        && !rhs.contains(['·', ' ', '/', '*', '−'])
}

/// What the section writes its own way, beyond core's needles of the answers: each
/// number as the diagrams draw it, and a formula's right sides alone in Unicode
/// (`σ(z)·(1 − σ(z))`, core has the whole equation) and in ASCII whenever it is more
/// than a name (core: when it has `*`, `/` or `+`).
pub fn section(report: &Report, tolerance: &Tolerance) -> Vec<Needle> {
    let mut found = Vec::new();
    for answer in &report.answers {
        let name = &answer.name;
        match &answer.value {
            Value::Number(x) => found.push(drawn(*x, name, tolerance)),
            Value::List(items) => {
                for item in items {
                    if let Value::Number(x) = item {
                        found.push(drawn(*x, name, tolerance));
                    }
                }
            }
            Value::Formula(f) => {
                let what = format!("the formula {name}");
                let rhs = f.unicode.split(" = ").skip(1).filter(|r| !bare(r));
                found.extend(rhs.map(|r| Needle::new(r, &what)));
                if !bare(&f.ascii) {
                    found.push(Needle::new(&f.ascii, &what));
                }
            }
            // A choice lists every option; which one is right is nowhere said.
            _ => {}
        }
    }
    found
}

/// The answers `haystack` gives away, as `what: text`: core's needles
/// ([`leaks::needles`]), the section's ([`section`]) and the working's
/// ([`intermediates`]), leaving out what the params render to. `−` reads as `-` on both
/// sides.
pub fn leaks(haystack: &str, posed: &Posed) -> Vec<String> {
    let mut needles = leaks::needles(&posed.report, &posed.statement, &posed.tolerance);
    needles.extend(section(&posed.report, &posed.tolerance));
    needles.extend(intermediates(posed));
    for needle in &mut needles {
        needle.text = needle.text.replace('−', "-");
    }
    // Core reads the `.` of `z₁ = 0.03.` as the number going on: a full stop is set apart.
    let haystack = format!("{} ", haystack.replace('−', "-"))
        .replace(". ", " . ")
        .replace(".\n", " .\n");
    leaks::find(&haystack, &needles, &posed.given)
}

/// A param of the spec as a number.
pub fn param(posed: &Posed, key: &str) -> f64 {
    let value = posed.params.iter().find(|(k, _)| k == key);
    value.and_then(|(_, v)| v.parse().ok()).unwrap()
}

/// What the working computes on the way, each written every way ([`number`], [`drawn`],
/// named as the statement names it): the two-weight network's forward and backward pass, computed
/// here from the params; and the formulas of the key in the other forms people write
/// them.
pub fn intermediates(posed: &Posed) -> Vec<Needle> {
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
    let mut found: Vec<Needle> = formulas
        .iter()
        .map(|f| Needle::new(*f, "a form of the key's formula"))
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
            ("z₁", z1),
            ("a₁", a1),
            ("z₂", z2),
            ("y", y),
            ("C", loss),
            ("δ₂", delta2),
            ("δ₁", delta1),
            ("∂C/∂w₁", x * delta1),
            ("∂C/∂w₂", a1 * delta2),
        ];
        for (name, v) in values {
            found.extend(number(v, name, &posed.tolerance));
            found.push(drawn(v, name, &posed.tolerance));
        }
    }
    found
}
