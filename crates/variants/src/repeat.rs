//! When two variants repeat each other: the same drawn params, or keys such that a student
//! could hand one in for the other and be judged right. Keys are judged as every key is,
//! by nnhw-grade at the spec's tolerance, so `[0.5, 0.5]` and `[0.49999999999999994,
//! 0.5000000000000001]` repeat however differently their text reads.
//!
//! Judging every pair would be quadratic in the class, so keys are indexed by a cell per
//! number, on a scale where the tolerance is one unit: two numbers within the tolerance
//! lie in the same cell or, near a cell's edge, the next one, and only keys found in those
//! cells are judged.

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use nnhw_core::{Answer, Judge, Tolerance, Value};
use nnhw_grade::KeyJudge;

use crate::spec;

/// A cell's width, in tolerances: narrow enough that few keys share a cell, wide enough
/// that few numbers lie near an edge.
const CELL: f64 = 8.0;
/// How near an edge (in tolerances) a number must be for the next cell to be searched:
/// two numbers within the tolerance, ulps of slack included, are less than 1.01 apart.
const EDGE: f64 = 1.5;
/// Most numbers near an edge whose next cells are searched (2^this probes at most); a key
/// with more is searched in the cells of its first ones only.
const MAX_EDGES: usize = 12;

/// The variants taken so far.
pub struct Taken {
    tolerance: Tolerance,
    /// The scale: a number's place is `sign · ln(1 + rel·|x| / abs) / rel`.
    abs: f64,
    rel: f64,
    /// A fixed-key hash of each taken `[params]` text: 10⁵ of them collide with odds
    /// of about 10⁻⁹, which would only cost a redraw.
    params: HashSet<u64>,
    keys: Vec<Arc<[Answer]>>,
    /// Each key's numbers, in order: keys whose numbers are far apart need no judging.
    numbers: Vec<Vec<f64>>,
    cells: HashMap<Vec<u64>, Vec<usize>>,
}

impl Taken {
    /// Nothing taken, judged at `tolerance`.
    pub fn new(tolerance: Tolerance) -> Taken {
        let abs = tolerance.allowed(0.0);
        let rel = tolerance.allowed(1.0) - abs;
        Taken {
            tolerance,
            abs: abs.max(f64::MIN_POSITIVE),
            // The judge's slack of a few ulps is relative too.
            rel: rel.max(0.0) + nnhw_core::tolerance::SLACK,
            params: HashSet::new(),
            keys: Vec::new(),
            numbers: Vec::new(),
            cells: HashMap::new(),
        }
    }

    /// How many keys are taken.
    pub(crate) fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether these params (as `[params]` TOML text) were drawn already.
    pub fn has_params(&self, params: &str) -> bool {
        self.params.contains(&params_hash(params))
    }

    /// Whether a taken key could be handed in for `answers` (the graded ones), or these
    /// for it.
    pub fn has_key(&self, answers: &[Answer]) -> bool {
        let (cells, edges, numbers) = self.cells_of(answers);
        let edges = &edges[..edges.len().min(MAX_EDGES)];
        (0u32..1 << edges.len()).any(|flips| {
            let mut probe = cells.clone();
            for (bit, (at, next)) in edges.iter().enumerate() {
                if flips & (1 << bit) != 0 {
                    probe[*at] = *next;
                }
            }
            self.cells.get(&probe).is_some_and(|found| {
                found.iter().any(|&i| {
                    self.near(&self.numbers[i], &numbers)
                        && (self.same(&self.keys[i], answers) || self.same(answers, &self.keys[i]))
                })
            })
        })
    }

    /// Takes a variant's params and graded answers.
    pub fn insert(&mut self, params: &str, answers: Arc<[Answer]>) {
        let (cells, _, numbers) = self.cells_of(&answers);
        self.params.insert(params_hash(params));
        self.cells.entry(cells).or_default().push(self.keys.len());
        self.keys.push(answers);
        self.numbers.push(numbers);
    }

