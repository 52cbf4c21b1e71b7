#!/usr/bin/env bash
# End-to-end report benchmark: generates N news-like documents (default 100k, ~280 MB of JSON
# Lines) with `crossclaim generate --seed 1`, then times `crossclaim report` over them with
# /usr/bin/time -v and prints wall time, CPU time, peak RSS, the bytes written and how many
# events got a folder (one-article events are listed in index.html/index.json only).
#
#   bench/report_e2e.sh [BUILD_DIR] [DOCS] [REPORT FLAGS...]
#   e.g. bench/report_e2e.sh build 100000
#        bench/report_e2e.sh build 10000 --event-folders all
# CROSSCLAIM_BENCH_DIR (default /tmp/crossclaim-report-e2e) holds the corpus and the output.
set -euo pipefail
build=${1:-build}
docs=${2:-100000}
shift $(($# < 2 ? $# : 2))
bin="$build/cli/crossclaim"
work=${CROSSCLAIM_BENCH_DIR:-/tmp/crossclaim-report-e2e}
mkdir -p "$work"
corpus="$work/corpus-$docs.jsonl"
source "$(dirname "$0")/lib/corpus.sh"
ensure_corpus "$bin" "$docs" "$corpus"
echo "$(describe_corpus "$corpus" "$docs"); load: $(cut -d' ' -f1-3 /proc/loadavg)"

out="$work/report-$docs"
rm -rf "$out"
timing="$work/time-report-$docs.txt"
/usr/bin/time -v "$bin" report "$corpus" -o "$out" "$@" >/dev/null 2>"$timing" ||
  { tail -20 "$timing"; exit 1; }
field() { grep "$1" "$timing" | awk '{print $NF}'; }
cpu=$(echo "$(field 'User time') + $(field 'System time')" | bc)
rss=$(field 'Maximum resident set size')
written=$(du -sb "$out" | cut -f1)
events=$(/usr/bin/python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["events"]))' \
  "$out/index.json")
folders=$(find "$out" -mindepth 1 -maxdepth 1 -type d | wc -l)
echo "report: wall $(field 'Elapsed (wall clock)'), CPU ${cpu} s, peak RSS $((rss / 1024)) MB," \
  "written $((written / 1000000)) MB ($(find "$out" -type f | wc -l) files)," \
  "$folders event folders for $events events; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
