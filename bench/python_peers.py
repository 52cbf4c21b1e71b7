#!/usr/bin/python3
"""crossclaim's Python package beside the Python tools its users run today, on the same
corpus in one process: datasketch for near-duplicates, scikit-learn for TF-IDF.

Usage: bench/python_peers.py CORPUS.jsonl [--build build] [--datasketch DIR]
                             [--threshold 0.8] [--repetitions 3] [--threads 0]

CORPUS.jsonl: documents with a "text" field, e.g. `crossclaim generate --docs 10000 -o F`.
--build: a build tree with the Python module (build/python is put on sys.path).
--datasketch: the folder holding the datasketch package (default ../shared/peers/datasketch,
relative to the repository); its LICENSE and origin: ../shared/peers/README.md.

Timed (median of --repetitions, CPU time of this process and wall clock):
  near-duplicates, end to end from the texts to the pairs:
    datasketch: word 5-gram shingles (re \\w+ over the lower-cased text, joined by spaces,
      UTF-8 bytes), MinHash.bulk(num_perm=128, hashfunc=xxhash.xxh32_intdigest) (its fastest
      documented CPU path), MinHashLSH(threshold, num_perm=128) filled in an
      insertion_session, then one query per document: candidate pairs, not verified.
    crossclaim.dedup(texts, threshold): shingles, signatures, LSH and the exact Jaccard of
      every candidate: verified pairs; also with mode="oph" (one-permutation MinHash).
    crossclaim MinHash.signatures + LSH.insert_many + candidate_pairs: the like-for-like
      candidate path, not verified.
  Both sides' pairs are checked against the exact Jaccard of their own shingle sets (this
  script's oracle over datasketch's shingles, which are crossclaim's tokens on ASCII text):
  recall of the pairs at or above the threshold found by either.
  TF-IDF, the same tokens and stop list on both sides (the matrices are compared):
    scikit-learn TfidfVectorizer(sublinear_tf=True, tokenizer=crossclaim.tokenize,
      lowercase=False, stop_words=crossclaim.stop_words(), dtype=float32).fit_transform vs
      crossclaim.TfidfVectorizer(strip_possessive=False).fit_transform, both from the texts;
    and both from token lists given (scikit-learn with a callable analyzer dropping the stop
      words), so neither side tokenises.
"""
import argparse
import json
import os
import pathlib
import re
import statistics
import sys
import time

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[1]
WORD = re.compile(r"\w+")


def timed(fn, reps):
    """(median CPU seconds of this process, median wall seconds, last result)."""
    cpu, wall, out = [], [], None
    for _ in range(reps):
        c0, w0 = time.process_time(), time.perf_counter()
        out = fn()
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    return statistics.median(cpu), statistics.median(wall), out


def shingles(text, n=5):
    words = WORD.findall(text.lower())
    if len(words) < n:
        return [" ".join(words).encode()] if words else []
    return [" ".join(words[i:i + n]).encode() for i in range(len(words) - n + 1)]


def datasketch_pairs(texts, threshold, datasketch, xxhash):
    sets = [shingles(t) for t in texts]
    sigs = datasketch.MinHash.bulk(sets, num_perm=128, hashfunc=xxhash.xxh32_intdigest)
    lsh = datasketch.MinHashLSH(threshold=threshold, num_perm=128)
    with lsh.insertion_session() as session:
        for i, m in enumerate(sigs):
            session.insert(i, m)
    pairs = set()
    for i, m in enumerate(sigs):
        for j in lsh.query(m):
            if j != i:
                pairs.add((min(i, j), max(i, j)))
    return pairs


def crossclaim_candidates(texts, threshold, crossclaim, threads):
    sigs = crossclaim.MinHash(num_perm=128).signatures(texts, threads=threads)
    lsh = crossclaim.LSH(threshold=threshold, num_perm=128)
    lsh.insert_many(range(len(texts)), sigs)
    return set(lsh.candidate_pairs())


