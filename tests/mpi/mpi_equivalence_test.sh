#!/usr/bin/env bash
# crossclaim-mpi against the single-process crossclaim: for 1, 2 and 4 ranks (oversubscribed
# on a small machine), `dedup` must print the same bytes and `report` must write the same
# files apart from the run's time stamps and stage timings, on the bundled demo event and on
# a generated corpus with planted copies. A bad input must fail on every rank, without a hang,
# with one clear error from rank 0.
#
# Usage: mpi_equivalence_test.sh CROSSCLAIM CROSSCLAIM_MPI MPIEXEC SOURCE_DIR WORK_DIR [CASE]
# CASE: dedup | report | sharded | errors (default: all). Prints `N passed, N failed` last.
set -uo pipefail
crossclaim=$1 crossclaim_mpi=$2 mpiexec=$3 source_dir=$4 work=$5 only=${6:-all}
demo="$source_dir/datasets/events/2025-01-21-putin-xi-call"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
rm -rf "$work" && mkdir -p "$work"
passed=0 failed=0

check() {  # check NAME COMMAND...: one assertion
  local name=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAILED: $name" >&2
  fi
}

run_mpi() {  # run_mpi RANKS ARGS...: crossclaim-mpi on RANKS ranks, bounded in time
  local ranks=$1
  shift
  timeout 300 "$mpiexec" -np "$ranks" --oversubscribe "$crossclaim_mpi" "$@"
}

# report.json without the fields that differ between runs of the same input: generated_at
# (wall clock) and stats.timings (seconds per stage); the other files lose the time stamp.
normalise_report() {  # normalise_report DIR OUT
  local dir=$1 out=$2
  mkdir -p "$out"
  python3 - "$dir" "$out" <<'PY'
import json, os, sys
src, dst = sys.argv[1], sys.argv[2]
for root, _, files in os.walk(src):
    for name in files:
        path = os.path.join(root, name)
        rel = os.path.relpath(path, src)
        os.makedirs(os.path.join(dst, os.path.dirname(rel)), exist_ok=True)
        text = open(path, encoding="utf-8").read()
        if name in ("report.json", "index.json"):
            stamp = json.loads(text).get("generated_at", "")
            doc = json.loads(text)
            doc.pop("generated_at", None)
            doc.get("stats", {}).pop("timings", None)
            text = json.dumps(doc, indent=1, sort_keys=True)
        else:
            meta = os.path.join(root, "report.json" if name != "index.html" else "index.json")
            stamp = json.load(open(meta, encoding="utf-8")).get("generated_at", "")
            if stamp:
                text = text.replace(stamp, "GENERATED_AT")
        open(os.path.join(dst, rel), "w", encoding="utf-8").write(text)
PY
}

dedup_case() {  # dedup_case NAME INPUT FLAGS...
  local name=$1 input=$2
  shift 2
  "$crossclaim" dedup "$input" "$@" >"$work/$name.single" 2>/dev/null
  for ranks in 1 2 4; do
    run_mpi "$ranks" dedup "$input" "$@" >"$work/$name.$ranks" 2>"$work/$name.$ranks.err"
    check "$name: exit 0 on $ranks ranks" test $? -eq 0
    check "$name: same output on $ranks ranks" cmp -s "$work/$name.single" "$work/$name.$ranks"
  done
}

report_case() {  # report_case NAME INPUT FLAGS...
  local name=$1 input=$2
  shift 2
  "$crossclaim" report "$input" "$@" -o "$work/$name.single" >"$work/$name.single.out" 2>/dev/null
  normalise_report "$work/$name.single" "$work/$name.single.norm"
  for ranks in 1 2 4; do
    run_mpi "$ranks" report "$input" "$@" -o "$work/$name.$ranks" \
      >"$work/$name.$ranks.out" 2>"$work/$name.$ranks.err"
    check "$name: exit 0 on $ranks ranks" test $? -eq 0
    normalise_report "$work/$name.$ranks" "$work/$name.$ranks.norm"
    check "$name: same files on $ranks ranks" diff -r "$work/$name.single.norm" \
      "$work/$name.$ranks.norm"
    check "$name: same summary on $ranks ranks" cmp -s "$work/$name.single.out" \
      "$work/$name.$ranks.out"
  done
}

