//! Section 3 of the homework: backpropagation, asked about and shown.
//!
//! The network itself (forward pass, losses, the backward pass as the four equations of
//! 3.1–3.2, central finite differences, SGD) is core's, `nnhw_core::network`, where
//! section 4 trains with it too; this crate holds the problems about it.
//!
//! - Kinds: `backprop.formulas` (3.1, 3.2), `backprop.activation-derivatives` (3.3),
//!   `backprop.simple-network` (3.4), `backprop.sgd` (3.5).
//! - Statements (`statements`), from the params alone: section 3's notation and the
//!   spec's numbers, one prompt per answer, and none of the key.
//! - Figures, in nnhw-plot's house style: the network with δ per unit and ∂C/∂w per
//!   weight (3.1, 3.2; none when it is too large for a diagram), σ′ and ReLU′ (3.3), the
//!   computational graph with data and grad (3.4), the loss from step 0 (3.5). Question
//!   figures pose without answering: three layers in the notation (3.1, 3.2), the graph
//!   with its given numbers only (3.4, 3.5); 3.3 has none, since σ's flat tails would
//!   answer it.
//!
//! Nothing here knows the homework's numbers.

mod derivatives;
mod diagrams;
mod figures;
mod fitness;
mod formulas;
mod gradient_check;
mod question;
mod sgd;
mod simple;
mod statements;

use nnhw_core::Kind;

const SECTION: &str = "3 Backpropagation";

nnhw_core::inventory::submit! {
    Kind {
        name: "backprop.formulas",
        section: SECTION,
        summary: "the error and gradient formulas, checked against finite differences on a network (3.1, 3.2)",
        build: gradient_check::build,
    }
}

nnhw_core::inventory::submit! {
    Kind {
        name: "backprop.activation-derivatives",
        section: SECTION,
        summary: "σ′ and ReLU′ read off computed values (3.3)",
        build: derivatives::build,
    }
}

nnhw_core::inventory::submit! {
    Kind {
        name: "backprop.simple-network",
        section: SECTION,
        summary: "loss and gradients of the two-weight ReLU–sigmoid network (3.4)",
        build: simple::build_simple,
    }
}

nnhw_core::inventory::submit! {
    Kind {
        name: "backprop.sgd",
        section: SECTION,
        summary: "SGD on the two-weight network: the update rule, w1 after a step, the loss per step (3.5)",
        build: sgd::build_sgd,
    }
}
