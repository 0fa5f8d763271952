//! `lstm.states`: the input xₜ in a small panel on top, hₜ and cₜ in panels of their own
//! under it, one value per integer step, and the start state at t = −1 when it is not 0.
//!
//! Stems stand on their integer t; only series sharing a step sit side by side around it
//! (a vector LSTM's units, or the reported h and the exact model's h where they differ),
//! so a lone stem is never read against the wrong tick. Units and inputs are numbered
//! from 1, as everywhere else a person reads them. Past [`STEM_STEPS`] steps stems become
//! a smear: the trace is drawn as solid lines, cut to a few thousand points in all, with a
//! marker every so often (a dashed line through thousands of up-and-down points is
//! thousands of dashes and megabytes of SVG).

use nnhw_core::Figure;
use nnhw_plot::{
    Axis, Dash, Entry, Marker, Root, Style, axes, color, figure, finite_range, panel, px,
};

use super::stems::{Points, Series, side_by_side};
use super::{INPUT_PANEL, Y_LABELS, budget, envelope, time, value_range};
use crate::trace::Trace;

/// Longest trace drawn as stems.
pub const STEM_STEPS: usize = 40;
/// State units drawn; the legend names the rest.
const UNITS: usize = 5;
/// Inputs drawn.
const INPUTS: usize = 3;
/// Markers along each long line.
const MARKS: usize = 12;
/// Height a panel of [`nnhw_plot::panel`] takes besides its plot, in CSS pixels: its
/// 14 px margins and a 4 px band under it, or the 62 px of time labels under the bottom one.
const BARE_PANEL: f64 = 32.0;
const LABELLED_PANEL: f64 = 90.0;

/// What the figure is drawn from: a run, where it started, and the exact model's run.
pub struct Run<'a> {
    /// One row per step.
    pub inputs: &'a [Vec<f64>],
    pub trace: &'a Trace,
    /// h₋₁ and c₋₁ as the spec gives them.
    pub start: (&'a [f64], &'a [f64]),
    /// The same cell and inputs with the true σ and tanh, when the spec's model is not
    /// already that.
    pub exact: Option<&'a Trace>,
}

/// What one figure draws, decided once so the legend and the plot agree.
struct Plan<'a> {
    run: &'a Run<'a>,
    hidden: usize,
    width: usize,
    stems: bool,
    /// Whether t = −1 shows the start state: only when it is not all zeros, which every
    /// reader assumes anyway.
    start: bool,
    /// h before rounding, where it differs (scalar stems only).
    raw: Vec<(f64, f64)>,
    /// The exact model's h, where it differs from the reported h (scalar stems only).
    exact: Vec<(f64, f64)>,
    /// The exact model's h before rounding, where it is drawn and rounding changed it:
    /// how far from the reported h the true σ and tanh land.
    exact_raw: Vec<(f64, f64)>,
}

