#!/usr/bin/env bash
# The persistent index at scale: generates N news-like articles (default 100k) with
# `crossclaim generate`, streams them into a fresh index with `crossclaim index add` (one
# transaction, batches of 2,000), then queries 1,000 fresh articles and lists the copy
# groups. Prints wall time and peak RSS of each step (/usr/bin/time -v), the index's size
# and bytes per article, so memory per document and the bound on `add` are measured, not
# assumed. A batch `crossclaim dedup` over the same file runs last, as the baseline that
# `index groups` must equal (the script checks the two outputs are identical).
#
#   bench/index_bench.sh [BUILD_DIR] [DOCS]     e.g. bench/index_bench.sh build 1000000
set -euo pipefail
build=${1:-build}
docs=${2:-100000}
bin="$build/cli/crossclaim"
work=${CROSSCLAIM_BENCH_DIR:-/tmp/crossclaim-index-bench}
mkdir -p "$work"
corpus="$work/corpus-$docs.jsonl"
probe="$work/probe-1000.jsonl"
[[ -f "$corpus" ]] || "$bin" generate --docs "$docs" --seed 1 -o "$corpus"
[[ -f "$probe" ]] || "$bin" generate --docs 1000 --seed 2 -o "$probe"
echo "corpus: $corpus ($(du -m "$corpus" | cut -f1) MB, $docs articles)"

# Runs a step under /usr/bin/time -v; prints its wall time and peak RSS.
timed() {
  local name=$1 out=$2
  shift 2
  /usr/bin/time -v "$@" >"$out" 2>"$work/time-$name.txt" || { tail -5 "$work/time-$name.txt"; exit 1; }
  local wall rss
  wall=$(grep "Elapsed (wall clock)" "$work/time-$name.txt" | awk '{print $NF}')
  rss=$(grep "Maximum resident set size" "$work/time-$name.txt" | awk '{print $NF}')
  echo "$name: wall $wall, peak RSS $((rss / 1024)) MB"
}

index="$work/idx-$docs"
rm -rf "$index"
timed "index-add" "$work/add.jsonl" "$bin" index add "$index" "$corpus"
"$bin" index stats "$index" | tee "$work/stats.json"
timed "index-query" "$work/query.jsonl" "$bin" index query "$index" "$probe"
echo "  $(wc -l <"$work/query.jsonl") matches for 1000 probe articles"
timed "index-groups" "$work/groups.jsonl" "$bin" index groups "$index"
timed "dedup-batch" "$work/dedup.jsonl" "$bin" dedup "$corpus" --format jsonl
if cmp -s "$work/groups.jsonl" "$work/dedup.jsonl"; then
  echo "index groups == batch dedup: $(grep -c '"type":"pair"' "$work/dedup.jsonl") pairs," \
    "$(grep -c '"type":"group"' "$work/dedup.jsonl") groups, identical bytes"
else
  echo "index groups and batch dedup DIFFER" >&2
  exit 1
fi
