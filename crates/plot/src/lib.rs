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
//! It holds no math of the homework: sections compute, this crate draws. Its numbers
//! become text through nnhw-core's one formatter, with the figures' options
//! ([`style::NUMBERS`]); what goes wrong drawing is an [`Error`].

pub mod axes;
pub mod bars;
pub mod diagram;
mod error;
pub mod legend;
pub mod mark;
pub mod metrics;
mod place;
pub mod regions;
mod scene;
pub mod style;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

pub use axes::{Axis, Chart, chart, equal_scales, mesh, panel};
pub use bars::histogram;
pub use error::Error;
pub use legend::Entry;
pub use place::Labels;
pub use plotters;
pub use style::{Dash, Marker, SIZE, Style, color, palette, px, short, subscript, superscript};

use style::{INK, bold_style, text, text_style};

/// The length of (dx, dy) on the canvas. Not `f64::hypot`: libm's, which glibc 2.35
/// versioned anew, so one call kept the whole runner from starting on glibc 2.34. A
/// canvas is a few thousand pixels wide, so the plain formula cannot overflow.
pub(crate) fn length(dx: f64, dy: f64) -> f64 {
    (dx * dx + dy * dy).sqrt()
}

/// The drawing area a figure draws on.
pub type Root<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// Where `area`'s top left corner is on the canvas, in CSS pixels: what turns a point
/// drawn on it into one [`Labels`] takes.
pub fn origin(area: &Root<'_>) -> (f64, f64) {
    let (x, y) = area.get_base_pixel();
    (f64::from(x) / style::SCALE, f64::from(y) / style::SCALE)
}

