//! The params of `embeddings.unseen-words`, checked: every word known, every vector as
//! wide as the others, labels 0 or 1, and the training work bounded before it starts.

use std::collections::BTreeMap;

use nnhw_core::FieldError;
use nnhw_core::format::{count, number};
use serde::Deserialize;

/// Most example-steps (trials × epochs × training sentences × 2 networks) a spec may ask for.
pub const MAX_WORK: u64 = 5_000_000;
/// Most first-layer weights (both networks together), so trials in parallel stay small.
pub const MAX_FIRST_LAYER: u64 = 2_000_000;
/// Most multiply-adds' worth of work in all of training (about five seconds: a first
/// layer of 2·10⁶ weights trained at about 1 ns a multiply-add, measured in issue 30).
pub const MAX_MULTIPLY_ADDS: u64 = 5_000_000_000;
/// What a hidden unit costs each step besides its weights, in multiply-adds' worth: its
/// tanh, its derivative and its share of the step's bookkeeping. Measured (issue 30): a
/// step of the homework's network took 0.84 µs at 4 hidden units and 3.8 µs at 47.
const PER_HIDDEN_UNIT: u64 = 50;
/// What a step costs whatever its size, in multiply-adds' worth (the same measurement).
const PER_STEP: u64 = 600;
/// Largest learning rate: tanh units saturate after one step beyond it.
pub const MAX_ETA: f64 = 100.0;
/// Most hidden units.
pub const MAX_HIDDEN: usize = 1_000;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sentence {
    words: Vec<String>,
    label: u8,
}

/// Where the embedding network's word vectors come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Embeddings {
    /// The vocabulary's vectors.
    #[default]
    Given,
    /// Fresh uniform noise for every word in every trial, within the box the given
    /// vectors span: an embedding that carries no information, averaged over draws.
    Noise,
}

fn hidden() -> usize {
    4
}
fn epochs() -> u64 {
    200
}
fn eta() -> f64 {
    0.1
}
fn trials() -> u64 {
    20
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Spec {
    vocabulary: BTreeMap<String, Vec<f64>>,
    train: Vec<Sentence>,
    test: Vec<Sentence>,
    #[serde(default = "hidden")]
    hidden: usize,
    #[serde(default = "epochs")]
    epochs: u64,
    #[serde(default = "eta")]
    eta: f64,
    #[serde(default = "trials")]
    trials: u64,
    #[serde(default)]
    seed: u64,
    #[serde(default)]
    embeddings: Embeddings,
}

/// A sentence as word indices into the vocabulary, with its class.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// Indices into [`Setup::words`].
    pub words: Vec<usize>,
    /// 0 or 1.
    pub label: usize,
}

/// A validated experiment.
#[derive(Debug, Clone, PartialEq)]
pub struct Setup {
    /// The dictionary, sorted.
    pub words: Vec<String>,
    /// Each word's embedding, in the order of `words`.
    pub vectors: Vec<Vec<f64>>,
    /// Training sentences.
    pub train: Vec<Example>,
    /// Test sentences.
    pub test: Vec<Example>,
    /// Hidden tanh units.
    pub hidden: usize,
    /// Passes over the training set.
    pub epochs: u64,
    /// SGD learning rate.
    pub eta: f64,
    /// Independent trainings from different seeds.
    pub trials: u64,
    /// The first seed.
    pub seed: u64,
    /// Given vectors, or noise.
    pub embeddings: Embeddings,
}

impl Setup {
    /// Embedding width D.
    pub fn width(&self) -> usize {
        self.vectors.first().map_or(0, Vec::len)
    }

    /// Each coordinate's smallest and largest value over the vocabulary: the box noise
    /// embeddings are drawn from.
    pub fn bounds(&self) -> Vec<(f64, f64)> {
        (0..self.width())
            .map(|k| {
                self.vectors
                    .iter()
                    .map(|v| v[k])
                    .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
                        (lo.min(x), hi.max(x))
                    })
            })
            .collect()
    }

    /// Whether word `w` appears in some training sentence.
    pub fn seen(&self) -> Vec<bool> {
        let mut seen = vec![false; self.words.len()];
        for example in &self.train {
            for &w in &example.words {
                seen[w] = true;
            }
        }
        seen
    }
}