corpus="$work/generated.jsonl"
"$crossclaim" generate --docs 400 --seed 7 --near-duplicates 0.15 --copied-passages 0.15 \
  -o "$corpus" 2>/dev/null

if [[ $only == all || $only == dedup ]]; then
  dedup_case demo-doc "$demo"
  dedup_case demo-passage "$demo" --level passage
  # The demo's outlets copy no passage at the default threshold: a low one gives pairs.
  dedup_case demo-text "$demo" --level passage --format text --threshold 0.1 --ngram 3
  dedup_case gen-doc "$corpus"
  dedup_case gen-passage "$corpus" --level passage --threshold 0.6
  dedup_case gen-oph "$corpus" --mode oph --shingle char --ngram 7
  # A shuffle too big for one round goes band by band: the same pairs.
  for ranks in 1 2 4; do
    run_mpi "$ranks" dedup "$corpus" --level passage --threshold 0.6 --shuffle-round-bytes 20000 \
      --stats >"$work/rounds.$ranks" 2>"$work/rounds.$ranks.err"
    check "shuffle in rounds: exit 0 on $ranks ranks" test $? -eq 0
    check "shuffle in rounds: same output on $ranks ranks" cmp -s "$work/gen-passage.single" \
      "$work/rounds.$ranks"
    calls=$(sed -n 's/.*stage dedup.shuffle .* calls \([0-9]*\)$/\1/p' "$work/rounds.$ranks.err")
    check "shuffle in rounds: several rounds on $ranks ranks" test "${calls:-0}" -gt $((ranks * 5))
  done
  # Not vacuous: the planted copies are found, and grouped.
  check "generated corpus: copy pairs found" test "$(grep -c '"type":"pair"' "$work/gen-doc.single")" -ge 20
  check "generated corpus: groups found" grep -q '"type":"group"' "$work/gen-doc.single"
  check "demo: low-threshold passage copies found" grep -q 'copied from' "$work/demo-text.single"
fi

if [[ $only == all || $only == report ]]; then
  report_case demo-report "$demo"
  head -n 120 "$corpus" >"$work/small.jsonl"
  report_case gen-report "$work/small.jsonl"
  report_case gen-one-event "$work/small.jsonl" --one-event
  check "demo report: clusters present" grep -q '"clusters"' "$work/demo-report.4/report.json"
  # The timings really are stripped from a file that has them.
  check "demo report: timings present before normalising" grep -q '"timings"' \
    "$work/demo-report.4/report.json"
  report_case gen-report-all "$work/small.jsonl" --event-folders all
  # The claim graph and indented JSON on request: the same files on every rank count.
  report_case gen-report-full "$work/small.jsonl" --full-output
  check "full output: the claim graph is written" \
    test -n "$(find "$work/gen-report-full.4" -name claims.graphml -print -quit)"
  # Not vacuous: the generated feed splits into many events (56), which the ranks share out;
  # by default only those of several articles get a folder, with `all` every one does.
  events_in() { python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["events"]))' "$1"; }
  multi_in() {
    python3 -c 'import json,sys; print(sum(len(e["documents"]) > 1 for e in json.load(open(sys.argv[1]))["events"]))' "$1"
  }
  folders_in() { find "$1" -maxdepth 1 -name 'event-*' -type d | wc -l; }
  check "generated report: several events" test "$(events_in "$work/gen-report.single/index.json")" -ge 10
  check "generated report: some one-article events" \
    test "$(multi_in "$work/gen-report.single/index.json")" -lt "$(events_in "$work/gen-report.single/index.json")"
  check "generated report: a folder per event of several articles" \
    test "$(folders_in "$work/gen-report.single")" -eq "$(multi_in "$work/gen-report.single/index.json")"
  check "generated report, all: a folder per event" \
    test "$(folders_in "$work/gen-report-all.single")" -eq "$(events_in "$work/gen-report-all.single/index.json")"
  # A failing event fails every rank, without a hang, with one error from the rank that ran
  # the first failing event (on 4 ranks that is not rank 0).
  for ranks in 2 4; do
    run_mpi "$ranks" report "$work/small.jsonl" --idf "$work/no-such.idf" -o "$work/bad-idf.$ranks" \
      >"$work/bad-idf.$ranks.out" 2>"$work/bad-idf.$ranks.err"
    code=$?
    check "failing event: non-zero exit on $ranks ranks" test "$code" -ne 0
    check "failing event: no hang on $ranks ranks" test "$code" -ne 124
    check "failing event: one error line naming the file on $ranks ranks" \
      test "$(grep -c 'crossclaim-mpi: error: .*no-such.idf' "$work/bad-idf.$ranks.err")" -eq 1 -a \
      "$(grep -c 'error:' "$work/bad-idf.$ranks.err")" -eq 1
    check "failing event: nothing on stdout on $ranks ranks" test ! -s "$work/bad-idf.$ranks.out"
  done
