"""Key bindings as data: defaults without clashes, user overrides, bad files located."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.errors import FormatError
from tui.keymap import (
    DEFAULT_KEYS,
    Keymap,
    bindings,
    default_config_path,
    display_key,
    load_keymap,
    normalize_key,
)


def test_the_defaults_the_issue_asks_for() -> None:
    keymap = Keymap()
    assert keymap.keys("review.confirm_next") == ("space",)
    assert keymap.keys("app.quit") == ("q",)
    assert keymap.keys("review.search") == ("slash",)
    assert "question_mark" in keymap.keys("app.help")


def test_every_action_has_a_unique_id_and_no_defaults_clash(tmp_path: Path) -> None:
    ids = [a.id for a in DEFAULT_KEYS]
    assert len(ids) == len(set(ids))
    empty = tmp_path / "keys.toml"
    empty.write_text("# nothing\n", encoding="utf-8")
    assert load_keymap(empty).overrides == {}  # the clash check passes on the defaults


def test_bindings_carry_ids_for_the_keymap() -> None:
    review = bindings("review")
    assert {b.id for b in review} == {a.id for a in DEFAULT_KEYS if a.screen == "review"}
    assert all(b.id and b.id.startswith("review.") for b in review)


def test_default_config_path_follows_xdg(tmp_path: Path) -> None:
    assert default_config_path({"XDG_CONFIG_HOME": str(tmp_path)}) == (
        tmp_path / "hizala" / "keys.toml"
    )
    assert default_config_path({}).parts[-3:] == (".config", "hizala", "keys.toml")


def test_a_missing_default_file_means_defaults(tmp_path: Path) -> None:
    assert load_keymap(tmp_path / "nope.toml").overrides == {}
    with pytest.raises(FormatError, match="no such key configuration file"):
        load_keymap(tmp_path / "nope.toml", required=True)


def test_overrides(tmp_path: Path) -> None:
    path = tmp_path / "keys.toml"
    path.write_text(
        "\ufeff# my keys\n"
        "[review]\n"
        'confirm_next = "enter"\n'
        'edit = ["E", "f2"]\n'
        'merge_next = "+"\n'
        '"undo" = "u,ctrl+z"\n'
        "[app]\n"
        'quit = "ctrl+q"\n',
        encoding="utf-8",
    )
    keymap = load_keymap(path)
    assert keymap.source == str(path)
    assert keymap.keys("review.confirm_next") == ("enter",)
    assert keymap.keys("review.edit") == ("E", "f2")
    assert keymap.keys("review.merge_next") == ("plus",)
    assert keymap.keys("review.undo") == ("u", "ctrl+z")
    assert keymap.shown("review.edit") == "E / f2"
    assert keymap.first("review.merge_next") == "+"
    assert keymap.overrides["app.quit"] == "ctrl+q"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[review\nconfirm = 'c'\n", r"keys\.toml:1:8: not valid TOML"),
        ("[review]\nconfirm = \n", r"keys\.toml:2:\d+: not valid TOML"),
        ("[reveiw]\nconfirm = 'c'\n", r"keys\.toml:1: unknown table \[reveiw\]"),
        ("[review]\nconfrim = 'c'\n", r"keys\.toml:2: \[review\] has no action 'confrim'"),
        ("[review]\n\nconfirm = 'ctrl+nope'\n", r"keys\.toml:3: review\.confirm: 'ctrl\+nope' is "
         "not a key"),
        ("[review]\nconfirm = 3\n", r"keys\.toml:2: review\.confirm: give a key as a string"),
        ("[review]\nconfirm = []\n", r"keys\.toml:2: review\.confirm: give a key as a string"),
        ("[review]\nconfirm = ['']\n", r"keys\.toml:2: review\.confirm: every key must be"),
        ("[review]\nundo = 'x'\n", r"keys\.toml:2: 'x' would do both review\.undo and "
         r"review\.reject|keys\.toml:2: 'x' would do both review\.reject and review\.undo"),
        ("[review]\nreject = 'q'\n", r"keys\.toml:2: 'q' would do both app\.quit and "
         r"review\.reject"),
        ("review = 'x'\n", r"keys\.toml:1: 'review' must be a table"),
        ("[review]\nconfirm = 'c'\n[review]\n", r"keys\.toml:3:\d+: not valid TOML"),
    ],
    ids=["syntax", "no-value", "table", "action", "bad-key", "number", "empty-list",
         "empty-key", "clash", "clash-app", "not-a-table", "duplicate-table"],
)
def test_bad_files_name_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "keys.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormatError, match=message):
        load_keymap(path)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "keys.toml"
    path.write_bytes("[review]\nconfirm = 'ş'\n".encode("cp1254"))
    with pytest.raises(FormatError, match=r"keys\.toml: byte \d+: is not UTF-8"):
        load_keymap(path)


def test_swapping_two_keys_is_not_a_clash(tmp_path: Path) -> None:
    path = tmp_path / "keys.toml"
    path.write_text("[review]\nundo = 'x'\nreject = 'u'\n", encoding="utf-8")
    keymap = load_keymap(path)
    assert (keymap.keys("review.undo"), keymap.keys("review.reject")) == (("x",), ("u",))


@pytest.mark.parametrize(
    ("written", "key"),
    [("?", "question_mark"), ("[", "left_square_bracket"), ("+", "plus"), (" ", "space"),
     ("M", "M"), ("Ctrl+S", "ctrl+s"), ("pagedown", "pagedown"), ("f12", "f12"),
     ("ctrl+nope", None), ("shift+", None), ("hyperdrive", None)],
)
def test_normalize_key(written: str, key: str | None) -> None:
    assert normalize_key(written) == key


@pytest.mark.parametrize(
    ("key", "shown"),
    [("left_square_bracket", "["), ("ctrl+z", "ctrl+z"), ("space", "space"), ("M", "M")],
)
def test_display_key(key: str, shown: str) -> None:
    assert display_key(key) == shown
