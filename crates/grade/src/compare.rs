//! Comparing a given value with an answer, by the answer's structure: numbers under the
//! tolerance, lists element by element, sets in any order, formulas as functions, lines
//! in any equivalent form and order, a polygon's corners from any corner in either
//! direction.

use nnhw_core::{Formula, Tolerance, Value};

use crate::formula::{Agreement, agree};
use crate::given::Given;
use crate::read::{self, Unreadable};

// Lines and polygons: the same misses, found by matching rather than by position.
mod geometry;

/// One way a given value differs from the answer, at one place in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Miss {
    /// Where (`[1]`, or empty for the whole).
    pub at: String,
    /// The given value as it was read.
    pub given: String,
    /// The answer there, for a key's author or `--reveal`; never shown otherwise.
    pub reference: String,
    /// How it differs.
    pub why: Why,
}

/// How a given value differs from the answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Why {
    /// A number too far off: by `distance`, where `allowed` was allowed.
    Number {
        /// |given − answer|.
        distance: f64,
        /// What the tolerance allows.
        allowed: f64,
        /// The numbers themselves, for hints.
        given: f64,
        /// The answer's.
        reference: f64,
    },
    /// A different function; `unknown` are names it uses that the answer does not.
    Formula {
        /// Names the answer does not use.
        unknown: Vec<String>,
    },
    /// A formula whose left side names something else.
    LeftSide,
    /// A different choice, yes/no or text.
    Other,
    /// A different selection of options, or of numbers.
    Set,
    /// A line that is none of the answer's.
    Line,
    /// A corner that is not one of the region's.
    Corner,
    /// The right corners, not in order around the region.
    Order,
    /// A different number of corners.
    Corners,
}

/// The given value as it was read, and how it differs from the answer (nothing: right).
#[derive(Debug, Clone, PartialEq)]
pub struct Compared {
    /// The whole value as read: `[e^15/(e^15 + 1), 1/(e^15 + 1)]`.
    pub read_as: String,
    /// Every difference found.
    pub misses: Vec<Miss>,
}

/// Compares `given` with `answer`.
pub fn compare(
    answer: &Value,
    given: &Given,
    tolerance: &Tolerance,
) -> Result<Compared, Unreadable> {
    let mut misses = Vec::new();
    let read_as = at(answer, given, tolerance, "", &mut misses)?;
    Ok(Compared { read_as, misses })
}

fn at(
    answer: &Value,
    given: &Given,
    tolerance: &Tolerance,
    path: &str,
    misses: &mut Vec<Miss>,
) -> Result<String, Unreadable> {
    match answer {
        Value::Number(want) => {
            let (got, shown) = read::number(given, path)?;
            if !tolerance.accepts(got, *want) {
                misses.push(Miss {
                    at: path.into(),
                    given: shown.clone(),
                    reference: nnhw_core::format::number(*want),
                    why: Why::Number {
                        distance: (got - want).abs(),
                        allowed: tolerance.allowed(*want),
                        given: got,
                        reference: *want,
                    },
                });
            }
            Ok(shown)
        }
        // A count is judged as the number it is.
        Value::Count(n) => at(&Value::Number(*n as f64), given, tolerance, path, misses),
        Value::List(items) => list(items, given, tolerance, path, misses),
        Value::Set(items) => set(items, given, tolerance, path, misses),
        Value::Bool(want) => {
            let got = read::boolean(given, path)?;
            if got != *want {
                misses.push(other(path, got.to_string(), want.to_string()));
            }
            Ok(got.to_string())
        }
        Value::Choice(choice) => {
            let got = read::option(given, &choice.options, path)?;
            let name = choice.options[got].name.clone();
            if got != choice.chosen {
                misses.push(other(path, name.clone(), choice.option().name.clone()));
            }
            Ok(name)
        }
        Value::Text(want) => {
            let got = read::text_of(given, path, "text")?;
            if crate::choice::fold(got) != crate::choice::fold(want) {
                misses.push(other(path, got.to_string(), want.clone()));
            }
            Ok(got.to_string())
        }
        Value::Formula(formula) => self::formula(formula, given, path, misses),
        Value::Lines(lines) => geometry::lines(lines, given, tolerance, path, misses),
        Value::Polygon(polygon) => geometry::polygon(polygon, given, tolerance, path, misses),
    }
}

