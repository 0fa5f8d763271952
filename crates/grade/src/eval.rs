//! Evaluating an expression at a batch of points at once, each value with a bound on its
//! floating-point error ([`crate::arith`]).
//!
//! A batch is a set of sample points that share the width n of the layers a sum runs
//! over, so each term of a sum is the same names at every point of it: the names a term
//! makes (`w_2j` under `Σ_k` at k = 2) are spelled once per batch, not once per point.
//! Walking the tree once per batch, with a loop over the points at each node, keeps the
//! cost of a large answer near that of its arithmetic.

use std::collections::HashMap;

use crate::arith::{Approx, binary};
use crate::expr::{Expr, Parsed};

/// Where an expression is evaluated: points that share the width n of sums.
pub struct Batch<'a> {
    /// The sample numbers of the points.
    pub samples: &'a [usize],
    /// The number of units a sum without bounds runs over, and that a bound named `n`
    /// stands for.
    pub width: i64,
    /// The value of the variable spelled `key` at `sample`: the same in every formula.
    pub draw: &'a dyn Fn(&str, usize) -> f64,
    /// The seed of an abstract function (f′, g) at `sample`, from the hash of its
    /// spelling ([`crate::formula::hash`]).
    pub seed: &'a dyn Fn(u64, usize) -> u64,
}

/// The value of `e`, read as `parsed`, at every point of `batch`.
pub fn eval(parsed: &Parsed, e: &Expr, batch: &Batch<'_>) -> Vec<Approx> {
    let mut evaluator = Evaluator {
        parsed: Some(parsed),
        batch,
        columns: HashMap::new(),
        spelled: HashMap::new(),
        env: Vec::new(),
    };
    evaluator.eval(e)
}

/// The value of an expression with no variables, such as a number typed as `e^15/(1+e^15)`.
pub fn constant(e: &Expr) -> Approx {
    let batch = Batch {
        samples: &[0],
        width: 1,
        draw: &|_, _| f64::NAN,
        seed: &|_, _| 0,
    };
    let mut evaluator = Evaluator {
        parsed: None,
        batch: &batch,
        columns: HashMap::new(),
        spelled: HashMap::new(),
        env: Vec::new(),
    };
    evaluator.eval(e).pop().unwrap_or_else(Approx::undefined)
}

struct Evaluator<'p, 'b> {
    parsed: Option<&'p Parsed>,
    batch: &'b Batch<'b>,
    /// Each variable's values at the batch's points, by spelling.
    columns: HashMap<String, Vec<Approx>>,
    /// The spelling of a name under a sum at each term: [`Parsed::names`]' index and the
    /// sums' indices with their values.
    spelled: HashMap<(usize, Vec<(char, i64)>), String>,
    /// The indices of the sums being added up, innermost last, with their values.
    env: Vec<(char, i64)>,
}

impl Evaluator<'_, '_> {
    fn points(&self) -> usize {
        self.batch.samples.len()
    }

