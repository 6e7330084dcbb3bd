"""The one edit between two spellings: a changed, added, dropped or swapped character.

A changed digit (``2013`` / ``2003``) and a misspelled name (``Erdgoan``) are both one edit
away from what the other side writes; :func:`one_edit` says which edit, and where.
"""

from __future__ import annotations

__all__ = ["one_edit"]


def one_edit(a: str, b: str) -> tuple[str, int] | None:
    """The one edit that turns ``a`` into ``b``, or None when there is not exactly one:
    ``("sub", k)`` (``a[k]`` changed), ``("del", k)`` (``b`` lacks ``a[k]``), ``("ins", k)``
    (``b`` has ``b[k]`` more) or ``("swap", k)`` (``a[k]`` and ``a[k+1]`` swapped)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return None
    if len(a) == len(b):
        diff = [k for k in range(len(a)) if a[k] != b[k]]
        if len(diff) == 1:
            return "sub", diff[0]
        if (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                and a[diff[1]] == b[diff[0]]):
            return "swap", diff[0]
        return None
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    k = next((i for i in range(len(short)) if short[i] != long_[i]), len(short))
    if long_[:k] + long_[k + 1 :] != short:
        return None
    return ("del" if long_ is a else "ins"), k
