//! The house style: canvas size and resolution, text sizes, the palette, and the
//! line-and-marker [`Style`] each series is drawn with.

use nnhw_core::format::{Minus, NumberFormat, Power};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// A figure's size in CSS pixels.
pub const SIZE: (u32, u32) = (720, 600);

/// Drawing units per CSS pixel. plotters places everything on whole backend units, so the
/// canvas is drawn ten times larger and the SVG's `viewBox` scales it back: coordinates
/// land on tenths of a pixel and curves come out smooth.
pub const SCALE: f64 = 10.0;

/// A length in CSS pixels as drawing units.
pub fn px(pixels: f64) -> i32 {
    (pixels * SCALE).round() as i32
}

/// Text sizes in CSS pixels. The smallest is 18 px, a quarter more than matplotlib's
/// 10 pt at 100 dpi: a figure fitted to a phone (about 376 px of a 400 px screen) or to
/// half a printed page (90 mm) still shows it at 9 CSS px, or 6.4 pt.
pub mod text {
    /// The spec's title.
    pub const TITLE: f64 = 22.0;
    /// The line under the title saying what the figure shows.
    pub const SUBTITLE: f64 = 18.0;
    /// Axis descriptions.
    pub const AXIS: f64 = 18.0;
    /// Tick labels, legend entries and annotations.
    pub const BODY: f64 = 18.0;
}

/// The figures' font (see [`crate::metrics`]) at `size` CSS pixels. plotters writes
/// `font-size` as its size / 1.24.
pub fn font(size: f64) -> FontDesc<'static> {
    (crate::metrics::FAMILY, size * 1.24 * SCALE).into_font()
}

/// [`font`] in `color`, anchored at `h`/`v`.
pub fn text_style(size: f64, color: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    font(size).color(&color).pos(Pos::new(h, v))
}

/// [`text_style`] in bold.
pub fn bold_style(size: f64, color: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    (crate::metrics::FAMILY, size * 1.24 * SCALE, FontStyle::Bold)
        .into_font()
        .color(&color)
        .pos(Pos::new(h, v))
}

/// Matplotlib's tab10 without its yellow-green and cyan: each readable on white.
const COLORS: [RGBColor; 8] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(148, 103, 189),
    RGBColor(255, 127, 14),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
];

/// Colours that mean one thing in every figure, and are used for nothing else. A signed
/// quantity (a weight, a gradient) is blue and solid when positive, red and dashed when
/// negative, so it reads in grey too; a network's units are grey (inputs), purple
/// (hidden) and green (outputs). Series of curves take [`color`], whose hues differ
/// from these.
pub mod palette {
    use plotters::style::RGBColor;

    /// A positive quantity (ColorBrewer RdBu's dark blue).
    pub const POSITIVE: RGBColor = RGBColor(33, 102, 172);
    /// A negative quantity (RdBu's dark red).
    pub const NEGATIVE: RGBColor = RGBColor(178, 24, 43);
    /// A network's inputs.
    pub const INPUT: RGBColor = RGBColor(110, 110, 110);
    /// A network's hidden units (PRGn's dark purple).
    pub const HIDDEN: RGBColor = RGBColor(118, 42, 131);
    /// A network's outputs (PRGn's dark green).
    pub const OUTPUT: RGBColor = RGBColor(27, 120, 55);
}

/// Text, axes and frames.
pub const INK: RGBColor = RGBColor(34, 34, 34);
/// The light major grid.
pub const GRID: RGBColor = RGBColor(225, 225, 225);

/// `c` halfway to white: guides and secondary marks in a series' own hue.
pub fn lighter(c: RGBColor) -> RGBColor {
    let half = |v: u8| ((u16::from(v) + 255) / 2) as u8;
    RGBColor(half(c.0), half(c.1), half(c.2))
}

/// The i-th series colour (cycling).
pub fn color(i: usize) -> RGBColor {
    COLORS[i % COLORS.len()]
}

/// How a line is stroked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dash {
    /// A solid line.
    Solid,
    /// Long dashes.
    Dashed,
    /// Short dots.
    Dotted,
    /// No line: markers only.
    None,
}

/// The mark at each data point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// No mark.
    None,
    /// A disc.
    Circle,
    /// A square.
    Square,
    /// An upward triangle.
    Triangle,
    /// A diamond.
    Diamond,
}

/// How one series is drawn; the legend draws its swatch from the same value, so they
/// always match.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    /// Line and marker colour.
    pub color: RGBColor,
    /// Line width in CSS pixels.
    pub width: f64,
    /// How the line is stroked.
    pub dash: Dash,
    /// The mark at each point.
    pub marker: Marker,
    /// Markers drawn as outlines rather than filled.
    pub hollow: bool,
}

impl Style {
    /// A solid line of colour `color` with no markers.
    pub fn line(color: RGBColor) -> Self {
        Style {
            color,
            width: 2.0,
            dash: Dash::Solid,
            marker: Marker::None,
            hollow: false,
        }
    }

    /// The i-th series: its own colour, and its own dash and marker so it stays
    /// distinguishable in grey.
    pub fn series(i: usize) -> Self {
        const DASHES: [Dash; 3] = [Dash::Solid, Dash::Dashed, Dash::Dotted];
        const MARKERS: [Marker; 4] = [
            Marker::Circle,
            Marker::Square,
            Marker::Triangle,
            Marker::Diamond,
        ];
        Style {
            dash: DASHES[i % DASHES.len()],
            marker: MARKERS[i % MARKERS.len()],
            ..Style::line(color(i))
        }
    }

