#!/usr/bin/env bash
# The README's second command (and CI's): install what is missing, then build and run the
# whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-dependencies.sh --test-tools
swift build --build-tests
# A private PostgreSQL server for the shared-log tests, stopped and removed however the run ends.
# Without one (no postgresql package) those tests say so and are skipped, except in CI
# (CI set), where the run fails instead.
postgres_dir=$(mktemp -d "${TMPDIR:-/tmp}/vintage-test-postgres.XXXXXX")
trap 'tools/postgres-server.sh stop "$postgres_dir"' EXIT
if server_env=$(tools/postgres-server.sh start "$postgres_dir"); then
  eval "$server_env"
elif [ -n "${CI:-}" ]; then
  echo "error: could not start PostgreSQL, which CI's run of the shared-log tests needs" >&2
  exit 1
else
  echo "warning: could not start PostgreSQL; the shared-log tests will be skipped" >&2
fi
swift test --skip-build
# The separate packages build too, so that they cannot rot: the benchmarks and the fuzzer's
# harness (compiled here without the sanitizer; tools/fuzz/run.sh links and runs it).
swift build --package-path Benchmarks
swift build --package-path tools/fuzz --target chunk-decoder-fuzzer
# Every Swift file follows .swift-format.
tools/format.sh --check
