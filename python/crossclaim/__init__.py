"""crossclaim: compare news reports of one event across outlets, claim by claim.

The Python face of crossclaim's C++ engine (the same code as the `crossclaim` command):

    import crossclaim
    sigs = crossclaim.MinHash(num_perm=128).signatures(texts)          # (n, 128) uint32
    pairs = crossclaim.dedup(texts, threshold=0.8)                     # verified copies
    x = crossclaim.TfidfVectorizer().fit_transform(texts)              # scipy CSR, unit rows
    report = crossclaim.report(crossclaim.read("articles/"))           # report.json as a dict

Every long-running call releases the GIL and runs on the engine's worker threads
(`threads=0`: every core). Engine errors are crossclaim.Error subclasses:
InvalidArgumentError (also a ValueError), NotFoundError (a FileNotFoundError),
DataLossError (an OSError) and InternalError (a RuntimeError). docs/python.md has more.
"""
from __future__ import annotations

import json as _json
import os as _os
from typing import Iterable, List, NamedTuple, Optional, Sequence, Tuple, Union

import numpy as _np

from ._crossclaim import (  # noqa: F401  (re-exported)
    LSH,
    Corpus,
    DataLossError,
    Error,
    InternalError,
    InvalidArgumentError,
    MinHash,
    NotFoundError,
    read,
    stop_words,
    tokenize,
)
from . import _crossclaim

__version__ = "0.1.0"

__all__ = [
    "Corpus", "CopyGroup", "CopyPair", "DataLossError", "DedupResult", "Error",
    "InternalError", "InvalidArgumentError", "LSH", "MinHash", "NotFoundError", "SimilarPair",
    "TfidfVectorizer", "claims", "dedup", "read", "report", "reuse", "similar", "stop_words", "tokenize",
]


class CopyPair(NamedTuple):
    """Text `b` copied text from text `a` (`a` comes first in the input).

    a, b: indices into the texts, or their ids when dedup() was given ids.
    jaccard: the exact Jaccard similarity of the two shingle sets (>= the threshold).
    estimate: the MinHash estimate from the signatures.
    shared: shingles in common.
    span_a, span_b: the copied passages as str indices [start, end) into the two texts (the
    whole texts at level="doc").
    """

    a: Union[int, object]
    b: Union[int, object]
    jaccard: float
    estimate: float
    shared: int
    span_a: Tuple[int, int]
    span_b: Tuple[int, int]


class CopyGroup(NamedTuple):
    """Texts joined by copy pairs (a connected component); origin is the first of them."""

    members: List[Union[int, object]]
    origin: Union[int, object]


class DedupResult(List[CopyPair]):
    """The pairs of dedup(), a list of CopyPair, with `groups` and `stats` attributes."""

    groups: List[CopyGroup]
    stats: dict


class SimilarPair(NamedTuple):
    """Rows a < b of the TF-IDF matrix and their cosine (float32 precision)."""

    a: int
    b: int
    cosine: float


def dedup(texts: Iterable[str], threshold: float = 0.8, ids: Optional[Sequence] = None, *,
          level: str = "doc", ngram: int = 5, shingle: str = "word", num_perm: int = 128,
          mode: str = "classic", seed: int = 1, threads: int = 0) -> DedupResult:
    """The copied texts (or passages) among `texts`, every pair verified by exact Jaccard.

    As `crossclaim dedup` (similarity/dedup.h): word `ngram`-gram shingles (or `ngram`
    code points with shingle="char"), MinHash signatures (MinHash(num_perm, seed, mode)),
    LSH bands chosen for `threshold`, then the exact Jaccard similarity of each candidate's
    shingle sets: every returned pair has jaccard >= threshold, and pairs LSH misses are
    rare (at the default banding a pair at Jaccard 0.85 is a candidate with probability
    0.9986). level="passage" compares windows of 1-3 sentences, so a pasted paragraph inside
    a longer text is found; per pair of texts the best non-overlapping matches are kept.

    Returns a DedupResult: a list of CopyPair sorted by (a, b, span), where `a` is the
    earlier text in input order, with `.groups` (CopyGroup per connected component) and
    `.stats` (units, empty_units, candidate_pairs, verified_pairs, bands, rows).
    With `ids` (one per text), pairs and groups name texts by id instead of index.
    Runs without the GIL on `threads` worker threads (0: every core).

    Raises InvalidArgumentError for a threshold outside (0, 1], a bad option value, or ids
    of the wrong length; TypeError for an item that is not a str.
    """
    texts = texts if isinstance(texts, (list, tuple)) else list(texts)
    if ids is not None:
        ids = list(ids)
        if len(ids) != len(texts):
            raise InvalidArgumentError(
                f"dedup: {len(ids)} ids for {len(texts)} texts (one id per text)")
    pairs, groups, stats = _crossclaim._dedup(texts, threshold, level, ngram, shingle, num_perm,
                                              mode, seed, threads)
    name = (lambda i: i) if ids is None else ids.__getitem__
    out = DedupResult(CopyPair(name(a), name(b), j, e, s, sa, sb)
                      for a, b, j, e, s, sa, sb in pairs)
    out.groups = [CopyGroup([name(m) for m in members], name(origin))
                  for members, origin in groups]
    out.stats = stats
    return out


