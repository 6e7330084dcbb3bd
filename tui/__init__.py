"""hizala's review UI (Textual): ``hizala review PROJECT`` or ``hizala review TR EN``.

:func:`create_app` makes the app for the command and for the tests; all
logic lives in the library (:mod:`align.review`, :mod:`align.store`).
"""

from __future__ import annotations

from .app import HizalaApp, create_app

__all__ = ["HizalaApp", "create_app"]
