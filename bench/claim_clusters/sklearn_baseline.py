#!/usr/bin/python3
"""Baseline: scikit-learn TfidfVectorizer(sublinear_tf=True) + average-link clustering on
cosine distance, one clustering per distance threshold given (the caller picks the threshold
on dev). Prints `threshold<TAB>file` lines of the clusterings it wrote.
Usage: sklearn_baseline.py HEADLINES_JSONL OUT_DIR THRESHOLD..."""
import json, os, sys
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

docs = [json.loads(line) for line in open(sys.argv[1])]
os.makedirs(sys.argv[2], exist_ok=True)
x = TfidfVectorizer(sublinear_tf=True).fit_transform([d['text'] for d in docs]).toarray()
for t in sys.argv[3:]:
    labels = AgglomerativeClustering(n_clusters=None, metric='cosine', linkage='average',
                                     distance_threshold=float(t)).fit_predict(x)
    path = os.path.join(sys.argv[2], f'sklearn_{t}.tsv')
    with open(path, 'w') as out:
        for d, label in zip(docs, labels):
            out.write(f"{d['id']}\t{label}\n")
    print(f'{t}\t{path}')
