#!/usr/bin/python3
"""Independent sources of `crossclaim report` on METER courts stories, against METER's labels.

  report_reuse_eval.py BIN METER_DIR WORK_DIR [--story DD.MM.YY/CATCHLINE]

Each courts story (one day's catchline folder) is one event: its PA texts and its newspaper
texts, as they lie in the data set (one .txt file each, no outlet or date given), through
`crossclaim report --one-event`. The oracle for a cluster's independent sources: the PA texts
and the newspaper texts METER labels wholly or partially derived are one source (PA); each
non-derived text is a source of its own (METER says it was written without PA's copy; it may
still share a court's words with another paper, which the oracle cannot see). A cluster is
oracle-corroborated when it holds two or more oracle sources.

Prints, per half of the dates (the first half is where `reuse`'s thresholds were fitted):
clusters of two or more documents, those labelled corroborated and copied, how many of each
the oracle agrees with, and the reported independent sources beside the oracle's (sum, over-
and under-counts), and why clusters miscount: over-counted with a derived paper or with PA
texts only, under-counted through a one-source reuse pair joining two oracle sources or
otherwise (copy edges). Nothing from the data set is written into the project.
"""
import argparse
import collections
import csv
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import report_json  # noqa: E402  (report.json of either schema as /1)


def day_key(d):  # dd.mm.yy -> sortable
    dd, mm, yy = d.split(".")
    return ("19" if int(yy) > 50 else "20") + yy + mm + dd


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("meter")
    ap.add_argument("work")
    ap.add_argument("--story", default="")
    args = ap.parse_args()
    rows = list(csv.DictReader(open(os.path.join(args.meter, "courts_gold.tsv")), delimiter="\t"))
    stories = collections.defaultdict(lambda: {"papers": {}, "pa": set()})
    for r in rows:
        key = r["date"] + "/" + r["catchline"]
        stories[key]["papers"][r["newspaper"]] = r["class"]
        for pa in r["pa_candidates"].split(","):
            if pa:
                stories[key]["pa"].add(pa)
    keys = sorted(stories, key=lambda k: (day_key(k.split("/")[0]), k))
    if args.story:
        keys = [args.story]
    days = sorted({day_key(k.split("/")[0]) for k in stories})
    tuning_days = set(days[: len(days) // 2])
    totals = {h: collections.Counter() for h in ("tuning", "held-out", "all")}
    for key in keys:
        story = stories[key]
        if not story["pa"]:
            continue
        oracle = {}
        story["pa_names"] = {os.path.basename(pa)[:-4] for pa in story["pa"]}
        for pa in story["pa"]:
            oracle[os.path.basename(pa)[:-4]] = "PA"
        for paper, cls in story["papers"].items():
            name = os.path.basename(paper)[:-4]
            oracle[name] = "PA" if cls in ("wholly", "partially") else name
        files = [os.path.join(args.meter, p) for p in sorted(story["pa"]) + sorted(story["papers"])]
        out = os.path.join(args.work, key.replace("/", "_"))
        run = subprocess.run([args.bin, "report", "--one-event", "--threads", "1", "-o", out] + files,
                             capture_output=True, text=True)
        if run.returncode != 0:
            print(f"{key}: report failed: {run.stderr.strip()[:200]}")
            continue
        report = report_json.load(os.path.join(out, "report.json"))
        half = "tuning" if day_key(key.split("/")[0]) in tuning_days else "held-out"
        c = collections.Counter()
        one_source = [(x["source"], x["derived"]) for x in report.get("reuse", []) if x.get("one_source")]
        for cluster in report["clusters"]:
            if len(cluster["documents"]) < 2:
                continue
            truth = len({oracle[d] for d in cluster["documents"]})
            got = cluster["independent_sources"]
            c["clusters"] += 1
            c["oracle_corroborated"] += truth >= 2
            c["reported_sources"] += got
            c["oracle_sources"] += truth
            c["over"] += max(0, got - truth)
            c["under"] += max(0, truth - got)
            c["exact"] += got == truth
            docs = set(cluster["documents"])
            if got > truth:
                derived_paper = any(oracle[d] == "PA" and d not in story["pa_names"] for d in docs)
                c["over_derived_paper" if derived_paper else "over_pa_only"] += 1
            elif got < truth:
                across = any(s in docs and d in docs and oracle[s] != oracle[d] for s, d in one_source)
                c["under_reuse_pair" if across else "under_other"] += 1
            if cluster["label"] == "corroborated":
                c["corroborated"] += 1
                c["corroborated_right"] += truth >= 2
            if cluster["label"] == "copied":
                c["copied"] += 1
                c["copied_right"] += truth == 1
        c["reuse_pairs"] += len(report.get("reuse", []))
        c["copies"] += len(report.get("copies", []))
        if args.story:
            print(key, dict(c))
        for h in (half, "all"):
            totals[h].update(c)
            totals[h]["stories"] += 1
    for h in ("tuning", "held-out", "all"):
        t = totals[h]
        if not t["stories"]:
            continue
        ratio = lambda a, b: f"{t[a]}/{t[b]} = {t[a] / t[b]:.3f}" if t[b] else f"{t[a]}/0"
        print(f"{h}: {t['stories']} stories, {t['clusters']} clusters of >= 2 documents "
              f"({t['oracle_corroborated']} oracle-corroborated); corroborated right "
              f"{ratio('corroborated_right', 'corroborated')}; copied right "
              f"{ratio('copied_right', 'copied')}; independent sources exact "
              f"{ratio('exact', 'clusters')}, reported {t['reported_sources']} vs oracle "
              f"{t['oracle_sources']} (over {t['over']}, under {t['under']}); reuse pairs "
              f"{t['reuse_pairs']}, dedup copies {t['copies']}")
        print(f"  miscounted clusters: over with a derived paper {t['over_derived_paper']}, over "
              f"with PA texts only {t['over_pa_only']}; under through a reuse pair "
              f"{t['under_reuse_pair']}, otherwise {t['under_other']}")


if __name__ == "__main__":
    main()
