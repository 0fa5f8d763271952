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

mod how;

pub use how::How;
use how::{Entry, all_numbers, how};

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;
use toml::de::DeValue;

use crate::document::{Document, Segment, split_path};
use crate::rng::Rng;
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
pub struct Draws {
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
impl Draws {
    /// Reads `[variants]` from a spec, `None` when it has none. Every key must name a
    /// value in `[params]` that its draw can replace.
    pub fn read(doc: &Document<'_>) -> Result<Option<Draws>, SpecError> {
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
                        crate::text::one_line(e.message().trim(), 120)
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
        Ok(Some(Draws { draws }))
    }

    /// How many different `[params]` the table can draw from `params` (the spec's): the
    /// product of each entry's [`How::count`], saturating at `u64::MAX`.
    pub fn count(&self, params: &toml::Table) -> u64 {
        self.draws.iter().fold(1u64, |product, draw| {
            let each = find(params, &draw.path).map_or(1, |target| draw.how.count(target));
            product.saturating_mul(each)
        })
    }

    /// Sets `params` (a copy of the spec's) to the table's draw number `index`, below
    /// [`Draws::count`]: enumerating every index gives every draw once.
    pub fn nth(&self, params: &mut toml::Table, mut index: u64) {
        for draw in &self.draws {
            if let Some(target) = find_mut(params, &draw.path) {
                let each = draw.how.count(target).max(1);
                draw.how.set_nth(target, index % each);
                index /= each;
            }
        }
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

    fn read(text: &str) -> Result<Option<Draws>, SpecError> {
        let doc = Document::parse("t.toml", text).unwrap();
        Draws::read(&doc)
    }

    const SPEC: &str =
        "kind = \"k\"\n[params]\nx = [1, 0, 1]\nw = 2.5\n[[params.layers]]\nbias = [1, 2]\n";

    /// Counting and enumerating agree with drawing: every index gives a different draw,
    /// and every seeded draw is one of them.
    #[test]
    fn every_draw_is_counted_and_enumerated_once() {
        let text = format!(
            "{SPEC}[variants]\nx = {{ bits = [1, 3] }}\nw = {{ numbers = [-0.2, 0.2], decimals = 1, except = [0, -0.1] }}\n\"layers[0].bias\" = {{ integers = [-1, 1], except = [0] }}\n"
        );
        let variants = read(&text).unwrap().unwrap();
        let doc = Document::parse("t.toml", &text).unwrap();
        #[derive(Deserialize)]
        struct P {
            params: toml::Table,
        }
        let base: P = doc.deserialize().unwrap();
        // (2 + 4 + 8) bit sequences × 3 values of w × 2² biases.
        assert_eq!(variants.count(&base.params), 14 * 3 * 4);
        let every: std::collections::BTreeSet<String> = (0..variants.count(&base.params))
            .map(|i| {
                let mut params = base.params.clone();
                variants.nth(&mut params, i);
                params.to_string()
            })
            .collect();
        assert_eq!(every.len(), 14 * 3 * 4);
        for seed in 0..300 {
            let mut params = base.params.clone();
            variants.draw(&mut params, &mut Rng::new(seed));
            assert!(every.contains(&params.to_string()), "{params}");
        }
        let wide = read(&format!("{SPEC}[variants]\nx = {{ bits = [1, 1000] }}\n"))
            .unwrap()
            .unwrap();
        assert_eq!(wide.count(&base.params), u64::MAX);
    }

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