fn other(path: &str, given: String, reference: String) -> Miss {
    Miss {
        at: path.into(),
        given,
        reference,
        why: Why::Other,
    }
}

/// The entries of a given list; a single value stands for a one-entry list.
pub(crate) fn entries<'g>(
    given: &'g Given,
    want: usize,
    path: &str,
    what: &str,
) -> Result<Vec<&'g Given>, Unreadable> {
    match given {
        Given::List { items, .. } if items.len() == want => Ok(items.iter().collect()),
        Given::List { items, .. }
            if let Some(k) = items
                .iter()
                .position(|i| matches!(i, Given::Text { text, .. } if text.is_empty())) =>
        {
            Err(Unreadable::new(
                &format!("{path}[{k}]"),
                "this entry is empty: is there a comma too many?",
            ))
        }
        Given::List { items, .. } => {
            let numbers = |text: &str| {
                let parts: Vec<&str> = text.split_whitespace().collect();
                parts.len() > 1 && parts.iter().all(|p| p.parse::<f64>().is_ok())
            };
            let spaced = items
                .iter()
                .any(|i| matches!(i, Given::Text { text, .. } if numbers(text)));
            let hint = if spaced && items.len() < want {
                "separate the entries with commas: [a, b, c]"
            } else {
                "write a list as [a, b, c]"
            };
            Err(Unreadable::new(
                path,
                format!(
                    "{} given, but this answer has {want} ({what}): {hint}",
                    nnhw_core::format::count(items.len(), "entry", "entries")
                ),
            ))
        }
        single if want == 1 => Ok(vec![single]),
        Given::Text { text, .. } if text.contains(',') => Err(Unreadable::new(
            path,
            format!("this answer is a list of {want}: put its entries in brackets, [a, b, c]"),
        )),
        _ => Err(Unreadable::new(
            path,
            format!("one value, but this answer is a list of {want}: write it as [a, b, c]"),
        )),
    }
}

fn list(
    items: &[Value],
    given: &Given,
    tolerance: &Tolerance,
    path: &str,
    misses: &mut Vec<Miss>,
) -> Result<String, Unreadable> {
    let givens = entries(
        given,
        items.len(),
        path,
        "its length is part of the question",
    )?;
    let mut shown = Vec::with_capacity(items.len());
    for (i, (item, g)) in items.iter().zip(givens).enumerate() {
        shown.push(at(item, g, tolerance, &format!("{path}[{i}]"), misses)?);
    }
    Ok(format!("[{}]", shown.join(", ")))
}

/// The entries of a given set: a list, `a, b` without brackets, or a single value.
fn set_entries(given: &Given) -> Vec<Given> {
    match given {
        Given::List { items, .. } => items.clone(),
        Given::Text { text, at } => match crate::given::bare_list(text, *at) {
            Some(parts) => parts
                .into_iter()
                .map(|(text, at)| Given::Text { text, at })
                .collect(),
            None if text.is_empty() => Vec::new(),
            None => vec![given.clone()],
        },
        other => vec![other.clone()],
    }
}