    /// A signed quantity `v`: [`palette::POSITIVE`] and solid when `v > 0`,
    /// [`palette::NEGATIVE`] and dashed when `v < 0` (zero draws as positive).
    pub fn signed(v: f64) -> Self {
        if v < 0.0 {
            Style::line(palette::NEGATIVE).dash(Dash::Dashed)
        } else {
            Style::line(palette::POSITIVE)
        }
    }

    /// The same with `dash`.
    pub fn dash(self, dash: Dash) -> Self {
        Style { dash, ..self }
    }

    /// The same with `marker`.
    pub fn marker(self, marker: Marker) -> Self {
        Style { marker, ..self }
    }

    /// The same with hollow markers.
    pub fn hollow(self) -> Self {
        Style {
            hollow: true,
            ..self
        }
    }

    /// The same with a line `width` pixels wide.
    pub fn width(self, width: f64) -> Self {
        Style { width, ..self }
    }

    /// The stroke, in drawing units.
    pub fn stroke(&self) -> ShapeStyle {
        self.color.stroke_width(px(self.width) as u32)
    }
}

/// A number as a tick label: no floating-point noise, a real minus sign, no `-0`.
pub fn tick(v: f64) -> String {
    short(v, 6)
}

/// [`tick`] with enough digits that ticks `step` apart on an axis reaching `reach` read
/// differently (0.1000000002 next to 0.1000000004), and never fewer than six.
pub fn tick_on(v: f64, step: f64, reach: f64) -> String {
    let needed = if step > 0.0 && reach > 0.0 {
        (reach / step).log10().ceil() as i32 + 1
    } else {
        6
    };
    short(v, needed.clamp(6, 15))
}

/// How a figure writes a number: a real minus sign, powers of ten as `2.5×10⁻⁷` outside
/// 10⁻⁴ … 10⁶, ∞ spelt out; [`short`] chooses the significant digits.
pub const NUMBERS: NumberFormat = NumberFormat {
    positional: (1e-4, 1e6),
    max_decimals: 12,
    power: Power::TimesTen,
    minus: Minus::Sign,
    infinity: "∞",
    ..NumberFormat::REPORT
};

/// `v` to `significant` significant digits for people, as [`NUMBERS`] writes it:
/// trailing zeros dropped, a real minus sign, powers of ten as `2.5×10⁻⁷` outside
/// 10⁻⁴ … 10⁶, ∞ and nan spelt out.
pub fn short(v: f64, significant: i32) -> String {
    NUMBERS.significant(significant.max(1) as usize).format(v)
}

/// `text` as one line the house font can draw: control characters become spaces, and
/// characters beyond the Basic Multilingual Plane (emoji, mostly) become □, since a
/// renderer without a font for them may drop the whole line (librsvg does); emoji
/// variation selectors and joiners go.
pub fn printable(text: &str) -> String {
    text.chars()
        .filter(|&c| c != '\u{fe0f}' && c != '\u{200d}')
        .map(|c| match c {
            c if c.is_control() => ' ',
            c if u32::from(c) > 0xFFFF => '□',
            c => c,
        })
        .collect()
}

/// An integer in Unicode superscript digits.
pub fn superscript(n: i32) -> String {
    nnhw_core::format::superscript(&n.to_string())
}

/// A non-negative integer in Unicode subscript digits (`x` + `subscript(1)` = `x₁`).
pub fn subscript(n: usize) -> String {
    n.to_string()
        .chars()
        .map(|d| ['₀', '₁', '₂', '₃', '₄', '₅', '₆', '₇', '₈', '₉'][d as usize - '0' as usize])
        .collect()
}

/// An integer tick label, or none between integers.
pub fn integer_tick(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        tick(v.round())
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_read_like_a_person_wrote_them() {
        assert_eq!(tick(0.30000000000000004), "0.3");
        assert_eq!(tick(-0.5), "−0.5");
        assert_eq!(tick(-0.0), "0");
        assert_eq!(tick(2.0), "2");
        assert_eq!(tick(1e-5), "10⁻⁵");
        assert_eq!(tick(2.5e-7), "2.5×10⁻⁷");
        assert_eq!(integer_tick(1.5), "");
        assert_eq!(tick_on(0.1000000002, 1e-10, 0.1000000004), "0.1000000002");
        assert_eq!(tick_on(0.5, 0.1, 1.0), "0.5");
        assert_eq!(integer_tick(-3.0), "−3");
        assert_eq!(subscript(12), "₁₂");
        assert_eq!(short(0.9999996940977731, 7), "0.9999997");
        assert_eq!(short(3.059022269256247e-7, 4), "3.059×10⁻⁷");
        assert_eq!(short(9.99996e-7, 4), "10⁻⁶");
        assert_eq!(short(-2.000004e300, 4), "−2×10³⁰⁰");
        assert_eq!(short(f64::NEG_INFINITY, 4), "−∞");
        // The mantissa is the number's own digits: a subnormal is written like any other,
        // and a log10 a hair off does not make 9.5e-5 a mantissa of 0.9.
        assert_eq!(short(5e-324, 4), "4.941×10⁻³²⁴");
        assert_eq!(short(9.5e-5, 1), "10⁻⁴");
        assert_eq!(short(3.943013383563367e-8, 15), "3.94301338356337×10⁻⁸");
    }

    #[test]
    fn neighbouring_series_differ_in_colour_dash_and_marker() {
        let (a, b) = (Style::series(0), Style::series(1));
        assert_ne!(a.color, b.color);
        assert_ne!(a.dash, b.dash);
        assert_ne!(a.marker, b.marker);
    }
}
