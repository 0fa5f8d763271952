//! A spec's `[variants]` table: which params are drawn afresh for each student, and how.
//!
//! ```toml
//! [variants]
//! x = { bits = [5, 7] }                        # 0/1 sequence of 5 to 7 steps
//! "layers[0].bias" = { integers = [-3, -1] }   # every number in the list, each drawn
//! w1 = { numbers = [-1, 1], decimals = 2 }     # uniform, to 2 decimals
//! betas = { choice = [[1, 3], [2, 5]] }        # one of the listed values
//! ```
//!
//! Keys are paths into `[params]` and must name a value that is there (the original's
//! value is what a draw replaces; `integers` and `numbers` keep its shape). Entries are
//! drawn in key order from the generator they are handed, so a draw depends only on
//! the generator's seed. This module reads, checks and applies the table; choosing seeds,
//! refusing unfit draws and writing variant specs is the nnhw-variants crate's job.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;
use toml::de::DeValue;

use crate::rng::Rng;
use crate::spec::{Document, Segment, split_path};
use crate::{FieldError, SpecError};

/// Most entries a `[variants]` table may have.
pub const MAX_ENTRIES: usize = 64;
/// Most values a `choice` may list.
pub const MAX_CHOICES: usize = 1000;
/// Longest `bits` sequence.
pub const MAX_BITS: i64 = 1000;
/// Largest |bound| of an `integers` range (its values stay exact as f64).
pub const MAX_INTEGER: i64 = 1_000_000_000;
/// Most decimals a `numbers` draw may have.
pub const MAX_DECIMALS: u32 = 6;

/// The `[variants]` table, read and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Variants {
    /// One entry per drawn path, in key order.
    pub draws: Vec<Draw>,
}

/// One entry: a path into `[params]` and how its value is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Draw {
    /// The path as the table's key writes it (`layers[0].bias`).
    pub path: String,
    /// How the value is drawn.
    pub how: How,
}

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
struct Entry {
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

impl Variants {
    /// Reads `[variants]` from a spec, `None` when it has none. Every key must name a
    /// value in `[params]` that its draw can replace.
    pub fn read(doc: &Document<'_>) -> Result<Option<Variants>, SpecError> {
        let Some(table) = doc.top("variants") else {
            return Ok(None);
        };
        let DeValue::Table(entries) = table.get_ref() else {
            return Err(doc.locate(at(
                "variants",
                table.span(),
                "must be a table: write [variants] and one line per drawn param below it",
            )));
        };
        if entries.is_empty() {
            return Err(doc.locate(at(
                "variants",
                table.span(),
                "empty: give at least one param to draw, e.g. x = { integers = [-3, 3] }",
            )));
        }
        if entries.len() > MAX_ENTRIES {
            return Err(doc.locate(at(
                "variants",
                table.span(),
                format!(
                    "{} entries; at most {MAX_ENTRIES} params may be drawn",
                    entries.len()
                ),
            )));
        }
        #[derive(Deserialize)]
        struct Whole {
            params: toml::Table,
            variants: BTreeMap<String, toml::Value>,
        }
        let whole: Whole = doc.deserialize().map_err(|e| doc.locate(e))?;
        let mut draws = Vec::new();
        for (key, raw) in &whole.variants {
            let spanned = entries
                .iter()
                .find(|(k, _)| k.get_ref() == key)
                .map(|(_, v)| v);
            let span = spanned.map_or_else(|| table.span(), Spanned::span);
            let field = field_name(key);
            let sub_span = |name: &str| match spanned.map(Spanned::get_ref) {
                Some(DeValue::Table(t)) => t
                    .iter()
                    .find(|(k, _)| k.get_ref() == name)
                    .map_or_else(|| span.clone(), |(_, v)| v.span()),
                _ => span.clone(),
            };
            let entry = Entry::deserialize(raw.clone()).map_err(|e| {
                doc.locate(at(
                    &field,
                    span.clone(),
                    format!(
                        "{}; write e.g. {{ integers = [-3, 3] }}, {{ numbers = [0, 1], decimals = 2 }}, {{ choice = [1, 2] }} or {{ bits = 6 }}",
                        e.message().trim()
                    ),
                ))
            })?;
            let how = how(&entry).map_err(|(sub, message)| {
                let path = if sub.is_empty() {
                    field.clone()
                } else {
                    format!("{field}.{sub}")
                };
                doc.locate(at(&path, sub_span(sub), message))
            })?;
            let target = find(&whole.params, key).ok_or_else(|| {
                doc.locate(at(
                    &field,
                    span.clone(),
                    format!(
                        "params.{} is not in [params]: a draw replaces a value the spec gives",
                        crate::text::one_line(key, 60)
                    ),
                ))
            })?;
            if matches!(how, How::Integers { .. } | How::Numbers { .. }) && !all_numbers(target) {
                return Err(doc.locate(at(
                    &field,
                    span.clone(),
                    format!(
                        "params.{} is {}, not a number or a list of numbers: use choice to draw it",
                        crate::text::one_line(key, 60),
                        target.type_str()
                    ),
                )));
            }
            draws.push(Draw {
                path: key.clone(),
                how,
            });
        }
        Ok(Some(Variants { draws }))
    }

