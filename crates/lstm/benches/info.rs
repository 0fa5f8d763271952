//! How long `lstm.info` takes on the homework's LSTM, end to end from spec text to report:
//! at max_length = 1 nearly all of it is the proof for every length (exploring the
//! machine, minimising it, the product search per candidate); at 12 and 20 the exhaustive
//! check of every binary sequence (2^(L+1) − 2 steps) dominates.
//!
//! cargo bench -p nnhw-lstm --bench info

use criterion::{Criterion, criterion_main};
use nnhw_lstm as _;

const HOMEWORK: &str = include_str!("../../../problems/lstm_info.toml");

fn info(c: &mut Criterion) {
    let mut group = c.benchmark_group("lstm.info");
    group.sample_size(20);
    for length in [1, 12, 20] {
        let spec = HOMEWORK.replace("[params]\n", &format!("[params]\nmax_length = {length}\n"));
        group.bench_function(format!("max_length = {length}"), |b| {
            b.iter(|| nnhw_grade::solve_text("lstm_info.toml", &spec, false).map(|s| s.report))
        });
    }
    group.finish();
}

// criterion_group! defines an undocumented public function.
#[allow(missing_docs)]
mod group {
    criterion::criterion_group!(benches, super::info);
}
use group::benches;
criterion_main!(benches);
