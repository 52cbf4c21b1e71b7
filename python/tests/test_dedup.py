"""dedup() against a brute-force exact-Jaccard oracle and against `crossclaim dedup`."""
import json

import pytest

import crossclaim
from conftest import jaccard, random_texts, read_jsonl, word_shingles


def oracle_pairs(texts, n, threshold):
    sets = [word_shingles(t, n) for t in texts]
    out = {}
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            jac = jaccard(sets[i], sets[j])
            if jac >= threshold:
                out[(i, j)] = jac
    return out


@pytest.mark.parametrize("mode", ["classic", "oph"])
def test_pairs_have_exact_jaccard_and_nothing_clear_is_missed(mode):
    texts = random_texts(seed=1, n=400, copies=0.4, edit=0.04)
    expected = oracle_pairs(texts, 5, 0.7)
    assert len(expected) > 50
    got = crossclaim.dedup(texts, threshold=0.7, mode=mode)
    found = {(p.a, p.b): p for p in got}
    for (a, b), p in found.items():
        assert a < b  # no dates: the earlier text is the source
        assert (a, b) in expected, (a, b, p.jaccard)  # every pair is verified
        assert p.jaccard == pytest.approx(expected[(a, b)], abs=1e-12)
        assert p.span_a == (0, len(texts[a])) and p.span_b == (0, len(texts[b]))
        assert 0 < p.shared
    # A pair at Jaccard >= 0.85 is a candidate with probability >= 0.998 per pair at t=0.7.
    clear = [k for k, j in expected.items() if j >= 0.85]
    missed = [k for k in clear if k not in found]
    assert len(missed) <= max(1, len(clear) // 100), missed
    assert got.stats["verified_pairs"] >= len(got) and got.stats["units"] == 400


def test_groups_are_connected_components_of_the_pairs():
    texts = random_texts(seed=4, n=200, copies=0.5, edit=0.02)
    got = crossclaim.dedup(texts, threshold=0.8)
    parent = list(range(len(texts)))

    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x

    for p in got:
        parent[max(find(p.a), find(p.b))] = min(find(p.a), find(p.b))
    components = {}
    for i in range(len(texts)):
        components.setdefault(find(i), []).append(i)
    expected = sorted(m for m in components.values() if len(m) > 1)
    assert [g.members for g in got.groups] == expected
    assert all(g.origin == g.members[0] for g in got.groups)


def test_ids_name_the_texts():
    texts = ["the same words in the same order here", "x",
             "the same words in the same order here"]
    got = crossclaim.dedup(texts, ids=["a", "b", "c"], threshold=0.9)
    assert [(p.a, p.b, p.jaccard) for p in got] == [("a", "c", 1.0)]
    assert got.groups == [crossclaim.CopyGroup(["a", "c"], "a")]


def test_passage_spans_are_str_indices():
    pasted = ("Officials confirmed that the bridge across the river would reopen on Monday "
              "after three weeks of repairs.")
    a = "Ваше здоровье! Совсем другое начало. " + pasted + " Then something else entirely happened."
    b = "A different opening sentence about the weather in the city. " + pasted
    got = crossclaim.dedup([a, b], threshold=0.8, level="passage")
    assert len(got) == 1
    p = got[0]
    assert a[p.span_a[0]:p.span_a[1]] == pasted
    assert b[p.span_b[0]:p.span_b[1]] == pasted


def test_equals_the_cli(cli, generated):
    docs = read_jsonl(generated)
    for level in ("doc", "passage"):
        out = cli("dedup", generated, "--level", level, "--format", "jsonl")
        lines = [json.loads(line) for line in out.splitlines()]
        cli_pairs = {frozenset((d["a"], d["b"])): d["jaccard"] for d in lines
                     if d["type"] == "pair"}
        assert cli_pairs, level
        got = crossclaim.dedup([d["text"] for d in docs], ids=[d["id"] for d in docs],
                               level=level)
        # The CLI orients pairs by publication date; dedup() by input order.
        mine = {frozenset((p.a, p.b)): p.jaccard for p in got}
        assert mine.keys() == cli_pairs.keys(), level
        for k, j in mine.items():
            assert j == pytest.approx(cli_pairs[k], abs=1e-6)


def test_bad_dedup_arguments_raise():
    with pytest.raises(crossclaim.InvalidArgumentError, match="threshold"):
        crossclaim.dedup(["a"], threshold=0)
    with pytest.raises(crossclaim.InvalidArgumentError, match="level"):
        crossclaim.dedup(["a"], level="page")
    with pytest.raises(crossclaim.InvalidArgumentError, match="2 ids for 1 texts"):
        crossclaim.dedup(["a"], ids=["x", "y"])
    with pytest.raises(TypeError, match=r"texts\[0\] must be str, not bytes"):
        crossclaim.dedup([b"bytes"])
    assert crossclaim.dedup([]) == []
