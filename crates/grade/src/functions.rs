//! The one table of the functions the answer language knows. A row holds everything about
//! a function: the name it folds to, the other spellings read as it, how many arguments it
//! takes, its value with an error bound, and how it is echoed and typeset. Adding a
//! function is adding a row; nothing else lists them.

use nnhw_core::numerics::sigmoid;

use crate::arith::{Approx, even, extremum, lipschitz, monotone, sign, sloped, stepped, underflow};

/// How a function is typeset in MathML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typeset {
    /// Its name (or `unicode`) before its parenthesised arguments: `σ(z)`, `arcsin(x)`.
    Named,
    /// Between two fences: `|x|`, `⌊x⌋`.
    Fenced(&'static str, &'static str),
    /// `√x`.
    Root,
    /// `∛x`.
    CubeRoot,
    /// `log` with a base below: `log₁₀ x`.
    LogBase(&'static str),
}

/// How a function is evaluated.
#[derive(Clone, Copy)]
pub enum Value {
    /// Of one argument.
    One(fn(Approx) -> Approx),
    /// Of two.
    Two(fn(Approx, Approx) -> Approx),
}

/// A function of the answer language.
pub struct Function {
    /// The spelling every other folds to, as typed in ASCII (`sigma`).
    pub name: &'static str,
    /// Other spellings read as it (`sigmoid`, `logistic`).
    pub aliases: &'static [&'static str],
    /// How it is echoed in `read as:` (`σ`).
    pub unicode: &'static str,
    /// Its value.
    pub value: Value,
    /// How a page typesets it.
    pub typeset: Typeset,
    /// Its derivative, for a problem that says an abstract f is this function (`f′` is
    /// σ′ in a sigmoid network).
    pub derivative: Option<fn(Approx) -> Approx>,
}

impl Function {
    /// How many arguments it takes.
    pub fn arity(&self) -> usize {
        match self.value {
            Value::One(_) => 1,
            Value::Two(..) => 2,
        }
    }

    /// Its value at `args`, which hold [`Function::arity`] values.
    pub fn apply(&self, args: &[Approx]) -> Approx {
        if args.iter().any(|a| a.is_undefined()) {
            return Approx::undefined();
        }
        match (self.value, args) {
            (Value::One(f), [a]) => f(*a),
            (Value::Two(f), [a, b]) => f(*a, *b),
            // The parser checks the arity; a call without it has no value.
            _ => Approx::undefined(),
        }
    }
}

impl std::fmt::Debug for Function {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

impl PartialEq for Function {
    fn eq(&self, other: &Function) -> bool {
        self.name == other.name
    }
}

const fn row(
    name: &'static str,
    aliases: &'static [&'static str],
    unicode: &'static str,
    value: Value,
    typeset: Typeset,
) -> Function {
    Function {
        name,
        aliases,
        unicode,
        value,
        typeset,
        derivative: None,
    }
}

impl Function {
    /// The same row with its derivative.
    const fn derived(mut self, derivative: fn(Approx) -> Approx) -> Function {
        self.derivative = Some(derivative);
        self
    }
}

use Typeset::{Fenced, Named};
use Value::{One, Two};

