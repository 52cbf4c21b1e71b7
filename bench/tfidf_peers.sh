#!/bin/sh
# Side by side, same machine, same run: crossclaim (tokenise + TF-IDF + AllPairsCosine from
# raw text) against scikit-learn (TfidfVectorizer(sublinear_tf=True) on crossclaim's analysed
# terms + thresholded X @ X.T) on GenerateSentences(42, COUNT), threshold 0.5.
# Checks that the pair sets are identical and prints both medians and the ratio.
#
# Usage: bench/tfidf_peers.sh [BUILD_DIR] [COUNT] [REPETITIONS] [SKLEARN_REPETITIONS]
#   BUILD_DIR    a Release build with bench/tfidf_benchmark (default: build)
#   COUNT        sentences (default: 100000)
#   REPETITIONS  runs of crossclaim; medians are compared (default: 3)
#   SKLEARN_REPETITIONS  runs of scikit-learn (default: REPETITIONS; at 100k one run takes
#                minutes and ~2 GB, so 1 is a reasonable choice there)
# Both sides run on one core (crossclaim: CROSSCLAIM_TFIDF_PEER_THREADS, default 1); CPU
# time (the process's, user + system) and wall time are printed, with both ratios.
set -eu
build=${1:-build}
count=${2:-100000}
reps=${3:-3}
sk_reps=${4:-$reps}
dir=$(mktemp -d "${TMPDIR:-/tmp}/tfidf_peers.XXXXXX")

echo "corpus: GenerateSentences(42, $count), threshold 0.5, work dir $dir"
CROSSCLAIM_TFIDF_PEER_DIR=$dir CROSSCLAIM_TFIDF_PEER_COUNT=$count \
  "$build/bench/tfidf_benchmark" --benchmark_filter='^BM_PeerEndToEnd' \
  --benchmark_repetitions="$reps" --benchmark_min_time=0.01 \
  --benchmark_out="$dir/crossclaim.json" --benchmark_out_format=json >"$dir/bench.log" 2>&1
ours=$(/usr/bin/python3 - "$dir/crossclaim.json" <<'PY'
import json, statistics, sys
runs = [b for b in json.load(open(sys.argv[1]))["benchmarks"] if b.get("run_type") == "iteration"]
times = [b["real_time"] / 1000.0 for b in runs]  # ms -> s
cpu = [b["cpu_time"] / 1000.0 for b in runs]
print(f"{statistics.median(times):.6f} {statistics.median(cpu):.6f} {len(times)} "
      f"{runs[0].get('pairs', 0):.0f} {runs[0].get('peak_rss_mb', 0):.0f} "
      + " ".join(f"{t:.3f}" for t in times))
PY
)
set -- $ours
echo "crossclaim (${CROSSCLAIM_TFIDF_PEER_THREADS:-1} thread): median wall $1 s, CPU $2 s over $3 runs," \
  "$4 pairs, peak $5 MB (wall per run: $(echo "$ours" | cut -d' ' -f6-))"
/usr/bin/python3 "$(dirname "$0")/tfidf_peers.py" "$dir" --repetitions "$sk_reps" --block 1024 | tee "$dir/sklearn.txt"
theirs=$(sed -n 's/^sklearn_median_seconds //p' "$dir/sklearn.txt")
theirs_cpu=$(sed -n 's/^sklearn_median_cpu_seconds //p' "$dir/sklearn.txt")
/usr/bin/python3 -c "print(f'ratio (scikit-learn / crossclaim, end to end): wall {float($theirs) / float($1):.1f}x, CPU {float($theirs_cpu) / float($2):.1f}x')"
