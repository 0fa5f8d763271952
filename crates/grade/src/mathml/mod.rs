//! MathML for what nnhw shows: exact forms (`e^15/(e^15+e^0)`, `ln(999)/3`), formulas
//! in the ASCII notation students type (`(partialC)/(partiala_j^L)*f'(z_j^L)`), and
//! lists of them, as `<math>` elements an HTML report can show natively; and the numbers
//! a question gives, vectors and matrices among them ([`given`]).
//!
//! It typesets the trees the grader reads ([`crate::parse`]) instead of parsing a second
//! time: what a page shows is then what an answer is judged against, with the same
//! precedence (`-2^2` is −(2²)), the same names in index notation (δⱼᴸ, aₖˡ⁻¹, ∂C, f′)
//! and the same functions, and a text the grader cannot read is never typeset as if it
//! could be (the caller shows the text instead).

mod given;

pub use given::given;

use std::cell::Cell;

use crate::expr::{Constant, Expr, Op, Parsed};
use crate::given::Given;
use crate::name::Name;
use crate::parse::{Context, MAX_DEPTH, parse};

/// Deepest nesting typeset (a long sum or product is typeset in a loop: it counts once).
/// The parser bounds nesting in parentheses, but builds a chain such as `1/2/3/…` in a
/// loop, so its depth is bounded only by its length; such a text is not typeset.
const MAX_NESTING: usize = 2 * MAX_DEPTH;

/// Invisible times, between factors written side by side.
const TIMES: &str = "<mo>&#x2062;</mo>";
/// Function application, between a function's name and its parenthesised arguments.
const APPLY: &str = "<mo>&#x2061;</mo>";

/// Binding strength of what is shown: an operand weaker than its place needs is
/// parenthesised.
const ADD: u8 = 1;
const SUM: u8 = 2;
const MUL: u8 = 3;
const NEG: u8 = 4;
const FRAC: u8 = 5;
const POW: u8 = 6;
const ATOM: u8 = 9;

/// `text` (an exact form or a formula's ASCII right-hand side, as nnhw-core's
/// Answer.exact / Formula.ascii hold them, possibly a bracketed list `[a, b]` of such
/// expressions) as a MathML `<math>` element (display="inline"), or None when the grader
/// cannot parse it (the caller then shows the text).
pub fn to_mathml(text: &str) -> Option<String> {
    let given = Given::parse(text).ok()?;
    let chars: Vec<char> = text.chars().collect();
    Some(math(&value(&given, &chars)?))
}

/// The same for an equation `lhs = rhs` where both sides are ASCII (e.g. Formula.lhs
/// `delta_j^L` and ascii).
pub fn equation(lhs: &str, rhs: &str) -> Option<String> {
    let (lhs, rhs) = (expression(lhs)?, expression(rhs)?);
    Some(math(&format!("<mrow>{lhs}<mo>=</mo>{rhs}</mrow>")))
}

/// Mathematics in a question, in the ASCII notation: an expression, or a chain of them
/// joined by `=` (`z_j = x_1*W_1j + W_0j`). `None` when a side cannot be read.
pub fn mathematics(ascii: &str) -> Option<String> {
    let sides: Vec<String> = ascii.split('=').map(expression).collect::<Option<_>>()?;
    Some(math(&format!("<mrow>{}</mrow>", sides.join("<mo>=</mo>"))))
}

fn math(element: &str) -> String {
    format!("<math display=\"inline\">{element}</math>")
}

/// One given value as one element: a list in its brackets, or an expression.
fn value(given: &Given, chars: &[char]) -> Option<String> {
    match given {
        Given::Text { text, .. } => expression(text),
        Given::List { items, at } => {
            let (open, close) = match chars.get(*at) {
                Some('(') => ("(", ")"),
                Some('{') => ("{", "}"),
                _ => ("[", "]"),
            };
            let items: Vec<String> = items
                .iter()
                .map(|i| value(i, chars))
                .collect::<Option<_>>()?;
            let items = items.join("<mo>,</mo>");
            Some(format!(
                "<mrow><mo>{open}</mo>{items}<mo>{close}</mo></mrow>"
            ))
        }
        Given::Number(_) | Given::Bool(_) => None,
    }
}

