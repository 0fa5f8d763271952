//! The expression tree an answer is read into, and how it is echoed back (`read as: …`).

use std::fmt::Write;

use nnhw_core::format::{NumberFormat, Precision};

pub use crate::arith::Op;
use crate::functions::Function;

/// An expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A number as written; `exact` when no rounding happened reading it.
    Num {
        /// Its value.
        value: f64,
        /// Whether it is exactly the number written.
        exact: bool,
    },
    /// `e`, `π` or `∞`.
    Const(Constant),
    /// A variable, by its index in [`Parsed::names`].
    Var(usize),
    /// `-a`.
    Neg(Box<Expr>),
    /// `a op b`.
    Bin(Op, Box<Expr>, Box<Expr>),
    /// A function the language knows, applied: `exp(x)`, `σ(z)`, `|x|`.
    Call(&'static Function, Vec<Expr>),
    /// A function the formula leaves abstract, by its index in [`Parsed::functions`]:
    /// `f′(z)`.
    Apply(usize, Vec<Expr>),
    /// A variable whose indices hold an enclosing sum's index (`w_kj` under `Σ_k`), by
    /// its index in [`Parsed::names`]: a different variable at each term.
    Indexed(usize),
    /// An enclosing sum's index standing as a value (`k` in `Σ_k k·x_k`).
    Index(char),
    /// `Σ_{k=from}^{to} body`.
    Sum {
        /// The index summed over (`k`).
        index: char,
        /// Its first value.
        from: Bound,
        /// Its last value.
        to: Bound,
        /// The body.
        body: Box<Expr>,
    },
}

/// The widest layer a sum runs over when formulas are compared: sample points take every
/// width from 1 to this.
pub const MAX_WIDTH: i64 = 6;
/// Most terms a sum may have at any width.
pub const MAX_TERMS: usize = 64;
/// Most operations an answer may take to evaluate once, with its sums added up: past it,
/// judging it at every sample point would take too long.
pub const MAX_COST: usize = 20_000;

/// What evaluating an abstract function (f′) costs, in operations.
const ABSTRACT_COST: usize = 4;

/// The most terms a sum from `from` to `to` has at any width.
pub fn most_terms(from: &Bound, to: &Bound) -> usize {
    (1..=MAX_WIDTH)
        .map(|n| (to.at(n) - from.at(n) + 1).max(0) as usize)
        .max()
        .unwrap_or(0)
}

/// A bound of a sum: `width·n + offset`, where n is the number of units the index runs
/// over (a sum written without bounds runs from 1 to n; a bound written as a name, `n`
/// or `N`, is that number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bound {
    /// How many times n it holds: 0 or 1 (`3`, `n − 1`).
    pub width: i64,
    /// The whole number added.
    pub offset: i64,
    /// As written, for echoes; empty when not written.
    pub text: String,
}

impl Bound {
    /// Its value where the index runs over `n` units.
    pub fn at(&self, n: i64) -> i64 {
        self.width * n + self.offset
    }

    /// As written, or as a sum without bounds means it (`1`, `n`) when not written.
    pub fn written(&self) -> &str {
        match self.text.as_str() {
            "" if self.width == 0 => "1",
            "" => "n",
            text => text,
        }
    }

    /// The first bound of a sum written without one: 1.
    pub fn first() -> Bound {
        Bound {
            width: 0,
            offset: 1,
            text: String::new(),
        }
    }

    /// The last bound of a sum written without one: n.
    pub fn last() -> Bound {
        Bound {
            width: 1,
            offset: 0,
            text: String::new(),
        }
    }
}

impl Expr {
    /// How many operations evaluating it once takes: a sum's body counts once per term.
    pub fn cost(&self) -> usize {
        let inner = match self {
            Expr::Neg(a) => a.cost(),
            Expr::Bin(_, a, b) => a.cost().saturating_add(b.cost()),
            Expr::Call(_, args) => args.iter().fold(0usize, |c, a| c.saturating_add(a.cost())),
            // A random smooth function drawn at each point costs about four operations.
            Expr::Apply(_, args) => args
                .iter()
                .fold(ABSTRACT_COST, |c, a| c.saturating_add(a.cost())),
            Expr::Sum { from, to, body, .. } => {
                most_terms(from, to).saturating_mul(body.cost().saturating_add(1))
            }
            _ => 0,
        };
        inner.saturating_add(1)
    }

    /// Whether a sum is in it.
    pub fn has_sum(&self) -> bool {
        match self {
            Expr::Sum { .. } => true,
            Expr::Neg(a) => a.has_sum(),
            Expr::Bin(_, a, b) => a.has_sum() || b.has_sum(),
            Expr::Call(_, args) | Expr::Apply(_, args) => args.iter().any(Expr::has_sum),
            _ => false,
        }
    }

    /// Whether ∞ is written in it (so an infinite value is meant, not an overflow).
    pub fn names_infinity(&self) -> bool {
        match self {
            Expr::Const(Constant::Infinity) => true,
            Expr::Neg(a) => a.names_infinity(),
            Expr::Bin(_, a, b) => a.names_infinity() || b.names_infinity(),
            Expr::Call(_, args) | Expr::Apply(_, args) => args.iter().any(Expr::names_infinity),
            Expr::Sum { body, .. } => body.names_infinity(),
            _ => false,
        }
    }
}

/// A named constant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Constant {
    /// Euler's number.
    E,
    /// π.
    Pi,
    /// ∞.
    Infinity,
}

