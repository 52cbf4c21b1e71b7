#!/usr/bin/env bash
# `crossclaim reuse` against `crossclaim dedup` on one generated corpus, in one run: the CPU
# time (user + sys, from /usr/bin/time, so a loaded machine skews it less than wall-clock),
# the wall-clock time and the peak memory of each, and the CPU and wall ratios (issue 14's
# target: reuse within 2x of dedup). Each command runs REPEATS times (default 1), alternating,
# and the medians are printed.
#
#   bench/reuse_vs_dedup.sh [BUILD_DIR] [DOCS] [REPEATS]
set -euo pipefail
build=${1:-build}
docs=${2:-100000}
repeats=${3:-1}
bin="$build/cli/crossclaim"
work=${CROSSCLAIM_BENCH_DIR:-/tmp/crossclaim-reuse-vs-dedup}
mkdir -p "$work"
corpus="$work/corpus-$docs.jsonl"
[ -s "$corpus" ] || "$bin" generate --docs "$docs" --seed 1 -o "$corpus"

# One run: prints "cpu_seconds wall_seconds peak_kb".
measure() {
  /usr/bin/time -f "%U %S %e %M" -o "$work/time" "$bin" "$@" "$corpus" >/dev/null 2>"$work/stderr"
  awk '{ printf "%.2f %.2f %d\n", $1 + $2, $3, $4 }' "$work/time"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

: >"$work/dedup.runs"
: >"$work/reuse.runs"
for _ in $(seq "$repeats"); do
  measure dedup >>"$work/dedup.runs"
  measure reuse >>"$work/reuse.runs"
done
for name in dedup reuse; do
  cpu=$(cut -d' ' -f1 "$work/$name.runs" | median)
  wall=$(cut -d' ' -f2 "$work/$name.runs" | median)
  peak=$(cut -d' ' -f3 "$work/$name.runs" | median)
  printf -v "${name}_cpu" '%s' "$cpu"
  printf -v "${name}_wall" '%s' "$wall"
  echo "$name: CPU ${cpu} s, wall ${wall} s, peak $((${peak%.*} / 1024)) MB (median of $repeats)"
done
echo "docs $docs  reuse/dedup CPU $(echo "scale=2; $reuse_cpu / $dedup_cpu" | bc)x" \
  " wall $(echo "scale=2; $reuse_wall / $dedup_wall" | bc)x"
