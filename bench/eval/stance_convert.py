#!/usr/bin/python3
"""Stance sets for bench/stance_eval.sh: does text_b refute text_a?

Usage: stance_convert.py DATASETS_DIR OUT_DIR

Writes <name>.tsv (id<TAB>headline<TAB>body) and <name>.gold.tsv (id<TAB>1 = disagree, 0 =
agree; discuss and unrelated pairs left out) for:
  fnc1-tune     FNC-1 train pairs whose body falls in a seeded 70% of the bodies (md5 of
                "7:" + Body ID), where the refutes threshold was chosen
  fnc1-heldout  the other 30% of the bodies: no body of it was seen while tuning
  arc           FNC-1 ARC train (user comments on NYT debates; out of domain, never tuned on)
FNC-1 bodies recur under many headlines, so the split is by body, not by pair. Nothing is
copied into the project: OUT_DIR is a scratch folder.
"""
import csv
import hashlib
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from convert import write_pairs  # noqa: E402

csv.field_size_limit(1 << 30)


def stance_pairs(folder, stance_files, bodies_file, prefix):
    """(id, headline, body id, body, label) of the agree/disagree rows."""
    with open(os.path.join(folder, bodies_file), encoding="utf-8") as f:
        bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(f)}
    rows = []
    for name in stance_files:
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            rows.extend(csv.DictReader(f))
    return [(f"{prefix}-{i}", r["Headline"], r["Body ID"], bodies[r["Body ID"]],
             1 if r["Stance"] == "disagree" else 0)
            for i, r in enumerate(rows) if r["Stance"] in ("agree", "disagree")]


def in_tune_part(body_id):
    return int(hashlib.md5(("7:" + body_id).encode()).hexdigest(), 16) % 10 < 7


def main():
    src, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    fnc = stance_pairs(os.path.join(src, "fnc1-stance"),
                       ("train_stances.part1_of_2.csv", "train_stances.part2_of_2.csv"),
                       "train_bodies.csv", "fnc")
    arc = stance_pairs(os.path.join(src, "fnc1-arc"), ("arc_stances_train.csv",),
                       "arc_bodies.csv", "arc")
    drop_body = lambda rows: [(r[0], r[1], r[3], r[4]) for r in rows]  # noqa: E731
    write_pairs(out, "fnc1-tune", drop_body([r for r in fnc if in_tune_part(r[2])]))
    write_pairs(out, "fnc1-heldout", drop_body([r for r in fnc if not in_tune_part(r[2])]))
    write_pairs(out, "arc", drop_body(arc))


if __name__ == "__main__":
    main()
