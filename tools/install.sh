#!/usr/bin/env bash
# Installs `vintage` under PREFIX (default /usr/local): the self-contained binary that
# tools/setup.sh builds (the Swift runtime linked in, so it runs without the toolchain),
# its man page and its shell completions:
#   PREFIX/bin/vintage (and vintage-postgres, beside it, when built)
#   PREFIX/share/man/man1/vintage.1
#   PREFIX/share/bash-completion/completions/vintage
#   PREFIX/share/zsh/site-functions/_vintage
#   PREFIX/share/fish/vendor_completions.d/vintage.fish
# Usage: tools/setup.sh && tools/install.sh [PREFIX]
# VINTAGE_BINARY and VINTAGE_MANUAL name another binary or man page to install (the tests
# install a debug build).
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="${1:-/usr/local}"
binary="${VINTAGE_BINARY:-.build/release/vintage}"
manual="${VINTAGE_MANUAL:-.build/release/man/vintage.1}"
for file in "$binary" "$manual"; do
    if [ ! -f "$file" ]; then
        echo "install.sh: $file is missing; run tools/setup.sh first" >&2
        exit 1
    fi
done
install -d "$prefix/bin" "$prefix/share/man/man1" "$prefix/share/bash-completion/completions" \
    "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"
install -m 755 "$binary" "$prefix/bin/vintage"
# Stores on a shared log (PostgreSQL) are run by vintage-postgres, found beside vintage.
if [ -f "$(dirname "$binary")/vintage-postgres" ]; then
    install -m 755 "$(dirname "$binary")/vintage-postgres" "$prefix/bin/vintage-postgres"
fi
install -m 644 "$manual" "$prefix/share/man/man1/vintage.1"
"$binary" --generate-completion-script bash > "$prefix/share/bash-completion/completions/vintage"
"$binary" --generate-completion-script zsh > "$prefix/share/zsh/site-functions/_vintage"
"$binary" --generate-completion-script fish > "$prefix/share/fish/vendor_completions.d/vintage.fish"
chmod 644 "$prefix/share/bash-completion/completions/vintage" "$prefix/share/zsh/site-functions/_vintage" \
    "$prefix/share/fish/vendor_completions.d/vintage.fish"
echo "Installed $("$prefix/bin/vintage" --version) in $prefix/bin, with its man page and bash, zsh and fish completions"