impl Plan<'_> {
    fn scalar(&self) -> bool {
        self.hidden == 1 && self.width == 1
    }

    fn steps(&self) -> usize {
        self.run.trace.h.len()
    }

    /// Without stems a series is a solid line with a marker now and then.
    fn shown(&self, style: Style) -> Style {
        if self.stems {
            style
        } else {
            style.dash(Dash::Solid).width(1.25)
        }
    }

    fn input_style(&self, k: usize) -> Style {
        const LOOK: [(usize, Marker, Dash); INPUTS] = [
            (7, Marker::Diamond, Dash::Solid),
            (6, Marker::Triangle, Dash::Dashed),
            (5, Marker::Square, Dash::Dotted),
        ];
        let (c, marker, dash) = LOOK[k % INPUTS];
        self.shown(Style::line(color(c)).marker(marker).dash(dash))
    }

    /// Unit j of a vector LSTM: its own colour and marker, stems solid (a dashed stem is
    /// an SVG element per dash, and many units' stems would pass 100 KB).
    fn unit_style(&self, j: usize) -> Style {
        self.shown(Style::series(j).dash(Dash::Solid))
    }

    fn h_style(&self, j: usize) -> Style {
        if self.scalar() {
            self.shown(Style::line(color(0)).marker(Marker::Circle))
        } else {
            self.unit_style(j)
        }
    }

    fn c_style(&self, j: usize) -> Style {
        if self.scalar() {
            let c = Style::line(color(1))
                .marker(Marker::Square)
                .dash(Dash::Dashed);
            self.shown(c.hollow())
        } else {
            self.unit_style(j)
        }
    }

    fn raw_style() -> Style {
        Style::line(color(3))
            .marker(Marker::Triangle)
            .dash(Dash::None)
            .hollow()
    }

    fn exact_style() -> Style {
        Style::line(color(2))
            .marker(Marker::Diamond)
            .dash(Dash::Dotted)
    }

    fn exact_raw_style() -> Style {
        Self::exact_style().dash(Dash::None).hollow()
    }

    fn legend(&self) -> Vec<Entry> {
        let mut entries = Vec::new();
        if self.width == 1 {
            entries.push(Entry::series("xₜ, the input", self.input_style(0)));
        } else {
            for k in 0..self.width.min(INPUTS) {
                entries.push(Entry::series(
                    format!("input {} of xₜ", k + 1),
                    self.input_style(k),
                ));
            }
        }
        if self.scalar() {
            entries.push(Entry::series("hₜ, as reported", self.h_style(0)));
            entries.push(Entry::series("cₜ, the cell state", self.c_style(0)));
            if !self.raw.is_empty() {
                entries.push(Entry::series("hₜ before rounding", Self::raw_style()));
            }
            if !self.exact.is_empty() {
                entries.push(Entry::series(
                    "hₜ of the exact σ and tanh, where it differs",
                    Self::exact_style(),
                ));
            }
            if !self.exact_raw.is_empty() {
                entries.push(Entry::series(
                    "exact hₜ before rounding",
                    Self::exact_raw_style(),
                ));
            }
        } else {
            for j in 0..self.hidden.min(UNITS) {
                entries.push(Entry::series(
                    format!("state unit {}", j + 1),
                    self.h_style(j),
                ));
            }
        }
        if self.start {
            entries.push(Entry::series(
                "t = −1: the start state h₋₁, c₋₁",
                Style::line(color(7)).dash(Dash::None),
            ));
        }
        let more = |n: usize, what: &str| {
            let plural = if n == 1 { "" } else { "s" };
            Entry::series(
                format!("… {n} more {what}{plural} not drawn"),
                Style::line(color(7)).dash(Dash::None),
            )
        };
        if self.width > INPUTS {
            entries.push(more(self.width - INPUTS, "input"));
        }
        if self.hidden > UNITS {
            entries.push(more(self.hidden - UNITS, "unit"));
        }
        entries
    }

    fn subtitle(&self) -> String {
        let each = if self.scalar() {
            ""
        } else {
            " of each state unit"
        };
        if self.stems {
            format!("the input xₜ (top), then hₜ and cₜ{each} at each step t")
        } else {
            // The count first: a subtitle too long for the canvas is cut at its end.
            let steps = self.steps();
            format!("{steps} steps, as lines: xₜ (top), then hₜ and cₜ{each}")
        }
    }

    /// `value(t)` at each step, preceded by `start` at t = −1 when the start is drawn;
    /// cut to `most` points when drawn as a line.
    fn points(&self, value: impl Fn(usize) -> f64, start: Option<f64>, most: usize) -> Points {
        let first = start.filter(|_| self.start).map(|v| (-1.0, v));
        let points: Vec<(f64, f64)> = first
            .into_iter()
            .chain((0..self.steps()).map(|t| (t as f64, value(t))))
            .collect();
        if self.stems {
            points
        } else {
            envelope(&points, most)
        }
    }

    fn draw(&self, area: &Root<'_>) -> Result<(), nnhw_plot::Error> {
        let steps = self.steps() as f64;
        let first = if self.start { -1.0 } else { 0.0 };
        let t = if self.stems {
            finite_range(first - 0.5, steps - 0.5)?
        } else {
            finite_range(first, (steps - 1.0).max(first + 1.0))?
        };
        let (units, inputs) = (self.hidden.min(UNITS), self.width.min(INPUTS));
        let most = budget(inputs + 2 * units);
        let (top, rest) = area.split_vertically(px(INPUT_PANEL));
        let x: Vec<Series> = (0..inputs)
            .map(|k| {
                let points = self.points(|t| self.run.inputs[t][k], None, most);
                Series::new(points, self.input_style(k))
            })
            .collect();
        let integer = self.run.inputs.iter().flatten().all(|v| v.fract() == 0.0);
        let x_axis = if integer {
            Axis::integer("xₜ")
        } else {
            Axis::new("xₜ")
        };
        self.panel(&top, &t, &x, x_axis.ticks(3), false)?;
        let (h0, c0) = self.run.start;
        let h = |j: usize| move |t: usize| self.run.trace.h[t][j];
        let c = |j: usize| move |t: usize| self.run.trace.steps[t].c[j];
        let mut hs: Vec<Series> = (0..units)
            .map(|j| Series::new(self.points(h(j), h0.get(j).copied(), most), self.h_style(j)))
            .collect();
        if !self.raw.is_empty() {
            hs.push(Series {
                points: self.raw.clone(),
                style: Self::raw_style(),
                with: Some(0),
            });
        }
        if !self.exact.is_empty() {
            hs.push(Series::new(self.exact.clone(), Self::exact_style()));
            if !self.exact_raw.is_empty() {
                hs.push(Series {
                    points: self.exact_raw.clone(),
                    style: Self::exact_raw_style(),
                    with: Some(hs.len() - 1),
                });
            }
        }
        let cs: Vec<Series> = (0..units)
            .map(|j| Series::new(self.points(c(j), c0.get(j).copied(), most), self.c_style(j)))
            .collect();
        // The lower panel also holds the time axis's labels: it gets their height on top
        // of half the rest, so hₜ and cₜ are plotted equally tall.
        let height = f64::from(rest.dim_in_pixel().1) / f64::from(px(1.0));
        let plot = 0.5 * (height - LABELLED_PANEL - BARE_PANEL);
        let (upper, lower) = rest.split_vertically(px(plot + BARE_PANEL));
        // Few ticks: each panel is a third of the plot or less, and on one under 100 px
        // tall four 18 px labels run together.
        let ticks = if plot < 100.0 { 3 } else { 4 };
        let y = |desc| Axis::new(desc).ticks(ticks);
        self.panel(&upper, &t, &hs, y("hₜ"), false)?;
        self.panel(&lower, &t, &cs, y("cₜ"), true)
    }

    /// One panel of `series`, as stems or lines.
    fn panel(
        &self,
        area: &Root<'_>,
        t: &std::ops::Range<f64>,
        series: &[Series],
        y: Axis<'_>,
        x_labels: bool,
    ) -> Result<(), nnhw_plot::Error> {
        let values = series.iter().flat_map(|s| s.points.iter().map(|p| p.1));
        let (lo, hi) = value_range(values, 0.12);
        let mut chart = panel(area, t.clone(), finite_range(lo, hi)?, Y_LABELS, x_labels)?;
        nnhw_plot::mesh(&mut chart, time(x_labels), y)?;
        let placed = if self.stems {
            side_by_side(series)
        } else {
            series.iter().map(|s| s.points.clone()).collect()
        };
        for (j, (s, points)) in series.iter().zip(&placed).enumerate() {
            if !self.stems {
                axes::line(&mut chart, points, &s.style)?;
                let phase = (j as f64 + 0.5) / series.len() as f64;
                axes::marks(&mut chart, &now_and_then(points, phase), &s.style)?;
            } else if s.style.dash == Dash::None {
                axes::marks(&mut chart, points, &s.style)?;
            } else {
                axes::stems(&mut chart, points, 0.0, &s.style)?;
            }
        }
        Ok(())
    }
}

