//! Section 1's figures, in nnhw-plot's house style: the network with every value (1.1),
//! the decision regions (1.2), the output against the hidden sum (1.3) and o₂ against the
//! gap for each β (1.4).

mod hidden_sum;
mod network;
mod region;
mod temperature;

pub(crate) use hidden_sum::hidden_sum;
pub(crate) use network::network;
pub(crate) use region::decision_region;
pub(crate) use temperature::inverse_temperature;
