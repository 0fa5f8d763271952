//! One `--answer` check, the call `nnhw.check` makes from Python: the Python package's
//! bench (`crates/python/bench/check.py`) times the same answers on the same specs, so
//! the difference is what crossing into Python costs. `cargo bench -p nnhw-tests --bench
//! check` (here, where every section's kinds are linked).

use criterion::{Criterion, criterion_main};
use nnhw_grade::{judge_argument_posed, solve_file};
// The runner links every section crate, so every kind is registered.
use runner as _;

/// (label, spec under problems/, the `--answer` argument): the same list as check.py's.
const CASES: [(&str, &str, &str); 3] = [
    ("check: a number", "simple_network.toml", "loss=0.2884"),
    (
        "check: a list",
        "feedforward.toml",
        "o=[e^15/(e^15+1), 1/(e^15+1)]",
    ),
    (
        "check: a formula",
        "parameter_derivatives.toml",
        "dC_dw=delta_j^l * a_k^(l-1)",
    ),
];

fn checking(c: &mut Criterion) {
    let problems = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../problems");
    for (label, spec, argument) in CASES {
        let solved = match solve_file(&problems.join(spec), spec, false) {
            Ok(solved) => solved,
            Err(e) => {
                eprintln!("{e}");
                return;
            }
        };
        c.bench_function(label, |b| {
            b.iter(|| {
                judge_argument_posed(
                    &solved.report.answers,
                    &solved.statement,
                    argument,
                    &solved.tolerance,
                )
            })
        });
    }
}

// criterion_group! defines an undocumented public function.
#[allow(missing_docs)]
mod group {
    criterion::criterion_group!(benches, super::checking);
}
use group::benches;
criterion_main!(benches);
