//! A state machine: states on a ring, arrows curved so the two directions between a pair
//! stay apart, loops for a state that stays put, the start marked by an arrow from
//! nowhere. For machines of a few states (a minimised LSTM); the caller gives a table
//! instead past [`MAX_STATES`].

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::geometry::LINE;
use crate::style::{INK, bold_style, px, text, text_style};
use crate::{Error, Labels, Root};

/// Most states drawn as a diagram.
pub const MAX_STATES: usize = 20;

/// One state.
#[derive(Debug, Clone, PartialEq)]
pub struct MachineState {
    /// Its name (`s0`).
    pub name: String,
    /// What it outputs, as shown under the name (`h = 1`).
    pub output: String,
    /// Its colour (by output, say).
    pub color: RGBColor,
}

/// One transition; several between the same pair are best merged by the caller into one
/// label (`0, 1`).
#[derive(Debug, Clone, PartialEq)]
pub struct Transition {
    /// From state.
    pub from: usize,
    /// To state.
    pub to: usize,
    /// The input that takes it.
    pub label: String,
}

type P = (f64, f64);

const RADIUS: f64 = 40.0;
const LOOP: f64 = 16.0;

/// Draws the machine filling `area`; `start` is the start state. Each transition's input
/// goes to `labels`, beside its arrow.
pub fn draw_machine(
    area: &Root<'_>,
    states: &[MachineState],
    transitions: &[Transition],
    start: usize,
    labels: &mut Labels,
) -> Result<(), Error> {
    let n = states.len();
    if n == 0 || n > MAX_STATES || start >= n {
        return Ok(());
    }
    let (w, h) = super::geometry::size(area);
    let centre = (w / 2.0, h / 2.0);
    let ring = if n == 1 { 0.0 } else { 0.36 * w.min(h) };
    // The start at the left, the rest clockwise, as a reader expects a machine to begin.
    let at: Vec<P> = (0..n)
        .map(|k| {
            let a = std::f64::consts::PI + std::f64::consts::TAU * k as f64 / n as f64;
            (centre.0 + ring * a.cos(), centre.1 + ring * a.sin())
        })
        .collect();
    let outward = |k: usize| -> P {
        let (dx, dy) = (at[k].0 - centre.0, at[k].1 - centre.1);
        let l = crate::length(dx, dy);
        if l == 0.0 {
            (0.0, -1.0)
        } else {
            (dx / l, dy / l)
        }
    };
    let origin = crate::origin(area);
    let on_canvas = |(x, y): P| (origin.0 + x, origin.1 + y);
    let mut pending: Vec<(String, P)> = Vec::new();
    for t in transitions {
        if t.from >= n || t.to >= n {
            continue;
        }
        if t.from == t.to {
            let u = outward(t.from);
            let c = (
                at[t.from].0 + (RADIUS + LOOP * 0.6) * u.0,
                at[t.from].1 + (RADIUS + LOOP * 0.6) * u.1,
            );
            // An arc of the loop circle outside the state, ending in an arrowhead.
            let base = u.1.atan2(u.0) + std::f64::consts::PI;
            let arc: Vec<P> = (0..=24)
                .map(|i| {
                    let a = base + 0.75 + (std::f64::consts::TAU - 1.5) * f64::from(i) / 24.0;
                    (c.0 + LOOP * a.cos(), c.1 + LOOP * a.sin())
                })
                .collect();
            curve(area, &arc)?;
            pending.push((t.label.clone(), (c.0 + LOOP * u.0, c.1 + LOOP * u.1)));
            continue;
        }
        let (a, b) = (at[t.from], at[t.to]);
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let d = crate::length(dx, dy);
        // Bend to the left of travel: the way back bends the other way.
        let normal = (-dy / d, dx / d);
        let bend = 0.18 * d;
        let control = (
            (a.0 + b.0) / 2.0 + bend * normal.0,
            (a.1 + b.1) / 2.0 + bend * normal.1,
        );
        let bezier = |s: f64| {
            let r = 1.0 - s;
            (
                r * r * a.0 + 2.0 * r * s * control.0 + s * s * b.0,
                r * r * a.1 + 2.0 * r * s * control.1 + s * s * b.1,
            )
        };
        let outside = |p: P, q: P| crate::length(p.0 - q.0, p.1 - q.1) > RADIUS + 3.0;
        let points: Vec<P> = (0..=60)
            .map(|i| bezier(f64::from(i) / 60.0))
            .filter(|&p| outside(p, a) && outside(p, b))
            .collect();
        curve(area, &points)?;
        pending.push((t.label.clone(), bezier(0.5)));
    }
    // The start: an arrow from outside the ring, turned 60° off the outward direction so
    // it clears a loop on the start state.
    let u = outward(start);
    let (sin, cos) = (-60f64).to_radians().sin_cos();
    let v = (u.0 * cos - u.1 * sin, u.0 * sin + u.1 * cos);
    let (tail, head) = (
        (
            at[start].0 + (RADIUS + 40.0) * v.0,
            at[start].1 + (RADIUS + 40.0) * v.1,
        ),
        at[start],
    );
    let approach: Vec<P> = (0..=10)
        .map(|i| {
            let s = f64::from(i) / 10.0;
            (
                tail.0 + s * (head.0 - tail.0),
                tail.1 + s * (head.1 - tail.1),
            )
        })
        .filter(|&p| crate::length(p.0 - head.0, p.1 - head.1) > RADIUS + 3.0)
        .collect();
    curve(area, &approach)?;
    pending.push(("start".into(), tail));
    for (k, state) in states.iter().enumerate() {
        let (x, y) = at[k];
        area.draw(&Circle::new((px(x), px(y)), px(RADIUS), WHITE.filled()))?;
        area.draw(&Circle::new(
            (px(x), px(y)),
            px(RADIUS),
            state.color.mix(0.15).filled(),
        ))?;
        area.draw(&Circle::new(
            (px(x), px(y)),
            px(RADIUS),
            state.color.stroke_width(px(2.0) as u32),
        ))?;
        area.draw(&Text::new(
            state.name.clone(),
            (px(x), px(y - 0.5 * LINE)),
            bold_style(text::BODY, state.color, HPos::Center, VPos::Center),
        ))?;
        area.draw(&Text::new(
            state.output.clone(),
            (px(x), px(y + 0.5 * LINE)),
            text_style(text::BODY, INK, HPos::Center, VPos::Center),
        ))?;
    }
    // Beside the middle of its arrow (the end of a loop, the tail of the start), clear
    // of every arrow: a label on a curve would be struck through by it.
    for (label, at) in pending {
        labels.near(label, INK, on_canvas(at), 3.0);
    }
    Ok(())
}

/// A polyline in CSS pixels with an arrowhead at its end.
fn curve(area: &Root<'_>, points: &[P]) -> Result<(), Error> {
    let [.., before, end] = points else {
        return Ok(());
    };
    let line: Vec<(i32, i32)> = points.iter().map(|&(x, y)| (px(x), px(y))).collect();
    area.draw(&PathElement::new(line, INK.stroke_width(px(1.5) as u32)))?;
    let (dx, dy) = (end.0 - before.0, end.1 - before.1);
    let l = crate::length(dx, dy).max(1e-9);
    let (ux, uy) = (dx / l, dy / l);
    let size = 9.0;
    let back = (end.0 - size * ux, end.1 - size * uy);
    let (nx, ny) = (-uy * size * 0.45, ux * size * 0.45);
    area.draw(&Polygon::new(
        vec![
            (px(end.0 + 2.0 * ux), px(end.1 + 2.0 * uy)),
            (px(back.0 + nx), px(back.1 + ny)),
            (px(back.0 - nx), px(back.1 - ny)),
        ],
        INK.filled(),
    ))
    .map_err(Error::from)
}
