"""The review UI's widgets, one per module."""

from __future__ import annotations

from .bead_detail import BeadDetail, Highlight
from .bead_table import BeadTable
from .check_box import CheckBox
from .key_hints import Hint, KeyHints
from .search_bar import SearchBar
from .status_bar import StatusBar
from .work_indicator import WorkIndicator

__all__ = [
    "BeadDetail",
    "BeadTable",
    "CheckBox",
    "Highlight",
    "Hint",
    "KeyHints",
    "SearchBar",
    "StatusBar",
    "WorkIndicator",
]
