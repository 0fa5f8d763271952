//! Verdicts and feedback for a student: how the answer was read, what is wrong in it
//! (which entry, which corner), hints for known wrong answers, and the accepted interval
//! once the answer is right. Without `--reveal` nothing of the key is said: no distance
//! to it, no value of it.

use nnhw_core::format::{self, Rounding};
use nnhw_core::{Answer, Form, Solved, Statement, Tolerance, Value};

use crate::compare::{Miss, Why, compare};
use crate::error::clip;
use crate::given::{Given, decimal_commas};
use crate::read::Unreadable;

/// Right, wrong, or not readable as this answer; in JSON, its [`word`](Verdict::word).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Matches the answer.
    Right,
    /// Readable, and not the answer.
    Wrong,
    /// Not readable as this answer (or no such answer).
    Unusable,
}

impl Verdict {
    /// `right`, `wrong`, `unusable`, as in the JSON verdict.
    pub fn word(self) -> &'static str {
        match self {
            Verdict::Right => "right",
            Verdict::Wrong => "wrong",
            Verdict::Unusable => "unusable",
        }
    }
}

/// A student's answer judged.
#[derive(Debug, Clone, PartialEq)]
pub struct Judged {
    /// The answer's name.
    pub name: String,
    /// What was typed.
    pub given: String,
    /// The verdict.
    pub verdict: Verdict,
    /// How the answer was read, when it could be.
    pub read_as: Option<String>,
    /// What is right or wrong about it, in one line that keeps the key hidden.
    pub detail: String,
    /// Hints for a known wrong answer.
    pub hints: Vec<String>,
    /// For an unreadable text, the text with a caret under the problem.
    pub caret: Option<String>,
}

/// Judges `NAME=VALUE` against a solved spec's answers.
pub fn judge_argument(answers: &[Answer], argument: &str, tolerance: &Tolerance) -> Judged {
    let Some((name, given)) = argument.split_once('=') else {
        return unusable(
            argument,
            "",
            "write it as NAME=VALUE, e.g. --answer 'o=[0.5, 0.5]'".into(),
        );
    };
    let (name, given) = (name.trim(), given.trim());
    match answers.iter().find(|a| a.name == name) {
        Some(answer) => judge(answer, given, tolerance),
        None => {
            let names: Vec<&str> = answers.iter().map(|a| a.name.as_str()).collect();
            let near = names
                .iter()
                .map(|n| (strsim::normalized_levenshtein(n, name), *n))
                .filter(|(score, _)| *score >= 0.5)
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, n)| format!("; did you mean `{n}`?"))
                .unwrap_or_default();
            unusable(
                name,
                given,
                format!(
                    "there is no answer named `{}`{near} (the answers are {})",
                    clip(name, 40),
                    names.join(", ")
                ),
            )
        }
    }
}

fn unusable(name: &str, given: &str, detail: String) -> Judged {
    Judged {
        name: clip(name, 40),
        given: given.to_string(),
        verdict: Verdict::Unusable,
        read_as: None,
        detail,
        hints: Vec::new(),
        caret: None,
    }
}

/// Judges `NAME=VALUE` against a solved spec's answers, as [`judge_argument`] does,
/// with the question's prompts: a wrong formula is told which of its names the
/// prompt's notation does not have (see [`judge_posed`]).
pub fn judge_argument_posed(
    answers: &[Answer],
    statement: &Statement,
    argument: &str,
    tolerance: &Tolerance,
) -> Judged {
    let form = argument
        .split_once('=')
        .and_then(|(name, _)| statement.prompt_for(name.trim()))
        .map(|p| &p.form);
    match (form, argument.split_once('=')) {
        (Some(form), Some((name, given))) => match answers.iter().find(|a| a.name == name.trim()) {
            Some(answer) => judge_posed(answer, given.trim(), tolerance, Some(form)),
            None => judge_argument(answers, argument, tolerance),
        },
        _ => judge_argument(answers, argument, tolerance),
    }
}

/// Judges every `NAME=VALUE` of `arguments` against a solved spec, with its prompts:
/// what `--answer` and the Python package's `check` do.
pub fn judge_arguments(solved: &Solved, arguments: &[String]) -> Vec<Judged> {
    arguments
        .iter()
        .map(|a| {
            judge_argument_posed(
                &solved.report.answers,
                &solved.statement,
                a,
                &solved.tolerance,
            )
        })
        .collect()
}

