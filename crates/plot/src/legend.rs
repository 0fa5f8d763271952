//! The legend: a framed band under the plot, so it never covers data. Entries flow into
//! as many columns as fit; each swatch is drawn by [`crate::mark`] from the entry's own
//! [`Style`], so it matches the series.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::mark::{Mark, draw_on_area};
use crate::style::{INK, SIZE, Style, px, text, text_style};
use crate::{Error, Root};

/// What a legend entry's swatch looks like.
#[derive(Debug, Clone, PartialEq)]
pub enum Swatch {
    /// A short line with a marker in the middle, as the series is drawn.
    Series(Style),
    /// A filled square, for a shaded area, in `color` at `opacity`.
    Area(RGBColor, f64),
}

/// One line of the legend.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// What the swatch names.
    pub label: String,
    /// How it is drawn.
    pub swatch: Swatch,
}

impl Entry {
    /// A series drawn in `style`.
    pub fn series(label: impl Into<String>, style: Style) -> Self {
        Entry {
            label: label.into(),
            swatch: Swatch::Series(style),
        }
    }

    /// An area shaded `color` at `opacity`.
    pub fn area(label: impl Into<String>, color: RGBColor, opacity: f64) -> Self {
        Entry {
            label: label.into(),
            swatch: Swatch::Area(color, opacity),
        }
    }
}

const ROW: f64 = 1.5 * text::BODY;
const PADDING: f64 = 8.0;
const SWATCH: f64 = 36.0;

/// Columns and rows the entries take on a band as wide as the figure.
fn grid(entries: &[Entry]) -> (usize, usize, f64) {
    let widest = entries
        .iter()
        .map(|e| {
            let label = crate::style::printable(&e.label);
            SWATCH + 8.0 + crate::metrics::width(&label, text::BODY, false) + 16.0
        })
        .fold(0.0, f64::max);
    let usable = SIZE.0 as f64 - 2.0 * (PADDING + 16.0);
    let columns = ((usable / widest).floor() as usize).clamp(1, entries.len().max(1));
    let rows = entries.len().div_ceil(columns);
    (columns, rows, usable / columns as f64)
}

/// The band's height in CSS pixels; 0 without entries.
pub fn height(entries: &[Entry]) -> f64 {
    if entries.is_empty() {
        return 0.0;
    }
    let (_, rows, _) = grid(entries);
    rows as f64 * ROW + 2.0 * PADDING + 8.0
}

/// Draws the legend filling `band`.
pub(crate) fn draw(band: &Root<'_>, entries: &[Entry]) -> Result<(), Error> {
    if entries.is_empty() {
        return Ok(());
    }
    let (_, rows, column_width) = grid(entries);
    let frame = band.margin(px(4.0), px(4.0), px(16.0), px(16.0));
    let (w, _) = frame.dim_in_pixel();
    let h = px(rows as f64 * ROW + 2.0 * PADDING);
    frame.draw(&Rectangle::new(
        [(0, 0), (w as i32, h)],
        INK.mix(0.6).stroke_width(px(1.0) as u32),
    ))?;
    for (i, entry) in entries.iter().enumerate() {
        let (column, row) = (i / rows, i % rows);
        let x = px(PADDING + column as f64 * column_width);
        let y = px(PADDING + (row as f64 + 0.5) * ROW);
        swatch(&frame, &entry.swatch, x, y)?;
        frame.draw(&Text::new(
            crate::style::printable(&entry.label),
            (x + px(SWATCH + 8.0), y),
            text_style(text::BODY, INK, HPos::Left, VPos::Center),
        ))?;
    }
    Ok(())
}

fn swatch(
    area: &DrawingArea<SVGBackend<'_>, Shift>,
    swatch: &Swatch,
    x: i32,
    y: i32,
) -> Result<(), Error> {
    match swatch {
        Swatch::Series(style) => {
            draw_on_area(area, &[(x, y), (x + px(SWATCH), y)], style, false)?;
            area.draw(&Mark::new((x + px(SWATCH / 2.0), y), *style))
                .map_err(Error::from)
        }
        Swatch::Area(color, opacity) => area
            .draw(&Rectangle::new(
                [
                    (x + px(8.0), y - px(7.0)),
                    (x + px(SWATCH - 8.0), y + px(7.0)),
                ],
                color.mix(*opacity).filled(),
            ))
            .map_err(Error::from),
    }
}