    fn eval(&mut self, e: &Expr) -> Vec<Approx> {
        let n = self.points();
        match e {
            Expr::Num { value, exact } => {
                let a = if *exact {
                    Approx::exact(*value)
                } else {
                    Approx::rounded(*value)
                };
                vec![a; n]
            }
            Expr::Const(c) => {
                let value = c.value();
                let a = if value.is_finite() {
                    Approx::rounded(value)
                } else {
                    Approx::exact(value)
                };
                vec![a; n]
            }
            Expr::Index(c) => {
                let value = self.env.iter().rev().find(|(l, _)| l == c).map(|(_, v)| *v);
                vec![value.map_or_else(Approx::undefined, |v| Approx::exact(v as f64)); n]
            }
            Expr::Var(i) => match self.parsed.and_then(|p| p.names.get(*i)) {
                Some(symbol) => {
                    let key = symbol.key.clone();
                    self.column(&key)
                }
                None => vec![Approx::undefined(); n],
            },
            Expr::Indexed(i) => match self.parsed.filter(|p| *i < p.names.len()) {
                Some(parsed) => {
                    let at = (*i, self.env.clone());
                    let key = match self.spelled.get(&at) {
                        Some(key) => key.clone(),
                        None => {
                            let mut name = parsed.names[*i].name.clone();
                            for (letter, value) in self.env.iter().rev() {
                                if let Some(n) = name.substituted(*letter, &value.to_string()) {
                                    name = n;
                                }
                            }
                            let key = parsed.key(&name);
                            self.spelled.insert(at, key.clone());
                            key
                        }
                    };
                    self.column(&key)
                }
                None => vec![Approx::undefined(); n],
            },
            Expr::Neg(a) => {
                let mut a = self.eval(a);
                for x in &mut a {
                    x.value = -x.value;
                }
                a
            }
            Expr::Bin(op, a, b) => {
                let mut a = self.eval(a);
                let b = self.eval(b);
                for (x, y) in a.iter_mut().zip(b) {
                    *x = binary(*op, *x, y);
                }
                a
            }
            Expr::Call(f, args) => {
                let args: Vec<Vec<Approx>> = args.iter().map(|a| self.eval(a)).collect();
                (0..n)
                    .map(|k| match args.as_slice() {
                        [a] => f.apply(&[a[k]]),
                        [a, b] => f.apply(&[a[k], b[k]]),
                        _ => Approx::undefined(),
                    })
                    .collect()
            }
            Expr::Apply(f, args) => {
                let args: Vec<Vec<Approx>> = args.iter().map(|a| self.eval(a)).collect();
                let symbol = self.parsed.and_then(|p| p.functions.get(*f));
                let derivative = self.parsed.and_then(|p| {
                    let key = &symbol?.key;
                    let (_, f) = p.derivatives.iter().find(|(k, _)| k == key)?;
                    f.derivative
                });
                if let (Some(derivative), [a]) = (derivative, args.as_slice()) {
                    return a
                        .iter()
                        .map(|x| if x.is_undefined() { *x } else { derivative(*x) })
                        .collect();
                }
                let key = symbol.map_or(0, |s| crate::formula::hash(&s.key));
                (0..n)
                    .map(|k| {
                        let at: Vec<Approx> = args.iter().map(|a| a[k]).collect();
                        if at.iter().any(|a| a.is_undefined()) {
                            return Approx::undefined();
                        }
                        abstract_function((self.batch.seed)(key, self.batch.samples[k]), &at)
                    })
                    .collect()
            }
            Expr::Sum {
                index,
                from,
                to,
                body,
            } => {
                let mut total = vec![Approx::exact(0.0); n];
                let width = self.batch.width;
                for value in from.at(width)..=to.at(width) {
                    self.env.push((*index, value));
                    let term = self.eval(body);
                    self.env.pop();
                    for (x, y) in total.iter_mut().zip(term) {
                        *x = binary(crate::expr::Op::Add, *x, y);
                    }
                }
                total
            }
        }
    }

    /// The variable spelled `key` at every point, drawn once per batch.
    fn column(&mut self, key: &str) -> Vec<Approx> {
        if let Some(values) = self.columns.get(key) {
            return values.clone();
        }
        let batch = self.batch;
        let values: Vec<Approx> = batch
            .samples
            .iter()
            .map(|&s| match (batch.draw)(key, s) {
                v if v.is_nan() => Approx::undefined(),
                v => Approx::exact(v),
            })
            .collect();
        self.columns.insert(key.to_string(), values.clone());
        values
    }
}

/// A smooth stand-in for a function the formula leaves abstract (f′, g):
/// g(x) = c₀ + Σ cᵢxᵢ + d·sin(Σ wᵢxᵢ + φ), its coefficients drawn from `seed`.
fn abstract_function(seed: u64, args: &[Approx]) -> Approx {
    /// A library function (sin) is within a couple of ulps.
    const LIB: f64 = 2.0 * f64::EPSILON;
    let mut state = seed;
    let mut draw = |lo: f64, hi: f64| {
        state = splitmix(state);
        lo + (hi - lo) * ((state >> 11) as f64 / (1u64 << 53) as f64)
    };
    let c0 = draw(-2.0, 2.0);
    let d = draw(0.5, 2.0);
    let phi = draw(0.0, std::f64::consts::TAU);
    let (mut linear, mut phase, mut size) = (c0, phi, c0.abs() + d);
    let mut slopes = Vec::with_capacity(args.len());
    for a in args {
        let (c, w) = (draw(-2.0, 2.0), draw(0.5, 2.0));
        linear += c * a.value;
        phase += w * a.value;
        size += (c * a.value).abs() + (w * a.value).abs();
        slopes.push((c, w));
    }
    let value = linear + d * phase.sin();
    // Each argument moves it by at most |c| + d·w per unit (sin is 1-Lipschitz).
    let carried: f64 = slopes
        .iter()
        .zip(args)
        .map(|(&(c, w), a)| (c.abs() + d * w) * a.error)
        .sum();
    Approx {
        value,
        error: carried + 4.0 * LIB * size,
    }
}

/// One step of SplitMix64: a portable way to turn a seed into coefficients.
pub fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
