#!/usr/bin/env bash
# The README's second command (and CI's): install what is missing, then build and run the
# whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-dependencies.sh --test-tools
swift build --build-tests
swift test --skip-build
