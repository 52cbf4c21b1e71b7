#!/usr/bin/env bash
# End-to-end near-duplicate benchmark: generates N news-like documents (default 100k,
# ~280 MB of JSON Lines) with `crossclaim generate`, then times `crossclaim dedup` at
# document level in both MinHash modes with /usr/bin/time -v (wall time, peak RSS). If the
# Python package datasketch is importable it is run on the same file (MinHash K=128 over
# the same word 5-grams + MinHashLSH at the same threshold) for comparison.
#
#   bench/dedup_e2e.sh [BUILD_DIR] [DOCS]      e.g. bench/dedup_e2e.sh build 100000
set -euo pipefail
build=${1:-build}
docs=${2:-100000}
bin="$build/cli/crossclaim"
work=${CROSSCLAIM_BENCH_DIR:-/tmp/crossclaim-dedup-e2e}
mkdir -p "$work"
corpus="$work/corpus-$docs.jsonl"
source "$(dirname "$0")/lib/corpus.sh"
ensure_corpus "$bin" "$docs" "$corpus" --truth "$work/truth-$docs.jsonl"
describe_corpus "$corpus" "$docs"

for mode in classic oph; do
  out="$work/pairs-$mode.jsonl"
  /usr/bin/time -v "$bin" dedup "$corpus" --threshold 0.8 --mode "$mode" --format jsonl \
    >"$out" 2>"$work/time-$mode.txt" || { cat "$work/time-$mode.txt"; exit 1; }
  wall=$(grep "Elapsed (wall clock)" "$work/time-$mode.txt" | awk '{print $NF}')
  rss=$(grep "Maximum resident set size" "$work/time-$mode.txt" | awk '{print $NF}')
  echo "dedup --mode $mode: wall $wall, peak RSS $((rss / 1024)) MB," \
    "$(grep -c '"type":"pair"' "$out") pairs, $(grep -c '"type":"group"' "$out") groups"
done

if python3 -c "import datasketch" 2>/dev/null; then
  python3 - "$corpus" <<'PY'
import json, re, sys, time
from datasketch import MinHash, MinHashLSH
docs = [json.loads(line) for line in open(sys.argv[1])]
start = time.time()
lsh = MinHashLSH(threshold=0.8, num_perm=128)
sigs = []
for d in docs:
    words = re.findall(r"\w+(?:['.]\w+)*", d["text"].lower())
    m = MinHash(num_perm=128)
    m.update_batch([" ".join(words[i:i + 5]).encode() for i in range(max(1, len(words) - 4))])
    sigs.append(m)
    lsh.insert(d["id"], m)
pairs = sum(len(lsh.query(m)) - 1 for m in sigs) // 2
print(f"datasketch: {time.time() - start:.1f} s, {pairs} candidate pairs (unverified)")
PY
else
  echo "datasketch not installed"
fi