fn set(
    items: &[Value],
    given: &Given,
    tolerance: &Tolerance,
    path: &str,
    misses: &mut Vec<Miss>,
) -> Result<String, Unreadable> {
    let givens = set_entries(given);
    // Each entry is read against the first item it could be (all items share a type).
    let mut shown = Vec::with_capacity(givens.len());
    let mut right = vec![vec![false; items.len()]; givens.len()];
    for (k, g) in givens.iter().enumerate() {
        let place = format!("{path}[{k}]");
        let mut read_as = None;
        for (i, item) in items.iter().enumerate() {
            let compared = compare(item, g, tolerance).map_err(|mut u| {
                u.at = place.clone();
                u
            })?;
            right[k][i] = compared.misses.is_empty();
            read_as.get_or_insert(compared.read_as);
        }
        shown.push(match read_as {
            Some(s) => s,
            None => read_alone(g, &place)?,
        });
    }
    // Options picked twice (`[a, a, b]`) are one selection.
    let mut distinct = givens.len();
    if items.iter().all(|i| matches!(i, Value::Choice(_))) {
        let mut seen: Vec<&String> = Vec::new();
        let mut keep = Vec::new();
        for (k, s) in shown.iter().enumerate() {
            if !seen.contains(&s) {
                seen.push(s);
                keep.push(right[k].clone());
            }
        }
        distinct = keep.len();
        right = keep;
    }
    let read_as = format!("[{}]", shown.join(", "));
    if distinct != items.len() || pairs(&right, items.len()) < items.len() {
        misses.push(Miss {
            at: path.into(),
            given: read_as.clone(),
            reference: format!(
                "[{}]",
                items
                    .iter()
                    .map(nnhw_core::render::value_text)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            why: Why::Set,
        });
    }
    Ok(read_as)
}

/// An entry given where the answer's set is empty: still read, so garbage is unusable.
fn read_alone(g: &Given, place: &str) -> Result<String, Unreadable> {
    read::text_of(g, place, "an entry").map(str::to_string)
}

/// The most pairs (given k, item i) with `ok[k][i]`, each used once (Kuhn's matching).
pub(crate) fn pairs(ok: &[Vec<bool>], items: usize) -> usize {
    fn augment(k: usize, ok: &[Vec<bool>], seen: &mut [bool], owner: &mut [Option<usize>]) -> bool {
        for i in 0..owner.len() {
            if ok[k][i] && !seen[i] {
                seen[i] = true;
                if owner[i].is_none_or(|other| augment(other, ok, seen, owner)) {
                    owner[i] = Some(k);
                    return true;
                }
            }
        }
        false
    }
    let mut owner = vec![None; items];
    (0..ok.len())
        .filter(|&k| augment(k, ok, &mut vec![false; items], &mut owner))
        .count()
}

fn formula(
    formula: &Formula,
    given: &Given,
    path: &str,
    misses: &mut Vec<Miss>,
) -> Result<String, Unreadable> {
    let (reference, context) = read::reference(formula)?;
    let g = read::formula(given, &context, path)?;
    let rhs = reference.value();
    let unknown = read::unknown_names(&g, &reference);
    let judge = |expr, want| match agree(&g, expr, &reference, want) {
        Agreement::Same => Ok(true),
        Agreement::Differs => Ok(false),
        Agreement::Undecided => Err(Unreadable::new(
            path,
            "this formula cannot be judged: where the answer is defined it divides by 0, overflows, or loses every digit to rounding (huge terms that cancel?); write it more simply",
        )),
    };
    let sides = &g.sides;
    let (lhs_ok, rest) = match (reference.lhs(), sides.len()) {
        (Some(want), n) if n > 1 => (judge(&sides[0], want)?, &sides[1..]),
        _ => (true, &sides[..]),
    };
    let mut same = true;
    for side in rest {
        same &= judge(side, rhs)?;
    }
    let reference_text = formula.ascii.clone();
    if !lhs_ok {
        misses.push(Miss {
            at: path.into(),
            given: g.show(&sides[0]),
            reference: formula.lhs.clone().unwrap_or_default(),
            why: Why::LeftSide,
        });
    } else if !same {
        misses.push(Miss {
            at: path.into(),
            given: g.shown(),
            reference: reference_text,
            why: Why::Formula { unknown },
        });
    }
    Ok(g.shown())
}