_NORMS = {"l2": True, None: False}


class TfidfVectorizer:
    """TF-IDF vectors with scikit-learn's formulas (similarity/tfidf.h), from the C++ engine.

    TfidfVectorizer(sublinear_tf=True, smooth_idf=True, norm="l2", stop_words="english",
                    strip_possessive=True, ngram_range=(1, 1), min_df=1, n_features=None,
                    threads=0)

    fit_transform(texts) equals scikit-learn's
    ``TfidfVectorizer(sublinear_tf=..., smooth_idf=..., norm=..., min_df=...,
    ngram_range=..., lowercase=False, tokenizer=crossclaim.tokenize, token_pattern=None,
    stop_words=crossclaim.stop_words(), dtype=numpy.float32)`` (to float32 precision) when
    strip_possessive=False; with it (the default) a trailing "'s" is dropped from each token
    first ("putin's" -> "putin"). Columns are the terms in byte order, as scikit-learn's.
    Differences from scikit-learn's defaults: sublinear tf and crossclaim's stop list are on;
    min_df is a count (an int >= 1); ngram_range is (1, 1) or (1, 2).

    Documents are str (tokenised by crossclaim.tokenize, in parallel without the GIL) or
    lists of tokens taken as they are. n_features > 0 hashes terms into that many columns
    instead of a vocabulary. Raises InvalidArgumentError for a bad setting.
    """

    def __init__(self, *, sublinear_tf: bool = True, smooth_idf: bool = True,
                 norm: Optional[str] = "l2", stop_words: Optional[str] = "english",
                 strip_possessive: bool = True, ngram_range: Tuple[int, int] = (1, 1),
                 min_df: int = 1, n_features: Optional[int] = None, threads: int = 0):
        if norm not in _NORMS:
            raise InvalidArgumentError(f'TfidfVectorizer: norm must be "l2" or None (got {norm!r})')
        if stop_words not in ("english", None):
            raise InvalidArgumentError(
                f'TfidfVectorizer: stop_words must be "english" or None (got {stop_words!r})')
        if tuple(ngram_range) not in ((1, 1), (1, 2)):
            raise InvalidArgumentError(
                f"TfidfVectorizer: ngram_range must be (1, 1) or (1, 2) (got {ngram_range!r})")
        if isinstance(min_df, float) or isinstance(min_df, bool):
            raise InvalidArgumentError(
                f"TfidfVectorizer: min_df must be an int count >= 1 (got {min_df!r})")
        self.sublinear_tf, self.smooth_idf, self.norm = sublinear_tf, smooth_idf, norm
        self.stop_words, self.strip_possessive = stop_words, strip_possessive
        self.ngram_range, self.min_df, self.n_features = tuple(ngram_range), min_df, n_features
        self.threads = threads
        self._engine = _crossclaim._Tfidf(
            sublinear_tf=bool(sublinear_tf), smooth_idf=bool(smooth_idf),
            l2_normalize=_NORMS[norm], stop_words=stop_words is not None,
            strip_possessive=bool(strip_possessive), bigrams=self.ngram_range == (1, 2),
            min_df=int(min_df), hash_buckets=int(n_features or 0), threads=int(threads))

    @staticmethod
    def _matrix(arrays):
        from scipy.sparse import csr_matrix

        data, indices, indptr, shape = arrays
        return csr_matrix((data, indices, indptr), shape=shape)

    def fit(self, documents) -> "TfidfVectorizer":
        """Learns the vocabulary and document frequencies of `documents`; returns self."""
        self._engine.fit(documents)
        return self

    def fit_transform(self, documents):
        """fit(documents) then transform(documents): a scipy.sparse.csr_matrix of float32,
        one row per document, sorted column indices."""
        return self._matrix(self._engine.fit_transform(documents))

    def transform(self, documents):
        """The TF-IDF rows of `documents` with the fitted vocabulary (unknown terms ignored).
        Raises InvalidArgumentError before a fit."""
        return self._matrix(self._engine.transform(documents))

    def get_feature_names_out(self):
        """The term of each column (numpy array of str), as scikit-learn's method."""
        return _np.asarray(self._engine.terms(), dtype=object)

    @property
    def vocabulary_(self) -> dict:
        """term -> column."""
        return {t: i for i, t in enumerate(self._engine.terms())}

    @property
    def idf_(self):
        """The idf of each column (numpy float64 array)."""
        return self._engine.idf()

    def build_analyzer(self):
        """The analysis of one document: str -> its terms (tokens, possessives stripped, stop
        words dropped, bigrams), as fit() sees them."""
        engine = self._engine
        return lambda doc: engine.analyze(tokenize(doc) if isinstance(doc, str) else list(doc))