/// One expression (not an equation) as one element.
fn expression(text: &str) -> Option<String> {
    let parsed = parse(text, &Context::default()).ok()?;
    let [e] = parsed.sides.as_slice() else {
        return None;
    };
    let typeset = Typeset {
        parsed: &parsed,
        depth: Cell::new(0),
    };
    let element = typeset.one(e);
    (typeset.depth.get() <= MAX_NESTING).then_some(element)
}

/// Which chain typeset in a loop `e` is part of: a product (true) or a sum (false).
fn chain(e: &Expr) -> Option<bool> {
    match e {
        Expr::Bin(Op::Add | Op::Sub, ..) => Some(false),
        Expr::Bin(Op::Mul, ..) => Some(true),
        _ => None,
    }
}

struct Typeset<'p> {
    parsed: &'p Parsed,
    /// How deep typesetting has recursed (through [`Typeset::one`]); once past
    /// [`MAX_NESTING`] it stops, and the depth stays past it.
    depth: Cell<usize>,
}

impl Typeset<'_> {
    /// How strongly `e`, as shown, binds.
    fn level(&self, e: &Expr) -> u8 {
        match e {
            _ if self.leibniz(e).is_some() => MUL,
            Expr::Num { value, .. } if crate::expr::number(*value).contains('e') => MUL,
            Expr::Call(f, _)
                if matches!(
                    f.typeset,
                    crate::functions::Typeset::Root | crate::functions::Typeset::CubeRoot
                ) =>
            {
                POW
            }
            Expr::Neg(_) => NEG,
            Expr::Sum { .. } => SUM,
            Expr::Bin(Op::Add | Op::Sub, ..) => ADD,
            Expr::Bin(Op::Mul, ..) => MUL,
            Expr::Bin(Op::Div, ..) => FRAC,
            Expr::Bin(Op::Pow, ..) => POW,
            _ => ATOM,
        }
    }

    /// The name `e` is, if it is a variable.
    fn name(&self, e: &Expr) -> Option<&Name> {
        let (Expr::Var(i) | Expr::Indexed(i)) = e else {
            return None;
        };
        self.parsed.names.get(*i).map(|s| &s.name)
    }

    /// `η*∂C/∂w` is read `(η·∂C)/∂w`, as the parser reads `a*b/c`: the parts of a
    /// factor times a derivative in Leibniz's notation, which it is shown as.
    fn leibniz<'e>(&self, e: &'e Expr) -> Option<(&'e Expr, &'e Expr, &'e Expr)> {
        let Expr::Bin(Op::Div, top, bottom) = e else {
            return None;
        };
        let Expr::Bin(Op::Mul, factor, numerator) = &**top else {
            return None;
        };
        let differential = |e: &Expr| self.name(e).is_some_and(|n| n.differential);
        (differential(numerator) && differential(bottom)).then_some((factor, numerator, bottom))
    }

    fn fraction(&self, top: &Expr, bottom: &Expr) -> String {
        format!("<mfrac>{}{}</mfrac>", self.one(top), self.one(bottom))
    }

    /// `e` as one element; nothing once typesetting is deeper than [`MAX_NESTING`].
    fn one(&self, e: &Expr) -> String {
        let depth = self.depth.get();
        if depth >= MAX_NESTING {
            self.depth.set(usize::MAX);
            return String::new();
        }
        self.depth.set(depth + 1);
        let mut row = Vec::new();
        self.row(e, &mut row);
        self.depth.set(self.depth.get().saturating_sub(1));
        grouped(row)
    }

    /// `e` in parentheses when it binds weaker than `min`.
    fn operand(&self, e: &Expr, min: u8, out: &mut Vec<String>) {
        if self.level(e) < min {
            out.push(parenthesised(&self.one(e)));
        } else {
            self.row(e, out);
        }
    }

    /// `e` as elements of the row it is part of.
    fn row(&self, e: &Expr, out: &mut Vec<String>) {
        if let Some((factor, top, bottom)) = self.leibniz(e) {
            self.operand(factor, MUL, out);
            out.push(TIMES.into());
            out.push(self.fraction(top, bottom));
            return;
        }
        match e {
            Expr::Num { value, .. } => out.push(number(*value)),
            Expr::Const(c) => out.push(mi(match c {
                Constant::E => "e",
                Constant::Pi => "π",
                Constant::Infinity => "∞",
            })),
            Expr::Var(_) | Expr::Indexed(_) => out.push(symbol(self.name(e))),
            Expr::Neg(a) => {
                out.push(mo("−"));
                self.operand(a, NEG + 1, out);
            }
            Expr::Bin(Op::Div, a, b) => out.push(self.fraction(a, b)),
            Expr::Bin(Op::Pow, a, b) => {
                let base = if self.indexed(a) || self.level(a) <= POW {
                    parenthesised(&self.one(a))
                } else {
                    self.one(a)
                };
                out.push(format!("<msup>{base}{}</msup>", self.one(b)));
            }
            Expr::Bin(..) => self.chain(e, out),
            Expr::Call(f, args) => self.call(f, args, out),
            Expr::Apply(i, args) => {
                out.push(symbol(self.parsed.functions.get(*i).map(|s| &s.name)));
                out.push(APPLY.into());
                out.push(parenthesised(&self.arguments(args)));
            }
            Expr::Index(c) => out.push(mi(&c.to_string())),
            Expr::Sum {
                index,
                from,
                to,
                body,
            } => {
                let letter = mi(&index.to_string());
                let index = self::index;
                if from.text.is_empty() && to.text.is_empty() {
                    out.push(format!("<munder><mo>∑</mo>{letter}</munder>"));
                } else {
                    let first = if from.text.is_empty() {
                        "1"
                    } else {
                        &from.text
                    };
                    let last = if to.text.is_empty() { "n" } else { &to.text };
                    let (first, last) = (grouped(index(first)), grouped(index(last)));
                    out.push(format!(
                        "<munderover><mo>∑</mo><mrow>{letter}<mo>=</mo>{first}</mrow>{last}</munderover>"
                    ));
                }
                self.operand(body, MUL, out);
            }
        }
    }

    /// A sum or product, down its left spine in a loop: `((a + b) − c) + d`.
    fn chain(&self, e: &Expr, out: &mut Vec<String>) {
        let product = chain(e) == Some(true);
        let mut rights = Vec::new();
        let mut left = e;
        while let Expr::Bin(op, a, b) = left
            && chain(left) == Some(product)
        {
            rights.push((*op, &**b));
            left = a;
        }
        let (left_min, right_min) = if product { (MUL, FRAC) } else { (ADD, SUM) };
        self.operand(left, left_min, out);
        for (op, b) in rights.into_iter().rev() {
            out.push(match op {
                Op::Add => mo("+"),
                Op::Sub => mo("−"),
                // `2·3` and `x·2³`, not `23` and `x2³`.
                _ if matches!(b, Expr::Num { .. })
                    || matches!(b, Expr::Bin(Op::Pow, a, _) if matches!(**a, Expr::Num { .. })) =>
                {
                    mo("·")
                }
                _ => TIMES.into(),
            });
            if matches!(b, Expr::Neg(_)) {
                out.push(parenthesised(&self.one(b)));
            } else {
                self.operand(b, right_min, out);
            }
        }
    }

    /// Whether `e` is a name with something in its superscript's place (`a_k^l`, `f′`,
    /// or `∂C`), which a power must not be mistaken for.
    fn indexed(&self, e: &Expr) -> bool {
        self.name(e)
            .is_some_and(|n| !n.sup.is_empty() || n.primes > 0 || n.differential)
    }

    /// A function's arguments, separated by commas, as one element.
    fn arguments(&self, args: &[Expr]) -> String {
        let shown: Vec<String> = args.iter().map(|a| self.one(a)).collect();
        if shown.len() == 1 {
            shown.concat()
        } else {
            format!("<mrow>{}</mrow>", shown.join("<mo>,</mo>"))
        }
    }

    fn call(&self, f: &crate::functions::Function, args: &[Expr], out: &mut Vec<String>) {
        use crate::functions::Typeset as T;
        let inner = self.arguments(args);
        let fenced =
            |open: &str, close: &str| format!("<mrow>{}{inner}{}</mrow>", mo(open), mo(close));
        match f.typeset {
            T::Fenced(open, close) => out.push(fenced(open, close)),
            T::Root => out.push(format!("<msqrt>{inner}</msqrt>")),
            T::CubeRoot => out.push(format!("<mroot>{inner}<mn>3</mn></mroot>")),
            T::LogBase(base) => {
                out.push(format!("<msub>{}{}</msub>", mi("log"), mn(base)));
                out.push(APPLY.into());
                out.push(parenthesised(&inner));
            }
            T::Named => {
                out.push(mi(f.unicode));
                out.push(APPLY.into());
                out.push(parenthesised(&inner));
            }
        }
    }
}

