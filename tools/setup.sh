#!/usr/bin/env bash
# The README's first command: install what is missing, build `vintage` in release mode,
# and run the demo.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-dependencies.sh
swift build -c release --product vintage
.build/release/vintage demo
