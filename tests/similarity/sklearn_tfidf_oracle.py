#!/usr/bin/python3
"""Oracle for tests/similarity/tfidf_test.cc: scikit-learn's TfidfVectorizer on given tokens.

Usage: sklearn_tfidf_oracle.py TOKENS STOPWORDS OUT [--no-sublinear] [--no-smooth]
                               [--no-stop-words] [--no-possessive] [--bigrams] [--min-df N]

TOKENS: one document per line, normalised tokens separated by single spaces (an empty line is
an empty document). STOPWORDS: one word per line. The analysis (possessive strip, stop words,
unigrams + bigrams) is re-implemented here from the documented rules in similarity/tfidf.h and
handed to scikit-learn as a callable analyzer; the weighting is scikit-learn's own.

OUT receives: `vocab <n>` then n lines `<term>\t<idf>` in column order, then `entries <m>`
then m lines `<row> <col> <value>` (value with 17 significant digits).
Exit code 3 when scikit-learn is not installed.
"""
import argparse
import sys

try:
    from sklearn.feature_extraction.text import TfidfVectorizer
except ImportError as e:  # the C++ test turns this into a skip
    print(f"scikit-learn not available in {sys.executable}: {e}", file=sys.stderr)
    sys.exit(3)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("tokens")
    p.add_argument("stopwords")
    p.add_argument("out")
    p.add_argument("--no-sublinear", action="store_true")
    p.add_argument("--no-smooth", action="store_true")
    p.add_argument("--no-stop-words", action="store_true")
    p.add_argument("--no-possessive", action="store_true")
    p.add_argument("--bigrams", action="store_true")
    p.add_argument("--min-df", type=int, default=1)
    a = p.parse_args()

    with open(a.tokens, encoding="utf-8") as f:
        docs = [line.rstrip("\n") for line in f]
    with open(a.stopwords, encoding="utf-8") as f:
        stop = {w.strip() for w in f if w.strip()}

    def analyze(line):
        kept = []
        for t in line.split(" ") if line else []:
            if not a.no_possessive and len(t) > 2 and t.endswith("'s"):
                t = t[:-2]
            if not t or (not a.no_stop_words and t in stop):
                continue
            kept.append(t)
        terms = list(kept)
        if a.bigrams:
            terms += [kept[i] + " " + kept[i + 1] for i in range(len(kept) - 1)]
        return terms

    v = TfidfVectorizer(analyzer=analyze, sublinear_tf=not a.no_sublinear,
                        smooth_idf=not a.no_smooth, norm="l2", min_df=a.min_df,
                        lowercase=False)
    x = v.fit_transform(docs).tocoo()
    names = v.get_feature_names_out()
    with open(a.out, "w", encoding="utf-8") as f:
        f.write(f"vocab {len(names)}\n")
        for name, idf in zip(names, v.idf_):
            f.write(f"{name}\t{idf!r}\n")
        f.write(f"entries {x.nnz}\n")
        for r, c, val in zip(x.row, x.col, x.data):
            f.write(f"{r} {c} {val:.17g}\n")


if __name__ == "__main__":
    main()
