#!/usr/bin/python3
"""Quality of `crossclaim reuse` on METER courts and the Clough-Stevenson corpus.

Reads the shared data in place (never copied into the project), writes the texts as one
JSON Lines file in a scratch folder, runs `crossclaim reuse --min-containment 0` once over all
of them, and computes, beside a plain word-3-gram containment anchor over the same texts:
derived-vs-non AUROC, three-class macro F1 (thresholds fitted on the tuning days, applied to
the held-out days; and the default grade), linking rates, verbatim-span character recall and
the share of reported characters the markup calls New, and the Clough-Stevenson Spearman.

  bench/reuse_eval.py BIN METER_DIR CLOUGH_DIR WORK_DIR
"""
import csv
import html
import json
import os
import re
import subprocess
import sys
from collections import defaultdict

BIN, METER, CLOUGH, WORK = sys.argv[1:5]
os.makedirs(WORK, exist_ok=True)
DEFAULT_MIN = None  # read from `crossclaim reuse --help`


def read_text(path):
    with open(path, "rb") as f:
        data = f.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def day_key(d):  # dd.mm.yy -> sortable
    dd, mm, yy = d.split(".")
    return ("19" if int(yy) > 50 else "20") + yy + mm + dd


def published(doc_id):
    """The catalogue day of a METER path (.../courts/dd.mm.yy/...) as an ISO date; None
    elsewhere. PA texts and the papers of one folder share the day (no time of day)."""
    m = re.search(r"/(\d\d)\.(\d\d)\.(\d\d)/", doc_id)
    if not m:
        return None
    return day_key(".".join(m.groups()))[:4] + "-" + m.group(2) + "-" + m.group(1)


def run_reuse(docs, name):
    path = os.path.join(WORK, name + ".jsonl")
    with open(path, "w") as f:
        for doc_id, text in docs:
            record = {"id": doc_id, "text": text}
            if published(doc_id):
                record["published"] = published(doc_id)
            f.write(json.dumps(record) + "\n")
    extra = os.environ.get("REUSE_ARGS", "").split()
    out = subprocess.run([BIN, "reuse", path, "--min-containment", "0", "--format", "jsonl"] + extra,
                         check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines()]


WORD = re.compile(r"[0-9a-z]+(?:['.,][0-9a-z]+)*")


def words(text):
    return WORD.findall(text.lower().replace("\u2019", "'"))


def grams3(text):
    w = words(text)
    return {tuple(w[i:i + 3]) for i in range(len(w) - 2)}


def anchor(derived_text, source_text):
    n = grams3(derived_text)
    return len(n & grams3(source_text)) / len(n) if n else 0.0


def byte_to_char(text):
    """Map byte offsets of the UTF-8 text to character offsets."""
    m = []
    for i, ch in enumerate(text):
        m.extend([i] * len(ch.encode("utf-8")))
    m.append(len(text))
    return m


def share_of(pair, paper, texts):
    """The paper's share in the pair's passages: the containment when it is the derived
    text, else its source_containment."""
    return pair["containment"] if pair["derived"] == paper else pair["source_containment"]


def auroc(scores, labels):
    pos = [s for s, l in zip(scores, labels) if l]
    neg = [s for s, l in zip(scores, labels) if not l]
    if not pos or not neg:
        return float("nan")
    wins = 0.0
    for p in pos:
        for n in neg:
            wins += 1.0 if p > n else 0.5 if p == n else 0.0
    return wins / (len(pos) * len(neg))


CLASSES = ["wholly", "partially", "non"]


def macro_f1(pred, gold):
    f1s = []
    for c in CLASSES:
        tp = sum(1 for p, g in zip(pred, gold) if p == c and g == c)
        fp = sum(1 for p, g in zip(pred, gold) if p == c and g != c)
        fn = sum(1 for p, g in zip(pred, gold) if p != c and g == c)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / 3


def grade(score, tw, tp):
    return "wholly" if score >= tw else "partially" if score >= tp else "non"


