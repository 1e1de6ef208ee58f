#!/usr/bin/env python3
"""Generates import benchmark inputs on standard output.

  tools/gen-csv.py long N      a long CSV of N rows: series,period,value,released_at
                               (100 monthly series; each month's figures released together)
  tools/gen-csv.py alfred C R  an ALFRED all-vintages table: observation_date, then C vintage
                               columns BENCH_YYYYMMDD, R monthly observation rows; about one
                               cell in 20 differs from the previous vintage (a revision)
"""
import random
import sys
from datetime import date, timedelta

def long(n):
    rnd = random.Random(1)
    out = sys.stdout
    out.write("series,period,value,released_at\n")
    series = [f"bench.s{i:03d}" for i in range(100)]
    row = 0
    month = 0
    while row < n:
        y, m = 1990 + month // 12, month % 12 + 1
        ry, rm = (y + (m == 12), m % 12 + 1)
        released = f"{ry:04d}-{rm:02d}-15"
        lines = []
        for s in series:
            if row >= n:
                break
            lines.append(f"{s},{y:04d}-{m:02d},{rnd.randint(0, 10**7) / 100},{released}\n")
            row += 1
        out.write("".join(lines))
        month += 1

def alfred(columns, rows):
    rnd = random.Random(2)
    out = sys.stdout
    start = date(2000, 1, 3)
    vintages = [start + timedelta(days=7 * i) for i in range(columns)]
    out.write("observation_date," + ",".join(f"BENCH_{d:%Y%m%d}" for d in vintages) + "\n")
    for r in range(rows):
        y, m = 1950 + r // 12, r % 12 + 1
        value = rnd.randint(1000, 100000) / 10
        cells = []
        for c in range(columns):
            if rnd.random() < 0.05:
                value = round(value + rnd.randint(-50, 50) / 10, 1)
            cells.append(f"{value}")
        out.write(f"{y:04d}-{m:02d}-01," + ",".join(cells) + "\n")

if __name__ == "__main__":
    if sys.argv[1] == "long":
        long(int(sys.argv[2]))
    else:
        alfred(int(sys.argv[2]), int(sys.argv[3]))
