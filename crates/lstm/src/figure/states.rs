//! `lstm.states`: the input xₜ in a small panel on top, hₜ and cₜ under it, one value
//! per integer step.
//!
//! A scalar LSTM draws h and c in one panel as stems side by side (h left, filled discs;
//! c right, hollow squares, dashed), so c never hides under h where they are equal, and
//! marks h before rounding where rounding changed it. A vector LSTM draws h and c in
//! panels of their own with a series per state unit. Past [`STEM_STEPS`] steps stems
//! become a smear: the trace is drawn as solid lines in panels of their own, cut to a few
//! thousand points in all, with a marker every so often (a dashed line through thousands
//! of up-and-down points is thousands of dashes and megabytes of SVG).

use nnhw_core::Figure;
use nnhw_plot::{
    Axis, Dash, Entry, Marker, Root, Style, axes, color, figure, finite_range, panel, px,
};

use super::{INPUT_PANEL, Y_LABELS, budget, envelope, offsets, time, value_range};
use crate::trace::Trace;

/// Longest trace drawn as stems.
pub const STEM_STEPS: usize = 40;
/// State units drawn; the legend names the rest.
const UNITS: usize = 5;
/// Inputs drawn.
const INPUTS: usize = 3;
/// Markers along each long line.
const MARKS: usize = 12;

/// What one figure draws, decided once so the legend and the plot agree.
struct Plan<'a> {
    inputs: &'a [Vec<f64>],
    trace: &'a Trace,
    hidden: usize,
    width: usize,
    stems: bool,
    /// h before rounding, where it differs (scalar stems only).
    raw: Vec<(f64, f64)>,
}

