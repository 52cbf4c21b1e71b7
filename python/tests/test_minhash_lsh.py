"""MinHash signatures and the LSH index against exact oracles."""
import sys
import threading
import time

import numpy as np
import pytest

import crossclaim
from conftest import jaccard, random_texts, word_shingles


def test_signatures_shape_dtype_and_empty_text():
    mh = crossclaim.MinHash(num_perm=64)
    sigs = mh.signatures(["one two three four five six", "", "!!! ..."])
    assert sigs.dtype == np.uint32 and sigs.shape == (3, 64)
    # No token: the empty set's signature, every slot 0xFFFFFFFF (similarity/minhash.h).
    assert (sigs[1] == 0xFFFFFFFF).all() and (sigs[2] == 0xFFFFFFFF).all()
    assert not (sigs[0] == 0xFFFFFFFF).all()


def test_same_shingle_set_same_signature():
    mh = crossclaim.MinHash()
    # Case and punctuation are not part of tokens, so these have one shingle set.
    a, b, c = mh.signatures(["The cat sat on the mat today.", "the CAT sat, on the mat today",
                             "the cat sat on a mat today"])
    assert (a == b).all()
    assert not (a == c).all()


@pytest.mark.parametrize("mode", ["classic", "oph"])
def test_estimate_tracks_exact_jaccard(mode):
    # Over many pairs the agreement fraction is an unbiased estimate of the exact Jaccard
    # (standard error sqrt(J(1-J)/K) per pair): the mean error over 300 pairs must be
    # within 4 standard errors of the mean, and no pair more than 6 off.
    texts = random_texts(seed=3, n=600, copies=0.5)
    k = 128
    sigs = crossclaim.MinHash(num_perm=k, mode=mode).signatures(texts, ngram=3)
    sets = [word_shingles(t, 3) for t in texts]
    errors, sds = [], []
    for i in range(0, 600, 2):
        j = jaccard(sets[i], sets[i + 1])
        est = float((sigs[i] == sigs[i + 1]).mean())
        sd = max(np.sqrt(j * (1 - j) / k), 1 / k)
        assert abs(est - j) <= 6 * sd + 1e-9, (i, j, est)
        errors.append(est - j)
        sds.append(sd)
    assert abs(np.mean(errors)) <= 4 * np.sqrt(np.sum(np.square(sds))) / len(sds)


def test_thread_count_does_not_change_signatures():
    texts = random_texts(seed=5, n=200)
    mh = crossclaim.MinHash(num_perm=32, mode="oph")
    one = mh.signatures(texts, threads=1)
    assert (one == mh.signatures(texts, threads=2)).all()
    assert (one == mh.signatures(iter(texts))).all()  # any iterable of str


def test_char_shingles():
    mh = crossclaim.MinHash(num_perm=64)
    a, b, c = mh.signatures(["abcdef", "ABCDEF", "abcdeg"], ngram=3, shingle="char")
    assert (a == b).all()  # case folded
    assert 0 < (a == c).mean() < 1


def test_signatures_release_the_gil():
    # With a huge switch interval the interpreter never forces a thread switch, so the main
    # thread can run during signatures() only if the call released the GIL. The worker reads
    # the main thread's counter right before and right after each call; without the release
    # both reads see the same value on every call.
    texts = random_texts(seed=11, n=4000, length=(200, 400), copies=0)
    mh = crossclaim.MinHash(num_perm=256)
    counter = [0]
    moved = []
    done = threading.Event()

    def work():
        for _ in range(20):
            before = counter[0]
            mh.signatures(texts, threads=1)
            moved.append(counter[0] - before)
            if moved[-1] > 0:
                break
        done.set()

    old = sys.getswitchinterval()
    sys.setswitchinterval(1000.0)
    try:
        worker = threading.Thread(target=work)
        worker.start()
        while not done.is_set():
            counter[0] += 1
            time.sleep(1e-4)  # releases the GIL: the worker can take it between iterations
        worker.join()
    finally:
        sys.setswitchinterval(old)
    assert max(moved) > 0, moved


