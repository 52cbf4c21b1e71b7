#!/usr/bin/python3
"""Which per-paper features of `crossclaim reuse` separate METER's classes (issue 14).

Run after bench/reuse_eval.sh (it reads the texts that script wrote to WORK/meter.jsonl).
Scores every courts paper against its PA candidates (the best candidate by containment) and
prints, for the tuning and the held-out dates (the same split as reuse_eval.py):
  - derived-vs-non AUROC and wholly-vs-partially AUROC of each feature;
  - a tiny logistic regression (derived vs non) over feature sets, fitted on the tuning dates,
    and the macro F1 of thresholds on its score fitted on the tuning dates.
Features: containment; longest passage (bytes, share of the paper); the source's share in
passages; verbatim share; number of passages; rare-vocabulary containment (share of the
paper's tokens that are not stock words, in <= 20% of the texts, whose word occurs anywhere
in the PA text: rewritten copy keeps the wire's names and rare words).

  bench/reuse_features.py BIN METER_DIR WORK_DIR
"""
import csv
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict

import numpy as np

BIN, METER, WORK = sys.argv[1:4]
CLASSES = ["wholly", "partially", "non"]
WORD = re.compile(r"[0-9a-z]+(?:['.,][0-9a-z]+)*")


def day_key(d):
    dd, mm, yy = d.split(".")
    return ("19" if int(yy) > 50 else "20") + yy + mm + dd


def auroc(scores, labels):
    pos = [s for s, l in zip(scores, labels) if l]
    neg = [s for s, l in zip(scores, labels) if not l]
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def macro_f1(pred, gold):
    f1s = []
    for c in CLASSES:
        tp = sum(p == c and g == c for p, g in zip(pred, gold))
        fp = sum(p == c and g != c for p, g in zip(pred, gold))
        fn = sum(p != c and g == c for p, g in zip(pred, gold))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / 3


def grade(s, tw, tp):
    return "wholly" if s >= tw else "partially" if s >= tp else "non"


def fit_thresholds(scores, gold):
    grid = np.quantile(scores, np.linspace(0, 1, 101))
    best = (-1.0, 0.0, 0.0)
    for tp in grid:
        for tw in grid[grid >= tp]:
            f = macro_f1([grade(s, tw, tp) for s in scores], gold)
            if f > best[0]:
                best = (f, tw, tp)
    return best


def logistic(x, y, steps=3000, rate=0.5):
    """Weights of a logistic regression by gradient descent on standardised features."""
    mu, sd = x.mean(0), x.std(0) + 1e-9
    z = np.hstack([(x - mu) / sd, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-z @ w))
        w -= rate * z.T @ (p - y) / len(y)
    return lambda q: np.hstack([(q - mu) / sd, np.ones((len(q), 1))]) @ w


rows = list(csv.DictReader(open(os.path.join(METER, "courts_gold.tsv")), delimiter="\t"))
corpus = os.path.join(WORK, "meter.jsonl")
texts = {json.loads(l)["id"]: json.loads(l)["text"] for l in open(corpus)}
out = subprocess.run([BIN, "reuse", corpus, "--min-containment", "0"], check=True,
                     capture_output=True, text=True).stdout
by_paper = defaultdict(list)
for line in out.splitlines():
    p = json.loads(line)
    if "explained_by" not in p:
        by_paper[p["derived"]].append(p)
        by_paper[p["source"]].append(p)
tokens = {k: WORD.findall(v.lower()) for k, v in texts.items()}
df = Counter()
for t in tokens.values():
    df.update(set(t))

days = sorted({r["date"] for r in rows}, key=day_key)
tune_days = set(days[:len(days) // 2])
papers = []
for r in rows:
    paper = r["newspaper"]
    cands = [c for c in r["pa_candidates"].split(",") if c]
    f = {"gold": r["class"], "tune": r["date"] in tune_days, "containment": 0.0,
         "longest_share": 0.0, "source_share": 0.0, "verbatim_share": 0.0, "passages": 0}
    for p in by_paper[paper]:
        other = p["source"] if p["derived"] == paper else p["derived"]
        side = "derived" if p["derived"] == paper else "source"
        share = p["containment"] if side == "derived" else p["source_containment"]
        if other not in cands or share <= f["containment"]:
            continue
        lengths = [ps[side + "_end"] - ps[side + "_start"] for ps in p["passages"]]
        n = max(1, len(texts[paper]))
        f.update(containment=share, passages=len(lengths), longest_share=max(lengths) / n,
                 source_share=p["source_containment"] if side == "derived" else p["containment"],
                 verbatim_share=sum(b for b, ps in zip(lengths, p["passages"])
                                    if ps["kind"] == "verbatim") / n)
    rare = [w for w in tokens[paper] if df[w] <= 0.2 * len(texts)]
    f["rare_vocabulary"] = max([sum(w in set(tokens[c]) for w in rare) / len(rare)
                                for c in cands] or [0.0]) if rare else 0.0
    papers.append(f)

NAMES = ["containment", "longest_share", "source_share", "verbatim_share", "passages",
         "rare_vocabulary"]
report = {"features": {}, "models": {}}
for part, is_tune in (("tune", True), ("held-out", False)):
    ps = [f for f in papers if f["tune"] == is_tune]
    derived = [f for f in ps if f["gold"] != "non"]
    report["features"][part] = {
        k: {"derived_vs_non": round(auroc([f[k] for f in ps], [f["gold"] != "non" for f in ps]), 3),
            "wholly_vs_partially": round(auroc([f[k] for f in derived],
                                               [f["gold"] == "wholly" for f in derived]), 3)}
        for k in NAMES}
tune = [f for f in papers if f["tune"]]
held = [f for f in papers if not f["tune"]]
for keys in (["containment"], ["containment", "longest_share"],
             ["containment", "rare_vocabulary"],
             ["containment", "longest_share", "rare_vocabulary"],
             ["containment", "longest_share", "source_share", "verbatim_share", "passages"]):
    x = lambda fs: np.array([[f[k] for k in keys] for f in fs], dtype=float)
    score = logistic(x(tune), np.array([f["gold"] != "non" for f in tune], dtype=float))
    st, sh = score(x(tune)), score(x(held))
    f1, tw, tp = fit_thresholds(st, [f["gold"] for f in tune])
    report["models"]["+".join(keys)] = {
        "auroc_tune": round(auroc(st, [f["gold"] != "non" for f in tune]), 3),
        "auroc_held_out": round(auroc(sh, [f["gold"] != "non" for f in held]), 3),
        "f1_tune": round(f1, 3),
        "f1_held_out": round(macro_f1([grade(s, tw, tp) for s in sh], [f["gold"] for f in held]), 3)}
print(json.dumps(report, indent=1))
