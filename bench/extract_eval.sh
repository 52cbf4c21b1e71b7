#!/usr/bin/env bash
# Article extraction quality and speed of `crossclaim extract` on the article-extraction
# benchmark (real pages, body marked by a person), against the whole-page-text baseline.
#   bench/extract_eval.sh BUILD_DIR DATASET_DIR [REPETITIONS]
#   e.g. bench/extract_eval.sh build ../shared/datasets/article-extraction
# Prints F1/P/R for the development part (pages whose hash starts with 0-7, the part the
# heuristics were tuned on), the held-out part (8-9) and all pages; metadata coverage and the
# hand-checked judgments of bench/extract/metadata_judgments.tsv; and pages/s and MB/s of
# one `crossclaim extract` process (single-threaded) as the median of REPETITIONS (5) runs.
set -euo pipefail
build=${1:?usage: extract_eval.sh BUILD_DIR DATASET_DIR [REPETITIONS]}
data=${2:?usage: extract_eval.sh BUILD_DIR DATASET_DIR [REPETITIONS]}
reps=${3:-5}
here=$(cd "$(dirname "$0")" && pwd)
bin="$build/cli/crossclaim"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bin" extract "$data/html" --format jsonl >"$out/extract.jsonl" 2>"$out/extract.err"
"$bin" extract "$data/html" --format jsonl --whole-page >"$out/baseline.jsonl" 2>/dev/null
if [[ -s "$out/extract.err" ]]; then
  echo "stderr of crossclaim extract:"; cat "$out/extract.err"
fi
/usr/bin/python3 "$here/extract_eval.py" "$data/ground-truth.json" "$out/extract.jsonl" \
  "$out/baseline.jsonl" --judgments "$here/extract/metadata_judgments.tsv" ${EXTRACT_EVAL_ARGS:-}
# Throughput: CPU seconds (user + sys) of whole runs, median of $reps.
pages=$(ls "$data/html" | wc -l)
gz_bytes=$(cat "$data"/html/* | wc -c)
html_bytes=$(zcat -f "$data"/html/* | wc -c)
times=()
for _ in $(seq "$reps"); do
  /usr/bin/time -o "$out/time" -f "%U %S" "$bin" extract "$data/html" >/dev/null 2>&1
  t=$(tail -1 "$out/time")
  times+=("$(echo "$t" | awk '{print $1 + $2}')")
done
median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
awk -v s="$median" -v p="$pages" -v h="$html_bytes" -v g="$gz_bytes" 'BEGIN {
  printf "speed: %d pages (%.1f MB of HTML, %.1f MB gzipped) in %.2f s CPU (median of runs): %.0f pages/s, %.1f MB/s of HTML on one core\n",
    p, h / 1e6, g / 1e6, s, p / s, h / 1e6 / s }'
