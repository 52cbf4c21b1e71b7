#!/usr/bin/python3
"""Scores `crossclaim extract` output against the article-extraction benchmark's bodies.

Usage: extract_eval.py GROUND_TRUTH.json PRED.jsonl [BASELINE.jsonl] [--dev 01234567]
           [--per-page] [--judgments FILE.tsv]

The metric is the benchmark's own (its SOURCE.md): `\\w+` tokens, 4-token shingles as a
multiset, per-page TP/FP/FN normalised to sum 1, precision and recall averaged over pages,
F1 of the averages. Pages whose hash starts with a --dev character form the development
part (tuned on); the others are held out.
"""
import argparse
import collections
import json
import re
import sys

TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text, n=4):
    tokens = TOKEN.findall(text or "")
    out = collections.Counter()
    for i in range(max(1, len(tokens) - n + 1)):
        s = tuple(tokens[i:i + n])
        if s:
            out[s] += 1
    return out


def page_scores(true, pred):
    t, p = shingles(true), shingles(pred)
    tp = sum(min(c, p.get(k, 0)) for k, c in t.items())
    fp = sum(max(0, c - t.get(k, 0)) for k, c in p.items())
    fn = sum(max(0, c - p.get(k, 0)) for k, c in t.items())
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s > 0 else (0.0, 0.0, 0.0)


def precision(tp, fp, fn):
    if fp == 0 and fn == 0:
        return 1.0
    return 0.0 if tp == 0 and fp == 0 else tp / (tp + fp)


def recall(tp, fp, fn):
    if fp == 0 and fn == 0:
        return 1.0
    return 0.0 if tp == 0 and fn == 0 else tp / (tp + fn)


def metrics(rows):
    ps = [precision(*r) for r in rows if r[0] + r[1] > 0]
    rs = [recall(*r) for r in rows if r[0] + r[2] > 0]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    f = 2 * p * r / (p + r) if p + r > 0 else 0.0
    return f, p, r


def load(path):
    docs = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                docs[d["id"]] = d
    return docs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("truth")
    ap.add_argument("pred")
    ap.add_argument("baseline", nargs="?")
    ap.add_argument("--dev", default="01234567")
    ap.add_argument("--per-page", action="store_true")
    ap.add_argument("--judgments")
    args = ap.parse_args()
    truth = json.load(open(args.truth, encoding="utf-8"))
    systems = [("crossclaim extract", load(args.pred))]
    if args.baseline:
        systems.append(("whole page text (baseline)", load(args.baseline)))
    parts = [("dev (tuned on)", lambda k: k[0] in args.dev),
             ("held-out", lambda k: k[0] not in args.dev), ("all", lambda k: True)]
    print("| system | part | pages | F1 | precision | recall |")
    print("|---|---|---|---|---|---|")
    for name, pred in systems:
        for part, keep in parts:
            keys = sorted(k for k in truth if keep(k))
            rows = [page_scores(truth[k]["articleBody"], pred.get(k, {}).get("text", ""))
                    for k in keys]
            f, p, r = metrics(rows)
            print(f"| {name} | {part} | {len(keys)} | {f:.3f} | {p:.3f} | {r:.3f} |")
    if args.per_page:
        pred = systems[0][1]
        for k in sorted(truth):
            r = page_scores(truth[k]["articleBody"], pred.get(k, {}).get("text", ""))
            print(f"{k[:8]} {'dev ' if k[0] in args.dev else 'held'} P={precision(*r):.3f} "
                  f"R={recall(*r):.3f} {truth[k]['url']}", file=sys.stderr)
    # Metadata coverage.
    pred = systems[0][1]
    n = len(truth)
    outlet = sum(1 for k in truth if pred.get(k, {}).get("outlet", "unknown") != "unknown")
    dated = sum(1 for k in truth if pred.get(k, {}).get("published"))
    titled = sum(1 for k in truth if pred.get(k, {}).get("title"))
    authored = sum(1 for k in truth if pred.get(k, {}).get("author"))
    print()
    print(f"metadata: outlet known on {outlet}/{n} pages ({outlet / n:.1%}), a date on {dated}/{n}, "
          f"a title on {titled}/{n}, an author on {authored}/{n}")
    if args.judgments:
        check_judgments(args.judgments, pred)


def check_judgments(path, pred):
    """Hand-checked values (bench/extract/metadata_judgments.tsv): id prefix, field, value."""
    rows = [l.rstrip("\n").split("\t") for l in open(path, encoding="utf-8")
            if l.strip() and not l.startswith("#")]
    by_prefix = {k[:12]: v for k, v in pred.items()}
    right = collections.Counter()
    total = collections.Counter()
    stated = collections.Counter()
    for prefix, field, expected in rows:
        doc = by_prefix.get(prefix[:12], {})
        got = doc.get(field) or ""
        total[field] += 1
        if expected == "-":  # the page states none
            right[field] += got == ""
            continue
        stated[field] += 1
        ok = got.lower() in [e.lower() for e in expected.split("|")]
        right[field] += ok
        if not ok:
            print(f"  judgment {prefix[:12]} {field}: expected {expected!r}, got {got!r}")
    for field in sorted(total):
        print(f"judgments {field}: {right[field]}/{total[field]} agree "
              f"({stated[field]} pages state one)")


if __name__ == "__main__":
    main()
