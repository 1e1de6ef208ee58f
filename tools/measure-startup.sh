#!/usr/bin/env bash
# measure-startup.sh — whole-process start-up of `vintage` beside the sqlite3 shell, in one run.
#
# Usage: tools/measure-startup.sh STORE BINARY [SERIES] [options]
#   STORE    a Vintage store (directory with log.sqlite and projection/)
#   BINARY   the vintage binary to time (nothing is built)
#   SERIES   the series to query (default: the first one `vintage series` lists)
# Options:
#   --runs N          runs per command (default 30; 3 warm-up runs before them)
#   --sqlite DB       the SQLite database to query instead of one made from the store
#   --sql 'SELECT …'  the SQLite query (default: the series' points from the made database)
#   --also BINARY     a second vintage binary timed in the same run (e.g. before/after)
#   --instructions    also count each command's instructions once (valgrind callgrind, on a
#                     stripped copy of the binary; steadier than wall time on a loaded machine)
#
# Without --sqlite, the latest view of every series (`vintage query --format csv`) is loaded
# once into a temporary SQLite database (table points, primary key (series, time)), so both
# sides answer the same question from an equivalent file: the points of one series.
# Commands timed: vintage --help, vintage --version (when the binary has it), vintage query
# SERIES, sqlite3 DB 'SELECT …'; with hyperfine when installed (apt-get install hyperfine),
# else a loop of `date +%s%N`. Prints the load average before and after.
set -euo pipefail

usage() { sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
[[ $# -ge 2 ]] || usage
store=$1 binary=$2
shift 2
series="" runs=30 db="" sql="" also="" instructions=0
if [[ $# -gt 0 && $1 != --* ]]; then series=$1; shift; fi
while [[ $# -gt 0 ]]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --sqlite) db=$2; shift 2 ;;
    --sql) sql=$2; shift 2 ;;
    --also) also=$2; shift 2 ;;
    --instructions) instructions=1; shift ;;
    -h|--help) usage ;;
    *) echo "measure-startup.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done
[[ -d $store ]] || { echo "measure-startup.sh: no store at '$store'" >&2; exit 1; }
[[ -x $binary ]] || { echo "measure-startup.sh: '$binary' is not executable" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "measure-startup.sh: sqlite3 is not installed" >&2; exit 1; }

export VINTAGE_STORE=$store
if [[ -z $series ]]; then
  series=$("$binary" series --format csv | sed -n '2{s/,.*//;p}')
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [[ -z $db ]]; then
  db=$tmp/points.sqlite
  "$binary" query --format csv > "$tmp/points.csv"
  sqlite3 "$db" <<EOF
CREATE TABLE points(series TEXT, time TEXT, value REAL, released_at TEXT, seq INTEGER, PRIMARY KEY (series, time)) WITHOUT ROWID;
.mode csv
.import --skip 1 $tmp/points.csv points
ANALYZE;
EOF
  echo "made $db: $(sqlite3 "$db" 'SELECT count(*) FROM points') points of $(sqlite3 "$db" 'SELECT count(DISTINCT series) FROM points') series"
fi
[[ -n $sql ]] || sql="SELECT time, value, released_at, seq FROM points WHERE series = '$series' ORDER BY time"
echo "series $series: vintage prints $("$binary" query "$series" --format csv | tail -n +2 | wc -l) rows, sqlite3 $(sqlite3 "$db" "$sql" | wc -l)"

# The commands, as name and argument vector (one line each, arguments separated by tabs).
commands=()
add() { local IFS=$'\t'; commands+=("$*"); }
for b in "$binary" ${also:+"$also"}; do
  add "$b" --help
  if "$b" --version >/dev/null 2>&1; then add "$b" --version; fi
  add "$b" query "$series"
done
add sqlite3 "$db" "$sql"

echo "load before: $(uptime | sed 's/.*load average: //')"
if command -v hyperfine >/dev/null; then
  args=()
  for c in "${commands[@]}"; do
    IFS=$'\t' read -r -a argv <<< "$c"
    quoted=""
    for a in "${argv[@]}"; do quoted+="$(printf '%q' "$a") "; done
    args+=("$quoted")
  done
  hyperfine -N --warmup 3 --runs "$runs" --style basic --export-markdown "$tmp/table.md" "${args[@]}" > "$tmp/hyperfine.txt" 2>&1 \
    || { cat "$tmp/hyperfine.txt"; exit 1; }
  grep -v '^ *$' "$tmp/hyperfine.txt" | grep -v 'Warning' || true
  echo
  cat "$tmp/table.md"
else
  printf '%-70s %9s %9s %9s\n' command "min ms" "median ms" "max ms"
  for c in "${commands[@]}"; do
    IFS=$'\t' read -r -a argv <<< "$c"
    for _ in 1 2 3; do "${argv[@]}" >/dev/null 2>&1 || true; done
    times=()
    for ((i = 0; i < runs; i++)); do
      start=$(date +%s%N)
      "${argv[@]}" >/dev/null 2>&1 || true
      times+=($(( ($(date +%s%N) - start) / 1000 )))
    done
    sorted=($(printf '%s\n' "${times[@]}" | sort -n))
    n=${#sorted[@]}
    printf '%-70s %9.2f %9.2f %9.2f\n' "${argv[*]:0:70}" "$(bc -l <<< "${sorted[0]}/1000")" \
      "$(bc -l <<< "${sorted[$((n / 2))]}/1000")" "$(bc -l <<< "${sorted[$((n - 1))]}/1000")"
  done
fi
echo "load after: $(uptime | sed 's/.*load average: //')"

if [[ $instructions == 1 ]]; then
  command -v valgrind >/dev/null || { echo "measure-startup.sh: --instructions needs valgrind" >&2; exit 1; }
  echo
  printf '%-70s %15s\n' command instructions
  for c in "${commands[@]}"; do
    IFS=$'\t' read -r -a argv <<< "$c"
    name=${argv[*]:0:70}
    # valgrind gives up on the Swift compiler's debug info: count a stripped copy.
    if [[ ${argv[0]} != sqlite3 ]]; then
      copy=$tmp/stripped-$(printf '%s' "${argv[0]}" | md5sum | cut -c1-8)
      [[ -x $copy ]] || strip -o "$copy" "${argv[0]}" 2>/dev/null || cp "${argv[0]}" "$copy"
      argv[0]=$copy
    fi
    count=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "${argv[@]}" 2>&1 >/dev/null \
      | sed -n 's/.*Collected : *\([0-9]*\).*/\1/p')
    printf '%-70s %15s\n' "$name" "$count"
  done
fi
