#!/usr/bin/env bash
# The README's first command: install what is missing, build `vintage` in release mode as
# a self-contained binary (the Swift runtime linked in statically, stripped: it runs
# where the Swift toolchain is not installed; it needs only libc, libstdc++, libsqlite3
# and liblz4), generate its man page, and run the demo. tools/install.sh then installs it.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-dependencies.sh
swift build -c release --static-swift-stdlib --product vintage
strip .build/release/vintage
# The man page, from the command's own help (swift-argument-parser's generate-manual tool).
swift build -c release --static-swift-stdlib --product generate-manual
tools/generate-manpage.sh .build/release/vintage .build/release/man
.build/release/vintage demo