/// A name in index notation: `∂`, the letters (Greek as Greek), the subscript, and the
/// primes and index superscript above it.
fn symbol(name: Option<&Name>) -> String {
    let Some(name) = name else {
        return mi("?");
    };
    let base = mi(&letters(&name.base));
    let mut above = Vec::new();
    if name.primes > 0 {
        above.push(mo(&"′".repeat(usize::from(name.primes))));
    }
    above.extend(index(&name.sup));
    let below = index(&name.sub);
    let scripted = match (below.is_empty(), above.is_empty()) {
        (true, true) => base,
        (false, true) => format!("<msub>{base}{}</msub>", grouped(below)),
        (true, false) => format!("<msup>{base}{}</msup>", grouped(above)),
        (false, false) => {
            let (below, above) = (grouped(below), grouped(above));
            format!("<msubsup>{base}{below}{above}</msubsup>")
        }
    };
    if name.differential {
        format!("<mrow>{}{scripted}</mrow>", mi("∂"))
    } else {
        scripted
    }
}

/// A name's letters: a Greek letter spelled out (`delta`) as the letter itself.
fn letters(base: &str) -> String {
    // The grader folds ReLU to relu; a page writes it as people do (ReLU′ too).
    if base == "relu" {
        return "ReLU".into();
    }
    crate::letters::glyph(base).map_or_else(|| base.to_string(), String::from)
}

