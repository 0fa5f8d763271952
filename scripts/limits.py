#!/usr/bin/env python3
"""Measures the worst case of every limit in docs/limits.md on a release build.

docs/limits.md promises that every spec within the limits finishes within 10 s and
2 GB. This script writes, into a temporary directory, the costliest spec that each row
of that table still accepts (at the limit, never past it), plus the `backprop.formulas`
networks issue 30 named, and runs the release runner on each one:

- wall time (time.perf_counter around the child), CPU time (user + system) and peak RSS
  (ru_maxrss), both of that one child from os.wait4, with a timeout (60 s unless
  --timeout);
- `--figures DIR` on every run (kinds that draw nothing write nothing), as the table's
  measurements did, and the largest figure written (docs/limits.md: under 100 KB);
- stdout to /dev/null; stderr kept: a spec is accepted only when the runner exits 0
  with an empty stderr (it exits 2 on bad input, naming the limit it broke);
- the same spec one step past each limit the row sits at (one unit, step, β, sum, output,
  epoch or input more) must be refused with exit 2: the row is at the limit, not below.

It prints the machine (CPU model, cores), the load average before and after, a markdown
table ready to paste (row, spec shape, wall s, CPU s, peak GB, largest figure, verdict),
the refusals one past each limit, and exits 1 if any spec was refused, failed, timed
out, went over 10 s, 2 GB or 100 KB a figure, or if a spec past a limit was accepted.
A load average above 0.5 is warned about: the wall times are then not figures to quote
(CPU time under 10 s beside a wall time over it is marked: the load's, likely).

Each spec family has a function below that says which variant it chose where the table
leaves a choice, and why it is the costliest one accepted.

Reproduce (Python 3.11, stdlib only):

    cargo build --release --locked -p runner && python3 scripts/limits.py

Options: --runner PATH (default target/release/runner), --only SUBSTRING (rows whose
name contains it; repeatable), --keep DIR (write the specs there and keep them),
--timeout SECONDS, --list (print the rows and exit).
"""

import argparse
import os
import platform
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

# The promise of docs/limits.md.
BUDGET_SECONDS = 10.0
BUDGET_BYTES = 2 * 10**9
# docs/limits.md: "Figures keep under 100 KB at every limit".
BUDGET_FIGURE_BYTES = 100 * 1000
# The runner reads at most this much of a spec file (docs/limits.md, first row).
MAX_SPEC_BYTES = 4 * 1024 * 1024
# Above this load average the machine is busy and the times are not to be quoted.
QUIET_LOAD = 0.5

# Network limits (crates/core/src/network/mod.rs).
MAX_UNITS = 10**6
MAX_PARAMETERS = 2 * 10**7


@dataclass
class Case:
    """One spec to run: its table row, a short description of its shape, its text."""

    row: str
    shape: str
    text: str
    args: list = field(default_factory=list)
    # The same spec one step past each limit this row sits at, as (what, spec text): each
    # must be refused (exit 2), which shows the row is at the limit and not below it.
    past: list = field(default_factory=list)

    @property
    def file_name(self):
        return slug(self.row)[:80] + ".toml"


def slug(text):
    """ASCII letters and digits, the rest one '-': a file name."""
    keep = "".join(c if c.isascii() and c.isalnum() else "-" for c in text.lower())
    return "-".join(filter(None, keep.split("-")))


def toml_list(values, separator=", "):
    return "[" + separator.join(values) + "]"


def number(x):
    """A float as TOML writes it: shortest round-trip repr, integers without '.0'."""
    if float(x).is_integer() and abs(x) < 1e15:
        return str(int(x))
    return repr(float(x))


# ---------------------------------------------------------------------------------------
# backprop.formulas: the network row (2·10⁷ weights and biases; 10⁶ units over all layers)
# ---------------------------------------------------------------------------------------


def parameters(sizes):
    """Weights and biases of a dense network of these widths."""
    return sum(n_out * (n_in + 1) for n_in, n_out in zip(sizes, sizes[1:]))