impl Plan<'_> {
    fn scalar(&self) -> bool {
        self.hidden == 1 && self.width == 1
    }

    /// Without stems a series is a solid line with a marker now and then.
    fn shown(&self, style: Style) -> Style {
        if self.stems {
            style
        } else {
            style.dash(Dash::Solid).width(1.25)
        }
    }

    /// h and c in one panel: only a scalar LSTM drawn as stems.
    fn together(&self) -> bool {
        self.scalar() && self.stems
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

    fn legend(&self) -> Vec<Entry> {
        let mut entries = Vec::new();
        if self.width == 1 {
            entries.push(Entry::series("xₜ, the input", self.input_style(0)));
        } else {
            for k in 0..self.width.min(INPUTS) {
                entries.push(Entry::series(format!("input xₜ[{k}]"), self.input_style(k)));
            }
        }
        if self.scalar() {
            entries.push(Entry::series("hₜ, as reported", self.h_style(0)));
            entries.push(Entry::series("cₜ, the cell state", self.c_style(0)));
            if !self.raw.is_empty() {
                entries.push(Entry::series("hₜ before rounding", Self::raw_style()));
            }
        } else {
            for j in 0..self.hidden.min(UNITS) {
                entries.push(Entry::series(format!("state unit {j}"), self.h_style(j)));
            }
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
        let steps = self.trace.h.len();
        let each = if self.scalar() {
            ""
        } else {
            " of each state unit"
        };
        if !self.stems {
            format!("the input xₜ (top), and hₜ and cₜ{each} over {steps} steps, as lines")
        } else if self.together() {
            "the input xₜ (top), then hₜ (left) and cₜ (right) at each step t".into()
        } else {
            format!("the input xₜ (top), and hₜ and cₜ{each} at each step t")
        }
    }

    /// `value(t, j)` for series j at each step, placed at t + `offset` when drawn as
    /// stems, and cut to `most` points when drawn as a line.
    fn points(&self, value: impl Fn(usize) -> f64, offset: f64, most: usize) -> Vec<(f64, f64)> {
        let points: Vec<(f64, f64)> = (0..self.trace.h.len())
            .map(|t| (t as f64 + if self.stems { offset } else { 0.0 }, value(t)))
            .collect();
        if self.stems {
            points
        } else {
            envelope(&points, most)
        }
    }

    fn draw(&self, area: &Root<'_>) -> Result<(), String> {
        let steps = self.trace.h.len() as f64;
        let t = if self.stems {
            finite_range(-0.5, steps - 0.5)?
        } else {
            finite_range(0.0, (steps - 1.0).max(1.0))?
        };
        let (units, inputs) = (self.hidden.min(UNITS), self.width.min(INPUTS));
        let most = budget(inputs + 2 * units);
        let (top, rest) = area.split_vertically(px(INPUT_PANEL));
        let input_offsets = offsets(inputs);
        let x: Vec<(Vec<(f64, f64)>, Style)> = (0..inputs)
            .map(|k| {
                let points = self.points(|t| self.inputs[t][k], input_offsets[k], most);
                (points, self.input_style(k))
            })
            .collect();
        let integer = self.inputs.iter().flatten().all(|v| v.fract() == 0.0);
        self.panel(
            &top,
            &t,
            &x,
            if integer {
                Axis::integer("xₜ").ticks(3)
            } else {
                Axis::new("xₜ").ticks(3)
            },
            false,
        )?;
        let h = |j: usize| move |t: usize| self.trace.h[t][j];
        let c = |j: usize| move |t: usize| self.trace.steps[t].c[j];
        let y = |desc| Axis::new(desc).ticks(6);
        if self.together() {
            let [left, right] = [-0.12, 0.12];
            let mut series = vec![
                (self.points(c(0), right, most), self.c_style(0)),
                (self.points(h(0), left, most), self.h_style(0)),
            ];
            if !self.raw.is_empty() {
                series.push((self.raw.clone(), Self::raw_style()));
            }
            return self.panel(&rest, &t, &series, y("hₜ and cₜ"), true);
        }
        let (upper, lower) = rest.split_vertically(rest.dim_in_pixel().1 / 2);
        let unit_offsets = offsets(units);
        let hs: Vec<_> = (0..units)
            .map(|j| (self.points(h(j), unit_offsets[j], most), self.h_style(j)))
            .collect();
        let cs: Vec<_> = (0..units)
            .map(|j| (self.points(c(j), unit_offsets[j], most), self.c_style(j)))
            .collect();
        self.panel(&upper, &t, &hs, y("hₜ"), false)?;
        self.panel(&lower, &t, &cs, y("cₜ"), true)
    }

    /// One panel of `series`, as stems or lines.
    fn panel(
        &self,
        area: &Root<'_>,
        t: &std::ops::Range<f64>,
        series: &[(Vec<(f64, f64)>, Style)],
        y: Axis<'_>,
        x_labels: bool,
    ) -> Result<(), String> {
        let (lo, hi) = value_range(series.iter().flat_map(|(p, _)| p.iter().map(|p| p.1)), 0.12);
        let mut chart = panel(area, t.clone(), finite_range(lo, hi)?, Y_LABELS, x_labels)?;
        nnhw_plot::mesh(&mut chart, time(x_labels), y)?;
        for (j, (points, style)) in series.iter().enumerate() {
            if !self.stems {
                axes::line(&mut chart, points, style)?;
                let phase = (j as f64 + 0.5) / series.len() as f64;
                axes::marks(&mut chart, &now_and_then(points, phase), style)?;
            } else if style.dash == Dash::None {
                axes::marks(&mut chart, points, style)?;
            } else {
                axes::stems(&mut chart, points, 0.0, style)?;
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

/// The figure of a run of `inputs` (one row per step) that produced `trace`.
pub fn states(title: &str, inputs: &[Vec<f64>], trace: &Trace) -> Option<Figure> {
    let hidden = trace.h.first().map_or(0, Vec::len);
    let width = inputs.first().map_or(0, Vec::len);
    let stems = trace.h.len() <= STEM_STEPS;
    let raw = if stems && hidden == 1 && width == 1 {
        (0..trace.h.len())
            .filter(|&t| trace.steps[t].h[0] != trace.h[t][0])
            .map(|t| (t as f64 - 0.12, trace.steps[t].h[0]))
            .collect()
    } else {
        Vec::new()
    };
    let plan = Plan {
        inputs,
        trace,
        hidden,
        width,
        stems,
        raw,
    };
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
