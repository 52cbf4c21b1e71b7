#!/usr/bin/env bash
# Claim clustering quality on Emergent (300 claims, 2,595 article headlines from many
# outlets): each headline is a document; crossclaim's claim clusters (`report --one-event`)
# are scored against the claim each headline reports, with `crossclaim eval clusters`,
# beside a scikit-learn average-link baseline tuned on the same data.
#   bench/claim_clusters_eval.sh ../shared/datasets [WORK_DIR]
set -euo pipefail
data=${1:?usage: bench/claim_clusters_eval.sh DATASETS_DIR [WORK_DIR]}
work=${2:-$(mktemp -d)}
here=$(cd "$(dirname "$0")" && pwd)
bin=${CROSSCLAIM_BIN:-$here/../build/cli/crossclaim}
py=/usr/bin/python3
mkdir -p "$work"
"$py" "$here/claim_clusters/emergent_to_jsonl.py" "$data/emergent/url-versions-2015-06-14-clean.csv" "$work"
score() {  # name predicted.tsv
  "$bin" eval clusters --predicted "$2" --gold "$work/gold.tsv" --json |
    "$py" -c "import json,sys; j=json.load(sys.stdin); print('%-34s %.3f %.3f %.3f   %.3f %.3f' % ('$1', j['pairwise_precision'], j['pairwise_recall'], j['pairwise_f1'], j['bcubed_f1'], j['ari']))"
}
echo "Emergent claim clustering ($(wc -l <"$work/gold.tsv") headlines)"
echo "system                             pair-P pair-R pair-F1  B3-F1 ARI"
for setting in "0.15 0.2" "0.1 0.15" "0.2 0.3"; do
  set -- $setting
  "$bin" report --one-event "$work/headlines.jsonl" -o "$work/report_$1_$2" \
    --overlap-threshold "$1" --cluster-threshold "$2" >/dev/null 2>&1
  "$py" "$here/claim_clusters/report_to_clusters.py" "$work/report_$1_$2/report.json" "$work/pred_$1_$2.tsv"
  label="crossclaim overlap $1 cluster $2"
  [[ "$setting" == "0.15 0.2" ]] && label="$label (default)"
  score "$label" "$work/pred_$1_$2.tsv"
done
"$py" "$here/claim_clusters/sklearn_baseline.py" "$work/headlines.jsonl" "$work" |
  while IFS=$'\t' read -r t path; do score "scikit-learn average link d<$t" "$path"; done
