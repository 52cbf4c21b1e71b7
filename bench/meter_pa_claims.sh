#!/usr/bin/env bash
# Claims per METER Press Association wire text (courts portion), each text read alone by
# `crossclaim claims FILE`: how many claims the wire format yields. Reads the shared data in
# place (never copied into the project).
#
#   bench/meter_pa_claims.sh [BUILD_DIR] [METER_DIR]
set -euo pipefail
build=${1:-build}
meter=${2:-../shared/datasets/meter}
find "$meter/PA/rawtexts/courts" -name '*.txt' ! -name readme.txt | sort | while read -r f; do
  "$build/cli/crossclaim" claims "$f" | sed -n 's/.* \([0-9]*\) claims$/\1/p'
done | awk '{ n++; s += $1; if ($1 == 0) z++ }
  END { printf "texts %d  claims %d  per text %.2f  texts with 0 claims %d\n", n, s, s / n, z }'
