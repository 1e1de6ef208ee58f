#!/usr/bin/env bash
# tools/format.sh [--check] — formats every Swift source of the repository with swift-format
# (`swift format`, part of the Swift 6 toolchain) by the rules in .swift-format: 4-space
# indentation, 150 columns, swift-format's default rules less those that would fight the house
# style (short statements joined by semicolons, several variables on one line, numeric literal
# grouping, a call's two closures both written as arguments, a few naming and documentation
# rules the code and `///` docs already settle). With --check it changes nothing and fails
# (exit 1) if a file is not formatted; the test command runs it so.
set -euo pipefail
cd "$(dirname "$0")/.."
paths=(Sources Tests Benchmarks/Sources Benchmarks/Benchmarks tools/fuzz/Sources)
if ! swift format --version > /dev/null 2>&1; then
  echo "tools/format.sh: this toolchain has no 'swift format' (Swift 6 or newer ships it); formatting NOT checked" >&2
  exit 0
fi
if [ "${1:-}" = "--check" ]; then
  if ! out=$(swift format lint --strict --parallel --recursive "${paths[@]}" 2>&1) || [ -n "$out" ]; then
    printf '%s\n' "$out" | head -20 >&2
    echo "tools/format.sh: $(printf '%s\n' "$out" | grep -c . ) places are not formatted; run tools/format.sh" >&2
    exit 1
  fi
  echo "formatting: every Swift file follows .swift-format"
else
  swift format format --in-place --parallel --recursive "${paths[@]}"
fi