def largest_wide():
    """The largest N with [2, N, 2] within both network limits: units N + 2 ≤ 10⁶."""
    n = MAX_UNITS - 2
    while parameters([2, n, 2]) > MAX_PARAMETERS:
        n -= 1
    return n


def largest_square():
    """The largest N with [N, N, 2] within 2·10⁷ weights and biases: (N + 1)(N + 2)."""
    n = 1
    while parameters([n + 1, n + 1, 2]) <= MAX_PARAMETERS:
        n += 1
    return n


def formulas_spec(sizes, x, activation="sigmoid"):
    network = f'{{ sizes = {toml_list(map(str, sizes))}, activation = "{activation}", seed = 0 }}'
    target = toml_list(["1"] + ["0"] * (sizes[-1] - 1))
    return (
        'kind = "backprop.formulas"\n[params]\n'
        f"network = {network}\nx = {toml_list(x, ',')}\ntarget = {target}\n"
    )


def random_x(n, seed):
    rng = random.Random(seed)
    return [f"{rng.uniform(-1, 1):.6f}" for _ in range(n)]


def network_cases():
    """backprop.formulas at the network limits and on the sizes issue 30 named.

    The finite-difference sample is sized by a cost model of one forward pass, so the
    costliest networks are the widest (most per-unit overhead: [2, N, 2] at 10⁶ units)
    and the ones at 2·10⁷ parameters (most multiply-adds a pass: the largest square).
    x is random in ±1 unless said otherwise (issue 30: the same [3000, 3000, 2] network
    with x all 0.5 and with x random behaved differently); sigmoid is the default, and
    relu is run on the widest and on a [3000, 3000, 2] network as well.
    """
    wide, square = largest_wide(), largest_square()
    cases = []

    def add(sizes, x, note, activation="sigmoid", past=None):
        label = "[" + ", ".join(f"{s:,}" for s in sizes) + "]"
        cases.append(
            Case(
                f"backprop.formulas {label} {activation}{note}",
                f"{parameters(sizes):,} parameters, {sum(sizes[1:]):,} units",
                formulas_spec(sizes, x, activation),
                past=past or [],
            )
        )

    add([2, wide, 2], random_x(2, 1), " (largest [2, N, 2])", past=[(f"N = {wide + 1:,}", formulas_spec([2, wide + 1, 2], random_x(2, 1)))])
    add([2, wide, 2], random_x(2, 1), " (largest [2, N, 2])", "relu")
    past_square = formulas_spec([square + 1, square + 1, 2], random_x(square + 1, 2))
    add([square, square, 2], random_x(square, 2), " (largest square)", past=[(f"N = {square + 1:,}", past_square)])
    add([3000, 3000, 2], ["0.5"] * 3000, ", x all 0.5")
    add([3000, 3000, 2], random_x(3000, 3), ", x random ±1")
    add([3000, 3000, 2], random_x(3000, 3), ", x random ±1", "relu")
    add([1000, 1000, 2], random_x(1000, 4), "")
    add([500, 500, 2], random_x(500, 5), "")
    add([2, 10**4, 2], random_x(2, 6), "")
    add([2, 10**5, 2], random_x(2, 7), "")
    return cases


# ---------------------------------------------------------------------------------------
# nn.decision-region: 5,000 units
# ---------------------------------------------------------------------------------------


def region_cases():
    """5,000 lines, every one an edge of the region and so a corner of it.

    The lines are the tangents of the unit circle at 5,000 equally spaced angles,
    w = (cos θ, sin θ), b = −1: the all-negative region is the circumscribed 5,000-gon.
    The weights are full-precision f64s, not small integers, so the exact rational
    arithmetic works on the longest numbers a spec can give it.
    """
    import math

    def spec(n):
        rows = [
            toml_list([repr(math.cos(2 * math.pi * k / n)), repr(math.sin(2 * math.pi * k / n))])
            for k in range(n)
        ]
        return (
            'kind = "nn.decision-region"\n[params]\n'
            f"weights = {toml_list(rows, ',')}\nbias = {toml_list(['-1'] * n, ',')}\n"
        )

    return [Case("nn.decision-region 5,000 units", "5,000 tangents of a circle, every one a corner", spec(5000), past=[("5,001 units", spec(5001))])]


