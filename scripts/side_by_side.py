#!/usr/bin/env python3
"""nnhw beside PyTorch: the same two computations, on the same weights, timed in short
alternating chunks on the same machine, with the machine and its load recorded.

What is measured (float64, CPU, the same number of threads on both sides, --threads):

- step: one forward + backward step of a [784, 256, 256, 10] network (ReLU hidden
  layers, an identity output layer, mean cross-entropy over softmax) on a batch of 256.
  nnhw: nnhw_core::network::step with a Workspace kept between steps. PyTorch:
  zero_grad, forward, nn.CrossEntropyLoss, backward; x does not require grad.
- lstm: the forward pass of a one-layer LSTM, H = D = 256, T = 1000, batch 1, exact
  sigma and tanh. nnhw: nnhw_lstm::run (what lstm.states computes; every step's gates
  and states kept). PyTorch: nn.LSTM(256, 256).double() under no_grad.

Both sides hold the same weights: nnhw's harness writes its inputs and weights (the MLP
Glorot-uniform with zero biases; the LSTM uniform in +-1/sqrt(H), PyTorch's own default
range, with bias_hh zero since nnhw has one bias per gate) and PyTorch loads them. Before
timing, the script checks that both compute the same thing: the step's loss and every
gradient, and the LSTM's every h_t and last c, to 1e-12.

How: nnhw's side is one long-lived process (tests/benches/side_by_side.rs, built by
`cargo bench --no-run` like the criterion benches: release, fat LTO) that times chunks
on request; PyTorch runs in this process. After a warm-up, each round times, for each
computation, one chunk of nnhw and one of PyTorch, each running for --chunk seconds and
at least 3 iterations; which side goes first alternates from round to round, and a
--gap pause separates chunks so that one side's idle threads do not spin into the
other's chunk. A chunk's figure is the median of its iteration times.

How to read it: ratio = nnhw's time / PyTorch's, per round (nnhw's chunk median over
PyTorch's chunk median in the same round); below 1.0, nnhw is faster. The table gives
the min, median and max of those ratios over the rounds (a wide spread means the machine
was not steady), and each side's median (of its chunk medians) and best (fastest single
iteration). The run records the machine (CPU model and flags, cores, caches, OS, PyTorch
and its BLAS, nnhw's revision and rustc), the load average before and after, and the
CPU time that other processes took during the rounds (from /proc/stat, less this
process's and the harness's own). When the 1-minute load average was above 0.5 at the
start (before the script's own build; with --wait-quiet, once the wait is over) or other
processes took more than 5 % of the CPU during the rounds (or the hypervisor stole more
than 5 %), it prints a WARNING: such figures are not to be quoted.

PyTorch is optional: without it the script prints nnhw's figures alone and says how to
install it. --json FILE writes every chunk's iteration times, the machine, the load and
the check for the record.

Usage: python3 scripts/side_by_side.py [--threads 2] [--rounds 12] [--quick]
       [--wait-quiet SECONDS] [--json FILE]   (any python3 that can import torch)
"""

import argparse
import array
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PAIRS = ("step", "lstm")
TOLERANCE = 1e-12
MIN_ITERATIONS = 3
# When to say the figures are not to be quoted.
QUIET_LOAD = 0.5
QUIET_SHARE = 0.05
INSTALL_TORCH = (
    "pip install torch --index-url https://download.pytorch.org/whl/cpu  "
    "(or plain `pip install torch`), then run this script with that python"
)


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=2,
                        help="threads on each side: RAYON_NUM_THREADS for nnhw, "
                        "OMP_NUM_THREADS and torch.set_num_threads for PyTorch (default 2)")
    parser.add_argument("--rounds", type=int, default=12, help="rounds (default 12)")
    parser.add_argument("--chunk", type=float, default=0.3,
                        help="seconds per chunk, each side, each computation (default 0.3)")
    parser.add_argument("--gap", type=float, default=0.1,
                        help="pause between chunks, in seconds (default 0.1)")
    parser.add_argument("--warmup", type=float, default=1.0,
                        help="warm-up seconds per side and computation (default 1)")
    parser.add_argument("--quick", action="store_true",
                        help="a short run to try the script: 4 rounds, 0.2 s chunks, 0.3 s "
                        "warm-up (figures not for quoting)")
    parser.add_argument("--wait-quiet", metavar="SECONDS", type=float, default=0,
                        help="after the build, wait up to SECONDS for the 1-minute load "
                        f"average to fall to {QUIET_LOAD}, and judge the machine from then "
                        "(default: judge it from the load before the build)")
    parser.add_argument("--only", choices=PAIRS, help="time one computation only")
    parser.add_argument("--json", metavar="FILE", type=Path,
                        help="write every chunk's times, the machine and the load to FILE")
    parser.add_argument("--harness", metavar="PATH", type=Path,
                        help="nnhw's harness executable, already built (default: build it "
                        "with cargo bench -p nnhw-tests --bench side_by_side --no-run)")
    args = parser.parse_args()
    if args.quick:
        args.rounds, args.chunk, args.warmup = 4, 0.2, 0.3
    if args.threads < 1 or args.rounds < 1 or args.chunk <= 0:
        parser.error("--threads and --rounds must be at least 1, --chunk positive")
    return args


