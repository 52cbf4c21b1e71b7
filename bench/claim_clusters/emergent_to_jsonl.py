#!/usr/bin/python3
"""Emergent headlines -> crossclaim inputs: one document per article headline (a sentence,
so a full stop is added where it has none) and a gold TSV `id<TAB>claimId`.
Usage: emergent_to_jsonl.py EMERGENT_CSV OUT_DIR. Nothing of Emergent is committed."""
import csv, json, os, sys

src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
with open(src, newline='') as f, open(os.path.join(out, 'headlines.jsonl'), 'w') as docs, \
        open(os.path.join(out, 'gold.tsv'), 'w') as gold:
    for row in csv.DictReader(f):
        text = row['articleHeadline'].strip()
        if not text:
            continue
        if text[-1] not in '.!?':
            text += '.'
        doc_id = 'h' + row['id']
        docs.write(json.dumps({'id': doc_id, 'text': text}) + '\n')
        gold.write(f"{doc_id}\t{row['claimId']}\n")
