"""Key bindings as data: the defaults, a user's overrides from a TOML file, the help text.

Every key of the review UI is a :class:`KeyAction` in :data:`DEFAULT_KEYS`
with an id ``screen.name``. Screens build their Textual bindings from it
(:func:`bindings`), the help screen lists it, and a user overrides it in
``$XDG_CONFIG_HOME/hizala/keys.toml`` (``~/.config/hizala/keys.toml``), one
table per screen::

    [review]
    confirm_next = "space"          # one key
    undo = ["u", "ctrl+z"]          # or several
    merge_next = "+"                # a character, or a Textual key name

A bad file (TOML syntax, an unknown screen or action, a key Textual does not
know, two actions on one key) is refused with a message naming file:line.
"""

from __future__ import annotations

import os
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from textual.binding import Binding, BindingType
from textual.keys import KEY_NAME_REPLACEMENTS, Keys, format_key

from align.errors import FormatError

__all__ = [
    "DEFAULT_KEYS",
    "KeyAction",
    "Keymap",
    "bindings",
    "default_config_path",
    "display_key",
    "load_keymap",
]


@dataclass(frozen=True, slots=True)
class KeyAction:
    """One thing a key does."""

    id: str
    """``screen.name``: the binding id, and the name in the config file's ``[screen]`` table."""
    keys: str
    """The default keys, comma-separated Textual key names (``space``, ``ctrl+z``, ``M``)."""
    action: str
    """The Textual action it runs (a method ``action_<name>`` of the screen or the app)."""
    description: str
    """What it does, for the footer and the help screen."""
    group: str
    """The help screen's section."""
    show: bool = False
    """Whether the footer shows it (when it matters; see the screens' ``check_action``)."""
    priority: bool = False
    """Whether it wins over the focused widget (keys of dialogs with text fields)."""
    short: str = ""
    """A shorter description for the footer (default: :attr:`description`)."""

    @property
    def screen(self) -> str:
        """The screen the action belongs to (``app``: everywhere)."""
        return self.id.partition(".")[0]

    @property
    def name(self) -> str:
        """The action's name inside its screen's table."""
        return self.id.partition(".")[2]


def _k(
    id: str, keys: str, description: str, group: str, *, action: str | None = None,
    show: bool = False, priority: bool = False, short: str = "",
) -> KeyAction:
    return KeyAction(
        id, keys, action or id.partition(".")[2], description, group, show, priority, short
    )


