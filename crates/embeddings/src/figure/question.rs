//! The question's figure: the vocabulary on the embedding plane, every word at its given
//! vector, seen and unseen words told apart. Nothing trained: no regions, no accuracy.

use nnhw_core::Figure;
use nnhw_plot::plotters::prelude::*;
use nnhw_plot::{Entry, color, figure_labelled};

use super::{Plane, draw, placed, word_entries};
use crate::spec::{Embeddings, Setup};

/// The vocabulary at its 2-d vectors, headed by `title`; `None` unless the embeddings are
/// 2-d (or if the plane cannot be laid out). With noise embeddings the given vectors
/// only set the box the noise is drawn from, so the box is drawn too, filled light grey.
pub fn vocabulary(title: &str, setup: &Setup) -> Option<Figure> {
    if setup.width() != 2 {
        return None;
    }
    let words = placed(setup, &setup.vectors);
    let mut legend = word_entries(setup, &words);
    let noise = setup.embeddings == Embeddings::Noise;
    // A light fill, not an outline: the words at the box's edges keep readable labels.
    let fill = super::tint(color(7), 0.15);
    if noise {
        legend.insert(
            0,
            Entry::area("box the noise vectors are drawn from", fill, 1.0),
        );
    }
    let subtitle = if noise {
        "each word at its given vector; the noise is drawn in the grey box"
    } else {
        "each word at its embedding, coloured by the class of its sentences"
    };
    let svg = figure_labelled(title, subtitle, &legend, |area, labels| {
        draw(area, labels, &words, |c, _, _| {
            if noise {
                noise_box(c, setup, fill)?;
            }
            Ok(())
        })
    })?;
    Some(Figure {
        name: "question-vocabulary".into(),
        caption: "the vocabulary: each word at its given 2-d vector, filled if seen in training, hollow if never seen".into(),
        svg,
    })
}

/// The box the given vectors span, where the noise is drawn.
fn noise_box(c: &mut Plane<'_, '_>, setup: &Setup, fill: RGBColor) -> Result<(), nnhw_plot::Error> {
    let [(x0, x1), (y0, y1)] = setup.bounds()[..] else {
        return Ok(());
    };
    c.draw_series([Rectangle::new([(x0, y0), (x1, y1)], fill.filled())])?;
    Ok(())
}
