"""``hizala batch`` in one process: resuming, the corpus TMX, a killed batch, bad input;
and ``hizala fragments`` over many articles on the same engine."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_fixtures import DTD, FAKE, MIXED, NEWS, make_batch, outputs, run, without_dates


def test_a_second_run_skips_what_is_current_and_says_so(tmp_path: Path) -> None:
    manifest = make_batch(tmp_path)
    first = run("batch", str(manifest), "--presegmented", *FAKE)
    assert first.exit_code == 0, first.output
    assert "aligned 3 of 3 document pairs" in first.output
    before = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "out").iterdir()}
    second = run("batch", str(manifest), "--presegmented", *FAKE)
    assert second.exit_code == 0
    assert "3 of 3 already done with the same inputs, options and model" in second.output
    assert "aligned 0 of 3" in second.output
    assert {p.name: p.stat().st_mtime_ns for p in (tmp_path / "out").iterdir()} == before


@pytest.mark.parametrize(
    ("change", "redone"),
    [
        ("input", 1),         # an input changed on disk
        ("output-gone", 1),   # an output deleted
        ("output-edited", 1), # an output changed after it was written
        ("stamp-gone", 1),    # its stamp deleted
        ("encoder", 3),       # another model: every stamp is stale
        ("force", 3),
    ],
)
def test_what_changed_is_done_again(tmp_path: Path, change: str, redone: int) -> None:
    manifest = make_batch(tmp_path)
    assert run("batch", str(manifest), "--presegmented", *FAKE).exit_code == 0
    clean = outputs(tmp_path)
    name = f"{NEWS[1].name}-0"
    extra: tuple[str, ...] = FAKE
    if change == "input":
        en = tmp_path / "in" / f"{name}.en"
        en.write_text(en.read_text(encoding="utf-8") + "Bir satır daha.\n", encoding="utf-8")
    elif change == "output-gone":
        (tmp_path / "out" / f"{name}.beads").unlink()
    elif change == "output-edited":
        (tmp_path / "out" / f"{name}.beads").write_text("[0]:[0]:1.000\n", encoding="utf-8")
    elif change == "stamp-gone":
        (tmp_path / "out" / f".{name}.beads.hizala-stamp").unlink()
    elif change == "encoder":
        extra = ("--encoder", "fake:32")
    else:
        extra = (*FAKE, "--force")
    result = run("batch", str(manifest), "--presegmented", *extra)
    assert result.exit_code == 0, result.output
    assert f"aligned {redone} of 3 document pairs" in result.output
    if change in ("output-gone", "output-edited", "stamp-gone", "force"):
        assert outputs(tmp_path) == clean


@pytest.mark.parametrize("ext", ["beads", "tsv", "json"])
def test_the_corpus_tmx_is_valid_and_read_back(tmp_path: Path, ext: str) -> None:
    from lxml import etree
    from translate.storage import tmx

    manifest = make_batch(tmp_path, bad=True, ext=ext)
    corpus = tmp_path / "corpus.tmx"
    result = run("batch", str(manifest), "--presegmented", *FAKE, "--tmx", str(corpus))
    assert result.exit_code == 1
    assert "skipped " + str(manifest) + ":4: " in result.output  # the bad pair, by its line
    written = int(re.search(r"wrote ([\d,]+) translation units", result.output)[1])  # type: ignore[index]
    data = corpus.read_bytes()
    assert etree.DTD(str(DTD)).validate(etree.fromstring(data))
    units = [u for u in tmx.tmxfile(data).units if not u.isheader()]
    assert len(units) == written > 100
    tree = etree.fromstring(data)
    documents = tree.xpath("//tu/prop[@type='x-document']/text()")
    assert list(dict.fromkeys(documents)) == [f"in/{f.name}-0.tr" for f in NEWS]  # manifest order
    assert units[0].source == (NEWS[0] / "tr.txt").read_text(encoding="utf-8").splitlines()[0]
    assert not list(tmp_path.glob(".corpus.tmx.*"))  # the parts are gone

    # Resumed, every pair skipped: the same TMX (its beads from the stamps, texts re-read).
    again = run("batch", str(manifest), "--presegmented", *FAKE, "--tmx", str(corpus))
    assert "3 of 4 already done" in again.output
    assert without_dates(corpus.read_bytes()) == without_dates(data)

    scored = run("batch", str(manifest), "--presegmented", *FAKE, "--tmx", str(corpus),
                 "--min-score", "0.9")
    kept = [float(s) for s in etree.fromstring(corpus.read_bytes()).xpath(
        "//tu/prop[@type='x-score']/text()")]
    assert "already done" in scored.output and 0 < len(kept) < written and min(kept) >= 0.9


_SLOW_BATCH = """
import sys, time
import align.archive.jobs as jobs
from align.cli.main import main
aligned = jobs.align_compact
def slow(*args, **kwargs):
    time.sleep(0.4)
    yield from aligned(*args, **kwargs)
