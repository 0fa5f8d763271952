//! Evaluating an expression at a batch of points at once, each value with a bound on its
//! floating-point error ([`crate::arith`]).
//!
//! A batch is a set of sample points that share the width n of the layers a sum runs
//! over, so each term of a sum is the same names at every point of it: the names a term
//! makes (`w_2j` under `Σ_k` at k = 2) are spelled once per batch, not once per point.
//! Walking the tree once per batch, with a loop over the points at each node, keeps the
//! cost of a large answer near that of its arithmetic.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

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
    /// spelling ([`hash`]).
    pub seed: &'a dyn Fn(u64, usize) -> u64,
}

/// The value of `e`, read as `parsed`, at every point of `batch`.
pub fn eval(parsed: &Parsed, e: &Expr, batch: &Batch<'_>) -> Vec<Approx> {
    Evaluator::new(Some(parsed), batch).eval(e)
}

/// The value of an expression with no variables, such as a number typed as `e^15/(1+e^15)`.
pub fn constant(e: &Expr) -> Approx {
    let batch = Batch {
        samples: &[0],
        width: 1,
        draw: &|_, _| f64::NAN,
        seed: &|_, _| 0,
    };
    Evaluator::new(None, &batch)
        .eval(e)
        .pop()
        .unwrap_or_else(Approx::undefined)
}

/// A map hashed by FNV-1a: its keys are short spellings looked up once per term of a
/// sum, where SipHash's protection against chosen collisions costs more than it is worth
/// (a map holds one answer's names, at most [`crate::expr::MAX_COST`]).
type Fast<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// FNV-1a as a [`Hasher`].
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

struct Evaluator<'p, 'b> {
    parsed: Option<&'p Parsed>,
    batch: &'b Batch<'b>,
    /// Each plain variable's values at the batch's points, by its index in
    /// [`Parsed::names`].
    plain: Vec<Option<Vec<Approx>>>,
    /// The values of the names a sum makes at each term, by spelling.
    columns: Fast<String, Vec<Approx>>,
    /// The spelling of a name under a sum at each term: [`Parsed::names`]' index and the
    /// sums' indices with their values.
    spelled: Fast<(usize, Vec<(char, i64)>), String>,
    /// The indices of the sums being added up, innermost last, with their values.
    env: Vec<(char, i64)>,
    /// Buffers of a batch's length done with, to be used again: a large answer has a node
    /// per character, and allocating a buffer for each is most of its cost.
    spare: Vec<Vec<Approx>>,
}

impl<'p, 'b> Evaluator<'p, 'b> {
    fn new(parsed: Option<&'p Parsed>, batch: &'b Batch<'b>) -> Evaluator<'p, 'b> {
        Evaluator {
            parsed,
            batch,
            plain: vec![None; parsed.map_or(0, |p| p.names.len())],
            columns: Fast::default(),
            spelled: Fast::default(),
            env: Vec::new(),
            spare: Vec::new(),
        }
    }

    /// A buffer of the batch's length holding `a` everywhere.
    fn filled(&mut self, a: Approx) -> Vec<Approx> {
        let n = self.batch.samples.len();
        match self.spare.pop() {
            Some(mut v) => {
                v.clear();
                v.resize(n, a);
                v
            }
            None => vec![a; n],
        }
    }

