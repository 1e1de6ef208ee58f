#!/usr/bin/env bash
# Measures `vintage import` end to end (whole process, release build) on generated files:
# a long CSV of N rows and an ALFRED all-vintages table of C columns x R rows, each imported
# into a new store RUNS times; prints each run (with the store's phases from --timing) and
# the median rows/s (rows = CSV rows for the long file, cells for the ALFRED table). Then the
# parser alone: the same files with --check (read, parse and assemble; nothing appended).
#
#   tools/measure-import.sh [N=1000000] [C=1000] [R=1000] [RUNS=3]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000000}"
columns="${2:-1000}"
rows="${3:-1000}"
runs="${4:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

swift build -c release --product vintage >/dev/null
python3 tools/gen-csv.py long "$n" > "$work/long.csv"
python3 tools/gen-csv.py alfred "$columns" "$rows" > "$work/BENCH.csv"
echo "long.csv: $n rows, $(du -m "$work/long.csv" | cut -f1) MB; BENCH.csv: $columns columns x $rows rows = $((columns * rows)) cells, $(du -m "$work/BENCH.csv" | cut -f1) MB"

measure() { # label, count, unit, import arguments...
  local label="$1" count="$2" unit="$3"; shift 3
  local rates=()
  for run in $(seq 1 "$runs"); do
    rm -rf "$work/store"
    sync
    local start end ns
    start=$(date +%s%N)
    .build/release/vintage --store "$work/store" import "$@" --timing --format csv 2>"$work/timing" >"$work/out"
    end=$(date +%s%N)
    ns=$((end - start))
    rates+=($((count * 1000000000 / ns)))
    echo "$label run $run: $((ns / 1000000)) ms, ${rates[-1]} $unit/s; $(cat "$work/timing"); $(tail -1 "$work/out")"
  done
  echo "$label median: $(printf '%s\n' "${rates[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}') $unit/s"
}

measure "long csv    " "$n" rows csv "$work/long.csv"
measure "long parse  " "$n" rows csv "$work/long.csv" --check
measure "alfred      " "$((columns * rows))" cells alfred "$work/BENCH.csv"
measure "alfred parse" "$((columns * rows))" cells alfred "$work/BENCH.csv" --check
