"""reuse() against `crossclaim reuse` and a planted rewrite whose words are known, with
non-ASCII text so that str indices differ from byte offsets; the shared-quotation rule; bad
arguments."""
import json

import pytest

import crossclaim

WIRE = (
    "A Café owner in Zürich was fined £3,000 on Tuesday after inspectors found mice in the "
    "kitchen of his restaurant near the main station, the city council said. The inspectors "
    "returned twice during the summer and each time reported droppings behind the ovens and "
    "beneath the storage shelves. The owner told the court he had hired a pest control firm "
    "in June and that the problem had been solved weeks before the final visit. Magistrates "
    "ordered him to pay costs of £1,200 as well as the fine and banned him from running a "
    "food business for two years.")
# The newspaper's rewrite: a lead of its own, the wire's second and third sentences with a
# few words changed, the rest cut.
PAPER = (
    "Diners at a popular Zürich eatery were shocked this week. The inspectors came back twice "
    "during the summer and each time reported droppings behind the ovens and beneath the "
    "storage racks. The owner told the court he had hired a pest control company in June and "
    "that the problem had been solved weeks before the last visit. Neighbours described him "
    "as a hard-working man.")
OTHER = (
    "The national football team won its third match in a row on Saturday evening, with two "
    "goals in the second half from a striker who joined the squad only last month.")


def records():
    return [{"id": "wire", "text": WIRE, "published": "2025-03-04"},
            {"id": "paper", "text": PAPER, "published": "2025-03-05"},
            {"id": "other", "text": OTHER, "published": "2025-03-05"}]


def to_str_index(text, byte_offset):
    return len(text.encode("utf-8")[:byte_offset].decode("utf-8"))


def test_planted_rewrite_found_with_its_source_and_spans():
    pairs = crossclaim.reuse(records())
    assert [(p["source"], p["derived"]) for p in pairs] == [("wire", "paper")]
    pair = pairs[0]
    assert pair["direction"] == "dated" and pair["grade"] in ("wholly", "partially")
    assert 0.5 < pair["containment"] < 1.0  # the paper's own lead and last line are not reused
    assert pair["passages"]
    for p in pair["passages"]:
        derived = PAPER[p["derived_start"]:p["derived_end"]]
        source = WIRE[p["source_start"]:p["source_end"]]
        # Every passage lies in the planted part of each text.
        assert PAPER.index("The inspectors") <= p["derived_start"]
        assert p["derived_end"] <= PAPER.index(" Neighbours")
        assert WIRE.index("The inspectors") <= p["source_start"]
        assert p["source_end"] <= WIRE.index(" Magistrates")
        assert derived.split()[0] == source.split()[0]


def test_equal_to_the_cli_with_offsets_as_str_indices(cli, tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records()), encoding="utf-8")
    expected = [json.loads(line) for line in
                cli("reuse", path, "--min-containment", 0).splitlines() if line.strip()]
    got = crossclaim.reuse(crossclaim.read(path), min_containment=0)
    texts = {r["id"]: r["text"] for r in records()}
    assert len(got) == len(expected) >= 1
    for g, e in zip(got, expected):
        assert (g["source"], g["derived"], g["grade"], g["direction"]) == \
               (e["source"], e["derived"], e["grade"], e["direction"])
        assert g["containment"] == pytest.approx(e["containment"], abs=1e-4)
        for gp, ep in zip(g["passages"], e["passages"], strict=True):
            for side in ("source", "derived"):
                text = texts[g[side]]
                for end in ("start", "end"):
                    key = f"{side}_{end}"
                    assert gp[key] == to_str_index(text, ep[key])
            assert (gp["words"], gp["kind"]) == (ep["words"], ep["kind"])


def test_a_shared_quotation_alone_is_no_reuse():
    quote = ("\u201cWe will not accept any agreement that is reached without us, and we "
             "will defend our country for as long as it takes,\u201d")
    a = f"{quote} the president told reporters in the capital on Monday morning."
    b = f"Speaking at a news conference after the summit, the leader insisted: {quote} he said."
    assert crossclaim.reuse([a, b]) == []
    # The same words outside quotation marks are reuse.
    plain = quote.strip("\u201c\u201d,")
    pairs = crossclaim.reuse([f"{plain}, officials said on Monday.",
                              f"Officials said on Monday that {plain}."])
    assert len(pairs) == 1


def test_bad_arguments_raise():
    with pytest.raises(crossclaim.InvalidArgumentError):
        crossclaim.reuse(records(), min_containment=1.5)
    with pytest.raises(crossclaim.InvalidArgumentError):
        crossclaim.reuse(records(), threads=-1)
    with pytest.raises(TypeError):
        crossclaim.reuse([42])