DEFAULT_KEYS: tuple[KeyAction, ...] = (
    # -- everywhere
    _k("app.help", "question_mark,f1", "Keys and screens", "Screens", show=True, short="keys"),
    _k("app.quit", "q", "Quit (everything is saved)", "Screens", show=True, short="quit"),
    # -- the review screen: judge
    _k("review.confirm_next", "space", "Confirm, go to the next bead", "Judge", show=True),
    _k("review.confirm", "c", "Confirm, stay", "Judge"),
    _k("review.reject", "x", "Reject (left out of exports)", "Judge", show=True),
    _k("review.reset", "a", "Back to auto (take back a judgement)", "Judge"),
    _k("review.bulk_confirm", "C", "Confirm many beads: at or above a confidence, or from "
       "here down or up…", "Judge", show=True),
    _k("review.select", "v", "Select a range from here (move, then confirm or reject it)",
       "Judge"),
    _k("review.unselect", "escape", "Drop the range selection", "Judge"),
    _k("review.undo", "u,ctrl+z", "Undo", "Judge", show=True),
    _k("review.redo", "U,ctrl+y", "Redo", "Judge"),
    # -- the review screen: correct
    _k("review.merge_next", "m", "Merge with the next bead", "Correct", show=True),
    _k("review.merge_previous", "M", "Merge with the previous bead", "Correct"),
    _k("review.split", "s", "Split the bead…", "Correct", show=True),
    _k("review.move_tr_up", "left_square_bracket",
       "Move the first Turkish sentence to the previous bead", "Correct"),
    _k("review.move_tr_down", "right_square_bracket",
       "Move the last Turkish sentence to the next bead", "Correct"),
    _k("review.move_en_up", "left_curly_bracket",
       "Move the first English sentence to the previous bead", "Correct"),
    _k("review.move_en_down", "right_curly_bracket",
       "Move the last English sentence to the next bead", "Correct"),
    _k("review.insert", "i", "Insert the missing side (empty) and edit it", "Correct",
       show=True),
    _k("review.edit", "e,enter", "Edit the text (split a sentence there)…", "Correct",
       show=True),
    _k("review.realign", "R", "Re-align the unconfirmed stretch around the bead", "Correct",
       show=True),
    _k("review.rematch", "p", "Pair a fragment of a mixed article with another English "
       "sentence, or with none…", "Correct", show=True),
    # -- the review screen: move
    _k("review.next", "down,j", "Next bead", "Move"),
    _k("review.previous", "up,k", "Previous bead", "Move"),
    _k("review.page_down", "pagedown", "Page down", "Move"),
    _k("review.page_up", "pageup", "Page up", "Move"),
    _k("review.first", "home", "First bead", "Move"),
    _k("review.last", "end", "Last bead", "Move"),
    _k("review.next_unconfirmed", "n", "Next unconfirmed bead", "Move", show=True),
    _k("review.previous_unconfirmed", "N", "Previous unconfirmed bead", "Move"),
    _k("review.next_low", "l", "Next low-confidence bead", "Move", show=True),
    _k("review.previous_low", "L", "Previous low-confidence bead", "Move"),
    _k("review.next_finding", "f", "Next bead with a QA finding", "Move", show=True),
    _k("review.previous_finding", "F", "Previous bead with a QA finding", "Move"),
    _k("review.search", "slash", "Search (Turkish-aware: I/ı, İ/i)", "Move", show=True),
    _k("review.goto", "g,colon", "Go to bead number…", "Move"),
    # -- the review screen: show
    _k("review.filter_all", "1", "Show all beads", "Show"),
    _k("review.filter_unconfirmed", "2", "Show unconfirmed beads only", "Show"),
    _k("review.filter_low", "3", "Show low-confidence beads only", "Show"),
    _k("review.filter_findings", "4", "Show beads with QA findings only", "Show"),
    _k("review.filter_uneven", "5", "Show beads other than 1:1 only", "Show"),
    _k("review.filter_null", "6", "Show beads with one side empty (1:0, 0:1) only", "Show"),
    _k("review.worst_first", "o", "Order: worst first (low confidence, findings, odd "
       "types)", "Show", show=True),
    _k("review.document_order", "O", "Order: as in the documents", "Show"),
    _k("review.layout", "z", "Layout: one line a bead, or wrapped rows to read the "
       "neighbours", "Show", show=True),
    _k("review.documents", "d", "Documents", "Screens", show=True),
    _k("review.glossary", "t", "Glossary terms", "Screens", show=True),
    _k("review.add_term", "T", "Add a glossary term from this bead…", "Screens"),
    _k("review.export", "w", "Export (write TMX, TSV, JSON)…", "Screens", show=True),
    # -- the text editor
    _k("editor.save", "ctrl+s,f2", "Save the changed sentences", "Editor", show=True,
       priority=True),
    _k("editor.split_here", "ctrl+t", "Split the sentence at the cursor", "Editor", show=True,
       priority=True),
    _k("editor.cancel", "escape", "Cancel: change nothing", "Editor", show=True, priority=True),
    # -- the split dialog
    _k("split.cut_up", "up,k", "Move the cut up", "Split"),
    _k("split.cut_down", "down,j", "Move the cut down", "Split"),
    _k("split.other_side", "tab,left,right,h", "Switch between Turkish and English", "Split",
       show=True, priority=True),
    _k("split.apply", "enter", "Split here", "Split", show=True),
    _k("split.cancel", "escape", "Cancel", "Split", show=True),
    # -- the documents screen
    _k("documents.open", "enter", "Review this document only", "Documents", show=True,
       short="this document"),
    _k("documents.all", "a", "Review all documents", "Documents", show=True,
       short="all documents"),
    _k("documents.close", "escape,d", "Back to the review", "Documents", show=True,
       short="back"),
    # -- the glossary screen
    _k("glossary.search", "slash", "Search terms", "Glossary", show=True, short="search"),
    _k("glossary.add", "plus,a,insert", "Add a term…", "Glossary", show=True, short="add"),
    _k("glossary.edit", "enter,e", "Edit the term…", "Glossary", show=True, short="edit"),
    _k("glossary.delete", "delete,minus", "Delete the term", "Glossary", show=True,
       short="delete"),
    _k("glossary.sort", "o", "Order: file, most beads, most missing renderings", "Glossary",
       show=True, short="order"),
    _k("glossary.close", "escape,t", "Back to the review", "Glossary", show=True,
       short="back"),
    # -- pairing a fragment (mixed articles)
    _k("candidates.choose", "enter", "Pair the fragment with this English", "Pairing",
       show=True),
    _k("candidates.none", "n,0", "The fragment has no English rendering", "Pairing",
       show=True),
    _k("candidates.cancel", "escape", "Cancel: keep the pairing", "Pairing", show=True,
       priority=True),
    # -- the term form (glossary)
    _k("term.save", "ctrl+s,f2", "Save the term to the glossary file", "Term", show=True,
       priority=True),
    _k("term.cancel", "escape", "Cancel: the glossary stays as it was", "Term", show=True,
       priority=True),
    # -- yes/no questions
    _k("confirm.yes", "y", "Yes", "Questions", show=True),
    _k("confirm.no", "n,escape", "No", "Questions", show=True),
    # -- the export dialog
    _k("export.run", "enter", "Export (from any field; Space ticks a box)", "Export",
       show=True),
    # -- dialogs
    _k("dialog.cancel", "escape", "Close the dialog", "Dialogs", show=True, priority=True),
)
"""Every key binding, with its default keys."""

