#!/usr/bin/python3
"""The scikit-learn baseline of bench/eval.sh: TfidfVectorizer(sublinear_tf=True) cosine.

  sklearn_baseline.py pairs FILE.tsv                 -> JSON Lines {"id", "cosine"} per row
  sklearn_baseline.py retrieve Q.tsv C.tsv [K]       -> JSON Lines {"query", "results"}

Same inputs and output fields as `crossclaim pairs` / `crossclaim retrieve`, so the same
`crossclaim eval` call scores both. The idf is fitted on all texts of the pairs file (as
crossclaim does) or on the collection (retrieval). Thresholds are tuned by `crossclaim eval`
on the same portion for both systems.
"""
import json
import sys

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer


def read_tsv(path, fields):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) >= fields and all(x.strip() for x in p[:fields]):
                rows.append(p)
    return rows


def pairs(path):
    rows = read_tsv(path, 3)
    texts = [t for r in rows for t in (r[1], r[2])]
    x = TfidfVectorizer(sublinear_tf=True).fit_transform(texts)
    a, b = x[0::2], x[1::2]
    cos = np.asarray(a.multiply(b).sum(axis=1)).ravel()
    out = sys.stdout
    for r, c in zip(rows, cos):
        out.write(json.dumps({"id": r[0], "cosine": round(float(c), 6)}) + "\n")


def retrieve(qpath, cpath, k):
    queries, coll = read_tsv(qpath, 2), read_tsv(cpath, 2)
    v = TfidfVectorizer(sublinear_tf=True).fit([r[1] for r in coll])
    c = v.transform([r[1] for r in coll])
    q = v.transform([r[1] for r in queries])
    scores = (q @ c.T).toarray()
    for i, r in enumerate(queries):
        order = np.argsort(-scores[i], kind="stable")[:k]
        results = [{"id": coll[j][0], "score": round(float(scores[i, j]), 6)} for j in order]
        sys.stdout.write(json.dumps({"query": r[0], "results": results}) + "\n")


if __name__ == "__main__":
    if sys.argv[1] == "pairs":
        pairs(sys.argv[2])
    else:
        retrieve(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 5)
