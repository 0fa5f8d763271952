//! Section 1 of the homework: feed-forward networks.
//!
//! Four problem kinds, each general beyond the homework's numbers:
//! - `nn.feedforward`: any number of dense layers, any activation, softmax with any β;
//! - `nn.decision-region`: the exact region where all hidden units share a sign, its
//!   boundaries, corners and area (`inf` when unbounded);
//! - `nn.output-from-hidden-sum`: the output when only the sum of hidden activations is known;
//! - `nn.inverse-temperature`: the largest output gap a softmax floor allows, per β.
//!
//! The math it shares with other sections (activations, softmax, dense layers) lives in
//! `nnhw-core`; this crate holds only what is particular to section 1, plus its figures.

mod beta;
mod decision_region;
mod equation;
mod exact;
mod feedforward;
mod figures;
mod fitness;
mod geometry;
mod hidden_sum;
mod region;
mod temperature;
mod wording;

use nnhw_core::Kind;

const SECTION: &str = "1 Neural networks";

nnhw_core::inventory::submit! {
    Kind {
        name: "nn.feedforward",
        section: SECTION,
        summary: "feed x through dense layers, then a softmax with inverse temperature β (1.1)",
        build: feedforward::build,
    }
}

nnhw_core::inventory::submit! {
    Kind {
        name: "nn.decision-region",
        section: SECTION,
        summary: "boundaries, corners and exact area of the region where all hidden units share a sign (1.2)",
        build: decision_region::build,
    }
}

nnhw_core::inventory::submit! {
    Kind {
        name: "nn.output-from-hidden-sum",
        section: SECTION,
        summary: "the output o when only the sum of the hidden activations is known (1.3)",
        build: hidden_sum::build,
    }
}

nnhw_core::inventory::submit! {
    Kind {
        name: "nn.inverse-temperature",
        section: SECTION,
        summary: "the largest output gap that keeps o2 above a floor, for each β (1.4)",
        build: temperature::build,
    }
}
