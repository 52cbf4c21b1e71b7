#!/usr/bin/python3
"""Baseline: scikit-learn TfidfVectorizer(sublinear_tf=True) + average-link clustering on
cosine distance, distance threshold tuned on the same headlines for the best pairwise F1
(an optimistic baseline). Prints `threshold<TAB>file` lines of the clusterings it wrote.
Usage: sklearn_baseline.py HEADLINES_JSONL OUT_DIR."""
import json, os, sys
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

docs = [json.loads(line) for line in open(sys.argv[1])]
x = TfidfVectorizer(sublinear_tf=True).fit_transform([d['text'] for d in docs]).toarray()
for t in (0.6, 0.7, 0.8, 0.85, 0.9):
    labels = AgglomerativeClustering(n_clusters=None, metric='cosine', linkage='average',
                                     distance_threshold=t).fit_predict(x)
    path = os.path.join(sys.argv[2], f'sklearn_{t}.tsv')
    with open(path, 'w') as out:
        for d, label in zip(docs, labels):
            out.write(f"{d['id']}\t{label}\n")
    print(f'{t}\t{path}')
