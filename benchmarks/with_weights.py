"""Run a hizala command with other aligner weights than the shipped ones.

    python benchmarks/with_weights.py WEIGHTS.json batch MANIFEST ...

For benchmarks of weights that are not shipped: a cross-validation fold's
(``fit_aligner.py --save-folds``), so that a running-text figure is out of
fold, or a candidate before it replaces ``align/data/aligner_weights.json``.
Pass ``--force`` to ``batch``: its resume stamps record the shipped weights, so an
output made with other weights would otherwise count as current.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    import align.aligner.model as model_module
    from align.aligner import core
    from align.aligner.model import ScoringModel

    model = ScoringModel.load(sys.argv[1])
    # every production path asks default_model() (core.align_texts, the CLI's encoder check)
    model_module.default_model = core.default_model = lambda: model  # type: ignore[assignment]
    from align.cli.main import cli

    cli(sys.argv[2:], prog_name="hizala")


if __name__ == "__main__":
    main()
