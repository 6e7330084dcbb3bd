"""A checkbox for forms: Space toggles it, Enter is left to the form (it submits), and it
shows ``X`` only when it is on.

Textual's checkbox draws ``X`` in both states (only the colour changes, which some
terminals and themes hardly show) and takes Enter for itself, so Tab then Enter in
a dialog toggled a box instead of doing what the dialog is for.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.style import Style
from textual.widgets import Checkbox

__all__ = ["CheckBox"]


class CheckBox(Checkbox, inherit_bindings=False):
    """``[X] label`` when on, ``[ ] label`` when off; Space toggles."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_button", "Toggle", show=False),
    ]

    @property
    def _button(self) -> Content:
        button_style = self.get_visual_style("toggle--button")
        side_style = Style(
            foreground=button_style.background, background=self.background_colors[1]
        )
        return Content.assemble(
            (self.BUTTON_LEFT, side_style),
            (self.BUTTON_INNER if self.value else " ", button_style),
            (self.BUTTON_RIGHT, side_style),
        )
