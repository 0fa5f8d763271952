//! The embedding plane: every word where its 2-d embedding puts it, over the regions one
//! trained embedding network assigns to each class.
//!
//! A word's marker colour and shape say the class of the sentences it appears in (grey
//! diamonds for a word in both classes' sentences, or in none); filled means seen in
//! training, hollow never seen. The regions are the class-1 polygons that
//! nnhw-plot's marching squares find where the network's logit gap is positive, over a
//! class-0 background: a handful of polygons, never a raster. Both axes have one scale.
//! Vocabularies too large to read are cut to [`WORDS`] markers and [`LABELS`] labels,
//! unseen words first, since they are the question.

use std::ops::Range;

use nnhw_core::Figure;
use nnhw_core::network::Network;
use nnhw_plot::plotters::prelude::*;
use nnhw_plot::{Axis, Dash, Entry, Marker, Root, Style, axes, chart, color, equal_scales};
use nnhw_plot::{Labels, figure_labelled, finite_range, mesh, on_canvas, regions};

use crate::experiment::margin;
use crate::labels;
use crate::spec::{Embeddings, Setup};

/// Most words drawn.
const WORDS: usize = 200;
/// Most polygon vertices drawn: a boundary with many islands is thinned to it, so the
/// SVG stays small whatever the network learnt.
const RING_POINTS: usize = 4_000;
/// Most words labelled.
const LABELS: usize = 40;

/// The class of the sentences a word appears in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Zero,
    One,
    /// In sentences of both classes, or in none.
    Mixed,
}

impl Class {
    const ALL: [Class; 3] = [Class::One, Class::Zero, Class::Mixed];

    fn of(setup: &Setup, w: usize) -> Class {
        let mut labels = setup
            .train
            .iter()
            .chain(&setup.test)
            .filter(|e| e.words.contains(&w))
            .map(|e| e.label);
        match labels.next() {
            Some(first) if labels.all(|l| l == first) => {
                if first == 1 {
                    Class::One
                } else {
                    Class::Zero
                }
            }
            _ => Class::Mixed,
        }
    }

    fn style(self, seen: bool) -> Style {
        let (c, marker) = match self {
            Class::One => (color(1), Marker::Circle),
            Class::Zero => (color(0), Marker::Square),
            Class::Mixed => (color(7), Marker::Diamond),
        };
        let style = Style::line(c).marker(marker).dash(Dash::None);
        if seen { style } else { style.hollow() }
    }

    fn name(self) -> &'static str {
        match self {
            Class::One => "class-1 word",
            Class::Zero => "class-0 word",
            Class::Mixed => "word of both classes",
        }
    }
}

/// `c` laid at `opacity` over white, as an opaque colour: holes painted over the class-1
/// fill must cover it, not blend with it.
fn tint(c: RGBColor, opacity: f64) -> RGBColor {
    let over = |v: u8| (255.0 - opacity * (255.0 - f64::from(v))).round() as u8;
    RGBColor(over(c.0), over(c.1), over(c.2))
}

/// One word as drawn.
struct Word {
    at: (f64, f64),
    label: String,
    style: Style,
}

/// Every word drawn (at most [`WORDS`], unseen words first) at its vector in `vectors`.
fn placed(setup: &Setup, vectors: &[Vec<f64>]) -> Vec<Word> {
    let seen = setup.seen();
    let mut order: Vec<usize> = (0..setup.words.len()).collect();
    order.sort_by_key(|&w| seen[w]);
    order
        .iter()
        .take(WORDS)
        .map(|&w| Word {
            at: (vectors[w][0], vectors[w][1]),
            label: setup.words[w].clone(),
            style: Class::of(setup, w).style(seen[w]),
        })
        .collect()
}

/// The legend's entries for the markers `words` uses, and for the words left out.
fn word_entries(setup: &Setup, words: &[Word]) -> Vec<Entry> {
    let mut legend = Vec::new();
    for class in Class::ALL {
        for (is_seen, how) in [(true, "seen in training"), (false, "never seen")] {
            let style = class.style(is_seen);
            if words.iter().any(|w| w.style == style) {
                legend.push(Entry::series(format!("{}, {how}", class.name()), style));
            }
        }
    }
    if setup.words.len() > WORDS {
        legend.push(Entry::series(
            format!("… {} more words not drawn", setup.words.len() - WORDS),
            Style::line(color(7)).dash(Dash::None),
        ));
    }
    legend
}

