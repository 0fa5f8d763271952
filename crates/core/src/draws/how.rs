//! How one `[variants]` entry draws its value: reading and checking an entry, and
//! drawing from it.

use serde::Deserialize;

use super::{MAX_BITS, MAX_CHOICES, MAX_DECIMALS, MAX_INTEGER};
use crate::rng::Rng;

/// How a value is drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum How {
    /// Integers uniform in lo..=hi, except the listed ones; every number of the
    /// original value is drawn, keeping its shape.
    Integers {
        /// Smallest value.
        lo: i64,
        /// Largest value.
        hi: i64,
        /// Values never drawn (0 for a weight that must not vanish).
        except: Vec<i64>,
    },
    /// Numbers k·10^−decimals uniform over the ones in lo..=hi, except the listed ones.
    Numbers {
        /// Smallest k.
        lo: i64,
        /// Largest k.
        hi: i64,
        /// Decimals of each value.
        decimals: u32,
        /// Values of k never drawn.
        except: Vec<i64>,
    },
    /// One of the listed values, whole.
    Choice(Vec<toml::Value>),
    /// A sequence of 0s and 1s whose length is uniform in min..=max.
    Bits {
        /// Shortest length.
        min: usize,
        /// Longest length.
        max: usize,
    },
}

/// An entry as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Entry {
    integers: Option<[i64; 2]>,
    numbers: Option<[f64; 2]>,
    decimals: Option<u32>,
    choice: Option<Vec<toml::Value>>,
    bits: Option<BitsLength>,
    except: Option<Vec<f64>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum BitsLength {
    Exactly(i64),
    Between([i64; 2]),
}

impl How {
    pub(super) fn replace(&self, target: &mut toml::Value, rng: &mut Rng) {
        match self {
            How::Integers { lo, hi, except } => each_number(target, &mut || {
                toml::Value::Integer(uniform(rng, *lo, *hi, except))
            }),
            How::Numbers {
                lo,
                hi,
                decimals,
                except,
            } => each_number(target, &mut || {
                let k = uniform(rng, *lo, *hi, except);
                // k / 10^d is the double nearest the decimal, so it prints as written.
                toml::Value::Float(k as f64 / 10f64.powi(*decimals as i32))
            }),
            How::Choice(values) => {
                let i = rng.below(values.len() as u64) as usize;
                *target = values[i].clone();
            }
            How::Bits { min, max } => {
                let length = *min + rng.below((max - min + 1) as u64) as usize;
                *target = toml::Value::Array(
                    (0..length)
                        .map(|_| toml::Value::Integer(rng.below(2) as i64))
                        .collect(),
                );
            }
        }
    }
}

impl How {
    /// How many distinct values this entry can give `target` (the original's value, whose
    /// shape a draw keeps), saturating at `u64::MAX`.
    pub fn count(&self, target: &toml::Value) -> u64 {
        match self {
            How::Integers { lo, hi, except } | How::Numbers { lo, hi, except, .. } => {
                let each = allowed(*lo, *hi, except);
                each.checked_pow(numbers_in(target)).unwrap_or(u64::MAX)
            }
            How::Choice(values) => values.len() as u64,
            How::Bits { min, max } => (*min..=*max).fold(0u64, |sum, length| {
                let this = u32::try_from(length)
                    .ok()
                    .and_then(|l| 1u64.checked_shl(l))
                    .filter(|_| length < 64)
                    .unwrap_or(u64::MAX);
                sum.saturating_add(this)
            }),
        }
    }

