//! The figures of section 2, and what their panels share.
//!
//! Both draw discrete time: a small panel of the input xₜ on top and the state below it,
//! stacked so the steps line up, with tick labels only under the bottom panel (as
//! matplotlib's `sharex`), on nnhw-plot's [`nnhw_plot::panel`] and [`time`] axis.
//! Nothing here computes the LSTM: the callers hand in what the crate's run produced.

pub mod cell;
pub mod info;
pub mod machine;
pub mod states;
mod stems;

use nnhw_plot::Axis;

/// Height of the input panel in CSS pixels.
pub const INPUT_PANEL: f64 = 112.0;
/// Width of the y tick-label area of [`nnhw_plot::chart`] (96 px at 18 px text: a label
/// such as "−0.25" and the axis description beside it), kept so panels look alike.
pub const Y_LABELS: f64 = 96.0;
/// Most points kept of all long curves of one figure together: about 15 bytes of SVG each.
const POINT_BUDGET: usize = 3_000;

/// The shared time axis: integer steps, labelled (with `t`) only under the bottom panel.
pub fn time(labelled: bool) -> Axis<'static> {
    let t = Axis::integer("t");
    if labelled { t } else { t.unlabelled() }
}

/// `lo..hi` covering `values` and 0 (the stems' base), padded by `pad` of the span.
pub fn value_range(values: impl Iterator<Item = f64>, pad: f64) -> (f64, f64) {
    let (lo, hi) = values
        .filter(|v| v.is_finite())
        .fold((0.0_f64, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let span = if hi > lo { hi - lo } else { 1.0 };
    (lo - pad * span, hi + pad * span)
}

/// Where each of `n` series sharing a step is drawn, relative to t: side by side, so a
/// value equal to another's does not hide under it.
pub fn offsets(n: usize) -> Vec<f64> {
    let spacing = (0.6 / n as f64).min(0.24);
    (0..n)
        .map(|j| (j as f64 - (n as f64 - 1.0) / 2.0) * spacing)
        .collect()
}

/// Most points each of `curves` long curves may keep.
pub fn budget(curves: usize) -> usize {
    (POINT_BUDGET / curves.max(1)).clamp(100, nnhw_plot::MAX_POINTS)
}

/// `points` cut to at most `most` by keeping each bucket's lowest and highest point, in
/// order: unlike every k-th point, a trace that alternates every step stays a band from
/// its minimum to its maximum instead of aliasing into a pattern it does not have.
pub fn envelope(points: &[(f64, f64)], most: usize) -> Vec<(f64, f64)> {
    let buckets = (most / 2).max(1);
    if points.len() <= most {
        return points.to_vec();
    }
    let size = points.len().div_ceil(buckets);
    let mut kept = Vec::with_capacity(2 * buckets);
    for bucket in points.chunks(size) {
        let by = |a: &(usize, &(f64, f64)), b: &(usize, &(f64, f64))| a.1.1.total_cmp(&b.1.1);
        let low = bucket.iter().enumerate().min_by(by).map_or(0, |(i, _)| i);
        let high = bucket.iter().enumerate().max_by(by).map_or(0, |(i, _)| i);
        let (first, second) = (low.min(high), low.max(high));
        kept.push(bucket[first]);
        if second != first {
            kept.push(bucket[second]);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_alternating_trace_thins_to_a_band_not_a_pattern() {
        let points: Vec<(f64, f64)> = (0..10_000)
            .map(|t| (t as f64, if t % 2 == 0 { 1.0 } else { -1.0 }))
            .collect();
        let kept = envelope(&points, 1_000);
        assert!(kept.len() <= 1_000);
        assert!(kept.iter().filter(|p| p.1 == 1.0).count() >= 400);
        assert!(kept.iter().filter(|p| p.1 == -1.0).count() >= 400);
        assert!(kept.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(envelope(&points[..5], 1_000), points[..5].to_vec());
    }

    #[test]
    fn series_sharing_a_step_sit_apart_around_it() {
        assert_eq!(offsets(1), vec![0.0]);
        let two = offsets(2);
        assert!((two[0] + 0.12).abs() < 1e-12 && (two[1] - 0.12).abs() < 1e-12);
        let five = offsets(5);
        assert!(five[4] - five[0] < 0.7);
    }
}

#[cfg(test)]
mod render;
