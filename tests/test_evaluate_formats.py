"""Scoring (strict/lax P/R/F1) and the beads/TSV/JSON formats."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from align.errors import FormatError
from align.evaluate import score_alignments
from align.formats import (
    check_complete,
    format_beads,
    format_json,
    format_tsv,
    parse_beads,
    read_beads,
)
from align.segment import segment_lines
from align.types import Bead, Document

GOLD = [((0,), (0,)), ((1, 2), (1,)), ((3,), ()), ((), (2,)), ((4,), (3, 4))]

# (id, predicted, precision strict, recall strict, precision lax, recall lax), checked by hand
CASES = [
    ("perfect", GOLD, 1.0, 1.0, 1.0, 1.0),
    # 1:1 + 1:0 instead of 2:1: [1]:[1] is a lax hit, [2]:[] is wrong
    ("split merge", [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ()), ((), (2,)),
                     ((4,), (3, 4))], 4 / 6, 2 / 3, 5 / 6, 3 / 3),
    # deletions predicted where gold has them count for precision only
    # [3]:[] and []:[2] are exact; a one-sided bead is never a lax hit otherwise
    ("all deleted", [((i,), ()) for i in range(5)] + [((), (j,)) for j in range(5)],
     2 / 10, 0.0, 2 / 10, 0.0),
    # only [4]:[3, 4] is right; the others share no unit on both sides with gold
    ("shifted", [((0,), (1,)), ((1, 2), (0,)), ((3,), (2,)), ((4,), (3, 4))], 1 / 4, 1 / 3,
     1 / 4, 1 / 3),
]


@pytest.mark.parametrize(("pred", "ps", "rs", "pl", "rl"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_scores_by_hand(pred, ps, rs, pl, rl) -> None:
    s = score_alignments([GOLD], [pred])
    assert (s.precision_strict, s.recall_strict) == pytest.approx((ps, rs))
    assert (s.precision_lax, s.recall_lax) == pytest.approx((pl, rl))
    f1 = 2 * ps * rs / (ps + rs) if ps + rs else 0.0
    assert s.f1_strict == pytest.approx(f1)


def test_scores_are_micro_averaged() -> None:
    one = score_alignments([GOLD], [GOLD])
    two = score_alignments([GOLD, GOLD], [GOLD, CASES[1][1]])
    assert one.f1_strict == 1.0
    assert two.predicted == 5 + 6 and two.gold == 3 + 3
    assert two.precision_strict == pytest.approx((5 + 4) / 11)


def test_score_mismatched_lists() -> None:
    with pytest.raises(ValueError, match="1 gold alignments but 2"):
        score_alignments([GOLD], [GOLD, GOLD])


@st.composite
def alignments(draw):
    beads, i, j = [], 0, 0
    for _ in range(draw(st.integers(0, 12))):
        a, b = draw(st.sampled_from([(1, 1), (1, 2), (2, 1), (2, 2), (1, 0), (0, 1), (1, 3)]))
        score = draw(st.floats(0, 1))
        beads.append(Bead(tuple(range(i, i + a)), tuple(range(j, j + b)), round(score, 3)))
        i, j = i + a, j + b
    return beads, i, j


@given(alignments())
def test_beads_round_trip(data) -> None:
    beads, n, m = data
    parsed = parse_beads(format_beads(beads))
    assert parsed == beads
    check_complete(parsed, n, m)


def test_gold_without_scores_and_vecalign_spacing() -> None:
    assert parse_beads("[0, 1]:[0]\n[2]:[]\n[]:[1]\n\n") == [
        Bead((0, 1), (0,), 1.0), Bead((2,), (), 1.0), Bead((), (1,), 1.0)]
    assert parse_beads("[0,1]:[0]:0.5") == [Bead((0, 1), (0,), 0.5)]


BAD_BEADS = [
    ("garbage", "hello\n", "x.beads:1: not a bead line: 'hello'"),
    ("letters", "[0]:[a]\n", "x.beads:1: not a bead line"),
    ("gap", "[0]:[0]\n[2, 4]:[1]\n", "x.beads:2: the Turkish units of a bead must be consecutive"),
    ("score", "[0]:[0]:high\n", "x.beads:1: not a bead line"),
]


@pytest.mark.parametrize(("text", "message"), [c[1:] for c in BAD_BEADS],
                         ids=[c[0] for c in BAD_BEADS])
def test_bad_beads_files(text: str, message: str) -> None:
    with pytest.raises(FormatError) as exc:
        parse_beads(text, "x.beads")
    assert str(exc.value).startswith(message)


def test_read_beads_file_errors(tmp_path) -> None:
    with pytest.raises(FormatError, match="no such file"):
        read_beads(tmp_path / "missing.beads")
    (tmp_path / "bin.beads").write_bytes(b"\xff\xfe\x00[")
    with pytest.raises(FormatError, match="not UTF-8"):
        read_beads(tmp_path / "bin.beads")


@pytest.mark.parametrize(
    ("beads", "message"),
    [
        ([Bead((0,), (0,)), Bead((2,), (1,))], "bead 2 starts the Turkish side at unit 2, expected 1"),
        ([Bead((0,), (0,))], "cover 1 Turkish and 1 English units, but the documents have 2 and 1"),
        ([Bead((0,), (1,))], "bead 1 starts the English side at unit 1, expected 0"),
    ],
)
def test_incomplete_alignments(beads, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        check_complete(beads, 2 if "have 2" in message else 1, 1)


def _doc(text: str, lang: str) -> Document:
    return Document(text=text, segments=tuple(segment_lines(text)), lang=lang)


def test_tsv_and_json_keep_turkish_text() -> None:
    tr = _doc("Gözaltına alınan İzmir’li öğrenci\tserbest.\nİkinci cümle.\n", "tr")
    en = _doc("The student from İzmir was released.\nSecond sentence.\n", "en")
    beads = [Bead((0,), (0,), 0.91234), Bead((1,), (1,), 0.5)]
    tsv = format_tsv(beads, tr, en)
    assert tsv.splitlines()[0] == (
        "Gözaltına alınan İzmir’li öğrenci serbest.\tThe student from İzmir was released.\t0.912")
    data = json.loads(format_json(beads, tr, en))
    first = data["beads"][0]
    assert first["tr_text"].startswith("Gözaltına") and first["score"] == 0.9123
    start, end = first["tr_spans"][0]
    assert tr.text[start:end] == first["tr_text"]
