"""Reads report.json of either schema as crossclaim.report/1 (docs/report-format.md).

The default report.json is crossclaim.report/2, which leaves out what follows from what stays;
`expand` puts it back, so the scripts that read report.json keep reading /1's fields:

    from report_json import load
    report = load("out/report.json")   # /1 fields whichever schema the file holds
"""
import json

FULL = "crossclaim.report/1"
COMPACT = "crossclaim.report/2"

_DOCUMENT_DEFAULTS = {"reason": None, "utf8_repairs": 0, "boilerplate_removed": 0}
_USED_DOCUMENT_DEFAULTS = {"author": "", "source": ""}
_CLAIM_DEFAULTS = {"off_event": False, "question": False, "quote": False, "attribution": None,
                   "context_attribution": None, "cluster": None}
_CLAIM_LISTS = ("numbers", "dates", "names", "negation", "modality")
_SPAN_NULLS = {"numbers": ("unit", "qualifier"), "dates": ("year", "month", "day", "weekday")}


def _with_defaults(obj, defaults):
    for key, value in defaults.items():
        obj.setdefault(key, value)
    return obj


def _distinct(values):
    out = []
    for v in values:
        if v not in out:
            out.append(v)
    return out


def _single_cluster(entry, claim, outlet):
    """`entry`: [cluster id, claim id] or [cluster id, claim id, upstream name]."""
    doc = claim["doc"]
    name = entry[2] if len(entry) == 3 else None
    return {"id": entry[0], "label": "single_source", "claims": [entry[1]],
            "documents": [doc], "outlets": [outlet], "independent_sources": 1,
            "upstream_sources": 1,
            "upstream": [] if name is None else [{"name": name, "documents": [doc]}],
            "quotation": None, "origin": doc,
            "speakers": [] if claim["attribution"] is None else [claim["attribution"]],
            "divergences": [], "cards": []}


def expand(report):
    """`report` (a parsed report.json) as crossclaim.report/1; a /1 report is returned as is."""
    if report.get("schema") != COMPACT:
        return report
    for d in report["documents"]:
        _with_defaults(d, _DOCUMENT_DEFAULTS)
        d.setdefault("warnings", [])
        if d["status"] == "used":
            _with_defaults(d, _USED_DOCUMENT_DEFAULTS)
    outlet_of = {d["id"]: d["outlet"] for d in report["documents"]}
    claims = report["claims"]
    for c in claims:
        _with_defaults(c, _CLAIM_DEFAULTS)
        for field in _CLAIM_LISTS:
            c.setdefault(field, [])
        text = c["text"].encode("utf-8")
        for field, parts in _SPAN_NULLS.items():
            for span in c[field]:
                _with_defaults(span, dict.fromkeys(parts))
                if "text" not in span:  # the claim's bytes at the span's offsets
                    span["text"] = text[span["start"] - c["start"]:span["end"] - c["start"]].decode(
                        "utf-8")
        c["outlet"] = outlet_of[c["doc"]]
    for cluster in report["clusters"]:
        cluster.setdefault("outlets", _distinct(outlet_of[d] for d in cluster["documents"]))
        for d in cluster["divergences"]:
            for side in ("a", "b"):
                d[side + "_doc"] = claims[d[side]]["doc"]
                d[side + "_outlet"] = claims[d[side]]["outlet"]
    singles = [_single_cluster(e, claims[e[1]], claims[e[1]]["outlet"])
               for e in report.pop("single_claim_clusters")]
    report["clusters"] = sorted(report["clusters"] + singles, key=lambda c: c["id"])
    for p in report["copies"]:
        p["origin"] = p["a"]
    report["schema"] = FULL
    return report


def load(path):
    """report.json at `path` as crossclaim.report/1."""
    with open(path, encoding="utf-8") as f:
        return expand(json.load(f))
