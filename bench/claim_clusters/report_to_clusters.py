#!/usr/bin/python3
"""report.json -> `id<TAB>cluster` per document: the cluster of its (only) claim; a document
without an on-event claim is its own cluster. Usage: report_to_clusters.py REPORT OUT_TSV."""
import os, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../lib"))
import report_json  # noqa: E402  (bench/lib: report.json of either schema as /1)

report = report_json.load(sys.argv[1])
cluster = {}
for claim in report['claims']:
    cluster.setdefault(claim['doc'], claim['cluster'] if claim['cluster'] is not None else 'off-' + claim['doc'])
with open(sys.argv[2], 'w') as out:
    for doc in report['documents']:
        out.write(f"{doc['id']}\t{cluster.get(doc['id'], 'none-' + doc['id'])}\n")
