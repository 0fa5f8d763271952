//! Where the stems of a panel stand: on their integer t, or side by side around it
//! where several series have a value at the same t.

use std::collections::HashMap;

use nnhw_plot::Style;

use super::offsets;

/// One series of a panel: its points at integer t (before any shift), its style, and for
/// markers belonging to another series' stem (h before rounding), that series' index.
pub struct Series {
    /// At integer t.
    pub points: Vec<(f64, f64)>,
    /// How it is drawn.
    pub style: Style,
    /// The series whose stem this one's markers belong to.
    pub with: Option<usize>,
}

impl Series {
    /// A series with stems of its own.
    pub fn new(points: Vec<(f64, f64)>, style: Style) -> Self {
        Series {
            points,
            style,
            with: None,
        }
    }
}

/// Points of one series, in plot coordinates.
pub type Points = Vec<(f64, f64)>;

/// Each series' points moved off their integer t only where other stems share that t,
/// spread around it in series order; a marker belonging to a stem moves with it.
pub fn side_by_side(series: &[Series]) -> Vec<Points> {
    let step = |t: f64| t.round() as i64;
    let mut sharing: HashMap<i64, Vec<usize>> = HashMap::new();
    for (i, s) in series.iter().enumerate().filter(|(_, s)| s.with.is_none()) {
        for &(t, _) in &s.points {
            sharing.entry(step(t)).or_default().push(i);
        }
    }
    let shift = |owner: usize, t: f64| -> f64 {
        let Some(at) = sharing.get(&step(t)) else {
            return 0.0;
        };
        at.iter()
            .position(|&i| i == owner)
            .map_or(0.0, |k| offsets(at.len())[k])
    };
    series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let owner = s.with.unwrap_or(i);
            s.points
                .iter()
                .map(|&(t, v)| (t + shift(owner, t), v))
                .collect()
        })
        .collect()
}
