//! Section 4 of the homework: word embeddings, as an experiment.
//!
//! `embeddings.unseen-words` trains the homework's two networks, identical but for their
//! input (one-hot over the whole dictionary, or a pre-trained embedding), on the same
//! sentences from many seeds, tests both on sentences of words never seen in training,
//! and judges each of the homework's statements from what it measured.
//!
//! Training is core's dense network (`nnhw_core::network`: forward, backward, SGD); this
//! crate holds the experiment, the statistics that judge the statements, and the figure
//! of the embedding plane.

mod experiment;
mod figure;
mod labels;
mod question;
mod spec;
mod statements;
mod unseen_words;

use nnhw_core::Kind;

nnhw_core::inventory::submit! {
    Kind {
        name: "embeddings.unseen-words",
        section: "4 Word embeddings",
        summary: "one-hot versus embedding inputs on unseen words: train both, measure, judge each statement (4)",
        build: unseen_words::build,
    }
}
