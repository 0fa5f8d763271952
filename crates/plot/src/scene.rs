//! What a figure has drawn so far, read back from the SVG plotters wrote: every stroke as
//! straight pieces, every small filled shape (markers, arrowheads), every larger shape a
//! label must not cover (boxes, states), and every text's box in the figures' font. Label
//! placement ([`crate::place`]) avoids what is here, so it sees each line, curve and word
//! exactly where it was drawn, whichever piece of code drew it.
//!
//! plotters writes one element per line with plain attributes (`points`, `x`, `y`,
//! `width`, `stroke`, `fill`, `font-size`, `dy`, `text-anchor`, a `rotate` transform on
//! vertical text); only that dialect is read.

use crate::metrics;
use crate::style::SCALE;

/// A point in CSS pixels on the canvas.
pub type Point = (f64, f64);
/// (left, top, right, bottom) in CSS pixels.
pub type Rect = [f64; 4];

/// A colour as `#RRGGBB` reads.
pub type Rgb = (u8, u8, u8);

/// One straight piece of a stroke.
#[derive(Debug, Clone, Copy)]
pub struct Piece {
    /// Its ends.
    pub from: Point,
    /// See `from`.
    pub to: Point,
    /// Half its stroke width.
    pub half_width: f64,
    /// Its colour.
    pub color: Rgb,
}

/// Everything drawn.
#[derive(Debug, Default, Clone)]
pub struct Scene {
    /// Strokes, grid excepted.
    pub pieces: Vec<Piece>,
    /// Markers and arrowheads: small filled shapes.
    pub marks: Vec<Rect>,
    /// Boxes and states: large white grounds.
    pub blocks: Vec<Rect>,
    /// Text boxes.
    pub words: Vec<Rect>,
}

/// Whether a colour is background: the grid, white and near-white grounds.
pub fn light((r, g, b): Rgb) -> bool {
    r.min(g).min(b) >= 200
}

fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = start + tag[start..].find('"')?;
    Some(&tag[start..end])
}

fn number(tag: &str, name: &str) -> Option<f64> {
    attribute(tag, name)?.trim().parse().ok()
}

fn color(tag: &str, name: &str) -> Option<Rgb> {
    let hex = attribute(tag, name)?.strip_prefix('#')?;
    let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some((byte(0)?, byte(2)?, byte(4)?))
}

fn points(tag: &str) -> Vec<Point> {
    attribute(tag, "points")
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|pair| {
            let (x, y) = pair.split_once(',')?;
            Some((
                x.parse::<f64>().ok()? / SCALE,
                y.parse::<f64>().ok()? / SCALE,
            ))
        })
        .collect()
}

fn bounds(points: &[Point]) -> Option<Rect> {
    let first = points.first()?;
    Some(points.iter().fold(
        [first.0, first.1, first.0, first.1],
        |[l, t, r, b], &(x, y)| [l.min(x), t.min(y), r.max(x), b.max(y)],
    ))
}

/// Largest area, in square pixels, of a filled shape that counts as a mark.
const MARK_AREA: f64 = 900.0;

impl Scene {
    /// Reads what `svg` draws. Elements it does not know are skipped.
    pub fn read(svg: &str) -> Scene {
        let mut scene = Scene::default();
        for piece in svg.split('<').skip(1) {
            let tag = piece.split('>').next().unwrap_or_default();
            let name = tag.split_whitespace().next().unwrap_or_default();
            let body = piece.split_once('>').map_or("", |(_, b)| b);
            scene.element(name, &format!(" {tag}"), body.trim());
        }
        scene
    }

    fn stroke(&mut self, tag: &str, outline: &[Point], closed: bool) {
        let Some(c) = color(tag, "stroke") else {
            return;
        };
        if light(c) || attribute(tag, "stroke") == Some("none") {
            return;
        }
        let half_width = 0.5 * number(tag, "stroke-width").unwrap_or(SCALE) / SCALE;
        let mut ends: Vec<Point> = outline.to_vec();
        if closed && let Some(&first) = outline.first() {
            ends.push(first);
        }
        for w in ends.windows(2) {
            self.pieces.push(Piece {
                from: w[0],
                to: w[1],
                half_width,
                color: c,
            });
        }
    }

    fn fill(&mut self, tag: &str, rect: Rect, whole_canvas: bool) {
        let Some(c) = color(tag, "fill") else {
            return;
        };
        let faint = number(tag, "opacity").is_some_and(|o| o < 0.5);
        let area = (rect[2] - rect[0]) * (rect[3] - rect[1]);
        if whole_canvas {
            return;
        }
        // Small solid shapes are marks; a white one larger is the ground of a box or a
        // state, which holds its own text. Tinted areas (regions, shading) are neither:
        // a label may sit on them.
        if area < MARK_AREA && !light(c) && !faint {
            self.marks.push(rect);
        } else if area >= MARK_AREA && c == (255, 255, 255) && !faint {
            self.blocks.push(rect);
        }
    }

