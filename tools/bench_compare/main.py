"""bench-compare: the same data and queries on SQLite, DuckDB, ArcticDB and Vintage.

Steps: generate the trade and dense datasets with tools/datagen; fold each into corrected
vintage rows for the peers (see fold.py); load every engine, timing it and measuring its
bytes on disk; run each query of the set (queries.py) on each engine — one warm-up, then the
median of --runs timed runs, in process — and check that every engine gives the answer the
first one gave; print one Markdown table. Exits 1, naming the query and the engine, when two
engines disagree; a query this build of Vintage does not know yet is reported as
"unsupported by this build" and the peers are still compared.
"""
import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

from . import compare
from .fold import fold
from .queries import build

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
START = time.perf_counter()


def say(text):
    print(f"[{time.perf_counter() - START:7.1f} s] {text}", file=sys.stderr, flush=True)


def default_workdir():
    shm = "/dev/shm"
    if os.path.isdir(shm):
        st = os.statvfs(shm)
        if st.f_bavail * st.f_frsize > 8 << 30:
            return os.path.join(shm, "vintage-bench")
    return "/tmp/vintage-bench"


def parse_args(argv):
    p = argparse.ArgumentParser(prog="tools/bench-compare", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--workdir", default=default_workdir(),
                   help="where data and every engine's files go (default: a RAM disk, /dev/shm/vintage-bench, "
                        "when it has 8 GB free, so that no engine waits on the shared disk's fsync; else /tmp/vintage-bench)")
    p.add_argument("--runs", type=int, default=5, help="timed runs per query and engine after one warm-up (default 5)")
    p.add_argument("--vintage", default=os.path.join(ROOT, ".build", "release", "vintage"),
                   help="the vintage binary (default: the repository's release build, built when missing)")
    p.add_argument("--engines", default="sqlite,duckdb,arcticdb,vintage",
                   help="comma-separated subset of sqlite,duckdb,arcticdb,vintage")
    p.add_argument("--trade", default="", help="extra tools/datagen trade flags, e.g. '--countries 5 --years 5'")
    p.add_argument("--dense", default="", help="extra tools/datagen dense flags, e.g. '--series 4 --days 3'")
    p.add_argument("--quick", action="store_true",
                   help="small datasets (trade --countries 6 --products 5 --years 12, dense --series 4 --days 3) for a smoke run")
    p.add_argument("--only", default="", help="comma-separated query names to run (default: all)")
    p.add_argument("--output", default="", help="also write the Markdown table to this file")
    p.add_argument("--reuse-data", action="store_true",
                   help="keep the NDJSON files already in the work directory when they were made with the same flags")
    return p.parse_args(argv)


def ensure_vintage(path):
    if os.path.exists(path):
        return path
    say(f"building vintage (release) because {path} is missing")
    subprocess.run(["swift", "build", "-c", "release", "--product", "vintage"], cwd=ROOT, check=True)
    return path


def allocated_bytes(paths):
    total = 0
    for p in paths:
        if os.path.exists(p):
            total += os.stat(p).st_blocks * 512
    return total


def median_time(fn, runs):
    fn()  # warm-up
    times = []
    result = None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def fmt_time(s):
    if s is None:
        return "—"
    if s < 1e-3:
        return f"{s * 1e6:.0f} µs"
    if s < 1:
        return f"{s * 1e3:.3g} ms"
    return f"{s:.3g} s"


def fmt_rate(r):
    if r >= 1e6:
        return f"{r / 1e6:.3g} M"
    if r >= 1e3:
        return f"{r / 1e3:.3g} k"
    return f"{r:.3g}"


def fmt_bytes(n):
    return f"{n / 1e6:,.1f} MB" if n >= 1e5 else f"{n / 1e3:,.1f} kB"


def machine_line():
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            mem = f"{int(f.readline().split()[1]) / 1048576:.0f} GiB"
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({cpu}), {mem}, {platform.system()} {platform.release()}"


