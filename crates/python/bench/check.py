"""One nnhw.check call from Python, on the answers tests/benches/check.rs times in
Rust: the difference is what crossing into Python costs (the answer's conversion, the
call, the Verdicts object). Run after `pip install ./crates/python`:

    python crates/python/bench/check.py
    cargo bench -p nnhw-tests --bench check
"""

import timeit
from pathlib import Path

import nnhw

PROBLEMS = Path(__file__).resolve().parents[3] / "problems"
CASES = [
    ("check: a number", "simple_network.toml", "loss", "0.2884"),
    ("check: a list", "feedforward.toml", "o", "[e^15/(e^15+1), 1/(e^15+1)]"),
    ("check: a formula", "parameter_derivatives.toml", "dC_dw", "delta_j^l * a_k^(l-1)"),
]


def main() -> None:
    for label, spec, name, value in CASES:
        report = nnhw.solve(PROBLEMS / spec, figures=False)
        answers = {name: value}
        verdicts = report.check(answers)
        assert len(verdicts) == 1, verdicts
        calls, total = timeit.Timer(lambda: report.check(answers)).autorange()
        best = min(timeit.repeat(lambda: report.check(answers), number=calls, repeat=5))
        print(f"{label}: {best / calls * 1e6:.2f} µs per call ({verdicts[0].verdict})")


if __name__ == "__main__":
    main()