SCREENS = (
    "app", "review", "editor", "split", "candidates", "documents", "glossary", "term",
    "export", "confirm", "dialog",
)
"""The config file's tables."""

_MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")
_NAMED = {k.value.rpartition("+")[2] for k in Keys} | {
    "space", "enter", "tab", "escape", "backspace", "delete", "insert", "home", "end",
    "pageup", "pagedown", "up", "down", "left", "right",
}


def _is_known(key: str) -> bool:
    *mods, base = key.split("+")
    if any(m not in _MODIFIERS for m in mods) or not base:
        return False
    if base in _NAMED or len(base) == 1:
        return True
    name = {v: k for k, v in KEY_NAME_REPLACEMENTS.items()}.get(base, base)
    try:
        unicodedata.lookup(name.replace("_", " ").upper())
    except KeyError:
        return False
    return True


def normalize_key(key: str) -> str | None:
    """A Textual key name for what a user wrote (``?`` → ``question_mark``), or None if it
    names no key."""
    key = key if key == " " else key.strip()
    if len(key) == 1:
        if key.isalnum():
            return key
        if key == " ":
            return "space"
        try:
            name = unicodedata.name(key).lower().replace("-", "_").replace(" ", "_")
        except ValueError:
            return None
        return KEY_NAME_REPLACEMENTS.get(name, name)
    key = key.lower() if "+" in key or len(key) > 1 else key
    return key if _is_known(key) else None


def display_key(key: str) -> str:
    """How a key is shown to the user (``left_square_bracket`` → ``[``)."""
    *mods, base = key.split("+")
    shown = format_key(base)
    return "+".join([*mods, shown]) if mods else shown


def bindings(screen: str) -> list[BindingType]:
    """The Textual bindings of a screen (``app`` for the app), with their default keys and
    ids, so that :meth:`textual.app.App.set_keymap` applies a user's overrides."""
    return [
        Binding(
            a.keys, a.action, a.short or a.description, show=a.show, id=a.id,
            priority=a.priority, tooltip=a.description,
        )
        for a in DEFAULT_KEYS
        if a.screen == screen
    ]