def fit_thresholds(scores, gold):
    """The (macro F1, tw, tp) maximising macro F1 over thresholds from the rounded scores;
    counts of scores at or above each threshold by bisection, so O(grid^2) after sorting."""
    from bisect import bisect_left
    grid = sorted(set(round(s, 3) for s in scores)) or [0.0]
    by_class = {c: sorted(s for s, g in zip(scores, gold) if g == c) for c in CLASSES}
    every = sorted(scores)

    def at_least(values, t):
        return len(values) - bisect_left(values, t)

    ge = {t: ({c: at_least(by_class[c], t) for c in CLASSES}, at_least(every, t)) for t in grid}
    n = len(scores)

    def f1(tp_, fp_, fn_):
        return 2 * tp_ / (2 * tp_ + fp_ + fn_) if tp_ else 0.0

    best = (-1, 0, 0)
    for tp in grid:
        gp, ap = ge[tp]
        for tw in grid:
            if tw < tp:
                continue
            gw, aw = ge[tw]
            hit_w = gw["wholly"]
            hit_p = gp["partially"] - gw["partially"]
            hit_n = len(by_class["non"]) - gp["non"]
            f = (f1(hit_w, aw - hit_w, len(by_class["wholly"]) - hit_w) +
                 f1(hit_p, (ap - aw) - hit_p, len(by_class["partially"]) - hit_p) +
                 f1(hit_n, (n - ap) - hit_n, len(by_class["non"]) - hit_n)) / 3
            if f > best[0]:
                best = (f, tw, tp)
    return best


def spearman(x, y):
    def ranks(v):
        order = sorted(range(len(v)), key=lambda i: v[i])
        r = [0.0] * len(v)
        i = 0
        while i < len(v):
            j = i
            while j + 1 < len(v) and v[order[j + 1]] == v[order[i]]:
                j += 1
            for k in range(i, j + 1):
                r[order[k]] = (i + j) / 2
            i = j + 1
        return r
    rx, ry = ranks(x), ranks(y)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    vx = sum((a - mx) ** 2 for a in rx) ** 0.5
    vy = sum((b - my) ** 2 for b in ry) ** 0.5
    return cov / (vx * vy)


# ---- METER courts ----
rows = list(csv.DictReader(open(os.path.join(METER, "courts_gold.tsv")), delimiter="\t"))
texts = {}
for r in rows:
    texts[r["newspaper"]] = read_text(os.path.join(METER, r["newspaper"]))
    for pa in filter(None, r["pa_candidates"].split(",")):
        texts.setdefault(pa, read_text(os.path.join(METER, pa)))
pairs = run_reuse(sorted(texts.items()), "meter")
by_paper = defaultdict(list)
for p in pairs:
    by_paper[p["source"]].append(p)
    by_paper[p["derived"]].append(p)

help_text = subprocess.run([BIN, "reuse", "--help"], capture_output=True, text=True).stdout
m = re.search(r"--min-containment[^=]*=([0-9.]+)", help_text)
DEFAULT_MIN = float(m.group(1))


def story(path):
    parts = path.split("/")
    return parts[3], parts[4]  # day, catchline


