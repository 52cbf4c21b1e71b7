#!/bin/bash
# Divergence flag figures of docs/quality.md on the shared sets, in one run:
#   SICK train+trial     contradiction vs entailment: precision / recall of `divergent`
#   FNC-1 train (seeded 5,000-pair sample, its agree/disagree pairs)   disagree vs agree: F1
#   ClaimDiff train      weaken vs the rest: precision / recall
# and, beside each, flagging every pair (the floor a flag must beat).
#
#   bench/divergence_eval.sh ../shared/datasets [WORK_DIR]
#
# `divergent` is what `crossclaim pairs` prints: a divergence at or above the report's default
# confidence (cluster/divergence.h). Inputs are converted into WORK_DIR (bench/eval/convert.py,
# bench/eval/union_convert.py); nothing from the datasets is written into the project.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=${1:?usage: bench/divergence_eval.sh DATASETS_DIR [WORK_DIR]}
work=${2:-$(mktemp -d)}
bin=${CROSSCLAIM_BIN:-$here/../build/cli/crossclaim}
py=${PYTHON:-/usr/bin/python3}
mkdir -p "$work"
"$py" "$here/eval/convert.py" "$data" "$work" --fnc-sample 5000 >/dev/null
"$py" "$here/eval/union_convert.py" "$data" "$work"
for name in sick fnc1-stance claimdiff-weaken; do
  "$bin" pairs "$work/$name.tsv" --wordnet none --latent-dims 0 >"$work/$name.div.jsonl" 2>"$work/$name.div.log"
  "$bin" eval divergence --scores "$work/$name.div.jsonl" --gold "$work/$name.gold.tsv" --json \
    >"$work/$name.div.json"
done
"$py" - "$work" <<'PY'
import json, os, sys
work = sys.argv[1]
for name, what in (("sick", "SICK contradiction vs entailment"),
                   ("fnc1-stance", "FNC-1 disagree vs agree (related pairs)"),
                   ("claimdiff-weaken", "ClaimDiff train weaken vs rest")):
    j = json.load(open(os.path.join(work, name + ".div.json")))["flag"]
    gold = [l.split("\t")[1].strip() for l in open(os.path.join(work, name + ".gold.tsv"))]
    pos = sum(g == "1" for g in gold) / len(gold)
    print(f"{what:45} P {j['precision']:.4f} R {j['recall']:.4f} F1 {j['f1']:.4f} "
          f"(flags {j['tp'] + j['fp']}; flag-all P {pos:.4f} F1 {2 * pos / (1 + pos):.4f})")
PY