class Keymap:
    """The keys in effect: the defaults with a user's overrides."""

    def __init__(self, overrides: Mapping[str, str] | None = None, source: str | None = None):
        self.overrides: dict[str, str] = dict(overrides or {})
        """Binding id -> comma-separated keys, for :meth:`textual.app.App.set_keymap`."""
        self.source = source
        """The file the overrides came from (None: defaults only)."""
        self._by_id = {a.id: a for a in DEFAULT_KEYS}

    def keys(self, action_id: str) -> tuple[str, ...]:
        """The keys of an action (``review.undo`` → ``("u", "ctrl+z")``)."""
        keys = self.overrides.get(action_id) or self._by_id[action_id].keys
        return tuple(k for k in keys.split(",") if k)

    def shown(self, action_id: str) -> str:
        """The keys of an action as the user reads them (``u / ctrl+z``)."""
        return " / ".join(display_key(k) for k in self.keys(action_id))

    def first(self, action_id: str) -> str:
        """The first key of an action, for hints (``space``)."""
        keys = self.keys(action_id)
        return display_key(keys[0]) if keys else ""

    def actions(self, screen: str | None = None) -> list[KeyAction]:
        """The actions of one screen (all if None), in the order of :data:`DEFAULT_KEYS`."""
        return [a for a in DEFAULT_KEYS if screen is None or a.screen == screen]


SCREEN_TITLES = {
    "app": "Everywhere",
    "review": "Review screen",
    "editor": "Text editor",
    "split": "Split dialog",
    "candidates": "Pairing a fragment",
    "documents": "Documents screen",
    "glossary": "Glossary screen",
    "term": "Term form",
    "export": "Export dialog",
    "confirm": "Questions",
    "dialog": "Dialogs",
}
"""The config file's tables as the help screen and the documentation call them."""


_DOC_NAMES = {"enter": "Enter", "escape": "Esc", "space": "Space", "tab": "Tab",
              "delete": "Delete", "insert": "Insert", "pagedown": "PgDn", "pageup": "PgUp",
              "home": "Home", "end": "End", "up": "↑", "down": "↓", "left": "←", "right": "→"}


def markdown_keys(keymap: Keymap | None = None) -> str:
    """Every key as Markdown tables, one per screen (docs/REVIEW.md shows this)."""
    keymap = keymap or Keymap()
    out = []
    for screen in SCREENS:
        actions = keymap.actions(screen)
        if not actions:
            continue
        out.append(f"**{SCREEN_TITLES[screen]}** (`[{screen}]`)\n")
        out.append("| keys | does | name |")
        out.append("|---|---|---|")
        for a in actions:
            keys = " ".join(f"`{_DOC_NAMES.get(k, display_key(k))}`" for k in keymap.keys(a.id))
            keys = keys.replace("|", "\\|")  # a | key must not end the cell
            out.append(f"| {keys} | {a.description} | `{a.name}` |")
        out.append("")
    return "\n".join(out)


def default_config_path(env: Mapping[str, str] | None = None) -> Path:
    """``$XDG_CONFIG_HOME/hizala/keys.toml`` (``~/.config/hizala/keys.toml``)."""
    env = os.environ if env is None else env
    base = env.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "hizala" / "keys.toml"


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TABLE = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]")
_ENTRY = re.compile(r"""^\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*=""")


def _where(text: str, table: str, name: str | None) -> int | None:
    """The 1-based line of ``[table]`` (``name`` None) or of ``name = …`` inside it."""
    current = None
    for n, line in enumerate(text.splitlines(), 1):
        m = _TABLE.match(line)
        if m:
            current = m.group(1).strip("\"'")
            if name is None and current == table:
                return n
            continue
        m = _ENTRY.match(line)
        if m and current == table and name == _entry_name(m):
            return n
    return None


def _entry_name(match: re.Match[str]) -> str:
    return next(g for g in match.groups() if g is not None)


