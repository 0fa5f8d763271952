#!/usr/bin/env bash
# Builds the release runner and prints docs/performance.md's speed table
# (scripts/bench.py), then the criterion benches. Run from anywhere: bash scripts/bench.sh [--quick]
# The engine beside PyTorch is scripts/side_by_side.py.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -p runner
python3 scripts/bench.py "$@"
if [[ "${1:-}" != "--quick" ]]; then
  cargo bench --locked -p nnhw-lstm --bench info
  cargo bench --locked -p nnhw-backprop --bench step
  cargo bench --locked -p nnhw-lstm --bench states
fi
