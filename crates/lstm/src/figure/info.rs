//! `lstm.info`: what hₜ carries, as a trace. An illustrative input (runs of 1s of length
//! 1 to 4, each ended by a 0) on top, numbered with what the accepted meaning counts;
//! the LSTM's hₜ on it with that meaning's prediction beside it; and underneath, one row
//! per candidate marking the steps where it agrees or disagrees with hₜ.
//!
//! Every value comes from running the spec's own LSTM on the illustration; a candidate
//! the solver rejected on some other sequence but that fits this one says so in its row,
//! with the counterexample the solver found. The state diagram is not drawn here.

use nnhw_core::Figure;
use nnhw_plot::plotters::prelude::*;
use nnhw_plot::plotters::style::text_anchor::{HPos, VPos};
use nnhw_plot::style::{GRID, INK, text, text_style};
use nnhw_plot::{
    Axis, Dash, Entry, Marker, Root, Style, axes, color, figure, finite_range, panel, px,
};

use super::{INPUT_PANEL, time, value_range};
use crate::candidates::{Candidate, Prefix};
use crate::spec::Setup;
use crate::trace::run;

/// Longest run of 1s in the illustration.
const LONGEST_RUN: u32 = 4;
/// Width of the y labels: room for the longest candidate name ("ones-parity", about
/// 100 px at 18 px) and the gap to the axis.
const NAMES: f64 = 118.0;
/// Height of one candidate's row in CSS pixels: an 18 px name's box is 21 px tall, so
/// names closer than this run into each other.
const ROW: f64 = 30.0;
/// Clear space between a count and the marker it is written over, in CSS pixels.
const ABOVE: f64 = nnhw_plot::mark::MARKER_RADIUS + 4.0;

/// What the solver concluded about one candidate.
pub struct Checked {
    /// The candidate.
    pub candidate: Candidate,
    /// The first input it fails on, or `None` when it held on every one.
    pub counterexample: Option<Vec<u8>>,
}

/// The illustration: runs of 1s of length 1 to [`LONGEST_RUN`], each followed by a 0,
/// cut to `max_length` steps: the figure shows only inputs the solver checked, so it
/// never shows a candidate failing where the report says it holds.
fn illustration(checked: Option<u32>) -> Vec<u8> {
    (1..=LONGEST_RUN)
        .flat_map(|run| (0..run).map(|_| 1).chain([0]))
        .take(checked.map_or(usize::MAX, |n| n as usize))
        .collect()
}

/// The run on the illustration: hₜ and, per candidate, its prediction at each step.
struct Run {
    x: Vec<u8>,
    h: Vec<f64>,
    /// The numbers written over xₜ.
    counts: Vec<u32>,
    predictions: Vec<Vec<f64>>,
    /// Per candidate, whether it agrees with hₜ at each step (the solver's rule).
    agrees: Vec<Vec<bool>>,
}

fn simulate(setup: &Setup, verdicts: &[Checked], counts_ones: bool, checked: Option<u32>) -> Run {
    let x = illustration(checked);
    let inputs: Vec<Vec<f64>> = x.iter().map(|&b| vec![f64::from(b)]).collect();
    let trace = run(setup, &inputs);
    let mut prefixes = Vec::with_capacity(x.len());
    let mut prefix = Prefix::default();
    for &b in &x {
        prefix = prefix.then(b);
        prefixes.push(prefix);
    }
    let predictions = verdicts
        .iter()
        .map(|v| {
            (0..x.len())
                .map(|t| v.candidate.predict(&prefixes[t], trace.steps[t].c[0]))
                .collect()
        })
        .collect();
    let h: Vec<f64> = trace.h.iter().map(|h| h[0]).collect();
    let agrees = verdicts
        .iter()
        .map(|v| {
            (0..x.len())
                .map(|t| v.candidate.agrees(h[t], &prefixes[t], trace.steps[t].c[0]))
                .collect()
        })
        .collect();
    Run {
        counts: prefixes
            .iter()
            .map(|p| if counts_ones { p.ones } else { p.run })
            .collect(),
        h,
        x,
        predictions,
        agrees,
    }
}

