//! The expression tree an answer is read into, and how it is echoed back (`read as: …`).

use std::fmt::Write;

/// A binary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`, `·`, or two factors side by side.
    Mul,
    /// `/`
    Div,
    /// `^` or `**`, right-associative.
    Pow,
}

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
    Call(&'static str, Vec<Expr>),
    /// A function the formula leaves abstract, by its index in [`Parsed::functions`]:
    /// `f′(z)`.
    Apply(usize, Vec<Expr>),
    /// `Σ_k body`: shown as written, evaluated as the body with k = 1, 2, 3 added up.
    Sum {
        /// The index summed over (`k`).
        index: char,
        /// The body as written.
        body: Box<Expr>,
        /// The body for each value of the index, added.
        expanded: Box<Expr>,
    },
}

impl Expr {
    /// How many nodes the tree has (a sum counts its expansion).
    pub fn size(&self) -> usize {
        1 + match self {
            Expr::Neg(a) => a.size(),
            Expr::Bin(_, a, b) => a.size() + b.size(),
            Expr::Call(_, args) | Expr::Apply(_, args) => args.iter().map(Expr::size).sum(),
            Expr::Sum { expanded, .. } => expanded.size(),
            _ => 0,
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
            Expr::Var(i) => (9, self.names[*i].shown.clone()),
            Expr::Call(name, args) => (9, self.call(&shown_function(name), args)),
            Expr::Apply(i, args) => (9, self.call(&self.functions[*i].shown, args)),
            Expr::Sum { index, body, .. } => {
                let mut s = format!("Σ_{index} ");
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

    fn call(&self, name: &str, args: &[Expr]) -> String {
        if name == "abs" && args.len() == 1 {
            return format!("|{}|", self.show(&args[0]));
        }
        let shown: Vec<String> = args.iter().map(|a| self.show(a)).collect();
        format!("{name}({})", shown.join(", "))
    }
}

fn shown_function(name: &str) -> String {
    match name {
        "sigma" => "σ".into(),
        other => other.into(),
    }
}

/// A number as typed back: plain decimals, or scientific for very small or large ones.
pub fn number(x: f64) -> String {
    if x.is_infinite() {
        return if x > 0.0 { "∞".into() } else { "-∞".into() };
    }
    let magnitude = x.abs();
    if magnitude != 0.0 && !(1e-4..1e15).contains(&magnitude) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}
