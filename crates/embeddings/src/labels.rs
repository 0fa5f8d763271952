//! Word labels beside their markers, kept inside the plot and off each other: each label
//! takes the first of right, left, above and below that fits in the plot, covers no
//! other label and covers fewest markers; a label with no such place is left out. Widths are estimated (the
//! SVG is laid out by whoever renders it), generously, as the legend does.

use nnhw_plot::plotters::prelude::*;
use nnhw_plot::plotters::style::text_anchor::{HPos, VPos};
use nnhw_plot::style::{INK, text, text_style};
use nnhw_plot::{Root, fail, px};

/// Longest label in characters; longer words are cut with an ellipsis.
const LONGEST: usize = 18;
/// Gap between a marker's centre and its label.
const GAP: f64 = 8.0;
/// Half a marker's extent, for the overlap test.
const MARKER: f64 = 5.0;

/// A box in drawing units: left, top, right, bottom.
type Box = (i32, i32, i32, i32);

fn overlaps(a: Box, b: Box) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

fn clip(name: &str) -> String {
    if name.chars().count() <= LONGEST {
        name.to_string()
    } else {
        name.chars().take(LONGEST - 1).chain(['…']).collect()
    }
}

/// The four places a label of `width` × `height` may go beside a marker at `(x, y)`:
/// its box, and where and how its text is anchored.
fn places(x: i32, y: i32, width: i32, height: i32) -> [(Box, (i32, i32), HPos, VPos); 4] {
    let gap = px(GAP);
    let half = height / 2;
    [
        (
            (x + gap, y - half, x + gap + width, y + half),
            (x + gap, y),
            HPos::Left,
            VPos::Center,
        ),
        (
            (x - gap - width, y - half, x - gap, y + half),
            (x - gap, y),
            HPos::Right,
            VPos::Center,
        ),
        (
            (x - width / 2, y - gap - height, x + width / 2, y - gap),
            (x, y - gap),
            HPos::Center,
            VPos::Bottom,
        ),
        (
            (x - width / 2, y + gap, x + width / 2, y + gap + height),
            (x, y + gap),
            HPos::Center,
            VPos::Top,
        ),
    ]
}

/// Draws `names[i]` beside the marker at `anchors[i]` (backend coordinates), avoiding
/// every marker in `markers` and the labels already placed, inside the plot rectangle
/// `plot`.
pub fn place(
    area: &Root<'_>,
    names: &[&str],
    anchors: &[(i32, i32)],
    markers: &[(i32, i32)],
    plot: (std::ops::Range<i32>, std::ops::Range<i32>),
) -> Result<(), String> {
    let (xr, yr) = plot;
    let inside = |b: Box| b.0 >= xr.start && b.2 <= xr.end && b.1 >= yr.start && b.3 <= yr.end;
    let r = px(MARKER);
    let marker_boxes: Vec<Box> = markers
        .iter()
        .map(|&(x, y)| (x - r, y - r, x + r, y + r))
        .collect();
    let mut taken: Vec<Box> = Vec::new();
    let base = area.get_base_pixel();
    for (name, &(x, y)) in names.iter().zip(anchors) {
        let label = clip(name);
        let width = px(0.6 * text::BODY * label.chars().count() as f64);
        let height = px(text::BODY * 1.2);
        let own = (x - r, y - r, x + r, y + r);
        let covers = |b: Box| {
            marker_boxes
                .iter()
                .filter(|&&o| o != own && overlaps(b, o))
                .count()
        };
        let options = places(x, y, width, height);
        let free = options
            .iter()
            .filter(|o| inside(o.0) && !taken.iter().any(|&t| overlaps(o.0, t)));
        // A label that fits nowhere inside the plot, or only over another label, is left
        // out: an unreadable pile of words helps no one.
        let Some(&(chosen, at, h, v)) = free.min_by_key(|o| covers(o.0)) else {
            continue;
        };
        taken.push(chosen);
        area.draw(&Text::new(
            nnhw_plot::style::printable(&label),
            (at.0 - base.0, at.1 - base.1),
            text_style(text::BODY, INK, h, v),
        ))
        .map_err(fail)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_words_are_cut_and_boxes_overlap_only_when_they_do() {
        assert_eq!(clip("cat"), "cat");
        assert_eq!(clip(&"x".repeat(30)).chars().count(), LONGEST);
        assert!(overlaps((0, 0, 10, 10), (5, 5, 15, 15)));
        assert!(!overlaps((0, 0, 10, 10), (10, 0, 20, 10)));
    }
}