# ---------------------------------------------------------------------------------------
# nn.inverse-temperature: 1,000 betas
# ---------------------------------------------------------------------------------------


def temperature_cases():
    """1,000 distinct β from 0.01 to 10 (each its own curve and exact form)."""
    def spec(n):
        betas = [number(k / 100) for k in range(1, n + 1)]
        return (
            'kind = "nn.inverse-temperature"\n[params]\n'
            f"betas = {toml_list(betas, ',')}\nmin_o2 = 0.001\n"
        )

    return [Case("nn.inverse-temperature 1,000 betas", "1,000 β", spec(1000), past=[("1,001 β", spec(1001))])]


# ---------------------------------------------------------------------------------------
# nn.output-from-hidden-sum: 10,000 sums; sums × outputs ≤ 10⁶
# ---------------------------------------------------------------------------------------


def hidden_sum_spec(sums, outputs, seed):
    rng = random.Random(seed)
    weights = [toml_list([str(rng.randint(-5, 5))] * 4, ",") for _ in range(outputs)]
    bias = [str(rng.randint(-3, 3)) for _ in range(outputs)]
    return (
        'kind = "nn.output-from-hidden-sum"\n[params]\n'
        f"weights = {toml_list(weights, ',')}\nbias = {toml_list(bias, ',')}\n"
        f'activation = "relu"\nhidden_sums = {toml_list(map(str, range(sums)), ",")}\n'
    )


def hidden_sum_cases():
    """10,000 sums, and 1,000 sums × 1,000 outputs with JSON (the whole o, full precision).

    The 10,000 sums are run twice: with 10 outputs, the most that still get exact softmax
    forms (integer weights and sums keep the exponents short enough for them: each form
    repeats its whole denominator), and with 100 outputs, 10⁶ values in all.
    """
    return [
        Case(
            "nn.output-from-hidden-sum 10,000 sums × 10 outputs",
            "exact forms for every sum",
            hidden_sum_spec(10_000, 10, 1),
            past=[("10,001 sums", hidden_sum_spec(10_001, 10, 1))],
        ),
        Case("nn.output-from-hidden-sum 10,000 sums × 100 outputs", "10⁶ values", hidden_sum_spec(10_000, 100, 2)),
        Case(
            "nn.output-from-hidden-sum 1,000 sums × 1,000 outputs, JSON",
            "10⁶ values, --format json",
            hidden_sum_spec(1_000, 1_000, 3),
            ["--format", "json"],
            past=[("1,000 sums × 1,001 outputs", hidden_sum_spec(1_000, 1_001, 3))],
        ),
    ]


# ---------------------------------------------------------------------------------------
# lstm.states: 10⁵ steps; steps × H ≤ 2·10⁵; steps × 4 × H × (H + D) ≤ 10⁹ multiply-adds
# ---------------------------------------------------------------------------------------

LSTM_MAX_WORK = 10**9
HOMEWORK_WEIGHTS = (
    "[params.weights]\nf_h = 0\nf_x = 0\ni_h = 0\ni_x = 100\no_h = 0\no_x = 100\n"
    "c_h = -100\nc_x = 50\n[params.bias]\nf = -100\ni = 100\no = 0\nc = 0\n"
)


def lstm_vector_spec(steps, hidden, width, seed):
    """H state units, D-wide inputs, every number one digit (0 or 1) to fit 4 MiB."""
    rng = random.Random(seed)

    def matrix(rows, cols):
        return toml_list(
            (toml_list((rng.choice("01") for _ in range(cols)), ",") for _ in range(rows)), ","
        )

    weights = "".join(
        f"{gate}_h = {matrix(hidden, hidden)}\n{gate}_x = {matrix(hidden, width)}\n"
        for gate in "fioc"
    )
    return f'kind = "lstm.states"\n[params]\nx = {matrix(steps, width)}\n[params.weights]\n{weights}'


