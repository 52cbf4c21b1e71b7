#!/usr/bin/python3
"""Helpers of bench/similar_peers.sh: the one-sentence corpus, and the scikit-learn peer.

  similar_peers.py corpus GENERATED_JSONL OUT_JSONL COUNT
      Splits the texts of `crossclaim generate` output into sentences (after . ! ? or a
      closing quote, before white space) and writes the first COUNT as JSON Lines documents
      of one sentence each (id s0000000..., the outlet of the document it came from).

  similar_peers.py peer DIR --build BUILD [--threshold 0.5] [--repetitions 1] [--block 1024]
      DIR/rows.jsonl is `crossclaim similar --tokens-out`: each compared document's tokens
      as crossclaim's vectorizer receives them (normalised words, before possessives and stop
      words are dropped). scikit-learn gets exactly these tokens and crossclaim's stop list
      (crossclaim.stop_words() from BUILD/python) and does the analysis itself:
        TfidfVectorizer(sublinear_tf=True, lowercase=False, preprocessor=identity,
                        tokenizer=strip a trailing "'s" as crossclaim does,
                        stop_words=crossclaim's list, dtype=float32)
      then X @ X.T in row blocks (the whole product does not fit in memory), keeping pairs
      a < b with cosine >= threshold, written as "id_a id_b cosine" lines to
      DIR/sklearn_pairs.tsv. Timed: vectorising, the product and writing the pairs (not
      reading rows.jsonl, not tokenising: crossclaim's side does both, so this favours the
      peer). Prints median wall and CPU seconds (time.process_time, all threads).
      Then compares with DIR/pairs.jsonl (crossclaim similar's output): identical pair sets
      except pairs within 1e-6 of the threshold (float32 vs double rounding); exit 1 if not.
"""
import argparse
import json
import pathlib
import re
import statistics
import sys
import time

BAND = 1e-6  # float32 (scikit-learn) and double (crossclaim's verification) may disagree here


def write_corpus(generated_jsonl, out_path, count):
    written = 0
    with open(generated_jsonl, encoding="utf-8") as f, \
            open(out_path, "w", encoding="utf-8") as out:
        for line in f:
            doc = json.loads(line)
            for sentence in re.split(r'(?<=[.!?"])\s+', doc["text"].strip()):
                if written == count:
                    return
                one = {"id": f"s{written:07d}", "outlet": doc["outlet"], "text": sentence}
                out.write(json.dumps(one, ensure_ascii=False) + "\n")
                written += 1
    sys.exit(f"similar_peers.py: only {written} sentences in {generated_jsonl}, {count} wanted")


def without_possessive(tokens):
    # crossclaim's rule (similarity/tfidf.cc): a token longer than 2 ending in "'s" loses it.
    if isinstance(tokens, str):  # scikit-learn tokenises each stop word to check consistency
        return [tokens]
    return [t[:-2] if len(t) > 2 and t.endswith("'s") else t for t in tokens]


def all_pairs(token_lists, stop_words, threshold, block):
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    from tfidf_peers import thresholded_pairs  # the same blocked X @ X.T as tfidf_peers.sh

    x = TfidfVectorizer(sublinear_tf=True, lowercase=False, preprocessor=lambda d: d,
                        tokenizer=without_possessive, token_pattern=None,
                        stop_words=stop_words, dtype=np.float32).fit_transform(token_lists)
    return thresholded_pairs(x, threshold, block)


def run_peer(a):
    sys.path.insert(0, str(pathlib.Path(a.build) / "python"))
    import crossclaim

    stop_words = list(crossclaim.stop_words())
    ids, token_lists, groups = [], [], []
    with open(f"{a.dir}/rows.jsonl", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            ids.append(str(row["id"]))
            token_lists.append(row["tokens"])
            groups.append(row["group"])
    if len(set(groups)) != len(groups):
        sys.exit("similar_peers.py: rows share a document; run crossclaim with --unit doc")
    times, cpu_times = [], []
    for _ in range(a.repetitions):
        t0, c0 = time.perf_counter(), time.process_time()
        r, c, v = all_pairs(token_lists, stop_words, a.threshold, a.block)
        with open(f"{a.dir}/sklearn_pairs.tsv", "w", encoding="utf-8") as out:
            for i, j, val in zip(r.tolist(), c.tolist(), v.tolist()):
                out.write(f"{ids[i]} {ids[j]} {val:.7f}\n")
        times.append(time.perf_counter() - t0)
        cpu_times.append(time.process_time() - c0)
    median, median_cpu = statistics.median(times), statistics.median(cpu_times)
    print(f"scikit-learn: {len(ids)} documents, {len(r)} pairs, median wall {median:.3f} s, "
          f"CPU {median_cpu:.3f} s over {a.repetitions} runs "
          f"(wall {['%.3f' % t for t in times]})")
    print(f"sklearn_median_seconds {median:.6f}")
    print(f"sklearn_median_cpu_seconds {median_cpu:.6f}")
    return compare(a.dir, a.threshold, ids, r, c, v)


def compare(work_dir, threshold, ids, r, c, v):
    index = {doc_id: i for i, doc_id in enumerate(ids)}
    theirs = {(int(i), int(j)): float(val) for i, j, val in zip(r, c, v)}
    ours = {}
    with open(f"{work_dir}/pairs.jsonl", encoding="utf-8") as f:
        for line in f:
            p = json.loads(line)
            i, j = index[p["a"]], index[p["b"]]
            ours[(min(i, j), max(i, j))] = p["cosine"]
    missing = sorted(k for k, val in theirs.items() if k not in ours and val >= threshold + BAND)
    extra = sorted(k for k, val in ours.items() if k not in theirs and val >= threshold + BAND)
    # crossclaim rounds cosines to 6 decimals in its output.
    worst = max((abs(ours[k] - theirs[k]) for k in ours.keys() & theirs.keys()), default=0.0)
    print(f"crossclaim: {len(ours)} pairs; missing vs scikit-learn {len(missing)}, extra "
          f"{len(extra)}, max |cosine difference| {worst:.2e}")
    if missing or extra:
        name = lambda k: (ids[k[0]], ids[k[1]])
        print(f"PAIR SETS DIFFER: first missing {[name(k) for k in missing[:5]]}, "
              f"first extra {[name(k) for k in extra[:5]]}")
        return 1
    print("pair sets identical")
    return 0


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="command", required=True)
    corpus = sub.add_parser("corpus")
    corpus.add_argument("generated")
    corpus.add_argument("out")
    corpus.add_argument("count", type=int)
    peer = sub.add_parser("peer")
    peer.add_argument("dir")
    peer.add_argument("--build", default="build")
    peer.add_argument("--threshold", type=float, default=0.5)
    peer.add_argument("--repetitions", type=int, default=1)
    peer.add_argument("--block", type=int, default=1024)
    a = p.parse_args()
    if a.command == "corpus":
        write_corpus(a.generated, a.out, a.count)
        return 0
    return run_peer(a)


if __name__ == "__main__":
    sys.exit(main())