    /// Sets `target` to this entry's value number `k` (below [`How::count`]): every value
    /// the entry can draw is some `k`.
    pub(super) fn set_nth(&self, target: &mut toml::Value, mut k: u64) {
        match self {
            How::Integers { lo, hi, except } => {
                let each = allowed(*lo, *hi, except).max(1);
                each_number(target, &mut || {
                    let v = nth_allowed(*lo, except, k % each);
                    k /= each;
                    toml::Value::Integer(v)
                });
            }
            How::Numbers {
                lo,
                hi,
                decimals,
                except,
            } => {
                let each = allowed(*lo, *hi, except).max(1);
                each_number(target, &mut || {
                    let v = nth_allowed(*lo, except, k % each);
                    k /= each;
                    toml::Value::Float(v as f64 / 10f64.powi(*decimals as i32))
                });
            }
            How::Choice(values) => {
                if let Some(v) = values.get(k as usize) {
                    *target = v.clone();
                }
            }
            How::Bits { min, max } => {
                for length in *min..=*max {
                    let this = if length < 64 {
                        1u64 << length
                    } else {
                        u64::MAX
                    };
                    if k < this {
                        *target = toml::Value::Array(
                            (0..length)
                                .map(|i| toml::Value::Integer(((k >> i.min(63)) & 1) as i64))
                                .collect(),
                        );
                        return;
                    }
                    k -= this;
                }
            }
        }
    }
}

/// How many numbers a draw replaces in `value`.
fn numbers_in(value: &toml::Value) -> u32 {
    match value {
        toml::Value::Array(items) => items
            .iter()
            .fold(0u32, |n, v| n.saturating_add(numbers_in(v))),
        toml::Value::Integer(_) | toml::Value::Float(_) => 1,
        _ => 0,
    }
}

/// How many of lo..=hi are not in `except`.
fn allowed(lo: i64, hi: i64, except: &[i64]) -> u64 {
    let mut excluded: Vec<i64> = except
        .iter()
        .copied()
        .filter(|e| (lo..=hi).contains(e))
        .collect();
    excluded.sort_unstable();
    excluded.dedup();
    ((hi - lo) as u64 + 1).saturating_sub(excluded.len() as u64)
}

/// The `j`-th of lo, lo + 1, … that is not in `except`.
fn nth_allowed(lo: i64, except: &[i64], j: u64) -> i64 {
    let mut excluded: Vec<i64> = except.iter().copied().filter(|&e| e >= lo).collect();
    excluded.sort_unstable();
    excluded.dedup();
    let mut v = lo + j as i64;
    for e in excluded {
        if e <= v {
            v += 1;
        }
    }
    v
}

/// Uniform over lo..=hi without `except`; the table was checked to leave some value.
fn uniform(rng: &mut Rng, lo: i64, hi: i64, except: &[i64]) -> i64 {
    let span = (hi - lo) as u64 + 1;
    loop {
        let v = lo + rng.below(span) as i64;
        if !except.contains(&v) {
            return v;
        }
    }
}

fn each_number(value: &mut toml::Value, draw: &mut dyn FnMut() -> toml::Value) {
    match value {
        toml::Value::Array(items) => items.iter_mut().for_each(|v| each_number(v, draw)),
        toml::Value::Integer(_) | toml::Value::Float(_) => *value = draw(),
        _ => {}
    }
}

pub(super) fn all_numbers(value: &toml::Value) -> bool {
    match value {
        toml::Value::Array(items) => !items.is_empty() && items.iter().all(all_numbers),
        toml::Value::Integer(_) | toml::Value::Float(_) => true,
        _ => false,
    }
}

