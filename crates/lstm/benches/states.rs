//! The forward pass of `lstm.states` at PyTorch's scale: state width 256, input width
//! 256, 1,000 steps, batch 1, exact σ and tanh, no rounding. The spec is parsed and
//! checked outside the timing; what is timed is the run over the sequence, every step's
//! gates and states kept (what `lstm.states` reports). scripts/side_by_side.py runs it
//! beside `torch.nn.LSTM` on the same sizes.
//!
//! cargo bench -p nnhw-lstm --bench states

use std::fmt::Write;

use criterion::{Criterion, criterion_main};
use nnhw_core::rng::Rng;
use nnhw_core::spec::Document;
use nnhw_lstm::{LstmSpec, Setup, run};

const HIDDEN: usize = 256;
const INPUT: usize = 256;
const STEPS: usize = 1000;

/// `cols` uniform draws in ±`limit`, as a TOML array.
fn vector(rng: &mut Rng, cols: usize, limit: f64) -> String {
    let mut text = String::from("[");
    for _ in 0..cols {
        let _ = write!(text, "{},", rng.uniform(-limit, limit));
    }
    text.push(']');
    text
}

/// A matrix of `rows` × `cols` uniform draws in ±`limit`, as a TOML array of rows.
fn matrix(rng: &mut Rng, rows: usize, cols: usize, limit: f64) -> String {
    let rows: Vec<String> = (0..rows).map(|_| vector(rng, cols, limit)).collect();
    format!("[{}]", rows.join(","))
}

/// The spec: PyTorch's default initialisation range, 1/√H, for every weight and bias.
fn spec() -> String {
    let mut rng = Rng::new(5);
    let limit = 1.0 / (HIDDEN as f64).sqrt();
    let mut text = String::from(
        "kind = \"lstm.states\"\n[params]\napproximation = \"exact\"\nrounding = \"none\"\n",
    );
    let _ = writeln!(text, "x = {}", matrix(&mut rng, STEPS, INPUT, 1.0));
    text.push_str("[params.weights]\n");
    for gate in ["f", "i", "o", "c"] {
        let _ = writeln!(
            text,
            "{gate}_h = {}",
            matrix(&mut rng, HIDDEN, HIDDEN, limit)
        );
        let _ = writeln!(
            text,
            "{gate}_x = {}",
            matrix(&mut rng, HIDDEN, INPUT, limit)
        );
    }
    text.push_str("[params.bias]\n");
    for gate in ["f", "i", "o", "c"] {
        let _ = writeln!(text, "{gate} = {}", vector(&mut rng, HIDDEN, limit));
    }
    text
}

/// The checked cell and its sequence, or what is wrong with the bench's own spec.
fn setup() -> Result<(Setup, Vec<Vec<f64>>), String> {
    let text = spec();
    let document = Document::parse("states.toml", &text).map_err(|e| e.to_string())?;
    let lstm: LstmSpec = document.params().parse().map_err(|e| e.message)?;
    let inputs = lstm.inputs().map_err(|e| e.message)?;
    let setup = lstm.setup(INPUT).map_err(|e| e.message)?;
    Ok((setup, inputs))
}

fn states(c: &mut Criterion) {
    let (setup, inputs) = match setup() {
        Ok(both) => both,
        Err(message) => {
            eprintln!("the bench's spec is bad input: {message}");
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
