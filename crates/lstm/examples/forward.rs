//! Times `lstm.states`' forward pass by wall clock and by this process's CPU time (which
//! a busy machine disturbs less), split in halves or step by step, over state widths:
//! where splitting starts to pay.
//!
//! cargo run --release -p nnhw-lstm --example forward -- [H,H,…] [D] [T] [runs]
//! (D = H when 0; defaults: 256, 0, 1000, 20)

use std::fmt::Write;
use std::time::Instant;

use nnhw_core::rng::Rng;
use nnhw_core::spec::Document;
use nnhw_lstm::{LstmSpec, Setup, run_split_or_not};

/// An exact, unrounded `lstm.states` spec with H × D uniform weights in ±1/√H.
fn spec(hidden: usize, input: usize, steps: usize) -> String {
    let mut rng = Rng::new(5);
    let limit = 1.0 / (hidden as f64).sqrt();
    let mut vector = |cols: usize, limit: f64| {
        let mut text = String::from("[");
        for _ in 0..cols {
            let _ = write!(text, "{},", rng.uniform(-limit, limit));
        }
        text + "]"
    };
    let mut matrix = |rows: usize, cols: usize, limit: f64| {
        let rows: Vec<String> = (0..rows).map(|_| vector(cols, limit)).collect();
        format!("[{}]", rows.join(","))
    };
    let mut text = String::from(
        "kind = \"lstm.states\"\n[params]\napproximation = \"exact\"\nrounding = \"none\"\n",
    );
    let _ = writeln!(text, "x = {}", matrix(steps, input, 1.0));
    text.push_str("[params.weights]\n");
    for gate in ["f", "i", "o", "c"] {
        let _ = writeln!(text, "{gate}_h = {}", matrix(hidden, hidden, limit));
        let _ = writeln!(text, "{gate}_x = {}", matrix(hidden, input, limit));
    }
    text
}

fn setup(hidden: usize, input: usize, steps: usize) -> Result<(Setup, Vec<Vec<f64>>), String> {
    let text = spec(hidden, input, steps);
    let document = Document::parse("forward.toml", &text).map_err(|e| e.to_string())?;
    let lstm: LstmSpec = document.params().parse().map_err(|e| e.message)?;
    let inputs = lstm.inputs().map_err(|e| e.message)?;
    Ok((lstm.setup(input).map_err(|e| e.message)?, inputs))
}

/// This process's user + system CPU time in seconds (/proc/self/stat, 10 ms ticks).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<f64> = after
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(0.0))
        .collect();
    (fields.get(11).unwrap_or(&0.0) + fields.get(12).unwrap_or(&0.0)) / 100.0
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg =
        |k: usize, default: usize| args.get(k).and_then(|a| a.parse().ok()).unwrap_or(default);
    let widths: Vec<usize> = args
        .get(1)
        .map(|a| a.split(',').filter_map(|w| w.parse().ok()).collect())
        .unwrap_or_else(|| vec![256]);
    let (input, steps, runs) = (arg(2, 0), arg(3, 1000), arg(4, 20));
    println!("threads {}", rayon::current_num_threads());
    for hidden in widths {
        let input = if input == 0 { hidden } else { input };
        let (setup, inputs) = match setup(hidden, input, steps) {
            Ok(both) => both,
            Err(message) => {
                eprintln!("{message}");
                std::process::exit(2);
            }
        };
        for split in [false, true] {
            let mut walls = Vec::new();
            let cpu = cpu_seconds();
            for _ in 0..runs {
                let start = Instant::now();
                std::hint::black_box(run_split_or_not(&setup, &inputs, split));
                walls.push(start.elapsed().as_secs_f64() * 1e3);
            }
            let cpu = (cpu_seconds() - cpu) * 1e3 / runs as f64;
            walls.sort_by(f64::total_cmp);
            println!(
                "H {hidden:4} D {input:4} T {steps} split {split:5}: wall min {:8.3} ms median {:8.3} ms, CPU {cpu:8.3} ms a run",
                walls[0],
                walls[walls.len() / 2]
            );
        }
    }
}
