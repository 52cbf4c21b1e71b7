#!/usr/bin/python3
"""scikit-learn side of bench/tfidf_peers.sh: TF-IDF + thresholded X @ X.T on the same terms.

Usage: tfidf_peers.py DIR [--threshold 0.5] [--repetitions 3] [--block 1024]

DIR/terms.txt holds one sentence per line as crossclaim analysed it (tokenised, possessives
stripped, stop words removed), so scikit-learn gets identical terms with its cheapest
analyzer (str.split) and does no tokenising of its own: the timing below favours it.
Timed: TfidfVectorizer(sublinear_tf=True, dtype=float32).fit_transform (float32 as
crossclaim computes, and faster for the product), then X @ X.T in row blocks
(a full product does not fit in memory at 100k sentences: ~78k of the 100k
entries of each row of X @ X.T are non-zero on these sentences), keeping pairs a < b with
cosine >= threshold. Writes DIR/sklearn_pairs.tsv and prints the median wall and CPU
seconds (time.process_time: every thread of the process).
Then compares with DIR/pairs.tsv (crossclaim): identical pair sets, except pairs within
1e-6 of the threshold, where float32 and float64 rounding may disagree.
"""
import argparse
import statistics
import sys
import time

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer


def all_pairs(lines, threshold, block):
    x = TfidfVectorizer(sublinear_tf=True, analyzer=str.split,
                        dtype=np.float32).fit_transform(lines)
    return thresholded_pairs(x, threshold, block)


def thresholded_pairs(x, threshold, block):
    """Pairs a < b of rows of x with x[a] . x[b] >= threshold: (a, b, cosine) arrays."""
    xt = x.T.tocsr()
    rows, cols, vals = [], [], []
    for start in range(0, x.shape[0], block):
        s = (x[start:start + block] @ xt).tocoo()
        keep = (s.data >= threshold) & (s.col > s.row + start)
        rows.append(s.row[keep] + start)
        cols.append(s.col[keep])
        vals.append(s.data[keep])
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("dir")
    p.add_argument("--threshold", type=float, default=0.5)
    p.add_argument("--repetitions", type=int, default=3)
    p.add_argument("--block", type=int, default=1024)
    a = p.parse_args()
    with open(f"{a.dir}/terms.txt", encoding="utf-8") as f:
        lines = [line.rstrip("\n") for line in f]
    times, cpu_times = [], []
    for _ in range(a.repetitions):
        t0, c0 = time.perf_counter(), time.process_time()
        r, c, v = all_pairs(lines, a.threshold, a.block)
        times.append(time.perf_counter() - t0)
        cpu_times.append(time.process_time() - c0)
    median = statistics.median(times)
    median_cpu = statistics.median(cpu_times)
    print(f"sklearn: {len(lines)} sentences, {len(r)} pairs, median wall {median:.3f} s, "
          f"CPU {median_cpu:.3f} s over {a.repetitions} runs {['%.3f' % t for t in times]}")
    with open(f"{a.dir}/sklearn_pairs.tsv", "w") as f:
        for i, j, val in zip(r, c, v):
            f.write(f"{i} {j} {val:.7f}\n")

    theirs = {(int(i), int(j)): float(val) for i, j, val in zip(r, c, v)}
    ours = {}
    with open(f"{a.dir}/pairs.tsv") as f:
        for line in f:
            i, j, val = line.split()
            ours[(int(i), int(j))] = float(val)
    band = 1e-6
    missing = [k for k, val in theirs.items() if k not in ours and val >= a.threshold + band]
    extra = [k for k, val in ours.items() if k not in theirs and val >= a.threshold + band]
    worst = max((abs(ours[k] - theirs[k]) for k in ours.keys() & theirs.keys()), default=0.0)
    print(f"crossclaim: {len(ours)} pairs; missing vs sklearn {len(missing)}, extra {len(extra)}, "
          f"max |cosine difference| {worst:.2e}")
    print(f"sklearn_median_seconds {median:.6f}")
    print(f"sklearn_median_cpu_seconds {median_cpu:.6f}")
    if missing or extra:
        print(f"PAIR SETS DIFFER: first missing {missing[:5]}, first extra {extra[:5]}")
        sys.exit(1)
    print("pair sets identical")


if __name__ == "__main__":
    main()
