//! Reading one given value as the kind of value an answer is: a number, yes/no, a
//! choice, a formula, the equation of a line.

use std::collections::BTreeSet;

use nnhw_core::{Choosable, Formula};

use crate::choice;
use crate::error::{ReadError, clip};
use crate::eval::{Batch, constant, eval};
use crate::expr::{Expr, Parsed};
use crate::given::Given;
use crate::parse::{Context, parse};

/// Why a given value cannot be compared at all: it is not a wrong answer, it is not an
/// answer of this kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable {
    /// Where in the answer (`[1]`, or empty for the whole).
    pub at: String,
    /// What is wrong, in a sentence.
    pub message: String,
    /// The text and the error's position in it, for a caret.
    pub caret: Option<(String, ReadError)>,
}

impl Unreadable {
    /// An answer that is not of this kind.
    pub fn new(at: &str, message: impl Into<String>) -> Unreadable {
        Unreadable {
            at: at.to_string(),
            message: message.into(),
            caret: None,
        }
    }

    /// A text that does not parse.
    pub fn parse(at: &str, text: &str, error: ReadError) -> Unreadable {
        Unreadable {
            at: at.to_string(),
            message: error.message.clone(),
            caret: Some((text.to_string(), error)),
        }
    }
}

/// The text of a single given value; a list where one value belongs is unreadable.
pub fn text_of<'g>(given: &'g Given, at: &str, what: &str) -> Result<&'g str, Unreadable> {
    match given {
        Given::Text { text, .. } => Ok(text),
        Given::List { items, .. } => Err(Unreadable::new(
            at,
            format!("a list of {}, but this answer is {what}", items.len()),
        )),
        Given::Number(_) | Given::Bool(_) => Err(Unreadable::new(
            at,
            format!("this answer is {what}, written as text"),
        )),
    }
}

/// A number, with how it was read: a literal, an expression, or a word for infinity.
pub fn number(given: &Given, at: &str) -> Result<(f64, String), Unreadable> {
    if let Given::Number(x) = given {
        if x.is_nan() {
            return Err(Unreadable::new(
                at,
                "nan is not a value any answer can match",
            ));
        }
        return Ok((*x, crate::expr::number(*x)));
    }
    if let Given::List { items, .. } = given
        && let [only] = items.as_slice()
    {
        return number(only, at);
    }
    let text = text_of(given, at, "a number")?;
    let word = choice::fold(text);
    let sign = if text.trim_start().starts_with(['-', '−']) {
        -1.0
    } else {
        1.0
    };
    if matches!(
        word.as_str(),
        "inf" | "infinity" | "infinite" | "unbounded" | "infty"
    ) {
        return Ok((
            sign * f64::INFINITY,
            crate::expr::number(sign * f64::INFINITY),
        ));
    }
    let parsed = parse(text, &Context::default()).map_err(|e| Unreadable::parse(at, text, e))?;
    if parsed.sides.len() > 1 {
        return Err(Unreadable::new(
            at,
            "an equation, but this answer is a number: give its value only",
        ));
    }
    if let Some(name) = parsed.names.first().or(parsed.functions.first()) {
        return Err(Unreadable::new(
            at,
            format!(
                "`{}` is a name, but this answer is a number",
                clip(&name.shown, 40)
            ),
        ));
    }
    let value = constant(parsed.value()).value;
    if value.is_infinite() && !parsed.value().names_infinity() {
        return Err(Unreadable::new(
            at,
            format!(
                "`{}` is too large for a number (it overflows, or divides by 0)",
                clip(text, 60)
            ),
        ));
    }
    if value.is_nan() {
        return Err(Unreadable::new(
            at,
            format!("`{}` has no value (it is undefined)", clip(text, 60)),
        ));
    }
    Ok((value, parsed.shown()))
}

/// Yes or no.
pub fn boolean(given: &Given, at: &str) -> Result<bool, Unreadable> {
    if let Given::Bool(b) = given {
        return Ok(*b);
    }
    let text = text_of(given, at, "true or false")?;
    let signed = text.trim_start().starts_with(['-', '−', '+']);
    match choice::fold(text).as_str() {
        _ if signed => Err(Unreadable::new(
            at,
            format!("`{}` is neither true nor false", clip(text, 60)),
        )),
        "true" | "yes" | "y" | "t" | "1" => Ok(true),
        "false" | "no" | "n" | "f" | "0" => Ok(false),
        _ => Err(Unreadable::new(
            at,
            format!("`{}` is neither true nor false", clip(text, 60)),
        )),
    }
}