def similar(texts, threshold: float = 0.5, *, groups: Optional[Sequence[int]] = None,
            top_k: int = 0, bigrams: bool = False, threads: int = 0) -> List[SimilarPair]:
    """Every pair of texts whose TF-IDF cosine is >= threshold (similarity/cosine.h).

    The TF-IDF is TfidfVectorizer()'s (sublinear tf, smoothed idf, L2, crossclaim's stop
    list; bigrams=True adds ngram_range (1, 2)) fitted on `texts`; the search is exact (no
    pair at or above the threshold is missed) and never builds the n x n product. With
    `groups` (one int per text), only pairs of different groups are reported (claims of
    different articles); with top_k > 0 a pair is kept when it is among the k best of
    either row. Returns SimilarPair(a, b, cosine) with a < b, sorted by (a, b).
    Raises InvalidArgumentError for a threshold outside (0, 1] or groups of the wrong length.
    """
    texts = texts if isinstance(texts, (list, tuple)) else list(texts)
    return [SimilarPair(a, b, c)
            for a, b, c in _crossclaim._similar(texts, threshold, groups, top_k, bigrams, threads)]


Documents = Union[Corpus, str, "_os.PathLike[str]", Sequence[Union[str, dict]]]


def _is_text(documents) -> bool:
    # A str is a path unless it names nothing on disk and holds whitespace: file names
    # rarely have spaces, article texts always do, and a mistyped path must still raise
    # NotFoundError instead of being analysed as a one-word text.
    return (isinstance(documents, str) and any(c.isspace() for c in documents)
            and not _os.path.exists(documents))


def _corpus(documents) -> Corpus:
    if isinstance(documents, Corpus):
        return documents
    if _is_text(documents):
        return Corpus([documents])
    if isinstance(documents, (str, _os.PathLike)):
        return read(documents)
    return Corpus(documents)


def claims(documents: Documents, *, min_tokens: int = 4) -> List[dict]:
    """The claims (sentences with their numbers, dates, names, cues, attribution and byte
    spans) of the documents, after boilerplate removal (core/claims.h).

    `documents`: a Corpus; a path (str or os.PathLike) to read; one article's text (a str
    with whitespace that names no file); or a list of texts / dicts (see Corpus). Returns
    the "claims" array of `crossclaim claims --format json`: dicts with id, doc (document
    id), outlet, text, start, end (UTF-8 byte offsets into the document's text), numbers,
    dates, names, negation, modality, attribution, quote.
    """
    return _json.loads(_crossclaim._claims_json(_corpus(documents), min_tokens))["claims"]


def report(documents: Documents, out_dir: Union[None, str, "_os.PathLike[str]"] = None, *,
           event_id: str = "event-1", threads: int = 0) -> dict:
    """The report of one news event: report.json (schema crossclaim.report/1,
    docs/report-format.md) as a dict, as `crossclaim report --one-event` builds it.

    `documents`: a Corpus, a path to read, one article's text (see claims()), or a list of
    texts / dicts (see Corpus); skipped items are listed in the report's documents. With
    `out_dir`, the report's files (report.json, report.html, report.md, claims.graphml,
    claims.dot) are written there too. Runs without the GIL. Raises DataLossError when no
    document is usable or a file cannot be written.
    """
    out = None if out_dir is None else _os.fspath(out_dir)
    return _json.loads(_crossclaim._report_json(_corpus(documents), out, event_id, threads))


def reuse(documents: Documents, *, min_containment: Optional[float] = None,
          threads: int = 0) -> List[dict]:
    """Text reuse among the documents, as `crossclaim reuse` finds it (similarity/reuse.h):
    which document took text from which, how much, and where. Asymmetric and graded, unlike
    dedup(): a newspaper story that keeps part of a wire story, reorders and rewords it is a
    (partial) copy of it; two outlets quoting one speaker are not.

    `documents`: a Corpus, a path to read, one article's text (see claims()), or a list of
    texts / dicts (see Corpus).
    `min_containment`: pairs below it are left out (None: the calibrated default; 0 lists
    every candidate pair aligned). Returns one dict per (source, derived) pair: source and
    derived (document ids), containment (share of the derived text's words in aligned
    passages), grade ("wholly" | "partially" | "non"), direction ("dated" | "containment" |
    "unknown": which rule chose the source), passages (source_start, source_end,
    derived_start, derived_end as str indices [start, end) into each document's text, words,
    kind "verbatim" | "rewrite" | "quotation"). Runs without the GIL.
    """
    return _crossclaim._reuse(_corpus(documents), min_containment, threads)
