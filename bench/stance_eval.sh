#!/bin/bash
# Stance figures of docs/quality.md ("Stance: does the body refute the headline?"), in one run:
# `stance` == "refutes" of `crossclaim pairs` (refutes_confidence >= kRefutesThreshold,
# similarity/stance.h) scored as disagree vs agree on
#   fnc1-tune     FNC-1 train pairs of a seeded 70% of the bodies (where the threshold was chosen)
#   fnc1-heldout  the other 30% of the bodies
#   arc           FNC-1 ARC train (out of domain)
# and, from bench/divergence_eval.sh's inputs, SICK contradiction, the seeded 5,000 FNC-1 pairs'
# agree/disagree pairs and ClaimDiff weaken, each beside flagging every pair.
#
#   bench/stance_eval.sh ../shared/datasets [WORK_DIR]
#
# Inputs are converted into WORK_DIR (bench/eval/stance_convert.py, convert.py,
# union_convert.py); nothing from the datasets is written into the project.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=${1:?usage: bench/stance_eval.sh DATASETS_DIR [WORK_DIR]}
work=${2:-$(mktemp -d)}
bin=${CROSSCLAIM_BIN:-$here/../build/cli/crossclaim}
py=${PYTHON:-/usr/bin/python3}
mkdir -p "$work"
"$py" "$here/eval/stance_convert.py" "$data" "$work"
"$py" "$here/eval/convert.py" "$data" "$work" --fnc-sample 5000 >/dev/null
"$py" "$here/eval/union_convert.py" "$data" "$work"
for name in fnc1-tune fnc1-heldout arc sick fnc1-stance claimdiff-weaken; do
  "$bin" pairs "$work/$name.tsv" --wordnet none --latent-dims 0 >"$work/$name.stance.jsonl" \
    2>"$work/$name.stance.log"
done
"$py" - "$work" <<'PY'
import json, os, sys
work = sys.argv[1]
for name, what in (("fnc1-tune", "FNC-1 train, 70% of bodies (tuned): disagree"),
                   ("fnc1-heldout", "FNC-1 train, other 30% of bodies: disagree"),
                   ("arc", "FNC-1 ARC train (out of domain): disagree"),
                   ("sick", "SICK train+trial: contradiction"),
                   ("fnc1-stance", "FNC-1 seeded 5,000, related: disagree"),
                   ("claimdiff-weaken", "ClaimDiff train: weaken")):
    gold = {}
    for line in open(os.path.join(work, name + ".gold.tsv"), encoding="utf-8"):
        p = line.rstrip("\n").split("\t")
        gold[p[0]] = p[1] == "1"
    tp = fp = 0
    for line in open(os.path.join(work, name + ".stance.jsonl"), encoding="utf-8"):
        j = json.loads(line)
        if j["stance"] == "refutes":
            tp += gold[j["id"]]
            fp += not gold[j["id"]]
    pos = sum(gold.values())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / pos if pos else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    share = pos / len(gold)
    print(f"{what:48} P {p:.4f} R {r:.4f} F1 {f1:.4f} (flags {tp + fp} of {len(gold)}; "
          f"flag-all P {share:.4f} F1 {2 * share / (1 + share):.4f})")
PY
