#!/usr/bin/env bash
# Installs the system libraries Vintage links against (SQLite, LZ4) and pkg-config, when
# missing. As root it uses apt-get; otherwise it prints the exact command to run.
set -euo pipefail

missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if command -v pkg-config >/dev/null 2>&1; then
  pkg-config --exists sqlite3 || missing+=(libsqlite3-dev)
  pkg-config --exists liblz4 || missing+=(liblz4-dev)
else
  missing+=(libsqlite3-dev liblz4-dev)
fi

# Optional, for the chart and shared-log tests (tools/test.sh asks for them with --test-tools): headless
# Chromium renders the demo chart, rsvg-convert makes `vintage chart --png`, netpbm decodes
# PNGs. When they cannot be installed, the tests that need them are skipped with a message.
if [ "${1:-}" = "--test-tools" ]; then
  optional=()
  command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || optional+=(chromium)
  command -v rsvg-convert >/dev/null 2>&1 || optional+=(librsvg2-bin)
  command -v pngtopnm >/dev/null 2>&1 || optional+=(netpbm)
  # The shared-log tests start a private PostgreSQL server (tools/postgres-server.sh).
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || optional+=(postgresql)
  if [ ${#optional[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "Installing ${optional[*]} for the chart and shared-log tests with apt-get…" >&2
      (export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq "${optional[@]}" >/dev/null) \
        || echo "warning: could not install ${optional[*]}; the chart and shared-log tests that need them will be skipped" >&2
    else
      echo "warning: the chart and shared-log tests need ${optional[*]} (sudo apt-get install -y ${optional[*]}); without them they are skipped" >&2
    fi
  fi
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${missing[*]} with apt-get…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "Vintage needs: ${missing[*]}. Install them with:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