fn examples(
    sentences: &[Sentence],
    field: &str,
    index: &BTreeMap<&str, usize>,
) -> Result<Vec<Example>, FieldError> {
    if sentences.is_empty() {
        return Err(FieldError::new(field, "empty: needs at least one sentence"));
    }
    sentences
        .iter()
        .enumerate()
        .map(|(i, s)| {
            if s.words.is_empty() {
                return Err(FieldError::new(
                    format!("{field}[{i}].words"),
                    "empty: a sentence needs at least one word",
                ));
            }
            if s.label > 1 {
                return Err(FieldError::new(
                    format!("{field}[{i}].label"),
                    format!("{} is not a class: labels are 0 or 1", s.label),
                ));
            }
            let words = s
                .words
                .iter()
                .enumerate()
                .map(|(j, w)| {
                    index.get(w.as_str()).copied().ok_or_else(|| {
                        FieldError::new(
                            format!("{field}[{i}].words[{j}]"),
                            format!("`{w}` is not in the vocabulary"),
                        )
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Example {
                words,
                label: usize::from(s.label),
            })
        })
        .collect()
}

/// Deserialized params → a checked experiment.
pub fn setup(params: &nnhw_core::Params<'_>) -> Result<Setup, FieldError> {
    let spec: Spec = params.parse()?;
    let Some((reference, width)) = spec.vocabulary.iter().next().map(|(w, v)| (w, v.len())) else {
        return Err(FieldError::new(
            "vocabulary",
            "empty: needs at least one word",
        ));
    };
    if width == 0 {
        return Err(FieldError::new(
            "vocabulary",
            "embeddings need at least one number",
        ));
    }
    for (word, vector) in &spec.vocabulary {
        if vector.len() != width {
            return Err(FieldError::new(
                format!("vocabulary.{word}"),
                format!(
                    "{}, but `{reference}`'s has {width}: every embedding must be as wide",
                    count(vector.len(), "number", "numbers"),
                ),
            ));
        }
    }
    let index: BTreeMap<&str, usize> = spec
        .vocabulary
        .keys()
        .enumerate()
        .map(|(i, w)| (w.as_str(), i))
        .collect();
    let train = examples(&spec.train, "train", &index)?;
    let test = examples(&spec.test, "test", &index)?;
    if spec.hidden == 0 || spec.hidden > MAX_HIDDEN {
        return Err(FieldError::new(
            "hidden",
            format!("{} is out of range: 1 to {MAX_HIDDEN}", spec.hidden),
        ));
    }
    if spec.eta <= 0.0 {
        return Err(FieldError::new(
            "eta",
            format!("{} must be > 0 (the learning rate η)", number(spec.eta)),
        ));
    }
    if spec.eta > MAX_ETA {
        return Err(FieldError::new(
            "eta",
            format!(
                "{} is too large: at most {MAX_ETA} (a larger step throws the weights into saturation and the experiment measures nothing)",
                number(spec.eta)
            ),
        ));
    }
    for (name, value) in [("epochs", spec.epochs), ("trials", spec.trials)] {
        if value == 0 {
            return Err(FieldError::new(name, "0: needs at least 1"));
        }
    }
    let work = spec
        .trials
        .saturating_mul(spec.epochs)
        .saturating_mul(train.len() as u64)
        .saturating_mul(2);
    if work > MAX_WORK {
        return Err(FieldError::new(
            "trials",
            format!(
                "trials × epochs × training sentences × 2 networks = {work} steps; the limit is {MAX_WORK}"
            ),
        ));
    }
    // The one-hot network's first layer is vocabulary × hidden, in every trial at once.
    let vocabulary = spec.vocabulary.len() as u64;
    let width = spec.vocabulary.values().next().map_or(0, Vec::len) as u64;
    let first_layer = (vocabulary + width).saturating_mul(spec.hidden as u64);
    if first_layer > MAX_FIRST_LAYER {
        return Err(FieldError::new(
            "hidden",
            format!(
                "(vocabulary {vocabulary} + embedding width {width}) × hidden {} = {first_layer} first-layer weights; the limit is {MAX_FIRST_LAYER}",
                spec.hidden
            ),
        ));
    }
    // The one-hot network's first layer is read, updated and differentiated each of its
    // steps; every step of either network also pays for its hidden units and itself.
    let per_step = (spec.hidden as u64)
        .saturating_mul(PER_HIDDEN_UNIT)
        .saturating_add(PER_STEP);
    let multiply_adds = (work / 2)
        .saturating_mul(first_layer)
        .saturating_mul(3)
        .saturating_add(work.saturating_mul(per_step));
    if multiply_adds > MAX_MULTIPLY_ADDS {
        return Err(FieldError::new(
            "trials",
            format!(
                "training takes about {multiply_adds} multiply-adds' worth (steps × first-layer weights × 3, and {PER_HIDDEN_UNIT} a hidden unit and {PER_STEP} a step of either network); the limit is {MAX_MULTIPLY_ADDS}"
            ),
        ));
    }
    Ok(Setup {
        words: spec.vocabulary.keys().cloned().collect(),
        vectors: spec.vocabulary.into_values().collect(),
        train,
        test,
        hidden: spec.hidden,
        epochs: spec.epochs,
        eta: spec.eta,
        trials: spec.trials,
        seed: spec.seed,
        embeddings: spec.embeddings,
    })
}