/// Where the point `(x, y)` of `chart` is on the canvas, in CSS pixels.
pub fn on_canvas<X, Y>(
    chart: &plotters::chart::ChartContext<
        '_,
        SVGBackend<'_>,
        plotters::coord::cartesian::Cartesian2d<X, Y>,
    >,
    at: (X::ValueType, Y::ValueType),
) -> (f64, f64)
where
    X: plotters::coord::ranged1d::Ranged,
    Y: plotters::coord::ranged1d::Ranged,
{
    let (x, y) = chart.backend_coord(&at);
    (f64::from(x) / style::SCALE, f64::from(y) / style::SCALE)
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
pub fn finite_range(lo: f64, hi: f64) -> Result<std::ops::Range<f64>, Error> {
    if lo.is_finite() && hi.is_finite() && lo < hi && (hi - lo).is_finite() {
        Ok(lo..hi)
    } else {
        Err(Error::Range { lo, hi })
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

/// The id of the legend's group in the SVG, and of the invisible rectangle marking the
/// plot band; the figure tests find both by it.
pub const LEGEND_ID: &str = "legend";
/// See [`LEGEND_ID`].
pub const PLOT_ID: &str = "plot-area";

/// Most lines a subtitle wraps to.
const SUBTITLE_LINES: usize = 2;

/// `text` broken at spaces into lines at most `width` wide at `size` pixels, measured in
/// the figures' font; at most `most` lines, the last cut with an ellipsis if it must be.
fn wrap(text: &str, size: f64, bold: bool, width: f64, most: usize) -> Vec<String> {
    let fits = |s: &str| metrics::width(s, size, bold) <= width;
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in style::printable(text).split_whitespace() {
        let longer = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if fits(&longer) || line.is_empty() {
            line = longer;
        } else {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > most {
        let rest = lines.split_off(most - 1).join(" ");
        lines.push(rest);
    }
    if let Some(last) = lines.last_mut()
        && !fits(last)
    {
        let mut cut = String::new();
        for c in last.chars() {
            cut.push(c);
            if !fits(&format!("{cut}…")) {
                cut.pop();
                break;
            }
        }
        *last = format!("{}…", cut.trim_end());
    }
    lines
}

/// Renders one figure: `title` (the spec's) and `subtitle` (what it shows) on top, the
/// plot `draw` makes in the middle, and `legend` underneath. `None` if plotters reported
/// an error (a range it cannot lay out).
pub fn figure(
    title: &str,
    subtitle: &str,
    legend: &[Entry],
    draw: impl FnOnce(&Root<'_>) -> Result<(), Error>,
) -> Option<String> {
    figure_labelled(title, subtitle, legend, |area, _| draw(area))
}

/// [`figure`] for a plot with labels: `draw` draws the plot and gives its labels, which
/// are placed once the plot is drawn, clear of every line, marker, box and word in it
/// (see [`Labels`]).
pub fn figure_labelled(
    title: &str,
    subtitle: &str,
    legend: &[Entry],
    draw: impl FnOnce(&Root<'_>, &mut Labels) -> Result<(), Error>,
) -> Option<String> {
    let canvas = (SIZE.0 * style::SCALE as u32, SIZE.1 * style::SCALE as u32);
    let band = legend::height(legend);
    let width = SIZE.0 as f64;
    let title_lines = wrap(title, text::TITLE, true, width - 24.0, 1);
    let subtitle_lines = wrap(
        subtitle,
        text::SUBTITLE,
        false,
        width - 24.0,
        SUBTITLE_LINES,
    );
    let line = |size: f64| metrics::height(size) + 2.0;
    let heading =
        10.0 + line(text::TITLE) + subtitle_lines.len() as f64 * line(text::SUBTITLE) + 6.0;
    let mut svg = String::new();
    let plot_box;
    let mut labels = Labels::default();
    {
        let root = SVGBackend::with_string(&mut svg, canvas).into_drawing_area();
        root.fill(&WHITE).ok()?;
        let mut top = 10.0;
        for (i, line_text) in title_lines.iter().chain(&subtitle_lines).enumerate() {
            let (size, style) = if i < title_lines.len() {
                (
                    text::TITLE,
                    bold_style(text::TITLE, INK, HPos::Center, VPos::Top),
                )
            } else {
                (
                    text::SUBTITLE,
                    text_style(text::SUBTITLE, INK, HPos::Center, VPos::Top),
                )
            };
            root.draw(&Text::new(
                line_text.clone(),
                (px(width / 2.0), px(top)),
                style,
            ))
            .ok()?;
            top += line(size);
        }
        let plot = root.margin(px(heading), px(band), 0, 0);
        let (xs, ys) = plot.get_pixel_range();
        plot_box = (xs, ys);
        draw(&plot, &mut labels).ok()?;
        root.present().ok()?;
    }
    let bounds = [
        f64::from(plot_box.0.start) / style::SCALE,
        f64::from(plot_box.1.start) / style::SCALE,
        f64::from(plot_box.0.end) / style::SCALE,
        f64::from(plot_box.1.end) / style::SCALE,
    ];
    let placed = place::render(&labels, &svg, bounds);
    let mut key = String::new();
    {
        let root = SVGBackend::with_string(&mut key, canvas).into_drawing_area();
        let (_, bottom) = root.split_vertically(px(SIZE.1 as f64 - band));
        legend::draw(&bottom, legend).ok()?;
        root.present().ok()?;
    }
    let description = describe(subtitle, legend);
    Some(assemble(
        &svg,
        &placed,
        &key,
        plot_box,
        (title, &description),
    ))
}

/// What a screen reader says of a figure after its title: what it shows and its key.
fn describe(subtitle: &str, legend: &[Entry]) -> String {
    let mut out = style::printable(subtitle);
    if !legend.is_empty() {
        let key: Vec<String> = legend.iter().map(|e| style::printable(&e.label)).collect();
        out.push_str(&format!(". Key: {}.", key.join("; ")));
    }
    out
}

/// `text` safe inside an SVG element or attribute: the one escaping of the figures' own
/// words (plotters escapes what it writes).
pub(crate) fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The main drawing with the legend's drawing spliced in as one group, the size set to
/// CSS pixels (the `viewBox` keeps the drawing units), and the plot band marked.
fn assemble(
    svg: &str,
    labels: &str,
    key: &str,
    (xs, ys): (std::ops::Range<i32>, std::ops::Range<i32>),
    (title, description): (&str, &str),
) -> String {
    let body = |doc: &str| -> String {
        let start = doc.find('>').map_or(0, |i| i + 1);
        let end = doc.rfind("</svg>").unwrap_or(doc.len());
        doc[start..end].trim().to_string()
    };
    let header = format!(
        "<svg width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" xmlns=\"http://www.w3.org/2000/svg\">\n<title>{}</title>\n<desc>{}</desc>",
        SIZE.0,
        SIZE.1,
        px(SIZE.0 as f64),
        px(SIZE.1 as f64),
        escape(&style::printable(title)),
        escape(description),
    );
    let legend = body(key);
    let legend = if legend.is_empty() {
        String::new()
    } else {
        format!("<g id=\"{LEGEND_ID}\">\n{legend}\n</g>\n")
    };
    format!(
        "{header}\n{}\n{labels}{legend}<rect id=\"{PLOT_ID}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\"/>\n</svg>\n",
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
    fn long_subtitles_wrap_then_cut_and_titles_cut() {
        assert_eq!(wrap("abc", 10.0, false, 100.0, 1), ["abc"]);
        let cut = wrap(&"W".repeat(500), 22.0, true, 696.0, 1);
        assert_eq!(cut.len(), 1);
        assert!(cut[0].ends_with('…') && metrics::width(&cut[0], 22.0, true) <= 696.0);
        assert!(cut[0].chars().count() > 25, "{cut:?}");
        assert_eq!(wrap("a\nb", 10.0, false, 100.0, 1), ["a b"]);
        assert_eq!(
            wrap("party 🎉\u{fe0f}!", 10.0, false, 200.0, 1),
            ["party □!"]
        );
        // What fits on two lines is never cut: the number at the end stays.
        let long = "the minimal machine needs 12 states, proof too long to check here: 12";
        let two = wrap(long, 18.0, false, 400.0, 2);
        assert_eq!(two.len(), 2);
        assert_eq!(two.join(" "), long);
        assert!(two.iter().all(|l| metrics::width(l, 18.0, false) <= 400.0));
    }

    #[test]
    fn svg_text_reads_each_text_element_back() {
        let svg = "<svg><text x=\"1\" y=\"2\">W &lt; 0 &amp; b &gt; 1\n</text>\
                   <textPath>not this</textPath><text/><rect/>\
                   <text>&quot;it&apos;s&quot; −0.5</text></svg>";
        assert_eq!(svg_text(svg), "W < 0 & b > 1\n\"it's\" −0.5");
        assert_eq!(svg_text("<svg/>"), "");
        let drawn = figure("title <x> & y", "what it shows", &[], |_| Ok(())).unwrap();
        assert!(svg_text(&drawn).contains("title <x> & y\nwhat it shows"));
        assert!(drawn.contains("<title>title &lt;x&gt; &amp; y</title>"));
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
