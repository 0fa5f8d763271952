//! Lines and polygons compared by what they are, not how they are written: a set of lines
//! in any order and any equivalent form (coefficients scaled so the answer's largest is 1,
//! then within the tolerance), a polygon's corners from any corner in either direction.

use nnhw_core::{Line, Polygon, Tolerance, Value};

use super::{Miss, Why, entries, pairs};
use crate::given::Given;
use crate::read::{self, Unreadable};

pub(crate) fn lines(
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
                .map(|l| same_line(l, *coefficients, tolerance))
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
fn same_line(want: &Line, got: [f64; 3], tolerance: &Tolerance) -> bool {
    let Some((lead, want)) = want.graded() else {
        // No boundary: the given must have none either.
        return got[0] == 0.0 && got[1] == 0.0;
    };
    if got[lead] == 0.0 {
        return false;
    }
    (0..3).all(|i| tolerance.accepts(got[i] / got[lead], want[i]))
}

pub(crate) fn polygon(
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
        |a: [f64; 2], b: [f64; 2]| tolerance.accepts(a[0], b[0]) && tolerance.accepts(a[1], b[1]);
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
