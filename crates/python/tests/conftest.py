"""Where the tests find the repository and the CLI they are compared with."""

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PROBLEMS = ROOT / "problems"


def runner_path() -> Path:
    """The CLI built by cargo (NNHW_RUNNER, else target/debug/runner)."""
    given = os.environ.get("NNHW_RUNNER")
    if given:
        return Path(given)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return target / "debug" / "runner"


@pytest.fixture(scope="session")
def runner():
    path = runner_path()
    if not path.exists():
        pytest.fail(f"{path} is missing: build it with `cargo build -p runner` (or set NNHW_RUNNER)")

    def run(*args: str, ok=(0, 1)) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [str(path), *args], cwd=ROOT, capture_output=True, text=True, check=False
        )
        assert done.returncode in ok, f"runner {' '.join(args)}: {done.returncode}\n{done.stderr}"
        return done

    return run


def every_spec() -> list[Path]:
    return sorted(PROBLEMS.rglob("*.toml"))


def json_lines(text: str) -> list:
    return [json.loads(line) for line in text.splitlines() if line.strip()]