def load_keymap(path: str | os.PathLike[str] | None = None, *, required: bool = False) -> Keymap:
    """The keymap from ``path`` (default: :func:`default_config_path`, if it exists).

    ``required``: a missing file is an error (the user named it). Raises
    :class:`FormatError` naming file:line for a bad file.
    """
    p = Path(path) if path is not None else default_config_path()
    if not p.exists():
        if required:
            raise FormatError("no such key configuration file", path=p)
        return Keymap()
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise FormatError(f"cannot read: {exc.strerror or exc}", path=p) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError(
            "is not UTF-8 text; save the key configuration as UTF-8", path=p,
            byte_offset=exc.start,
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        m = _TOML_POSITION.search(message)
        line = column = None
        if m:
            line, column = int(m.group(1)), int(m.group(2))
            message = message[: m.start()]
        raise FormatError(
            f"not valid TOML: {message}", path=p, line=line, column=column
        ) from None
    return Keymap(_overrides(data, text, p), source=str(p))


def _overrides(data: Mapping[str, object], text: str, path: Path) -> dict[str, str]:
    by_id = {a.id: a for a in DEFAULT_KEYS}
    out: dict[str, str] = {}
    lines: dict[str, int | None] = {}
    for table, entries in data.items():
        if table not in SCREENS:
            raise FormatError(
                f"unknown table [{table}]; the tables are " + ", ".join(f"[{s}]" for s in SCREENS),
                path=path, line=_where(text, table, None),
            )
        if not isinstance(entries, dict):
            raise FormatError(
                f"'{table}' must be a table ([{table}]) of action = \"key\" lines",
                path=path, line=_where(text, table, None) or _entry_line(text, table),
            )
        for name, value in entries.items():
            action_id = f"{table}.{name}"
            line = _where(text, table, name)
            if action_id not in by_id:
                known = ", ".join(a.name for a in DEFAULT_KEYS if a.screen == table)
                raise FormatError(
                    f"[{table}] has no action {name!r}; its actions are: {known}",
                    path=path, line=line,
                )
            keys = _keys(value, action_id, path, line)
            out[action_id] = ",".join(keys)
            lines[action_id] = line
    _check_clashes(out, lines, path)
    return out


def _entry_line(text: str, name: str) -> int | None:
    for n, line in enumerate(text.splitlines(), 1):
        m = _ENTRY.match(line)
        if m and _entry_name(m) == name:
            return n
    return None


def _keys(value: object, action_id: str, path: Path, line: int | None) -> list[str]:
    items: Iterable[object]
    if isinstance(value, str):
        items = [value]
    elif isinstance(value, list) and value:
        items = value
    else:
        raise FormatError(
            f"{action_id}: give a key as a string (\"ctrl+s\") or a list of strings",
            path=path, line=line,
        )
    keys = []
    for item in items:
        if not isinstance(item, str) or not item:
            raise FormatError(
                f"{action_id}: every key must be a non-empty string", path=path, line=line
            )
        # "a,b" in one string is two keys, as in Textual's BINDINGS
        for part in item.split(",") if item != "," else [","]:
            key = normalize_key(part)
            if key is None:
                raise FormatError(
                    f"{action_id}: {part.strip()!r} is not a key; use a character or a key "
                    "name such as space, enter, escape, tab, up, pagedown, f2, ctrl+s",
                    path=path, line=line,
                )
            keys.append(key)
    return keys


def _check_clashes(out: Mapping[str, str], lines: Mapping[str, int | None], path: Path) -> None:
    keymap = Keymap(out)
    for screen in SCREENS:
        if screen == "app":
            continue
        owner: dict[str, str] = {}
        for action in keymap.actions("app") + keymap.actions(screen):
            for key in keymap.keys(action.id):
                other = owner.get(key)
                if other is not None and other != action.id:
                    culprit = action.id if action.id in out else other
                    raise FormatError(
                        f"{display_key(key)!r} would do both {other} and {action.id}; "
                        f"give one of them another key",
                        path=path, line=lines.get(culprit),
                    )
                owner[key] = action.id
