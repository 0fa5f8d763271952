//! nnhw's side of scripts/side_by_side.py: a process that holds both workloads built and
//! warm, and times short chunks of either on request, so that the script can interleave
//! them with PyTorch's in its own process. Built like the criterion benches (the bench
//! profile: release, fat LTO): `cargo bench -p nnhw-tests --bench side_by_side --no-run`.
//!
//! The two workloads, the same as the criterion benches':
//!
//! - `step`: one forward + backward step (`nnhw_core::network::step`, its workspace kept)
//!   of a [784, 256, 256, 10] network, ReLU hidden layers and an identity output layer,
//!   mean cross-entropy over softmax, batch 256, f64 (`crates/backprop/benches/step.rs`);
//! - `lstm`: `nnhw_lstm::run` over the `lstm.states` cell of `nnhw_lstm::bench_spec`, H =
//!   D = 256, T = 1000, exact σ and tanh (`crates/lstm/benches/states.rs`).
//!
//! Run with `--serve`, it reads one command a line on stdin and answers each with one line
//! on stdout:
//!
//! - `time NAME SECONDS MIN` runs NAME until at least SECONDS have passed and MIN
//!   iterations are done, and answers `times T1 T2 …`, each iteration's wall time in
//!   seconds;
//! - `dump DIR` writes every input, weight and result of both workloads into DIR, one
//!   file `NAME.f64` each (raw little-endian f64, row-major), and answers `dumped
//!   NAME=ROWSxCOLS …`: the script feeds the same weights to PyTorch and compares;
//! - `quit`, or the end of stdin, ends it.
//!
//! It answers `ready threads=N` once both workloads are built (N: rayon's threads, set by
//! RAYON_NUM_THREADS), and `error MESSAGE` to a command it cannot run. Without `--serve`
//! (as `cargo bench -p nnhw-tests` runs it) it says what it is for and exits.

use std::hint::black_box;
use std::io::{BufRead, Write};
use std::path::Path;
use std::time::Instant;

use faer::Mat;
use nnhw_core::network::{Loss, Network, Workspace, step};
use nnhw_core::numerics::Activation;
use nnhw_core::rng::Rng;
use nnhw_lstm::Setup;
use nnhw_lstm::bench_spec::{BenchLstm, GATES, HIDDEN, INPUT, SEED, STEPS, pytorch_scale};

/// Layer widths of the step's network, input first.
const SIZES: [usize; 4] = [784, 256, 256, 10];
/// Examples in the step's batch.
const BATCH: usize = 256;

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

/// Both workloads, built once.
struct Workloads {
    network: Network,
    x: Mat<f64>,
    t: Mat<f64>,
    work: Workspace,
    lstm: BenchLstm,
    setup: Setup,
    inputs: Vec<Vec<f64>>,
}

impl Workloads {
    /// The step's network and batch (the step bench's seeds) and the LSTM bench's cell.
    fn new() -> Result<Workloads, String> {
        let network = network(&SIZES, 0);
        let mut rng = Rng::new(1);
        let x = Mat::from_fn(BATCH, SIZES[0], |_, _| rng.unit());
        let t = Mat::from_fn(BATCH, SIZES[3], |i, j| f64::from(u8::from(i % 10 == j)));
        let lstm = pytorch_scale(HIDDEN, INPUT, STEPS, SEED);
        let (setup, inputs) = lstm.setup().map_err(|e| e.to_string())?;
        Ok(Workloads {
            network,
            x,
            t,
            work: Workspace::default(),
            lstm,
            setup,
            inputs,
        })
    }

    /// One step of the network on the batch; the loss.
    fn step(&mut self) -> f64 {
        step(
            &self.network,
            self.x.as_ref(),
            self.t.as_ref(),
            Loss::CrossEntropy,
            &mut self.work,
        )
    }

    /// Times `name` until `seconds` have passed and `min` iterations are done.
    fn time(&mut self, name: &str, seconds: f64, min: usize) -> Result<Vec<f64>, String> {
        let mut times = Vec::new();
        let start = Instant::now();
        while times.len() < min || start.elapsed().as_secs_f64() < seconds {
            let before = Instant::now();
            match name {
                "step" => {
                    black_box(self.step());
                }
                "lstm" => {
                    black_box(nnhw_lstm::run(&self.setup, &self.inputs));
                }
                _ => return Err(format!("no workload {name:?}: step or lstm")),
            }
            times.push(before.elapsed().as_secs_f64());
        }
        Ok(times)
    }

