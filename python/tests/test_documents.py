"""claims() and report() against `crossclaim claims` / `crossclaim report` on the demo event,
hand-checked findings, and bad input."""
import datetime
import json

import pytest

import crossclaim


def test_read_and_corpus_records(demo):
    corpus = crossclaim.read(demo)
    assert len(corpus) == 5
    first = corpus[0]
    assert first["id"] == "000_afc1db8ac4998597" and first["published"] == "2025-01-22"
    assert corpus[-1]["outlet"] == "melangenews"
    assert [r["status"] for r in corpus.records] == ["used"] * 5
    with pytest.raises(IndexError):
        corpus[5]


def test_corpus_from_python_records_applies_the_ingest_rules():
    corpus = crossclaim.Corpus([
        "A text without an id.",
        {"id": "x", "text": "Some text.", "published": datetime.date(2025, 1, 21),
         "outlet": "Wire"},
        {"id": "x", "text": "The same id again."},
        {"text": "   "},
        {"text": "Bad date.", "published": "yesterday"},
    ])
    assert [d["id"] for d in corpus] == ["0", "x", "4"]
    assert corpus[1]["published"] == "2025-01-21" and corpus[1]["outlet"] == "Wire"
    assert corpus[0]["outlet"] == "unknown"
    records = corpus.records
    assert [r["status"] for r in records] == ["used", "used", "skipped", "skipped", "used"]
    assert 'duplicate id "x"' in records[2]["reason"] and "documents:2" in records[2]["reason"]
    assert "text is empty" in records[3]["reason"]
    assert corpus[2]["published"] is None and records[4]["warnings"]


def test_claims_equal_the_cli(cli, demo):
    expected = json.loads(cli("claims", demo, "--format", "json"))["claims"]
    got = crossclaim.claims(demo)
    assert got == expected
    # Hand-checked: the Kyiv Independent's trade figure, 7% and "more than $220 billion".
    trade = [c for c in got if "220 billion" in c["text"]]
    assert trade and trade[0]["outlet"] == "The Kyiv Independent"


def test_claims_of_one_text():
    text = ("Putin, in turn, noted a 7% increase in trade. "
            "The Kremlin said the talks lasted nearly 100 minutes.")
    got = crossclaim.claims([text])
    assert [c["text"] for c in got] == ["Putin, in turn, noted a 7% increase in trade.",
                                       "The Kremlin said the talks lasted nearly 100 minutes."]
    assert got[0]["numbers"][0]["value"] == 7 and got[0]["numbers"][0]["unit"] == "%"
    assert text.encode()[got[1]["start"]:got[1]["end"]].decode() == got[1]["text"]
    # One str that names no file is that article's text, as the list of one.
    assert crossclaim.claims(text) == got


def test_a_str_naming_a_file_is_read_even_with_spaces(tmp_path):
    path = tmp_path / "one article.txt"
    path.write_text("The Kremlin said the talks lasted nearly 100 minutes.\n")
    got = crossclaim.claims(str(path))
    assert [c["text"] for c in got] == ["The Kremlin said the talks lasted nearly 100 minutes."]


def comparable(report):
    report = dict(report)
    report.pop("generated_at")
    report["stats"] = {k: v for k, v in report["stats"].items() if k != "timings"}
    return report


def test_report_equals_the_cli(cli, demo, tmp_path):
    expected = json.loads(cli("report", demo, "--format", "json", "-o", tmp_path / "cli"))
    got = crossclaim.report(demo, out_dir=tmp_path / "py")
    assert comparable(got) == comparable(expected)
    for name in ("report.json", "report.html", "report.md", "claims.graphml", "claims.dot"):
        assert (tmp_path / "py" / name).stat().st_size > 0
    written = json.loads((tmp_path / "py" / "report.json").read_text())
    assert comparable(written) == comparable(got)
    # Hand-checked finding of the demo event: "telephone conversation" vs "video call".
    terms = [d for c in got["clusters"] for d in c.get("divergences", [])]
    assert any("video call" in json.dumps(d) for d in terms)


def test_report_of_python_records_names_skips(demo):
    corpus = crossclaim.read(demo)
    docs = [corpus[i] for i in range(len(corpus))] + [{"id": "empty", "text": ""}]
    got = crossclaim.report(docs)
    statuses = {d["id"]: d["status"] for d in got["documents"]}
    assert statuses["empty"] == "skipped" and len(statuses) == 6


def test_bad_documents_raise(tmp_path):
    with pytest.raises(crossclaim.NotFoundError):
        crossclaim.read(tmp_path / "missing.jsonl")
    with pytest.raises(FileNotFoundError):  # NotFoundError is one
        crossclaim.claims(str(tmp_path / "missing"))
    with pytest.raises(crossclaim.InvalidArgumentError, match=r'documents\[0\]: unknown field "txt"'):
        crossclaim.Corpus([{"txt": "typo"}])
    with pytest.raises(TypeError, match=r'documents\[0\]\["text"\] must be str, not int'):
        crossclaim.Corpus([{"text": 3}])
    with pytest.raises(crossclaim.DataLossError, match="no usable document"):
        crossclaim.report([""])
    blocked = tmp_path / "file"
    blocked.write_text("x")
    with pytest.raises(crossclaim.DataLossError):
        crossclaim.report(["Putin and Xi held a call on Tuesday about trade."],
                          out_dir=blocked / "sub")
    assert issubclass(crossclaim.InvalidArgumentError, crossclaim.Error)
