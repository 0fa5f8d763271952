#!/usr/bin/env python3
"""nnhw's engine beside PyTorch, on the same machine, in one run, taking turns.

Two pairs, each nnhw's criterion bench against the same work in PyTorch (float64, CPU):

- step: one forward + backward step of a [784, 256, 256, 10] ReLU network, batch 256,
  cross-entropy (nnhw: `cargo bench -p nnhw-backprop --bench step`; PyTorch: zero_grad,
  forward, loss, backward);
- lstm: the forward pass of an LSTM, state and input width 256, 1,000 steps, batch 1,
  exact sigma and tanh (nnhw: `cargo bench -p nnhw-lstm --bench states`, the run behind
  `lstm.states`; PyTorch: `nn.LSTM` under no_grad).

Each round runs nnhw's bench, then PyTorch's loop for as long, for each pair; the
figures are the medians over the rounds of each side's median time. Both sides use the
same number of threads (nnhw through RAYON_NUM_THREADS, PyTorch through
torch.set_num_threads). The ratio is nnhw / PyTorch: below 1.0, nnhw is faster.

PyTorch is optional: without it the script prints nnhw's figures alone and says how to
install it (`pip install torch`).

Usage: python3 scripts/side_by_side.py [--rounds 3] [--seconds 3] [--threads N]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BENCHES = {
    "step": ("nnhw-backprop", "step"),
    "lstm": ("nnhw-lstm", "states"),
}


def build():
    """Builds both benches once; returns {name: path of the bench executable}."""
    executables = {}
    for name, (package, bench) in BENCHES.items():
        out = subprocess.run(
            ["cargo", "bench", "--locked", "-p", package, "--bench", bench, "--no-run",
             "--message-format=json"],
            cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True,
        ).stdout
        for line in out.splitlines():
            message = json.loads(line)
            if message.get("reason") == "compiler-artifact" and message.get("executable") \
                    and message["target"]["name"] == bench:
                executables[name] = message["executable"]
    return executables


def nnhw_median(executable, threads, seconds):
    """Runs one criterion bench and returns its median time per iteration, in seconds."""
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, RAYON_NUM_THREADS=str(threads), CRITERION_HOME=home)
        run = subprocess.run(
            [executable, "--bench", "--noplot", "--warm-up-time", "1",
             "--measurement-time", str(seconds)],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        if run.returncode != 0:
            sys.exit(f"{executable} failed:\n{run.stderr}")
        estimates = list(Path(home).glob("**/new/estimates.json"))
        if len(estimates) != 1:
            sys.exit(f"expected one criterion result in {home}, found {len(estimates)}")
        return json.loads(estimates[0].read_text())["median"]["point_estimate"] * 1e-9


def timed(work, seconds):
    """Median wall time of `work()` over `seconds` of calls, after one second of warm-up."""
    end = time.perf_counter() + 1.0
    while time.perf_counter() < end:
        work()
    times = []
    end = time.perf_counter() + seconds
    while time.perf_counter() < end or len(times) < 10:
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def torch_work(torch):
    """The PyTorch side of each pair, as functions of no arguments."""
    torch.manual_seed(0)
    f64 = torch.float64
    net = torch.nn.Sequential(
        torch.nn.Linear(784, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 10),
    ).to(f64)
    x = torch.rand(256, 784, dtype=f64)
    labels = torch.arange(256) % 10
    loss = torch.nn.CrossEntropyLoss()

    def step():
        net.zero_grad()
        loss(net(x), labels).backward()

    lstm = torch.nn.LSTM(256, 256).to(f64)
    sequence = torch.rand(1000, 1, 256, dtype=f64) * 2 - 1

    def forward():
        with torch.no_grad():
            lstm(sequence)

    return {"step": step, "lstm": forward}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=3.0, help="measuring time per bench and round")
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    args = parser.parse_args()

    try:
        import torch
    except ImportError:
        torch = None
        print("PyTorch is not installed (pip install torch): nnhw's figures only.\n")
    if torch is not None:
        torch.set_num_threads(args.threads)
        work = torch_work(torch)

    executables = build()
    times = {name: {"nnhw": [], "PyTorch": []} for name in BENCHES}
    for round_ in range(1, args.rounds + 1):
        for name in BENCHES:
            times[name]["nnhw"].append(nnhw_median(executables[name], args.threads, args.seconds))
            if torch is not None:
                times[name]["PyTorch"].append(timed(work[name], args.seconds))
        print(f"round {round_}/{args.rounds} done", file=sys.stderr)

    version = f"PyTorch {torch.__version__}" if torch is not None else "PyTorch not installed"
    print(f"{args.threads} threads, {args.rounds} rounds, {version}")
    print(f"{'':6} {'nnhw':>10} {'PyTorch':>10} {'ratio':>7}")
    for name in BENCHES:
        ours = statistics.median(times[name]["nnhw"])
        line = f"{name:6} {ours * 1e3:8.2f} ms"
        if times[name]["PyTorch"]:
            theirs = statistics.median(times[name]["PyTorch"])
            line += f" {theirs * 1e3:8.2f} ms {ours / theirs:7.2f}"
        print(line)


if __name__ == "__main__":
    main()
