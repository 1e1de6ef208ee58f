#!/usr/bin/env bash
# tools/compare-log-builds.sh OLD NEW [ROUNDS] [DIR] — two builds of vintage side by side on the
# log's figures (issue 13), alternating at the same moment: this virtual machine's speed drifts
# by tens of percent within an hour, so only runs made together compare. For each of dense,
# trade and the 1,000,000 single observations: ROUNDS (default 3) appends into a fresh store per
# build (`/usr/bin/time … append FILE --timing`); then five trade replays per build, and one
# verify, `log --format json > /dev/null` and replay of each store. Uses the data of
# tools/measure-log.sh in DIR (default /tmp/vintage-measure-log; run that first).
set -euo pipefail
OLD=${1:?usage: tools/compare-log-builds.sh OLD NEW [ROUNDS] [DIR]}
NEW=${2:?usage: tools/compare-log-builds.sh OLD NEW [ROUNDS] [DIR]}
ROUNDS=${3:-3}
DIR=${4:-/tmp/vintage-measure-log}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
for d in dense trade obs; do
  [ -s "$DIR/$d.ndjson" ] || { echo "compare-log-builds: $DIR/$d.ndjson missing (run tools/measure-log.sh first)" >&2; exit 1; }
done
echo "# $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg); old: $("$OLD" --version); new: $("$NEW" --version)"
for d in dense trade obs; do
  for _ in $(seq "$ROUNDS"); do
    for side in old new; do
      bin=$OLD; [ $side = new ] && bin=$NEW
      rm -rf "$W/$d-$side"
      /usr/bin/time -f "$d append $side: %e s wall, %U s user, %S s sys, %M KB peak" \
        "$bin" --store "$W/$d-$side" append "$DIR/$d.ndjson" --timing 2>&1 >/dev/null | grep -v '^$' | tr '\n' ' '
      echo
    done
  done
done
for _ in 1 2 3 4 5; do
  for side in old new; do
    bin=$OLD; [ $side = new ] && bin=$NEW
    echo "trade replay $side: $("$bin" --store "$W/trade-$side" replay 2>&1 | grep -o 'in .*')"
  done
done
for d in obs trade dense; do
  for side in old new; do
    bin=$OLD; [ $side = new ] && bin=$NEW
    /usr/bin/time -f "$d verify $side: %e s wall, %U s user" "$bin" --store "$W/$d-$side" verify > /dev/null
    /usr/bin/time -f "$d log --format json $side: %e s wall, %M KB peak" "$bin" --store "$W/$d-$side" log --format json > /dev/null
    echo "$d replay $side: $("$bin" --store "$W/$d-$side" replay 2>&1 | grep -o 'in .*')"
  done
done
echo "# $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg)"