    /// Draws every entry into `params` (a copy of the spec's `[params]`).
    pub fn draw(&self, params: &mut toml::Table, rng: &mut Rng) {
        for draw in &self.draws {
            if let Some(target) = find_mut(params, &draw.path) {
                draw.how.replace(target, rng);
            }
        }
    }
}

impl How {
    fn replace(&self, target: &mut toml::Value, rng: &mut Rng) {
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

fn all_numbers(value: &toml::Value) -> bool {
    match value {
        toml::Value::Array(items) => !items.is_empty() && items.iter().all(all_numbers),
        toml::Value::Integer(_) | toml::Value::Float(_) => true,
        _ => false,
    }
}

/// Checks an entry; errors name the sub-field (`integers`) or none.
fn how(entry: &Entry) -> Result<How, (&'static str, String)> {
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

/// `variants.x`, or `variants."layers[0].bias"` when the key is not a bare name.
fn field_name(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare {
        format!("variants.{key}")
    } else {
        format!("variants.\"{}\"", crate::text::one_line(key, 60))
    }
}

fn at(path: &str, span: Range<usize>, message: impl Into<String>) -> FieldError {
    FieldError {
        path: path.to_string(),
        message: message.into(),
        span: Some(span),
    }
}

/// The value at `path` (`layers[0].bias`) under `params`.
pub fn find<'t>(params: &'t toml::Table, path: &str) -> Option<&'t toml::Value> {
    let mut segments = split_path(path).into_iter();
    let Some(Segment::Key(first)) = segments.next() else {
        return None;
    };
    let mut node = params.get(first)?;
    for segment in segments {
        node = match (node, segment) {
            (toml::Value::Table(t), Segment::Key(k)) => t.get(k)?,
            (toml::Value::Array(a), Segment::Index(i)) => a.get(i)?,
            _ => return None,
        };
    }
    Some(node)
}

fn find_mut<'t>(params: &'t mut toml::Table, path: &str) -> Option<&'t mut toml::Value> {
    let mut segments = split_path(path).into_iter();
    let Some(Segment::Key(first)) = segments.next() else {
        return None;
    };
    let mut node = params.get_mut(first)?;
    for segment in segments {
        node = match (node, segment) {
            (toml::Value::Table(t), Segment::Key(k)) => t.get_mut(k)?,
            (toml::Value::Array(a), Segment::Index(i)) => a.get_mut(i)?,
            _ => return None,
        };
    }
    Some(node)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Option<Variants>, SpecError> {
        let doc = Document::parse("t.toml", text).unwrap();
        Variants::read(&doc)
    }

    const SPEC: &str =
        "kind = \"k\"\n[params]\nx = [1, 0, 1]\nw = 2.5\n[[params.layers]]\nbias = [1, 2]\n";

    #[test]
    fn draws_keep_shape_and_range_and_repeat_with_the_seed() {
        let text = format!(
            "{SPEC}[variants]\nx = {{ bits = [2, 4] }}\nw = {{ numbers = [-1, 1], decimals = 1, except = [0] }}\n\"layers[0].bias\" = {{ integers = [-3, 3] }}\n"
        );
        let variants = read(&text).unwrap().unwrap();
        let doc = Document::parse("t.toml", &text).unwrap();
        #[derive(Deserialize)]
        struct P {
            params: toml::Table,
        }
        let base: P = doc.deserialize().unwrap();
        let drawn = |seed| {
            let mut params = base.params.clone();
            variants.draw(&mut params, &mut Rng::new(seed));
            params
        };
        for seed in 0..200 {
            let p = drawn(seed);
            let x = p["x"].as_array().unwrap();
            assert!((2..=4).contains(&x.len()));
            assert!(x.iter().all(|b| matches!(b.as_integer(), Some(0 | 1))));
            let w = p["w"].as_float().unwrap();
            assert!((-1.0..=1.0).contains(&w) && w != 0.0);
            assert!(format!("{w}").len() <= 4, "{w} has one decimal");
            let bias = find(&p, "layers[0].bias").unwrap().as_array().unwrap();
            assert_eq!(bias.len(), 2);
            assert!(
                bias.iter()
                    .all(|b| (-3..=3).contains(&b.as_integer().unwrap()))
            );
            assert_eq!(p, drawn(seed));
        }
        assert_ne!(drawn(1), drawn(2));
    }

    #[test]
    fn bad_tables_are_located_at_their_entry() {
        let cases = [
            ("x = { integers = [3, 1] }", "variants.x.integers", 18),
            ("y = { bits = 3 }", "variants.y", 5),
            ("w = { choice = [[1, 2]] , bits = 2 }", "variants.w", 5),
            (
                "w = { integers = [0, 0], except = [0] }",
                "variants.w.except",
                35,
            ),
            (
                "\"layers[0].bias\" = { bits = 0 }",
                "variants.\"layers[0].bias\".bits",
                29,
            ),
            (
                "w = { numbers = [0.01, 0.02], decimals = 1 }",
                "variants.w.numbers",
                17,
            ),
            (
                "\"layers[0]\" = { integers = [1, 2] }",
                "variants.\"layers[0]\"",
                15,
            ),
            ("w = { integers = [1, 2], typo = 1 }", "variants.w", 5),
        ];
        for (line, field, column) in cases {
            let e = read(&format!("{SPEC}[variants]\n{line}\n")).unwrap_err();
            assert_eq!(e.field, field, "{line}: {e}");
            assert_eq!(e.location, Some((8, column)), "{line}: {e}");
        }
        assert!(read(SPEC).unwrap().is_none());
    }
}