    fn eval(&mut self, e: &Expr) -> Vec<Approx> {
        match e {
            Expr::Num { value, exact } => self.filled(if *exact {
                Approx::exact(*value)
            } else {
                Approx::rounded(*value)
            }),
            Expr::Const(c) => {
                let value = c.value();
                self.filled(if value.is_finite() {
                    Approx::rounded(value)
                } else {
                    Approx::exact(value)
                })
            }
            Expr::Index(c) => {
                let value = self.env.iter().rev().find(|(l, _)| l == c).map(|(_, v)| *v);
                self.filled(value.map_or_else(Approx::undefined, |v| Approx::exact(v as f64)))
            }
            Expr::Var(i) => {
                if self.plain.get(*i).is_some_and(Option::is_none)
                    && let Some(symbol) = self.parsed.and_then(|p| p.names.get(*i))
                {
                    let values = self.drawn(&symbol.key);
                    self.plain[*i] = Some(values);
                }
                match self.plain.get(*i) {
                    Some(Some(values)) => {
                        let mut v = self.spare.pop().unwrap_or_default();
                        v.clear();
                        v.extend_from_slice(values);
                        v
                    }
                    _ => self.filled(Approx::undefined()),
                }
            }
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
                    if !self.columns.contains_key(&key) {
                        let values = self.drawn(&key);
                        self.columns.insert(key.clone(), values);
                    }
                    let mut v = self.spare.pop().unwrap_or_default();
                    v.clear();
                    v.extend_from_slice(self.columns.get(&key).map_or(&[][..], Vec::as_slice));
                    v
                }
                None => self.filled(Approx::undefined()),
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
                for (x, y) in a.iter_mut().zip(&b) {
                    *x = binary(*op, *x, *y);
                }
                self.spare.push(b);
                a
            }
            Expr::Call(f, args) => {
                let mut args: Vec<Vec<Approx>> = args.iter().map(|a| self.eval(a)).collect();
                let mut out = args.pop().unwrap_or_default();
                match args.as_slice() {
                    [] => {
                        for x in &mut out {
                            *x = f.apply(&[*x]);
                        }
                    }
                    [a] => {
                        for (y, x) in out.iter_mut().zip(a) {
                            *y = f.apply(&[*x, *y]);
                        }
                    }
                    _ => out.fill(Approx::undefined()),
                }
                self.spare.extend(args);
                out
            }
            Expr::Apply(f, args) => {
                let args: Vec<Vec<Approx>> = args.iter().map(|a| self.eval(a)).collect();
                let symbol = self.parsed.and_then(|p| p.functions.get(*f));
                let derivative = self.parsed.and_then(|p| {
                    let key = &symbol?.key;
                    let (_, f) = p.derivatives.iter().find(|(k, _)| k == key)?;
                    f.derivative
                });
                let key = symbol.map_or(0, |s| hash(&s.key));
                let mut out = self.filled(Approx::undefined());
                let mut at = Vec::with_capacity(args.len());
                for (k, y) in out.iter_mut().enumerate() {
                    at.clear();
                    at.extend(args.iter().map(|a| a[k]));
                    *y = match (derivative, at.as_slice()) {
                        _ if at.iter().any(|a| a.is_undefined()) => Approx::undefined(),
                        (Some(derivative), [x]) => derivative(*x),
                        _ => abstract_function((self.batch.seed)(key, self.batch.samples[k]), &at),
                    };
                }
                self.spare.extend(args);
                out
            }
            Expr::Sum {
                index,
                from,
                to,
                body,
            } => {
                let mut total = self.filled(Approx::exact(0.0));
                let width = self.batch.width;
                for value in from.at(width)..=to.at(width) {
                    self.env.push((*index, value));
                    let term = self.eval(body);
                    self.env.pop();
                    for (x, y) in total.iter_mut().zip(&term) {
                        *x = binary(crate::expr::Op::Add, *x, *y);
                    }
                    self.spare.push(term);
                }
                total
            }
        }
    }

    /// The variable spelled `key` at every point of the batch.
    fn drawn(&self, key: &str) -> Vec<Approx> {
        let batch = self.batch;
        batch
            .samples
            .iter()
            .map(|&s| match (batch.draw)(key, s) {
                v if v.is_nan() => Approx::undefined(),
                v => Approx::exact(v),
            })
            .collect()
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
    // Each argument moves it by at most |c| + d·w per unit (sin is 1-Lipschitz).
    let mut carried = 0.0;
    for a in args {
        let (c, w) = (draw(-2.0, 2.0), draw(0.5, 2.0));
        linear += c * a.value;
        phase += w * a.value;
        size += (c * a.value).abs() + (w * a.value).abs();
        carried += (c.abs() + d * w) * a.error;
    }
    Approx {
        value: linear + d * phase.sin(),
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

/// FNV-1a: a name's seed, the same on every machine.
pub fn hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