def lstm_vector_spec_bytes(steps, hidden, width):
    """len(lstm_vector_spec(steps, hidden, width, seed)) without writing it: a matrix of
    one-digit numbers is rows × (2·cols + 2) − 1 + 2 characters."""

    def matrix(rows, cols):
        return rows * (2 * cols + 2) + 1

    head = len('kind = "lstm.states"\n[params]\nx = \n[params.weights]\n')
    gates = 4 * (len("f_h = \nf_x = \n") + matrix(hidden, hidden) + matrix(hidden, width))
    return head + matrix(steps, width) + gates


def widest_input(steps, hidden):
    """The largest D within the multiply-add limit whose spec still fits in 4 MiB."""
    width = LSTM_MAX_WORK // (steps * 4 * hidden) - hidden
    while lstm_vector_spec_bytes(steps, hidden, width) > MAX_SPEC_BYTES:
        width -= 1
    return width


def lstm_cases():
    """H = 250 × 800 steps, H = 100 × 2,000 steps (text and JSON), H = 1 × 10⁵ steps.

    The first two are at steps × H = 2·10⁵. The table does not say D; the costliest is
    the widest input the other limits allow: D = 1,000 for H = 250 puts the run at
    exactly 10⁹ multiply-adds, and for H = 100 the 4 MiB spec file binds first (D is the
    widest that fits, below the 1,150 the multiply-add limit would allow). H = 1 is the
    homework's scalar cell over 10⁵ random bits. All keep the default approximation
    (homework, rounded, fed back), the costliest: its report also runs the exact model
    and the unrounded feedback for the hints.
    """
    cases = []
    for steps, hidden, json in [(800, 250, False), (2000, 100, False), (2000, 100, True)]:
        width = widest_input(steps, hidden)
        work = steps * 4 * hidden * (hidden + width)
        name = f"lstm.states H = {hidden} × {steps:,} steps" + (", JSON" if json else "")
        # Past the limits: one step more (steps × H), and one input more (the multiply-add
        # limit for H = 250, the 4 MiB file for H = 100).
        past = []
        if not json:
            past = [
                (f"{steps + 1:,} steps", lstm_vector_spec(steps + 1, hidden, 1, steps)),
                (f"D = {width + 1:,}", lstm_vector_spec(steps, hidden, width + 1, steps)),
            ]
        cases.append(
            Case(
                name,
                f"D = {width:,}, {work / 1e9:.2f}·10⁹ multiply-adds",
                lstm_vector_spec(steps, hidden, width, steps),
                ["--format", "json"] if json else [],
                past=past,
            )
        )
    def scalar(steps):
        rng = random.Random(1)
        bits = toml_list((rng.choice("01") for _ in range(steps)), ",")
        return f'kind = "lstm.states"\n[params]\nx = {bits}\n{HOMEWORK_WEIGHTS}'

    cases.append(
        Case("lstm.states H = 1 × 10⁵ steps", "the homework cell, scalar x", scalar(10**5), past=[("10⁵ + 1 steps", scalar(10**5 + 1))])
    )
    return cases


# ---------------------------------------------------------------------------------------
# lstm.info: max_length 1–24
# ---------------------------------------------------------------------------------------


def lstm_info_cases():
    """max_length 24, twice: the homework cell (whose states close into a machine) and a
    forget gate of one half (problems/beyond/lstm_info_no_proof.toml), whose states never
    close: the search runs to its 10⁵-state cap and then all 2²⁵ − 2 sequences are tried.
    """
    no_proof = HOMEWORK_WEIGHTS.replace("f = -100", "f = 0")

    def spec(length, weights):
        return f'kind = "lstm.info"\n[params]\nmax_length = {length}\n{weights}'

    return [
        Case("lstm.info max_length 24, homework cell", "states close", spec(24, HOMEWORK_WEIGHTS), past=[("max_length 25", spec(25, HOMEWORK_WEIGHTS))]),
        Case("lstm.info max_length 24, forget gate ½", "states never close", spec(24, no_proof)),
    ]


# ---------------------------------------------------------------------------------------
# backprop.sgd: steps 1–10⁶
# ---------------------------------------------------------------------------------------


