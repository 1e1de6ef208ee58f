#!/usr/bin/env bash
# Measures the projection figures of issue 4 on a generated store of ~10 million points:
#   tools/measure-projection.sh [STORE_DIR] [VINTAGE_BINARY]
# Builds (once) a store from `tools/datagen dense --series 40 --days 30` (10,368,000 points),
# then times: a cold `vintage query` of one series over 1,000 points (whole process, and the
# in-process time `--timing` prints), the same --as-of and --at-seq, an append of 1,000
# events to the big store, `vintage replay`, and prints `vintage stats`.
set -euo pipefail
cd "$(dirname "$0")/.."
store=${1:-/tmp/vintage-10m}
vintage=${2:-.build/release/vintage}
[ -x "$vintage" ] || swift build -c release --product vintage
if [ ! -d "$store" ]; then
    tools/datagen dense --series 40 --days 30 --out /tmp/vintage-10m.ndjson
    /usr/bin/time -f "append of the 10M-point file: %e s wall, %M KB peak" "$vintage" --store "$store" append /tmp/vintage-10m.ndjson
fi
ms() { echo $(( ($2 - $1) / 1000000 )); }
run() { # label, args...
    local label=$1; shift
    local best=999999 times=()
    for i in 1 2 3 4 5 6 7; do
        local t0=$(date +%s%N)
        "$vintage" --store "$store" "$@" --timing > /dev/null 2> /tmp/vintage-timing.txt
        local t1=$(date +%s%N)
        times+=("$(ms $t0 $t1) ms / $(sed -n 's/^Run Time: \(.*\) (query, in process)$/\1/p' /tmp/vintage-timing.txt)")
    done
    echo "$label: ${times[*]}"
}
echo "whole process / in process, 7 runs each:"
run "query 1,000 points, latest" query dense.s0007 --from 2025-01-10T00:00:00Z --to 2025-01-10T02:46:40Z
run "query 1,000 points, --as-of" query dense.s0007 --from 2025-01-10T00:00:00Z --to 2025-01-10T02:46:40Z --as-of 2025-01-10T02:00:00Z
run "query 1,000 points, --at-seq" query dense.s0007 --from 2025-01-10T00:00:00Z --to 2025-01-10T02:46:40Z --at-seq 20000
t0=$(date +%s%N); "$vintage" --store "$store" log --limit 1 > /dev/null; t1=$(date +%s%N)
echo "trivial command (log --limit 1): $(ms $t0 $t1) ms"
# 1,000 more events: hourly releases of the next day for 40 series (25 hours).
python3 -c '
for n in range(1000):
    s, h = n % 40, n // 40
    print("{\"type\":\"observation\",\"series\":\"dense.s%04d\",\"period\":\"2025-03-%02dT%02d:00:00Z\",\"value\":%s,\"released_at\":\"2025-03-02T00:00:00Z\"}" % (s, 1 + h // 24, h % 24, 100 + n * 0.001))
' > /tmp/vintage-1000.ndjson
/usr/bin/time -f "append 1,000 events to the big store: %e s wall" "$vintage" --store "$store" append /tmp/vintage-1000.ndjson --timing
"$vintage" --store "$store" stats --format table
/usr/bin/time -f "replay: %e s wall, %M KB peak" "$vintage" --store "$store" replay
