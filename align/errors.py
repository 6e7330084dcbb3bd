"""Every error hizala raises on purpose.

Callers catch :class:`HizalaError` for "the user's input or environment is
wrong" and let anything else surface as a bug. The tree::

    HizalaError                 base; ``str()`` is one line: "where: what. what to do"
    ├── InputError              a text file that cannot be read (missing, empty,
    │                           binary, undecodable bytes)
    ├── SegmentationError       a malformed or unusable SRX rules file
    ├── EncoderError            an encoder that cannot be loaded or run
    ├── FormatError             a malformed beads/TSV/JSON/TMX/manifest file or an
    │                           alignment that does not cover its documents
    ├── GlossaryError           a malformed glossary or a refused glossary edit
    └── StoreError              a review project that cannot be opened or written

Each error may carry the ``path`` it is about and a 1-based ``line`` and
``column`` (or a 0-based ``byte_offset`` for undecodable input); ``str()``
renders them compiler style (``glossary.yaml:14:5: 'en' must be a list``) so
editors can jump to the spot. ``exit_code`` is what the command line exits with,
one of the codes below (the table in README.md, "Exit codes"): each class has
its usual code, and an error that is about the machine rather than the input (a
full disk, a file that cannot be written, a project another hizala holds) says
:data:`EXIT_ENVIRONMENT` itself.
"""

from __future__ import annotations

from os import PathLike, fspath

__all__ = [
    "EXIT_ENVIRONMENT",
    "EXIT_FOUND",
    "EXIT_INPUT",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EncoderError",
    "FormatError",
    "GlossaryError",
    "HizalaError",
    "InputError",
    "SegmentationError",
    "StoreError",
]


EXIT_OK = 0
"""The command did what it was asked."""
EXIT_FOUND = 1
"""The command ran, and what it checked has problems: ``check --strict`` found an error,
``glossary lint`` an error, ``batch`` skipped a document."""
EXIT_INPUT = 2
"""Nothing was done because of what was given: a wrong command line, a missing,
unreadable or malformed input (text, glossary, TMX, SRX, manifest, a file that is not
a hizala project), or inputs refused with ``--strict`` (TR and EN swapped?)."""
EXIT_ENVIRONMENT = 3
"""Nothing was done (or nothing more was saved) because of the machine: the disk is
full, a file or folder cannot be written, the project or glossary is being changed by
another hizala or changed on disk meanwhile, a model cannot be loaded."""
EXIT_INTERRUPTED = 130
"""Interrupted (Ctrl-C)."""


class HizalaError(Exception):
    """Base class of every deliberate hizala error."""

    exit_code: int = EXIT_INPUT

    def __init__(
        self,
        message: str,
        *,
        path: str | PathLike[str] | None = None,
        line: int | None = None,
        column: int | None = None,
        byte_offset: int | None = None,
        exit_code: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = fspath(path) if path is not None else None
        self.line = line
        self.column = column
        self.byte_offset = byte_offset
        if exit_code is not None:
            self.exit_code = exit_code

    def location(self) -> str:
        """``path:line:column`` (or ``path: byte N``), as much as is known."""
        if self.path is None:
            return ""
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        elif self.byte_offset is not None:
            where += f": byte {self.byte_offset}"
        return where

    def __str__(self) -> str:
        where = self.location()
        text = " ".join(self.message.split())  # always one line
        return f"{where}: {text}" if where else text


class InputError(HizalaError):
    """A text file cannot be used as input: missing, empty, binary or undecodable."""

    exit_code = EXIT_INPUT


class SegmentationError(HizalaError):
    """The sentence segmentation rules (SRX) are malformed or unusable."""

    exit_code = EXIT_INPUT


class EncoderError(HizalaError):
    """An encoder backend cannot be found, loaded or run."""

    exit_code = EXIT_INPUT


class FormatError(HizalaError):
    """A structured file (beads, TSV, JSON, TMX, manifest) is malformed."""

    exit_code = EXIT_INPUT


class GlossaryError(HizalaError):
    """A glossary file is malformed, or an edit to it was refused."""

    exit_code = EXIT_INPUT


class StoreError(HizalaError):
    """A review project cannot be opened, locked or written."""

    exit_code = EXIT_INPUT