def test_bad_minhash_arguments_raise():
    with pytest.raises(crossclaim.InvalidArgumentError, match="num_hashes"):
        crossclaim.MinHash(num_perm=0)
    with pytest.raises(ValueError, match='mode must be "classic" or "oph"'):
        crossclaim.MinHash(mode="fast")
    mh = crossclaim.MinHash()
    with pytest.raises(crossclaim.InvalidArgumentError, match="n must be"):
        mh.signatures(["a b"], ngram=0)
    with pytest.raises(crossclaim.InvalidArgumentError, match="shingle must be"):
        mh.signatures(["a b"], shingle="line")
    with pytest.raises(TypeError, match=r"texts\[1\] must be str, not int"):
        mh.signatures(["a b", 3])
    with pytest.raises(TypeError, match="not a single str"):
        mh.signatures("a b c")
    with pytest.raises(crossclaim.InvalidArgumentError, match="UTF-8"):
        mh.signatures(["a \ud800 b"])
    with pytest.raises(crossclaim.InvalidArgumentError, match="threads"):
        mh.signatures(["a"], threads=-1)


def band_equal_pairs(sigs, bands, rows):
    """Brute force: every pair i < j whose signatures agree on all rows of some band."""
    out = set()
    for b in range(bands):
        band = sigs[:, b * rows:(b + 1) * rows]
        equal = (band[:, None, :] == band[None, :, :]).all(axis=2)
        i, j = np.nonzero(np.triu(equal, k=1))
        out.update(zip(i.tolist(), j.tolist()))
    return out


def test_lsh_candidates_are_exactly_the_band_equal_pairs():
    texts = random_texts(seed=2, n=150, copies=0.5, edit=0.1)
    sigs = crossclaim.MinHash().signatures(texts)
    lsh = crossclaim.LSH(threshold=0.5)
    assert lsh.bands * lsh.rows <= 128
    lsh.insert_many(range(len(texts)), sigs)
    expected = band_equal_pairs(sigs, lsh.bands, lsh.rows)
    assert expected, "the corpus should have near-duplicates"
    assert set(lsh.candidate_pairs()) == expected
    for i in (0, 7, 42):
        partners = {j for a, b in expected for j in (a, b) if i in (a, b)} | {i}
        assert set(lsh.query(sigs[i])) == partners


def test_lsh_keys_and_incremental_inserts():
    sigs = crossclaim.MinHash().signatures(["a b c d e f", "a b c d e f", "x y z w v u"])
    lsh = crossclaim.LSH(threshold=0.8)
    lsh.insert("first", sigs[0])
    assert lsh.query(sigs[1]) == ["first"]
    lsh.insert(("second", 2), sigs[1])
    lsh.insert("third", sigs[2])
    assert len(lsh) == 3 and "third" in lsh and "fourth" not in lsh
    assert lsh.query(sigs[0]) == ["first", ("second", 2)]
    assert lsh.candidate_pairs() == [("first", ("second", 2))]


def test_bad_lsh_arguments_raise():
    with pytest.raises(crossclaim.InvalidArgumentError, match="threshold"):
        crossclaim.LSH(threshold=1.5)
    lsh = crossclaim.LSH(num_perm=128)
    sig = crossclaim.MinHash(num_perm=128).signatures(["a b c"])[0]
    lsh.insert("a", sig)
    with pytest.raises(crossclaim.InvalidArgumentError, match="already inserted"):
        lsh.insert("a", sig)
    with pytest.raises(crossclaim.InvalidArgumentError, match="uint32"):
        lsh.insert("b", sig.astype(np.uint64))
    with pytest.raises(crossclaim.InvalidArgumentError, match="128 values"):
        lsh.insert("b", sig[:64])
    with pytest.raises(crossclaim.InvalidArgumentError, match="2 keys for 1 signatures"):
        lsh.insert_many(["b", "c"], sig.reshape(1, -1))
    with pytest.raises(crossclaim.InvalidArgumentError, match="already inserted"):
        lsh.insert_many(["b", "b"], np.stack([sig, sig]))
    assert len(lsh) == 1  # nothing of a failed insert_many went in