/// The option a given value picks.
pub fn option(given: &Given, options: &[Choosable], at: &str) -> Result<usize, Unreadable> {
    let text = text_of(given, at, "one of the options")?;
    choice::pick(options, text).ok_or_else(|| {
        let near = match choice::nearest(options, text) {
            Some(name) => format!("; did you mean `{name}`?"),
            None => String::new(),
        };
        Unreadable::new(
            at,
            format!(
                "`{}` is none of the options: {}{near} (README, \"Checking your own answers\", lists what each option accepts)",
                clip(text, 60),
                choice::listed(options)
            ),
        )
    })
}

/// A formula answer's reference, parsed: `lhs = rhs` when it names its left side.
pub fn reference(formula: &Formula) -> Result<(Parsed, Context), Unreadable> {
    let text = match &formula.lhs {
        Some(lhs) => format!("{lhs} = {}", formula.ascii),
        None => formula.ascii.clone(),
    };
    let parsed = parse(&text, &Context::default()).map_err(|e| Unreadable::parse("", &text, e))?;
    let context =
        Context::with_aliases(&formula.aliases).map_err(|e| Unreadable::parse("", &text, e))?;
    Ok((parsed, context))
}

/// A given formula read in the reference's terms.
pub fn formula(given: &Given, context: &Context, at: &str) -> Result<Parsed, Unreadable> {
    let text = text_of(given, at, "a formula")?;
    parse(text, context).map_err(|e| Unreadable::parse(at, text, e))
}

/// The names a given formula uses that the reference does not (for a key's author only:
/// a student told this would learn the key's names).
pub fn unknown_names(given: &Parsed, reference: &Parsed) -> Vec<String> {
    let known: BTreeSet<&str> = reference
        .names
        .iter()
        .chain(&reference.functions)
        .map(|s| s.key.as_str())
        .collect();
    given
        .names
        .iter()
        .chain(&given.functions)
        .filter(|s| !known.contains(s.key.as_str()))
        .map(|s| s.shown.clone())
        .collect()
}

/// The coefficients (a, b, c) of a·x1 + b·x2 + c = 0 written as an equation, and how it
/// was read. `none`, `no boundary` and `no line`, or an equation with no x1 and x2 that
/// never holds (`0 = 1`), are the boundary of a unit that has none.
pub fn line(given: &Given, at: &str) -> Result<([f64; 3], String), Unreadable> {
    let text = text_of(given, at, "the equation of a line")?;
    let folded = choice::fold(text);
    if matches!(folded.as_str(), "none" | "no line" | "nothing")
        || folded.starts_with("no boundary")
    {
        return Ok(([0.0, 0.0, 1.0], "no boundary".into()));
    }
    let context = Context {
        aliases: [("x", "x_1"), ("y", "x_2"), ("X_1", "x_1"), ("X_2", "x_2")]
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .to_vec(),
    };
    let parsed = parse(text, &context).map_err(|e| Unreadable::parse(at, text, e))?;
    let [lhs, rhs] = parsed.sides.as_slice() else {
        return Err(Unreadable::new(
            at,
            format!(
                "`{}` is not an equation: write each line as one, e.g. x1 = 1",
                clip(text, 60)
            ),
        ));
    };
    if let Some(other) = parsed
        .names
        .iter()
        .chain(&parsed.functions)
        .find(|s| s.key != "x_1" && s.key != "x_2")
    {
        return Err(Unreadable::new(
            at,
            format!("`{}`: write each line in x1 and x2", clip(&other.shown, 40)),
        ));
    }
    let f = |x1: f64, x2: f64| {
        let draw = move |key: &str, _: usize| if key == "x_1" { x1 } else { x2 };
        let batch = Batch {
            samples: &[0],
            width: 1,
            draw: &draw,
            seed: &|_, _| 0,
        };
        side(&parsed, lhs, &batch) - side(&parsed, rhs, &batch)
    };
    let c = f(0.0, 0.0);
    let (a, b) = (f(1.0, 0.0) - c, f(0.0, 1.0) - c);
    let scale = a.abs() + b.abs() + c.abs();
    let linear = [(2.0, -3.0), (-1.5, 0.5), (7.0, 11.0)]
        .iter()
        .all(|&(x1, x2)| (f(x1, x2) - (a * x1 + b * x2 + c)).abs() <= 1e-9 * scale.max(1.0) * 20.0);
    if !(scale.is_finite() && linear) {
        return Err(Unreadable::new(
            at,
            format!("`{}` is not a straight line", clip(text, 60)),
        ));
    }
    if a == 0.0 && b == 0.0 && c == 0.0 {
        return Err(Unreadable::new(
            at,
            format!("`{}` holds everywhere: it is not a line", clip(text, 60)),
        ));
    }
    Ok(([a, b, c], parsed.shown()))
}

fn side(parsed: &Parsed, e: &Expr, batch: &Batch<'_>) -> f64 {
    eval(parsed, e, batch).first().map_or(f64::NAN, |a| a.value)
}