/// Judges what a student typed for `answer`.
pub fn judge(answer: &Answer, typed: &str, tolerance: &Tolerance) -> Judged {
    judge_posed(answer, typed, tolerance, None)
}

/// Judges what a student typed for `answer`, asked in the form `form` (the prompt's, as
/// the student saw it): a wrong formula that uses names the form's notation lacks is
/// told which (`lr` is not a name of this problem's notation). The notation is the
/// question's, never the key's, so the hint tells nothing of the answer.
pub fn judge_posed(
    answer: &Answer,
    typed: &str,
    tolerance: &Tolerance,
    form: Option<&Form>,
) -> Judged {
    let mut judged = unusable(&answer.name, typed, String::new());
    if typed.trim().is_empty() {
        judged.detail = "nothing given: write the answer after the `=`".into();
        return judged;
    }
    if let Some(at) = decimal_commas(typed)
        && has_numbers(&answer.value)
    {
        judged.detail = "cannot read this list: some commas are decimal commas".into();
        judged.caret = Some(
            crate::error::ReadError::at(
                at,
                "write a decimal point (0.5, not 0,5) and `, ` between entries",
            )
            .caret(typed),
        );
        return judged;
    }
    let given = match Given::parse(typed).or_else(|e| labels_without_parentheses(answer, typed, e))
    {
        Ok(given) => given,
        Err(error) => {
            judged.detail = "cannot read this answer".into();
            judged.caret = Some(error.caret(typed));
            return judged;
        }
    };
    let compared = match compare(&answer.value, &given, tolerance) {
        Ok(compared) => compared,
        Err(u) => {
            describe_unreadable(&mut judged, &u);
            return judged;
        }
    };
    judged.read_as = Some(compared.read_as);
    if compared.misses.is_empty() {
        judged.verdict = Verdict::Right;
        judged.detail = right(answer, tolerance);
    } else {
        judged.verdict = Verdict::Wrong;
        let lines: Vec<String> = compared
            .misses
            .iter()
            .map(|m| for_student(&answer.name, m, tolerance))
            .collect();
        judged.detail = shorten(lines);
        judged.hints = hints(answer, &given, &compared.misses, tolerance);
        if let (Value::Formula(formula), Some(Form::Formula(notation))) = (&answer.value, form)
            && let Some(hint) = crate::notation::outside_notation(formula, typed, notation)
        {
            judged.hints.push(hint);
        }
    }
    judged
}

fn describe_unreadable(judged: &mut Judged, u: &Unreadable) {
    let part = if u.at.is_empty() {
        String::new()
    } else {
        format!("{}{}: ", judged.name, u.at)
    };
    match &u.caret {
        Some((text, error)) => {
            judged.detail = format!("{part}cannot read this");
            judged.caret = Some(error.caret(text));
        }
        None => judged.detail = format!("{part}{}", u.message),
    }
}

/// Statement labels written `a)`, `b)` leave parentheses unbalanced; for a choice they
/// say nothing, so they are read again without them.
fn labels_without_parentheses(
    answer: &Answer,
    typed: &str,
    error: crate::error::ReadError,
) -> Result<Given, crate::error::ReadError> {
    let choices = match &answer.value {
        Value::Choice(_) => true,
        Value::Set(items) => items.iter().all(|i| matches!(i, Value::Choice(_))),
        _ => false,
    };
    if !choices {
        return Err(error);
    }
    let bare: String = typed.chars().filter(|c| !matches!(c, '(' | ')')).collect();
    Given::parse(&bare).map_err(|_| error)
}

/// What a right answer is told: the tolerance it met, the accepted interval for a single
/// number, the exact form if there is one.
fn right(answer: &Answer, tolerance: &Tolerance) -> String {
    let mut detail = String::from("right");
    match answer.value.as_number() {
        Some(x) if x.is_finite() => {
            let (lo, hi) = accepted(&answer.value, x, tolerance);
            detail.push_str(&format!(
                " ({}; accepted: {lo} to {hi})",
                tolerance.phrase()
            ));
        }
        _ if has_numbers(&answer.value) => detail.push_str(&format!(" ({})", tolerance.phrase())),
        _ => {}
    }
    if let Some(exact) = &answer.exact {
        detail.push_str(&format!("; exactly {exact}"));
    }
    detail
}