/// Every function, in the order `--help` and messages list them.
pub static FUNCTIONS: [Function; 31] = [
    row(
        "exp",
        &[],
        "exp",
        One(|a| underflow(monotone(f64::exp, a))),
        Named,
    ),
    row("ln", &["log"], "ln", One(|a| monotone(f64::ln, a)), Named),
    row(
        "log10",
        &[],
        "log10",
        One(|a| monotone(f64::log10, a)),
        Typeset::LogBase("10"),
    ),
    row(
        "log2",
        &[],
        "log2",
        One(|a| monotone(f64::log2, a)),
        Typeset::LogBase("2"),
    ),
    row(
        "sqrt",
        &[],
        "√",
        One(|a| monotone(f64::sqrt, a)),
        Typeset::Root,
    ),
    row(
        "cbrt",
        &[],
        "∛",
        One(|a| monotone(f64::cbrt, a)),
        Typeset::CubeRoot,
    ),
    row(
        "sin",
        &[],
        "sin",
        One(|a| lipschitz(a.value.sin(), 1.0, a)),
        Named,
    ),
    row(
        "cos",
        &[],
        "cos",
        One(|a| lipschitz(a.value.cos(), 1.0, a)),
        Named,
    ),
    row(
        "tan",
        &[],
        "tan",
        One(|a| {
            let v = a.value.tan();
            sloped(v, 1.0 + v * v, a)
        }),
        Named,
    ),
    row(
        "sec",
        &[],
        "sec",
        One(|a| {
            let v = 1.0 / a.value.cos();
            sloped(v, v * a.value.tan(), a)
        }),
        Named,
    ),
    row(
        "csc",
        &[],
        "csc",
        One(|a| {
            let v = 1.0 / a.value.sin();
            sloped(v, v / a.value.tan(), a)
        }),
        Named,
    ),
    row(
        "cot",
        &[],
        "cot",
        One(|a| {
            let v = 1.0 / a.value.tan();
            sloped(v, 1.0 + v * v, a)
        }),
        Named,
    ),
    row(
        "asin",
        &["arcsin"],
        "arcsin",
        One(|a| monotone(f64::asin, a)),
        Named,
    ),
    row(
        "acos",
        &["arccos"],
        "arccos",
        One(|a| monotone(f64::acos, a)),
        Named,
    ),
    row(
        "atan",
        &["arctan"],
        "arctan",
        One(|a| monotone(f64::atan, a)),
        Named,
    ),
    row("sinh", &[], "sinh", One(|a| monotone(f64::sinh, a)), Named),
    row("cosh", &[], "cosh", One(|a| even(f64::cosh, a)), Named),
    row("tanh", &[], "tanh", One(|a| monotone(f64::tanh, a)), Named),
    row(
        "sech",
        &[],
        "sech",
        // 1/cosh underflows to 0 past |x| ≈ 710, where it is not 0.
        One(|a| underflow(even(|x| 1.0 / x.cosh(), a))),
        Named,
    ),
    row(
        "csch",
        &[],
        "csch",
        One(|a| {
            let v = 1.0 / a.value.sinh();
            underflow(sloped(v, v / a.value.tanh(), a))
        }),
        Named,
    ),
    row(
        "coth",
        &[],
        "coth",
        One(|a| {
            let v = 1.0 / a.value.tanh();
            sloped(v, 1.0 - v * v, a)
        }),
        Named,
    ),
    row(
        "sigma",
        &["sigmoid", "Sigmoid", "logistic"],
        "σ",
        One(|a| underflow(monotone(sigmoid, a))),
        Named,
    )
    // σ′(x) = e^−|x| / (1 + e^−|x|)²: even and falling in |x|, without cancellation.
    .derived(|a| {
        underflow(even(
            |x| {
                let e = (-x.abs()).exp();
                e / ((1.0 + e) * (1.0 + e))
            },
            a,
        ))
    }),
    // ln(1 + eˣ), computed without overflow.
    row(
        "softplus",
        &[],
        "softplus",
        One(|a| underflow(monotone(|x| x.max(0.0) + (-x.abs()).exp().ln_1p(), a))),
        Named,
    ),
    row(
        "relu",
        &["ReLU", "Relu", "RELU"],
        "ReLU",
        One(|a| monotone(|x| x.max(0.0), a)),
        Named,
    ),
    row(
        "abs",
        &[],
        "abs",
        One(|a| lipschitz(a.value.abs(), 1.0, a)),
        Fenced("|", "|"),
    ),
    row(
        "floor",
        &[],
        "floor",
        One(|a| stepped(a.value.floor(), a, 0.0, 1.0)),
        Fenced("⌊", "⌋"),
    ),
    row(
        "ceil",
        &[],
        "ceil",
        One(|a| stepped(a.value.ceil(), a, 0.0, 1.0)),
        Fenced("⌈", "⌉"),
    ),
    row(
        "round",
        &[],
        "round",
        One(|a| stepped(a.value.round(), a, 0.5, 1.0)),
        Named,
    ),
    row("sign", &["signum", "sgn"], "sgn", One(sign), Named),
    row(
        "min",
        &[],
        "min",
        Two(|a, b| extremum(a.value.min(b.value), a, b)),
        Named,
    ),
    row(
        "max",
        &[],
        "max",
        Two(|a, b| extremum(a.value.max(b.value), a, b)),
        Named,
    ),
];

/// The function a bare word names, by its name or an alias.
pub fn lookup(word: &str) -> Option<&'static Function> {
    FUNCTIONS
        .iter()
        .find(|f| f.name == word || f.aliases.contains(&word))
}

/// The names, for messages: `exp, ln, log10, …`.
pub fn names() -> String {
    FUNCTIONS
        .iter()
        .map(|f| f.name)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_found_and_computes() {
        for f in &FUNCTIONS {
            assert_eq!(lookup(f.name).map(|g| g.name), Some(f.name));
            for alias in f.aliases {
                assert_eq!(lookup(alias).map(|g| g.name), Some(f.name));
            }
            let args = vec![Approx::exact(0.5); f.arity()];
            let v = f.apply(&args);
            assert!(v.value.is_finite(), "{}", f.name);
        }
        let at = |name: &str, x: f64| lookup(name).map(|f| f.apply(&[Approx::exact(x)]).value);
        assert_eq!(at("sigmoid", 0.0), Some(0.5));
        assert_eq!(at("sgn", -3.0), Some(-1.0));
        assert_eq!(at("relu", -3.0), Some(0.0));
        assert_eq!(at("floor", 2.5), Some(2.0));
        assert!(at("sqrt", -1.0).is_some_and(f64::is_nan));
        assert_eq!(lookup("foo").map(|f| f.name), None);
    }
}
