#!/usr/bin/env bash
# crossclaim-mpi dedup on 1, 2 and 4 ranks against the single-process `crossclaim dedup`:
# wall time, per-stage seconds (slowest rank) and bytes sent between ranks per stage, on a
# generated corpus with planted copies. Checks that every run prints the same pairs.
#
# Usage: bench/mpi_scaling.sh [DOCS] [BUILD_DIR] [LEVEL]
#   DOCS       documents to generate (default 20000)
#   BUILD_DIR  where crossclaim and crossclaim-mpi were built (default build)
#   LEVEL      doc or passage (default doc)
# On a 2-core machine 4 ranks oversubscribe the cores: their times show the cost of the
# extra communication, not a speed-up.
set -euo pipefail
cd "$(dirname "$0")/.."
docs=${1:-20000} build=${2:-build} level=${3:-doc}
bin="$build/cli/crossclaim" mpi_bin="$build/mpi/crossclaim-mpi"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1

"$bin" generate --docs "$docs" --seed 11 -o "$work/corpus.jsonl" 2>/dev/null
bytes=$(stat -c %s "$work/corpus.jsonl")
echo "corpus: $docs documents, $((bytes / 1000000)) MB, level $level, $(nproc) cores"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { print b - a }'; }  # seconds since $1

start=$(now)
"$bin" dedup "$work/corpus.jsonl" --level "$level" --threads 1 >"$work/single.jsonl" 2>/dev/null
single1=$(elapsed "$start")
start=$(now)
"$bin" dedup "$work/corpus.jsonl" --level "$level" >/dev/null 2>&1
singleN=$(elapsed "$start")
printf "single process: %.2f s on 1 thread, %.2f s on %d threads; %d pairs\n" "$single1" \
  "$singleN" "$(nproc)" "$(grep -c '"type":"pair"' "$work/single.jsonl")"

for ranks in 1 2 4; do
  start=$(now)
  mpirun -np "$ranks" --oversubscribe "$mpi_bin" dedup "$work/corpus.jsonl" --level "$level" \
    --stats >"$work/mpi.$ranks.jsonl" 2>"$work/stats.$ranks"
  t=$(elapsed "$start")
  same=$(cmp -s "$work/single.jsonl" "$work/mpi.$ranks.jsonl" && echo same || echo DIFFERENT)
  printf "\n%d ranks: %.2f s wall (%.2fx the 1-thread single process), output %s\n" "$ranks" \
    "$t" "$(awk -v a="$t" -v b="$single1" 'BEGIN { print a / b }')" "$same"
  printf "  %-18s %9s %14s %7s\n" stage seconds bytes_sent calls
  awk '/stats: stage/ { printf "  %-18s %9s %14s %7s\n", $4, $6, $8, $10 }
       /stats: stage dedup/ { s += $6; b += $8 }
       END { printf "  %-18s %9.3f %14d\n", "dedup.* total", s, b }' "$work/stats.$ranks"
done