/// The ends of the interval accepted around `x` (the key `answer`), each rounded inwards
/// at the digits shown, so that either one, typed back, is judged right: a reader takes a
/// printed end to be accepted, and near a rounding boundary the nearest rounding of an end
/// is not. As few digits as tell the ends apart (`8.9999999955 to 9.0000000045`, not `9
/// to 9`), each on its side of the key; for an interval no printed digits resolve, the key
/// itself at both ends.
fn accepted(answer: &Value, x: f64, tolerance: &Tolerance) -> (String, String) {
    let a = tolerance.allowed(x);
    let judged_right = |text: &str| {
        Given::parse(text)
            .ok()
            .and_then(|given| compare(answer, &given, tolerance).ok())
            .is_some_and(|c| c.misses.is_empty())
    };
    for digits in 10..=17 {
        let lo = format::digits(x - a, digits, Rounding::Up);
        let hi = format::digits(x + a, digits, Rounding::Down);
        let around = |lo: &str, hi: &str| matches!((lo.parse::<f64>(), hi.parse::<f64>()), (Ok(l), Ok(h)) if l <= x && x <= h && l < h);
        if around(&lo, &hi) && judged_right(&lo) && judged_right(&hi) {
            return (lo, hi);
        }
    }
    (format::exact_number(x), format::exact_number(x))
}

fn shorten(lines: Vec<String>) -> String {
    let shown = lines.len().min(4);
    let mut detail = lines[..shown].join("; ");
    if lines.len() > shown {
        detail.push_str(&format!("; and {} more", lines.len() - shown));
    }
    detail
}

/// One difference, in words that give nothing of the key away.
fn for_student(name: &str, m: &Miss, tolerance: &Tolerance) -> String {
    let part = if m.at.is_empty() {
        String::new()
    } else {
        format!("{name}{}: ", m.at)
    };
    let given = clip(&m.given, 80);
    match &m.why {
        Why::Number { .. } => format!("{part}{given} is not the answer {}", tolerance.phrase()),
        // Which of its names the key lacks would tell the key's names: not said.
        Why::Formula { .. } => format!("{part}{given} is a different formula"),
        Why::LeftSide => format!("{part}the left side {given} is not what this answer is about"),
        Why::Other => format!("{part}{given} is not the answer"),
        Why::Set => format!("{part}{given} is not the right selection"),
        Why::Line => format!("{part}{given} is not one of the boundaries"),
        Why::Corner => format!("{part}{given} is not a corner of the region"),
        Why::Order => format!("{part}these corners are not in order around the region"),
        Why::Corners => format!("{part}these are not the corners of the region"),
    }
}

/// What a key's author is told: everything, values included.
pub fn for_author(name: &str, m: &Miss, tolerance: &Tolerance) -> String {
    let place = format!("{name}{}", m.at);
    match &m.why {
        Why::Number {
            distance, allowed, ..
        } => {
            let (distance, allowed) = apart(*distance, *allowed);
            format!(
                "{place} is {}, the key says {}: off by {distance}, more than the {allowed} that {} allow",
                m.reference,
                clip(&m.given, 80),
                tolerance.describe()
            )
        }
        Why::Formula { unknown } if !unknown.is_empty() => format!(
            "{place} is {}, the key says {}, which uses {} (not in the answer)",
            clip(&m.reference, 120),
            clip(&m.given, 120),
            unknown.join(", ")
        ),
        _ => format!(
            "{place} is {}, the key says {}",
            clip(&m.reference, 120),
            clip(&m.given, 120)
        ),
    }
}

/// A distance and the tolerance it exceeds, with as few digits (2 at least) as show that
/// it does: `off by 0.00050000004, more than the 0.0005`, never `0.0005 … the 0.0005`.
fn apart(distance: f64, allowed: f64) -> (String, String) {
    for digits in 2..=17 {
        let shown = [distance, allowed].map(|x| format::digits(x, digits, Rounding::Nearest));
        if shown[0] != shown[1] {
            return (shown[0].clone(), shown[1].clone());
        }
    }
    (
        format::exact_number(distance),
        format::exact_number(allowed),
    )
}

