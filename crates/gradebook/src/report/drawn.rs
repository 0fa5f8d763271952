//! The drawn numbers against the answers: each param that differs between variants,
//! split into buckets, with the right and wrong answers counted per bucket and a χ² test
//! of whether wrong answers go with some buckets beyond chance.

use std::collections::HashMap;

use super::*;

impl Drawn {
    pub(super) fn report(&self, tally: &ParamTally) -> ParamReport {
        let buckets: Vec<BucketReport> = self
            .buckets
            .iter()
            .zip(&tally.buckets)
            .map(|(bucket, &[right, wrong])| BucketReport {
                label: bucket.label(&self.path),
                low: bucket.low,
                high: bucket.high,
                value: bucket.value.clone(),
                right,
                wrong,
            })
            .collect();
        let rates: Vec<f64> = buckets
            .iter()
            .filter(|b| b.right + b.wrong >= MIN_BUCKET)
            .map(|b| b.wrong as f64 / (b.right + b.wrong) as f64)
            .collect();
        let spread = (rates.len() >= 2).then(|| {
            rates.iter().copied().fold(f64::MIN, f64::max)
                - rates.iter().copied().fold(f64::MAX, f64::min)
        });
        let table: Vec<[u64; 2]> = buckets.iter().map(|b| [b.right, b.wrong]).collect();
        ParamReport {
            param: self.path.clone(),
            right: tally.right.stats(),
            wrong: tally.wrong.stats(),
            p_value: independence(&table),
            buckets,
            spread,
        }
    }
}

/// Fewest right-or-wrong answers a bucket needs for its wrong rate to count in a spread.
pub const MIN_BUCKET: u64 = 3;

/// A param's value at one path.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Leaf {
    Number(f64),
    Text(String),
}

impl Leaf {
    pub(super) fn number(&self) -> Option<f64> {
        match self {
            Leaf::Number(x) => Some(*x),
            Leaf::Text(_) => None,
        }
    }
}

/// Most leaves read from one spec's params.
pub(super) const MAX_LEAVES: usize = 4_096;

/// Every number, text and boolean in `params` with its path (`w2`, `x[3]`,
/// `layers[0].bias[1]`).
pub(super) fn leaves(params: &toml::Table) -> Vec<(String, Leaf)> {
    pub(super) fn walk(path: String, value: &toml::Value, out: &mut Vec<(String, Leaf)>) {
        if out.len() >= MAX_LEAVES {
            return;
        }
        match value {
            toml::Value::Integer(i) => out.push((path, Leaf::Number(*i as f64))),
            toml::Value::Float(x) => out.push((path, Leaf::Number(*x))),
            toml::Value::String(s) => out.push((path, Leaf::Text(clip(s, 60)))),
            toml::Value::Boolean(b) => out.push((path, Leaf::Text(b.to_string()))),
            toml::Value::Datetime(d) => out.push((path, Leaf::Text(d.to_string()))),
            toml::Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(format!("{path}[{i}]"), item, out);
                }
            }
            toml::Value::Table(table) => {
                for (key, item) in table {
                    let path = if path.is_empty() {
                        key.clone()
                    } else {
                        format!("{path}.{key}")
                    };
                    walk(path, item, out);
                }
            }
        }
    }
    let mut out = Vec::new();
    for (key, value) in params {
        walk(key.clone(), value, &mut out);
    }
    out
}

/// A spec's leaves by path.
pub(super) fn by_path(leaves: &[(String, Leaf)]) -> HashMap<&str, &Leaf> {
    leaves.iter().map(|(p, l)| (p.as_str(), l)).collect()
}

/// A range or value of a drawn param.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Bucket {
    /// Numbers at or above this (none: no lower end).
    low: Option<f64>,
    /// Numbers below this (none: no upper end).
    high: Option<f64>,
    /// One value: a number (as text), a text, or `None` with no ends: the param absent.
    value: Option<String>,
    number: Option<f64>,
}