jobs.align_compact = slow
sys.argv = ["hizala", *sys.argv[1:]]
main()
"""


def test_a_killed_batch_run_again_does_only_what_was_missing(tmp_path: Path) -> None:
    manifest = make_batch(tmp_path, copies=3)  # 9 pairs
    cmd = [sys.executable, "-c", _SLOW_BATCH, "batch", str(manifest), "--presegmented", *FAKE]
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while len(list((tmp_path / "out").glob(".*.hizala-stamp"))) < 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done = len(list((tmp_path / "out").glob(".*.hizala-stamp")))
    assert 3 <= done < 9
    result = run("batch", str(manifest), "--presegmented", *FAKE)
    assert f"{done} of 9 already done" in result.output
    assert f"aligned {9 - done} of 9 document pairs" in result.output
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.endswith(".tmp")]
    resumed = outputs(tmp_path)
    fresh = tmp_path / "fresh"
    assert run("batch", str(make_batch(fresh, copies=3)), "--presegmented", *FAKE).exit_code == 0
    assert {k: v for k, v in resumed.items() if k.endswith(".beads")} == {
        k: v for k, v in outputs(fresh).items() if k.endswith(".beads")}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--workers", "2", "--scheduler", "tcp://127.0.0.1:1"), "give --workers or --scheduler"),
        (("--min-score", "2"), "Invalid value for '--min-score'"),
        (("--workers", "0"), "Invalid value for '--workers'"),
    ],
)
def test_bad_options(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    result = run("batch", str(make_batch(tmp_path)), *FAKE, *args)
    assert result.exit_code == 2 and message in result.output


def test_without_dask_the_cluster_options_say_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("distributed", "dask"):
        monkeypatch.setitem(sys.modules, name, None)  # import distributed/dask fails
    monkeypatch.delitem(sys.modules, "align.archive.cluster", raising=False)
    manifest = make_batch(tmp_path)
    for option in ("--workers", "--scheduler"):
        value = "2" if option == "--workers" else "tcp://127.0.0.1:8786"
        result = run("batch", str(manifest), "--presegmented", *FAKE, option, value)
        assert result.exit_code == 3  # the machine lacks something: README "Exit codes"
        assert result.output.strip() == (
            "hizala: error: --workers and --scheduler need Dask: pip install 'hizala[dask]'")
    # Without those options the batch runs in this process, Dask or not.
    alone = run("batch", str(manifest), "--presegmented", *FAKE)
    assert alone.exit_code == 0, alone.output
    assert "aligned 3 of 3 document pairs" in alone.output


def test_a_bad_output_is_reported_with_its_manifest_line(tmp_path: Path) -> None:
    manifest = make_batch(tmp_path)
    text = manifest.read_text(encoding="utf-8").replace("out/wmt16-021-0.beads", "out/x.docx")
    manifest.write_text(text.replace("out/wmt16-027-0.beads", "nowhere/x.beads"), encoding="utf-8")
    result = run("batch", str(manifest), "--presegmented", *FAKE)
    assert result.exit_code == 1
    assert f"skipped {manifest}:3: OUT must end in .beads, .tsv or .json, not 'x.docx'" in result.output
    assert f"skipped {manifest}:4: " in result.output and "does not exist" in result.output
    assert "aligned 1 of 3 document pairs" in result.output


@pytest.mark.parametrize("strict", [False, True], ids=["warned", "strict"])
def test_a_swapped_pair_is_named_by_its_manifest_line(tmp_path: Path, strict: bool) -> None:
    """The language check of `hizala align`, per document: a warning naming the manifest
    line (the pair is still aligned), or with --strict that document fails, the others go on."""
    manifest = make_batch(tmp_path)
    name = f"{NEWS[1].name}-0"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace(f"in/{name}.tr\tin/{name}.en", f"in/{name}.en\tin/{name}.tr"),
                        encoding="utf-8")
    result = run("batch", str(manifest), "--presegmented", *FAKE,
                 *(("--strict",) if strict else ()))
    where = f"{manifest}:3: "
    if strict:
        assert result.exit_code == 1, result.output
        assert f"skipped {where}" in result.output and "swapped?" in result.output
        assert "refused with --strict" in result.output
        assert "aligned 2 of 3 document pairs" in result.output
        assert not (tmp_path / "out" / f"{name}.beads").exists()
    else:
        assert result.exit_code == 0, result.output
        assert f"hizala: warning: {where}" in result.output and "swapped?" in result.output
        assert result.output.count("swapped?") == 1
        assert "aligned 3 of 3 document pairs" in result.output


# -- hizala fragments over many articles -------------------------------------------------


def test_many_articles_give_what_one_gives(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("fragments", *map(str, MIXED), "--out-dir", str(out), "--detector", "rules", *FAKE)
    assert result.exit_code == 0, result.output
    assert f"searched {len(MIXED)} of {len(MIXED)} articles" in result.output
    for article in MIXED:
        one = run("fragments", str(article), "--detector", "rules", *FAKE, "--format", "json")
        assert (out / f"{article.stem}.json").read_text(encoding="utf-8") == one.output
    again = run("fragments", *map(str, MIXED), "--out-dir", str(out), "--detector", "rules", *FAKE)
    assert f"{len(MIXED)} of {len(MIXED)} already done" in again.output


def test_many_articles_from_a_manifest(tmp_path: Path) -> None:
    manifest = tmp_path / "articles.tsv"
    manifest.write_text(
        "".join(f"{a}\t{tmp_path / a.stem}.tsv\n" for a in MIXED[:2]) + f"{MIXED[2]}\tx.pdf\n",
        encoding="utf-8")
    result = run("fragments", "--manifest", str(manifest), "--detector", "rules", *FAKE)
    assert result.exit_code == 1
    assert f"skipped {manifest}:3: OUT must end in .json, .tsv or .txt" in result.output
    assert (tmp_path / f"{MIXED[0].stem}.tsv").read_text(encoding="utf-8").startswith("start\tend")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("a.txt", "b.txt"), "give --out-dir DIR with the FILEs"),
        (("a.txt", "b.txt", "--out-dir", "o", "-o", "x.json"), "-o is for one article"),
        (("--manifest", "m.tsv", "a.txt"), "not both"),
        (("a.txt", "--workers", "2"), "--workers and --scheduler are for many articles"),
        ((), "give the article FILE"),
    ],
)
def test_fragments_usage_errors(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    result = run("fragments", *args, *FAKE)
    assert result.exit_code == 2 and message in result.output


def test_two_articles_with_one_name_are_refused(tmp_path: Path) -> None:
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "same.txt").write_text("An English article.\n", encoding="utf-8")
    result = run("fragments", str(tmp_path / "a" / "same.txt"), str(tmp_path / "b" / "same.txt"),
                 "--out-dir", str(tmp_path / "o"), *FAKE)
    assert result.exit_code == 2 and "would both be written to" in result.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe\x00b\x00i\x00n", "the manifest is not UTF-8 (byte 0)"),
        (b"a.tr\tb.en\n", "manifest.tsv:1: expected 3 TAB-separated fields TR<TAB>EN<TAB>OUT"),
        (b"", "the manifest lists no document pairs"),
        (b"a.tr\tb.en\tout.beads\nc.tr\td.en\t./out.beads\n",
         "manifest.tsv:2: ./out.beads is also the output of line 1"),
    ],
    ids=["binary", "two-fields", "empty", "same-output"],
)
def test_a_bad_manifest_is_one_line(tmp_path: Path, content: bytes, message: str) -> None:
    manifest = tmp_path / "manifest.tsv"
    manifest.write_bytes(content)
    result = run("batch", str(manifest), *FAKE)
    assert result.exit_code == 2 and message in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_manifest_that_cannot_be_read_is_one_line(tmp_path: Path) -> None:
    loop = tmp_path / "manifest.tsv"
    loop.symlink_to(loop)  # open() fails with ELOOP, as root too
    result = run("batch", str(loop), *FAKE)
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"hizala: error: {loop}: cannot read the manifest (Too many levels of symbolic links)"]


def test_a_manifest_with_bom_and_crlf_reads(tmp_path: Path) -> None:
    manifest = make_batch(tmp_path)
    text = manifest.read_text(encoding="utf-8")
    manifest.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    result = run("batch", str(manifest), "--presegmented", *FAKE)
    assert result.exit_code == 0 and "aligned 3 of 3" in result.output


@pytest.mark.parametrize("where", ["folder", "missing-folder"])
def test_a_corpus_tmx_that_cannot_be_written_is_refused(tmp_path: Path, where: str) -> None:
    corpus = tmp_path if where == "folder" else tmp_path / "nowhere" / "c.tmx"
    result = run("batch", str(make_batch(tmp_path)), "--presegmented", *FAKE, "--tmx", str(corpus))
    assert result.exit_code == 2 and str(corpus) in result.output
    assert "Traceback" not in result.output


def test_a_task_that_raises_fails_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unexpected error in one document (a bug) is reported with its manifest line, as
    on a Dask worker, and the other documents are aligned."""
    from align.archive import jobs

    aligned = jobs.align_compact

    def flaky(tr, en, *args, **kwargs):  # type: ignore[no-untyped-def]
        if "wmt16-021" in str(tr.path):
            raise RuntimeError("boom")
        return aligned(tr, en, *args, **kwargs)

    monkeypatch.setattr(jobs, "align_compact", flaky)
    manifest = make_batch(tmp_path)
    result = run("batch", str(manifest), "--presegmented", *FAKE)
    assert result.exit_code == 1
    assert f"skipped {manifest}:3: RuntimeError: boom" in result.output
    assert "aligned 2 of 3 document pairs" in result.output
