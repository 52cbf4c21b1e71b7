#!/usr/bin/python3
"""Converts the shared labelled datasets into the generic inputs of crossclaim pairs/retrieve/eval.

Usage: convert.py DATASETS_DIR OUT_DIR [--fnc-sample N]

Writes, for each dataset found, <name>.tsv (id<TAB>text_a<TAB>text_b) and <name>.gold.tsv
(id<TAB>label); for retrieval queries/collection TSVs and qrels; for clusters a gold TSV.
Texts are flattened to one line (tabs and newlines become spaces). Nothing is copied into
the project: the outputs go to OUT_DIR (a scratch folder).
"""
import csv
import os
import random
import sys

csv.field_size_limit(1 << 30)


def flat(text):
    return " ".join(text.replace("\t", " ").split())


def write_pairs(out, name, rows):
    """rows: (id, a, b, label)."""
    with open(os.path.join(out, name + ".tsv"), "w", encoding="utf-8") as f, open(
        os.path.join(out, name + ".gold.tsv"), "w", encoding="utf-8"
    ) as g:
        for rid, a, b, label in rows:
            f.write(f"{rid}\t{flat(a)}\t{flat(b)}\n")
            g.write(f"{rid}\t{label}\n")


def msrp(src, out):
    rows = []
    with open(os.path.join(src, "msrp/msr_paraphrase_train.txt"), encoding="utf-8-sig") as f:
        for i, line in enumerate(f):
            p = line.rstrip("\n").split("\t")
            if len(p) >= 5 and p[0] in ("0", "1"):
                rows.append((f"msrp-{i}", p[3], p[4], p[0]))
    write_pairs(out, "msrp", rows)


def stsb(src, out):
    rows = []
    for split in ("train", "dev"):
        with open(os.path.join(src, f"stsbenchmark/sts-{split}.csv"), encoding="utf-8") as f:
            for i, line in enumerate(f):
                p = line.rstrip("\n").split("\t")
                if len(p) >= 7:
                    rows.append((p[0], f"sts-{split}-{i}", p[5], p[6], p[4], p[1]))
    write_pairs(out, "stsb", [r[1:5] for r in rows])
    # The rows the shipped pair model is fitted on: train rows whose texts are clearly licensed
    # (headlines: European Media Monitor, acknowledged; images: CC BY-SA captions). Not
    # MSRpar/MSRvid (Microsoft licence) nor deft-* (terms not stated). Scores: CC BY-SA 4.0.
    with open(os.path.join(out, "stsb.fit-ids.txt"), "w", encoding="utf-8") as f:
        for r in rows:
            if r[1].startswith("sts-train-") and r[5] in ("headlines", "images"):
                f.write(r[1] + "\n")
    write_pairs(out, "stsb-news", [r[1:5] for r in rows if r[0] == "main-news"])


def sick(src, out):
    rows = []
    for name in ("SICK_train.txt", "SICK_trial.txt"):
        with open(os.path.join(src, "sick", name), encoding="utf-8") as f:
            for line in f:
                p = line.rstrip("\n").split("\t")
                if len(p) >= 5 and p[4] in ("CONTRADICTION", "ENTAILMENT"):
                    rows.append((f"sick-{p[0]}", p[1], p[2], 1 if p[4] == "CONTRADICTION" else 0))
    write_pairs(out, "sick", rows)