/// An index (`kj`, `l-1`, `alpha`): an identifier per letter (a Greek name as its
/// letter), numbers, and signs.
fn index(text: &str) -> Vec<String> {
    let greek = letters(text);
    if greek != text {
        return vec![mi(&greek)];
    }
    let mut out: Vec<String> = Vec::new();
    for c in text.chars() {
        match (c.is_ascii_digit(), out.last_mut()) {
            (true, Some(last)) if last.starts_with("<mn>") => last.insert(last.len() - 5, c),
            (true, _) => out.push(mn(&c.to_string())),
            _ if c.is_alphanumeric() => out.push(mi(&c.to_string())),
            _ => out.push(mo(&if c == '-' { '−' } else { c }.to_string())),
        }
    }
    out
}

/// A number as read: plain decimals, or `1.5×10⁻⁷` for very small or large ones.
fn number(x: f64) -> String {
    let text = crate::expr::number(x);
    match text.split_once('e') {
        Some((mantissa, exponent)) => {
            let power = match exponent.strip_prefix('-') {
                Some(digits) => format!("<mrow>{}{}</mrow>", mo("−"), mn(digits)),
                None => mn(exponent),
            };
            let mantissa = mn(mantissa);
            format!("<mrow>{mantissa}<mo>×</mo><msup><mn>10</mn>{power}</msup></mrow>")
        }
        None => mn(&text),
    }
}

/// The elements of a row as one element.
fn grouped(mut row: Vec<String>) -> String {
    if row.len() == 1 {
        row.pop().unwrap_or_default()
    } else {
        format!("<mrow>{}</mrow>", row.concat())
    }
}

fn parenthesised(element: &str) -> String {
    format!("<mrow><mo>(</mo>{element}<mo>)</mo></mrow>")
}

/// An identifier, number or operator element, its text escaped: names come from specs
/// people write.
fn tag(kind: &str, text: &str) -> String {
    let text = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!("<{kind}>{text}</{kind}>")
}

fn mi(text: &str) -> String {
    tag("mi", text)
}

fn mn(text: &str) -> String {
    tag("mn", text)
}

fn mo(text: &str) -> String {
    tag("mo", text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relu_and_its_derivative_are_written_as_people_write_them() {
        let math = mathematics("ReLU'(z) = 1").unwrap();
        assert!(math.contains("<mi>ReLU</mi><mo>′</mo>"), "{math}");
        assert!(mathematics("relu(z)").unwrap().contains("<mi>ReLU</mi>"));
    }

    #[test]
    fn text_from_a_spec_is_escaped() {
        let mut name = Name::new("a");
        name.base = "<b&c>".into();
        name.add_sub("j");
        assert_eq!(
            symbol(Some(&name)),
            "<msub><mi>&lt;b&amp;c&gt;</mi><mi>j</mi></msub>"
        );
    }
}
