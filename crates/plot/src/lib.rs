//! The house style of nnhw's figures, and the pieces every section draws with.
//!
//! A figure is a 720×600 SVG: the spec's title and a line saying what the figure shows
//! on top, the plot in the middle, and the legend in its own framed band underneath, so it
//! never covers data. [`figure`] lays that out; [`axes`] draws charts (a light major grid,
//! integer ticks on integer axes, real minus signs, equal scales for geometry), [`bars`]
//! draws histograms of counts, [`mark`] draws every series as colour *and* dash *and*
//! marker, [`diagram`] draws networks and computational graphs as boxes and arrows, and
//! [`regions`] turns a classifier of the plane into filled polygons.
//!
//! Drawing stays on plotters, which lays out axes and ticks and writes the SVG. Its SVG
//! backend places everything on whole units, so a figure is drawn at ten times its size
//! and the `viewBox` scales it back ([`style::SCALE`]): coordinates land on tenths of a
//! pixel and curves are smooth. Diagrams are small layered graphs whose layers the caller
//! knows (a network's layers, a computational graph's depth), so nodes are placed on that
//! grid rather than through a graph-layout crate; contours come from the `contour` crate
//! (marching squares).
//!
//! It holds no math of the homework: sections compute, this crate draws.

pub mod axes;
pub mod bars;
pub mod diagram;
pub mod legend;
pub mod mark;
pub mod regions;
pub mod style;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

pub use axes::{Axis, Chart, chart, equal_scales, mesh, panel};
pub use bars::histogram;
pub use legend::Entry;
pub use plotters;
pub use style::{Dash, Marker, SIZE, Style, color, px, short, subscript, superscript};

use style::{INK, bold_style, text, text_style};

/// The length of (dx, dy) on the canvas. Not `f64::hypot`: libm's, which glibc 2.35
/// versioned anew, so one call kept the whole runner from starting on glibc 2.34. A
/// canvas is a few thousand pixels wide, so the plain formula cannot overflow.
pub(crate) fn length(dx: f64, dy: f64) -> f64 {
    (dx * dx + dy * dy).sqrt()
}

/// The drawing area a figure draws on.
pub type Root<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// Lets `?` carry any plotters error out as text.
pub fn fail<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}

/// The words of an SVG's `<text>` elements, one element a line, with the entities the
/// SVG backend escapes (`&lt;`, `&gt;`, `&quot;`, `&apos;`, `&amp;`) read back: what a
/// reader of a figure sees, for tests that look for words in one (a title, a label, an
/// answer that must not be there). Markup inside an element is kept as it is; nnhw's
/// figures have none.
pub fn svg_text(svg: &str) -> String {
    let mut lines = Vec::new();
    for piece in svg.split("<text").skip(1) {
        // `<text …>`, not `<textPath`; a self-closed `<text/>` holds nothing.
        let Some((tag, body)) = piece.split_once('>') else {
            continue;
        };
        if !(tag.is_empty() || tag.starts_with(char::is_whitespace)) || tag.ends_with('/') {
            continue;
        }
        let inner = body.split("</text>").next().unwrap_or_default();
        lines.push(
            inner
                .trim()
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&"),
        );
    }
    lines.join("\n")
}

/// `lo..hi` when it is a finite, non-empty range plotters can lay out; plotters never
/// finishes on an infinite one.
pub fn finite_range(lo: f64, hi: f64) -> Result<std::ops::Range<f64>, String> {
    if lo.is_finite() && hi.is_finite() && lo < hi && (hi - lo).is_finite() {
        Ok(lo..hi)
    } else {
        Err(format!("cannot draw an axis from {lo} to {hi}"))
    }
}

/// Most points drawn for one curve: more is invisible on a 720-pixel figure and bloats
/// the SVG.
pub const MAX_POINTS: usize = 1_000;

/// Every k-th point (and the last), so a curve has at most [`MAX_POINTS`] points.
pub fn thin<T: Copy>(points: &[T]) -> Vec<T> {
    let step = points.len().div_ceil(MAX_POINTS).max(1);
    let mut kept: Vec<T> = points.iter().copied().step_by(step).collect();
    if let Some(&last) = points.last()
        && !(points.len() - 1).is_multiple_of(step)
    {
        kept.push(last);
    }
    kept
}

