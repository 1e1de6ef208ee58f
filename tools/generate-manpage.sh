#!/usr/bin/env bash
# Writes DIR/vintage.1, the man page of the `vintage` BINARY, from the command's own
# --help texts: swift-argument-parser's generate-manual tool (built next to the binary by
# `swift build [-c release] --product generate-manual`, from the dependency's sources, no
# network), with empty lines turned into paragraph breaks. tools/setup.sh runs it.
# Usage: tools/generate-manpage.sh BINARY DIR
set -euo pipefail
binary="$1"
dir="$2"
generator="$(dirname "$binary")/generate-manual"
if [ ! -x "$generator" ]; then
    echo "generate-manpage.sh: $generator is missing; build it with swift build --product generate-manual" >&2
    exit 1
fi
mkdir -p "$dir"
"$generator" "$binary" --output-directory "$dir"
sed -i 's/^$/.Pp/' "$dir/vintage.1"