fi

# Each rank parses only its byte range of a JSON Lines file: skips, warnings, line numbers,
# default ids and duplicate ids must still come out as one read of the whole input gives
# them, whatever the cut points. The messy input puts bad lines, CRLF endings, blank lines,
# records without an id, invalid UTF-8, a bad date, an oversized text and ids repeated far
# apart (across every rank's range, across files, and against a folder's file names) among
# the generated articles.
messy_inputs() {  # messy_inputs DIR: writes DIR/a.jsonl and DIR/b.jsonl
  python3 - "$corpus" "$1" <<'PY'
import json, sys
corpus, out = sys.argv[1], sys.argv[2]
docs = [line.rstrip("\n") for line in open(corpus, encoding="utf-8")]
lines = []
for i, line in enumerate(docs[:300]):
    lines.append(line)
    if i % 37 == 5: lines.append("{not json")
    if i % 41 == 7: lines.append("")
    if i % 43 == 9: lines.append(json.dumps({"text": json.loads(line)["text"]}) + "\r")
    if i % 47 == 11: lines.append(json.dumps({"id": "dup-early", "text": f"copy {i}"}))
    if i % 53 == 13: lines.append(json.dumps({"id": json.loads(docs[i // 2])["id"], "text": "again"}))
lines.insert(3, json.dumps({"id": "dup-early", "text": "first of many"}))
lines.append(json.dumps({"id": "date", "published": "2025-02-30", "text": "an impossible day"}))
lines.append(json.dumps({"id": "big", "text": "x" * 5000}))
lines.append(json.dumps({"id": "000_afc1db8ac4998597", "text": "an id the demo folder uses"}))
with open(f"{out}/a.jsonl", "wb") as f:
    f.write("\n".join(lines).encode() + b"\n" + b'{"id":"bad-utf8","text":"caf\xe9 au lait"}')
with open(f"{out}/b.jsonl", "w", encoding="utf-8") as f:
    for line in docs[300:]: f.write(line + "\n")
    f.write(json.dumps({"id": "dup-early", "text": "from the second file"}) + "\n")
    f.write(docs[0] + "\n")
PY
}

# The lines `crossclaim` writes about the input (program name dropped): skips, warnings and
# the summary.
input_lines() { sed -n 's/^crossclaim[-a-z]*: \(skipped: \|warning: \|[0-9]* of [0-9]* input\)/\1/p' "$1"; }

sharded_case() {  # sharded_case NAME FLAGS...: dedup of the messy inputs and the demo folder
  local name=$1
  shift
  local inputs=("$work/messy/a.jsonl" "$demo" "$work/messy/b.jsonl")
  "$crossclaim" dedup "${inputs[@]}" --max-document-bytes 4000 "$@" >"$work/$name.single" \
    2>"$work/$name.single.err"
  input_lines "$work/$name.single.err" >"$work/$name.single.input"
  for ranks in 1 2 3 4; do
    run_mpi "$ranks" dedup "${inputs[@]}" --max-document-bytes 4000 "$@" >"$work/$name.$ranks" \
      2>"$work/$name.$ranks.err"
    check "$name: exit 0 on $ranks ranks" test $? -eq 0
    check "$name: same output on $ranks ranks" cmp -s "$work/$name.single" "$work/$name.$ranks"
    input_lines "$work/$name.$ranks.err" >"$work/$name.$ranks.input"
    check "$name: same skips and warnings on $ranks ranks" \
      cmp -s "$work/$name.single.input" "$work/$name.$ranks.input"
  done
}

if [[ $only == all || $only == sharded ]]; then
  mkdir -p "$work/messy" && messy_inputs "$work/messy"
  sharded_case messy-doc --format jsonl
  sharded_case messy-text --level passage --format text --threshold 0.6
  # Not vacuous: every kind of trouble was reported, and copies were found.
  for what in 'malformed JSON' 'duplicate id "dup-early" (first seen at .*a.jsonl:4)' \
    '000_afc1db8ac4998597.txt: duplicate id' 'b.jsonl:[0-9]*: duplicate id' 'over the limit' \
    'invalid UTF-8' '2025-02-30' '[0-9]* of [0-9]* input documents skipped'; do
    check "messy input: reports $what" grep -q "$what" "$work/messy-doc.single.input"
  done
  check "messy input: ids from line numbers" grep -q '"a:[0-9]*"' "$work/messy-doc.single"
  check "messy input: copy pairs found" test "$(grep -c '"type":"pair"' "$work/messy-doc.single")" -ge 10
  check "messy input: passage excerpts" grep -q '^  .* \[[0-9]*-[0-9]*\]: ' "$work/messy-text.single"
  # `report` needs every document on every rank: parsed in parts, then exchanged.
  { head -n 90 "$work/messy/a.jsonl" && tail -n 2 "$work/messy/b.jsonl"; } >"$work/messy/small.jsonl"
  "$crossclaim" report "$work/messy/small.jsonl" --one-event -o "$work/messy-report.alone" \
    >/dev/null 2>"$work/messy-report.err"
  report_case messy-report "$work/messy/small.jsonl" --one-event
  input_lines "$work/messy-report.err" >"$work/messy-report.single.input"
  check "messy report: skips reported" grep -q 'duplicate id' "$work/messy-report.single.input"
  for ranks in 1 2 4; do
    input_lines "$work/messy-report.$ranks.err" >"$work/messy-report.$ranks.input"
    check "messy report: same skips and warnings on $ranks ranks" \
      cmp -s "$work/messy-report.single.input" "$work/messy-report.$ranks.input"
  done
fi

if [[ $only == all || $only == errors ]]; then
  for ranks in 1 2 4; do
    run_mpi "$ranks" dedup "$work/no-such-file.jsonl" >"$work/err.$ranks.out" 2>"$work/err.$ranks.err"
    code=$?
    check "bad input: non-zero exit on $ranks ranks" test "$code" -ne 0
    check "bad input: no hang on $ranks ranks" test "$code" -ne 124
    check "bad input: the error names the file on $ranks ranks" \
      grep -q 'crossclaim-mpi: error: .*no-such-file.jsonl' "$work/err.$ranks.err"
    check "bad input: one error line, not one per rank, on $ranks ranks" \
      test "$(grep -c 'error:' "$work/err.$ranks.err")" -eq 1
    check "bad input: nothing on stdout on $ranks ranks" test ! -s "$work/err.$ranks.out"
  done
  run_mpi 2 dedup "$demo" --threshold 1.5 >/dev/null 2>"$work/bad-flag.err"
  check "bad option: exit 2" test $? -eq 2
  check "bad option: names the field" grep -q 'threshold must be in (0, 1]' "$work/bad-flag.err"
  check "bad option: one error line" test "$(grep -c 'error:' "$work/bad-flag.err")" -eq 1
fi

echo "$passed passed, $failed failed"
test "$failed" -eq 0
