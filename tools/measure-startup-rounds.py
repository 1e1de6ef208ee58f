#!/usr/bin/env python3
"""measure-startup-rounds.py — whole-process times of several commands, interleaved.

Usage: tools/measure-startup-rounds.py [--rounds N] [--runs N] COMMAND... REFERENCE

Runs ROUNDS rounds (default 10) of `hyperfine -N --warmup 2 --runs RUNS` (default 5) over
every command, so that a change of machine load during the measurement falls on every
command alike (hyperfine alone runs all runs of one command, then the next). Each command
is one string (hyperfine splits it into words; quote an argument with spaces inside it).
Prints each command's median and fastest time over all runs, and the median over the
rounds of its round median divided by the last command's (the reference, e.g. the sqlite3
shell answering the same question) — the ratio issue 11 point 18 asks about.

Example (see docs/performance.md, "Start-up, second pass"):
  VINTAGE_STORE=big tools/measure-startup-rounds.py "vintage query trade.ae.aircraft" \\
      "sqlite3 all.latest.sqlite \\"SELECT …\\""
"""
import json
import statistics
import subprocess
import sys
import tempfile

args = sys.argv[1:]
rounds, runs = 10, 5
while args and args[0] in ("--rounds", "--runs"):
    if len(args) < 2:
        sys.exit(__doc__)
    if args[0] == "--rounds":
        rounds = int(args[1])
    else:
        runs = int(args[1])
    args = args[2:]
if len(args) < 2 or any(a in ("-h", "--help") for a in args):
    sys.exit(__doc__)
commands = args
times = {c: [] for c in commands}
ratios = {c: [] for c in commands}
for _ in range(rounds):
    with tempfile.NamedTemporaryFile(suffix=".json") as f:
        subprocess.run(["hyperfine", "-N", "--warmup", "2", "--runs", str(runs), "--style", "none",
                        "--export-json", f.name] + commands,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(f.name) as data:
            results = json.load(data)["results"]
    medians = {}
    for command, result in zip(commands, results):
        times[command] += result["times"]
        medians[command] = statistics.median(result["times"])
    for command in commands:
        ratios[command].append(medians[command] / medians[commands[-1]])
print(f"{'command':72} {'median ms':>9} {'min ms':>7} {'ratio':>6}")
for command in commands:
    t = times[command]
    print(f"{command[:72]:72} {statistics.median(t) * 1000:9.2f} {min(t) * 1000:7.2f} {statistics.median(ratios[command]):6.2f}")
