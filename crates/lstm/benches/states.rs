//! The forward pass of `lstm.states` at PyTorch's scale: state width 256, input width
//! 256, 1,000 steps, batch 1, exact σ and tanh, no rounding. The spec is built in memory
//! (`nnhw_lstm::bench_spec`, shared with scripts/side_by_side.py's harness, which runs
//! the same cell beside `torch.nn.LSTM`), parsed and checked outside the timing; what is
//! timed is the run over the sequence, every step's gates and states kept (what
//! `lstm.states` reports).
//!
//! cargo bench -p nnhw-lstm --bench states

use criterion::{Criterion, criterion_main};
use nnhw_lstm::bench_spec::{HIDDEN, INPUT, SEED, STEPS, pytorch_scale};
use nnhw_lstm::run;

fn states(c: &mut Criterion) {
    let (setup, inputs) = match pytorch_scale(HIDDEN, INPUT, STEPS, SEED).setup() {
        Ok(both) => both,
        Err(bad) => {
            eprintln!("{bad}");
            std::process::exit(2);
        }
    };
    let mut group = c.benchmark_group("lstm.states");
    group.sample_size(20);
    group.bench_function("forward H = 256, D = 256, T = 1000, exact", |b| {
        b.iter(|| run(&setup, &inputs))
    });
    group.finish();
}

// criterion_group! defines an undocumented public function.
#[allow(missing_docs)]
mod group {
    criterion::criterion_group!(benches, super::states);
}
use group::benches;
criterion_main!(benches);
