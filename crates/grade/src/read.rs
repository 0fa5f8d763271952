//! Reading one given value as the kind of value an answer is: a number, yes/no, a
//! choice, a formula, the equation of a line.

use std::collections::BTreeSet;

use nnhw_core::{Choosable, Formula};

use crate::choice;
use crate::error::{ReadError, clip};
use crate::eval::constant;
use crate::expr::{Expr, Op, Parsed};
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
    if let Some(at_sign) = either_sign(text) {
        return Err(Unreadable::new(
            at,
            format!(
                "`{}` gives two values (`{at_sign}` is plus or minus): write one number",
                clip(text, 60)
            ),
        ));
    }
    if let Some(infinity) = infinity(text) {
        let value = infinity.ok_or_else(|| {
            Unreadable::new(
                at,
                format!(
                    "`{}` does not say which infinity: write inf, or -inf",
                    clip(text, 60)
                ),
            )
        })?;
        return Ok((value, crate::expr::number(value)));
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

/// `±`, `∓`, `+/-`, or a `+-` / `-+` with nothing before it: a sign that says "either".
fn either_sign(text: &str) -> Option<String> {
    if let Some(c) = text.chars().find(|c| matches!(c, '±' | '∓')) {
        return Some(c.to_string());
    }
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == '−' { '-' } else { c })
        .collect();
    if compact.contains("+/-") || compact.contains("-/+") {
        return Some("+/-".into());
    }
    let chars: Vec<char> = compact.chars().collect();
    chars.windows(2).enumerate().find_map(|(i, w)| {
        let opens = i == 0 || matches!(chars[i - 1], '(' | '[' | '{' | '"' | '=' | ',');
        (opens && matches!(w, ['+', '-'] | ['-', '+'])).then(|| w.iter().collect())
    })
}

/// A word for infinity (`inf`, `∞`, `infinity`, `unbounded`), with at most one sign
/// before it: `Some(Some(±∞))`; `Some(None)` when the signs around it do not say which
/// infinity (`--inf`, `inf-`); `None` when the text is not an infinity word.
fn infinity(text: &str) -> Option<Option<f64>> {
    let bare: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '(' | ')' | '[' | ']' | '{' | '}' | '"'))
        .map(|c| if c == '−' { '-' } else { c })
        .collect::<String>()
        .to_lowercase();
    let words = [
        "∞",
        "inf",
        "infinity",
        "infinite",
        "unbounded",
        "infty",
        "\\infty",
    ];
    let bare = bare.trim_end_matches('.');
    let word = bare.trim_start_matches(['+', '-']);
    if !words.contains(&word) {
        return None;
    }
    let sign = match &bare[..bare.len() - word.len()] {
        "" | "+" => Some(1.0),
        "-" => Some(-1.0),
        _ => None,
    };
    Some(sign.map(|s| s * f64::INFINITY))
}

/// Yes or no: `yes`, `no`, `true`, `false`, `1`, `0` and their short forms, alone. A
/// sign or operator (`-1`, `!true`, `≠ 0`) or a negating word (`not true`) is not
/// folded away: such an answer is not read.
pub fn boolean(given: &Given, at: &str) -> Result<bool, Unreadable> {
    if let Given::Bool(b) = given {
        return Ok(*b);
    }
    let text = text_of(given, at, "true or false")?;
    let options = [
        Choosable::new("true", "yes", &["y", "t", "1"]),
        Choosable::new("false", "no", &["n", "f", "0"]),
    ];
    match choice::read(&options, text) {
        choice::Picked::One(i) => Ok(i == 0),
        choice::Picked::Marked(_) => Err(Unreadable::new(
            at,
            format!(
                "`{}` is neither true nor false: write yes or no alone, without signs or operators",
                clip(text, 60)
            ),
        )),
        _ => Err(Unreadable::new(
            at,
            format!(
                "`{}` is neither true nor false: write yes or no alone",
                clip(text, 60)
            ),
        )),
    }
}

/// The option a given value picks.
pub fn option(given: &Given, options: &[Choosable], at: &str) -> Result<usize, Unreadable> {
    let text = text_of(given, at, "one of the options")?;
    match choice::read(options, text) {
        choice::Picked::One(i) => Ok(i),
        choice::Picked::Marked(message) | choice::Picked::Unsure(message) => {
            Err(Unreadable::new(at, message))
        }
        choice::Picked::Nothing => {
            let near = match choice::nearest(options, text) {
                Some(name) => format!("; did you mean `{name}`?"),
                None => String::new(),
            };
            Err(Unreadable::new(
                at,
                format!(
                    "`{}` is none of the options: {}{near} (docs/answers.md, \"Choices\", lists what each option accepts)",
                    clip(text, 60),
                    choice::listed(options)
                ),
            ))
        }
    }
}

