"""Packages whose public names are imported on first use, so importing them loads nothing."""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from typing import Any

__all__ = ["lazy_attribute"]


def lazy_attribute(package: str, exports: Mapping[str, str], name: str) -> Any:
    """What a package's ``__getattr__(name)`` returns: the attribute from the module
    ``exports[name]`` names, imported now; AttributeError for a name not exported."""
    module = exports.get(name)
    if module is None:
        raise AttributeError(f"module {package!r} has no attribute {name!r}")
    return getattr(import_module(module), name)
