"""Shared fixtures of the Python package's tests (run by ctest as `python_tests`).

ctest sets PYTHONPATH to the build tree's package, CROSSCLAIM_CLI to the crossclaim
executable the tests compare with, and CROSSCLAIM_SOURCE_DIR to the repository.
"""
import json
import os
import pathlib
import random
import subprocess

import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("CROSSCLAIM_SOURCE_DIR",
                                         pathlib.Path(__file__).resolve().parents[2]))
DEMO = SOURCE_DIR / "datasets" / "events" / "2025-01-21-putin-xi-call"


@pytest.fixture(scope="session")
def cli():
    """Runs the crossclaim executable; returns its stdout (fails on a non-zero exit)."""
    path = os.environ.get("CROSSCLAIM_CLI")
    if not path:
        pytest.fail("CROSSCLAIM_CLI is not set (run the tests through ctest)")

    def run(*args):
        done = subprocess.run([path, *map(str, args)], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout

    return run


@pytest.fixture(scope="session")
def demo():
    return DEMO


@pytest.fixture(scope="session")
def generated(cli, tmp_path_factory):
    """A `crossclaim generate` corpus of 300 documents with planted copies, as a path."""
    path = tmp_path_factory.mktemp("generated") / "corpus.jsonl"
    cli("generate", "--docs", 300, "--seed", 7, "--near-duplicates", 0.1,
        "--copied-passages", 0.1, "-o", path)
    return path


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def random_texts(seed, n, words=12, length=(20, 60), copies=0.3, edit=0.05):
    """Lower-case ASCII texts over a small vocabulary (so that tokens are the words split
    on spaces), a fraction `copies` of them edited copies of an earlier one."""
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(words)] + ["alpha", "beta", "gamma", "delta"]
    texts = []
    for i in range(n):
        if texts and rng.random() < copies:
            base = rng.choice(texts).split()
            out = []
            for w in base:
                r = rng.random()
                if r < edit:
                    out.append(rng.choice(vocab))  # substitute
                elif r < edit * 1.5:
                    continue  # delete
                else:
                    out.append(w)
            texts.append(" ".join(out))
        else:
            texts.append(" ".join(rng.choice(vocab) for _ in range(rng.randint(*length))))
    return texts


def word_shingles(text, n):
    """The oracle's shingle set: tuples of n consecutive words; a text with fewer words is
    one shingle, no words none (similarity/shingle.h's documented rule)."""
    words = text.split()
    if not words:
        return set()
    if len(words) < n:
        return {tuple(words)}
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def jaccard(a, b):
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
