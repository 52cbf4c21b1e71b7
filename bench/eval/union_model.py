#!/usr/bin/python3
"""One general pair model on the union of the shared pair sets, and its leave-one-dataset-out
test (docs/quality.md, "One general pair model").

  union_model.py WORK_DIR [--write MODEL.json]

WORK_DIR holds, for each set, `crossclaim pairs` features <name>.feat.jsonl and gold
<name>.gold.tsv (bench/eval/convert.py and union_convert.py write the inputs): msrp, stsb,
sick-rel, emergent, claimdiff, fnc1. One target for all: do the two texts state the same
thing or bear on one fact (MSRP paraphrase; STS-B grade / 5 and SICK relatedness, scaled
to [0, 1], as soft targets; Emergent headline vs its own claim, not another; ClaimDiff
strengthen or weaken, not neither; FNC-1 related, not unrelated). Logistic regression (C = 1)
on standardised terms (the `full` terms of fit_pair_model.py) with the cross-entropy of soft
targets (each pair twice: label 1 with weight t, label 0 with weight 1 - t), each set weighted
to the same total, so no set dominates.

Printed per set, with the set's own metric (accuracy at the best threshold, Pearson, or
AUROC): plain `cosine`, the model fitted on the OTHER sets (leave-one-dataset-out: does it
generalise to a set it never saw?), and the model fitted on all sets (the shipped one).
"""
import json
import os
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

sys.path.insert(0, os.path.dirname(__file__))
from fit_pair_model import FULL_TERMS, term_value  # noqa: E402

SETS = [  # name, target in [0, 1] of the raw label (graded sets: a soft target), metric
    ("msrp", lambda g: g, "accuracy"),
    ("stsb", lambda g: g / 5, "pearson"),
    ("sick-rel", lambda g: (g - 1) / 4, "pearson"),
    ("emergent", lambda g: g, "auroc"),
    ("claimdiff", lambda g: g, "auroc"),
    ("fnc1", lambda g: g, "accuracy"),
]


def load(work, name):
    gold = {}
    for line in open(os.path.join(work, name + ".gold.tsv"), encoding="utf-8"):
        p = line.rstrip("\n").split("\t")
        if len(p) >= 2:
            gold[p[0]] = float(p[1])
    x, raw, cos = [], [], []
    for line in open(os.path.join(work, name + ".feat.jsonl"), encoding="utf-8"):
        j = json.loads(line)
        x.append([term_value(j, t) for t in FULL_TERMS])
        raw.append(gold[j["id"]])
        cos.append(j["cosine"])
    return np.array(x), np.array(raw), np.array(cos)


def best_accuracy(score, y):
    order = np.argsort(-score)
    s, t = score[order], y[order].astype(bool)
    positives = np.cumsum(t)
    negatives_below = (~t).sum() - np.cumsum(~t)
    correct = positives + negatives_below  # predict positive for the first k
    best = max(correct.max(), (~t).sum())
    return best / len(y)


def metric(kind, score, raw, target):
    if kind == "accuracy":
        return best_accuracy(score, target >= 0.5)
    if kind == "pearson":
        return float(np.corrcoef(score, raw)[0, 1])
    return float(roc_auc_score(target >= 0.5, score))


def fit(parts):
    x = np.vstack([p[0] for p in parts])
    t = np.concatenate([p[1] for p in parts]).astype(float)
    w = np.concatenate([np.full(len(p[1]), 1.0 / len(p[1])) for p in parts])
    w *= len(t) / w.sum()
    mu, sd = x.mean(axis=0), x.std(axis=0)
    sd[sd == 0] = 1
    z = (x - mu) / sd
    zz = np.vstack([z, z])
    yy = np.concatenate([np.ones(len(t)), np.zeros(len(t))])
    ww = np.concatenate([w * t, w * (1 - t)])
    keep = ww > 0
    m = LogisticRegression(C=1.0, max_iter=10000).fit(zz[keep], yy[keep], sample_weight=ww[keep])
    weights = m.coef_[0] / sd
    bias = m.intercept_[0] - float(np.sum(m.coef_[0] * mu / sd))
    return weights, bias


def apply(model, x):
    weights, bias = model
    return 1 / (1 + np.exp(-np.clip(x @ weights + bias, -50, 50)))


def main():
    work = sys.argv[1]
    data = {}
    for name, target, kind in SETS:
        x, raw, cos = load(work, name)
        data[name] = (x, target(raw), raw, cos, kind)
    union = fit([(d[0], d[1]) for d in data.values()])
    print(f"{'set':10} {'metric':8} {'cosine':>7} {'LODO':>7} {'union':>7}  union-cosine")
    worse = []
    for name, (x, y, raw, cos, kind) in data.items():
        lodo = fit([(d[0], d[1]) for n, d in data.items() if n != name])
        c, l, u = (metric(kind, cos, raw, y), metric(kind, apply(lodo, x), raw, y),
                   metric(kind, apply(union, x), raw, y))
        print(f"{name:10} {kind:8} {c:7.4f} {l:7.4f} {u:7.4f}  {u - c:+.4f}")
        if u < c:
            worse.append(name)
    print("shipped (union) below cosine on:", ", ".join(worse) if worse else "none")
    if "--write" in sys.argv:
        weights, bias = union
        model = {"terms": FULL_TERMS, "weights": [round(float(v), 6) for v in weights],
                 "bias": round(float(bias), 6), "link": "logistic"}
        json.dump(model, open(sys.argv[sys.argv.index("--write") + 1], "w"), indent=1)


if __name__ == "__main__":
    main()
