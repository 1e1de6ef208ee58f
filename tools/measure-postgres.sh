#!/usr/bin/env bash
# Measures the shared log on PostgreSQL (release build, a private server from
# tools/postgres-server.sh with fsync on, Unix socket; nothing here is a test):
#   1. append throughput with 1, 4 and 16 concurrent appenders (hosts: separate store
#      directories on one log), batches of 1 event and of 1,000 events, checking that the
#      shared log then holds every event once with gapless seqs (0 lost, 0 duplicate, 0 missing);
#   2. a bulk append of `tools/datagen trade` through PostgreSQL vs the embedded log;
#   3. catch-up latency under `vintage follow` (append on one host → line printed on another);
#   4. a one-series query on a PostgreSQL-backed host vs an embedded store.
#
#   tools/measure-postgres.sh [--binary PATH] [--appends-1 N=40] [--appends-1000 N=5]
#                             [--skip-build] [--quick]
set -euo pipefail
cd "$(dirname "$0")/.."
binary=.build/release/vintage build=1 appends1=40 appends1000=5 years=30
while [[ $# -gt 0 ]]; do
  case $1 in
    --binary) binary=$2; build=0; shift 2 ;;
    --appends-1) appends1=$2; shift 2 ;;
    --appends-1000) appends1000=$2; shift 2 ;;
    --skip-build) build=0; shift ;;
    --quick) appends1=10; appends1000=2; years=5; shift ;;
    *) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done
[[ $build == 1 ]] && swift build -c release --product vintage >/dev/null
binary=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")
work=$(mktemp -d /tmp/vintage-measure-pg.XXXXXX)
chmod 755 "$work"  # the server runs as postgres under it
server=$work/server
trap 'tools/postgres-server.sh stop "$server" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
# Durable commits, as a real server (the test server turns fsync off).
eval "$(VINTAGE_POSTGRES_FSYNC=on tools/postgres-server.sh start "$server")"
echo "vintage: $binary; PostgreSQL $("$VINTAGE_TEST_PSQL" -h "$server" -U vintage -d postgres -qAtc 'SHOW server_version'), fsync $("$VINTAGE_TEST_PSQL" -h "$server" -U vintage -d postgres -qAtc 'SHOW fsync'); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
export VINTAGE_BINARY=$binary VINTAGE_WORK=$work APPENDS1=$appends1 APPENDS1000=$appends1000 YEARS=$years
python3 - <<'PY'
import os, subprocess, time, statistics, threading, uuid, json

binary, work = os.environ["VINTAGE_BINARY"], os.environ["VINTAGE_WORK"]
base, psql, sock = os.environ["VINTAGE_TEST_POSTGRES_URL"], os.environ["VINTAGE_TEST_PSQL"], os.environ["VINTAGE_TEST_POSTGRES_DIR"]

def sql(db, text):
    return subprocess.run([psql, "-h", sock, "-U", "vintage", "-d", db, "-qAtc", text], check=True, capture_output=True, text=True).stdout.strip()

def new_db():
    name = "m_" + uuid.uuid4().hex[:12]
    sql("postgres", f"CREATE DATABASE {name}")
    return name, base.rsplit("/", 1)[0] + "/" + name

def vintage(store, *args, stdin=None):
    r = subprocess.run([binary, "--store", store, *args], input=stdin, capture_output=True)
    if r.returncode != 0:
        raise SystemExit(f"vintage {' '.join(args)}: {r.stderr.decode().strip()}")
    return r.stdout.decode()

def host(url):
    d = os.path.join(work, "h_" + uuid.uuid4().hex[:8])
    vintage(d, "init", "--log", url)
    return d