def fnc1_stances(src, sample):
    """FNC-1 train as (id, headline, body, stance), the seeded sample of `sample` pairs (0: all)."""
    base = os.path.join(src, "fnc1-stance")
    bodies = {}
    with open(os.path.join(base, "train_bodies.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            bodies[r["Body ID"]] = r["articleBody"]
    stances = []
    for part in ("train_stances.part1_of_2.csv", "train_stances.part2_of_2.csv"):
        with open(os.path.join(base, part), encoding="utf-8") as f:
            stances.extend(csv.DictReader(f))
    rows = [(f"fnc-{i}", s["Headline"], bodies[s["Body ID"]], s["Stance"])
            for i, s in enumerate(stances)]
    if sample and sample < len(rows):
        rows = random.Random(7).sample(rows, sample)
        rows.sort(key=lambda r: int(r[0][4:]))
    return rows


def fnc1(src, out, sample):
    rows = fnc1_stances(src, sample)
    write_pairs(out, "fnc1", [(r[0], r[1], r[2], 0 if r[3] == "unrelated" else 1) for r in rows])


def checkthat(src, out):
    base = os.path.join(src, "clef2020-checkthat-task2/v3.0")
    with open(os.path.join(base, "verified_claims.docs.tsv"), encoding="utf-8", newline="") as f, open(
        os.path.join(out, "checkthat.collection.tsv"), "w", encoding="utf-8"
    ) as c:
        for r in csv.DictReader(f, delimiter="\t"):
            c.write(f"{r['']}\t{flat(r['vclaim'] + ' ' + (r['title'] or ''))}\n")
    with open(os.path.join(out, "checkthat.queries.tsv"), "w", encoding="utf-8") as q, open(
        os.path.join(out, "checkthat.qrels"), "w", encoding="utf-8"
    ) as qr:
        for split in ("train", "dev"):
            with open(os.path.join(base, split, "tweets.queries.tsv"), encoding="utf-8", newline="") as f:
                for r in csv.DictReader(f, delimiter="\t"):
                    q.write(f"{split}-{r['']}\t{flat(r['tweet_content'])}\n")
            with open(os.path.join(base, split, "tweet-vclaim-pairs.qrels"), encoding="utf-8") as f:
                for line in f:
                    p = line.split()
                    if len(p) == 4:
                        qr.write(f"{split}-{p[0]} 0 {p[2]} {p[3]}\n")


def clough(src, out):
    base = os.path.join(src, "clough-stevenson/data")

    def read(name):
        raw = open(os.path.join(base, name), "rb").read()
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw.decode("latin-1")

    rows, cut = [], []
    with open(os.path.join(base, "file_information.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["Category"] == "orig":
                continue
            rid = r["File"][:-4]
            rows.append((rid, read(r["File"]), read(f"orig_task{r['Task']}.txt"),
                         0 if r["Category"] == "non" else 1))
            cut.append((rid, 1 if r["Category"] == "cut" else 0))
    write_pairs(out, "clough", rows)
    # The answers and the sources as one corpus, for crossclaim dedup.
    import json
    with open(os.path.join(out, "clough.jsonl"), "w", encoding="utf-8") as j:
        for name in sorted(os.listdir(base)):
            if name.endswith(".txt"):
                j.write(json.dumps({"id": name[:-4], "text": read(name)}) + "\n")
    with open(os.path.join(out, "clough.cut.tsv"), "w", encoding="utf-8") as g:
        for rid, label in cut:
            g.write(f"{rid}\t{label}\n")


def ecbplus(src, out):
    """One JSON Lines corpus for crossclaim events, and gold TSVs by topic and by event."""
    import json
    path = os.path.join(src, "ecbplus/ecbplus_docs.derived.tsv")
    with open(path, encoding="utf-8", newline="") as f, open(
        os.path.join(out, "ecbplus.jsonl"), "w", encoding="utf-8"
    ) as j, open(os.path.join(out, "ecbplus.topic.tsv"), "w", encoding="utf-8") as t, open(
        os.path.join(out, "ecbplus.event.tsv"), "w", encoding="utf-8"
    ) as e, open(os.path.join(out, "ecbplus.docs.tsv"), "w", encoding="utf-8") as d:
        for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            doc = r["doc_name"].removesuffix(".xml")
            text = r["text"]
            j.write(json.dumps({"id": doc, "text": text, "gold": r["event_cluster"]}) + "\n")
            t.write(f"{doc}\t{r['topic']}\n")
            e.write(f"{doc}\t{r['event_cluster']}\n")
            d.write(f"{doc}\t{flat(text)}\n")


def main():
    src, out = sys.argv[1], sys.argv[2]
    sample = int(sys.argv[sys.argv.index("--fnc-sample") + 1]) if "--fnc-sample" in sys.argv else 0
    os.makedirs(out, exist_ok=True)
    msrp(src, out)
    stsb(src, out)
    sick(src, out)
    fnc1(src, out, sample)
    checkthat(src, out)
    clough(src, out)
    ecbplus(src, out)


if __name__ == "__main__":
    main()
