"""Scoring fragment finding the way the devset README defines it."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.errors import FormatError
from align.fragments.evaluate import GoldFragment, load_gold, score_fragments
from align.fragments.model import EnglishSpan, Fragment, FragmentMatch


def _pred(a: int, b: int, match: tuple[int, int] | None = None) -> FragmentMatch:
    frag = Fragment(a, b, "x" * (b - a), "sentence", 0.9, 0)
    span = EnglishSpan(*match, "y" * (match[1] - match[0])) if match else None
    return FragmentMatch(frag, span, 0.5 if span else 0.1, span, "")


CASES = [
    pytest.param([GoldFragment(0, 10, "block", (20, 30))], [_pred(0, 10, (25, 40))],
                 (1, 1, 1, 1), id="found-and-paired"),
    pytest.param([GoldFragment(0, 10, "block", (20, 30))], [_pred(0, 10, (30, 40))],
                 (1, 1, 1, 0), id="touching-is-not-overlapping"),
    pytest.param([GoldFragment(0, 10, "orphan", None)], [_pred(2, 10)], (1, 1, 1, 1),
                 id="both-null"),
    pytest.param([GoldFragment(0, 10, "orphan", None)], [_pred(0, 10, (20, 30))],
                 (1, 1, 1, 0), id="paired-an-orphan"),
    pytest.param([GoldFragment(0, 10, "block", None)], [_pred(5, 21)], (1, 1, 0, 0),
                 id="overlap-below-half-of-the-longer"),
    pytest.param([GoldFragment(0, 10, "block", None)], [_pred(0, 10), _pred(0, 9)],
                 (1, 2, 1, 1), id="one-to-one"),
    pytest.param([], [_pred(0, 10)], (0, 1, 0, 0), id="false-positive"),
]


@pytest.mark.parametrize(("gold", "pred", "counts"), CASES)
def test_score(gold: list[GoldFragment], pred: list[FragmentMatch],
               counts: tuple[int, int, int, int]) -> None:
    s = score_fragments(gold, pred)
    assert (s.gold, s.predicted, s.found, s.paired_right) == counts


def test_rates() -> None:
    s = score_fragments([GoldFragment(0, 10, "block", None), GoldFragment(20, 30, "block", None)],
                        [_pred(0, 10), _pred(40, 50)])
    assert (s.precision, s.recall, s.f1) == (0.5, 0.5, 0.5)
    assert (s.pairing_accuracy, s.pairing_accuracy_found) == (0.5, 1.0)
    total = s + s
    assert (total.gold, total.found) == (4, 2)


@pytest.mark.parametrize(("content", "message"), [
    pytest.param("{", "not valid JSON", id="malformed"),
    pytest.param('{"items": []}', "not a fragments gold file", id="wrong-shape"),
    pytest.param('{"fragments": [{"start": "x"}]}', "not a fragments gold file", id="bad-field"),
])
def test_bad_gold(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "gold.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FormatError, match=message):
        load_gold(path)


def test_gold_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "gold.json"
    path.write_text('{"fragments": [{"start": 1, "end": 5, "text": "Kadıköy’de", "kind": '
                    '"inline", "match": {"start": 7, "end": 9}}, {"start": 10, "end": 12, '
                    '"kind": "orphan", "match": null}]}', encoding="utf-8")
    assert load_gold(path) == [GoldFragment(1, 5, "inline", (7, 9)),
                               GoldFragment(10, 12, "orphan", None)]
    with pytest.raises(FormatError, match="cannot read"):
        load_gold(tmp_path / "missing.json")


def test_public_names_resolve() -> None:
    from align import fragments

    for name in fragments.__all__:
        assert getattr(fragments, name) is not None
    with pytest.raises(AttributeError):
        _ = fragments.nothing_here
