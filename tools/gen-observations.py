#!/usr/bin/env python3
"""Writes an NDJSON file of `series` definitions followed by N `observation` events, for
measuring `vintage append` throughput (issue: 1,000,000 observations at >= 200,000/s).

Usage: tools/gen-observations.py N [SERIES] > observations.ndjson
Deterministic: the same arguments always give the same file.
"""
import datetime
import random
import sys

def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    series_count = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    rng = random.Random(42)
    out = sys.stdout
    for s in range(series_count):
        out.write('{"type":"series","series":"bench.s%04d","unit":"USD","frequency":"daily","tags":{"group":"g%d"}}\n' % (s, s % 10))
    start = datetime.date(1990, 1, 1)
    per_series = (n + series_count - 1) // series_count
    written = 0
    for s in range(series_count):
        value = 1000.0
        for d in range(per_series):
            if written == n:
                return
            value = round(value + rng.uniform(-5, 5), 2)
            day = (start + datetime.timedelta(days=d)).isoformat()
            out.write('{"type":"observation","series":"bench.s%04d","period":"%s","value":%s,"released_at":"%sT08:30:00Z","source":"BENCH"}\n'
                      % (s, day, repr(value), day))
            written += 1

main()