def main(argv):
    args = parse_args(argv)
    engines_wanted = [e.strip().lower() for e in args.engines.split(",") if e.strip()]
    work = args.workdir
    os.makedirs(work, exist_ok=True)
    load_before = os.getloadavg()
    say(f"work directory {work}; load average {load_before[0]:.2f}")

    trade_flags, dense_flags = args.trade.split(), args.dense.split()
    if args.quick:
        trade_flags = ["--countries", "6", "--products", "5", "--years", "12"] + trade_flags
        dense_flags = ["--series", "4", "--days", "3"] + dense_flags
    paths = {}
    for name, flags in (("trade", trade_flags), ("dense", dense_flags)):
        paths[name] = os.path.join(work, f"{name}.ndjson")
        stamp = paths[name] + ".flags"
        made_with = " ".join(flags)
        if args.reuse_data and os.path.exists(paths[name]) and os.path.exists(stamp) and open(stamp).read() == made_with:
            say(f"reusing {paths[name]} (tools/datagen {name} {made_with})")
            continue
        say(f"tools/datagen {name} {made_with}")
        with open(paths[name], "wb") as out:
            subprocess.run([os.path.join(ROOT, "tools", "datagen"), name, *flags], stdout=out, check=True)
        with open(stamp, "w") as f:
            f.write(made_with)

    datasets, fold_times = {}, {}
    for name in ("trade", "dense"):
        say(f"folding {name}.ndjson into corrected vintage rows for the peers")
        t = time.perf_counter()
        datasets[name] = fold(paths[name])
        fold_times[name] = time.perf_counter() - t
        say(f"  {len(datasets[name]):,} vintages of {len(datasets[name].series_names):,} series in {fold_times[name]:.1f} s")

    engines = []
    if "sqlite" in engines_wanted:
        from .engine_sqlite import SQLiteEngine
        engines.append(SQLiteEngine(os.path.join(work, "sqlite")))
    if "duckdb" in engines_wanted:
        from .engine_duckdb import DuckDBEngine
        engines.append(DuckDBEngine(os.path.join(work, "duckdb")))
    if "arcticdb" in engines_wanted:
        from .engine_arctic import ArcticEngine
        arctic_dir = os.path.join(work, "arcticdb")
        shutil.rmtree(arctic_dir, ignore_errors=True)
        engines.append(ArcticEngine(arctic_dir, progress=say))
    vintage = None
    if "vintage" in engines_wanted:
        from .engine_vintage import VintageEngine
        vintage = VintageEngine(os.path.join(work, "vintage"), ensure_vintage(args.vintage))
    peers = list(engines)

    ingest, sizes = {}, {}
    for e in peers:
        os.makedirs(getattr(e, "directory"), exist_ok=True)
        for name in ("trade", "dense"):
            say(f"loading {name} into {e.name}")
            t = time.perf_counter()
            e.load(name, datasets[name])
            ingest[(e.name, name)] = time.perf_counter() - t
            say(f"  {ingest[(e.name, name)]:.1f} s")
        for name in ("trade", "dense"):
            sizes[(e.name, name)] = allocated_bytes(e.files(name)) if e.name != "ArcticDB" else None
        if e.name == "ArcticDB":
            # One LMDB environment holds both libraries: its size is reported for both together.
            sizes[(e.name, "both")] = allocated_bytes(e.files("trade"))
    vintage_stats, vintage_appends = {}, {}
    if vintage:
        for name in ("trade", "dense"):
            vintage.reset(name)  # the store of an earlier run is removed before the clock starts
            say(f"appending {name}.ndjson with vintage append")
            t = time.perf_counter()
            vintage_appends[name] = vintage.load(name, paths[name])
            ingest[("Vintage", name)] = time.perf_counter() - t
            # The whole store, as `du` counts its directory (log, indexes, projection, ...),
            # whatever the log's format; `vintage stats` splits it.
            sizes[("Vintage", name)] = vintage.store_bytes(name)
            vintage_stats[name] = vintage.stats(name)
            say(f"  {ingest[('Vintage', name)]:.1f} s, {vintage_appends[name]['events']:,} events; "
                f"{vintage_appends[name]['timing']}; store {fmt_bytes(sizes[('Vintage', name)])} "
                f"(log format {vintage_stats[name].get('log_format', '?')})")

    queries = build(datasets["trade"], datasets["dense"])
    if args.only:
        wanted = set(args.only.split(","))
        queries = [q for q in queries if q.name in wanted]
    for e in peers:
        for name in ("trade", "dense"):
            e.open(name)

    results = {}      # (query, engine) -> median seconds, or a text
    answers = {}
    whole = {}
    problems = []
    unsupported = []
    for q in queries:
        say(f"query {q.name}: {q.title}")
        for e in peers:
            try:
                t, rows = median_time(lambda: e.run(q), args.runs)
            except Exception as ex:  # a peer failing is a bug of this harness: say so and stop
                raise SystemExit(f"bench-compare: {e.name} failed on {q.name}: {type(ex).__name__}: {ex}")
            results[(q.name, e.name)] = t
            answers[(q.name, e.name)] = sorted(rows)
            say(f"  {e.name:9} {fmt_time(t):>10}  ({len(rows)} rows)")
        if vintage:
            from .engine_vintage import Unsupported
            try:
                rows, timing = vintage.run(q, repeat=2 * args.runs + 1)
                results[(q.name, "Vintage")] = timing[1]
                answers[(q.name, "Vintage")] = sorted(rows)
                whole[q.name] = statistics.median(vintage.whole_process(q) for _ in range(args.runs))
                say(f"  {'Vintage':9} {fmt_time(timing[1]):>10}  ({len(rows)} rows; first run {fmt_time(timing[0])}, "
                    f"whole process {fmt_time(whole[q.name])})")
            except Unsupported as ex:
                results[(q.name, "Vintage")] = "unsupported by this build"
                unsupported.append(q.name)
                say(f"  Vintage   unsupported by this build ({ex})")
        reference = None
        for e in [*peers, *([vintage] if vintage else [])]:
            answer = answers.get((q.name, e.name))
            if answer is None:
                continue
            if reference is None:
                reference = (e.name, answer)
                if not answer:
                    problems.append(f"{q.name}: {e.name} returned no rows (the query set expects some)")
                continue
            diff = compare.difference(reference[1], answer)
            if diff:
                problems.append(f"{q.name}: {e.name} disagrees with {reference[0]}: {diff}")
                say(f"  DISAGREEMENT: {problems[-1]}")
    for e in peers:
        e.close()
    trivial = None
    if vintage:
        vintage.trivial("trade")
        trivial = statistics.median(vintage.trivial("trade") for _ in range(max(5, args.runs)))

    load_after = os.getloadavg()
    table = render(args, queries, peers, vintage, results, whole, ingest, sizes, vintage_stats, vintage_appends,
                   fold_times, trivial, datasets, load_before, load_after)
    print(table)
    if args.output:
        with open(args.output, "w") as f:
            f.write(table + "\n")
    if unsupported:
        say("unsupported by this build of vintage: " + ", ".join(unsupported))
    if problems:
        for p in problems:
            print(f"bench-compare: engines disagree: {p}", file=sys.stderr)
        return 1
    say("every engine gave the same answers")
    return 0


