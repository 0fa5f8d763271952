#!/bin/sh
# Whole-process cost of serving a class with the release binary: 10 problems (copies of
# 3.4 under ten names) with variants for a roster of 300, then `runner grade` over N
# submission rows (default 10^5 and 10^6) as csv, as gradescope, and as csv with
# --results (a results.json per student), with wall time and peak memory from
# /usr/bin/time. Row r is student r/10's answer to problem r%10 (the first 300 students
# answer their own variants, the rest variants handed out to them): a student's second
# submission of a problem would not be graded. Usage: sh scripts/class_bench.sh [ROWS...]
set -eu
cd "$(dirname "$0")/.."
cargo build --release -q -p runner
runner="${CARGO_TARGET_DIR:-$PWD/target}/release/runner"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
python3 -c "
print('student')
for i in range(300): print(f's{i:03}')" > roster.csv
for k in 0 1 2 3 4 5 6 7 8 9; do
  cp "$OLDPWD/problems/simple_network.toml" "sn$k.toml"
  "$runner" variants "sn$k.toml" --roster roster.csv --out class >/dev/null 2>&1
done
echo "variants: 300 students × 10 problems written to class/"
[ $# -gt 0 ] || set -- 100000 1000000
for rows in "$@"; do
  python3 - "$rows" <<'PY'
import sys, tomllib, random
rows = int(sys.argv[1])
random.seed(1)
keys = {}
for k in range(10):
    for s in range(300):
        with open(f"class/sn{k}-s{s:03}.toml", "rb") as f:
            keys[k, s] = tomllib.load(f)["expected"]
with open("answers.csv", "w") as out:
    out.write("student,spec,loss,dC_dw1,dC_dw2,dC_db\n")
    for r in range(rows):
        u, k = divmod(r, 10)
        s = u % 300
        cells = []
        for v in keys[k, s].values():
            p = random.random()
            cells.append(f"{v:.3f}" if p < 0.6 else f"{v + 0.01:.3f}" if p < 0.8 else "garbled" if p < 0.9 else "")
        student = f"s{u:03}" if u < 300 else f"x{u}"
        out.write(f"{student},sn{k}-s{s:03}," + ",".join(cells) + "\n")
PY
  for format in csv gradescope; do
    /usr/bin/time -f "grade $rows rows, $format: %e s, %M KB peak" \
      "$runner" grade --submissions answers.csv --format "$format" class >/dev/null 2>time.txt
    tail -1 time.txt
  done
  rm -rf results
  /usr/bin/time -f "grade $rows rows, csv and --results: %e s, %M KB peak" \
    "$runner" grade --submissions answers.csv --results results class >/dev/null 2>time.txt
  tail -1 time.txt
  echo "results: $(ls results | wc -l) files"
done
