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
