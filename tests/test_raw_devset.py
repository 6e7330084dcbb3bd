"""benchmarks/make_raw_devset.py: gold line beads made into segment beads of running text."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from make_raw_devset import joined_beads, paragraph_numbers, split_bead

# Three Turkish lines, two English lines (character spans); gold [0]:[0] [1,2]:[1].
TR_LINES = [(0, 10), (11, 20), (21, 30)]
EN_LINES = [(0, 12), (13, 25)]
GOLD = [((0,), (0,)), ((1, 2), (1,))]


@pytest.mark.parametrize(
    ("tr_segs", "en_segs", "expected"),
    [
        # one segment per line: the gold itself
        ([(0, 10), (11, 20), (21, 30)], [(0, 12), (13, 25)], [((0,), (0,)), ((1, 2), (1,))]),
        # a Turkish line cut in two sentences: a 2:1 bead
        ([(0, 4), (5, 10), (11, 20), (21, 30)], [(0, 12), (13, 25)], [((0, 1), (0,)), ((2, 3), (1,))]),
        # an English sentence running over the line end: the two gold beads join
        ([(0, 10), (11, 20), (21, 30)], [(0, 25)], [((0, 1, 2), (0,))]),
    ],
)
def test_joined_beads(tr_segs, en_segs, expected):
    assert joined_beads(GOLD, TR_LINES, EN_LINES, tr_segs, en_segs) == expected


def test_null_gold_bead_keeps_its_place():
    gold = [((), (0,)), ((0,), (1,))]
    beads = joined_beads(gold, [(0, 5)], [(0, 5), (6, 9)], [(0, 5)], [(0, 5), (6, 9)])
    assert beads == [((), (0,)), ((0,), (1,))]


E2 = np.eye(2, dtype=np.float32)


@pytest.mark.parametrize(
    ("bead", "tr", "en", "expected"),
    [
        # two verses of two sentences, each rendering the other: 1:1 + 1:1
        (((0, 1), (0, 1)), E2, E2, [((0,), (0,)), ((1,), (1,))]),
        # the sentences cross (each half of one is in both of the other): kept whole
        (((0, 1), (0, 1)), np.array([[1, 0, 0], [0, 1, 0]], np.float32),
         np.array([[0.5, 0.5, 1], [0.5, 0.5, -1]], np.float32), [((0, 1), (0, 1))]),
        # two Turkish sentences for one English one, both in it: a 2:1
        (((0, 1), (0,)), E2, np.array([[1, 1]], np.float32), [((0, 1), (0,))]),
        # 4:1 has no type: the English sentence stays with the three that render it
        (((0, 1, 2, 3), (0,)), np.array([[1, 0], [1, 0.1], [1, 0], [0, 1]], np.float32),
         np.array([[1, 0]], np.float32), [((0, 1, 2), (0,)), ((3,), ())]),
        # one side only: one null bead a sentence
        (((0, 1), ()), E2, E2, [((0,), ()), ((1,), ())]),
    ],
)
def test_split_bead(bead, tr, en, expected):
    assert split_bead(bead, tr, en) == expected


def test_paragraph_numbers_count_blank_lines():
    text = "Bir. İki.\n\nÜç ş.\n\nDört ğ."
    assert paragraph_numbers(text, [(0, 4), (5, 9), (11, 16), (18, 25)]) == [0, 0, 1, 2]
