#!/bin/sh
# `crossclaim similar --unit doc` end to end, as a user runs it, beside scikit-learn given the
# same tokens and stop list, same machine, same run. The corpus: COUNT one-sentence documents
# (the sentences of `crossclaim generate --seed SEED`, in order; bench/similar_peers.py).
# crossclaim: the CLI from the JSON Lines file to its JSON Lines pairs (reading, claims,
# tokens, TF-IDF, all pairs at threshold 0.5, the 5 contributing words per pair), on 1 and 2
# threads. scikit-learn: TfidfVectorizer on the tokens crossclaim exported (`--tokens-out`,
# an untimed extra run) with crossclaim's stop list, then the thresholded X @ X.T in row
# blocks (bench/similar_peers.py). The pair sets must be identical. Prints CPU (user + sys)
# and wall medians, peak RSS, and the ratios.
#
# Usage: bench/similar_peers.sh [BUILD_DIR] [COUNT] [REPETITIONS] [SKLEARN_REPETITIONS] [SEED]
#   BUILD_DIR    a Release build with cli/crossclaim and the Python module (default: build)
#   COUNT        one-sentence documents (default: 100000)
#   REPETITIONS  runs of crossclaim per thread count (default: 3)
#   SKLEARN_REPETITIONS  runs of scikit-learn (default: 1)
#   SEED         generator seed (default: 1)
# Set CROSSCLAIM_SIMILAR_PEER_SKIP=1 to time crossclaim only (e.g. at 1M documents).
set -eu
build=${1:-build}
count=${2:-100000}
reps=${3:-3}
sk_reps=${4:-1}
seed=${5:-1}
bin="$build/cli/crossclaim"
here=$(dirname "$0")
[ -x "$bin" ] || { echo "similar_peers.sh: $bin not found (build first)" >&2; exit 2; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/similar_peers.XXXXXX")
docs=$((count / 15 + 200))  # ~15.4 sentences per generated document
echo "corpus: $count one-sentence documents from crossclaim generate --docs $docs --seed $seed;" \
  "threshold 0.5; work dir $dir"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$bin" generate --docs "$docs" --seed "$seed" -o "$dir/generated.jsonl" 2>/dev/null
/usr/bin/python3 "$here/similar_peers.py" corpus "$dir/generated.jsonl" "$dir/sentences.jsonl" \
  "$count"
rm "$dir/generated.jsonl"

# One timed run: "wall user sys peak_kb" appended to $dir/times-THREADS.
run_ours() {
  /usr/bin/time -f "%e %U %S %M" -a -o "$dir/times-$1" "$bin" similar --unit doc \
    --threads "$1" "$dir/sentences.jsonl" >"$dir/pairs.jsonl" 2>"$dir/similar.log"
}
for threads in 1 2; do
  : >"$dir/times-$threads"
  i=0
  while [ "$i" -lt "$reps" ]; do run_ours "$threads"; i=$((i + 1)); done
  /usr/bin/python3 - "$dir/times-$threads" "$threads" <<'PY' | tee "$dir/ours-$threads"
import statistics, sys
runs = [[float(x) for x in line.split()] for line in open(sys.argv[1])]
wall = statistics.median(r[0] for r in runs)
cpu = statistics.median(r[1] + r[2] for r in runs)
peak = max(r[3] for r in runs) / 1024
print(f"crossclaim similar --unit doc --threads {sys.argv[2]}: median wall {wall:.3f} s, "
      f"CPU {cpu:.3f} s over {len(runs)} runs, peak {peak:.0f} MB "
      f"(wall per run: {' '.join('%.2f' % r[0] for r in runs)})")
print(f"ours_median {wall:.6f} {cpu:.6f}")
PY
done
tail -n 1 "$dir/similar.log"
[ "${CROSSCLAIM_SIMILAR_PEER_SKIP:-0}" = 1 ] && exit 0

"$bin" similar --unit doc --threads 1 --tokens-out "$dir/rows.jsonl" "$dir/sentences.jsonl" \
  >"$dir/pairs.jsonl" 2>/dev/null
status=0
/usr/bin/python3 "$here/similar_peers.py" peer "$dir" --build "$build" \
  --repetitions "$sk_reps" | tee "$dir/sklearn.txt" || status=1
/usr/bin/python3 - "$dir" <<'PY'
import sys
d = sys.argv[1]
def values(path, key):
    for line in open(path):
        if line.startswith(key + " "):
            return [float(x) for x in line.split()[1:]]
sk_wall = values(f"{d}/sklearn.txt", "sklearn_median_seconds")[0]
sk_cpu = values(f"{d}/sklearn.txt", "sklearn_median_cpu_seconds")[0]
for threads in (1, 2):
    wall, cpu = values(f"{d}/ours-{threads}", "ours_median")
    print(f"ratio (scikit-learn / crossclaim {threads} thread{'s' if threads > 1 else ''}): "
          f"CPU {sk_cpu / cpu:.1f}x, wall {sk_wall / wall:.1f}x")
PY
exit $status