fn input_style() -> Style {
    Style::line(color(7)).marker(Marker::Diamond)
}
fn h_style() -> Style {
    Style::line(color(0)).marker(Marker::Circle)
}
fn prediction_style() -> Style {
    Style::line(color(2))
        .marker(Marker::Square)
        .dash(Dash::None)
        .hollow()
}
fn agree_style() -> Style {
    Style::line(color(7))
        .marker(Marker::Circle)
        .dash(Dash::None)
        .hollow()
}
fn disagree_style() -> Style {
    Style::line(color(1))
        .marker(Marker::Triangle)
        .dash(Dash::None)
}

/// The figure for an LSTM `setup` whose candidates the solver judged for every length
/// (`checked` is `None`: proved on the machine) or on every binary input up to a length.
pub fn info(
    title: &str,
    setup: &Setup,
    checked: Option<u32>,
    verdicts: &[Checked],
) -> Option<Figure> {
    let accepted = verdicts.iter().position(|v| v.counterexample.is_none());
    let counts_ones = accepted.is_some_and(|k| verdicts[k].candidate == Candidate::OnesParity);
    let run = simulate(setup, verdicts, counts_ones, checked);
    let mut legend = vec![
        Entry::series("xₜ, an illustrative input", input_style()),
        Entry::series(
            // Short enough, as the others, for the legend to take two columns and
            // leave the panels their height.
            if counts_ones {
                "number: 1s so far"
            } else {
                "number: run of 1s so far"
            },
            Style::line(INK).dash(Dash::None),
        ),
        Entry::series("hₜ, the LSTM's output", h_style()),
    ];
    if let Some(k) = accepted {
        let name = verdicts[k].candidate.name();
        legend.push(Entry::series(
            format!("{name}'s prediction"),
            prediction_style(),
        ));
    }
    legend.push(Entry::series("candidate agrees with hₜ", agree_style()));
    legend.push(Entry::series(
        "candidate disagrees with hₜ",
        disagree_style(),
    ));
    let found = match accepted {
        Some(k) => format!("hₜ is {}", verdicts[k].candidate.name()),
        None => "no candidate fits".into(),
    };
    let longest = run.x.split(|&b| b == 0).map(<[u8]>::len).max().unwrap_or(0);
    // The scope qualifies the verdict, so it comes first: a subtitle too long for the
    // canvas is cut at its end, and must lose the illustration's detail, not the scope.
    let scope = match checked {
        None => "proved for every length".to_string(),
        Some(n) => format!("inputs up to length {n}"),
    };
    let subtitle = format!("{scope}: {found}; runs of 1s up to {longest} drawn");
    let svg = figure(title, &subtitle, &legend, |area| {
        draw(area, &run, verdicts, accepted)
    })?;
    Some(Figure {
        name: "info".into(),
        caption: format!(
            "hₜ on runs of 1s of length 1 to {longest}: {found}; where each candidate disagrees"
        ),
        svg,
    })
}

