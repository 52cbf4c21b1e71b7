#!/usr/bin/python3
"""Peer side of bench/peers.sh: the same generated corpus through the Python tools a user
would reach for, and a table of crossclaim's figures beside theirs.

Usage: peers.py CORPUS.jsonl CLAIMS.json BENCH.json [BENCH_1THREAD.json] [--repetitions 3]

CORPUS.jsonl  `crossclaim generate` output (the documents `crossclaim bench` generated in memory)
CLAIMS.json   `crossclaim claims --format json CORPUS.jsonl` (sentence claims and their document)
BENCH.json    `crossclaim bench --format json` on the same --docs/--seed (optionally a second
              run with --threads 1, shown as its own column)

Peers, each timed as the median of --repetitions runs in this process:
  * scikit-learn TfidfVectorizer(sublinear_tf=True).fit_transform over the claim texts, with
    its own default analyzer (it tokenises; crossclaim's tfidf stage starts from tokens).
  * scikit-learn all pairs: X @ X.T in row blocks, pairs a < b of different documents with
    cosine >= 0.5 (crossclaim's cosine stage: AllPairsCosine with groups = document).
  * datasketch, if importable: MinHash(num_perm=128) over word 5-gram shingles + MinHashLSH
    at threshold 0.8.
  * "datasketch-style" numpy MinHash (a stand-in, NOT datasketch): word 5-gram shingles
    hashed with the first 4 bytes of SHA-1, K = 128 universal hashes
    (a * h + b) mod (2^61 - 1) truncated to 32 bits, vectorised over K with numpy, then LSH
    bands with the (b, r) minimising 0.02 * false positives + 0.98 * false negatives at 0.8
    (datasketch's rule). Compared with crossclaim's dedup stages, which also verify every
    candidate with the exact Jaccard.
"""
import argparse
import hashlib
import json
import re
import statistics
import sys
import time

import numpy as np
from scipy import integrate
from sklearn.feature_extraction.text import TfidfVectorizer

K = 128
PRIME = (1 << 61) - 1
WORD = re.compile(r"\w+")


def median_time(fn, reps):
    times, out = [], None
    for _ in range(reps):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def all_pairs(x, groups, threshold, block=1024):
    xt = x.T.tocsr()
    count = 0
    for start in range(0, x.shape[0], block):
        s = (x[start:start + block] @ xt).tocoo()
        rows = s.row + start
        keep = (s.data >= threshold) & (s.col > rows) & (groups[rows] != groups[s.col])
        count += int(keep.sum())
    return count