def sgd_cases():
    """10⁶ steps from problems/beyond/sgd_50_steps.toml's start (every loss is listed)."""
    def spec(steps):
        return (
            'kind = "backprop.sgd"\n[params]\n'
            f"x = 3\nt = 1\nw1 = 0.5\nw2 = 0.5\nb = 0\neta = 0.5\nsteps = {steps}\n"
        )

    return [Case("backprop.sgd 10⁶ steps", "loss after every step", spec(10**6), past=[("10⁶ + 1 steps", spec(10**6 + 1))])]


# ---------------------------------------------------------------------------------------
# embeddings.unseen-words: trials × epochs × sentences × 2 ≤ 5·10⁶ steps;
# (vocabulary + width) × hidden ≤ 2·10⁶; steps/2 × first layer × 3 + steps × (50 a hidden
# unit + 600) ≤ 5·10⁹ multiply-adds' worth
# ---------------------------------------------------------------------------------------

EMB_MAX_WORK = 5 * 10**6
EMB_MAX_FIRST_LAYER = 2 * 10**6
EMB_MAX_MULTIPLY_ADDS = 5 * 10**9
EMB_PER_HIDDEN_UNIT = 50
EMB_PER_STEP = 600


def embeddings_cost(steps, first, hidden):
    """The embeddings kind's cost model (crates/embeddings/src/spec.rs): `steps` of both
    networks, the one-hot network's first layer `first` weights."""
    return (steps // 2) * first * 3 + steps * (hidden * EMB_PER_HIDDEN_UNIT + EMB_PER_STEP)


def homework_embeddings():
    """problems/word_embeddings.toml's vocabulary and sentences, without its params."""
    text = (Path(__file__).resolve().parent.parent / "problems" / "word_embeddings.toml").read_text()
    body = text[text.index("[params.vocabulary]"): text.index("[expected]")]
    return body


def embeddings_cases():
    """The small network at its most steps, and 19,998 words × 100 hidden.

    Trials train in parallel, so one trial is the costliest way to spend the steps: it
    runs on one core. The small case is the homework's 12 words and 8 sentences: at
    hidden 4 (the table's) the 5·10⁶-step limit binds; at hidden 47 the cost model does,
    at the most epochs it accepts. The large case is (19,998 + 2) × 100 = 2·10⁶
    first-layer weights, and as many training sentences of one word each for one epoch
    as the cost model accepts; 100 test sentences.
    """
    body = homework_embeddings()
    cases = []
    train = 8
    for hidden in (4, 47):
        first = (12 + 2) * hidden
        epochs = EMB_MAX_WORK // (2 * train)
        while embeddings_cost(epochs * train * 2, first, hidden) > EMB_MAX_MULTIPLY_ADDS:
            epochs = EMB_MAX_MULTIPLY_ADDS * epochs // embeddings_cost(epochs * train * 2, first, hidden)
        cost = embeddings_cost(epochs * train * 2, first, hidden)

        def spec(hidden, epochs):
            return (
                'kind = "embeddings.unseen-words"\n[params]\n'
                f"hidden = {hidden}\nepochs = {epochs}\ntrials = 1\n{body}"
            )

        cases.append(
            Case(
                f"embeddings.unseen-words hidden {hidden}, {epochs * train * 2:,} steps",
                f"1 trial × {epochs:,} epochs × 8 sentences, {cost / 1e9:.2f}·10⁹ multiply-adds' worth",
                spec(hidden, epochs),
                past=[(f"{epochs + 1:,} epochs", spec(hidden, epochs + 1))],
            )
        )

    words, hidden = 19_998, 100
    first = (words + 2) * hidden
    sentences = EMB_MAX_MULTIPLY_ADDS // (3 * first + 2 * (hidden * EMB_PER_HIDDEN_UNIT + EMB_PER_STEP))
    rng = random.Random(8)
    names = [f"w{i:05}" for i in range(words)]
    labels = [rng.randint(0, 1) for _ in range(words)]
    vocabulary = "".join(
        f"{w} = [{0.9 if c else 0.05}, {rng.random():.3f}]\n" for w, c in zip(names, labels)
    )
    per = words // sentences

    def sentence(chunk, label):
        return f'{{ words = {toml_list((chr(34) + w + chr(34) for w in chunk), ",")}, label = {label} }}'

    train_rows = [
        sentence(names[i * per:(i + 1) * per], labels[i * per]) for i in range(sentences)
    ]
    unseen = names[sentences * per:]
    test_rows = [sentence([unseen[i % len(unseen)]], labels[sentences * per + i % len(unseen)]) for i in range(100)]
    def spec(hidden, epochs):
        return (
            'kind = "embeddings.unseen-words"\n[params]\n'
            f"hidden = {hidden}\nepochs = {epochs}\ntrials = 1\n"
            f"train = {toml_list(train_rows, ',')}\ntest = {toml_list(test_rows, ',')}\n"
            f"[params.vocabulary]\n{vocabulary}"
        )

    cases.append(
        Case(
            "embeddings.unseen-words 19,998 words × 100 hidden",
            f"2·10⁶ first-layer weights, {sentences} sentences × 1 epoch × 1 trial",
            spec(hidden, 1),
            past=[("hidden 101", spec(hidden + 1, 1)), ("2 epochs", spec(hidden, 2))],
        )
    )
    return cases


FAMILIES = [
    network_cases,
    region_cases,
    temperature_cases,
    hidden_sum_cases,
    lstm_cases,
    lstm_info_cases,
    sgd_cases,
    embeddings_cases,
]


# ---------------------------------------------------------------------------------------
# Running and reporting
# ---------------------------------------------------------------------------------------


@dataclass
class Result:
    case: Case
    code: int | None
    seconds: float
    cpu_seconds: float
    peak_bytes: int
    figure_bytes: int
    stderr: str
    timed_out: bool

    @property
    def accepted(self):
        return self.code == 0 and not self.stderr.strip()

    @property
    def ok(self):
        return (
            self.accepted
            and self.seconds <= BUDGET_SECONDS
            and self.peak_bytes <= BUDGET_BYTES
            and self.figure_bytes <= BUDGET_FIGURE_BYTES
        )


def run(runner, case, spec, figures, timeout):
    """Runs one spec; wall time, peak RSS of that child alone, its stderr."""
    figures.mkdir(parents=True, exist_ok=True)
    command = [runner, *case.args, "--figures", str(figures), str(spec)]
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
        killed = threading.Event()

        def kill():
            killed.set()
            os.killpg(child.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.start()
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        timer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode(errors="replace")
    figure_bytes = max((p.stat().st_size for p in figures.rglob("*") if p.is_file()), default=0)
    cpu = usage.ru_utime + usage.ru_stime
    return Result(case, child.returncode, seconds, cpu, usage.ru_maxrss * 1024, figure_bytes, stderr, killed.is_set())


def refused(runner, spec, timeout):
    """Runs a spec past a limit: (refused with exit 2, first line of stderr or what happened)."""
    try:
        done = subprocess.run(
            [runner, str(spec)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return False, f"not refused: still running after {timeout:.0f} s"
    message = done.stderr.decode(errors="replace").strip().splitlines()
    if done.returncode == 2 and message:
        return True, message[0].replace(str(spec.parent) + "/", "")
    return False, f"not refused: exit {done.returncode}"


def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def load_average():
    return os.getloadavg()


def uptime():
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return "load average: {:.2f}, {:.2f}, {:.2f}".format(*load_average())


def status(result):
    if result.timed_out:
        return "FAIL (timed out)"
    if not result.accepted:
        return f"FAIL (exit {result.code}, refused)" if result.code == 2 else f"FAIL (exit {result.code})"
    over = []
    if result.seconds > BUDGET_SECONDS:
        # CPU time under 10 s: the wall time may be the load's, not the spec's.
        over.append("> 10 s" if result.cpu_seconds > BUDGET_SECONDS else "> 10 s wall, CPU under")
    if result.peak_bytes > BUDGET_BYTES:
        over.append("> 2 GB")
    if result.figure_bytes > BUDGET_FIGURE_BYTES:
        over.append("figure > 100 KB")
    return f"FAIL ({', '.join(over)})" if over else "OK"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runner", default="target/release/runner", help="the release runner binary")
    parser.add_argument("--only", action="append", default=[], metavar="SUBSTRING", help="run only rows whose name contains this (repeatable)")
    parser.add_argument("--keep", metavar="DIR", help="write the specs (and figures) into DIR and keep them")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a run is killed (default 60)")
    parser.add_argument("--list", action="store_true", help="print the rows and exit")
    options = parser.parse_args()

    cases = [c for family in FAMILIES for c in family()]
    if options.only:
        cases = [c for c in cases if any(s.lower() in c.row.lower() for s in options.only)]
    if options.list:
        for c in cases:
            print(f"{c.row}: {c.shape}")
        return 0
    if not cases:
        print("no row matches --only", file=sys.stderr)
        return 2
    runner = os.path.abspath(options.runner)
    if not os.access(runner, os.X_OK):
        print(f"{options.runner}: no runner there; build it with cargo build --release --locked -p runner", file=sys.stderr)
        return 2

    print(f"machine: {cpu_model()}, {os.cpu_count()} cores; runner {runner}")
    print(f"before: {uptime()}")
    busy = load_average()[0] > QUIET_LOAD

    with tempfile.TemporaryDirectory(prefix="nnhw-limits-") as scratch:
        directory = Path(options.keep) if options.keep else Path(scratch)
        directory.mkdir(parents=True, exist_ok=True)
        results = []
        pasts = []
        for case in cases:
            spec = directory / case.file_name
            spec.write_text(case.text)
            size = spec.stat().st_size
            if size > MAX_SPEC_BYTES:
                print(f"warning: {spec.name} is {size} bytes, over the 4 MiB a spec may have", file=sys.stderr)
            result = run(runner, case, spec, directory / (spec.stem + ".figures"), options.timeout)
            results.append(result)
            print(f"  {case.row}: {result.seconds:.2f} s ({result.cpu_seconds:.2f} s CPU), {result.peak_bytes / 1e9:.2f} GB, {status(result)}", file=sys.stderr, flush=True)
            if result.stderr.strip():
                print("    " + result.stderr.strip().replace("\n", "\n    "), file=sys.stderr)
            for what, text in case.past:
                past = directory / (spec.stem + "-past-" + slug(what) + ".toml")
                past.write_text(text)
                pasts.append((case.row, what, *refused(runner, past, min(options.timeout, 30.0))))

    after = uptime()
    # The load after includes this script's own runs (one or two busy cores), so only
    # the load before the runs tells whether the machine was quiet.
    print()
    print("| row | spec | wall s | CPU s | peak GB | largest figure | verdict |")
    print("|---|---|---|---|---|---|---|")
    for r in results:
        figure = f"{r.figure_bytes / 1000:.0f} KB" if r.figure_bytes else "—"
        print(f"| {r.case.row} | {r.case.shape} | {r.seconds:.2f} | {r.cpu_seconds:.2f} | {r.peak_bytes / 1e9:.2f} | {figure} | {status(r)} |")
    print()
    print("One past each limit (each must be refused with exit 2):")
    print()
    for row, what, ok, message in pasts:
        print(f"- {row}, {what}: {'refused' if ok else 'FAIL'}: {message}")
    print()
    print(f"after: {after}")
    if busy:
        print(f"warning: load average above {QUIET_LOAD} before the runs: the machine was busy, these times are not figures to quote")
    failed = [r for r in results if not r.ok]
    accepted_past = [p for p in pasts if not p[2]]
    if failed:
        print(f"{len(failed)} of {len(results)} specs refused or over 10 s / 2 GB / 100 KB a figure")
    if accepted_past:
        print(f"{len(accepted_past)} of {len(pasts)} specs past a limit were not refused")
    if failed or accepted_past:
        return 1
    print(f"all {len(results)} specs accepted, each within 10 s and 2 GB; all {len(pasts)} past a limit refused")
    return 0


if __name__ == "__main__":
    sys.exit(main())