/// Checks an entry; errors name the sub-field (`integers`) or none.
pub(super) fn how(entry: &Entry) -> Result<How, (&'static str, String)> {
    let given = [
        entry.integers.is_some(),
        entry.numbers.is_some(),
        entry.choice.is_some(),
        entry.bits.is_some(),
    ];
    if given.iter().filter(|&&g| g).count() != 1 {
        return Err((
            "",
            "give exactly one of integers, numbers, choice or bits".into(),
        ));
    }
    if entry.decimals.is_some() && entry.numbers.is_none() {
        return Err(("decimals", "decimals goes with numbers".into()));
    }
    if entry.except.is_some() && entry.integers.is_none() && entry.numbers.is_none() {
        return Err(("except", "except goes with integers or numbers".into()));
    }
    let except = entry.except.clone().unwrap_or_default();
    if except.iter().any(|x| !x.is_finite()) {
        return Err(("except", "every number must be finite".into()));
    }
    if let Some([lo, hi]) = entry.integers {
        if lo > hi || lo.abs() > MAX_INTEGER || hi.abs() > MAX_INTEGER {
            return Err((
                "integers",
                format!(
                    "[{lo}, {hi}] must be [low, high] with low ≤ high, both within ±{MAX_INTEGER}"
                ),
            ));
        }
        let except: Vec<i64> = except
            .iter()
            .filter(|x| x.fract() == 0.0)
            .map(|&x| x as i64)
            .collect();
        return leaves_some(lo, hi, &except)
            .then_some(How::Integers { lo, hi, except })
            .ok_or(("except", format!("excludes every integer in [{lo}, {hi}]")));
    }
    if let Some([lo, hi]) = entry.numbers {
        let decimals = entry.decimals.unwrap_or(2);
        if decimals > MAX_DECIMALS {
            return Err((
                "decimals",
                format!("{decimals} decimals; at most {MAX_DECIMALS}"),
            ));
        }
        let scale = 10f64.powi(decimals as i32);
        let bound = MAX_INTEGER as f64;
        if !(lo.is_finite() && hi.is_finite() && lo <= hi && lo.abs() <= bound && hi.abs() <= bound)
        {
            return Err((
                "numbers",
                format!(
                    "[{lo}, {hi}] must be [low, high] with low ≤ high, both within ±{MAX_INTEGER}"
                ),
            ));
        }
        let (k_lo, k_hi) = ((lo * scale).ceil() as i64, (hi * scale).floor() as i64);
        if k_lo > k_hi {
            return Err((
                "numbers",
                format!(
                    "[{lo}, {hi}] holds no number with {}",
                    crate::format::count(decimals as usize, "decimal", "decimals")
                ),
            ));
        }
        let except: Vec<i64> = except
            .iter()
            .map(|x| x * scale)
            .filter(|k| (k - k.round()).abs() < 1e-6)
            .map(|k| k.round() as i64)
            .collect();
        return leaves_some(k_lo, k_hi, &except)
            .then_some(How::Numbers {
                lo: k_lo,
                hi: k_hi,
                decimals,
                except,
            })
            .ok_or(("except", format!("excludes every number in [{lo}, {hi}]")));
    }
    if let Some(values) = &entry.choice {
        if values.is_empty() || values.len() > MAX_CHOICES {
            return Err((
                "choice",
                format!("lists {} values; give 1 to {MAX_CHOICES}", values.len()),
            ));
        }
        if values.iter().any(|v| !finite(v)) {
            return Err(("choice", "every number must be finite".into()));
        }
        return Ok(How::Choice(values.clone()));
    }
    let (min, max) = match entry.bits {
        Some(BitsLength::Exactly(n)) => (n, n),
        Some(BitsLength::Between([lo, hi])) => (lo, hi),
        None => (0, -1),
    };
    if !(1 <= min && min <= max && max <= MAX_BITS) {
        return Err((
            "bits",
            format!("a length from 1 to {MAX_BITS}, or [shortest, longest] within it"),
        ));
    }
    Ok(How::Bits {
        min: min as usize,
        max: max as usize,
    })
}

fn leaves_some(lo: i64, hi: i64, except: &[i64]) -> bool {
    let mut inside: Vec<i64> = except
        .iter()
        .copied()
        .filter(|x| (lo..=hi).contains(x))
        .collect();
    inside.sort_unstable();
    inside.dedup();
    (inside.len() as u64) < (hi - lo) as u64 + 1
}

fn finite(value: &toml::Value) -> bool {
    match value {
        toml::Value::Float(f) => f.is_finite(),
        toml::Value::Array(items) => items.iter().all(finite),
        toml::Value::Table(t) => t.values().all(finite),
        _ => true,
    }
}
