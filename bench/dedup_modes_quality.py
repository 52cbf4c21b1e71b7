#!/usr/bin/python3
"""Candidate recall of `crossclaim dedup --mode classic` against `--mode oph` on real text.

Usage: dedup_modes_quality.py --bin build/cli/crossclaim --meter DIR --clough DIR
                              [--seeds 20] [--work DIR]

Both modes report only pairs whose exact Jaccard reaches the threshold (precision 1 by
construction), so they can differ only in which pairs MinHash + LSH let through. For each
corpus, level and threshold, every mode runs once per --seed 1..N, and each run's pairs are
compared with two oracles that favour neither mode:
  * pool: every pair that any run of either mode reported, with crossclaim's exact Jaccard;
  * brute force (document level only): the exact Jaccard of word 5-gram sets (re \\w+ over
    the lower-cased text, as bench/datasketch_dedup.py shingles) of every pair of texts that
    share a shingle, computed here; a pair is expected when it reaches threshold + 0.05.
Corpora: METER courts (659 Press Association wire texts and 770 newspaper texts, one file),
and Clough-Stevenson (5 Wikipedia sources and 95 short answers). Prints one table line per
(corpus, level, threshold, mode): mean recall over the seeds against each oracle, the
number of seeds with a miss, the misses' exact Jaccard range, and the root mean square of
the printed estimate minus the exact Jaccard over every pair reported (the one output the
mode changes in a found pair).
"""
import argparse
import itertools
import json
import pathlib
import re
import statistics
import subprocess
import tempfile
from collections import defaultdict

WORD = re.compile(r"\w+")


def read_text(path):
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")  # Clough-Stevenson mixes encodings


def meter_texts(folder):
    root = pathlib.Path(folder)
    files = sorted((root / "PA" / "rawtexts" / "courts").rglob("*.txt"))
    files += sorted((root / "newspapers" / "rawtexts" / "courts").rglob("*.txt"))
    return [(str(f.relative_to(root)), read_text(f)) for f in files]


def clough_texts(folder):
    return [(f.name, read_text(f)) for f in sorted((pathlib.Path(folder) / "data").glob("*.txt"))]


def write_corpus(texts, path):
    with open(path, "w", encoding="utf-8") as out:
        for doc_id, text in texts:
            out.write(json.dumps({"id": doc_id, "text": text}) + "\n")


def run_dedup(binary, corpus, level, threshold, mode, seed, errors):
    """{(a, b): exact Jaccard} of one run. Passage level: per pair of documents, the highest
    Jaccard of its passage pairs (which windows are kept may differ between runs that find
    the same copying, so a document pair is the unit of recall). Appends each reported
    pair's estimate - exact Jaccard to `errors`."""
    command = [binary, "dedup", str(corpus), "--format", "jsonl", "--level", level,
               "--threshold", str(threshold), "--mode", mode, "--seed", str(seed),
               "--threads", "1"]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    pairs = {}
    for line in out.splitlines():
        record = json.loads(line)
        if record["type"] == "pair":
            key = (record["a"], record["b"])
            pairs[key] = max(pairs.get(key, 0.0), record["jaccard"])
            errors.append(record["estimate"] - record["jaccard"])
    return pairs


def brute_force_pairs(texts, threshold):
    """Pairs of ids whose word 5-gram sets have exact Jaccard >= threshold."""
    sets = []
    for _, text in texts:
        words = WORD.findall(text.lower())
        sets.append({" ".join(words[i:i + 5]) for i in range(max(1, len(words) - 4))})
    postings = defaultdict(list)
    for index, shingles in enumerate(sets):
        for shingle in shingles:
            postings[shingle].append(index)
    candidates = set()
    for members in postings.values():
        if len(members) < 200:  # a shingle in hundreds of texts is boilerplate, not a copy
            candidates.update(itertools.combinations(members, 2))
    result = set()
    for i, j in candidates:
        a, b = sets[i], sets[j]
        if a and b and len(a & b) / len(a | b) >= threshold:
            result.add(frozenset((texts[i][0], texts[j][0])))
    return result


def summarise(runs, pool, expected):
    """Mean recall against the pool and against `expected` (or None), misses' Jaccard range."""
    pool_recall, brute_recall, missed = [], [], []
    for pairs in runs:
        pool_recall.append(len(pool.keys() & pairs.keys()) / len(pool) if pool else 1.0)
        missed += [pool[key] for key in pool.keys() - pairs.keys()]
        if expected is not None:
            found = {frozenset(key) for key in pairs}
            brute_recall.append(len(expected & found) / len(expected) if expected else 1.0)
    seeds_missing = sum(1 for pairs in runs if pool.keys() - pairs.keys())
    return {
        "pool": statistics.mean(pool_recall),
        "brute": statistics.mean(brute_recall) if brute_recall else None,
        "seeds_missing": seeds_missing,
        "missed": len(missed),
        "missed_range": (min(missed), max(missed)) if missed else None,
    }


def rmse(errors):
    return (sum(e * e for e in errors) / len(errors)) ** 0.5 if errors else 0.0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", required=True)
    p.add_argument("--meter", required=True)
    p.add_argument("--clough", required=True)
    p.add_argument("--seeds", type=int, default=20)
    p.add_argument("--work", default=None)
    a = p.parse_args()
    work = pathlib.Path(a.work or tempfile.mkdtemp(prefix="crossclaim-dedup-modes-"))
    work.mkdir(parents=True, exist_ok=True)
    corpora = {"meter": meter_texts(a.meter), "clough": clough_texts(a.clough)}
    settings = [("doc", 0.3), ("doc", 0.5), ("doc", 0.8), ("passage", 0.5), ("passage", 0.8)]
    modes = ("classic", "oph")
    print("corpus  level    t    mode     pool pairs  recall(pool)  recall(brute, J>=t+0.05)"
          "  seeds with a miss  misses (J range)  RMSE of estimate")
    for name, texts in corpora.items():
        corpus = work / f"{name}.jsonl"
        write_corpus(texts, corpus)
        for level, threshold in settings:
            errors = {mode: [] for mode in modes}
            runs = {mode: [run_dedup(a.bin, corpus, level, threshold, mode, seed, errors[mode])
                           for seed in range(1, a.seeds + 1)] for mode in modes}
            pool = {}
            for pairs in itertools.chain.from_iterable(runs.values()):
                for key, jaccard in pairs.items():
                    pool[key] = max(pool.get(key, 0.0), jaccard)
            expected = brute_force_pairs(texts, threshold + 0.05) if level == "doc" else None
            for mode in modes:
                s = summarise(runs[mode], pool, expected)
                brute = "-" if s["brute"] is None else f"{s['brute']:.4f} of {len(expected)}"
                span = "" if s["missed_range"] is None else \
                    f"{s['missed_range'][0]:.3f}-{s['missed_range'][1]:.3f}"
                print(f"{name:7} {level:8} {threshold:.1f}  {mode:7}  {len(pool):10}  "
                      f"{s['pool']:12.4f}  {brute:>24}  {s['seeds_missing']:3}/{a.seeds}"
                      f"  {s['missed']:5} {span:11}  {rmse(errors[mode]):.4f}", flush=True)


if __name__ == "__main__":
    main()
