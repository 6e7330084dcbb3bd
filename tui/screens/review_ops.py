"""The review screen's operations: one key each, each saved at once and undoable.

Quick operations run on the UI thread (each is one SQLite transaction of a
few milliseconds); re-aligning a stretch runs in a worker thread with a
progress bar and can be cancelled (nothing is written until it is done).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from textual import work
from textual.worker import get_current_worker

from align.errors import HizalaError
from align.review import Cancelled
from align.store import Operation

from ..messages import RealignDone, WorkFailed, WorkProgress
from .review_base import ReviewBase

if TYPE_CHECKING:
    from .edit import EditResult
__all__ = ["ReviewOperations"]


class ReviewOperations(ReviewBase):
    """Part of :class:`~.review.ReviewScreen`: the actions that change the project."""

    # -- plumbing -----------------------------------------------------------------
    def done(self, op: Operation | None, *, focus: int | None = None, verb: str = "") -> None:
        """An operation ran (``op`` None: nothing changed): redraw, put the cursor on
        ``focus`` (default: the operation's focus), say what was done."""
        if op is not None:
            self.note = f"{verb}{op.description}" if verb else op.description
        target = focus if focus is not None else op.focus if op is not None else self.current
        self.refresh_all(target)

    def _operate(
        self, run: Callable[[int], Operation | None], *, focus_next: bool = False
    ) -> Operation | None:
        bead_id = self.current
        if bead_id is None:
            return None
        index = self.session.index
        row = self.table.row
        following = index.id_at(row + 1) if focus_next and row + 1 < len(index) else None
        result: list[Operation | None] = []
        if not self.attempt(lambda: result.append(run(bead_id))):
            return None
        op = result[0]
        focus = following if following is not None else bead_id if focus_next else None
        if op is None and focus_next and following is None:
            self.say("that was the last bead of the view")
        self.done(op, focus=focus)
        return op

    # -- judging ------------------------------------------------------------------
    def action_confirm_next(self) -> None:
        if not self._judge_selection("confirmed"):
            self._operate(self.session.confirm, focus_next=True)

    def action_confirm(self) -> None:
        if not self._judge_selection("confirmed"):
            self._operate(self.session.confirm)

    def action_reject(self) -> None:
        if not self._judge_selection("rejected"):
            self._operate(self.session.reject)

    def action_select(self) -> None:
        table = self.table
        if table.range_start is not None:
            table.unselect()
            self.show_current(force=True)
            return
        if table.bead_id is None:
            return
        table.select()
        k = self.keymap.first
        self.say(f"selecting: move to grow the range, {k('review.confirm_next')} confirms it, "
                 f"{k('review.reject')} rejects it, {k('review.unselect')} drops it")
        self.show_current(force=True)

    def action_unselect(self) -> None:
        if self.table.range_start is not None:
            self.table.unselect()
            self.show_current(force=True)

    def _judge_selection(self, status: str) -> bool:
        """Confirm or reject the selected range in one operation; False if there is no
        selection (the key judges the bead under the cursor then)."""
        table = self.table
        beads = table.selected()
        if not beads:
            return False
        index = self.session.index
        if status == "confirmed":
            change = index.confirmable(beads)
            run = self.session.confirm_many
        else:
            change = [b for b in beads if index.mark(b).status != "rejected"]
            run = self.session.reject_many
        table.unselect()
        self._judge_many(change, run, f"of the {len(beads):,} selected")
        return True

    def _judge_many(
        self, beads: Sequence[int], run: Callable[[Sequence[int]], Operation | None], what: str
    ) -> None:
        keep = self.current
        result: list[Operation | None] = []
        if not beads:
            self.say(f"nothing to change {what}")
            self.show_current(force=True)
            return
        if not self.attempt(lambda: result.append(run(beads))):
            return
        op = result[0]
        if op is not None:
            self.note = f"{op.description} {what}"
            self.say(f"{op.description} {what}; {self.keymap.first('review.undo')} takes "
                     "them back in one step")
        self.refresh_all(keep if keep in self.session.index else None)

    def action_bulk_confirm(self) -> None:
        if not len(self.session.index):
            return
        from .bulk import BulkChoice, BulkConfirmScreen

        def chosen(choice: BulkChoice | None) -> None:
            if choice is not None:
                self._judge_many(choice.bead_ids, self.session.confirm_many, choice.what)

        self.app.push_screen(BulkConfirmScreen(self.session, self.table.row, self.keymap), chosen)

    def action_reset(self) -> None:
        self._operate(self.session.reset)

    def action_undo(self) -> None:
        self._step(self.session.undo, "undid: ", "nothing to undo")

    def action_redo(self) -> None:
        self._step(self.session.redo, "redid: ", "nothing to redo")

    def _step(self, run: Callable[[], Operation | None], verb: str, nothing: str) -> None:
        result: list[Operation | None] = []
        if not self.attempt(lambda: result.append(run())):
            return
        op = result[0]
        if op is None:
            self.say(nothing)
            return
        self.say(f"{verb}{op.description}")
        self.done(op, verb=verb)

    # -- correcting ---------------------------------------------------------------
    def _sentence_work(self, what: str) -> bool:
        """False (and why) when the bead is a fragment of a mixed article: its beads are
        not a sequence of sentences to merge, split or move."""
        bead_id = self.current
        if bead_id is None or not self.session.is_fragment(bead_id):
            return True
        self.say(
            f"bead #{self.session.number(bead_id)} is a Turkish fragment of a mixed article: "
            f"{what} makes no sense for it; press {self.keymap.first('review.rematch')} to pair "
            "it with another English sentence, or with none",
            error=True,
        )
        return False

    def action_merge_next(self) -> None:
        if self._sentence_work("merging"):
            self._operate(lambda b: self.session.merge(b, "next"))

    def action_merge_previous(self) -> None:
        if self._sentence_work("merging"):
            self._operate(lambda b: self.session.merge(b, "previous"))

    def action_move_tr_up(self) -> None:
        if self._sentence_work("moving sentences"):
            self._operate(lambda b: self.session.move_segment(b, "tr", "previous"))

    def action_move_tr_down(self) -> None:
        if self._sentence_work("moving sentences"):
            self._operate(lambda b: self.session.move_segment(b, "tr", "next"))

    def action_move_en_up(self) -> None:
        if self._sentence_work("moving sentences"):
            self._operate(lambda b: self.session.move_segment(b, "en", "previous"))

    def action_move_en_down(self) -> None:
        if self._sentence_work("moving sentences"):
            self._operate(lambda b: self.session.move_segment(b, "en", "next"))

    def action_rematch(self) -> None:
        bead_id = self.current
        if bead_id is None:
            return
        if not self.session.is_fragment(bead_id):
            self.say("pairing with another sentence is for fragments of mixed articles; in a "
                     "document pair, merge, split or move sentences instead", error=True)
            return
        from .candidates import CandidatesScreen, Pairing

        def chosen(pairing: Pairing | None) -> None:
            # the bead the dialog was for, wherever the cursor is now (a worker may have
            # moved it meanwhile)
            if pairing is None or bead_id not in self.session.index:
                return
            result: list[Operation | None] = []
            if self.attempt(lambda: result.append(
                self.session.rematch(bead_id, pairing.start, pairing.end)
            )):
                if result[0] is None:
                    number = self.session.number(bead_id)
                    self.say(f"nothing changed: fragment #{number} is unpaired already"
                             if pairing.start is None else
                             f"nothing changed: fragment #{number} has that English already")
                self.done(result[0], focus=bead_id)

        self.app.push_screen(
            CandidatesScreen(self.session, bead_id, self.keymap, self.glossary), chosen
        )

    def action_insert(self) -> None:
        bead_id = self.current
        if bead_id is None:
            return
        op = self._operate(self.session.insert_counterpart)
        if op is not None:
            bead = self.session.bead(bead_id)
            empty = next((s.id for s in (*bead.tr, *bead.en) if not s.text), None)
            self.open_editor(bead_id, empty)

    def action_split(self) -> None:
        bead_id = self.current
        if bead_id is None or not self._sentence_work("splitting"):
            return
        bead = self.session.bead(bead_id)
        if len(bead.tr) + len(bead.en) < 2:
            self.say("this bead has one sentence: there is nothing to split it into; to "
                     f"split the sentence itself, edit it ({self.keymap.first('review.edit')}) "
                     f"and press {self.keymap.first('editor.split_here')} at the cut",
                     error=True)
            return

        from .split import SplitScreen  # dialogs load when first used: a faster start

        def split(cut: tuple[int, int] | None) -> None:
            if cut is not None:
                self._operate(lambda b: self.session.split_bead(b, *cut))

        self.app.push_screen(SplitScreen(bead, self.session.number(bead_id), self.keymap), split)

    def action_edit(self) -> None:
        bead_id = self.current
        if bead_id is not None:
            self.open_editor(bead_id)

    def open_editor(self, bead_id: int, focus_segment: int | None = None) -> None:
        """Edit the bead's sentences; each changed sentence is one undoable operation."""
        from .edit import EditScreen

        bead = self.session.bead(bead_id)
        confirmed = bead.status == "confirmed"

        def apply(result: EditResult | None) -> None:
            if result is None or (not result.changes and result.split is None):
                return
            ops: list[Operation | None] = []
            keep = confirmed and result.keep_confirmed

            def run() -> None:
                for segment_id, text in result.changes:
                    ops.append(self.session.edit_segment(segment_id, text, keep_status=keep))
                if result.split is not None:
                    ops.append(self.session.split_segment(*result.split))

            self.attempt(run)
            done = [op for op in ops if op is not None]
            if not done:
                return
            self.done(done[-1], focus=bead_id)
            words = []
            if len(done) > 1:
                words.append(f"{len(done)} changes saved (undo takes them back one by one)")
            if confirmed and bead_id in self.session.index:
                number = self.session.number(bead_id)
                if self.session.index.mark(bead_id).status == "confirmed":
                    words.append(f"bead #{number} is still confirmed")
                else:
                    words.append(f"bead #{number} is no longer confirmed: check it and "
                                 f"confirm it again ({self.keymap.first('review.confirm')})")
            if words:
                self.say("; ".join(words))

        self.app.push_screen(
            EditScreen(bead, self.session.number(bead_id), self.keymap,
                       focus_segment=focus_segment),
            apply,
        )

    # -- re-aligning ----------------------------------------------------------------
    def action_realign(self) -> None:
        bead_id = self.current
        if bead_id is None or not self._sentence_work("re-aligning"):
            return
        if self.session.index.mark(bead_id).status == "confirmed":
            self.say("this bead is confirmed: re-aligning keeps confirmed beads as they are; "
                     "choose an unconfirmed bead", error=True)
            return
        stretch: list[tuple[int, ...]] = []
        if not self.attempt(lambda: stretch.append(self.session.project.stretch(bead_id))):
            return
        marks = [self.session.index.mark(b) for b in stretch[0]]
        units = sum(m.tr_count + m.en_count for m in marks)
        self.post_message(WorkProgress(f"re-aligning {len(marks)} beads", 0, units))
        self.realign_worker(bead_id, units)

    @work(thread=True, exclusive=True, group="realign")
    def realign_worker(self, bead_id: int, units: int) -> None:
        """Re-align in a thread; the result is applied on the UI thread."""
        worker = get_current_worker()
        done = 0
        label = "re-aligning"

        def progress(n: int) -> None:
            nonlocal done
            if worker.is_cancelled:
                raise Cancelled
            done += n
            self.post_message(WorkProgress(label, min(done, units), units))

        try:
            op = self.session.realign(bead_id, progress=progress)
        except Cancelled:
            return
        except HizalaError as exc:
            self.post_message(WorkFailed("re-align", exc))
            return
        self.post_message(RealignDone(bead_id, op))

    def on_realign_done(self, event: RealignDone) -> None:
        from ..widgets import WorkIndicator

        self.query_one(WorkIndicator).stop()
        if event.operation is None:
            self.say("the aligner agrees with these beads as they are: nothing changed")
            return
        self.session.applied(event.operation)
        self.say(event.operation.description)
        self.done(event.operation)