print("\n1. appends through PostgreSQL: concurrent appenders (each its own host/store directory), whole `vintage append` processes")
print("appenders | events/append | appends | events | seconds | appends/s | events/s | lost | duplicate | missing seqs")
for size, per in ((1, int(os.environ["APPENDS1"])), (1000, int(os.environ["APPENDS1000"]))):
    for n in (1, 4, 16):
        db, url = new_db()
        hosts = [host(url) for _ in range(n)]
        vintage(hosts[0], "append", "-", stdin=b"".join(b'{"type":"series","series":"a%d"}\n' % h for h in range(n)))
        files = []
        for h in range(n):
            fs = []
            for a in range(per):
                path = os.path.join(work, f"in_{h}_{a}.ndjson")
                with open(path, "w") as f:
                    for i in range(size):
                        f.write('{"type":"observation","series":"a%d","period":"%d","value":%d,"released_at":"2026-01-01T00:00:00Z"}\n' % (h, 1000 + a * size + i, i))
                fs.append(path)
            files.append(fs)
        errors = []
        def run(h):
            for p in files[h]:
                r = subprocess.run([binary, "--store", hosts[h], "append", p], capture_output=True)
                if r.returncode != 0: errors.append(r.stderr.decode())
        threads = [threading.Thread(target=run, args=(h,)) for h in range(n)]
        start = time.monotonic()
        for t in threads: t.start()
        for t in threads: t.join()
        seconds = time.monotonic() - start
        expected = n + n * per * size
        # The shared log itself: batches back to back from seq 1, and every event once in a fresh host's log.
        gaps = int(sql(db, "SELECT count(*) FROM (SELECT first_seq, lag(last_seq) OVER (ORDER BY first_seq) AS prev FROM batches) b WHERE first_seq <> coalesce(prev, 0) + 1"))
        last = int(sql(db, "SELECT last_seq FROM log_head"))
        fresh = host(url)
        rows = [l.split(",", 4) for l in vintage(fresh, "log", "--format", "csv").splitlines()[1:]]
        seqs = [int(r[0]) for r in rows]
        keys = [json.loads(r[4].strip('"').replace('""', '"'))["series"] + "/" + json.loads(r[4].strip('"').replace('""', '"')).get("period", "") for r in rows]
        lost = expected - len(set(keys))
        dup = len(keys) - len(set(keys))
        missing = gaps + (last - len(seqs)) + (0 if seqs == list(range(1, len(seqs) + 1)) else 1)
        appends = n * per
        print(f"{n:9} | {size:13} | {appends:7} | {appends * size:6} | {seconds:7.2f} | {appends / seconds:9.1f} | {appends * size / seconds:8.0f} | {lost:4} | {dup:9} | {missing}{'  ERRORS: ' + errors[0] if errors else ''}")
PY
echo
echo "2. bulk append of tools/datagen trade (--years $years): embedded log vs PostgreSQL"
python3 tools/datagen trade --years "$years" --out "$work/trade.ndjson"
echo "input: $(wc -l < "$work/trade.ndjson") events, $(du -m "$work/trade.ndjson" | cut -f1) MB"
db=bulk_$$
"$VINTAGE_TEST_PSQL" -h "$server" -U vintage -d postgres -qc "CREATE DATABASE $db" >/dev/null
bulk_url=${VINTAGE_TEST_POSTGRES_URL%/postgres}/$db
"$binary" --store "$work/bulk-pg" init --log "$bulk_url" >/dev/null
for kind in embedded postgresql; do
  store=$work/bulk-embedded; [[ $kind == postgresql ]] && store=$work/bulk-pg
  start=$(date +%s%N)
  "$binary" --store "$store" append "$work/trade.ndjson" >/dev/null
  end=$(date +%s%N)
  echo "$kind: $(( (end - start) / 1000000 )) ms"
done