fn draw(
    area: &Root<'_>,
    run: &Run,
    verdicts: &[Checked],
    accepted: Option<usize>,
) -> Result<(), nnhw_plot::Error> {
    let steps = run.x.len() as f64;
    let t = finite_range(-0.5, steps - 0.5)?;
    let (top, rest) = area.split_vertically(px(INPUT_PANEL));
    let rows = verdicts.len() as f64;
    let strip_height = px(rows * ROW + 12.0 + 46.0 + 12.0);
    let (middle, bottom) = rest.split_vertically(rest.dim_in_pixel().1 as i32 - strip_height);

    // The input, with what the meaning counts written over each 1.
    let x: Vec<(f64, f64)> = run
        .x
        .iter()
        .enumerate()
        .map(|(t, &b)| (t as f64, f64::from(b)))
        .collect();
    let mut chart = panel(&top, t.clone(), finite_range(-0.2, 1.7)?, NAMES, false)?;
    nnhw_plot::mesh(&mut chart, time(false), Axis::integer("xₜ").ticks(2))?;
    axes::stems(&mut chart, &x, 0.0, &input_style())?;
    // Each count a fixed few pixels over its marker (a step in data units is not), so
    // it never touches it.
    let base = top.get_base_pixel();
    for (&(t, v), n) in x.iter().zip(&run.counts).filter(|(p, _)| p.1 > 0.0) {
        let (px_x, px_y) = chart.backend_coord(&(t, v));
        top.draw(&Text::new(
            n.to_string(),
            (px_x - base.0, px_y - base.1 - px(ABOVE)),
            text_style(text::BODY, INK, HPos::Center, VPos::Bottom),
        ))?;
    }

    // hₜ, and the accepted meaning's prediction beside it; with no prediction hₜ stands
    // on its step, under the input that made it.
    let beside = if accepted.is_some() { 0.12 } else { 0.0 };
    let h: Vec<(f64, f64)> = run
        .h
        .iter()
        .enumerate()
        .map(|(t, &h)| (t as f64 - beside, h))
        .collect();
    let predicted: Vec<(f64, f64)> = accepted
        .map(|k| {
            run.predictions[k]
                .iter()
                .enumerate()
                .map(|(t, &p)| (t as f64 + beside, p))
                .collect()
        })
        .unwrap_or_default();
    let (lo, hi) = value_range(h.iter().chain(&predicted).map(|p| p.1), 0.15);
    let integer = run.h.iter().all(|h| h.fract() == 0.0);
    let mut chart = panel(&middle, t.clone(), finite_range(lo, hi)?, NAMES, false)?;
    let h_axis = if integer {
        Axis::integer("hₜ")
    } else {
        Axis::new("hₜ")
    };
    // Three ticks: the panel gets what the input and the rows leave, at times under
    // 100 px, where five 18 px labels run together.
    nnhw_plot::mesh(&mut chart, time(false), h_axis.ticks(3))?;
    axes::stems(&mut chart, &h, 0.0, &h_style())?;
    axes::marks(&mut chart, &predicted, &prediction_style())?;

    strip(&bottom, t, run, verdicts)
}

/// One row per candidate, named on the left: where it agrees and disagrees with hₜ.
fn strip(
    area: &Root<'_>,
    t: std::ops::Range<f64>,
    run: &Run,
    verdicts: &[Checked],
) -> Result<(), nnhw_plot::Error> {
    let rows = verdicts.len();
    let y = finite_range(-0.6, rows as f64 - 0.4)?;
    let mut chart = panel(area, t.clone(), y, NAMES, true)?;
    // The candidates' names stand in for y tick labels.
    nnhw_plot::mesh(&mut chart, time(true), Axis::integer("").unlabelled())?;
    let base = area.get_base_pixel();
    for (i, verdict) in verdicts.iter().enumerate() {
        let row = (rows - 1 - i) as f64;
        axes::line(
            &mut chart,
            &[(t.start, row), (t.end, row)],
            &Style::line(GRID).width(1.0),
        )?;
        let (x, y) = chart.backend_coord(&(t.start, row));
        area.draw(&Text::new(
            verdict.candidate.name(),
            (x - base.0 - px(8.0), y - base.1),
            text_style(text::BODY, INK, HPos::Right, VPos::Center),
        ))?;
        let differs: Vec<bool> = run.agrees[i].iter().map(|a| !a).collect();
        if let (false, Some(bits)) = (differs.contains(&true), &verdict.counterexample) {
            // Rejected on another input: say which rather than draw a row of agreement.
            let shown: Vec<String> = bits.iter().map(u8::to_string).collect();
            let gap = if bits.len() > 8 { "" } else { ", " };
            chart.draw_series([Text::new(
                format!("fits here; fails on x = {}", shown.join(gap)),
                (t.start + 0.2, row),
                text_style(text::BODY, INK, HPos::Left, VPos::Center),
            )])?;
            continue;
        }
        let at = |want: bool| -> Vec<(f64, f64)> {
            differs
                .iter()
                .enumerate()
                .filter(|&(_, &d)| d == want)
                .map(|(t, _)| (t as f64, row))
                .collect()
        };
        axes::marks(&mut chart, &at(false), &agree_style())?;
        axes::marks(&mut chart, &at(true), &disagree_style())?;
    }
    Ok(())
}
