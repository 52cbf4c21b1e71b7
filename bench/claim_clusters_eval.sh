#!/usr/bin/env bash
# Claim clustering quality on Emergent (300 claims, 2,595 article headlines from many
# outlets): each headline is a document; crossclaim's claim clusters (`report --one-event`)
# are scored against the claim each headline reports, with `crossclaim eval clusters`,
# beside a scikit-learn average-link baseline. Parts (emergent_to_jsonl.py): `all`, `dev`
# (196 claims, tuned on) and `test` (104 claims, held out); each part is clustered on its own.
# The baseline's threshold is the best pairwise F1 on dev, reported on every part.
#   bench/claim_clusters_eval.sh ../shared/datasets [WORK_DIR]
set -euo pipefail
data=${1:?usage: bench/claim_clusters_eval.sh DATASETS_DIR [WORK_DIR]}
work=${2:-$(mktemp -d)}
here=$(cd "$(dirname "$0")" && pwd)
bin=${CROSSCLAIM_BIN:-$here/../build/cli/crossclaim}
py=/usr/bin/python3
mkdir -p "$work"
"$py" "$here/claim_clusters/emergent_to_jsonl.py" "$data/emergent/url-versions-2015-06-14-clean.csv" "$work"
score() {  # part name predicted.tsv: one row; its pairwise F1 also in $work/f1
  "$bin" eval clusters --predicted "$3" --gold "$work/gold$1.tsv" --json |
    "$py" -c "import json,sys; j=json.load(sys.stdin); open('$work/f1','w').write('%f' % j['pairwise_f1']); print('%-5s %-38s %.3f %.3f %.3f   %.3f %.3f' % ('${1#_}' or 'all', '$2', j['pairwise_precision'], j['pairwise_recall'], j['pairwise_f1'], j['bcubed_f1'], j['ari']))"
}
echo "Emergent claim clustering ($(wc -l <"$work/gold.tsv") headlines)"
echo "part  system                                 pair-P pair-R pair-F1  B3-F1 ARI"
for part in _dev "" _test; do
  for setting in "0.1 0.2" "0.15 0.2" "0.1 0.15" "0.2 0.3" "0.1 0.2 --standalone-max-claims 0"; do
    set -- $setting
    out="$work/report$part-$1-$2${3:-}"
    "$bin" report --one-event "$work/headlines$part.jsonl" -o "$out" \
      --overlap-threshold "$1" --cluster-threshold "$2" "${@:3}" >/dev/null 2>&1
    "$py" "$here/claim_clusters/report_to_clusters.py" "$out/report.json" "$out.tsv"
    label="crossclaim overlap $1 cluster $2"
    [[ -n "${3:-}" ]] && label="crossclaim $1 / $2, no standalone rule"
    [[ "$setting" == "0.1 0.2" ]] && label="$label (default)"
    score "$part" "$label" "$out.tsv"
  done
  if [[ "$part" == _dev ]]; then  # the baseline's threshold: the best pairwise F1 on dev
    best=0 best_f1=-1
    while IFS=$'\t' read -r t path; do
      score _dev "scikit-learn average link d<$t" "$path"
      if "$py" -c "import sys; sys.exit(not $(cat "$work/f1") > $best_f1)"; then
        best=$t best_f1=$(cat "$work/f1")
      fi
    done < <("$py" "$here/claim_clusters/sklearn_baseline.py" "$work/headlines_dev.jsonl" "$work/sk_dev" 0.6 0.7 0.8 0.85 0.9)
  else
    "$py" "$here/claim_clusters/sklearn_baseline.py" "$work/headlines$part.jsonl" "$work/sk$part" "$best" |
      while IFS=$'\t' read -r t path; do score "$part" "scikit-learn average link d<$t (dev)" "$path"; done
  fi
done