/// Markers along a long line: [`MARKS`] of them, each series shifted by `phase` of the
/// gap so markers of different series do not sit on one another.
fn now_and_then(points: &[(f64, f64)], phase: f64) -> Vec<(f64, f64)> {
    let gap = points.len() as f64 / MARKS as f64;
    (0..MARKS)
        .filter_map(|k| points.get(((k as f64 + phase) * gap) as usize).copied())
        .collect()
}

/// The figure of `run`.
pub fn states(title: &str, run: &Run<'_>) -> Option<Figure> {
    let plan = plan(run);
    let svg = figure(title, &plan.subtitle(), &plan.legend(), |area| {
        plan.draw(area)
    })?;
    Some(Figure {
        name: "states".into(),
        caption: if plan.scalar() {
            "the input xₜ, and hₜ and cₜ at each step t".into()
        } else {
            "the input xₜ, and hₜ and cₜ of each state unit at each step t".into()
        },
        svg,
    })
}

fn plan<'a>(run: &'a Run<'a>) -> Plan<'a> {
    let trace = run.trace;
    let hidden = trace.h.first().map_or(0, Vec::len);
    let width = run.inputs.first().map_or(0, Vec::len);
    let stems = trace.h.len() <= STEM_STEPS;
    let scalar_stems = stems && hidden == 1 && width == 1;
    let differs = |value: &dyn Fn(usize) -> f64| -> Vec<(f64, f64)> {
        (0..trace.h.len())
            .filter(|&t| value(t) != trace.h[t][0])
            .map(|t| (t as f64, value(t)))
            .collect()
    };
    let raw = if scalar_stems {
        differs(&|t| trace.steps[t].h[0])
    } else {
        Vec::new()
    };
    let (exact, exact_raw) = match run.exact {
        Some(exact) if scalar_stems && exact.h.len() == trace.h.len() => {
            let drawn = differs(&|t| exact.h[t][0]);
            let raw = drawn
                .iter()
                .map(|&(t, h)| (t, exact.steps[t as usize].h[0], h))
                .filter(|&(_, raw, h)| raw != h)
                .map(|(t, raw, _)| (t, raw))
                .collect();
            (drawn, raw)
        }
        _ => (Vec::new(), Vec::new()),
    };
    let (h0, c0) = run.start;
    Plan {
        run,
        hidden,
        width,
        stems,
        start: h0.iter().chain(c0).any(|&v| v != 0.0),
        raw,
        exact,
        exact_raw,
    }
}

#[cfg(test)]
#[path = "states_tests.rs"]
mod tests;
