#!/bin/sh
# `crossclaim dedup` beside datasketch end to end, in the same run: both read the same
# generated JSON Lines file, tokenise the text and write pairs, each as its own process.
# Prints medians of CPU and wall time, their ratios, each side's recall of the planted
# whole-document copies, and whether crossclaim's output is identical for 1, 2 and 4 threads.
# What each side runs: bench/dedup_vs_datasketch.py.
#
# Usage: bench/dedup_vs_datasketch.sh [BUILD_DIR] [DOCS] [REPETITIONS] [THREADS] [MODES]
#   BUILD_DIR    a Release build with the crossclaim executable (default: build)
#   DOCS         documents, `crossclaim generate --docs DOCS --seed 1` (default: 10000, 28 MB)
#   REPETITIONS  runs of each side, alternating; medians shown (default: 5)
#   THREADS      crossclaim's --threads for the timed runs (default: 1)
#   MODES        crossclaim's MinHash modes, comma-separated: oph (dedup's default), classic
# CROSSCLAIM_BENCH_BEFORE=OLD_BUILD/cli/crossclaim also times an earlier build in the same run.
# Needs /usr/bin/python3 with numpy, scipy and xxhash (Debian's python3-numpy, python3-scipy,
# python3-xxhash; `scripts/install-deps.sh --bench` installs them) and datasketch in
# ../shared/peers/datasketch (see its README).
set -eu
build=${1:-build}
docs=${2:-10000}
reps=${3:-5}
threads=${4:-1}
modes=${5:-oph}
bin="$build/cli/crossclaim"
[ -x "$bin" ] || { echo "dedup_vs_datasketch.sh: $bin not found (build first)" >&2; exit 2; }
work=${CROSSCLAIM_BENCH_DIR:-${TMPDIR:-/tmp}/crossclaim-dedup-vs-datasketch}
mkdir -p "$work"
corpus="$work/corpus-$docs.jsonl"
truth="$work/truth-$docs.jsonl"
if [ ! -f "$corpus" ] || [ ! -f "$truth" ]; then
  "$bin" generate --docs "$docs" --seed 1 -o "$corpus" --truth "$truth" 2>/dev/null
fi
/usr/bin/python3 "$(dirname "$0")/dedup_vs_datasketch.py" "$corpus" "$truth" --bin "$bin" \
  --repetitions "$reps" --threads "$threads" --modes "$modes" \
  ${CROSSCLAIM_BENCH_BEFORE:+--before "$CROSSCLAIM_BENCH_BEFORE"}
