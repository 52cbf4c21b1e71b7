#!/usr/bin/python3
"""Prints the quality table of bench/eval.sh from the figures in WORK_DIR.

  summarize.py WORK_DIR [--markdown]

Reads the `crossclaim eval --json` outputs <name>.cc.json and <name>.base.json written by
eval.sh (and clough.cut_found.txt, ecb presence) and prints: dataset, metric, crossclaim,
baseline, difference, target, reached.
"""
import json
import os
import sys


def load(work, name):
    path = os.path.join(work, name)
    return json.load(open(path)) if os.path.exists(path) else None


def main():
    work = sys.argv[1]
    rows = []

    def delta_row(dataset, metric, name, get, target):
        cc, base = load(work, f"{name}.cc.json"), load(work, f"{name}.base.json")
        if cc is None or base is None:
            rows.append((dataset, metric, "n/a", "n/a", "", f"+{target:.2f}", "not run"))
            return
        a, b = get(cc), get(base)
        rows.append((dataset, metric, f"{a:.4f}", f"{b:.4f}", f"{a - b:+.4f}", f"+{target:.2f}",
                     "yes" if a - b >= target - 1e-12 else "no"))

    acc = lambda f: f["best_accuracy"]["accuracy"]
    pearson = lambda f: f["pearson"]
    sample = open(os.path.join(work, "fnc1.sample")).read().strip()
    fnc = f"FNC-1 train ({sample} pairs)"
    delta_row("MSRP train", "accuracy, `score` 10-fold CV (threshold tuned on train)", "msrp", acc,
              0.05)
    delta_row("STS-B train+dev", "Pearson, `score` 10-fold CV", "stsb", pearson, 0.06)
    delta_row("STS-B train+dev news", "Pearson, `score` 10-fold CV", "stsb-news", pearson, 0.06)
    delta_row(fnc, "related vs unrelated accuracy, `score` 10-fold CV", "fnc1", acc, 0.01)

    def reference_row(dataset, metric, name, field, get):
        cc, base = load(work, f"{name}.cc-shipped-{field}.json"), load(work, f"{name}.base.json")
        if cc and base:
            a, b = get(cc), get(base)
            rows.append((dataset, metric, f"{a:.4f}", f"{b:.4f}", f"{a - b:+.4f}", "reported", ""))

    for name, dataset, get, what in (("msrp", "MSRP train", acc, "accuracy"),
                                     ("stsb", "STS-B train+dev", pearson, "Pearson"),
                                     ("stsb-news", "STS-B train+dev news", pearson, "Pearson"),
                                     ("fnc1", fnc, acc, "accuracy")):
        reference_row(dataset, f"{what}, shipped `score` (fitted on STS-B train headlines+images)",
                      name, "score", get)
        reference_row(dataset, f"{what}, `cosine` (no learned weights)", name, "cosine", get)
    delta_row("CheckThat! 2020 T2 train+dev", "MAP@5", "checkthat", lambda f: f["map_at_k"], 0.04)

    cc, base = load(work, "clough.cc.json"), load(work, "clough.base.json")
    if cc and base:
        rows.append(("Clough-Stevenson", "AUROC reused vs non (cosine)", f"{cc['auc']:.4f}",
                     f"{base['auc']:.4f}", f"{cc['auc'] - base['auc']:+.4f}", ">= 0.95",
                     "yes" if cc["auc"] >= 0.95 else "no"))
    jw = load(work, "clough-jaccard.cc.json")
    if jw and base:
        rows.append(("Clough-Stevenson", "AUROC reused vs non (jaccard_word)", f"{jw['auc']:.4f}",
                     f"{base['auc']:.4f}", f"{jw['auc'] - base['auc']:+.4f}", ">= 0.95",
                     "yes" if jw["auc"] >= 0.95 else "no"))
    cut = open(os.path.join(work, "clough.cut_found.txt")).read().split()
    if cut:
        found, total = int(cut[0]), int(cut[1])
        rows.append(("Clough-Stevenson", "cut answers paired with source by dedup (passage, default threshold)",
                     f"{found}/{total}", "", "", "all", "yes" if found == total else "no"))
    sick = load(work, "sick.cc.json")
    if sick:
        flag = sick["flag"]
        rows.append(("SICK train+trial", "divergence flag precision on C vs E",
                     f"{flag['precision']:.4f}", "", "", ">= 0.80",
                     "yes" if flag["precision"] >= 0.80 else "no"))
        rows.append(("SICK train+trial", "divergence flag recall on C vs E",
                     f"{flag['recall']:.4f}", "", "", "reported", ""))
    for level in ("event", "topic"):
        cc, base = load(work, f"ecb.{level}.cc.json"), load(work, f"ecb.{level}.base.json")
        if base is None:
            continue
        target = "+0.06" if level == "event" else "reported"
        if cc is None:
            rows.append((f"ECB+ topics 1-35", f"{level}-level B3 F1", "n/a (no events command)",
                         f"{base['bcubed_f1']:.4f}", "", target, "not run"))
        else:
            d = cc["bcubed_f1"] - base["bcubed_f1"]
            reached = ("yes" if d >= 0.06 else "no") if level == "event" else ""
            rows.append((f"ECB+ topics 1-35", f"{level}-level B3 F1", f"{cc['bcubed_f1']:.4f}",
                         f"{base['bcubed_f1']:.4f}", f"{d:+.4f}", target, reached))

    header = ("dataset", "metric", "crossclaim", "baseline", "difference", "target", "reached")
    if "--markdown" in sys.argv:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for r in rows:
            print("| " + " | ".join(r) + " |")
        return
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
    for r in [header] + rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())


if __name__ == "__main__":
    main()
