//! Comparing a given value with an answer, by the answer's structure: numbers under the
//! tolerance, lists element by element, sets in any order, formulas as functions, lines
//! in any equivalent form and order, a polygon's corners from any corner in either
//! direction.

use nnhw_core::{Formula, Line, Polygon, Tolerance, Value};

use crate::formula::{Agreement, agree};
use crate::given::Given;
use crate::read::{self, Unreadable};
use crate::tolerance::{allowed, matches};

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
            if !matches(tolerance, got, *want) {
                misses.push(Miss {
                    at: path.into(),
                    given: shown.clone(),
                    reference: nnhw_core::format::number(*want),
                    why: Why::Number {
                        distance: (got - want).abs(),
                        allowed: allowed(tolerance, *want),
                        given: got,
                        reference: *want,
                    },
                });
            }
            Ok(shown)
        }
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
        Value::Lines(lines) => self::lines(lines, given, tolerance, path, misses),
        Value::Polygon(polygon) => self::polygon(polygon, given, tolerance, path, misses),
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
fn entries<'g>(
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
fn pairs(ok: &[Vec<bool>], items: usize) -> usize {
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

fn lines(
    lines: &[Line],
    given: &Given,
    tolerance: &Tolerance,
    path: &str,
    misses: &mut Vec<Miss>,
) -> Result<String, Unreadable> {
    let givens = entries(given, lines.len(), path, "one line per unit")?;
    let mut read = Vec::with_capacity(givens.len());
    for (k, g) in givens.iter().enumerate() {
        read.push(read::line(g, &format!("{path}[{k}]"))?);
    }
    let ok: Vec<Vec<bool>> = read
        .iter()
        .map(|(coefficients, _)| {
            lines
                .iter()
                .map(|l| same_line([l.a, l.b, l.c], *coefficients, tolerance))
                .collect()
        })
        .collect();
    if pairs(&ok, lines.len()) < lines.len() {
        // Name the first given line that is none of the answer's, if there is one.
        let stray = ok.iter().position(|row| !row.contains(&true));
        let (k, why) = match stray {
            Some(k) => (k, Why::Line),
            None => (0, Why::Set),
        };
        misses.push(Miss {
            at: if stray.is_some() {
                format!("{path}[{k}]")
            } else {
                path.into()
            },
            given: read[k].1.clone(),
            reference: lines
                .iter()
                .map(|l| l.text.clone())
                .collect::<Vec<_>>()
                .join(", "),
            why,
        });
    }
    Ok(format!(
        "[{}]",
        read.iter()
            .map(|(_, s)| s.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

/// Whether a·x1 + b·x2 + c = 0 is the same line as the reference: both scaled so the
/// reference's largest coefficient is 1, every coefficient within the tolerance.
fn same_line(want: [f64; 3], got: [f64; 3], tolerance: &Tolerance) -> bool {
    let lead = if want[0].abs() >= want[1].abs() { 0 } else { 1 };
    if want[lead] == 0.0 {
        // No boundary: the given must have none either.
        return got[0] == 0.0 && got[1] == 0.0;
    }
    if got[lead] == 0.0 {
        return false;
    }
    (0..3).all(|i| {
        let w = want[i] / want[lead];
        matches(tolerance, got[i] / got[lead], w)
    })
}

fn polygon(
    polygon: &Polygon,
    given: &Given,
    tolerance: &Tolerance,
    path: &str,
    misses: &mut Vec<Miss>,
) -> Result<String, Unreadable> {
    let items: Vec<&Given> = match given {
        Given::List { items, .. } => items.iter().collect(),
        _ => {
            return Err(Unreadable::new(
                path,
                "write the corners as a list: [[x1, x2], [x1, x2], …]",
            ));
        }
    };
    let mut corners = Vec::with_capacity(items.len());
    let mut shown = Vec::with_capacity(items.len());
    for (k, g) in items.iter().enumerate() {
        let place = format!("{path}[{k}]");
        let pair = entries(g, 2, &place, "a corner is [x1, x2]")?;
        let (x1, s1) = read::number(pair[0], &format!("{place}[0]"))?;
        let (x2, s2) = read::number(pair[1], &format!("{place}[1]"))?;
        corners.push([x1, x2]);
        shown.push(format!("[{s1}, {s2}]"));
    }
    let read_as = format!("[{}]", shown.join(", "));
    let want = &polygon.corners;
    let near =
        |a: [f64; 2], b: [f64; 2]| matches(tolerance, a[0], b[0]) && matches(tolerance, a[1], b[1]);
    // A closed walk written back to its start: the last corner repeats the first.
    if polygon.closed
        && corners.len() == want.len() + 1
        && corners.len() > 1
        && near(corners[0], corners[corners.len() - 1])
    {
        corners.pop();
    }
    let reference = nnhw_core::render::value_text(&Value::Polygon(polygon.clone()));
    let miss = |why, at: String, given: String| Miss {
        at,
        given,
        reference: reference.clone(),
        why,
    };
    if corners.len() != want.len() {
        misses.push(miss(Why::Corners, path.into(), read_as.clone()));
        return Ok(read_as);
    }
    if walks_around(&corners, want, polygon.closed, near) {
        return Ok(read_as);
    }
    match corners
        .iter()
        .position(|c| !want.iter().any(|w| near(*c, *w)))
    {
        Some(k) => misses.push(miss(Why::Corner, format!("{path}[{k}]"), shown[k].clone())),
        None => misses.push(miss(Why::Order, path.into(), read_as.clone())),
    }
    Ok(read_as)
}

/// Whether `got` lists `want`'s corners in order around it: from any corner and in
/// either direction when the polygon is closed; forward or backward when it is a path.
fn walks_around(
    got: &[[f64; 2]],
    want: &[[f64; 2]],
    closed: bool,
    near: impl Fn([f64; 2], [f64; 2]) -> bool,
) -> bool {
    let n = want.len();
    if n == 0 {
        return got.is_empty();
    }
    let starts = if closed { n } else { 1 };
    (0..starts).any(|s| {
        let forward = (0..n).all(|k| near(got[k], want[(s + k) % n]));
        let backward = (0..n).all(|k| {
            let i = if closed { (s + n - k) % n } else { n - 1 - k };
            near(got[k], want[i])
        });
        forward || backward
    })
}
