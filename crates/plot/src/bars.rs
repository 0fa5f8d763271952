//! Counts as bars: a histogram over the whole numbers `0..counts.len()` (how many
//! submissions scored 0, 1, 2, … answers right), in the house style: a light grid,
//! integer ticks, each bar in the first series colour with its count on top.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::axes::{Axis, mesh};
use crate::figure;
use crate::legend::Entry;
use crate::style::{INK, color, lighter, px, text, text_style};

/// Half a bar's width, in units of the x axis.
const HALF: f64 = 0.4;

/// A histogram figure: `counts[i]` is the height of the bar at `i`; `x` and `y` describe
/// the axes and `what` names the bars in the legend. `None` if there is nothing to
/// draw (no bins) or plotters failed.
pub fn histogram(
    title: &str,
    subtitle: &str,
    x: &str,
    y: &str,
    what: &str,
    counts: &[u64],
) -> Option<String> {
    if counts.is_empty() {
        return None;
    }
    let fill = color(0);
    let legend = [Entry::area(what, fill, 1.0)];
    let most = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let width = counts.len() as f64;
    figure(title, subtitle, &legend, |area| {
        // Room above the tallest bar for its count.
        // Room beside the axis for the widest count and the axis's description.
        let widest = crate::metrics::width(&crate::style::tick(most * 1.12), text::BODY, false);
        let room = (widest + 2.0 * crate::metrics::height(text::AXIS) + 8.0).max(96.0);
        let mut c =
            crate::axes::panel(area, -0.5..width - 0.5, 0.0..most * 1.12 + 0.5, room, true)?;
        mesh(&mut c, Axis::integer(x), Axis::integer(y).ticks(8))?;
        let bars = counts.iter().enumerate().filter(|(_, n)| **n > 0);
        c.draw_series(bars.clone().map(|(i, &n)| {
            let i = i as f64;
            Rectangle::new([(i - HALF, 0.0), (i + HALF, n as f64)], fill.filled())
        }))?;
        c.draw_series(bars.clone().map(|(i, &n)| {
            let i = i as f64;
            Rectangle::new(
                [(i - HALF, 0.0), (i + HALF, n as f64)],
                lighter(INK).stroke_width(px(1.0) as u32),
            )
        }))?;
        let label = text_style(text::BODY, INK, HPos::Center, VPos::Bottom);
        c.draw_series(counts.iter().enumerate().map(|(i, &n)| {
            Text::new(
                n.to_string(),
                (i as f64, n as f64 + most * 0.02),
                label.clone(),
            )
        }))?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_histogram_has_a_bar_and_a_count_per_bin() {
        let svg = histogram(
            "3.4 Simple network",
            "submissions by answers right",
            "answers right",
            "submissions",
            "submissions with this score",
            &[3, 0, 12, 7, 20],
        )
        .unwrap();
        let words = crate::svg_text(&svg);
        for count in ["3", "12", "7", "20", "submissions with this score"] {
            assert!(words.lines().any(|l| l == count), "{count}: {words}");
        }
        // Four bars filled, four outlined (none for the empty bin), the legend's swatch.
        assert!(svg.matches("<rect").count() >= 9, "{svg}");
        assert!(histogram("t", "s", "x", "y", "n", &[]).is_none());
        assert!(histogram("t", "s", "x", "y", "n", &[0, 0]).is_some());
    }
}
