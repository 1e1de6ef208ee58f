#!/usr/bin/env bash
# tools/measure-log.sh [VINTAGE] [DIR] — the log's figures (issue 13) on the three datasets:
# tools/datagen trade, tools/datagen dense (default sizes) and 1,000,000 single observations
# (tools/gen-observations.py). For each: `append` end to end (with --timing phases), the whole
# store's bytes per vintage (`stats`, as du counts them) and where the log's bytes go (SQLite's
# dbstat), `verify --timing`, `log --format json > /dev/null` (time and peak memory) and
# `replay`. VINTAGE defaults to .build/release/vintage; DIR (default /tmp/vintage-measure-log)
# keeps the generated data between runs.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
VINTAGE=${1:-$here/.build/release/vintage}
DIR=${2:-/tmp/vintage-measure-log}
mkdir -p "$DIR"
[ -s "$DIR/trade.ndjson" ] || "$here/tools/datagen" trade --out "$DIR/trade.ndjson" 2>/dev/null
[ -s "$DIR/dense.ndjson" ] || "$here/tools/datagen" dense --out "$DIR/dense.ndjson" 2>/dev/null
[ -s "$DIR/obs.ndjson" ] || python3 "$here/tools/gen-observations.py" 1000000 > "$DIR/obs.ndjson" 2>/dev/null
echo "# $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg) vintage: $("$VINTAGE" --version)"
for d in trade obs dense; do
  s=$DIR/store-$d
  rm -rf "$s"
  "$VINTAGE" --store "$s" init > /dev/null
  echo "## $d"
  /usr/bin/time -f "append: %e s wall, %U s user, %M KB peak" "$VINTAGE" --store "$s" append "$DIR/$d.ndjson" --timing 2>&1 >/dev/null | grep -v '^$'
  "$VINTAGE" --store "$s" stats --format json
  echo
  command -v sqlite3 > /dev/null && sqlite3 "$s/log.sqlite" "SELECT 'log tables: ' || group_concat(name || ' ' || bytes, ', ') FROM (SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC LIMIT 5)" || true
  "$VINTAGE" --store "$s" verify --timing 2>&1 >/dev/null
  /usr/bin/time -f "log --format json: %e s wall, %M KB peak" "$VINTAGE" --store "$s" log --format json 2>&1 >/dev/null
  "$VINTAGE" --store "$s" replay
done
