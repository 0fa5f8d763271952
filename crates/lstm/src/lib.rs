//! Section 2 of the homework: the LSTM.
//!
//! - `lstm.states`: the whole trace (gates, cell state, raw and rounded h) of a
//!   single-layer LSTM of any width, with the homework's saturating approximation of σ
//!   and tanh, the exact functions, or a linear one; and whether the exact model agrees.
//! - `lstm.info`: what h_t carries, decided by checking candidate meanings against every
//!   binary input sequence up to a length.
//!
//! Each kind draws one figure (`figure`): the trace of xₜ, hₜ and cₜ as stems over
//! integer t, and for `lstm.info` hₜ on an illustrative input with where each candidate
//! disagrees.
//!
//! Both state their question from their params (`question`) and pose it with a figure of
//! the cell and its parameters (`figure::cell`).
//!
//! The cell's σ and tanh are core's; this crate holds the cell, the approximations, the
//! rounding rule and the candidates. It knows no homework weights: they come from specs.

#[doc(hidden)]
pub mod bench_spec;
mod candidates;
mod figure;
mod fitness;
mod info;
mod machine;
mod model;
mod question;
mod rounding;
mod spec;
mod split;
mod states;
mod trace;

use nnhw_core::Kind;

// The forward pass on its own, for the bench that compares it with PyTorch's nn.LSTM.
pub use spec::{LstmSpec, Setup};
pub use trace::{Trace, run, run_split_or_not};

const SECTION: &str = "2 LSTM";

nnhw_core::inventory::submit! {
    Kind {
        name: "lstm.states",
        section: SECTION,
        summary: "trace h_t, c_t and the gates of an LSTM over an input sequence (2.1, 2.2)",
        build: states::build,
    }
}

nnhw_core::inventory::submit! {
    Kind {
        name: "lstm.info",
        section: SECTION,
        summary: "what h_t carries, checked on every binary input up to a length (2.3)",
        build: info::build,
    }
}