def optimal_bands(threshold, k, fp_weight=0.02, fn_weight=0.98):
    best, best_cost = (1, k), float("inf")
    for b in range(1, k + 1):
        for r in range(1, k // b + 1):
            fp = integrate.quad(lambda s: 1 - (1 - s ** r) ** b, 0.0, threshold)[0]
            fn = integrate.quad(lambda s: 1 - (1 - (1 - s ** r) ** b), threshold, 1.0)[0]
            cost = fp_weight * fp + fn_weight * fn
            if cost < best_cost:
                best, best_cost = (b, r), cost
    return best


def shingle_hashes(text, n=5):
    words = WORD.findall(text.lower())
    grams = {" ".join(words[i:i + n]) for i in range(max(1, len(words) - n + 1))} if words else set()
    return np.fromiter((int.from_bytes(hashlib.sha1(g.encode()).digest()[:4], "little")
                        for g in grams), dtype=np.uint64, count=len(grams))


def numpy_minhash_lsh(texts, bands, rows):
    rng = np.random.RandomState(1)
    a = rng.randint(1, PRIME, size=K, dtype=np.uint64)
    b = rng.randint(0, PRIME, size=K, dtype=np.uint64)
    tables = [dict() for _ in range(bands)]
    candidates = set()
    for doc, text in enumerate(texts):
        h = shingle_hashes(text)
        if h.size == 0:
            continue
        # uint64 products wrap mod 2^64 before the mod PRIME, as in datasketch.
        sig = (((np.outer(h, a) + b) % PRIME) & np.uint64(0xFFFFFFFF)).min(axis=0)
        for band in range(bands):
            key = sig[band * rows:(band + 1) * rows].tobytes()
            bucket = tables[band].setdefault(key, [])
            for other in bucket:
                candidates.add((other, doc))
            bucket.append(doc)
    return len(candidates)


def datasketch_lsh(texts):
    from datasketch import MinHash, MinHashLSH
    lsh = MinHashLSH(threshold=0.8, num_perm=K)
    candidates = set()
    for doc, text in enumerate(texts):
        words = WORD.findall(text.lower())
        m = MinHash(num_perm=K)
        for i in range(max(1, len(words) - 4)):
            m.update(" ".join(words[i:i + 5]).encode())
        for other in lsh.query(m):
            candidates.add((other, doc))
        lsh.insert(doc, m)
    return len(candidates)


def stage(bench, name):
    for s in bench["stages"]:
        if s["stage"] == name:
            return s
    sys.exit(f"peers.py: stage {name} missing from the bench JSON")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("corpus")
    p.add_argument("claims")
    p.add_argument("bench", nargs="+")
    p.add_argument("--repetitions", type=int, default=3)
    a = p.parse_args()
    with open(a.corpus, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()]
    with open(a.claims, encoding="utf-8") as f:
        claims = json.load(f)["claims"]
    claim_texts = [c["text"] for c in claims]
    ids = {d: i for i, d in enumerate(dict.fromkeys(c["doc"] for c in claims))}
    groups = np.array([ids[c["doc"]] for c in claims])
    benches = []
    for path in a.bench:
        with open(path) as f:
            benches.append(json.load(f))
    doc_bytes = sum(len(t.encode()) for t in texts)
    claim_bytes = sum(len(t.encode()) for t in claim_texts)
    reps = a.repetitions
    bench0 = benches[0]
    if bench0["corpus"]["documents"] != len(texts) or bench0["corpus"]["bytes"] != doc_bytes:
        sys.exit(f"peers.py: corpus differs from the bench run ({len(texts)} documents, "
                 f"{doc_bytes} bytes vs {bench0['corpus']['documents']}, "
                 f"{bench0['corpus']['bytes']})")

    tfidf_s, x = median_time(
        lambda: TfidfVectorizer(sublinear_tf=True).fit_transform(claim_texts), reps)
    cosine_s, sk_pairs = median_time(lambda: all_pairs(x, groups, 0.5), reps)
    bands, rows = optimal_bands(0.8, K)
    minhash_s, candidates = median_time(lambda: numpy_minhash_lsh(texts, bands, rows), reps)
    try:
        import datasketch  # noqa: F401
        ds = median_time(lambda: datasketch_lsh(texts), reps)
    except ImportError:
        ds = None
        print("datasketch: not installed")

    mb = 1e6
    header = ["stage", "unit"] + [f"crossclaim ({b['threads']} thr)" for b in benches] + \
        ["peer", "peer figure"] + [f"ratio ({b['threads']} thr)" for b in benches]
    table = []

    def row(stage_name, unit, ours, peer, theirs):
        table.append([stage_name, unit] + [f"{v:.1f}" for v in ours] + [peer, f"{theirs:.1f}"] +
                     [f"{v / theirs:.1f}x" if theirs > 0 else "-" for v in ours])

    row("tfidf", "MB/s", [stage(b, "tfidf")["mb_per_second"] for b in benches],
        "scikit-learn TfidfVectorizer", claim_bytes / mb / tfidf_s)
    row("cosine 0.5", "claims/s",
        [stage(b, "cosine")["items"] / stage(b, "cosine")["wall_seconds"] for b in benches],
        "scikit-learn X @ X.T", len(claim_texts) / cosine_s)
    for name in ("dedup", "dedup-oph"):
        row(name, "MB/s", [stage(b, name)["mb_per_second"] for b in benches],
            "numpy MinHash (datasketch-style stand-in)", doc_bytes / mb / minhash_s)
    if ds is not None:
        row("dedup", "MB/s", [stage(b, "dedup")["mb_per_second"] for b in benches],
            "datasketch MinHash + MinHashLSH", doc_bytes / mb / ds[0])

    widths = [max(len(str(r[i])) for r in [header] + table) for i in range(len(header))]
    for r in [header] + table:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths)))
    print()
    print(f"corpus: {len(texts)} documents, {doc_bytes / mb:.1f} MB; {len(claim_texts)} claims, "
          f"{claim_bytes / mb:.1f} MB; peers: median of {reps} runs, one thread")
    print(f"scikit-learn: vectorise {tfidf_s:.3f} s, all pairs {cosine_s:.3f} s, {sk_pairs} pairs "
          f"(crossclaim: {stage(bench0, 'cosine')['pairs']} pairs; the analysers differ: "
          f"crossclaim drops stop words and possessives, scikit-learn keeps them)")
    print(f"numpy MinHash stand-in: {minhash_s:.3f} s, bands {bands} x rows {rows}, "
          f"{candidates} candidate pairs (crossclaim classic: {stage(bench0, 'dedup')['items']} "
          f"candidates, {stage(bench0, 'dedup')['pairs']} verified copies)")
    if ds is not None:
        print(f"datasketch: {ds[0]:.3f} s, {ds[1]} candidate pairs")
    print("crossclaim's tfidf stage starts from the claims' tokens (tokenising is in its claims "
          "stage); scikit-learn's vectoriser tokenises the raw claim text itself")
    print("ratio = crossclaim / peer throughput (higher is faster for crossclaim)")


if __name__ == "__main__":
    main()
