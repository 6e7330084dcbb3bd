"""align.review.risk: how likely a bead is to be wrong, the worst-first order `hizala
status`, the review screen and the benchmark share, and the one default low threshold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from tui_fixtures import review_project

from align.cli.main import cli
from align.review import risk as risk_module
from align.review.risk import (
    FALLBACK_LOW_THRESHOLD,
    WEIGHTS,
    document_unsureness,
    low_threshold,
    risk,
    risk_key,
    worst,
)
from align.store.review_queries import BeadMark, bead_marks


def mark(score: float | None, tr: int = 1, en: int = 1, findings: int = 0, *,
         status: str = "auto", bead: int = 1, doc: int = 1) -> BeadMark:
    return BeadMark(bead, doc, (doc, bead), score, status, findings, tr, en)


scores = st.floats(0.0, 1.0)


@given(a=scores, b=scores, unsure=st.floats(0.0, 1.0))
def test_a_surer_bead_is_less_risky(a: float, b: float, unsure: float) -> None:
    lo, hi = sorted((a, b))
    assert risk(mark(hi), unsure) <= risk(mark(lo), unsure)


@given(score=scores, unsure=st.floats(0.01, 1.0))
def test_findings_and_odd_types_add_risk_where_the_aligner_is_unsure(score: float,
                                                                     unsure: float) -> None:
    plain = risk(mark(score), unsure)
    assert WEIGHTS.finding >= 0 and risk(mark(score, findings=2), unsure) >= plain
    assert risk(mark(score, 1, 0), unsure) >= risk(mark(score, 2, 1), unsure) >= plain
    # on a document the aligner is sure of, a bead's type adds nothing
    assert risk(mark(score, 1, 0), 0.0) == risk(mark(score), 0.0)


def test_made_by_hand_first_then_by_status() -> None:
    assert risk(mark(None)) == 1.0
    keys = [risk_key(m) for m in (mark(None), mark(0.1), mark(0.1, status="rejected"),
                                  mark(0.0, status="confirmed"))]
    assert keys == sorted(keys)


def test_document_unsureness() -> None:
    marks = [mark(0.9), mark(0.5), mark(None), mark(0.2, doc=2)]
    assert document_unsureness(marks) == pytest.approx({1: 0.3, 2: 0.8})


def test_worst_lists_unreviewed_beads_riskiest_first(tmp_path: Path) -> None:
    with review_project(tmp_path) as p:
        p.confirm(p.beads()[3].id)  # bead #4, the riskiest, is reviewed
        found = worst(bead_marks(p), 3)
    assert found[0].number == 5 and 4 not in [b.number for b in found]
    assert all(b.mark.status == "auto" for b in found)
    assert [b.risk for b in found] == sorted((b.risk for b in found), reverse=True)


@pytest.mark.parametrize(
    ("calibration", "expected"),
    [
        ({}, FALLBACK_LOW_THRESHOLD),
        ({"low_threshold": 0.72}, 0.72),
        ({"low_threshold": 7}, FALLBACK_LOW_THRESHOLD),      # not a confidence: ignored
        ({"low_threshold": "high"}, FALLBACK_LOW_THRESHOLD),
    ],
    ids=["none", "calibrated", "out-of-range", "not-a-number"],
)
def test_the_low_threshold_comes_from_the_calibration(
    monkeypatch: pytest.MonkeyPatch, calibration: dict[str, object], expected: float
) -> None:
    monkeypatch.setattr(risk_module, "_calibration", lambda: calibration)
    assert low_threshold() == expected


def test_the_calibration_is_read_from_the_shipped_weights_file() -> None:
    # whatever the aligner's weights say (or do not say yet): no value is assumed here
    path = Path(risk_module.__file__).resolve().parents[1] / "data" / "aligner_weights.json"
    found = json.loads(path.read_text("utf-8")).get("calibration")
    risk_module._calibration.cache_clear()
    assert risk_module._calibration() == (found if isinstance(found, dict) else {})
    value = (found or {}).get("low_threshold")
    if isinstance(value, (int, float)) and 0 < value < 1:
        assert low_threshold() == value
    else:
        assert low_threshold() == FALLBACK_LOW_THRESHOLD


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"w_pair": [], "calibration": {"low_threshold": 0.66}}', 0.66),
        ('{"w_pair": []}', None),
        ('{"calibration": [0.66]}', None),
        ("{not json", None),
    ],
    ids=["calibrated", "no-key", "not-a-table", "malformed"],
)
def test_the_calibration_key_of_a_weights_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str, expected: float | None
) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "aligner_weights.json").write_text(content, "utf-8")

    class Files:
        @staticmethod
        def files(package: str) -> Path:
            assert package == "align"
            return tmp_path

    monkeypatch.setattr(risk_module, "resources", Files)
    risk_module._calibration.cache_clear()
    try:
        assert low_threshold() == (FALLBACK_LOW_THRESHOLD if expected is None else expected)
    finally:
        risk_module._calibration.cache_clear()


def test_the_shipped_weights_make_sense() -> None:
    assert WEIGHTS.confidence > 0 and WEIGHTS.null > 0 and WEIGHTS.merged > 0
    assert 0.0 < low_threshold() < 1.0


def test_status_lists_the_worst_beads_and_uses_the_calibrated_threshold(
    tmp_path: Path
) -> None:
    review_project(tmp_path).close()
    path = str(tmp_path / "p.hizala")
    text = CliRunner().invoke(cli, ["status", path]).output
    assert f"(unreviewed, below {low_threshold():g})" in text
    line = next(ln for ln in text.splitlines() if ln.startswith("worst first"))
    assert line.split()[2] == "#4" and "(0.30 1:0)" in line
    data = json.loads(CliRunner().invoke(cli, ["status", path, "--json"]).output)
    assert data["low_threshold"] == low_threshold()
    assert [w["number"] for w in data["worst"]][:2] == [4, 5]
    assert data["worst"][0] == {"number": 4, "confidence": 0.3, "risk": pytest.approx(
        data["worst"][0]["risk"]), "kind": "1:0", "findings": 0}
    low = json.loads(CliRunner().invoke(cli, ["status", path, "--json", "--low", "0.5"]).output)
    assert low["low_threshold"] == 0.5 and low["low_confidence"] == 3