def render(args, queries, peers, vintage, results, whole, ingest, sizes, vintage_stats, vintage_appends,
           fold_times, trivial, datasets, load_before, load_after):
    names = [e.name for e in peers]
    header = ["query"] + names
    if vintage:
        header += ["Vintage (in process)", "Vintage ÷ best peer", "Vintage (whole process)"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for q in queries:
        cells = [q.title] + [fmt_time(results.get((q.name, n))) for n in names]
        if vintage:
            v = results.get((q.name, "Vintage"))
            if isinstance(v, str):
                cells += [v, "—", "—"]
            else:
                peer_times = [results[(q.name, n)] for n in names if isinstance(results.get((q.name, n)), float)]
                ratio = f"{v / min(peer_times):.2g}×" if peer_times else "—"
                cells += [fmt_time(v), ratio, fmt_time(whole.get(q.name))]
        lines.append("| " + " | ".join(cells) + " |")
    for name in ("trade", "dense"):
        count = len(datasets[name])
        cells = [f"ingest, {name} ({count:,} vintages)"]
        cells += [f"{fmt_time(ingest[(n, name)])} ({fmt_rate(count / ingest[(n, name)])} vintages/s)" for n in names]
        if vintage:
            v = ingest.get(("Vintage", name))
            events = vintage_appends[name]["events"]
            best = min(ingest[(n, name)] for n in names) if names else None
            cells += [f"{fmt_time(v)} ({fmt_rate(count / v)} vintages/s, {fmt_rate(events / v)} events/s; "
                      f"whole `vintage append` of {events:,} events)", f"{v / best:.2g}×" if best else "—", ""]
        lines.append("| " + " | ".join(cells) + " |")
    both_count = len(datasets["trade"]) + len(datasets["dense"])
    for name in ("trade", "dense"):
        count = len(datasets[name])
        cells = [f"bytes on disk, {name} (bytes per vintage)"]
        for n in names:
            if n == "ArcticDB":
                both = sizes.get((n, "both"))
                cells.append(f"{fmt_bytes(both)} ({both / both_count:.3g} B/vintage; both datasets)"
                             if name == "trade" and both is not None else "(above)")
            else:
                cells.append(f"{fmt_bytes(sizes[(n, name)])} ({sizes[(n, name)] / count:.3g} B/vintage)")
        if vintage:
            total = sizes[("Vintage", name)]
            st = vintage_stats[name]
            log_bytes, projection_bytes = int(st["log_bytes"]), int(st["projection_bytes"])
            rest = max(0, total - log_bytes - projection_bytes)
            cells.append(f"{fmt_bytes(total)} ({total / count:.3g} B/vintage; whole store as du counts it: log {fmt_bytes(log_bytes)}, "
                         f"projection {fmt_bytes(projection_bytes)}, other {fmt_bytes(rest)})")
            comparable = [sizes[(n, name)] for n in names if n != "ArcticDB"]
            cells += [f"{total / min(comparable):.2g}×" if comparable else "—", ""]
        lines.append("| " + " | ".join(cells) + " |")
    if vintage:
        cells = ["whole process, `vintage log --limit 0` (start, parse arguments, open the store)"] + ["—"] * len(names)
        cells += ["", "", fmt_time(trivial)]
        lines.append("| " + " | ".join(cells) + " |")
    notes = [
        "",
        f"Machine: {machine_line()}; load average {load_before[0]:.2f} before, {load_after[0]:.2f} after; "
        f"work directory {args.workdir}.",
        f"Median of {args.runs} runs after one warm-up, in process (peers: Python client call including fetching "
        f"the rows; Vintage: `--timing --repeat {2 * args.runs + 1}`, the median of which falls on warm runs).",
        f"Peers' input rows folded from the NDJSON (corrections applied) in {fold_times['trade']:.1f} s (trade) and "
        f"{fold_times['dense']:.1f} s (dense), not counted in their ingest; Vintage's ingest is the whole `vintage append` "
        "of the NDJSON (parse, validate, log, project), timed from outside the process until it exits, the store's "
        "directory removed before the clock starts.",
        "Bytes on disk: allocated blocks (`du`); Vintage's is its whole store directory, divided by the same vintage "
        "count as the peers' (the folded rows).",
    ]
    if vintage:
        for name in ("trade", "dense"):
            st = vintage_stats[name]
            notes.append(f"Vintage {name}: log format {st.get('log_format', '1 (before the column existed)')}; "
                         f"`vintage stats`: {int(st['events']):,} events, {int(st['vintages']):,} vintages, "
                         f"store_bytes {int(st.get('store_bytes') or 0):,} "
                         f"({st.get('store_bytes_per_vintage', '?')} B/vintage), projection {st['bytes_per_vintage']} B/vintage; "
                         f"`vintage append --timing`: {vintage_appends[name]['timing'] or '(no Time line)'}.")
    return "\n".join(lines + notes)
