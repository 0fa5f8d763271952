#!/usr/bin/env python3
"""Reproduces docs/performance.md's speed figures for whole runs of the CLI.

- one homework spec, against a process that does nothing (/bin/true) and against the
  homework notebook's own Python for the same problem (../shared/anchors);
- a batch of 10,000 small generated specs in one call.

Usage: python3 scripts/bench.py [--runner target/release/runner] [--anchors ../shared/anchors]
Build first: cargo build --release -p runner (scripts/bench.sh does both).
"""

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def wall(command, runs, cwd=None):
    """Median wall time of `runs` runs, in seconds (after one warm-up run)."""
    subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


FEEDFORWARD = """kind = "nn.feedforward"
[params]
x = [{a}, {b}]
[[params.layers]]
weights = [[1, 0], [0, 1], [-1, 0], [0, -1]]
bias = [-1, -1, -1, -1]
[[params.layers]]
weights = [[1, 1, 1, 1], [-1, -1, -1, -1]]
bias = [0, 2]
"""

LSTM = """kind = "lstm.states"
[params]
x = [{xs}]
[params.weights]
f_h = 0
f_x = 0
i_h = 0
i_x = 100
o_h = 0
o_x = 100
c_h = -100
c_x = 50
[params.bias]
f = -100
i = 100
"""

REGION = """kind = "nn.decision-region"
[params]
weights = [[1, 0], [0, 1], [-1, 0], [0, -1]]
bias = [{a}, {b}, -1, -1]
"""


def generate(directory, count):
    rng = random.Random(0)
    for i in range(count):
        kind = i % 3
        if kind == 0:
            text = FEEDFORWARD.format(a=rng.randint(-20, 20), b=rng.randint(-20, 20))
        elif kind == 1:
            text = LSTM.format(xs=", ".join(str(rng.randint(0, 1)) for _ in range(8)))
        else:
            text = REGION.format(a=-rng.randint(1, 5), b=-rng.randint(1, 5))
        (directory / f"spec{i:05}.toml").write_text(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = Path(__file__).resolve().parent.parent
    parser.add_argument("--runner", default=str(root / "target/release/runner"))
    parser.add_argument("--anchors", default=str(root.parent / "shared/anchors"))
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--quick", action="store_true", help="fewer runs")
    args = parser.parse_args()
    if args.quick:
        args.runs = 10
    runner = args.runner
    anchors = Path(args.anchors)
    true = shutil.which("true") or "/bin/true"

    rows = []
    nothing = wall([true], args.runs)
    rows.append(("a process that does nothing (true)", nothing, ""))
    for spec, anchor in [("lstm2.toml", "homework_lstm2.py"), ("feedforward.toml", "homework_feedforward.py")]:
        ours = wall([runner, str(root / "problems" / spec)], args.runs)
        rows.append((f"runner problems/{spec}", ours, f"{ours / nothing:.1f}× true"))
        script = anchors / anchor
        if script.exists():
            python = wall([sys.executable, str(script)], args.runs)
            rows.append((f"python3 {anchor} (the notebook's code)", python, f"runner is {python / ours:.0f}× faster"))
        else:
            print(f"(no {script}: skipping the Python comparison)", file=sys.stderr)

    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        generate(directory, 10_000)
        batch = wall([runner, str(directory)], 5)
        rows.append(("runner DIR with 10,000 generated specs", batch, f"{batch / 10_000 * 1e6:.0f} µs a spec"))

    print("| what | median wall time | |")
    print("|---|---|---|")
    for what, seconds, note in rows:
        shown = f"{seconds * 1e3:.2f} ms" if seconds < 1 else f"{seconds:.2f} s"
        print(f"| {what} | {shown} | {note} |")


if __name__ == "__main__":
    main()