impl Bucket {
    pub(super) fn label(&self, path: &str) -> String {
        let n = |x: f64| nnhw_core::format::number(x);
        match (&self.value, self.low, self.high) {
            (Some(v), _, _) => format!("{path} = {v}"),
            (None, Some(lo), Some(hi)) => format!("{} ≤ {path} < {}", n(lo), n(hi)),
            (None, Some(lo), None) => format!("{path} ≥ {}", n(lo)),
            (None, None, Some(hi)) => format!("{path} < {}", n(hi)),
            (None, None, None) => format!("no {path}"),
        }
    }

    pub(super) fn holds(&self, leaf: Option<&Leaf>) -> bool {
        match (leaf, &self.value) {
            (None, v) => v.is_none() && self.low.is_none() && self.high.is_none(),
            (Some(Leaf::Number(x)), Some(_)) => self.number == Some(*x),
            (Some(Leaf::Text(t)), Some(v)) => self.number.is_none() && t == v,
            (Some(Leaf::Number(x)), None) => {
                (self.low.is_some() || self.high.is_some())
                    && self.low.is_none_or(|lo| *x >= lo)
                    && self.high.is_none_or(|hi| *x < hi)
            }
            (Some(Leaf::Text(_)), None) => false,
        }
    }
}

pub(super) fn bucket_of(buckets: &[Bucket], leaf: Option<&Leaf>) -> usize {
    buckets
        .iter()
        .position(|b| b.holds(leaf))
        .unwrap_or(usize::MAX)
}

/// Most buckets of single values: a param with more distinct numbers is cut in ranges.
pub(super) const VALUES: usize = 6;

/// The params that differ between a problem's specs, each with its buckets: one per value
/// when it takes at most [`VALUES`] numbers (or is text), else four ranges about its
/// quartiles with 0 an edge when it takes both signs; and one for specs without it.
pub(super) fn drawn(specs: &[Vec<(String, Leaf)>]) -> Vec<(String, Vec<Bucket>)> {
    if specs.len() < 2 {
        return Vec::new();
    }
    let mut paths: Vec<&str> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for spec in specs {
        for (path, _) in spec {
            if paths.len() < MAX_LEAVES && seen.insert(path.as_str()) {
                paths.push(path);
            }
        }
    }
    let at: Vec<HashMap<&str, &Leaf>> = specs.iter().map(|s| by_path(s)).collect();
    let mut out = Vec::new();
    for path in paths {
        if out.len() >= MAX_PARAMS {
            break;
        }
        let values: Vec<Option<&Leaf>> = at.iter().map(|a| a.get(path).copied()).collect();
        if values.iter().all(|v| *v == values[0]) {
            continue;
        }
        let mut buckets = Vec::new();
        let mut numbers: Vec<f64> = values.iter().flatten().filter_map(|l| l.number()).collect();
        numbers.sort_by(f64::total_cmp);
        let mut distinct = numbers.clone();
        distinct.dedup();
        if distinct.len() <= VALUES {
            for &x in &distinct {
                buckets.push(Bucket {
                    low: None,
                    high: None,
                    value: Some(nnhw_core::format::number(x)),
                    number: Some(x),
                });
            }
        } else {
            for (low, high) in ranges(&numbers) {
                buckets.push(Bucket {
                    low,
                    high,
                    value: None,
                    number: None,
                });
            }
        }
        let mut texts: Vec<&str> = values
            .iter()
            .flatten()
            .filter_map(|l| match l {
                Leaf::Text(t) => Some(t.as_str()),
                Leaf::Number(_) => None,
            })
            .collect();
        texts.sort_unstable();
        texts.dedup();
        for t in texts.into_iter().take(2 * VALUES) {
            buckets.push(Bucket {
                low: None,
                high: None,
                value: Some(t.to_string()),
                number: None,
            });
        }
        if values.iter().any(Option::is_none) {
            buckets.push(Bucket {
                low: None,
                high: None,
                value: None,
                number: None,
            });
        }
        out.push((path.to_string(), buckets));
    }
    out
}

