#!/usr/bin/env bash
# Measures `vintage append` end to end (whole process, release build): a generated NDJSON
# file of N observation events (plus 100 series definitions) appended to a new store, RUNS
# times; prints each run and the median events/s. The log is durable when the command ends
# (WAL, synchronous=FULL).
#
#   tools/measure-append.sh [N=1000000] [RUNS=5]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000000}"
runs="${2:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

swift build -c release --product vintage >/dev/null
python3 tools/gen-observations.py "$n" > "$work/events.ndjson"
events=$(wc -l < "$work/events.ndjson")
echo "input: $events events, $(du -m "$work/events.ndjson" | cut -f1) MB"

rates=()
for run in $(seq 1 "$runs"); do
  rm -rf "$work/store"
  sync
  start=$(date +%s%N)
  .build/release/vintage --store "$work/store" append "$work/events.ndjson" --format csv >/dev/null
  end=$(date +%s%N)
  ns=$((end - start))
  rate=$((events * 1000000000 / ns))
  rates+=("$rate")
  echo "run $run: $((ns / 1000000)) ms, $rate events/s, log $(du -m "$work/store" | cut -f1) MB"
done
median=$(printf '%s\n' "${rates[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "median: $median events/s"
