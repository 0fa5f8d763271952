//! What can go wrong drawing a figure: plotters refusing to lay out or draw something, or
//! an axis over a range it cannot lay out. Draw functions return [`Error`], and `?` turns
//! plotters' own errors into it.

use plotters::drawing::DrawingAreaErrorKind;

/// Why a figure could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// plotters failed, in its own words.
    #[error(transparent)]
    Drawing(#[from] DrawingAreaErrorKind<std::io::Error>),
    /// An axis from `lo` to `hi`: not finite, or empty.
    #[error("cannot draw an axis from {lo} to {hi}")]
    Range {
        /// Where the axis was to start.
        lo: f64,
        /// Where it was to end.
        hi: f64,
    },
}
