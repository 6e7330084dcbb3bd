"""``hizala batch --workers 2``: a real Dask LocalCluster (two worker processes) aligns a
manifest with a bad pair in it, and writes what one process writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from batch_fixtures import FAKE, MIXED, make_batch, outputs, run, without_dates

# Never skipped: the dev extra installs Dask (hizala[dask]), and without it these tests
# fail with the command's own message ("need Dask: pip install 'hizala[dask]'").


def test_a_local_cluster_aligns_a_manifest_and_reports_the_bad_pair(tmp_path: Path) -> None:
    one, many = tmp_path / "one", tmp_path / "many"
    args = ("--presegmented", *FAKE, "--tmx")
    alone = run("batch", str(make_batch(one, bad=True)), *args, str(one / "corpus.tmx"))
    manifest = make_batch(many, bad=True)
    result = run("batch", str(manifest), *args, str(many / "corpus.tmx"), "--workers", "2")
    assert result.exit_code == alone.exit_code == 1
    assert f"skipped {manifest}:4: " in result.output and "missing.tr: no such file" in result.output
    assert "aligned 3 of 4 document pairs" in result.output
    assert {k: v for k, v in outputs(many).items() if not k.endswith("-stamp")} == {
        k: v for k, v in outputs(one).items() if not k.endswith("-stamp")}
    assert without_dates((many / "corpus.tmx").read_bytes()) == without_dates(
        (one / "corpus.tmx").read_bytes())

    # Resumed on the cluster: nothing aligned again, the corpus TMX made again from the stamps.
    again = run("batch", str(manifest), *args, str(many / "corpus.tmx"), "--workers", "2")
    assert "3 of 4 already done" in again.output and "aligned 0 of 4" in again.output
    assert without_dates((many / "corpus.tmx").read_bytes()) == without_dates(
        (one / "corpus.tmx").read_bytes())


@pytest.mark.model
def test_the_cluster_gives_the_beads_of_one_process_with_the_real_model(tmp_path: Path) -> None:
    """Each worker loads USE once (a worker plugin); the beads are those of one process,
    byte for byte."""
    one, many = tmp_path / "one", tmp_path / "many"
    assert run("batch", str(make_batch(one)), "--presegmented").exit_code == 0
    result = run("batch", str(make_batch(many)), "--presegmented", "--workers", "2")
    assert result.exit_code == 0, result.output
    beads = {k: v for k, v in outputs(many).items() if k.endswith(".beads")}
    assert len(beads) == 3
    assert beads == {k: v for k, v in outputs(one).items() if k.endswith(".beads")}


def test_fragments_of_many_articles_on_the_cluster(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("fragments", *map(str, MIXED), "--out-dir", str(out), "--detector", "rules",
                 *FAKE, "--workers", "2")
    assert result.exit_code == 0, result.output
    for article in MIXED:
        one = run("fragments", str(article), "--detector", "rules", *FAKE, "--format", "json")
        assert (out / f"{article.stem}.json").read_text(encoding="utf-8") == one.output
