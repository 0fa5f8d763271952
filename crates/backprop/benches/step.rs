//! One forward + backward step of a [784, 256, 256, 10] network (ReLU hidden layers, an
//! identity output layer, mean cross-entropy over softmax) on a batch of 256, in f64: the
//! step scripts/side_by_side.py runs beside PyTorch's `nn.Sequential` of `nn.Linear` and
//! `nn.ReLU` with `nn.CrossEntropyLoss`.
//!
//! cargo bench -p nnhw-backprop --bench step

use criterion::{Criterion, criterion_main};
use faer::Mat;
use nnhw_core::network::{LayerSpec, Loss, Network, Workspace, step};
use nnhw_core::numerics::Activation;
use nnhw_core::rng::Rng;

/// The bench's network: layer widths `sizes`, ReLU on every layer but the last, which is
/// the identity (softmax is the loss's), Glorot-uniform weights drawn row by row from
/// `seed`, biases zero. tests/benches/side_by_side.rs builds the same (a copy of these
/// few lines: the two benches share no crate of their own).
fn network(sizes: &[usize], seed: u64) -> Result<Network, String> {
    let mut rng = Rng::new(seed);
    let last = sizes.len().saturating_sub(2);
    let specs: Vec<LayerSpec> = sizes
        .windows(2)
        .enumerate()
        .map(|(l, w)| {
            let (inputs, units) = (w[0], w[1]);
            let limit = (6.0 / (inputs + units) as f64).sqrt();
            LayerSpec {
                weights: (0..units)
                    .map(|_| (0..inputs).map(|_| rng.uniform(-limit, limit)).collect())
                    .collect(),
                bias: None,
                activation: if l == last {
                    Activation::Identity
                } else {
                    Activation::Relu
                },
            }
        })
        .collect();
    let width = sizes.first().copied().unwrap_or(0);
    Network::from_specs(width, &specs).map_err(|e| format!("{}: {}", e.path, e.message))
}

fn training_step(c: &mut Criterion) {
    let network = match network(&[784, 256, 256, 10], 0) {
        Ok(network) => network,
        Err(message) => {
            eprintln!("the bench's network is bad: {message}");
            std::process::exit(2);
        }
    };
    let mut rng = Rng::new(1);
    let x = Mat::from_fn(256, 784, |_, _| rng.unit());
    let t = Mat::from_fn(256, 10, |i, j| if i % 10 == j { 1.0 } else { 0.0 });
    // A training loop keeps its workspace between steps, and so does the bench.
    let mut work = Workspace::default();
    c.bench_function(
        "forward+backward [784, 256, 256, 10], batch 256, f64",
        |b| {
            b.iter(|| {
                step(
                    &network,
                    x.as_ref(),
                    t.as_ref(),
                    Loss::CrossEntropy,
                    &mut work,
                )
            })
        },
    );
}

// criterion_group! defines an undocumented public function.
#[allow(missing_docs)]
mod group {
    criterion::criterion_group!(benches, super::training_step);
}
use group::benches;
criterion_main!(benches);
