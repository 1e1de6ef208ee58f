#!/usr/bin/env python3
"""measure-latest.py — `query --latest` over every series beside SQLite, in one run.

Usage:
  tools/measure-latest.py --store STORE --ndjson FILE --binary VINTAGE [--binary VINTAGE2]
                          [--sqlite DB] [--runs N] [--repeat N]

STORE must hold exactly the events of FILE (e.g. `vintage append FILE` into an empty store);
nothing is built. The SQLite database (DB, default FILE with .latest.sqlite) is made once from
FILE by tools/bench_compare's fold and schema (vintages keyed on (series_id, period,
released_at), WITHOUT ROWID), plus a `latest` table: each series' last point with its latest
vintage. Reported, for each binary and for SQLite:

- in process: `vintage query --latest --timing --repeat N` (first, median, fastest) against
  Python's sqlite3 running `SELECT … FROM latest` and the same answer computed from `vintages`
  (bench_compare's "last" query), N times each on one connection;
- whole process (RUNS runs): wall time and peak RSS from /usr/bin/time, for
  `vintage query --latest` and `sqlite3 DB 'SELECT … FROM latest'`;
- the load average before and after.

Make the 6.26M-vintage store of issue 11 with:
  tools/datagen trade --out trade.ndjson; tools/datagen dense --out dense.ndjson
  cat trade.ndjson dense.ndjson > all.ndjson; VINTAGE_STORE=big vintage append all.ndjson
"""
import argparse
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_compare.engine_sqlite import SQLiteEngine  # noqa: E402
from bench_compare.fold import fold  # noqa: E402

LAST_FROM_VINTAGES = """
    SELECT s.name, v.period, v.value, max(v.released_at)
    FROM series s JOIN vintages v ON v.series_id = s.id
     AND v.period = (SELECT max(period) FROM vintages WHERE series_id = s.id)
    GROUP BY s.id ORDER BY s.name"""
FROM_LATEST = "SELECT name, period, value, released_at FROM latest ORDER BY name"


def make_database(ndjson, path):
    started = time.time()
    ds = fold(ndjson)
    directory, name = os.path.split(os.path.abspath(path))
    engine = SQLiteEngine(directory)
    dataset = name[:-len(".sqlite")] if name.endswith(".sqlite") else name
    engine.load(dataset, ds)
    made = engine.path(dataset)
    if made != os.path.abspath(path):
        os.replace(made, path)
    db = sqlite3.connect(path)
    with db:
        db.execute("CREATE TABLE latest(name TEXT PRIMARY KEY, period INTEGER, value REAL, released_at INTEGER) WITHOUT ROWID")
        db.execute("INSERT INTO latest " + LAST_FROM_VINTAGES)
    db.close()
    print(f"made {path} from {ndjson}: {len(ds)} vintages, {len(ds.series_names)} series, {time.time() - started:.0f} s")


def load():
    return open("/proc/loadavg").read().split()[:3]


def timed(fn, runs):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return times


def ms(seconds):
    return f"{seconds * 1000:.2f} ms"


def whole_process(argv, runs, env):
    """Wall seconds and peak RSS (KiB) of `runs` runs of argv, from GNU time."""
    walls, rss = [], []
    for _ in range(runs):
        out = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + argv, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True, check=True)
        wall, kib = out.stderr.strip().splitlines()[-1].split()
        walls.append(float(wall))
        rss.append(int(kib))
    return walls, rss


def describe(walls, rss):
    return (f"wall min {min(walls) * 1000:.0f} / median {statistics.median(walls) * 1000:.0f} / max {max(walls) * 1000:.0f} ms, "
            f"peak RSS {min(rss) / 1024:.0f}-{max(rss) / 1024:.0f} MiB")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store", required=True)
    ap.add_argument("--ndjson", required=True)
    ap.add_argument("--binary", action="append", required=True)
    ap.add_argument("--sqlite")
    ap.add_argument("--runs", type=int, default=5, help="whole-process runs per command (default 5)")
    ap.add_argument("--repeat", type=int, default=20, help="in-process repetitions (default 20)")
    args = ap.parse_args()
    db_path = args.sqlite or re.sub(r"\.ndjson$", "", args.ndjson) + ".latest.sqlite"
    if not os.path.exists(db_path):
        make_database(args.ndjson, db_path)
    env = dict(os.environ, VINTAGE_STORE=args.store)

    print(f"load before: {' '.join(load())}")
    db = sqlite3.connect(db_path)
    rows_latest = db.execute(FROM_LATEST).fetchall()
    t_latest = timed(lambda: db.execute(FROM_LATEST).fetchall(), args.repeat)
    t_vintages = timed(lambda: db.execute(LAST_FROM_VINTAGES).fetchall(), max(3, args.repeat // 4))
    db.close()
    print(f"SQLite in process, SELECT FROM latest ({len(rows_latest)} rows): first {ms(t_latest[0])}, "
          f"median {ms(statistics.median(t_latest))}, fastest {ms(min(t_latest))} of {len(t_latest)}")
    print(f"SQLite in process, last point from vintages: first {ms(t_vintages[0])}, "
          f"median {ms(statistics.median(t_vintages))}, fastest {ms(min(t_vintages))} of {len(t_vintages)}")
    for binary in args.binary:
        out = subprocess.run([binary, "query", "--latest", "--format", "csv", "--timing", "--repeat", str(args.repeat)],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, check=True)
        rows = len(out.stdout.splitlines()) - 1
        print(f"{binary} in process ({rows} rows): {out.stderr.strip()}")
    for binary in args.binary:
        print(f"{binary} query --latest, whole process: "
              + describe(*whole_process([binary, "query", "--latest", "--format", "csv"], args.runs, env)))
    print(f"sqlite3 shell SELECT FROM latest, whole process: "
          + describe(*whole_process(["sqlite3", db_path, FROM_LATEST], args.runs, env)))
    print(f"load after: {' '.join(load())}")


if __name__ == "__main__":
    main()