/// Hints for a wrong answer: the kind's known wrong answers, and numbers cut off or
/// rounded to too few decimals.
fn hints(answer: &Answer, given: &Given, misses: &[Miss], tolerance: &Tolerance) -> Vec<String> {
    let mut out: Vec<String> = answer
        .hints
        .iter()
        .filter(|h| compare(&h.when, given, tolerance).is_ok_and(|c| c.misses.is_empty()))
        .map(|h| h.say.clone())
        .collect();
    if let Some(d) = tolerance.decimals {
        let cut = misses.iter().any(|m| match m.why {
            Why::Number {
                given, reference, ..
            } => truncated(given, reference, d),
            _ => false,
        });
        if cut {
            out.push(format!(
                "a number here looks cut off rather than rounded: round to {d} decimals"
            ));
        }
    }
    out
}

/// Whether `given` is `reference` cut off after `d` decimals where rounding differs.
fn truncated(given: f64, reference: f64, d: u32) -> bool {
    let scale = 10f64.powi(d as i32);
    let cut = (reference * scale).trunc() / scale;
    let rounded = (reference * scale).round() / scale;
    cut != rounded && (given - cut).abs() <= 1e-9 / scale
}

/// Whether a value holds a number anywhere (so a tolerance applies to it).
pub fn has_numbers(value: &Value) -> bool {
    match value {
        Value::Number(_) | Value::Count(_) | Value::Polygon(_) => true,
        Value::List(items) | Value::Set(items) => items.iter().any(has_numbers),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn number(x: f64) -> Answer {
        Answer {
            name: "x".into(),
            value: Value::Number(x),
            exact: None,
            hints: Vec::new(),
        }
    }

    pub(super) fn decimals(d: u32) -> Tolerance {
        Tolerance {
            decimals: Some(d),
            ..Default::default()
        }
    }

    /// The ends a right answer's feedback prints, and their verdicts typed back.
    pub(super) fn printed_ends(answer: &Answer, tolerance: &Tolerance) -> [(String, Verdict); 2] {
        let detail = right(answer, tolerance);
        let ends = detail
            .split_once("accepted: ")
            .and_then(|(_, rest)| rest.strip_suffix(')'))
            .and_then(|rest| rest.split_once(" to "))
            .unwrap_or_else(|| panic!("no interval in {detail:?}"));
        [ends.0, ends.1].map(|end| (end.to_string(), judge(answer, end, tolerance).verdict))
    }

    #[test]
    fn the_printed_ends_are_judged_right_at_a_rounding_boundary() {
        // Issue 25: ∂C/∂w1 of 3.4 for students 4459 and 11954 (seed 0), and a float error
        // either side of -0.1375, 2.0815, 0.0005, 9.5.
        let keys = [
            (-0.1374999999550838, 3),
            (-0.08249999997305033, 3),
            (-0.1375 - 4e-14, 3),
            (-0.1375 + 4e-14, 3),
            (2.0815 - 1e-12, 3),
            (2.0815 + 1e-12, 3),
            (0.0005 + 1e-15, 3),
            (-0.0005 - 1e-15, 3),
            (9.5 - 1e-13, 0),
            (-0.1980916565 + 1e-17, 9),
        ];
        for (x, d) in keys {
            let tolerance = decimals(d);
            for (end, verdict) in printed_ends(&number(x), &tolerance) {
                assert_eq!(verdict, Verdict::Right, "{x} to {d} decimals: {end}");
            }
        }
        // The ends rounded to nearest, -0.138 and -0.137, are wrong and right here, so
        // the lower end is printed rounded up.
        let (x, tolerance) = (-0.1374999999550838, decimals(3));
        assert_eq!(
            judge(&number(x), "-0.138", &tolerance).verdict,
            Verdict::Wrong
        );
        let [(lo, _), (hi, _)] = printed_ends(&number(x), &tolerance);
        assert_eq!((lo.as_str(), hi.as_str()), ("-0.1379999999", "-0.137"));
    }

    #[test]
    fn ends_rounded_inwards_do_not_cross() {
        // At 10 digits, 5018.500000510855 ± 1e-12 rounded inwards is 5018.50000051086 to
        // 5018.50000051085: both right, and no interval.
        let tolerance = Tolerance {
            abs: Some(1e-12),
            ..Default::default()
        };
        let [(lo, _), (hi, _)] = printed_ends(&number(5018.500000510855), &tolerance);
        assert!(
            lo.parse::<f64>().unwrap() < hi.parse::<f64>().unwrap(),
            "{lo} to {hi}"
        );
    }

    #[test]
    fn a_wrong_number_is_told_no_interval() {
        let (x, tolerance) = (-0.1374999999550838, decimals(3));
        let judged = judge(&number(x), "-0.138", &tolerance);
        assert_eq!(judged.detail, "-0.138 is not the answer to 3 decimals");
        for hint in &judged.hints {
            assert!(!hint.contains("0.13"), "{hint}");
        }
    }

    #[test]
    fn a_key_author_is_told_a_distance_that_exceeds_the_tolerance() {
        let (x, tolerance) = (-0.1374999999550838, decimals(3));
        let given = Given::parse("-0.138").unwrap();
        let compared = compare(&Value::Number(x), &given, &tolerance).unwrap();
        let said = for_author("x", &compared.misses[0], &tolerance);
        assert!(
            said.contains("off by 0.00050000004, more than the 0.0005 that"),
            "{said}"
        );
    }

    #[test]
    fn an_interval_no_digits_resolve_prints_the_key() {
        let exact = Tolerance {
            abs: Some(0.0),
            ..Default::default()
        };
        let [(lo, lo_verdict), (hi, _)] = printed_ends(&number(0.1), &exact);
        assert_eq!((lo.as_str(), hi.as_str()), ("0.1", "0.1"));
        assert_eq!(lo_verdict, Verdict::Right);
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    /// Text made of the characters answers are made of, in any order.
    fn answer_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "[",
            "]",
            "(",
            ")",
            "{",
            "}",
            ",",
            " ",
            "-",
            "−",
            "^",
            "**",
            "*",
            "/",
            "_",
            "'",
            "′",
            "e",
            "x1",
            "x2",
            "=",
            "←",
            "|",
            "1",
            "0.5",
            "2e-3",
            "∂",
            "d",
            "C",
            "δ",
            "ⱼ",
            "ˡ",
            "⁻",
            "¹",
            "sigma",
            "f'",
            "(a)",
            "\"",
            ";",
            "∞",
            "inf",
            "nan",
            "a_k^(l-1)",
            "\\delta",
            "\u{0}",
            "\u{202e}",
            "yes",
            "no boundary",
        ]);
        proptest::collection::vec(pieces, 0..40).prop_map(|p| p.concat())
    }

    /// Keys anywhere, and keys a hair from a boundary of rounding to `d` decimals.
    fn key() -> impl Strategy<Value = f64> {
        prop_oneof![
            (-1e3f64..1e3, -12i32..8).prop_map(|(m, e)| m * 10f64.powi(e)),
            (-100_000i64..100_000, 0i32..10, -1e-6f64..1e-6)
                .prop_map(|(k, d, off)| (k as f64 + 0.5 + off) * 10f64.powi(-d)),
        ]
    }

    fn tolerance() -> impl Strategy<Value = Tolerance> {
        prop_oneof![
            (0u32..=12).prop_map(tests::decimals),
            Just(Tolerance::default()),
            (-12i32..0).prop_map(|e| Tolerance {
                abs: Some(10f64.powi(e)),
                ..Default::default()
            }),
            (-12i32..0).prop_map(|e| Tolerance {
                rel: Some(10f64.powi(e)),
                ..Default::default()
            }),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        fn every_printed_end_is_judged_right(x in key(), tolerance in tolerance()) {
            let answer = tests::number(x);
            let ends = tests::printed_ends(&answer, &tolerance);
            for (end, verdict) in &ends {
                prop_assert_eq!(*verdict, Verdict::Right, "{} ({:?}): {}", x, tolerance, end);
            }
            let lo: f64 = ends[0].0.parse().unwrap();
            let hi: f64 = ends[1].0.parse().unwrap();
            prop_assert!(lo <= x && x <= hi, "{} not in {} to {}", x, lo, hi);
            // The key alone stands for the interval only where 17 digits cannot show it.
            if tolerance.allowed(x) > 1e-14 * x.abs() {
                prop_assert!(lo < hi, "{} ({:?}): {} to {}", x, tolerance, lo, hi);
            }
        }
    }

    proptest! {
        #[test]
        fn any_text_ends_in_a_verdict(text in answer_text()) {
            for answer in crate::specimens::answers() {
                let judged = judge(&answer, &text, &Tolerance::default());
                // Unusable always says why; right and wrong say how it was read.
                prop_assert!(!judged.detail.is_empty());
                prop_assert!(judged.verdict == Verdict::Unusable || judged.read_as.is_some());
            }
        }
    }
}
