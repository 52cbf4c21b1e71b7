#!/usr/bin/python3
"""Planted-copy recall and precision of `crossclaim reuse` (or `dedup`) output on a corpus
written by `crossclaim generate --truth`.

A reported pair counts as planted when the truth lists it in either direction; "related" also
counts pairs of documents joined through planted copies (two copies of one source, a copy of
a copy), which are reuse too. Recall is over the planted copies.

  bench/reuse_planted.py CORPUS.jsonl TRUTH.jsonl PAIRS.jsonl
"""
import json
import sys


def main(corpus_path, truth_path, pairs_path):
    ids = [json.loads(line)["id"] for line in open(corpus_path)]
    planted = set()
    parent = {i: i for i in ids}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for line in open(truth_path):
        t = json.loads(line)
        planted.add(frozenset((t["source"], t["copy"])))
        parent[find(t["source"])] = find(t["copy"])
    reported = set()
    for line in open(pairs_path):
        p = json.loads(line)
        if "source" in p and "derived" in p:  # reuse lines
            reported.add(frozenset((p["source"], p["derived"])))
        elif p.get("type") == "pair":  # dedup lines
            reported.add(frozenset((p["a"], p["b"])))
    hits = planted & reported
    related = {p for p in reported if len({find(x) for x in p}) == 1}
    n = max(len(reported), 1)
    print(f"reported {len(reported)}  planted {len(planted)}  recall {len(hits)}/{len(planted)} "
          f"= {len(hits) / max(len(planted), 1):.3f}  precision {len(hits) / n:.3f}  "
          f"counting related copies {len(related) / n:.3f}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