    /// Whether every number of one key is within twice the tolerance of the other's: a
    /// quick test that never parts two keys the judge would call the same.
    fn near(&self, a: &[f64], b: &[f64]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(&x, &y)| self.tolerance.near(x, y))
    }

    /// Whether `given`'s key, handed in, is right for `want`.
    fn same(&self, given: &[Answer], want: &[Answer]) -> bool {
        given.len() == want.len()
            && given.iter().zip(want).all(|(g, w)| {
                spec::key(&g.value).is_none_or(|key| {
                    KeyJudge
                        .check_key(w, &key, &self.tolerance)
                        .is_ok_and(|check| check.passed)
                })
            })
    }

    /// The key's cells (one per number, list length and other value), and for each number
    /// near its cell's edge, where it is and the cell across that edge.
    #[allow(clippy::type_complexity)] // three results of one walk
    fn cells_of(&self, answers: &[Answer]) -> (Vec<u64>, Vec<(usize, u64)>, Vec<f64>) {
        let mut cells = Vec::new();
        let mut edges = Vec::new();
        let mut numbers = Vec::new();
        for answer in answers {
            self.walk(&answer.value, &mut cells, &mut edges, &mut numbers);
        }
        (cells, edges, numbers)
    }

    fn walk(
        &self,
        value: &Value,
        cells: &mut Vec<u64>,
        edges: &mut Vec<(usize, u64)>,
        numbers: &mut Vec<f64>,
    ) {
        match value {
            Value::Number(x) => {
                numbers.push(*x);
                let place = self.place(*x) / CELL;
                let cell = place.floor();
                let within = place - cell;
                if within < EDGE / CELL {
                    edges.push((cells.len(), cell_id(cell - 1.0)));
                } else if within > 1.0 - EDGE / CELL {
                    edges.push((cells.len(), cell_id(cell + 1.0)));
                }
                cells.push(cell_id(cell));
            }
            Value::List(items) => {
                cells.push(items.len() as u64);
                for item in items {
                    self.walk(item, cells, edges, numbers);
                }
            }
            // A set may be given in any order, lines and a formula in any equivalent form,
            // a polygon from any corner: only the size is indexed, the judge decides.
            Value::Set(items) => cells.push(items.len() as u64),
            Value::Lines(lines) => cells.push(lines.len() as u64),
            Value::Polygon(p) => cells.push(p.corners.len() as u64),
            Value::Formula(_) => cells.push(0),
            other => {
                let mut h = DefaultHasher::new();
                spec::key(other).map(|k| k.to_string()).hash(&mut h);
                cells.push(h.finish());
            }
        }
    }

    /// Where `x` lies on a scale where the tolerance at `x` is about one unit.
    fn place(&self, x: f64) -> f64 {
        x.signum() * (self.rel * x.abs() / self.abs).ln_1p() / self.rel
    }
}

fn params_hash(params: &str) -> u64 {
    let mut h = siphasher::sip::SipHasher13::new_with_keys(0, 0);
    h.write(params.as_bytes());
    h.finish()
}

/// A cell as a hash key (an infinite or huge number saturates, and is judged all the same).
fn cell_id(cell: f64) -> u64 {
    (cell as i64) as u64
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn answers(values: &[f64]) -> Arc<[Answer]> {
        Arc::from(vec![Answer {
            name: "o".into(),
            value: Value::List(values.iter().map(|&x| Value::Number(x)).collect()),
            exact: None,
            hints: Vec::new(),
        }])
    }

    #[test]
    fn keys_within_the_tolerance_repeat_and_others_do_not() {
        let mut taken = Taken::new(Tolerance::default());
        taken.insert("a", answers(&[0.5, 0.5]));
        assert!(taken.has_key(&answers(&[0.49999999999999994, 0.5000000000000001])));
        assert!(!taken.has_key(&answers(&[0.5, 0.500001])));
        assert!(!taken.has_key(&answers(&[0.5])));
        let decimals = Tolerance {
            decimals: Some(3),
            ..Tolerance::default()
        };
        let mut taken = Taken::new(decimals);
        // Every cell edge: 0.0625 ± 0.0004 repeats it, 0.0625 ± 0.0006 does not.
        for k in 0..2000 {
            let x = f64::from(k) * 0.00037 - 0.3;
            taken.insert(&format!("{k}"), answers(&[x, 1.0]));
        }
        for k in 0..2000 {
            let x = f64::from(k) * 0.00037 - 0.3;
            assert!(taken.has_key(&answers(&[x + 0.0004, 1.0])), "{x}");
        }
        let mut sparse = Taken::new(decimals);
        for k in 0..200 {
            sparse.insert(&format!("{k}"), answers(&[f64::from(k) * 0.01, 2.0]));
        }
        for k in 0..200 {
            let x = f64::from(k) * 0.01;
            assert!(sparse.has_key(&answers(&[x - 0.00049, 2.0004])), "{x}");
            assert!(!sparse.has_key(&answers(&[x + 0.0006, 2.0])), "{x}");
        }
    }
}