days = sorted({r["date"] for r in rows}, key=day_key)
tune_days = set(days[:len(days) // 2])
split = {"tune": [r for r in rows if r["date"] in tune_days],
         "held-out": [r for r in rows if r["date"] not in tune_days]}

def explained(pair):
    """A nearer source of the derived text explains the pair: it is no link."""
    return "explained_by" in pair


results = {}
ours_all, links_all, anchor_all, union_ours, union_anchor = {}, {}, {}, {}, {}
for r in rows:
    paper = r["newspaper"]
    cands = [c for c in r["pa_candidates"].split(",") if c]
    best, best_pair = 0.0, None
    best_link, best_link_pair = 0.0, None  # among pairs no nearer source explains
    for p in by_paper[paper]:
        other = p["source"] if p["derived"] == paper else p["derived"]
        if other in cands:
            s = share_of(p, paper, texts)
            if s > best:
                best, best_pair = s, p
            if s > best_link and not explained(p):
                best_link, best_link_pair = s, p
    ours_all[paper] = (best, best_pair)
    links_all[paper] = (best_link, best_link_pair)
    anchor_all[paper] = max([anchor(texts[paper], texts[c]) for c in cands] or [0.0])
    # Union over all PA candidates (a paper often combines several takes): the share of the
    # paper's word characters inside any passage aligned with any candidate; the anchor's
    # union is |N & (P1 | P2 | ...)| / |N|.
    raw = texts[paper]
    b2c = byte_to_char(raw)
    cov = [False] * len(raw)
    for p in by_paper[paper]:
        other = p["source"] if p["derived"] == paper else p["derived"]
        if other not in cands or p["containment"] == 0:
            continue
        key = "derived" if p["derived"] == paper else "source"
        for ps in p["passages"]:
            for c in range(b2c[ps[key + "_start"]], b2c[ps[key + "_end"]]):
                cov[c] = True
    word_chars = [m.span() for m in WORD.finditer(raw.lower())]
    total = sum(e - b for b, e in word_chars)
    union_ours[paper] = sum(sum(cov[b:e]) for b, e in word_chars) / total if total else 0.0
    n3 = grams3(raw)
    pa3 = set().union(*[grams3(texts[c]) for c in cands]) if cands else set()
    union_anchor[paper] = len(n3 & pa3) / len(n3) if n3 else 0.0

tuned = {}
for name in ["tune", "held-out"]:
    rs = split[name]
    gold = [r["class"] for r in rs]
    derived = [g != "non" for g in gold]
    ours = [ours_all[r["newspaper"]][0] for r in rs]
    anc = [anchor_all[r["newspaper"]] for r in rs]
    res = {"papers": len(rs), "days": len(tune_days) if name == "tune" else len(days) - len(tune_days)}
    res["auroc"] = auroc(ours, derived)
    res["auroc_anchor"] = auroc(anc, derived)
    uo = [union_ours[r["newspaper"]] for r in rs]
    ua = [union_anchor[r["newspaper"]] for r in rs]
    res["auroc_union"] = auroc(uo, derived)
    res["auroc_anchor_union"] = auroc(ua, derived)
    if name == "tune":
        tuned["union"] = fit_thresholds(uo, gold)
        tuned["anchor_union"] = fit_thresholds(ua, gold)
    res["f1_union_fitted_on_tune"] = macro_f1([grade(x, *tuned["union"][1:]) for x in uo], gold)
    res["f1_anchor_union_fitted_on_tune"] = macro_f1(
        [grade(x, *tuned["anchor_union"][1:]) for x in ua], gold)
    if name == "tune":
        tuned["ours"] = fit_thresholds(ours, gold)
        tuned["anchor"] = fit_thresholds(anc, gold)
    res["f1_fitted_on_tune"] = macro_f1([grade(s, *tuned["ours"][1:]) for s in ours], gold)
    res["f1_anchor_fitted_on_tune"] = macro_f1([grade(s, *tuned["anchor"][1:]) for s in anc], gold)
    default_pred = []
    for r in rs:
        s, p = links_all[r["newspaper"]]
        default_pred.append(p["grade"] if p is not None and p["derived"] == r["newspaper"]
                            and s >= DEFAULT_MIN else
                            (p["grade"] if p is not None and s >= DEFAULT_MIN else "non"))
    res["f1_default_grade"] = macro_f1(default_pred, gold)
    # Linking at the default --min-containment.
    linked = {c: [0, 0] for c in ["wholly", "partially", "non"]}
    for r in rs:
        linked[r["class"]][1] += 1
        linked[r["class"]][0] += links_all[r["newspaper"]][0] >= DEFAULT_MIN
    res["linked"] = {c: (v[0] / v[1] if v[1] else float("nan")) for c, v in linked.items()}
    papers = {r["newspaper"]: r for r in rs}
    cross = pa_paper = pa_source = 0
    for p in pairs:
        if p["containment"] < DEFAULT_MIN or explained(p):
            continue
        a, b = p["source"], p["derived"]
        for paper, other in ((a, b), (b, a)):
            if paper in papers and other.startswith("PA/"):
                pa_paper += 1
                pa_source += other == p["source"]
                if story(paper) != story(other):
                    cross += 1
    res["pa_paper_pairs"] = pa_paper
    res["pa_named_source"] = pa_source / pa_paper if pa_paper else float("nan")
    res["cross_story_links"] = cross
    results[name] = res

# Verbatim-span recall and New share from the annotated SGML (held-out papers with markup).
TAG = re.compile(r"<(/?)(Verbatim|Rewrite|New|unclassified)[^>]*>", re.I)


def squeeze_map(text):
    """Characters of `text` without white space and quote/dash variants: (string, indices)."""
    out, idx = [], []
    for i, ch in enumerate(text):
        if ch.isspace() or ch in "\"'`\u2018\u2019\u201c\u201d-\u2013\u2014_<\x19#\u00a3":
            continue
        out.append(ch.lower())
        idx.append(i)
    return "".join(out), idx


def annotated_labels(sgml):
    body = sgml.split("<body>", 1)[-1].split("</body>", 1)[0]
    chars, labels = [], []
    label = None
    pos = 0
    for m in TAG.finditer(body):
        seg = html.unescape(body[pos:m.start()])
        chars.append(seg)
        labels.append(label)
        label = None if m.group(1) else m.group(2).lower()
        pos = m.end()
    chars.append(html.unescape(body[pos:]))
    labels.append(label)
    # Per squeezed character: its label and the length of the span it came from.
    sq, lab, span_len = [], [], []
    for seg, l in zip(chars, labels):
        s, _ = squeeze_map(seg)
        sq.append(s)
        lab.extend([l] * len(s))
        span_len.extend([len(seg.strip())] * len(s))
    return "".join(sq), lab, span_len


span_stats = {}
for name in ["tune", "held-out"]:
    verb_total = verb_hit = rep_total = rep_new = 0
    matched = unmatched = 0
    for r in split[name]:
        paper = r["newspaper"]
        sgml_path = os.path.join(METER, paper.replace("rawtexts", "annotated")[:-4] + ".sgml")
        if not os.path.exists(sgml_path):
            continue
        sq_ann, lab, span_len = annotated_labels(read_text(sgml_path))
        raw = texts[paper]
        sq_raw, idx = squeeze_map(raw)
        if sq_ann != sq_raw:
            unmatched += 1
            continue
        matched += 1
        b2c = byte_to_char(raw)
        covered = [False] * len(raw)
        cands = set(c for c in r["pa_candidates"].split(",") if c)
        for p in by_paper[paper]:
            if p["containment"] < DEFAULT_MIN or explained(p):
                continue
            other = p["source"] if p["derived"] == paper else p["derived"]
            if other not in cands:
                continue
            key = ("derived_start", "derived_end") if p["derived"] == paper else \
                ("source_start", "source_end")
            for ps in p["passages"]:
                for c in range(b2c[ps[key[0]]], b2c[ps[key[1]]]):
                    covered[c] = True
        for k, (l, n) in enumerate(zip(lab, span_len)):
            hit = covered[idx[k]]
            if l == "verbatim" and n >= 40:
                verb_total += 1
                verb_hit += hit
            if hit:
                rep_total += 1
                rep_new += l == "new"
    span_stats[name] = {"annotated_papers": matched, "markup_not_aligned": unmatched,
                        "verbatim_recall": verb_hit / verb_total if verb_total else float("nan"),
                        "reported_new_share": rep_new / rep_total if rep_total else float("nan")}

# ---- Clough-Stevenson ----
info = list(csv.DictReader(open(os.path.join(CLOUGH, "data", "file_information.csv"))))
cs_texts = {r["File"]: read_text(os.path.join(CLOUGH, "data", r["File"])) for r in info}
cs_pairs = run_reuse(sorted(cs_texts.items()), "clough")
level = {"non": 0, "heavy": 1, "light": 2, "cut": 3}
# Split by task (each task has its own source text): choices are made on tasks a and b, task c
# is held out; "spearman" over all answers is kept for comparison with earlier figures.
CS_TUNE_TASKS = {"a", "b"}
scored = []  # (task, ours, anchor, grade)
for r in info:
    if r["Category"] == "orig":
        continue
    orig = "orig_task" + r["Task"] + ".txt"
    s = 0.0
    for p in cs_pairs:
        if {p["source"], p["derived"]} == {r["File"], orig}:
            s = share_of(p, r["File"], cs_texts)
    scored.append((r["Task"], s, anchor(cs_texts[r["File"]], cs_texts[orig]),
                   level[r["Category"]]))


def cs_spearman(rows, column):
    return spearman([row[column] for row in rows], [row[3] for row in rows])


def cs_ceiling(rows):
    """The Spearman of a score that orders every answer by its grade except answers sharing
    (almost) no word 3-gram with their task's source (anchor <= 0.02), which any measure of
    shared text puts with the non-derived answers: some answers graded cut were cut from
    parts of the Wikipedia article that are not in the corpus's source text."""
    return spearman([g if a > 0.02 or g == 0 else 0 for _, _, a, g in rows],
                    [row[3] for row in rows])


cs = {"answers": len(scored), "spearman": cs_spearman(scored, 1),
      "spearman_anchor": cs_spearman(scored, 2), "spearman_ceiling": cs_ceiling(scored)}
for name, keep in (("tune", lambda t: t in CS_TUNE_TASKS),
                   ("held-out", lambda t: t not in CS_TUNE_TASKS)):
    part = [row for row in scored if keep(row[0])]
    cs[name] = {"tasks": "".join(sorted({row[0] for row in part})), "answers": len(part),
                "spearman": cs_spearman(part, 1), "spearman_anchor": cs_spearman(part, 2),
                "spearman_ceiling": cs_ceiling(part)}

report = {"default_min_containment": DEFAULT_MIN, "tune_days": sorted(tune_days, key=day_key),
          "thresholds_fitted_on_tune": {k: v[1:] for k, v in tuned.items()},
          "meter": results, "spans": span_stats, "clough_stevenson": cs,
          "meter_pairs_reported_at_0": len(pairs)}
print(json.dumps(report, indent=1))

if os.environ.get("REUSE_EVAL_DUMP"):
    with open(os.path.join(WORK, "papers.tsv"), "w") as f:
        for r in rows:
            s, p = ours_all[r["newspaper"]]
            f.write(f"{r['newspaper']}\t{r['class']}\t{s:.3f}\t{anchor_all[r['newspaper']]:.3f}\t"
                    f"{(p or {}).get('direction', '-')}\t{len(texts[r['newspaper']])}\n")
