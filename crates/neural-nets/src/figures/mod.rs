//! Section 1's figures, in nnhw-plot's house style: the network with every value (1.1),
//! the decision regions (1.2), the output against the hidden sum (1.3) and o₂ against the
//! gap for each β (1.4); and the question figures, which draw the network with its given
//! numbers only (1.1, and the layers 1.2 and 1.3 ask about).

mod hidden_sum;
mod network;
mod region;
mod temperature;

pub(crate) use hidden_sum::hidden_sum;
pub(crate) use network::{Posed, Shown, bias_names, network};
pub(crate) use region::decision_region;
pub(crate) use temperature::inverse_temperature;
