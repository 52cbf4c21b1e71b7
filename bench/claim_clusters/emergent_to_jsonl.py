#!/usr/bin/python3
"""Emergent headlines -> crossclaim inputs: one document per article headline (a sentence,
so a full stop is added where it has none) and a gold TSV `id<TAB>claimId`, for all
headlines and for two parts split by claim: `dev` (tuned on) and `test` (held out, about a
third of the claims: the first byte of sha1("emergent:" + claimId) divisible by 3).
Writes headlines.jsonl, gold.tsv, headlines_dev.jsonl, gold_dev.tsv, headlines_test.jsonl,
gold_test.tsv. Usage: emergent_to_jsonl.py EMERGENT_CSV OUT_DIR. Nothing of Emergent is
committed."""
import csv, hashlib, json, os, sys


def part_of(claim_id):
    return 'test' if hashlib.sha1(f'emergent:{claim_id}'.encode()).digest()[0] % 3 == 0 else 'dev'


src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
files = {}
for suffix in ('', '_dev', '_test'):
    files[suffix] = (open(os.path.join(out, f'headlines{suffix}.jsonl'), 'w'),
                     open(os.path.join(out, f'gold{suffix}.tsv'), 'w'))
with open(src, newline='') as f:
    for row in csv.DictReader(f):
        text = row['articleHeadline'].strip()
        if not text:
            continue
        if text[-1] not in '.!?':
            text += '.'
        doc_id = 'h' + row['id']
        for suffix in ('', '_' + part_of(row['claimId'])):
            docs, gold = files[suffix]
            docs.write(json.dumps({'id': doc_id, 'text': text}) + '\n')
            gold.write(f"{doc_id}\t{row['claimId']}\n")
for docs, gold in files.values():
    docs.close()
    gold.close()
