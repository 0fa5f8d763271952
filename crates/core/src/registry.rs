//! The registry of problem kinds: each section crate submits a [`Kind`] per problem kind
//! with `inventory::submit!`, and the runner finds them here by name.

use crate::document::Document;
use crate::{FieldError, Figure, Params, Report, SpecError, Statement, Tolerance, Value};

/// A problem built from a spec's params: it can be stated, solved and drawn.
pub trait Problem: Send + Sync {
    /// The question, from the params alone: the setting, the given numbers, and one
    /// prompt per answer [`Problem::solve`] gives. It must hold nothing the solver
    /// computes that is, or gives away, an answer: a handout shows it to students.
    /// Required, so that no kind can be registered without its question.
    fn statement(&self) -> Statement;

    /// Computes the answers, with the working.
    fn solve(&self) -> Report;

    /// Figures that pose the question (the network with its weights, the LSTM cell with
    /// its parameters), each headed by `title`: like the statement, they show the params
    /// and no computed value. Empty for a kind that needs none.
    fn question_figures(&self, title: &str) -> Vec<Figure> {
        let _ = title;
        Vec::new()
    }

    /// The figures worth looking at, each headed by `title` (the spec's); drawn only when
    /// the user asks for them. Empty for a kind that draws nothing.
    fn figures(&self, title: &str) -> Vec<Figure> {
        let _ = title;
        Vec::new()
    }

    /// Why this problem, drawn as a per-student variant, would be unfair to grade: a
    /// knife-edge that floating-point error or a student's rounding of intermediate values
    /// decides, an answer that degenerates where the original's does not. `report` is
    /// this problem's solution. `None` when it is fit; the reason is a short phrase without
    /// the drawn numbers (`runner variants` counts redraws by reason). A graded number on
    /// a rounding boundary is every kind's knife-edge, so [`unfit`] checks it for all.
    fn unfit(&self, report: &Report, fitness: &Fitness<'_>) -> Option<String> {
        let _ = (report, fitness);
        None
    }
}

/// Whether `drawn` is unfit when drawn from `original` (each the body of a `[params]`
/// table), as `runner variants` decides it: both built with `build` and solved, then
/// [`unfit`] with every answer graded. For a kind's tests of its own rules; `Err` is a
/// spec the kind refuses.
pub fn unfit_draw(
    build: Build,
    original: &str,
    drawn: &str,
    tolerance: Tolerance,
) -> Result<Option<String>, Refused> {
    let problem = |params: &str| {
        let text = format!("kind = \"\"\n[params]\n{params}");
        let doc = Document::parse("spec.toml", &text)?;
        build(&doc.params()).map_err(Refused::Params)
    };
    let original = problem(original)?.solve();
    let fitness = Fitness {
        original: &original,
        tolerance,
    };
    let drawn = problem(drawn)?;
    let report = drawn.solve();
    let every: Vec<String> = report.answers.iter().map(|a| a.name.clone()).collect();
    Ok(unfit(drawn.as_ref(), &report, &fitness, &every))
}

/// Why a drawn problem is unfit, for every kind alike: a graded answer (one `graded`
/// names) on a rounding boundary, or else the kind's own [`Problem::unfit`]. `None` when
/// it is fit. The one place `runner variants` asks.
pub fn unfit(
    problem: &dyn Problem,
    report: &Report,
    fitness: &Fitness<'_>,
    graded: &[String],
) -> Option<String> {
    let on_boundary = report
        .answers
        .iter()
        .filter(|a| graded.contains(&a.name))
        .any(|a| any_number(&a.value, &mut |x| fitness.tolerance.on_rounding_boundary(x)));
    if on_boundary {
        return Some(ON_BOUNDARY.into());
    }
    problem.unfit(report, fitness)
}

/// Why a draw with a graded answer on a rounding boundary is redrawn.
pub const ON_BOUNDARY: &str = "a graded answer lies on a rounding boundary";

/// Whether `test` holds for a number a student gives for `value`: each entry of a list or
/// set, each corner's coordinates, each line's coefficients as they are graded.
fn any_number(value: &Value, test: &mut impl FnMut(f64) -> bool) -> bool {
    match value {
        Value::Number(x) => test(*x),
        Value::Count(n) => test(*n as f64),
        Value::List(items) | Value::Set(items) => items.iter().any(|v| any_number(v, test)),
        Value::Polygon(polygon) => polygon.corners.iter().flatten().any(|&x| test(x)),
        Value::Lines(lines) => lines
            .iter()
            .filter_map(|l| l.graded())
            .any(|(_, coefficients)| coefficients.into_iter().any(&mut *test)),
        Value::Text(_) | Value::Bool(_) | Value::Formula(_) | Value::Choice(_) => false,
    }
}