/// A formula answer's reference, parsed: `lhs = rhs` when it names its left side.
pub fn reference(formula: &Formula) -> Result<(Parsed, Context), Unreadable> {
    let text = match &formula.lhs {
        Some(lhs) => format!("{lhs} = {}", formula.ascii),
        None => formula.ascii.clone(),
    };
    let context =
        Context::with_aliases(&formula.aliases).map_err(|e| Unreadable::parse("", &text, e))?;
    let parsed =
        parse(&text, &context.derivatives_only()).map_err(|e| Unreadable::parse("", &text, e))?;
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
        ..Context::default()
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
    let not_linear = || {
        Unreadable::new(
            at,
            format!(
                "`{}` is not the equation of a line: it must be linear in x1 and x2",
                clip(text, 60)
            ),
        )
    };
    let variable = |i: usize| match parsed.names.get(i).map(|s| s.key.as_str()) {
        Some("x_1") => Some(0),
        Some("x_2") => Some(1),
        _ => None,
    };
    let (Some(left), Some(right)) = (affine(lhs, &variable), affine(rhs, &variable)) else {
        return Err(not_linear());
    };
    let [a, b, c] = [0, 1, 2].map(|k| left.terms[k] - right.terms[k]);
    if ![a, b, c].iter().all(|t| t.is_finite()) {
        return Err(not_linear());
    }
    if a == 0.0 && b == 0.0 && c == 0.0 {
        return Err(Unreadable::new(
            at,
            format!("`{}` holds everywhere: it is not a line", clip(text, 60)),
        ));
    }
    Ok(([a, b, c], parsed.shown()))
}

/// An expression that is a·x1 + b·x2 + c exactly, by its form: `terms` are (a, b, c);
/// `constant` when no variable is written in it at all.
#[derive(Debug, Clone, Copy)]
struct Affine {
    terms: [f64; 3],
    constant: bool,
}

impl Affine {
    fn number(value: f64) -> Affine {
        Affine {
            terms: [0.0, 0.0, value],
            constant: true,
        }
    }

    /// Whether it has no x1 or x2 term (though it may be written with them: x1 − x1).
    fn flat(&self) -> bool {
        self.terms[0] == 0.0 && self.terms[1] == 0.0
    }

    fn map(self, f: impl Fn(f64) -> f64) -> Affine {
        Affine {
            terms: self.terms.map(f),
            constant: self.constant,
        }
    }
}

/// `e` as a·x1 + b·x2 + c, decided by its form, not by sampling it: sums and differences
/// of linear parts, products where one factor has no x1 or x2, quotients by such a
/// value, and powers and functions only of values without variables (evaluated). Any
/// other form (x1·x2, x1², sin(x1), |x1|, x1/x2, floor(x1)) is `None`, even where it
/// happens to be straight. `variable` says which coordinate a name is (0 for x1, 1 for
/// x2).
fn affine(e: &Expr, variable: &dyn Fn(usize) -> Option<usize>) -> Option<Affine> {
    let constant = |e: &Expr| {
        let value = constant(e).value;
        value.is_finite().then(|| Affine::number(value))
    };
    match e {
        Expr::Num { value, .. } => Some(Affine::number(*value)),
        Expr::Const(c) => {
            let value = c.value();
            value.is_finite().then(|| Affine::number(value))
        }
        Expr::Var(i) => {
            let k = variable(*i)?;
            let mut terms = [0.0; 3];
            terms[k] = 1.0;
            Some(Affine {
                terms,
                constant: false,
            })
        }
        Expr::Neg(a) => Some(affine(a, variable)?.map(|t| -t)),
        Expr::Bin(op, a, b) => {
            let (x, y) = (affine(a, variable)?, affine(b, variable)?);
            let both = x.constant && y.constant;
            match op {
                Op::Add | Op::Sub => {
                    let sign = if *op == Op::Add { 1.0 } else { -1.0 };
                    Some(Affine {
                        terms: [0, 1, 2].map(|k| x.terms[k] + sign * y.terms[k]),
                        constant: both,
                    })
                }
                Op::Mul if y.flat() => Some(Affine {
                    constant: both,
                    ..x.map(|t| t * y.terms[2])
                }),
                Op::Mul if x.flat() => Some(Affine {
                    constant: both,
                    ..y.map(|t| t * x.terms[2])
                }),
                Op::Div if y.flat() && y.terms[2] != 0.0 => Some(Affine {
                    constant: both,
                    ..x.map(|t| t / y.terms[2])
                }),
                // x^1 is x; any other power of a variable is not linear.
                Op::Pow if y.constant && y.terms[2] == 1.0 => Some(x),
                Op::Pow if both => constant(e),
                _ => None,
            }
        }
        Expr::Call(_, args) => {
            let mut free = true;
            for arg in args {
                free &= affine(arg, variable)?.constant;
            }
            if free { constant(e) } else { None }
        }
        // Abstract functions, sums and anything else: not read as part of a line.
        _ => None,
    }
}
