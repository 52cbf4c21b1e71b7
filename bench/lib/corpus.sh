# Sourced by the end-to-end benchmarks (bench/*_e2e.sh): the generated corpus they time.
#
#   source "$(dirname "$0")/lib/corpus.sh"
#   ensure_corpus "$bin" "$docs" "$corpus" [--truth FILE]   # generates it unless present
#   echo "$(describe_corpus "$corpus" "$docs")"             # corpus: PATH (N MB, D documents)

# Writes `crossclaim generate --docs DOCS --seed 1` to CORPUS unless the file exists (the seed
# is fixed, so an existing file is the same corpus); extra arguments go to `generate`.
ensure_corpus() {
  local bin=$1 docs=$2 corpus=$3
  shift 3
  [[ -f "$corpus" ]] && return 0
  /usr/bin/time -f "generate: %e s, peak %M KB" "$bin" generate --docs "$docs" --seed 1 \
    -o "$corpus" "$@"
}

describe_corpus() {
  echo "corpus: $1 ($(du -m "$1" | cut -f1) MB, $2 documents)"
}