/// Four ranges about the quartiles of sorted `numbers` (0 an edge when they take both
/// signs), the first with no lower end and the last with no upper end.
pub(super) fn ranges(numbers: &[f64]) -> Vec<(Option<f64>, Option<f64>)> {
    let at = |q: f64| numbers[((numbers.len() - 1) as f64 * q).round() as usize];
    let (min, max) = (numbers[0], numbers[numbers.len() - 1]);
    let mut edges = if min < 0.0 && max > 0.0 {
        let negative: Vec<f64> = numbers.iter().copied().filter(|x| *x < 0.0).collect();
        let positive: Vec<f64> = numbers.iter().copied().filter(|x| *x > 0.0).collect();
        vec![
            negative[negative.len() / 2],
            0.0,
            positive[positive.len() / 2],
        ]
    } else {
        vec![at(0.25), at(0.5), at(0.75)]
    };
    // An edge at the least value would leave its range empty.
    edges.retain(|&e| e > min);
    edges.dedup();
    let mut out = Vec::with_capacity(edges.len() + 1);
    let mut low = None;
    for &e in &edges {
        out.push((low, Some(e)));
        low = Some(e);
    }
    out.push((low, None));
    out
}

/// Pearson's χ² test of independence on rows of (right, wrong) counts: the p-value,
/// over the rows with any count; `None` when there are fewer than two, or no right or no
/// wrong answer at all.
pub(super) fn independence(rows: &[[u64; 2]]) -> Option<f64> {
    let rows: Vec<[f64; 2]> = rows
        .iter()
        .filter(|[r, w]| r + w > 0)
        .map(|&[r, w]| [r as f64, w as f64])
        .collect();
    let columns = [
        rows.iter().map(|r| r[0]).sum::<f64>(),
        rows.iter().map(|r| r[1]).sum::<f64>(),
    ];
    let total = columns[0] + columns[1];
    if rows.len() < 2 || columns[0] == 0.0 || columns[1] == 0.0 {
        return None;
    }
    let statistic: f64 = rows
        .iter()
        .flat_map(|row| {
            let n = row[0] + row[1];
            (0..2).map(move |c| {
                let expected = n * columns[c] / total;
                (row[c] - expected).powi(2) / expected
            })
        })
        .sum();
    Some(chi_square_tail(statistic, (rows.len() - 1) as f64))
}

/// P(χ² with `k` degrees of freedom ≥ `x`): the regularized upper incomplete gamma
/// function Q(k/2, x/2), by its series below a + 1 and its continued fraction above
/// (Numerical Recipes, 6.2).
pub(super) fn chi_square_tail(x: f64, k: f64) -> f64 {
    if x.is_nan() || x <= 0.0 {
        return 1.0;
    }
    let (a, x) = (k / 2.0, x / 2.0);
    let front = (-x + a * x.ln() - ln_gamma(a)).exp();
    let q = if x < a + 1.0 {
        let (mut term, mut sum) = (1.0 / a, 1.0 / a);
        for n in 1..1000 {
            term *= x / (a + f64::from(n));
            sum += term;
            if term < sum * 1e-15 {
                break;
            }
        }
        1.0 - sum * front
    } else {
        const TINY: f64 = 1e-300;
        let mut b = x + 1.0 - a;
        let mut c = 1.0 / TINY;
        let mut d = 1.0 / b;
        let mut h = d;
        for i in 1..1000 {
            let i = f64::from(i);
            let an = -i * (i - a);
            b += 2.0;
            d = an * d + b;
            if d.abs() < TINY {
                d = TINY;
            }
            c = b + an / c;
            if c.abs() < TINY {
                c = TINY;
            }
            d = 1.0 / d;
            let step = d * c;
            h *= step;
            if (step - 1.0).abs() < 1e-15 {
                break;
            }
        }
        front * h
    };
    q.clamp(0.0, 1.0)
}

/// ln Γ(z) for z > 0 (Lanczos, g = 7, nine terms: about 15 digits).
pub(super) fn ln_gamma(z: f64) -> f64 {
    const G: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if z < 0.5 {
        // Reflection: Γ(z) Γ(1 − z) = π / sin(πz).
        return (std::f64::consts::PI / (std::f64::consts::PI * z).sin()).ln() - ln_gamma(1.0 - z);
    }
    let z = z - 1.0;
    let mut sum = G[0];
    for (i, g) in G.iter().enumerate().skip(1) {
        sum += g / (z + i as f64);
    }
    let t = z + 7.5;
    0.5 * (2.0 * std::f64::consts::PI).ln() + (z + 0.5) * t.ln() - t + sum.ln()
}