/// A spec's question and solution as the pipeline makes them (its `[statement]` table
/// applied), with its `[params]` table, built with `build`: for a kind's tests of its own
/// statement. `Err` is a spec the kind refuses, as one line.
pub fn stated(build: Build, spec: &str) -> Result<(Statement, toml::Table, Report), Refused> {
    let posed = pose_with(build, spec, false)?;
    Ok((posed.statement, posed.params, posed.report))
}

/// Everything a student is shown of a spec, and what must not be: built once through the
/// registry from the spec's `kind`, for tests of statements and question figures.
pub struct Posed {
    /// The kind's name.
    pub kind: String,
    /// The spec's title (`case` when it has none).
    pub title: String,
    /// The spec's tolerance.
    pub tolerance: Tolerance,
    /// The question, the `[statement]` table applied.
    pub statement: Statement,
    /// The `[params]` table.
    pub params: toml::Table,
    /// The solution.
    pub report: Report,
    /// The figures that pose the question, headed by the title.
    pub question_figures: Vec<Figure>,
}

/// [`Posed`] for a spec's text; `Err` is a spec refused, as one line.
pub fn pose(spec: &str) -> Result<Posed, Refused> {
    let doc = Document::parse("spec.toml", spec)?;
    let header = doc.header()?;
    let kind = find(&header.kind).ok_or(Refused::UnknownKind(header.kind))?;
    pose_with(kind.build, spec, true)
}

fn pose_with(build: Build, spec: &str, figures: bool) -> Result<Posed, Refused> {
    #[derive(serde::Deserialize)]
    struct WithParams {
        params: toml::Table,
    }
    let doc = Document::parse("spec.toml", spec)?;
    let header = doc.header()?;
    let problem = build(&doc.params()).map_err(|e| doc.locate(e.under("params")))?;
    let statement = crate::statement::spec::apply(&doc, &header.kind, problem.statement())?;
    let params: WithParams = doc.deserialize().map_err(|e| doc.locate(e))?;
    let title = header.title.unwrap_or_else(|| "case".into());
    let question_figures = if figures {
        problem.question_figures(&title)
    } else {
        Vec::new()
    };
    Ok(Posed {
        kind: header.kind,
        title,
        tolerance: header.tolerance,
        statement,
        params: params.params,
        report: problem.solve(),
        question_figures,
    })
}

/// Why [`pose`], [`stated`] or [`unfit_draw`] refused a spec, as one line.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Refused {
    /// The spec does not read, or its kind refuses its params: located in `spec.toml`.
    #[error(transparent)]
    Spec(#[from] SpecError),
    /// Its `kind` names no registered kind.
    #[error("unknown kind `{0}`")]
    UnknownKind(String),
    /// The kind refuses a bare `[params]` body ([`unfit_draw`]'s), at a path in it.
    #[error("{}: {}", .0.path, .0.message)]
    Params(FieldError),
}

/// What a variant is judged against when [`Problem::unfit`] decides whether it is fit.
pub struct Fitness<'a> {
    /// The solution of the spec the variants are drawn from.
    pub original: &'a Report,
    /// The spec's tolerance: what "to the graded decimals" means.
    pub tolerance: Tolerance,
}

impl Fitness<'_> {
    /// Whether an answer of `value` is graded as `edge` would be (the tolerance around
    /// `edge` accepts it, by the rule grading uses): a softmax output that "rounds to 1", a
    /// gradient that "is 0 to the graded decimals".
    pub fn graded_as(&self, value: f64, edge: f64) -> bool {
        self.tolerance.accepts(value, edge)
    }
}

/// Builds a problem from a spec's `[params]`, validating them.
pub type Build = fn(&Params<'_>) -> Result<Box<dyn Problem>, FieldError>;

/// One registered problem kind.
pub struct Kind {
    /// The spec's `kind` value, `section.name` (`nn.feedforward`).
    pub name: &'static str,
    /// The homework section, number first (`1 Neural networks`); `runner list` groups by it.
    pub section: &'static str,
    /// One line saying what the kind solves.
    pub summary: &'static str,
    /// Deserializes and validates the params.
    pub build: Build,
}

inventory::collect!(Kind);

/// Every registered kind, sorted by section number (section 10 after section 2), then
/// section label, then name.
pub fn kinds() -> Vec<&'static Kind> {
    let mut all: Vec<&'static Kind> = inventory::iter::<Kind>.into_iter().collect();
    all.sort_by_key(|k| (section_number(k.section), k.section, k.name));
    all
}