def main():
    p = argparse.ArgumentParser()
    p.add_argument("corpus")
    p.add_argument("--build", default=str(ROOT / "build"))
    p.add_argument("--datasketch", default=str(ROOT.parent / "shared" / "peers" / "datasketch"))
    p.add_argument("--threshold", type=float, default=0.8)
    p.add_argument("--repetitions", type=int, default=3)
    p.add_argument("--threads", type=int, default=0)
    a = p.parse_args()
    sys.path.insert(0, str(pathlib.Path(a.build) / "python"))
    sys.path.insert(0, a.datasketch)
    import crossclaim
    import datasketch
    import xxhash
    from sklearn.feature_extraction.text import TfidfVectorizer

    with open(a.corpus, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()]
    mb = sum(len(t.encode()) for t in texts) / 1e6
    print(f"corpus: {a.corpus}: {len(texts)} documents, {mb:.1f} MB; "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; "
          f"medians of {a.repetitions}; crossclaim threads={a.threads or 'all'}")
    rows = []

    def row(what, peer, mine, note=""):
        ratio_cpu, ratio_wall = peer[0] / mine[0], peer[1] / mine[1]
        rows.append((what, peer, mine, ratio_cpu, ratio_wall, note))

    # Near-duplicates.
    ds = timed(lambda: datasketch_pairs(texts, a.threshold, datasketch, xxhash), a.repetitions)
    cc = timed(lambda: crossclaim.dedup(texts, a.threshold, threads=a.threads), a.repetitions)
    oph = timed(lambda: crossclaim.dedup(texts, a.threshold, mode="oph", threads=a.threads),
                a.repetitions)
    cand = timed(lambda: crossclaim_candidates(texts, a.threshold, crossclaim, a.threads),
                 a.repetitions)
    sets = [set(shingles(t)) for t in texts]

    def exact(i, j):
        x, y = sets[i], sets[j]
        return len(x & y) / len(x | y) if x and y else 0.0

    ds_true = {pr for pr in ds[2] if exact(*pr) >= a.threshold}
    cc_pairs = {(min(q.a, q.b), max(q.a, q.b)) for q in cc[2]}
    cand_true = {pr for pr in cand[2] if exact(*pr) >= a.threshold}
    truth = ds_true | cc_pairs
    disagree = sum(1 for pr in cc_pairs if exact(*pr) < a.threshold - 1e-9)
    print(f"pairs with exact Jaccard >= {a.threshold} found by either: {len(truth)}; "
          f"datasketch {len(ds[2])} candidates, {len(ds_true)} true "
          f"(recall {len(ds_true) / max(1, len(truth)):.3f}); crossclaim.dedup {len(cc_pairs)} "
          f"verified (recall {len(cc_pairs) / max(1, len(truth)):.3f}, {disagree} below the "
          f"threshold by this script's shingles); crossclaim candidates {len(cand[2])}, "
          f"{len(cand_true)} true")
    row("dedup end to end: datasketch bulk+LSH vs crossclaim.dedup", ds, cc)
    oph_pairs = {(min(q.a, q.b), max(q.a, q.b)) for q in oph[2]}
    print(f"crossclaim.dedup(mode=\"oph\") {len(oph_pairs)} verified "
          f"(recall {len(oph_pairs & truth) / max(1, len(truth)):.3f})")
    row("dedup end to end: datasketch bulk+LSH vs crossclaim.dedup(mode=\"oph\")", ds, oph)
    row("candidates: datasketch bulk+LSH vs MinHash.signatures+LSH", ds, cand)

    # TF-IDF from the texts, same tokens and stop list.
    stop = crossclaim.stop_words()
    sk = TfidfVectorizer(sublinear_tf=True, tokenizer=crossclaim.tokenize, lowercase=False,
                         token_pattern=None, stop_words=stop, dtype=np.float32)
    sk_t = timed(lambda: sk.fit_transform(texts), a.repetitions)
    mine = crossclaim.TfidfVectorizer(strip_possessive=False, threads=a.threads)
    cc_t = timed(lambda: mine.fit_transform(texts), a.repetitions)
    diff = abs(sk_t[2] - cc_t[2]).max()
    row("TF-IDF from texts: scikit-learn vs crossclaim", sk_t, cc_t, f"max |diff| {diff:.1e}")

    # TF-IDF from token lists.
    tokens = [crossclaim.tokenize(t) for t in texts]
    stop_set = set(stop)
    sk2 = TfidfVectorizer(sublinear_tf=True, dtype=np.float32,
                          analyzer=lambda toks: [t for t in toks if t not in stop_set])
    sk2_t = timed(lambda: sk2.fit_transform(tokens), a.repetitions)
    cc2_t = timed(lambda: mine.fit_transform(tokens), a.repetitions)
    diff2 = abs(sk2_t[2] - cc2_t[2]).max()
    row("TF-IDF from tokens: scikit-learn vs crossclaim", sk2_t, cc2_t, f"max |diff| {diff2:.1e}")

    print()
    print("| what | peer CPU s (wall) | crossclaim CPU s (wall) | ratio CPU | ratio wall | note |")
    print("|---|---|---|---|---|---|")
    for what, peer, cc_, rc, rw, note in rows:
        print(f"| {what} | {peer[0]:.3f} ({peer[1]:.3f}) | {cc_[0]:.3f} ({cc_[1]:.3f}) | "
              f"{rc:.1f}x | {rw:.1f}x | {note} |")


if __name__ == "__main__":
    main()
