#!/usr/bin/python3
"""scikit-learn baseline for ECB+ document clustering, for bench/eval.sh.

  ecb_baseline.py DOCS.tsv GOLD.tsv OUT.tsv

TfidfVectorizer(sublinear_tf=True) over the documents, average-link agglomerative clustering
on cosine distance; the distance threshold is tuned on the same portion for the best B-cubed
F1 against GOLD (as the pair thresholds are). Writes id<TAB>cluster for `crossclaim eval
clusters` and prints the chosen threshold on stderr.
"""
import sys

from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer


def bcubed_f1(pred, gold):
    from collections import Counter
    cells = Counter(zip(pred, gold))
    ps, gs = Counter(pred), Counter(gold)
    p = sum(n * n / ps[a] for (a, b), n in cells.items()) / len(pred)
    r = sum(n * n / gs[b] for (a, b), n in cells.items()) / len(pred)
    return 2 * p * r / (p + r)


def main():
    docs = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")]
    gold = dict(l.rstrip("\n").split("\t") for l in open(sys.argv[2], encoding="utf-8"))
    ids = [d[0] for d in docs]
    x = TfidfVectorizer(sublinear_tf=True).fit_transform([d[1] for d in docs])
    distance = 1 - (x @ x.T).toarray()
    distance[distance < 0] = 0
    best = None
    for t in [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.98]:
        labels = AgglomerativeClustering(n_clusters=None, distance_threshold=t, metric="precomputed",
                                         linkage="average").fit_predict(distance)
        f = bcubed_f1(list(labels), [gold[i] for i in ids])
        if best is None or f > best[0]:
            best = (f, t, labels)
    sys.stderr.write(f"ecb_baseline: distance threshold {best[1]} (B3 F1 {best[0]:.4f})\n")
    with open(sys.argv[3], "w", encoding="utf-8") as out:
        for i, label in zip(ids, best[2]):
            out.write(f"{i}\t{label}\n")


if __name__ == "__main__":
    main()