/// The number a section label starts with (`10` of `10 Perceptrons`); a label without one
/// sorts after every numbered section.
pub fn section_number(section: &str) -> u64 {
    let digits = section.len()
        - section
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    section[..digits].parse().unwrap_or(u64::MAX)
}

/// The kind registered under `name`.
pub fn find(name: &str) -> Option<&'static Kind> {
    inventory::iter::<Kind>.into_iter().find(|k| k.name == name)
}

/// The registered name closest to a misspelt one, if any is close enough to be a typo.
pub fn nearest(name: &str) -> Option<&'static str> {
    let names = inventory::iter::<Kind>.into_iter().map(|k| k.name);
    closest(name, names)
}

fn closest<'a>(wanted: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (wanted.chars().count() / 3).max(2);
    candidates
        .map(|c| (strsim::levenshtein(wanted, c), c))
        .filter(|&(d, _)| d <= limit)
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Line;

    /// A kind whose only rule of its own is that no answer is `Text`.
    struct Answers(Report);

    impl Problem for Answers {
        fn statement(&self) -> Statement {
            Statement::default()
        }
        fn solve(&self) -> Report {
            self.0.clone()
        }
        fn unfit(&self, report: &Report, _: &Fitness<'_>) -> Option<String> {
            let text = report
                .answers
                .iter()
                .any(|a| matches!(a.value, Value::Text(_)));
            text.then(|| "an answer is text".into())
        }
    }

    /// [`unfit`] of a problem whose answers are `(name, value)`, `graded` graded to 3
    /// decimals.
    fn verdict(answers: Vec<(&str, Value)>, graded: &[&str]) -> Option<String> {
        let mut report = Report::default();
        for (name, value) in answers {
            report.answer(name, value, None);
        }
        let problem = Answers(report.clone());
        let fitness = Fitness {
            original: &report,
            tolerance: Tolerance {
                decimals: Some(3),
                ..Default::default()
            },
        };
        let graded: Vec<String> = graded.iter().map(|s| s.to_string()).collect();
        unfit(&problem, &report, &fitness, &graded)
    }

    #[test]
    fn a_graded_number_on_a_rounding_boundary_is_unfit_for_every_kind() {
        // ∂C/∂w1 of 3.4 for student 4459 (seed 0) before issue 25, and the homework's own.
        let edge = -0.1374999999550838;
        let far = 2.0809165623;
        let on = Some(ON_BOUNDARY.to_string());
        assert_eq!(verdict(vec![("g", Value::Number(edge))], &["g"]), on);
        assert_eq!(verdict(vec![("g", Value::Number(far))], &["g"]), None);
        // Anywhere in a graded list; an answer no key grades is nobody's knife-edge.
        let list = Value::matrix(&[[far, far], [far, edge]]);
        assert_eq!(verdict(vec![("m", list.clone())], &["m"]), on);
        assert_eq!(verdict(vec![("m", list)], &[]), None);
        // A line is graded by its coefficients scaled so the larger of a, b is 1.
        let line = |c: f64| Line {
            a: 0.0,
            b: -2.0,
            c,
            text: String::new(),
        };
        let lines = |c| Value::Lines(vec![line(c)]);
        assert_eq!(verdict(vec![("l", lines(-2.0 * edge))], &["l"]), on);
        assert_eq!(verdict(vec![("l", lines(-2.0 * far))], &["l"]), None);
        // The kind's own rules still apply to a draw off every boundary.
        let text = ("t", Value::text("x"));
        assert_eq!(
            verdict(vec![("g", Value::Number(far)), text], &["g"]).as_deref(),
            Some("an answer is text")
        );
    }

    #[test]
    fn sections_sort_by_their_number_not_their_text() {
        let mut labels = ["10 Perceptrons", "2 LSTM", "Extras", "1 Neural networks"];
        labels.sort_by_key(|s| (section_number(s), *s));
        assert_eq!(
            labels,
            ["1 Neural networks", "2 LSTM", "10 Perceptrons", "Extras"]
        );
        assert_eq!(section_number("99999999999999999999999 huge"), u64::MAX);
    }

    #[test]
    fn closest_suggests_only_plausible_typos() {
        let names = ["nn.feedforward", "nn.decision-region", "lstm.states"];
        assert_eq!(
            closest("nn.feedfoward", names.into_iter()),
            Some("nn.feedforward")
        );
        assert_eq!(
            closest("lstm.state", names.into_iter()),
            Some("lstm.states")
        );
        assert_eq!(closest("banana", names.into_iter()), None);
    }
}
