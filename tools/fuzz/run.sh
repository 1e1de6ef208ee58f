#!/usr/bin/env bash
# Fuzzes the chunk decoder with libFuzzer (issue 3).
#
#   tools/fuzz/run.sh [SECONDS] [extra libFuzzer flags...]     (default 660 s)
#
# - Builds only the fuzz executable, with -sanitize=fuzzer,address, in its own scratch path:
#   building the whole package with -sanitize=fuzzer fails to link.
# - Links with lld: gold stops with "internal error in format_file_lineno" on this toolchain.
# - main.swift calls LLVMFuzzerRunDriver itself (SwiftPM's renamed main hides libFuzzer's);
#   LLVMFuzzerTestOneInput is also exported for when libFuzzer's main is the one linked.
# - Writes a seed corpus of valid inputs for every mode to .build-fuzz/corpus, then runs with
#   SWIFT_BACKTRACE=enable=no so that a crash leaves .build-fuzz/artifacts/crash-* behind.
#   Reproduce one with: .build-fuzz/debug/chunk-decoder-fuzzer .build-fuzz/artifacts/crash-...
#
# Runs so far (2 cores, debug build with ASan, about 1,200-1,300 inputs/s), no crash:
#   2026-11-29  701 s  846,332 inputs  (library of commit f45ced9, 20 seeds)
#   2026-11-29  661 s  870,931 inputs  (library of commit 9ca852b, started from the first run's corpus)
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-660}"
shift || true

swift build --product chunk-decoder-fuzzer --scratch-path .build-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld 2>&1 \
    | grep -v "Cannot export local symbol" | tail -3
binary=".build-fuzz/debug/chunk-decoder-fuzzer"

mkdir -p .build-fuzz/corpus .build-fuzz/artifacts
"$binary" --write-seeds .build-fuzz/corpus

# -max_len 4096: chunks of dozens of rows; -timeout 10 s per input; -rss_limit_mb 4096.
SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "$binary" .build-fuzz/corpus \
    -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=4096 \
    -artifact_prefix=.build-fuzz/artifacts/ -print_final_stats=1 "$@"
