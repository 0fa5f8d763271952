//! The experiment: the same classifier trained twice per trial, once on one-hot inputs
//! over the whole dictionary and once on the embeddings, then tested on sentences.
//!
//! A sentence's input is the mean of its words' vectors. Both networks have a tanh hidden
//! layer and two output logits trained with cross-entropy over softmax, by SGD one
//! sentence at a time in a seeded shuffled order, with core's network
//! (`nnhw_core::network::{step, sgd_step}`).

use nnhw_core::matrix::one_row;
use nnhw_core::network::{Loss, Network, Workspace, sgd_step, step};
use nnhw_core::numerics::Activation;
use nnhw_core::rng::Rng;
use rayon::prelude::*;

use crate::spec::{Embeddings, Example, Setup};

/// Which input a network reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// The mean of one-hot vectors over the dictionary.
    OneHot,
    /// The mean of the words' embeddings.
    Embedding,
}

/// One trial's outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct Trial {
    /// Test accuracy of the one-hot network.
    pub one_hot: f64,
    /// Test accuracy of the embedding network.
    pub embedding: f64,
    /// Whether every first-layer weight of an unseen word is bit for bit as initialised.
    pub unseen_unchanged: bool,
    /// The trained embedding network, for the figure.
    pub embedding_network: Network,
    /// The word vectors it read.
    pub vectors: Vec<Vec<f64>>,
    /// Whether training left f64's range in either network (then nothing measured counts).
    pub diverged: bool,
}

/// The word vectors the embedding network reads in trial `trial`: the given ones, or
/// noise drawn for this trial within the box the given ones span.
pub fn vectors(setup: &Setup, trial: u64) -> Vec<Vec<f64>> {
    match setup.embeddings {
        Embeddings::Given => setup.vectors.clone(),
        Embeddings::Noise => {
            let bounds = setup.bounds();
            let mut rng = Rng::new(derive(setup.seed, trial, 3));
            (0..setup.words.len())
                .map(|_| bounds.iter().map(|&(lo, hi)| rng.uniform(lo, hi)).collect())
                .collect()
        }
    }
}

/// A sentence's input row; `vectors` are the embeddings in use.
pub fn features(setup: &Setup, vectors: &[Vec<f64>], input: Input, words: &[usize]) -> Vec<f64> {
    let n = words.len() as f64;
    match input {
        Input::OneHot => {
            let mut x = vec![0.0; setup.words.len()];
            for &w in words {
                x[w] += 1.0 / n;
            }
            x
        }
        Input::Embedding => {
            let mut x = vec![0.0; setup.width()];
            for &w in words {
                for (xk, vk) in x.iter_mut().zip(&vectors[w]) {
                    *xk += vk / n;
                }
            }
            x
        }
    }
}

/// The class the network picks for input row `x`: the larger logit (ties to class 0).
pub fn predict(network: &Network, x: &[f64]) -> usize {
    let out = network.forward(x);
    let logits = out.last().map(|t| t.a.clone()).unwrap_or_default();
    usize::from(logits.get(1) > logits.first())
}

fn accuracy(
    network: &Network,
    setup: &Setup,
    vectors: &[Vec<f64>],
    input: Input,
    examples: &[Example],
) -> f64 {
    let right = examples
        .iter()
        .filter(|e| predict(network, &features(setup, vectors, input, &e.words)) == e.label)
        .count();
    right as f64 / examples.len() as f64
}

/// A distinct, reproducible seed for each trial and purpose.
fn derive(seed: u64, trial: u64, purpose: u64) -> u64 {
    Rng::new(seed ^ trial.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ purpose.rotate_left(32)).next_u64()
}

/// Trains one network on `input` for trial `trial`.
fn train(setup: &Setup, vectors: &[Vec<f64>], input: Input, trial: u64) -> (Network, Network) {
    let width = match input {
        Input::OneHot => setup.words.len(),
        Input::Embedding => setup.width(),
    };
    let purpose = match input {
        Input::OneHot => 0,
        Input::Embedding => 1,
    };
    let mut network = Network::random(
        &[width, setup.hidden, 2],
        Activation::Tanh,
        derive(setup.seed, trial, purpose),
    );
    // Logits out: the softmax lives in the loss.
    if let Some(last) = network.layers.last_mut() {
        last.activation = Activation::Identity;
    }
    let initial = network.clone();
    let rows: Vec<(Vec<f64>, [f64; 2])> = setup
        .train
        .iter()
        .map(|e| {
            let x = features(setup, vectors, input, &e.words);
            (x, [0, 1].map(|j| f64::from(u8::from(j == e.label))))
        })
        .collect();
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let mut rng = Rng::new(derive(setup.seed, trial, 2));
    let mut work = Workspace::default();
    for _ in 0..setup.epochs {
        // Fisher–Yates with the seeded generator.
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i as u64 + 1) as usize);
        }
        for &i in &order {
            let (x, t) = &rows[i];
            step(
                &network,
                one_row(x),
                one_row(t),
                Loss::CrossEntropy,
                &mut work,
            );
            sgd_step(&mut network, &work.gradients, setup.eta, &[]);
        }
    }
    (initial, network)
}

/// Whether every weight and bias is a finite number.
fn finite(network: &Network) -> bool {
    network.layers.iter().all(|l| {
        (0..l.weights.nrows())
            .all(|i| (0..l.weights.ncols()).all(|j| l.weights[(i, j)].is_finite()))
            && l.bias.iter().all(|b| b.is_finite())
    })
}

/// Column w of the first layer (the weights a one-hot input for word w meets) is unchanged.
fn column_unchanged(before: &Network, after: &Network, w: usize) -> bool {
    let (b, a) = (&before.layers[0].weights, &after.layers[0].weights);
    (0..b.nrows()).all(|j| b[(j, w)].to_bits() == a[(j, w)].to_bits())
}

/// Runs every trial, in parallel; the order of the results is the order of the trials.
pub fn run(setup: &Setup) -> Vec<Trial> {
    let seen = setup.seen();
    (0..setup.trials)
        .into_par_iter()
        .map(|trial| {
            let vectors = vectors(setup, trial);
            let (initial, one_hot) = train(setup, &vectors, Input::OneHot, trial);
            let (_, embedding) = train(setup, &vectors, Input::Embedding, trial);
            let unseen_unchanged = (0..setup.words.len())
                .filter(|&w| !seen[w])
                .all(|w| column_unchanged(&initial, &one_hot, w));
            let diverged = !finite(&one_hot) || !finite(&embedding);
            Trial {
                diverged,
                one_hot: accuracy(&one_hot, setup, &vectors, Input::OneHot, &setup.test),
                embedding: accuracy(&embedding, setup, &vectors, Input::Embedding, &setup.test),
                unseen_unchanged,
                embedding_network: embedding,
                vectors,
            }
        })
        .collect()
}

/// The trained network's logit gap (class 1 minus class 0) at an input row.
pub fn margin(network: &Network, x: &[f64]) -> f64 {
    let out = network.forward(x);
    let logits = out.last().map(|t| t.a.clone()).unwrap_or_default();
    logits.get(1).copied().unwrap_or(0.0) - logits.first().copied().unwrap_or(0.0)
}
