"""Made ``v1.hizala``: a schema-1 project, written by hizala at commit 952a19d (main before
schema 2). Kept to show how the file came about; run with that version to remake it::

    git checkout 952a19d && python tests/data/store/make_v1.py tests/data/store/v1.hizala
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from store_fixtures import FINDING, make_project

from align.encoders import get_encoder
from align.review.embeddings import save_embeddings


def main(dest: str) -> None:
    out = Path(dest)
    folder = out.parent
    with make_project(folder, name=out.name) as p:
        assert p.schema_version == 1
        b = p.beads()
        p.confirm(b[0].id)
        p.reject(b[2].id)
        p.edit_segment(b[1].en[0].id, "The “midnight” lights went out & the streets stayed dark.")
        p.merge(b[4].id, "next")
        p.add_findings(b[3].id, [FINDING])
        enc = get_encoder("fake")
        enc.encode([s.text for s in b[0].tr])
        save_embeddings(p, enc, [s.text for s in b[0].tr])


if __name__ == "__main__":
    main(sys.argv[1])
