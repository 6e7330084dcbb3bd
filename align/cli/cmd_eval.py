"""``hizala eval``: score alignments against gold alignments."""

from __future__ import annotations

import json

import click

from .common import write_output


@click.command("eval")
@click.argument("gold", type=click.Path(dir_okay=False))
@click.argument("predicted", type=click.Path(dir_okay=False))
@click.option(
    "--pair",
    "pairs",
    multiple=True,
    nargs=2,
    metavar="GOLD PRED",
    help="More document pairs, scored together with the first (micro average).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_cmd(gold: str, predicted: str, pairs: tuple[tuple[str, str], ...], as_json: bool) -> None:
    """Strict and lax precision, recall and F1 of PREDICTED beads against GOLD beads.

    Both files are in the beads format ([0, 1]:[0], an optional :score ignored).
    Precision counts every predicted bead; recall counts the gold beads with both
    sides non-empty; a lax hit shares a unit on each side with a gold bead
    (as in Vecalign's and Bertalign's evaluations).
    """
    from ..evaluate import score_alignments
    from ..formats import read_beads

    golds, preds = [], []
    for g, p in ((gold, predicted), *pairs):
        golds.append([(b.tr, b.en) for b in read_beads(g)])
        preds.append([(b.tr, b.en) for b in read_beads(p)])
    scores = score_alignments(golds, preds)
    if as_json:
        write_output(json.dumps(scores.as_dict(), indent=1) + "\n", None)
        return
    rows = (
        ("", "strict", "lax"),
        ("precision", f"{scores.precision_strict:.4f}", f"{scores.precision_lax:.4f}"),
        ("recall", f"{scores.recall_strict:.4f}", f"{scores.recall_lax:.4f}"),
        ("F1", f"{scores.f1_strict:.4f}", f"{scores.f1_lax:.4f}"),
    )
    text = "".join(f"{a:<10} {b:>8} {c:>8}\n" for a, b, c in rows)
    text += f"({scores.predicted} predicted beads, {scores.gold} gold beads with both sides)\n"
    write_output(text, None)