/// Height of the title band in CSS pixels.
const HEADING: f64 = 58.0;

/// The id of the legend's group in the SVG, and of the invisible rectangle marking the
/// plot band; the figure tests find both by it.
pub const LEGEND_ID: &str = "legend";
/// See [`LEGEND_ID`].
pub const PLOT_ID: &str = "plot-area";

/// `text` on one line, cut with an ellipsis where its estimated width at `size` pixels
/// passes `width`, so a long title stays on the canvas.
fn clip(text: &str, size: f64, width: f64) -> String {
    let one_line = style::printable(text);
    // Per-character widths a little over DejaVu Sans's: wide capitals and CJK a full em,
    // other capitals 0.75, the rest 0.6 (the pixel test catches text off the canvas).
    let em = |c: char| match c {
        'W' | 'M' | 'm' | 'w' | '@' | '%' => 1.0,
        c if c.is_uppercase() => 0.75,
        c if u32::from(c) >= 0x2E80 => 1.0,
        _ => 0.6,
    };
    let mut used = 0.0;
    let mut out = String::new();
    let ellipsis = em('…') * size;
    let total: f64 = one_line.chars().map(|c| em(c) * size).sum();
    if total <= width {
        return one_line;
    }
    for c in one_line.chars() {
        used += em(c) * size;
        if used + ellipsis > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// Renders one figure: `title` (the spec's) and `subtitle` (what it shows) on top, the
/// plot `draw` makes in the middle, and `legend` underneath. `None` if plotters reported
/// an error (a range it cannot lay out).
pub fn figure(
    title: &str,
    subtitle: &str,
    legend: &[Entry],
    draw: impl FnOnce(&Root<'_>) -> Result<(), String>,
) -> Option<String> {
    let canvas = (SIZE.0 * style::SCALE as u32, SIZE.1 * style::SCALE as u32);
    let band = legend::height(legend);
    let mut svg = String::new();
    let plot_box;
    {
        let root = SVGBackend::with_string(&mut svg, canvas).into_drawing_area();
        root.fill(&WHITE).ok()?;
        let width = SIZE.0 as f64;
        let heading = [
            (
                clip(title, text::TITLE, width - 24.0),
                bold_style(text::TITLE, INK, HPos::Center, VPos::Top),
                10.0,
            ),
            (
                clip(subtitle, text::SUBTITLE, width - 24.0),
                text_style(text::SUBTITLE, INK, HPos::Center, VPos::Top),
                34.0,
            ),
        ];
        for (line, style, top) in heading {
            root.draw(&Text::new(line, (px(width / 2.0), px(top)), style))
                .ok()?;
        }
        let plot = root.margin(px(HEADING), px(band), 0, 0);
        let (xs, ys) = plot.get_pixel_range();
        plot_box = (xs, ys);
        draw(&plot).ok()?;
        root.present().ok()?;
    }
    let mut key = String::new();
    {
        let root = SVGBackend::with_string(&mut key, canvas).into_drawing_area();
        let (_, bottom) = root.split_vertically(px(SIZE.1 as f64 - band));
        legend::draw(&bottom, legend).ok()?;
        root.present().ok()?;
    }
    Some(assemble(&svg, &key, plot_box))
}

/// The main drawing with the legend's drawing spliced in as one group, the size set to
/// CSS pixels (the `viewBox` keeps the drawing units), and the plot band marked.
fn assemble(
    svg: &str,
    key: &str,
    (xs, ys): (std::ops::Range<i32>, std::ops::Range<i32>),
) -> String {
    let body = |doc: &str| -> String {
        let start = doc.find('>').map_or(0, |i| i + 1);
        let end = doc.rfind("</svg>").unwrap_or(doc.len());
        doc[start..end].trim().to_string()
    };
    let header = format!(
        r#"<svg width="{}" height="{}" viewBox="0 0 {} {}" xmlns="http://www.w3.org/2000/svg">"#,
        SIZE.0,
        SIZE.1,
        px(SIZE.0 as f64),
        px(SIZE.1 as f64)
    );
    let legend = body(key);
    let legend = if legend.is_empty() {
        String::new()
    } else {
        format!("<g id=\"{LEGEND_ID}\">\n{legend}\n</g>\n")
    };
    format!(
        "{header}\n{}\n{legend}<rect id=\"{PLOT_ID}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\"/>\n</svg>\n",
        body(svg),
        xs.start,
        ys.start,
        xs.end - xs.start,
        ys.end - ys.start,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_is_one_svg_document_with_its_legend_grouped() {
        let legend = [Entry::series("series-abc", Style::series(0))];
        let svg = figure("title-xyz", "what it shows", &legend, |area| {
            let mut c = chart(area, 0.0..1.0, 0.0..1.0)?;
            mesh(&mut c, Axis::new("x"), Axis::new("y"))?;
            axes::series(&mut c, &[(0.0, 0.0), (1.0, 1.0)], &Style::series(0))
        })
        .unwrap();
        assert!(svg.starts_with("<svg width=\"720\" height=\"600\" viewBox=\"0 0 7200 6000\""));
        assert!(svg.trim_end().ends_with("</svg>"));
        assert_eq!(svg.matches("<svg").count(), 1);
        assert!(svg.contains("title-xyz") && svg.contains("series-abc"));
        let legend_at = svg.find("<g id=\"legend\">").unwrap();
        assert!(svg[legend_at..].contains("series-abc"));
    }

    #[test]
    fn a_long_dotted_curve_stays_a_bounded_number_of_elements() {
        let wiggle: Vec<(f64, f64)> = (0..1000)
            .map(|i| (f64::from(i) / 1000.0, f64::from(i % 2)))
            .collect();
        let svg = figure("t", "s", &[], |area| {
            let mut c = chart(area, 0.0..1.0, 0.0..1.0)?;
            axes::line(&mut c, &wiggle, &Style::line(color(0)).dash(Dash::Dotted))
        })
        .unwrap();
        let dashes = svg.matches("<polyline").count();
        assert!(
            (20..=mark::MAX_DASHES as usize + 2).contains(&dashes),
            "{dashes}"
        );
    }

    #[test]
    fn long_titles_are_clipped_to_the_canvas() {
        assert_eq!(clip("abc", 10.0, 100.0), "abc");
        assert_eq!(clip("abcdefghijklmnop", 10.0, 50.0), "abcdefg…");
        assert_eq!(
            clip(&"W".repeat(500), 18.0, 696.0),
            format!("{}…", "W".repeat(38))
        );
        assert_eq!(clip("a\nb", 10.0, 100.0), "a b");
        assert_eq!(clip("party 🎉\u{fe0f}!", 10.0, 200.0), "party □!");
    }

    #[test]
    fn svg_text_reads_each_text_element_back() {
        let svg = "<svg><text x=\"1\" y=\"2\">W &lt; 0 &amp; b &gt; 1\n</text>\
                   <textPath>not this</textPath><text/><rect/>\
                   <text>&quot;it&apos;s&quot; −0.5</text></svg>";
        assert_eq!(svg_text(svg), "W < 0 & b > 1\n\"it's\" −0.5");
        assert_eq!(svg_text("<svg/>"), "");
        let drawn = figure("title <x> & y", "what it shows", &[], |_| Ok(())).unwrap();
        assert!(svg_text(&drawn).starts_with("title <x> & y\nwhat it shows"));
    }

    #[test]
    fn long_curves_are_thinned_keeping_both_ends() {
        let points: Vec<usize> = (0..10_001).collect();
        let kept = thin(&points);
        assert!(kept.len() <= MAX_POINTS + 1);
        assert_eq!(kept.first(), Some(&0));
        assert_eq!(kept.last(), Some(&10_000));
        assert_eq!(thin(&[1, 2, 3]), vec![1, 2, 3]);
    }

    #[test]
    fn infinite_ranges_are_refused_before_plotters_sees_them() {
        assert!(finite_range(0.0, 1.0).is_ok());
        assert!(finite_range(0.0, f64::INFINITY).is_err());
        assert!(finite_range(-1e308, 1e308).is_err());
        assert!(finite_range(1.0, 1.0).is_err());
    }
}
