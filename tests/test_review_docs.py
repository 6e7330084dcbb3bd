"""docs/REVIEW.md (linked from the README's "Reviewing" section) stays true to the keymap;
the README shows the screenshots."""

from __future__ import annotations

from pathlib import Path

from tui.keymap import DEFAULT_KEYS, markdown_keys

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_the_key_tables_are_the_keymap() -> None:
    text = (DOCS / "REVIEW.md").read_text(encoding="utf-8")
    assert markdown_keys() in text, "regenerate the tables with tui.keymap.markdown_keys()"
    for action in DEFAULT_KEYS:
        assert f"`{action.name}`" in text


def test_the_screenshots_are_there() -> None:
    text = (DOCS / "REVIEW.md").read_text(encoding="utf-8")
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    for name in ("review.svg", "glossary.svg"):
        assert f"]({name})" in text
        assert f"](docs/{name})" in readme
        assert (DOCS / name).read_text(encoding="utf-8").lstrip().startswith("<svg")
