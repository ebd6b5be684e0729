"""A timer in large digits, readable from the back of a room, with what it counts said in words.

It is told what to show (the facilitator screen decides once a second) and redraws only when the
digits or the words changed.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Static


class BigTimer(Vertical):
    DEFAULT_CLASSES = "big-timer"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._digits = Digits("0:00", classes="big-digits")
        self._label = Static("", classes="big-label", markup=False)
        self._shown_label = ""

    def compose(self) -> ComposeResult:
        yield self._digits
        yield self._label

    @property
    def value(self) -> str:
        return self._digits.value

    @property
    def label(self) -> str:
        return self._shown_label

    def show(self, value: str, label: str) -> None:
        if value != self._digits.value:
            self._digits.update(value)
        if label != self._shown_label:
            self._shown_label = label
            self._label.update(Text(label), layout=False)
