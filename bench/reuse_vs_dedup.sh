#!/usr/bin/env bash
# `crossclaim reuse` against `crossclaim dedup` on one generated corpus, in one run: the
# wall-clock time of each and their ratio (issue 14's target: reuse within 2x of dedup).
#
#   bench/reuse_vs_dedup.sh [BUILD_DIR] [DOCS]
set -euo pipefail
build=${1:-build}
docs=${2:-100000}
bin="$build/cli/crossclaim"
work=${CROSSCLAIM_BENCH_DIR:-/tmp/crossclaim-reuse-vs-dedup}
mkdir -p "$work"
corpus="$work/corpus-$docs.jsonl"
[ -s "$corpus" ] || "$bin" generate --docs "$docs" --seed 1 -o "$corpus"
seconds() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>"$work/stderr"; t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc; }
d=$(seconds "$bin" dedup "$corpus")
r=$(seconds "$bin" reuse "$corpus")
echo "docs $docs  dedup ${d} s  reuse ${r} s  ratio $(echo "scale=2; $r / $d" | bc)"
