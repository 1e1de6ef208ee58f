"""Vintage through its command-line tool: `vintage append` to load, `vintage query` to ask.

Loading appends the same NDJSON file the peers' rows were folded from (Vintage parses,
validates, logs and projects it itself; the corrections are its own), timed as a whole
process into an empty store. Its bytes on disk are the whole store directory as `du` counts
it (log, indexes, projection), whatever the log's format; `vintage stats` splits them. Query times are
Vintage's own in-process figure: `vintage query ... --timing --repeat N` runs the query N
times in one process and prints `Run Time: first A, median B, fastest C of N (query, in
process)` on stderr; the first run is the cold one (it reads the chunk files), so with
N = 2k+1 the median is taken over warm runs. The whole-process time of each query (process
start, argument parsing, opening the store, the query, printing CSV) is measured too.
"""
import csv
import io
import os
import re
import shutil
import subprocess
import time

from .times import parse_timestamp

_RUN_TIME = re.compile(r"Run Time: (?:first (?P<first>[\d.]+ (?:µs|ms|s)), median (?P<median>[\d.]+ (?:µs|ms|s)), "
                       r"fastest (?P<fastest>[\d.]+ (?:µs|ms|s)) of (?P<n>\d+)|(?P<single>[\d.]+ (?:µs|ms|s))) \(query, in process\)")


def seconds(text):
    """`123 µs`, `1.23 ms`, `1.234 s` as seconds."""
    number, unit = text.split()
    return float(number) * {"µs": 1e-6, "ms": 1e-3, "s": 1.0}[unit]


def du_bytes(path):
    """`du -s --block-size=1 PATH`: allocated bytes of PATH and everything under it, hard links once."""
    seen, total = set(), 0
    for root, dirs, fs in os.walk(path):
        for entry in [root] + [os.path.join(root, f) for f in fs]:
            try:
                st = os.lstat(entry)
            except FileNotFoundError:
                continue
            if (st.st_dev, st.st_ino) not in seen:
                seen.add((st.st_dev, st.st_ino))
                total += st.st_blocks * 512
    return total


class Unsupported(Exception):
    """This build of `vintage` does not know the query's options (a usage error, exit 2)."""


class VintageFailure(Exception):
    """`vintage` failed for another reason."""


class VintageEngine:
    name = "Vintage"

    def __init__(self, directory, binary):
        self.directory = directory
        self.binary = binary

    def store(self, dataset):
        return os.path.join(self.directory, dataset)

    def reset(self, dataset_name):
        """Removes the dataset's store from an earlier run (not counted in the ingest time)."""
        shutil.rmtree(self.store(dataset_name), ignore_errors=True)
        os.makedirs(self.directory, exist_ok=True)

    def load(self, dataset_name, ndjson_path):
        """`vintage append --timing` of the whole file into an empty store; returns the events it
        stored and counted as duplicates, and its own `Time: …` line (the phases of the append).
        The caller times the whole process: that is the ingest time, end to end (the command
        returns once the events are durable in the log and the projection is written)."""
        store = self.store(dataset_name)
        r = subprocess.run([self.binary, "--store", store, "append", ndjson_path, "--timing", "--format", "csv"],
                           capture_output=True, text=True)
        if r.returncode != 0:
            raise VintageFailure(f"vintage append {ndjson_path} failed (exit {r.returncode}): {r.stderr.strip()}")
        out = next(csv.DictReader(io.StringIO(r.stdout)))
        timing = next((line.strip() for line in r.stderr.splitlines() if line.startswith("Time: ")), "")
        return {"events": int(out["stored"]) + int(out["duplicates"]), "timing": timing}

    def files(self, dataset_name):
        out = []
        for root, _, fs in os.walk(self.store(dataset_name)):
            out += [os.path.join(root, f) for f in fs]
        return out

    def store_bytes(self, dataset_name):
        """The whole store's bytes on disk as `du` counts the store directory: the allocated blocks
        of every file and directory under it (log, its indexes and WAL, projection, manifest,
        snapshots), each inode once; nothing in it assumes a log format."""
        return du_bytes(self.store(dataset_name))

    def stats(self, dataset_name):
        r = subprocess.run([self.binary, "--store", self.store(dataset_name), "stats", "--format", "csv"],
                           capture_output=True, text=True, check=True)
        return next(csv.DictReader(io.StringIO(r.stdout)))

    def command(self, q):
        return [self.binary, "--store", self.store(q.dataset), "query", *q.vintage_args, "--format", "csv"]

    def run(self, q, repeat=1):
        """The query's rows and, with `--timing`, Vintage's in-process times (first, median, fastest)."""
        r = subprocess.run(self.command(q) + ["--timing", "--repeat", str(repeat)], capture_output=True, text=True)
        if r.returncode == 2:
            raise Unsupported(r.stderr.strip().splitlines()[0] if r.stderr.strip() else "usage error")
        if r.returncode != 0:
            raise VintageFailure(f"vintage query {' '.join(q.vintage_args)} failed (exit {r.returncode}): {r.stderr.strip()}")
        m = _RUN_TIME.search(r.stderr)
        if not m:
            raise VintageFailure(f"no 'Run Time: … (query, in process)' line on stderr: {r.stderr.strip()!r}")
        if m.group("single"):
            t = seconds(m.group("single"))
            timing = (t, t, t)
        else:
            timing = (seconds(m.group("first")), seconds(m.group("median")), seconds(m.group("fastest")))
        return self.parse(q, r.stdout), timing

    def whole_process(self, q):
        """Wall time of one `vintage query` process, output included."""
        start = time.perf_counter()
        r = subprocess.run(self.command(q), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - start
        if r.returncode != 0:
            raise VintageFailure(f"vintage query failed: {r.stderr.decode().strip()}")
        return elapsed

    def trivial(self, dataset):
        """Wall time of `vintage --store S log --limit 0` (start, parse arguments, open the store)."""
        start = time.perf_counter()
        subprocess.run([self.binary, "--store", self.store(dataset), "log", "--limit", "0", "--format", "csv"],
                       stdout=subprocess.DEVNULL, check=True)
        return time.perf_counter() - start

    @staticmethod
    def parse(q, text):
        rows = []
        for rec in csv.DictReader(io.StringIO(text)):
            key = []
            for c in q.key_columns:
                if c not in rec:
                    raise VintageFailure(f"{q.name}: Vintage's output has no {c!r} column (columns: {list(rec)})")
                key.append(parse_timestamp(rec[c]) if c == "time" else rec[c])
            count = int(rec["count"]) if rec.get("count") not in (None, "") else None
            rows.append((tuple(key), float(rec["value"]), count))
        return rows
