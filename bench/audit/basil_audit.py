#!/usr/bin/python3
"""Careful-reader audit of `crossclaim report` on the BASIL train feed (docs/quality.md).

  basil_audit.py run    DATASETS_DIR WORK_DIR [--bin BIN]   # one report per BASIL gold event
  basil_audit.py sample WORK_DIR PART [--seed 7] [--n 40]   # print the items to judge
  basil_audit.py score  WORK_DIR PART VERDICTS.tsv          # precision of judged items still shown
  basil_audit.py check  WORK_DIR VERDICTS.tsv [--fixed F]   # the items judged false are gone

VERDICTS.tsv: KEY<TAB>VERDICT<TAB>REASON, or the fixture bench/audit/basil_verdicts.tsv
(KEY<TAB>PART<TAB>RUN<TAB>VERDICT<TAB>REASON).

Events are BASIL's gold events (train.gold.tsv): the feed is split into one JSON Lines file
per event and `crossclaim report --one-event` runs on each, so event grouping errors do not
enter the audit. PART is `dev` (events of 2010-2012, looked at while developing) or
`heldout` (2013-2014, audited only for the before/after figures).

Item keys name no article text: a divergence is
  div|EVENT|DOC_A:START-END|DOC_B:START-END|KIND|H      (claim spans, bytes of the article;
                                                         H: 8 hex digits of the SHA-1 of its
                                                         explanation, so a verdict is for the
                                                         detail as shown)
a cluster is
  LABEL|EVENT|DOC:START-END,DOC:START-END,...           (its label, copied or corroborated,
                                                         and its claims)
A verdict is for an item as shown: the same claims under another label are another item.
Nothing from the data set is written into the project; WORK_DIR holds the reports.
"""
import argparse
import collections
import hashlib
import json
import os
import random
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../lib"))
import report_json  # noqa: E402  (bench/lib: report.json of either schema as /1)

DEV_YEARS = {"2010", "2011", "2012"}


def events_of(data):
    gold = {}
    for line in open(os.path.join(data, "basil", "train.gold.tsv")):
        doc, event = line.rstrip("\n").split("\t")
        gold[doc] = event
    years = {}
    for i, line in enumerate(open(os.path.join(data, "basil", "train.events.tsv"))):
        if i == 0:
            continue
        event, year = line.split("\t")[:2]
        years[event] = year
    return gold, years


