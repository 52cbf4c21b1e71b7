#!/usr/bin/python3
"""Fits the pair model of `crossclaim pairs` (similarity/pair_model.h) on labelled pairs.

  fit_pair_model.py fit FEATURES.jsonl GOLD.tsv KIND OUT.json [--only-ids IDS.txt] [--terms T]
  fit_pair_model.py cv FEATURES.jsonl GOLD.tsv KIND PREFIX [--folds 10] [--terms T]

FEATURES.jsonl is `crossclaim pairs` output (any model); GOLD.tsv is id<TAB>label.
KIND: `binary` (labels 0/1; logistic regression, logistic link) or `graded` (a 0-5 grade;
ridge regression of grade / 5, identity link). Features are standardised for the fit and the
scaling is folded into the written weights, so the model applies to raw features.

`cv` splits the pairs into seeded folds (stratified for binary labels), writes
PREFIX.fold<k>.json, each fitted on the other folds, and PREFIX.folds.tsv (id<TAB>the model
file of the pair's own fold). `crossclaim pairs --fold-models PREFIX.folds.tsv` then scores
each pair with the model that did not see it: out-of-fold scores, the cross-validated figure.

--terms: `shipped` (the default of `fit`: features and their squares, the shipped model's
terms) or `full` (the default of `cv`: also every product of two features and the latent
cosine `cosine_lsa` with its square; what the cross-validated figures of docs/quality.md use).

`fit --only-ids` fits on a subset (the shipped model: STS-B train headlines+images rows,
stsb.fit-ids.txt from convert.py); the printed JSON is what datasets/calibration.json and
similarity/pair_model.cc hold.
"""
import json
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.model_selection import KFold, StratifiedKFold

# Features and their squares: the squares let a linear model bend (STS-B grades are not
# linear in overlap). Chosen by 10-fold cross-validation on MSRP train and STS-B train+dev
# among a few sets (docs/quality.md, "How the pair model was chosen").
BASE = ["cosine_word", "cosine_char", "jaccard_word", "jaccard_char", "dice_word1", "dice_word2",
        "dice_word3", "dice_content", "wordnet_min", "wordnet_max", "number_mismatch",
        "number_distance", "length_log_ratio2"]
TERMS = BASE + [f + "^2" for f in BASE if f != "number_mismatch"]  # 0/1: its own square
# The cross-validated models: products of two features let the weight of one depend on
# another (word overlap counts for less when the lengths differ), and cosine_lsa (latent
# semantic vectors fitted on the input) tells a headline's topic in a long body. Compared by
# the same 10-fold cross-validation on the reported portions (docs/quality.md).
FULL_TERMS = (TERMS + [f"{a}*{b}" for i, a in enumerate(BASE) for b in BASE[i + 1:]]
              + ["cosine_lsa", "cosine_lsa^2"])


def term_value(j, term):
    if "*" in term:
        a, b = term.split("*")
        return term_value(j, a) * term_value(j, b)
    if term.endswith("^2"):
        return j[term[:-2]] ** 2
    return j[term]


def load(features, gold, terms):
    labels = {}
    for line in open(gold, encoding="utf-8"):
        p = line.rstrip("\n").split("\t")
        if len(p) >= 2:
            labels[p[0]] = float(p[1])
    ids, rows, y = [], [], []
    for line in open(features, encoding="utf-8"):
        j = json.loads(line)
        ids.append(j["id"])
        rows.append([term_value(j, t) for t in terms])
        y.append(labels[j["id"]])
    return ids, np.array(rows, dtype=float), np.array(y)


def fit(x, y, kind, terms):
    """Returns the model dict; standardisation folded into weights and bias."""
    mu, sd = x.mean(axis=0), x.std(axis=0)
    sd[sd == 0] = 1
    z = (x - mu) / sd
    if kind == "binary":
        m = LogisticRegression(C=1.0, max_iter=5000).fit(z, y)
        w, b, link = m.coef_[0], m.intercept_[0], "logistic"
    else:
        m = Ridge(alpha=1.0).fit(z, y / 5.0)
        w, b, link = m.coef_, m.intercept_, "identity"
    weights = w / sd
    bias = b - float(np.sum(w * mu / sd))
    return {"terms": terms, "weights": [round(float(v), 6) for v in weights],
            "bias": round(float(bias), 6), "link": link}


def folds_of(y, kind, k):
    split = (StratifiedKFold(k, shuffle=True, random_state=7) if kind == "binary"
             else KFold(k, shuffle=True, random_state=7))
    fold = np.zeros(len(y), dtype=int)
    for i, (_, test) in enumerate(split.split(np.zeros(len(y)), y)):
        fold[test] = i
    return fold


def main():
    cmd = sys.argv[1]
    chosen = sys.argv[sys.argv.index("--terms") + 1] if "--terms" in sys.argv else None
    if chosen not in (None, "shipped", "full"):
        sys.exit(f"fit_pair_model.py: --terms must be shipped or full (got {chosen})")
    if cmd == "fit":
        terms = FULL_TERMS if chosen == "full" else TERMS
        ids, x, y = load(sys.argv[2], sys.argv[3], terms)
        if "--only-ids" in sys.argv:
            keep = set(open(sys.argv[sys.argv.index("--only-ids") + 1]).read().split())
            mask = np.array([i in keep for i in ids])
            x, y = x[mask], y[mask]
        json.dump(fit(x, y, sys.argv[4], terms), open(sys.argv[5], "w"), indent=1)
    elif cmd == "cv":
        terms = TERMS if chosen == "shipped" else FULL_TERMS
        ids, x, y = load(sys.argv[2], sys.argv[3], terms)
        kind, prefix = sys.argv[4], sys.argv[5]
        k = int(sys.argv[sys.argv.index("--folds") + 1]) if "--folds" in sys.argv else 10
        fold = folds_of(y, kind, k)
        for i in range(k):
            json.dump(fit(x[fold != i], y[fold != i], kind, terms), open(f"{prefix}.fold{i}.json", "w"))
        with open(f"{prefix}.folds.tsv", "w") as f:
            for rid, fi in zip(ids, fold):
                f.write(f"{rid}\t{prefix}.fold{fi}.json\n")
    else:
        sys.exit(f"fit_pair_model.py: unknown command {cmd}")


if __name__ == "__main__":
    main()
