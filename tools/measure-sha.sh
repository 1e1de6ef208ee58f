#!/bin/sh
# SHA-256 figures (Benchmarks/Sources/sha-figures) against a release build of this package,
# without resolving the Benchmarks package: compiles the tool with swiftc and links it with
# the build's VintageCore (and CSHA256) objects.
#   swift build -c release --product vintage && tools/measure-sha.sh [BUILD_DIR] [RUNS]
# BUILD_DIR defaults to .build/release. A build whose VintageCore has no SHA256.digest(of:)
# (before the SHA-NI change) is measured without that line.
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-.build/release}
RUNS=${2:-5}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
FLAGS=""
OBJECTS="$BUILD/VintageCore.build/*.o"
if [ -d "$BUILD/CSHA256.build" ]; then
    FLAGS="-Xcc -fmodule-map-file=$BUILD/CSHA256.build/module.modulemap -Xcc -ISources/CSHA256/include"
    OBJECTS="$OBJECTS $BUILD/CSHA256.build/*.o"
else
    FLAGS="-D BASELINE"
fi
# shellcheck disable=SC2086
swiftc -O -wmo $FLAGS -I "$BUILD/Modules" Benchmarks/Sources/sha-figures/main.swift $OBJECTS -o "$OUT/sha-figures"
"$OUT/sha-figures" "$RUNS"