    /// Writes both workloads' inputs, weights and results into `dir`; the names written
    /// and their shapes.
    fn dump(&mut self, dir: &Path) -> Result<Vec<(String, usize, usize)>, String> {
        let mut files = Files {
            dir,
            written: Vec::new(),
        };
        let loss = self.step();
        files.mat("mlp.x", &self.x)?;
        files.mat("mlp.t", &self.t)?;
        for (l, layer) in self.network.layers.iter().enumerate() {
            files.mat(&format!("mlp.w{l}"), &layer.weights)?;
            files.rows(&format!("mlp.b{l}"), std::slice::from_ref(&layer.bias))?;
        }
        files.rows("mlp.loss", &[vec![loss]])?;
        let g = &self.work.gradients;
        for (l, (w, b)) in g.weights.iter().zip(&g.bias).enumerate() {
            files.mat(&format!("mlp.gw{l}"), w)?;
            files.rows(&format!("mlp.gb{l}"), std::slice::from_ref(b))?;
        }

        files.rows("lstm.x", &self.lstm.x)?;
        for (g, gate) in GATES.iter().enumerate() {
            files.rows(&format!("lstm.wh_{gate}"), &self.lstm.h_weights[g])?;
            files.rows(&format!("lstm.wx_{gate}"), &self.lstm.x_weights[g])?;
            files.rows(
                &format!("lstm.b_{gate}"),
                std::slice::from_ref(&self.lstm.bias[g]),
            )?;
        }
        let trace = nnhw_lstm::run(&self.setup, &self.inputs);
        files.rows("lstm.h", &trace.h)?;
        let c_last: Vec<Vec<f64>> = trace
            .steps
            .last()
            .map(|s| s.c.clone())
            .into_iter()
            .collect();
        files.rows("lstm.c_last", &c_last)?;
        Ok(files.written)
    }
}

/// Writes raw f64 files into a directory and lists them.
struct Files<'a> {
    dir: &'a Path,
    written: Vec<(String, usize, usize)>,
}

impl Files<'_> {
    /// `rows` (each as long as the first) as `NAME.f64`.
    fn rows(&mut self, name: &str, rows: &[Vec<f64>]) -> Result<(), String> {
        let cols = rows.first().map_or(0, Vec::len);
        if rows.iter().any(|r| r.len() != cols) {
            return Err(format!("{name}: ragged rows"));
        }
        let bytes: Vec<u8> = rows
            .iter()
            .flatten()
            .flat_map(|v| v.to_le_bytes())
            .collect();
        self.write(name, &bytes, rows.len(), cols)
    }

    /// A faer matrix, row by row, as `NAME.f64`.
    fn mat(&mut self, name: &str, m: &Mat<f64>) -> Result<(), String> {
        let bytes: Vec<u8> = (0..m.nrows())
            .flat_map(|i| (0..m.ncols()).map(move |j| m[(i, j)]))
            .flat_map(f64::to_le_bytes)
            .collect();
        self.write(name, &bytes, m.nrows(), m.ncols())
    }

    fn write(&mut self, name: &str, bytes: &[u8], rows: usize, cols: usize) -> Result<(), String> {
        let path = self.dir.join(format!("{name}.f64"));
        std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        self.written.push((name.to_owned(), rows, cols));
        Ok(())
    }
}

/// The answer to one command line, or `None` to stop.
fn answer(workloads: &mut Workloads, line: &str) -> Option<String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let result = match words.as_slice() {
        [] => return Some("error empty command".to_owned()),
        ["quit"] => return None,
        ["time", name, seconds, min] => match (seconds.parse::<f64>(), min.parse::<usize>()) {
            (Ok(seconds), Ok(min)) => workloads.time(name, seconds, min).map(|times| {
                let mut text = String::from("times");
                for t in times {
                    text.push_str(&format!(" {t:e}"));
                }
                text
            }),
            _ => Err(format!("bad numbers in {line:?}")),
        },
        ["dump", dir] => workloads.dump(Path::new(dir)).map(|written| {
            let mut text = String::from("dumped");
            for (name, rows, cols) in written {
                text.push_str(&format!(" {name}={rows}x{cols}"));
            }
            text
        }),
        _ => Err(format!(
            "unknown command {line:?}: time NAME SECONDS MIN, dump DIR or quit"
        )),
    };
    Some(result.unwrap_or_else(|message| format!("error {message}")))
}

fn main() {
    if !std::env::args().any(|a| a == "--serve") {
        println!(
            "side_by_side: nnhw's half of scripts/side_by_side.py; run that script (this \
             harness times nothing without --serve)"
        );
        return;
    }
    let mut workloads = match Workloads::new() {
        Ok(w) => w,
        Err(message) => {
            eprintln!("side_by_side: the workloads are bad: {message}");
            std::process::exit(2);
        }
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if writeln!(out, "ready threads={}", rayon::current_num_threads())
        .and_then(|()| out.flush())
        .is_err()
    {
        std::process::exit(2);
    }
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else {
            std::process::exit(2);
        };
        let Some(reply) = answer(&mut workloads, &line) else {
            return;
        };
        if writeln!(out, "{reply}").and_then(|()| out.flush()).is_err() {
            std::process::exit(2);
        }
    }
}