# --- The machine -------------------------------------------------------------------


def run_text(command, cwd=ROOT):
    """The stdout of a command, or None when it cannot run."""
    try:
        return subprocess.run(command, cwd=cwd, capture_output=True, text=True,
                              check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None


def cpu_description():
    """CPU model, the vector flags that matter here, CPU count and caches."""
    model, flags = "unknown", set()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "model name" and model == "unknown":
                model = value.strip()
            elif key.strip() == "flags" and not flags:
                flags = set(value.split())
    except OSError:
        pass
    caches = {}
    for line in (run_text(["lscpu"]) or "").splitlines():
        key, _, value = line.partition(":")
        if key.strip() in ("L1d cache", "L2 cache", "L3 cache", "Hypervisor vendor",
                           "Thread(s) per core"):
            caches[key.strip()] = value.strip()
    return {
        "model": model,
        "avx512f": "avx512f" in flags,
        "avx2": "avx2" in flags,
        "fma": "fma" in flags,
        "cpus": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "lscpu": caches,
    }


def os_description():
    name = platform.system()
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                name = line.partition("=")[2].strip('"')
    except OSError:
        pass
    return f"{name}, kernel {platform.release()} {platform.machine()}"


def nnhw_revision():
    revision = (run_text(["git", "rev-parse", "--short=12", "HEAD"]) or "unknown").strip()
    if run_text(["git", "status", "--porcelain", "--untracked-files=no"]):
        revision += "+uncommitted"
    return revision


def torch_description(torch):
    """PyTorch's version, its BLAS, its threading and the CPU kernels it picked."""
    config = torch.__config__.show()

    def found(pattern, text=config):
        match = re.search(pattern, text)
        return match.group(1).strip() if match else None

    parallel = torch.__config__.parallel_info()
    return {
        "version": torch.__version__,
        "blas": found(r"BLAS_INFO=(\w+)"),
        "lapack": found(r"LAPACK_INFO=(\w+)"),
        "mkl available": torch.backends.mkl.is_available(),
        "mkl version": found(r"Math Kernel Library Version ([\w.]+)"),
        "openmp": found(r"- (OpenMP [^\n(]*)"),
        "cpu capability": found(r"CPU capability usage: (\w+)"),
        "threads": torch.get_num_threads(),
        "omp threads": found(r"omp_get_max_threads\(\) : (\d+)", parallel),
        "mkl threads": found(r"mkl_get_max_threads\(\) : (\d+)", parallel),
        "config": config,
        "parallel info": parallel,
    }


# --- Load and interference ---------------------------------------------------------


def load_average():
    return list(os.getloadavg())


def wait_quiet(seconds):
    """Waits up to `seconds` for the 1-minute load average to fall to QUIET_LOAD; the
    load average then."""
    end = time.monotonic() + seconds
    while (load := load_average())[0] > QUIET_LOAD and time.monotonic() < end:
        print(f"waiting for a quiet machine: 1-minute load average {load[0]:.2f}",
              file=sys.stderr)
        time.sleep(min(10.0, max(end - time.monotonic(), 0.0)))
    return load


def cpu_ticks():
    """(busy, steal, cpus) from /proc/stat's cpu line, in clock ticks, busy being user,
    nice, system, irq and softirq (guest time is inside user)."""
    with open("/proc/stat") as stat:
        lines = stat.read().splitlines()
    fields = [int(v) for v in lines[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    cpus = sum(1 for line in lines if line.startswith("cpu") and line[3:4].isdigit())
    return user + nice + system + irq + softirq, steal, cpus


def process_ticks(pid):
    """User + system CPU ticks of a process, all its threads (0 when it is gone)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0
    fields = text[text.rindex(")") + 2:].split()
    return int(fields[11]) + int(fields[12])


class Interference:
    """CPU time others took while this script measured: /proc/stat's busy time less
    this process's and the harness's own, as a share of the machine's CPU time."""

    def __init__(self, harness_pid):
        self.pids = [os.getpid(), harness_pid]
        self.hz = os.sysconf("SC_CLK_TCK")
        self.start = self.sample()

    def sample(self):
        busy, steal, cpus = cpu_ticks()
        return time.monotonic(), busy, steal, cpus, sum(process_ticks(p) for p in self.pids)

    def since(self, start):
        """(share of CPU others used, share stolen) since a sample."""
        now = self.sample()
        wall, busy, steal, cpus, own = (b - a for a, b in zip(start, now))
        capacity = max(wall * now[3] * self.hz, 1e-9)
        return max(busy - own, 0) / capacity, steal / capacity


# --- nnhw's side -------------------------------------------------------------------


def build_harness():
    """Builds nnhw's harness like the criterion benches; the executable's path."""
    command = ["cargo", "bench", "--locked", "-p", "nnhw-tests", "--bench", "side_by_side",
               "--no-run", "--message-format=json"]
    print("building nnhw's harness: " + " ".join(command), file=sys.stderr)
    try:
        out = subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.PIPE,
                             text=True).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        sys.exit(f"could not build nnhw's harness: {error}")
    for line in out.splitlines():
        message = json.loads(line)
        if message.get("reason") == "compiler-artifact" and message.get("executable") \
                and message["target"]["name"] == "side_by_side":
            return Path(message["executable"])
    sys.exit("cargo built no side_by_side executable")


class Harness:
    """The nnhw process: one command a line in, one answer a line out."""

    def __init__(self, executable, threads):
        env = dict(os.environ, RAYON_NUM_THREADS=str(threads))
        self.process = subprocess.Popen([str(executable), "--serve"], cwd=ROOT, env=env,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True, bufsize=1)
        ready = self.read()
        if not ready.startswith("ready threads="):
            sys.exit(f"nnhw's harness did not start: {ready!r}")
        self.threads = int(ready.partition("=")[2])

    def read(self):
        line = self.process.stdout.readline()
        if not line:
            sys.exit(f"nnhw's harness ended (exit status {self.process.wait()})")
        return line.strip()

    def ask(self, command):
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        answer = self.read()
        if answer.startswith("error"):
            sys.exit(f"nnhw's harness refused {command!r}: {answer}")
        return answer

    def time(self, name, seconds):
        answer = self.ask(f"time {name} {seconds} {MIN_ITERATIONS}")
        return [float(t) for t in answer.split()[1:]]

    def dump(self, directory):
        """Writes both computations' inputs, weights and results; {name: (rows, cols)}."""
        shapes = {}
        for item in self.ask(f"dump {directory}").split()[1:]:
            name, _, shape = item.partition("=")
            rows, _, cols = shape.partition("x")
            shapes[name] = (int(rows), int(cols))
        return shapes

    def close(self):
        try:
            self.process.stdin.write("quit\n")
            self.process.stdin.close()
        except OSError:
            pass
        self.process.wait()


# --- PyTorch's side ----------------------------------------------------------------


def load_tensors(torch, directory, shapes):
    """nnhw's dump as float64 tensors, by name."""
    tensors = {}
    for name, (rows, cols) in shapes.items():
        values = array.array("d")
        values.frombytes((directory / f"{name}.f64").read_bytes())
        if sys.byteorder == "big":
            values.byteswap()
        tensors[name] = torch.frombuffer(values, dtype=torch.float64).clone().reshape(rows, cols)
    return tensors


def largest_difference(torch, a, b):
    return float(torch.max(torch.abs(a.reshape(-1) - b.reshape(-1))))


def torch_step(torch, d):
    """PyTorch's step on nnhw's network and batch; the work, and the check against nnhw."""
    nn = torch.nn
    net = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(),
                        nn.Linear(256, 10)).double()
    linears = [net[0], net[2], net[4]]
    with torch.no_grad():
        for l, linear in enumerate(linears):
            linear.weight.copy_(d[f"mlp.w{l}"])
            linear.bias.copy_(d[f"mlp.b{l}"].reshape(-1))
    x = d["mlp.x"].clone()
    t = d["mlp.t"]
    labels = t.argmax(dim=1)
    loss_function = nn.CrossEntropyLoss()

    def step():
        net.zero_grad()
        loss = loss_function(net(x), labels)
        loss.backward()
        return loss

    loss = step().item()
    one_hot = bool(torch.equal(torch.nn.functional.one_hot(labels, 10).double(), t))
    gradient = max(
        max(largest_difference(torch, linear.weight.grad, d[f"mlp.gw{l}"]),
            largest_difference(torch, linear.bias.grad, d[f"mlp.gb{l}"]))
        for l, linear in enumerate(linears))
    check = {
        "targets one-hot": one_hot,
        "loss nnhw": float(d["mlp.loss"]),
        "loss PyTorch": loss,
        "loss |difference|": abs(loss - float(d["mlp.loss"])),
        "gradients max |difference|": gradient,
    }
    check["same"] = one_hot and check["loss |difference|"] <= TOLERANCE \
        and gradient <= TOLERANCE
    return step, check


def torch_lstm(torch, d):
    """PyTorch's LSTM forward on nnhw's cell and sequence; the work, and the check."""
    steps, width = d["lstm.x"].shape
    hidden = d["lstm.wh_f"].shape[0]
    lstm = torch.nn.LSTM(width, hidden).double()
    # PyTorch stacks the gates as input, forget, cell, output; nnhw's dump names them
    # f, i, o, c.
    order = ["i", "f", "c", "o"]
    with torch.no_grad():
        lstm.weight_ih_l0.copy_(torch.cat([d[f"lstm.wx_{g}"] for g in order]))
        lstm.weight_hh_l0.copy_(torch.cat([d[f"lstm.wh_{g}"] for g in order]))
        lstm.bias_ih_l0.copy_(torch.cat([d[f"lstm.b_{g}"].reshape(-1) for g in order]))
        lstm.bias_hh_l0.zero_()
    sequence = d["lstm.x"].reshape(steps, 1, width).clone()

    def forward():
        with torch.no_grad():
            return lstm(sequence)

    out, (_, c) = forward()
    h_difference = largest_difference(torch, out[:, 0, :], d["lstm.h"])
    c_difference = largest_difference(torch, c[0, 0, :], d["lstm.c_last"])
    check = {
        "h max |difference|": h_difference,
        "last c max |difference|": c_difference,
        "same": h_difference <= TOLERANCE and c_difference <= TOLERANCE,
    }
    return forward, check


def time_torch(work, seconds):
    """Each iteration's wall time, running `work` for `seconds` and MIN_ITERATIONS."""
    times = []
    start = time.perf_counter()
    while len(times) < MIN_ITERATIONS or time.perf_counter() - start < seconds:
        before = time.perf_counter()
        work()
        times.append(time.perf_counter() - before)
    return times


# --- The run -----------------------------------------------------------------------


def describe_check(name, check):
    if name == "step":
        detail = (f"loss {check['loss nnhw']:.15g} vs {check['loss PyTorch']:.15g} "
                  f"(|difference| {check['loss |difference|']:.1e}), gradients max "
                  f"|difference| {check['gradients max |difference|']:.1e}")
    else:
        detail = (f"h_t max |difference| {check['h max |difference|']:.1e}, last c "
                  f"{check['last c max |difference|']:.1e}")
    verdict = "same" if check["same"] else f"DIFFERENT (tolerance {TOLERANCE:.0e})"
    return f"{name}: {verdict}: {detail}"


def milliseconds(seconds):
    return f"{seconds * 1e3:9.3f}"


def main():
    args = parse_args()
    pairs = [args.only] if args.only else list(PAIRS)
    # PyTorch reads these when it is imported, not later.
    os.environ["OMP_NUM_THREADS"] = str(args.threads)
    os.environ["MKL_NUM_THREADS"] = str(args.threads)
    load_at_start = load_average()  # before this script's own build loads the machine
    try:
        import torch
    except ImportError:
        torch = None
    if torch is not None:
        torch.set_num_threads(args.threads)

    executable = args.harness or build_harness()
    load_after_build = load_average()
    if args.wait_quiet > 0:
        load_at_start = wait_quiet(args.wait_quiet)
    harness = Harness(executable, args.threads)
    record = {
        "settings": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "machine": {
            "cpu": cpu_description(),
            "os": os_description(),
            "python": platform.python_version(),
            "nnhw": nnhw_revision(),
            "rustc": (run_text(["rustc", "-V"]) or "unknown").strip(),
            "harness": str(executable),
            "harness threads": harness.threads,
            "torch": torch_description(torch) if torch is not None else None,
        },
        "load average": {"at start": load_at_start, "after build": load_after_build},
        "check": {},
        "warmup": {},
        "chunks": [],
    }
    warnings = []
    if harness.threads != args.threads:
        warnings.append(f"nnhw's harness runs {harness.threads} threads, not {args.threads}")
    if torch is not None and torch.get_num_threads() != args.threads:
        warnings.append(f"PyTorch runs {torch.get_num_threads()} threads, not {args.threads}")

    work = {}
    if torch is not None:
        with tempfile.TemporaryDirectory() as directory:
            shapes = harness.dump(directory)
            d = load_tensors(torch, Path(directory), shapes)
        makers = {"step": torch_step, "lstm": torch_lstm}
        for name in pairs:
            work[name], record["check"][name] = makers[name](torch, d)
            if not record["check"][name]["same"]:
                warnings.append(f"nnhw and PyTorch do not compute the same {name}: "
                                + describe_check(name, record["check"][name]))
        del d

    for name in pairs:
        record["warmup"][name] = {"nnhw": harness.time(name, args.warmup)}
        if torch is not None:
            record["warmup"][name]["PyTorch"] = time_torch(work[name], args.warmup)

    interference = Interference(harness.process.pid)
    for round_ in range(args.rounds):
        nnhw_first = round_ % 2 == 0
        for name in pairs:
            sides = ["nnhw", "PyTorch"] if torch is not None else ["nnhw"]
            if not nnhw_first:
                sides.reverse()
            chunk = {"round": round_ + 1, "pair": name, "first": sides[0]}
            for side in sides:
                time.sleep(args.gap)
                start = interference.sample()
                chunk[side] = (harness.time(name, args.chunk) if side == "nnhw"
                               else time_torch(work[name], args.chunk))
                chunk[f"{side} others CPU share"], _ = interference.since(start)
            record["chunks"].append(chunk)
        print(f"round {round_ + 1}/{args.rounds} done", file=sys.stderr)
    others, stolen = interference.since(interference.start)
    harness.close()
    load_after = load_average()
    record["load average"]["after"] = load_after
    record["others CPU share"] = others
    record["stolen CPU share"] = stolen

    if load_at_start[0] > QUIET_LOAD:
        warnings.append(f"the 1-minute load average was {load_at_start[0]:.2f} at the start "
                        f"(above {QUIET_LOAD})")
    if others > QUIET_SHARE:
        warnings.append(f"other processes took {others:.0%} of the CPU during the rounds "
                        f"(above {QUIET_SHARE:.0%})")
    if stolen > QUIET_SHARE:
        warnings.append(f"the hypervisor stole {stolen:.0%} of the CPU during the rounds")
    record["warnings"] = warnings

    summary = report(args, pairs, torch, record)
    record["summary"] = summary
    if args.json:
        args.json.write_text(json.dumps(record, indent=1) + "\n")
        print(f"\nevery chunk's times: {args.json}")


def report(args, pairs, torch, record):
    """Prints the machine, the check, the table and any warning; the summary figures."""
    machine = record["machine"]
    cpu = machine["cpu"]
    caches = ", ".join(f"{k} {v}" for k, v in cpu["lscpu"].items())
    print(f"nnhw beside PyTorch: float64, CPU, {args.threads} threads a side, {args.rounds} "
          f"rounds of {args.chunk:g} s chunks, order alternating")
    print(f"CPU:     {cpu['model']}; avx512f {'yes' if cpu['avx512f'] else 'no'}, avx2 "
          f"{'yes' if cpu['avx2'] else 'no'}, fma {'yes' if cpu['fma'] else 'no'}; "
          f"{cpu['cpus']} CPUs ({cpu['cpus_usable']} usable); {caches}")
    print(f"OS:      {machine['os']}; Python {machine['python']}")
    print(f"nnhw:    {machine['nnhw']}, {machine['rustc']}, harness on "
          f"{machine['harness threads']} rayon threads")
    if torch is None:
        print(f"PyTorch: not installed: nnhw's figures alone. To compare: {INSTALL_TORCH}")
    else:
        info = machine["torch"]
        print(f"PyTorch: {info['version']}; BLAS {info['blas']}, LAPACK {info['lapack']}, MKL "
              f"{info['mkl version'] if info['mkl available'] else 'not available'}; "
              f"{info['openmp']}; CPU kernels {info['cpu capability']}; threads: ATen "
              f"{info['threads']}, OpenMP {info['omp threads']}, MKL {info['mkl threads']}")
        for name in pairs:
            print("check:   " + describe_check(name, record["check"][name]))
    load = record["load average"]
    if args.wait_quiet > 0:
        course = (f"{load['after build'][0]:.2f} after the build, {load['at start'][0]:.2f} "
                  "when the rounds began (after waiting)")
    else:
        course = (f"{load['at start'][0]:.2f} at the start, {load['after build'][0]:.2f} "
                  "after the build")
    print(f"load:    1-minute average {course}, {load['after'][0]:.2f} at the end; "
          f"other processes took {record['others CPU share']:.1%} of the CPU during the "
          f"rounds, the hypervisor stole {record['stolen CPU share']:.1%}")
    print()

    summary = {}
    sides = ["nnhw", "PyTorch"] if torch is not None else ["nnhw"]
    header = f"{'':6}" + "".join(f"{side + ' median':>15}{'best':>10}" for side in sides)
    if torch is not None:
        header += f"   {'nnhw / PyTorch by round':>26}"
    print(header)
    units = f"{'':6}" + "".join(f"{'ms':>15}{'ms':>10}" for _ in sides)
    if torch is not None:
        units += f"   {'min':>8}{'median':>9}{'max':>9}"
    print(units)
    for name in pairs:
        chunks = [c for c in record["chunks"] if c["pair"] == name]
        line = f"{name:6}"
        figures = {}
        for side in sides:
            medians = [statistics.median(c[side]) for c in chunks]
            best = min(min(c[side]) for c in chunks)
            figures[side] = {"median": statistics.median(medians), "best": best,
                             "chunk medians": medians}
            line += f"{milliseconds(figures[side]['median']):>15}{milliseconds(best):>10}"
        if torch is not None:
            ratios = [statistics.median(c["nnhw"]) / statistics.median(c["PyTorch"])
                      for c in chunks]
            figures["ratios"] = ratios
            line += f"   {min(ratios):8.2f}{statistics.median(ratios):9.2f}{max(ratios):9.2f}"
        summary[name] = figures
        print(line)
    print()
    if torch is not None:
        print("nnhw / PyTorch in each round (below 1.0: nnhw faster; nnhw ran first in "
              "rounds 1, 3, 5, ...):")
    else:
        print("nnhw's chunk medians in each round, ms:")
    for name in pairs:
        values = summary[name]["ratios"] if torch is not None \
            else [m * 1e3 for m in summary[name]["nnhw"]["chunk medians"]]
        print(f"{name:6}" + " ".join(f"{v:.2f}" for v in values))
    if record["warnings"]:
        print()
        for warning in record["warnings"]:
            print(f"WARNING: {warning}.")
        print("WARNING: these figures are not to be quoted: rerun on a quiet machine.")
    return summary


if __name__ == "__main__":
    main()
