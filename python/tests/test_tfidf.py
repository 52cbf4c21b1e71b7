"""TfidfVectorizer against scikit-learn's, similar() against dense products and the CLI."""
import json

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer as SkTfidf

import crossclaim


def demo_claims(demo):
    return crossclaim.claims(demo)


def sklearn_like(**settings):
    return SkTfidf(lowercase=False, tokenizer=crossclaim.tokenize, token_pattern=None,
                   stop_words=crossclaim.stop_words(), dtype=np.float32, **settings)


@pytest.mark.parametrize("settings", [
    dict(),
    dict(sublinear_tf=False, smooth_idf=False),
    dict(ngram_range=(1, 2), min_df=2),
    dict(norm=None),
])
def test_fit_transform_equals_scikit_learn(demo, settings):
    texts = [c["text"] for c in demo_claims(demo)]
    sk_settings = dict(sublinear_tf=True, smooth_idf=True, norm="l2")
    sk_settings.update(settings)
    expected = sklearn_like(**sk_settings)
    x_expected = expected.fit_transform(texts)
    mine = crossclaim.TfidfVectorizer(strip_possessive=False, **settings)
    x = mine.fit_transform(texts)
    assert x.shape == x_expected.shape and x.dtype == np.float32
    assert list(mine.get_feature_names_out()) == list(expected.get_feature_names_out())
    np.testing.assert_allclose(mine.idf_, expected.idf_, rtol=1e-6)
    assert abs(x - x_expected).max() < 1e-5
    assert x.has_sorted_indices
    # transform() of new text uses the fitted vocabulary, as scikit-learn's does.
    new = ["Putin and Xi spoke by video call about trade", "nothing known here zzz"]
    assert abs(mine.transform(new) - expected.transform(new)).max() < 1e-5


def test_possessives_and_token_lists():
    v = crossclaim.TfidfVectorizer()
    x = v.fit_transform(["Putin's call with Xi", "Xi's call with Putin"])
    assert list(v.get_feature_names_out()) == ["call", "putin", "xi"]  # "with": stop word
    assert abs(x[0] - x[1]).max() == 0
    y = crossclaim.TfidfVectorizer().fit_transform([["putin", "call", "xi"],
                                                    ["xi", "call", "putin"]])
    assert abs(x - y).max() < 1e-7
    assert v.build_analyzer()("The Kremlin's statement") == ["kremlin", "statement"]
    assert v.vocabulary_ == {"call": 0, "putin": 1, "xi": 2}


def test_similar_equals_a_dense_brute_force(demo):
    texts = [c["text"] for c in demo_claims(demo)]
    x = crossclaim.TfidfVectorizer().fit_transform(texts).toarray().astype(np.float64)
    dense = x @ x.T
    for threshold in (0.2, 0.35, 0.6):
        expected = {(a, b) for a in range(len(texts)) for b in range(a + 1, len(texts))
                    if dense[a, b] >= threshold + 1e-6}
        near = {(a, b) for a in range(len(texts)) for b in range(a + 1, len(texts))
                if abs(dense[a, b] - threshold) <= 1e-6}
        got = crossclaim.similar(texts, threshold)
        pairs = {(p.a, p.b) for p in got}
        assert expected <= pairs <= expected | near, threshold
        for p in got:
            assert p.cosine == pytest.approx(dense[p.a, p.b], abs=1e-5)


def test_similar_equals_the_cli(cli, demo):
    found = crossclaim.claims(demo)
    doc_ids = sorted({c["doc"] for c in found})
    groups = [doc_ids.index(c["doc"]) for c in found]
    got = crossclaim.similar([c["text"] for c in found], 0.3, groups=groups)
    out = cli("similar", demo, "--threshold", 0.3, "--format", "jsonl")
    expected = [json.loads(line) for line in out.splitlines()]
    assert expected
    assert [(found[p.a]["id"], found[p.b]["id"]) for p in got] == \
        [(e["a"], e["b"]) for e in expected]
    for p, e in zip(got, expected):
        assert p.cosine == pytest.approx(e["cosine"], abs=2e-6)


def test_bad_tfidf_arguments_raise():
    with pytest.raises(crossclaim.InvalidArgumentError, match="min_df"):
        crossclaim.TfidfVectorizer(min_df=0)
    with pytest.raises(crossclaim.InvalidArgumentError, match="min_df must be an int"):
        crossclaim.TfidfVectorizer(min_df=0.5)
    with pytest.raises(crossclaim.InvalidArgumentError, match="ngram_range"):
        crossclaim.TfidfVectorizer(ngram_range=(2, 3))
    with pytest.raises(crossclaim.InvalidArgumentError, match="norm"):
        crossclaim.TfidfVectorizer(norm="l1")
    with pytest.raises(crossclaim.InvalidArgumentError, match="fit"):
        crossclaim.TfidfVectorizer().transform(["a"])
    with pytest.raises(TypeError, match="mixes str and token lists"):
        crossclaim.TfidfVectorizer().fit_transform([["a"], "b"])
    with pytest.raises(crossclaim.InvalidArgumentError, match="threshold"):
        crossclaim.similar(["a b", "a b"], threshold=0)
    with pytest.raises(crossclaim.InvalidArgumentError, match="groups"):
        crossclaim.similar(["a b", "a b"], groups=[0])
