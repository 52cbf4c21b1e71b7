#!/usr/bin/python3
"""Two builds of `crossclaim dedup` on the same file, alternating, for a before/after figure
measured in one run on a shared machine.

Usage: bench/dedup_ab.py CORPUS.jsonl BIN_BEFORE BIN_AFTER [--repetitions 5] [--threads 1]

Runs `BIN dedup CORPUS --format jsonl --threads T` for each binary in turn, REPETITIONS
times; prints for each the median CPU time (user + system of the process, from wait4), the
median wall time and the largest peak RSS, and whether the two outputs are byte-identical
(exit 1 if not).
"""
import argparse
import os
import statistics
import subprocess
import tempfile
import time


def run(command, out_path):
    """(CPU seconds, wall seconds, peak RSS MB) of one run; fails on a non-zero exit."""
    start = time.perf_counter()
    with open(out_path, "wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)}: exit {os.waitstatus_to_exitcode(status)}")
    return usage.ru_utime + usage.ru_stime, time.perf_counter() - start, usage.ru_maxrss / 1024


def main():
    p = argparse.ArgumentParser()
    p.add_argument("corpus")
    p.add_argument("before")
    p.add_argument("after")
    p.add_argument("--repetitions", type=int, default=5)
    p.add_argument("--threads", type=int, default=1)
    a = p.parse_args()
    work = tempfile.mkdtemp(prefix="crossclaim_dedup_ab.")
    sides = {"before": a.before, "after": a.after}
    times = {side: [] for side in sides}
    for _ in range(a.repetitions):
        for side, binary in sides.items():
            command = [binary, "dedup", a.corpus, "--format", "jsonl", "--threads", str(a.threads)]
            times[side].append(run(command, f"{work}/{side}.jsonl"))
    print(f"corpus {a.corpus}; medians of {a.repetitions}, alternating; --threads {a.threads}; "
          f"load average {os.getloadavg()[0]:.1f}")
    for side, binary in sides.items():
        t = times[side]
        print(f"{side} ({binary}): CPU {statistics.median(x[0] for x in t):.3f} s, wall "
              f"{statistics.median(x[1] for x in t):.3f} s, peak {max(x[2] for x in t):.0f} MB")
    with open(f"{work}/before.jsonl", "rb") as x, open(f"{work}/after.jsonl", "rb") as y:
        identical = x.read() == y.read()
    print("outputs identical" if identical else "OUTPUTS DIFFER")
    if not identical:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
