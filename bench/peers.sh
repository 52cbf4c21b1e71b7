#!/bin/sh
# crossclaim beside the Python peers a user would reach for, on the same generated corpus in
# the same run: `crossclaim bench` (all cores and one thread) and bench/peers.py
# (scikit-learn TF-IDF and all-pairs cosine, datasketch when importable, and a numpy
# MinHash stand-in labelled as such). Prints stage, crossclaim figure, peer figure, ratio.
#
# Usage: bench/peers.sh [BUILD_DIR] [DOCS] [SEED] [REPETITIONS]
#   BUILD_DIR    a Release build with the crossclaim executable (default: build)
#   DOCS         generated documents (default: 2000; scikit-learn's X @ X.T grows with the
#                square of the claims: ~28k claims take about a minute, 139k (10000
#                documents) about 20 minutes)
#   SEED         generator seed (default: 1)
#   REPETITIONS  runs of each peer; the median is shown (default: 3)
# Needs /usr/bin/python3 with scikit-learn, numpy and scipy (Debian's python3-sklearn).
set -eu
build=${1:-build}
docs=${2:-2000}
seed=${3:-1}
reps=${4:-3}
bin="$build/cli/crossclaim"
[ -x "$bin" ] || { echo "peers.sh: $bin not found (build first)" >&2; exit 2; }
stages=dedup,dedup-oph,tfidf,cosine
dir=$(mktemp -d "${TMPDIR:-/tmp}/crossclaim_peers.XXXXXX")
echo "corpus: crossclaim generate --docs $docs --seed $seed; work dir $dir"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$bin" generate --docs "$docs" --seed "$seed" -o "$dir/corpus.jsonl" 2>/dev/null
"$bin" claims --format json "$dir/corpus.jsonl" >"$dir/claims.json" 2>/dev/null
"$bin" bench --docs "$docs" --seed "$seed" --stages "$stages" --format json \
  >"$dir/bench.json"
"$bin" bench --docs "$docs" --seed "$seed" --stages "$stages" --threads 1 \
  --format json >"$dir/bench1.json"
/usr/bin/python3 "$(dirname "$0")/peers.py" "$dir/corpus.jsonl" "$dir/claims.json" \
  "$dir/bench.json" "$dir/bench1.json" --repetitions "$reps"
