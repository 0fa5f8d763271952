//! Generating variants: 10⁴ variants of the homework's 3.4 spec (draw, solve, fitness,
//! write the spec, solve it again to prove its key). `cargo bench -p nnhw-variants`.

#![allow(missing_docs)] // criterion_group! defines an undocumented function.

use criterion::{Criterion, criterion_group, criterion_main};
use nnhw_backprop as _;

const SPEC: &str = include_str!("../../../problems/simple_network.toml");

fn variants(c: &mut Criterion) {
    let ids: Vec<String> = (1..=10_000).map(|i| i.to_string()).collect();
    let mut group = c.benchmark_group("variants");
    group.sample_size(10);
    group.bench_function("10^4 variants of 3.4", |b| {
        b.iter(|| nnhw_variants::generate("simple_network.toml", SPEC, 0, &ids, &|| ()))
    });
    group.finish();
}

criterion_group!(benches, variants);
criterion_main!(benches);