def run(args):
    gold, years = events_of(args.data)
    feed = collections.defaultdict(list)
    for line in open(os.path.join(args.data, "basil", "train.jsonl")):
        doc = json.loads(line)
        feed[gold[doc["id"]]].append(line)
    os.makedirs(args.work, exist_ok=True)
    parts = {}
    for event, lines in sorted(feed.items()):
        path = os.path.join(args.work, "in", event + ".jsonl")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.writelines(lines)
        out = os.path.join(args.work, "out", event)
        subprocess.run([args.bin, "report", "--one-event", path, "-o", out], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        parts[event] = "dev" if years[event] in DEV_YEARS else "heldout"
    with open(os.path.join(args.work, "parts.json"), "w") as f:
        json.dump(parts, f, indent=1, sort_keys=True)


def load(work):
    parts = json.load(open(os.path.join(work, "parts.json")))
    reports = {}
    for event in parts:
        reports[event] = report_json.load(os.path.join(work, "out", event, "report.json"))
    return parts, reports


def claim_key(claim):
    return "{}:{}-{}".format(claim["doc"], claim["start"], claim["end"])


def items(report, event, shown_only=True):
    """(key, kind, payload) of every shown divergence, copied and corroborated cluster."""
    claims = {c["id"]: c for c in report["claims"]}
    out = []
    for cluster in report["clusters"]:
        for d in cluster["divergences"]:
            if shown_only and not d.get("shown", True):
                continue
            a, b = claims[d["a"]], claims[d["b"]]
            digest = hashlib.sha1(d["explanation"].encode("utf-8")).hexdigest()[:8]
            key = "div|{}|{}|{}|{}|{}".format(event, claim_key(a), claim_key(b), d["kind"], digest)
            out.append((key, "divergence", (d, a, b, cluster)))
        if cluster["label"] in ("copied", "corroborated"):
            key = "{}|{}|{}".format(cluster["label"], event,
                                    ",".join(claim_key(claims[c]) for c in cluster["claims"]))
            out.append((key, cluster["label"], cluster))
    return out


def show(kind, payload, claims):
    if kind == "divergence":
        d, a, b, cluster = payload
        conf = d.get("confidence")
        lines = ["  {} {}{}".format(d["kind"], d["explanation"],
                                    "" if conf is None else " (confidence {:.2f})".format(conf)),
                 "  A [{}] {}".format(a["outlet"], a["text"]),
                 "  B [{}] {}".format(b["outlet"], b["text"])]
        return "\n".join(lines)
    cluster = payload
    lines = ["  sources {} upstream {} speakers {}".format(
        cluster["independent_sources"], cluster.get("upstream_sources"), cluster["speakers"])]
    for c in cluster["claims"]:
        lines.append("  - [{}] {}".format(claims[c]["outlet"], claims[c]["text"]))
    return "\n".join(lines)


def sample(args):
    parts, reports = load(args.work)
    pools = collections.defaultdict(list)
    for event, part in sorted(parts.items()):
        if part != args.part:
            continue
        claims = {c["id"]: c for c in reports[event]["claims"]}
        for key, kind, payload in items(reports[event], event):
            pools[kind].append((key, show(kind, payload, claims)))
    rng = random.Random(args.seed)
    for kind in ("divergence", "copied", "corroborated"):
        pool = sorted(pools[kind])
        chosen = pool if kind == "copied" else rng.sample(pool, min(args.n, len(pool)))
        print("## {}: {} of {}".format(kind, len(chosen), len(pool)))
        for key, text in sorted(chosen):
            print(key)
            print(text)
        print()


def read_verdicts(path):
    verdicts = {}
    for line in open(path):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.rstrip("\n").split("\t")
        if len(fields) >= 5:  # the fixture: KEY PART RUN VERDICT REASON
            fields = [fields[0], fields[3], fields[4]]
        verdicts[fields[0]] = (fields[1], fields[2] if len(fields) > 2 else "")
    return verdicts


def score(args):
    """Precision of the judged items among those shown; with --sample, of the seeded sample
    that `sample` prints (all of it must be judged)."""
    parts, reports = load(args.work)
    verdicts = read_verdicts(args.verdicts)
    shown = {}
    pools = collections.defaultdict(list)
    for event, part in sorted(parts.items()):
        if part != args.part:
            continue
        for key, kind, _ in items(reports[event], event):
            shown[key] = kind
            pools[kind].append(key)
    if args.sample:
        shown = {}
        rng = random.Random(args.seed)
        for kind in ("divergence", "copied", "corroborated"):
            pool = sorted(pools[kind])
            chosen = pool if kind == "copied" else rng.sample(pool, min(args.n, len(pool)))
            for key in chosen:
                shown[key] = kind
        missing = [k for k in shown if k not in verdicts]
        if missing:
            sys.exit("not judged: " + " ".join(missing[:5]))
    tally = collections.defaultdict(lambda: [0, 0, 0])  # judged true, judged false, shown
    for key, kind in shown.items():
        tally[kind][2] += 1
        if key in verdicts:
            tally[kind][0 if verdicts[key][0] == "true" else 1] += 1
    for kind in ("divergence", "copied", "corroborated"):
        t, f, n = tally[kind]
        p = t / (t + f) if t + f else float("nan")
        print("{}\t{} shown\t{} judged\t{} true\t{} false\tprecision {:.3f}".format(
            kind, n, t + f, t, f, p))


def check(args):
    """The items judged false in the `before` run (fixture column RUN), and those listed in
    --fixed (one key a line: false items a later change removed; "- KEY<TAB>REASON" takes a
    key off the list), that are shown again.
    Exit status 1 when some are; the count of the other items judged false is printed beside."""
    parts, reports = load(args.work)
    fixed, remaining = set(), set()
    for line in open(args.verdicts):
        fields = line.rstrip("\n").split("\t")
        if line.startswith("#") or len(fields) < 5 or fields[3] != "false":
            continue
        (fixed if fields[2] == "before" else remaining).add(fields[0])
    reopened = set()
    if args.fixed:
        lines = [l.strip() for l in open(args.fixed) if l.strip() and not l.startswith("#")]
        # "- KEY<TAB>REASON": a false item taken off the fixed list, for the reason given (it
        # stays judged false and counts in `score`).
        reopened = {l[1:].strip().split("\t")[0] for l in lines if l.startswith("-")}
        listed = {l for l in lines if not l.startswith("-")}
        fixed = (fixed | listed) - reopened
        remaining = (remaining | reopened) - listed
    shown = set()
    for event in parts:
        for key, _, _ in items(reports[event], event):
            shown.add(key)
    back = sorted(k for k in fixed if k in shown)
    for k in back:
        print("judged false before and shown again:", k)
    print("{} items judged false before: {} shown again; {} judged false after, {} still shown".format(
        len(fixed), len(back), len(remaining), len(remaining & shown)))
    sys.exit(1 if back else 0)


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("data")
    r.add_argument("work")
    r.add_argument("--bin", default=os.path.join(os.path.dirname(__file__), "../../build/cli/crossclaim"))
    s = sub.add_parser("sample")
    s.add_argument("work")
    s.add_argument("part", choices=["dev", "heldout"])
    s.add_argument("--seed", type=int, default=7)
    s.add_argument("--n", type=int, default=40)
    c = sub.add_parser("score")
    c.add_argument("work")
    c.add_argument("part", choices=["dev", "heldout"])
    c.add_argument("verdicts")
    c.add_argument("--sample", action="store_true")
    c.add_argument("--seed", type=int, default=7)
    c.add_argument("--n", type=int, default=40)
    k = sub.add_parser("check")
    k.add_argument("work")
    k.add_argument("verdicts")
    k.add_argument("--fixed", help="file of keys judged false that must stay hidden")
    args = p.parse_args()
    {"run": run, "sample": sample, "score": score, "check": check}[args.cmd](args)


if __name__ == "__main__":
    main()
