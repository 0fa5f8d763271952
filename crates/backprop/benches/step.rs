//! One forward + backward step of a [784, 256, 256, 10] ReLU network on a batch of 256, in
//! f64, with cross-entropy: the figure docs/performance.md compares with PyTorch.
//!
//! cargo bench -p nnhw-backprop --bench step

use criterion::{Criterion, criterion_main};
use faer::Mat;
use nnhw_core::network::{Loss, Network, Workspace, step};
use nnhw_core::numerics::Activation;
use nnhw_core::rng::Rng;

fn training_step(c: &mut Criterion) {
    let sizes = [784, 256, 256, 10];
    let network = Network::random(&sizes, Activation::Relu, 0);
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
