#!/bin/sh
# Whole-process cost of `runner variants` with the release binary: 10^4 and 10^5 variants
# of 3.4 (problems/simple_network.toml), each into a fresh directory, with wall time, CPU
# time and peak memory (/usr/bin/time, or VmHWM from /proc where it is missing) and the
# load average, since a busy machine's runs are slower for reasons of its own.
# Usage: sh scripts/variants_bench.sh [COUNT...]   (default: 10000 100000)
#
# Every output directory is removed only at the end, and a quiet machine is one that has
# not deleted many files in the last six minutes: ext4 without a journal (this machine's)
# skips the inodes freed in the last 60 s, or 360 s while their blocks are unwritten,
# looking each one up for every file it creates, so after a run's 10^5 files are deleted
# the next run's creates take several times as long.
set -eu
cd "$(dirname "$0")/.."
CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
cargo build --release -q -p runner
runner="$CARGO_TARGET_DIR/release/runner"
spec="$PWD/problems/simple_network.toml"
work=$(mktemp -d "${TMPDIR:-/tmp}/variants-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
[ $# -gt 0 ] || set -- 10000 100000
for count in "$@"; do
  out="$work/out-$count"
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "variants --count $count: %e s wall, %U s user + %S s system, %M KB peak" \
      "$runner" variants "$spec" --count "$count" --out "$out" 2>&1 >/dev/null |
      grep -v '^[0-9]* variants of'
  else
    start=$(date +%s.%N)
    "$runner" variants "$spec" --count "$count" --out "$out" >/dev/null 2>&1 &
    pid=$!
    peak=0
    while kill -0 "$pid" 2>/dev/null; do
      hwm=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
      [ "${hwm:-0}" -gt "$peak" ] && peak=$hwm
      sleep 0.05
    done
    wait "$pid"
    end=$(date +%s.%N)
    echo "variants --count $count: $(awk "BEGIN { print $end - $start }") s wall, $peak KB peak (sampled)"
  fi
  echo "  files written: $(find "$out" -name '*.toml' | wc -l); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
done