    fn element(&mut self, name: &str, tag: &str, body: &str) {
        match name {
            "polyline" => self.stroke(tag, &points(tag), false),
            "polygon" => {
                let outline = points(tag);
                self.stroke(tag, &outline, true);
                if let Some(rect) = bounds(&outline) {
                    self.fill(tag, rect, false);
                }
            }
            "line" => {
                let get = |n| number(tag, n).unwrap_or(0.0) / SCALE;
                self.stroke(
                    tag,
                    &[(get("x1"), get("y1")), (get("x2"), get("y2"))],
                    false,
                );
            }
            "rect" => {
                let get = |n| number(tag, n).unwrap_or(0.0) / SCALE;
                let (x, y, w, h) = (get("x"), get("y"), get("width"), get("height"));
                let corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)];
                self.stroke(tag, &corners, true);
                let canvas = w >= f64::from(crate::SIZE.0) && h >= f64::from(crate::SIZE.1);
                self.fill(tag, [x, y, x + w, y + h], canvas);
            }
            "circle" => {
                let get = |n| number(tag, n).unwrap_or(0.0) / SCALE;
                let (x, y, r) = (get("cx"), get("cy"), get("r"));
                let outline: Vec<Point> = (0..24)
                    .map(|k| {
                        let a = std::f64::consts::TAU * f64::from(k) / 24.0;
                        (x + r * a.cos(), y + r * a.sin())
                    })
                    .collect();
                self.stroke(tag, &outline, true);
                self.fill(tag, [x - r, y - r, x + r, y + r], false);
            }
            "text" => {
                if let Some(rect) = text_box(tag, body) {
                    self.words.push(rect);
                }
            }
            _ => {}
        }
    }
}

/// The box a browser lays a plotters `<text>` out in.
fn text_box(tag: &str, body: &str) -> Option<Rect> {
    let size = number(tag, "font-size")? / SCALE;
    let bold = attribute(tag, "font-weight") == Some("bold");
    let (x, y) = (number(tag, "x")? / SCALE, number(tag, "y")? / SCALE);
    let text = body
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
    let w = metrics::width(text.trim(), size, bold);
    let baseline = y + match attribute(tag, "dy") {
        Some("0.76em") => 0.76 * size,
        Some("0.5ex") => 0.5 * metrics::X_HEIGHT * size,
        Some("-0.5ex") => -0.5 * metrics::X_HEIGHT * size,
        _ => 0.0,
    };
    let left = match attribute(tag, "text-anchor") {
        Some("middle") => x - 0.5 * w,
        Some("end") => x - w,
        _ => x,
    };
    let (top, bottom) = (
        baseline - metrics::ASCENT * size,
        baseline + metrics::DESCENT * size,
    );
    // Vertical text (an axis description) turns about its anchor.
    Some(match attribute(tag, "transform") {
        Some(t) if t.starts_with("rotate(270") || t.starts_with("rotate(90") => {
            let (dl, dr) = (left - x, left + w - x);
            let (dt, db) = (top - y, bottom - y);
            if t.starts_with("rotate(270") {
                [x + dt, y - dr, x + db, y - dl]
            } else {
                [x - db, y + dl, x - dt, y + dr]
            }
        }
        _ => [left, top, left + w, bottom],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plotters_elements_read_back() {
        let svg = r##"<svg>
<rect x="0" y="0" width="7200" height="6000" fill="#FFFFFF" stroke="none"/>
<polyline fill="none" stroke="#1F77B4" stroke-width="20" points="0,0 100,0 100,100 "/>
<polyline fill="none" stroke="#E1E1E1" stroke-width="10" points="0,0 100,0 "/>
<circle cx="500" cy="500" r="45" fill="#1F77B4" stroke="none"/>
<rect x="1000" y="1000" width="1200" height="600" fill="#FFFFFF" stroke="#9467BD" stroke-width="15"/>
<text x="3600" y="100" dy="0.76em" text-anchor="middle" font-size="180" fill="#222222">ab</text>
</svg>"##;
        let scene = Scene::read(svg);
        assert_eq!(scene.pieces.len(), 2 + 4, "the grid is background");
        assert_eq!(scene.pieces[0].from, (0.0, 0.0));
        assert_eq!(scene.pieces[1].to, (10.0, 10.0));
        assert_eq!(scene.pieces[0].half_width, 1.0);
        assert_eq!(scene.marks, vec![[45.5, 45.5, 54.5, 54.5]]);
        assert_eq!(scene.blocks, vec![[100.0, 100.0, 220.0, 160.0]]);
        let w = metrics::width("ab", 18.0, false);
        let [l, t, r, b] = scene.words[0];
        assert!((l - (360.0 - w / 2.0)).abs() < 1e-9 && (r - l - w).abs() < 1e-9);
        assert!(t < 10.0 && b > 10.0 + 0.76 * 18.0);
    }
}
