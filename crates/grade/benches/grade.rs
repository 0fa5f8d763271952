//! Grading one answer, the unit a class of 10⁵ students multiplies: a list of
//! expressions, a formula compared at every sample point, a polygon, a choice.
//! Then the longest answers, 10,000 characters: a formula right and wrong, one operation
//! per two characters, sums, abstract functions (refused as too costly), and sums nested
//! until they are refused. `cargo bench -p nnhw-grade --bench grade`.

use criterion::{Criterion, criterion_main};
use nnhw_core::{Answer, Formula, Tolerance, Value};
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
    let sigmoid = Answer {
        name: "s".into(),
        value: Value::Formula(Formula::new("", "sigmoid'(z)", "e^(-z)/(1+e^(-z))^2")),
        exact: None,
        hints: Vec::new(),
    };
    let error = Answer {
        name: "d".into(),
        value: Value::Formula(Formula::new(
            "",
            "delta_j^l",
            "sum_k w_kj^(l+1)*delta_k^(l+1)*f'(z_j^l)",
        )),
        exact: None,
        hints: Vec::new(),
    };
    for (label, answer, typed) in [
        (
            "10,000 characters, right",
            &sigmoid,
            long("σ(z)(1−σ(z))", 10_000),
        ),
        (
            "10,000 characters, wrong",
            &sigmoid,
            long("σ(z)(1+σ(z))", 10_000),
        ),
        (
            "10,000 characters of sums",
            &error,
            long("Σ_k w_kj^(l+1) δ_k^(l+1) f'(z_j^l)", 10_000),
        ),
        (
            "10,000 characters, one operation per two",
            &sigmoid,
            format!("σ(z)(1−σ(z)) + {}", vec!["z-z"; 2495].join("+")),
        ),
        (
            "10,000 characters of abstract functions",
            &error,
            long(
                "Σ_k w_kj^(l+1) δ_k^(l+1) f'(z_j^l)*f'(z_j^l)/f'(z_j^l)",
                10_000,
            ),
        ),
        (
            "eight nested sums, refused",
            &error,
            "Σ_a Σ_b Σ_c Σ_d Σ_e Σ_g Σ_h Σ_i x_abcdeghi".to_string(),
        ),
    ] {
        assert!(typed.chars().count() <= 10_000);
        c.bench_function(label, |b| b.iter(|| judge(answer, &typed, &tolerance)));
    }
}

/// `term` added up as often as fits in `chars` characters, divided back: the same
/// function as `term`, written long.
fn long(term: &str, chars: usize) -> String {
    let each = term.chars().count() + 3;
    let copies = (chars - 12) / each;
    let sum = vec![term; copies].join(" + ");
    format!("({sum})/{copies}")
}

// criterion_group! defines an undocumented public function.
#[allow(missing_docs)]
mod group {
    criterion::criterion_group!(benches, super::grading);
}
use group::benches;
criterion_main!(benches);
