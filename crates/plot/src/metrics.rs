//! How much room text takes in the figures' font. Every figure names DejaVu Sans (what
//! Debian's browsers and resvg use here; Verdana, drawn to the same metrics, where it is
//! missing), and every label is placed with DejaVu Sans's own advance widths, ascent and
//! descent, so the box nnhw avoids is the box a browser lays out.

mod widths;

use widths::WIDTHS;

/// The `font-family` every figure names.
pub const FAMILY: &str = "DejaVu Sans, Verdana, sans-serif";
/// Ascent and descent of DejaVu Sans (its `hhea` table), in em: a browser's text box runs
/// from `ASCENT` above the baseline to `DESCENT` below it.
pub const ASCENT: f64 = 1901.0 / 2048.0;
/// See [`ASCENT`].
pub const DESCENT: f64 = 483.0 / 2048.0;
/// Its x-height in em: what `1ex` is.
pub const X_HEIGHT: f64 = 1120.0 / 2048.0;

/// The advance of `c` in em, regular or bold; a full em for what the table lacks (CJK,
/// symbols nnhw does not write), which errs wide.
fn advance(c: char, bold: bool) -> f64 {
    let code = u32::from(c);
    let units = WIDTHS
        .binary_search_by_key(&code, |&(c, _, _)| c)
        .map_or(2048, |i| if bold { WIDTHS[i].2 } else { WIDTHS[i].1 });
    f64::from(units) / 2048.0
}

/// The width of `text` at `size` CSS pixels.
pub fn width(text: &str, size: f64, bold: bool) -> f64 {
    text.chars().map(|c| advance(c, bold)).sum::<f64>() * size
}

/// The height of a line of text at `size`: ascent plus descent.
pub fn height(size: f64) -> f64 {
    (ASCENT + DESCENT) * size
}

/// Where the baseline goes so a line at `size` is centred on `y`.
pub fn baseline_for_centre(y: f64, size: f64) -> f64 {
    y + 0.5 * (ASCENT - DESCENT) * size
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_dejavu_sans() {
        // "0" is 1303/2048 em in both weights; "m" 1995 regular, 2134 bold.
        assert!((width("0", 2048.0, false) - 1303.0).abs() < 1e-9);
        assert!((width("m", 2048.0, true) - 2134.0).abs() < 1e-9);
        assert!((width("−0.5", 10.0, false) - width("-0.5", 10.0, false)).abs() > 0.5);
        assert!(width("漢", 10.0, false) >= 10.0);
        assert!(WIDTHS.windows(2).all(|w| w[0].0 < w[1].0), "sorted");
    }
}
