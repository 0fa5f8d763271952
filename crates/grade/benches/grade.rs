//! Grading one answer, the unit a class of 10⁵ students multiplies: a list of
//! expressions, a formula compared at every sample point, a polygon, a choice.
//! `cargo bench -p nnhw-grade --bench grade`.

use criterion::{Criterion, criterion_main};
use nnhw_core::Tolerance;
use nnhw_grade::judge;
use nnhw_grade::specimens::answers;

fn grading(c: &mut Criterion) {
    let answers = answers();
    let by_name = |name: &str| {
        answers
            .iter()
            .find(|a| a.name == name)
            .cloned()
            .unwrap_or_else(|| answers[0].clone())
    };
    let cases = [
        ("list of expressions", "list", "[e^0, -2^0]"),
        ("formula, right", "formula", "δⱼᴸ = ∂C/∂aⱼᴸ · σ′(zⱼᴸ)"),
        ("formula, wrong", "formula", "dC/da_j^L"),
        (
            "polygon from another corner",
            "polygon",
            "[(1,1), (-1,1), (-1,-1), (1,-1)]",
        ),
        ("choice by synonym", "choice", "it decreases"),
        ("lines in another order", "lines", "[x_2 + 1 = 0, 2x1 = 2]"),
    ];
    let tolerance = Tolerance::default();
    for (label, name, typed) in cases {
        let answer = by_name(name);
        c.bench_function(label, |b| b.iter(|| judge(&answer, typed, &tolerance)));
    }
}

// criterion_group! defines an undocumented public function.
#[allow(missing_docs)]
mod group {
    criterion::criterion_group!(benches, super::grading);
}
use group::benches;
criterion_main!(benches);
