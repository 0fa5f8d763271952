//! One forward + backward step of a [784, 256, 256, 10] network (ReLU hidden layers, an
//! identity output layer, mean cross-entropy over softmax) on a batch of 256, in f64: the
//! step scripts/side_by_side.py runs beside PyTorch's `nn.Sequential` of `nn.Linear` and
//! `nn.ReLU` with `nn.CrossEntropyLoss`.
//!
//! cargo bench -p nnhw-backprop --bench step

use criterion::{Criterion, criterion_main};
use faer::Mat;
use nnhw_core::network::{Loss, Network, Workspace, step};
use nnhw_core::numerics::Activation;
use nnhw_core::rng::Rng;

/// The step's network: [`Network::random`]'s Glorot-uniform weights from `seed` (biases
/// zero), ReLU on every layer but the last, which is the identity (softmax is the
/// loss's), as PyTorch's `nn.Sequential` of the same sizes.
fn network(sizes: &[usize], seed: u64) -> Network {
    let mut network = Network::random(sizes, Activation::Relu, seed);
    if let Some(last) = network.layers.last_mut() {
        last.activation = Activation::Identity;
    }
    network
}

fn training_step(c: &mut Criterion) {
    let network = network(&[784, 256, 256, 10], 0);
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
