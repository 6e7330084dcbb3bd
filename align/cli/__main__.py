"""``python -m align.cli`` runs the ``hizala`` command."""

from .main import main

main()
