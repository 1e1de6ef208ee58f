#!/usr/bin/env bash
# The README's second command (and CI's): install what is missing, then build and run the
# whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-dependencies.sh --test-tools
swift build --build-tests
swift test --skip-build
# The separate packages build too, so that they cannot rot: the benchmarks and the fuzzer's
# harness (compiled here without the sanitizer; tools/fuzz/run.sh links and runs it).
swift build --package-path Benchmarks
swift build --package-path tools/fuzz --target chunk-decoder-fuzzer