/// The figure, for 2-d embeddings `vectors` and the embedding network trained on them
/// in trial `trial`.
pub fn plane(
    title: &str,
    setup: &Setup,
    vectors: &[Vec<f64>],
    network: &Network,
    trial: usize,
) -> Option<Figure> {
    let words = placed(setup, vectors);
    let regions = [tint(color(1), 0.18), tint(color(0), 0.12)];
    let mut legend = vec![
        Entry::area(
            format!("trial {trial}'s embedding net: class 1"),
            regions[0],
            1.0,
        ),
        Entry::area(
            format!("trial {trial}'s embedding net: class 0"),
            regions[1],
            1.0,
        ),
    ];
    legend.extend(word_entries(setup, &words));
    let subtitle = match setup.embeddings {
        Embeddings::Given => "each word at its embedding, coloured by the class of its sentences",
        Embeddings::Noise => {
            "each word at its noise vector, coloured by the class of its sentences"
        }
    };
    let svg = figure_labelled(title, subtitle, &legend, |area, labels| {
        draw(area, labels, &words, |c, xs, ys| {
            underlay(c, xs, ys, network, regions)
        })
    })?;
    Some(Figure {
        name: "plane".into(),
        caption: format!(
            "the embedding plane: each word (filled: seen in training), over the class regions of trial {trial}'s embedding network"
        ),
        svg,
    })
}

/// The plane's chart: both axes of one scale.
type Plane<'a, 'b> = nnhw_plot::Chart<'a, 'b, Range<f64>, Range<f64>>;

/// The class regions of `network` over the plane `xs` × `ys`.
fn underlay(
    c: &mut Plane<'_, '_>,
    xs: Range<f64>,
    ys: Range<f64>,
    network: &Network,
    [one, zero]: [RGBColor; 2],
) -> Result<(), nnhw_plot::Error> {
    let class_one = regions::positive(|x, y| margin(network, &[x, y]), xs.clone(), ys.clone());
    let background = Rectangle::new([(xs.start, ys.start), (xs.end, ys.end)], zero.filled());
    c.draw_series([background])?;
    let total: usize = class_one
        .outer
        .iter()
        .chain(&class_one.holes)
        .map(Vec::len)
        .sum();
    let every = total.div_ceil(RING_POINTS).max(1);
    for (rings, colour) in [(&class_one.outer, one), (&class_one.holes, zero)] {
        let polygons = rings
            .iter()
            .map(|r| r.iter().copied().step_by(every).collect::<Vec<_>>())
            .filter(|r| r.len() >= 3)
            .map(|r| Polygon::new(r, colour.filled()));
        c.draw_series(polygons)?;
    }
    Ok(())
}

/// The chart of `words`, labelled, over what `under` draws on the plane first.
fn draw<'a, 'b>(
    area: &'a Root<'b>,
    labels: &mut Labels,
    words: &[Word],
    under: impl FnOnce(&mut Plane<'a, 'b>, Range<f64>, Range<f64>) -> Result<(), nnhw_plot::Error>,
) -> Result<(), nnhw_plot::Error> {
    let bounds = |k: fn(&(f64, f64)) -> f64| {
        words
            .iter()
            .map(|w| k(&w.at))
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            })
    };
    let ((x0, x1), (y0, y1)) = (bounds(|p| p.0), bounds(|p| p.1));
    let span = (x1 - x0).max(y1 - y0);
    let pad = if span > 0.0 {
        0.15 * span
    } else {
        0.1 * x0.abs().max(y0.abs()).max(1.0)
    };
    let (xs, ys) = equal_scales(
        area,
        finite_range(x0 - pad, x1 + pad)?,
        finite_range(y0 - pad, y1 + pad)?,
    );
    let mut c = chart(area, xs.clone(), ys.clone())?;
    mesh(&mut c, Axis::new("embedding[0]"), Axis::new("embedding[1]"))?;
    under(&mut c, xs, ys)?;

    for w in words {
        axes::marks(&mut c, &[w.at], &w.style)?;
    }
    // Each word beside its marker; a word with no clean spot on a crowded plane is left
    // out (the report lists every vector).
    for w in words.iter().take(LABELS) {
        labels.near(
            labels::clip(&w.label),
            nnhw_plot::style::INK,
            on_canvas(&c, w.at),
            nnhw_plot::mark::MARKER_RADIUS + 2.0,
        );
        labels.optional();
    }
    Ok(())
}

mod question;

pub use question::vocabulary;

#[cfg(test)]
pub(crate) mod render;
