#!/usr/bin/python3
"""A datasketch user's near-duplicate script, as bench/dedup_vs_datasketch.sh times it: from
a JSON Lines file to the pairs, in one process, like `crossclaim dedup FILE --format jsonl`.

Usage: bench/datasketch_dedup.py CORPUS.jsonl OUT.jsonl [--threshold 0.8] [--datasketch DIR]

Reads every line with json.loads, shingles each "text" as bench/python_peers.py does (word
5-grams of re \\w+ over the lower-cased text), MinHash.bulk(num_perm=128,
hashfunc=xxhash.xxh32_intdigest) (datasketch's fastest documented CPU path), MinHashLSH in an
insertion session, one query per document, and writes each candidate pair (not verified: the
LSH's answer) as {"a": id, "b": id} with a before b in input order.
"""
import argparse
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]


def default_datasketch():
    """shared/peers/datasketch beside the checkout (or beside a parent of a worktree)."""
    for parent in ROOT.parents:
        folder = parent / "shared" / "peers" / "datasketch"
        if folder.is_dir():
            return str(folder)
    return str(ROOT.parent / "shared" / "peers" / "datasketch")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("corpus")
    p.add_argument("out")
    p.add_argument("--threshold", type=float, default=0.8)
    p.add_argument("--datasketch", default=default_datasketch())
    a = p.parse_args()
    sys.path.insert(0, a.datasketch)
    sys.path.insert(0, str(ROOT / "bench"))
    import datasketch
    import xxhash
    from python_peers import datasketch_pairs

    ids, texts = [], []
    with open(a.corpus, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                record = json.loads(line)
                ids.append(str(record["id"]))
                texts.append(record["text"])
    pairs = datasketch_pairs(texts, a.threshold, datasketch, xxhash)
    with open(a.out, "w", encoding="utf-8") as out:
        for i, j in sorted(pairs):
            out.write(json.dumps({"a": ids[i], "b": ids[j]}) + "\n")


if __name__ == "__main__":
    main()
