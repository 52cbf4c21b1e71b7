#!/usr/bin/python3
"""Pair sets for the one general pair model (bench/eval/union_model.py), beside convert.py's.

Usage: union_convert.py DATASETS_DIR OUT_DIR

Writes <name>.tsv (id<TAB>text_a<TAB>text_b) and <name>.gold.tsv (id<TAB>label) for:
  sick-rel   every SICK train+trial pair, label = relatedness (1-5)
  emergent   each Emergent headline against its claim (1) and against a seeded other claim (0)
  claimdiff  ClaimDiff train: claim_a vs claim_b, 1 = strengthen or weaken (B bears on A),
             0 = neither
and fnc1-stance.tsv / fnc1-stance.gold.tsv: the FNC-1 related pairs (agree / disagree /
discuss) of convert.py's seeded sample, label 1 = disagree, 0 = agree (discuss left out), for
the divergence figure. Nothing is copied into the project: OUT_DIR is a scratch folder.
"""
import csv
import os
import random
import sys

sys.path.insert(0, os.path.dirname(__file__))
from convert import fnc1_stances, write_pairs  # noqa: E402

csv.field_size_limit(1 << 30)


def sick_rel(src, out):
    rows = []
    for name in ("SICK_train.txt", "SICK_trial.txt"):
        with open(os.path.join(src, "sick", name), encoding="utf-8") as f:
            for line in f:
                p = line.rstrip("\n").split("\t")
                if len(p) >= 5 and p[0].isdigit():
                    rows.append((f"sickr-{p[0]}", p[1], p[2], p[3]))
    write_pairs(out, "sick-rel", rows)


def emergent(src, out):
    with open(os.path.join(src, "emergent/url-versions-2015-06-14-clean.csv"), newline="",
              encoding="utf-8") as f:
        data = [r for r in csv.DictReader(f) if r["articleHeadline"].strip()]
    claims = sorted({(r["claimId"], r["claimHeadline"]) for r in data})
    rng = random.Random(7)
    rows = []
    for r in data:
        rows.append((f"em-{r['id']}-1", r["articleHeadline"], r["claimHeadline"], 1))
        other = rng.choice(claims)
        while other[0] == r["claimId"]:
            other = rng.choice(claims)
        rows.append((f"em-{r['id']}-0", r["articleHeadline"], other[1], 0))
    write_pairs(out, "emergent", rows)


def claimdiff(src, out):
    rows = []
    with open(os.path.join(src, "claimdiff/train.tsv"), encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) >= 4:
                rows.append((f"cd-{p[0]}", p[1], p[2], 0 if p[3] == "neither" else 1))
    write_pairs(out, "claimdiff", rows)
    # The weaken flag of claim pairs (docs/quality.md: ClaimDiff weaken precision).
    write_pairs(out, "claimdiff-weaken", [(f"cdw-{r[0][3:]}", r[1], r[2], 0) for r in rows])
    with open(os.path.join(src, "claimdiff/train.weaken.gold.tsv"), encoding="utf-8") as f, open(
            os.path.join(out, "claimdiff-weaken.gold.tsv"), "w", encoding="utf-8") as g:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) >= 2:
                g.write(f"cdw-{p[0]}\t{p[1]}\n")


def fnc1_stance(src, out, sample=5000):
    rows = fnc1_stances(src, sample)
    write_pairs(out, "fnc1-stance", [(r[0], r[1], r[2], 1 if r[3] == "disagree" else 0)
                                     for r in rows if r[3] in ("agree", "disagree")])


def main():
    src, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    sick_rel(src, out)
    emergent(src, out)
    claimdiff(src, out)
    fnc1_stance(src, out)


if __name__ == "__main__":
    main()