echo
echo "3. catch-up latency under follow (50 appends of 1 event, one host appending, another following)"
python3 - <<'PY'
import os, subprocess, time, statistics, uuid, threading
binary, work = os.environ["VINTAGE_BINARY"], os.environ["VINTAGE_WORK"]
base, psql, sock = os.environ["VINTAGE_TEST_POSTGRES_URL"], os.environ["VINTAGE_TEST_PSQL"], os.environ["VINTAGE_TEST_POSTGRES_DIR"]
name = "f_" + uuid.uuid4().hex[:12]
subprocess.run([psql, "-h", sock, "-U", "vintage", "-d", "postgres", "-qc", f"CREATE DATABASE {name}"], check=True, capture_output=True)
url = base.rsplit("/", 1)[0] + "/" + name
a, b = os.path.join(work, "fa"), os.path.join(work, "fb")
for d in (a, b): subprocess.run([binary, "--store", d, "init", "--log", url], check=True, capture_output=True)
subprocess.run([binary, "--store", a, "append", "-"], input=b'{"type":"series","series":"f"}\n', check=True, capture_output=True)
follower = subprocess.Popen([binary, "--store", b, "follow"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
seen = {}
def read():
    for line in follower.stdout:
        t = time.monotonic()
        seq = int(line.split()[2].split("-")[1])
        seen[seq] = t
threading.Thread(target=read, daemon=True).start()
time.sleep(1.5)
spawned, exited = {}, {}
for i in range(50):
    t0 = time.monotonic()
    subprocess.run([binary, "--store", a, "append", "-"], input=b'{"type":"observation","series":"f","period":"%d","value":1,"released_at":"2026-01-01T00:00:00Z"}\n' % (2000 + i), check=True, capture_output=True)
    spawned[i + 2], exited[i + 2] = t0, time.monotonic()
    time.sleep(0.05)
time.sleep(1.5)
follower.terminate(); follower.wait(5)
after_exit = sorted((seen[s] - exited[s]) * 1000 for s in exited if s in seen)
after_spawn = sorted((seen[s] - spawned[s]) * 1000 for s in spawned if s in seen)
append_ms = sorted((exited[s] - spawned[s]) * 1000 for s in spawned)
q = lambda xs, p: xs[min(len(xs) - 1, int(round(p * (len(xs) - 1))))]
print(f"seen {len(after_exit)}/50 batches; follow exit status on SIGTERM: {follower.returncode}")
print(f"appending process (spawn→exit): p50 {q(append_ms, .5):.1f} ms, p99 {q(append_ms, .99):.1f} ms")
print(f"visible on the follower after the appending process exited: p50 {q(after_exit, .5):.1f} ms, p99 {q(after_exit, .99):.1f} ms (negative: before it exited)")
print(f"visible on the follower after the append was started: p50 {q(after_spawn, .5):.1f} ms, p99 {q(after_spawn, .99):.1f} ms")
PY

echo
echo "4. one-series query: embedded store vs PostgreSQL-backed host catching up first vs that host under \`vintage follow\` (the bulk stores above)"
series=trade.kr.semiconductors
if command -v hyperfine >/dev/null 2>&1; then
  hyperfine -N --warmup 3 --runs 30 \
    "$binary --store $work/bulk-embedded query $series --format csv" \
    "$binary --store $work/bulk-pg query $series --format csv" 2>&1 | grep -E "Time|±|Benchmark"
  "$binary" --store "$work/bulk-pg" follow >/dev/null 2>&1 &
  follower=$!
  sleep 2
  hyperfine -N --warmup 3 --runs 30 \
    "$binary --store $work/bulk-embedded query $series --format csv" \
    "$binary --store $work/bulk-pg query $series --format csv" 2>&1 | grep -E "Time|±|Benchmark"
  kill -TERM $follower; wait $follower || true
else
  for store in bulk-embedded bulk-pg; do
    start=$(date +%s%N)
    for _ in $(seq 30); do "$binary" --store "$work/$store" query "$series" --format csv >/dev/null; done
    end=$(date +%s%N)
    echo "$store: $(( (end - start) / 30000 )) µs per query (30 runs)"
  done
fi
cmp <("$binary" --store "$work/bulk-embedded" query "$series" --format csv) <("$binary" --store "$work/bulk-pg" query "$series" --format csv) \
  && echo "same answer on both"