impl Constant {
    /// Its value.
    pub fn value(self) -> f64 {
        match self {
            Constant::E => std::f64::consts::E,
            Constant::Pi => std::f64::consts::PI,
            Constant::Infinity => f64::INFINITY,
        }
    }
}

/// A symbol of a parsed text: the spelling it is compared by, and how it is shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Symbol {
    /// The folded spelling (`delta_j^l`), after aliases.
    pub key: String,
    /// For echoes (`δ_j^l`), as written.
    pub shown: String,
    /// The name itself, for substituting a sum's index.
    pub name: crate::name::Name,
}

/// A text read as an expression, or as a chain `a = b = c` / an assignment `a ← b`.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// The sides, left to right; one for a plain expression.
    pub sides: Vec<Expr>,
    /// Variables, in order of first use.
    pub names: Vec<Symbol>,
    /// Abstract functions, in order of first use.
    pub functions: Vec<Symbol>,
    /// The problem's aliases it was read with (`sigma'` → `f'`), for the names a sum
    /// makes at each term.
    pub aliases: Vec<(String, String)>,
    /// Abstract functions that are a known function's derivative here (`f′` is σ′).
    pub derivatives: Vec<(String, &'static Function)>,
}

impl Parsed {
    /// The folded spelling of `name`, with the aliases applied.
    pub fn key(&self, name: &crate::name::Name) -> String {
        let key = name.key();
        match self.aliases.iter().find(|(from, _)| *from == key) {
            Some((_, to)) => to.clone(),
            None => key,
        }
    }
}

impl Parsed {
    /// The expression on the right: the answer itself.
    pub fn value(&self) -> &Expr {
        // The parser never returns an empty chain.
        &self.sides[self.sides.len() - 1]
    }

    /// The left side when the text is an equation or assignment.
    pub fn lhs(&self) -> Option<&Expr> {
        (self.sides.len() > 1).then(|| &self.sides[0])
    }

    /// `e` as a person reads it, with the fewest parentheses.
    pub fn show(&self, e: &Expr) -> String {
        let mut out = String::new();
        self.write(e, 0, &mut out);
        out
    }

    /// The whole text as read: `w_1 - η*∂C/∂w_1`, or `δ_j^L = …`.
    pub fn shown(&self) -> String {
        self.sides
            .iter()
            .map(|e| self.show(e))
            .collect::<Vec<_>>()
            .join(" = ")
    }

    fn write(&self, e: &Expr, outer: u8, out: &mut String) {
        let (own, text) = match e {
            Expr::Num { value, .. } => (9, number(*value)),
            Expr::Const(Constant::E) => (9, "e".into()),
            Expr::Const(Constant::Pi) => (9, "π".into()),
            Expr::Const(Constant::Infinity) => (9, "∞".into()),
            Expr::Var(i) | Expr::Indexed(i) => (9, self.names[*i].shown.clone()),
            Expr::Index(c) => (9, c.to_string()),
            Expr::Call(f, args) => (9, self.call(f.name, f.unicode, args)),
            Expr::Apply(i, args) => (9, self.call("", &self.functions[*i].shown, args)),
            Expr::Sum {
                index,
                from,
                to,
                body,
            } => {
                let mut s = if from.text.is_empty() && to.text.is_empty() {
                    format!("Σ_{index} ")
                } else {
                    format!("Σ_({index}={})^({}) ", from.written(), to.written())
                };
                self.write(body, 2, &mut s);
                (2, s)
            }
            Expr::Neg(a) => {
                let mut s = String::from("-");
                self.write(a, 3, &mut s);
                (3, s)
            }
            Expr::Bin(op, a, b) => {
                let (own, left, right, sign) = match op {
                    Op::Add => (1, 1, 2, " + "),
                    Op::Sub => (1, 1, 2, " - "),
                    Op::Mul => (2, 2, 3, "*"),
                    Op::Div => (2, 2, 3, "/"),
                    Op::Pow => (4, 5, 4, "^"),
                };
                let mut s = String::new();
                // `(a_k^l)^2`, not `a_k^l^2`, which reads back as another index.
                let indexed = matches!(**a, Expr::Var(i) if !self.names[i].name.sup.is_empty());
                self.write(a, if *op == Op::Pow && indexed { 10 } else { left }, &mut s);
                s.push_str(sign);
                self.write(b, right, &mut s);
                (own, s)
            }
        };
        if own < outer {
            let _ = write!(out, "({text})");
        } else {
            out.push_str(&text);
        }
    }

    /// `f(a, b)` with `f` shown as `shown`; `|a|` for the function `abs`.
    fn call(&self, name: &str, shown: &str, args: &[Expr]) -> String {
        let inner: Vec<String> = args.iter().map(|a| self.show(a)).collect();
        let inner = inner.join(", ");
        if name == "abs" {
            format!("|{inner}|")
        } else {
            format!("{shown}({inner})")
        }
    }
}

/// How a number is read back to the student: as it could be typed (`-0`, `1e-5`), in the
/// shortest digits that read back to the same f64, scientific notation outside
/// [1e-4, 1e15), `∞` for infinity.
const TYPED: NumberFormat = NumberFormat {
    precision: Precision::Shortest,
    positional: (1e-4, 1e15),
    infinity: "∞",
    signed_zero: true,
    ..NumberFormat::REPORT
};

/// A number as typed back: plain decimals, or scientific for very small or large ones.
pub fn number(x: f64) -> String {
    TYPED.format(x)
}
