#!/usr/bin/env bash
# Quality of `crossclaim reuse` on METER courts (tuned on the earlier days, reported on the
# later ones) and the Clough-Stevenson corpus, beside a word-3-gram containment anchor
# computed in the same run. Reads the shared data in place; see bench/reuse_eval.py.
#
#   bench/reuse_eval.sh [BUILD_DIR] [METER_DIR] [CLOUGH_DIR]
set -euo pipefail
build=${1:-build}
meter=${2:-../shared/datasets/meter}
clough=${3:-../shared/datasets/clough-stevenson}
work=${CROSSCLAIM_BENCH_DIR:-/tmp/crossclaim-reuse-eval}
exec /usr/bin/python3 "$(dirname "$0")/reuse_eval.py" "$build/cli/crossclaim" "$meter" "$clough" "$work"
