#!/usr/bin/python3
"""Driver of bench/dedup_vs_datasketch.sh: `crossclaim dedup` and datasketch end to end on
the same file, in the same run, each as its own process from the JSON Lines to the pairs.

Usage: dedup_vs_datasketch.py CORPUS.jsonl TRUTH.jsonl --bin build/cli/crossclaim
                              [--repetitions 5] [--threads 1] [--threshold 0.8]
                              [--modes oph,classic] [--before OLD_BUILD/cli/crossclaim]

crossclaim: `crossclaim dedup CORPUS --format jsonl --threads T --threshold t --mode M` for each
  MinHash mode M of --modes (reads the file, repairs and tokenises the text, MinHash + LSH,
  verifies every candidate by exact Jaccard, writes pairs and groups).
datasketch: bench/datasketch_dedup.py CORPUS OUT (json.loads, \\w+ word 5-grams,
  MinHash.bulk with xxh32, MinHashLSH, writes the candidate pairs; interpreter start and
  imports included, as a user's script pays them).
The repetitions alternate the sides so all see the same load; medians of CPU time (user +
system of the process, from wait4) and of wall time. Recall: the planted whole-document copies
of TRUTH (`crossclaim generate --truth`) found among each side's pairs, and of those whose
exact Jaccard (this script's oracle, see at_or_above) reaches the threshold. Also checks that
crossclaim's output is byte-identical for --threads 1, 2 and 4, in each mode, and (with
--before) that an earlier build, timed in the same alternation, prints the same bytes.
"""
import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent


def run(command, stdout):
    """(CPU seconds, wall seconds) of one process run to completion; fails on a non-zero exit."""
    start = time.perf_counter()
    with open(stdout, "wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)}: exit {process.returncode}")
    return usage.ru_utime + usage.ru_stime, wall


def pairs_of(path):
    """Unordered id pairs of the "pair" lines of a JSON Lines file."""
    pairs = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            if record.get("type", "pair") == "pair":
                pairs.add(frozenset((record["a"], record["b"])))
    return pairs


def planted_copies(truth):
    with open(truth, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    return {frozenset((r["source"], r["copy"])) for r in records if r["kind"] == "document"}


def texts_of(corpus, wanted):
    """id -> text of the documents in `wanted`."""
    texts = {}
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            if str(record["id"]) in wanted:
                texts[str(record["id"])] = record["text"]
    return texts


def at_or_above(pairs, corpus, threshold):
    """The pairs whose exact Jaccard of word 5-gram sets (bench/python_peers.py's shingles,
    crossclaim's tokens on ASCII text) is at least `threshold`: an oracle independent of
    both sides' sketches."""
    sys.path.insert(0, str(HERE))
    from python_peers import shingles
    texts = texts_of(corpus, set().union(*pairs))
    kept = set()
    for pair in pairs:
        x, y = (set(shingles(texts[i])) for i in pair)
        if x and y and len(x & y) >= threshold * len(x | y):
            kept.add(pair)
    return kept


def main():
    p = argparse.ArgumentParser()
    p.add_argument("corpus")
    p.add_argument("truth")
    p.add_argument("--bin", required=True)
    p.add_argument("--before", help="an earlier crossclaim build to time in the same run "
                   "(its output must equal --bin's)")
    p.add_argument("--repetitions", type=int, default=5)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--threshold", type=float, default=0.8)
    p.add_argument("--modes", default="oph",
                   help="crossclaim's MinHash modes to time, comma-separated (classic, oph)")
    a = p.parse_args()
    work = pathlib.Path(tempfile.mkdtemp(prefix="crossclaim_dedup_vs_ds."))
    threshold = ["--threshold", str(a.threshold)]

    def mine(binary, mode, threads):
        return [binary, "dedup", a.corpus, "--format", "jsonl", "--threads", str(threads),
                "--mode", mode] + threshold

    # (label, binary, mode, output file) of each crossclaim side.
    builds = [("crossclaim dedup", a.bin)] + ([("previous build", a.before)] if a.before else [])
    sides = [(f"{label} --mode {mode}", binary, mode, work / f"{i}-{mode}.jsonl")
             for mode in a.modes.split(",") for i, (label, binary) in enumerate(builds)]
    peer = ["/usr/bin/python3", str(HERE / "datasketch_dedup.py"), a.corpus,
            str(work / "datasketch.jsonl")] + threshold
    mb = os.path.getsize(a.corpus) / 1e6
    print(f"corpus: {a.corpus} ({mb:.1f} MB); {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f}; medians of {a.repetitions}, alternating; "
          f"crossclaim --threads {a.threads}")
    times = {side[0]: [] for side in sides}
    ds_times = []
    for _ in range(a.repetitions):
        for label, binary, mode, out in sides:
            times[label].append(run(mine(binary, mode, a.threads), out))
        ds_times.append(run(peer, work / "datasketch.stdout"))
    identical = {label: same_across_threads(lambda t, b=binary, m=mode: mine(b, m, t), out)
                 for label, binary, mode, out in sides}
    for label, _, mode, out in sides:  # a previous build must print the same bytes
        identical[label] &= out.read_bytes() == (work / f"0-{mode}.jsonl").read_bytes()
    planted = planted_copies(a.truth)
    similar = at_or_above(planted, a.corpus, a.threshold)

    def recall(pairs, of):
        return f"{len(pairs & of)}/{len(of)} = {len(pairs & of) / len(of):.3f}"

    ds_cpu, ds_wall = medians(ds_times)
    rows = [(f"{label} (verified)", medians(times[label]), pairs_of(out))
            for label, _, _, out in sides]
    rows.append(("datasketch bulk+LSH (candidates)", (ds_cpu, ds_wall),
                 pairs_of(work / "datasketch.jsonl")))
    print(f"| side | CPU s | wall s | pairs | recall: planted document copies | "
          f"recall: those with exact Jaccard >= {a.threshold} |")
    print("|---|---|---|---|---|---|")
    for side, (cpu, wall), pairs in rows:
        print(f"| {side} | {cpu:.3f} | {wall:.3f} | {len(pairs)} | {recall(pairs, planted)} | "
              f"{recall(pairs, similar)} |")
    for (label, *_), (_, (cpu, wall), _) in zip(sides, rows):
        print(f"ratio, {label}: {ds_cpu / cpu:.1f}x CPU, {ds_wall / wall:.1f}x wall; output "
              f"{'identical' if identical[label] else 'DIFFERENT'} for --threads 1, 2, 4"
              f"{' and to the new build' if a.before else ''}")
    print(f"outputs kept in {work}")
    if not all(identical.values()):
        raise SystemExit(1)


def medians(times):
    """(median CPU, median wall) of (CPU, wall) pairs."""
    return tuple(statistics.median(t[i] for t in times) for i in (0, 1))


def same_across_threads(command_for, output):
    """True if command_for(threads) prints the bytes of `output` for 1, 2 and 4 threads."""
    expected = output.read_bytes()
    for threads in (1, 2, 4):
        path = output.with_suffix(f".threads-{threads}")
        run(command_for(threads), path)
        if path.read_bytes() != expected:
            return False
    return True


if __name__ == "__main__":
    main()
