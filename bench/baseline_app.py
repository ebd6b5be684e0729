"""The benchmark's baseline: the smallest useful Textual app.

One Label and a 1-second ``set_interval`` timer that rewrites it (so, like a running exercise
timer in tbp, it always has a ticking clock on screen). The ``n`` key rewrites the label too, so
the benchmark can time a key's response the same way for both apps. Launched by
``bench/run.py`` exactly like ``tbp``: the same Python, in a pty, with the same environment.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Label

READY_TEXT = "Baseline ready"


class BaselineApp(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "key", "key"),
        Binding("q", "quit", "quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.ticks = 0
        self.keys = 0

    def compose(self) -> ComposeResult:
        yield Label(f"{READY_TEXT} · tick 0 · key 0", id="label")

    def on_mount(self) -> None:
        self.set_interval(1.0, self.tick)

    def _show(self) -> None:
        self.query_one("#label", Label).update(f"{READY_TEXT} · tick {self.ticks} · key {self.keys}")

    def tick(self) -> None:
        self.ticks += 1
        self._show()

    def action_key(self) -> None:
        self.keys += 1
        self._show()


if __name__ == "__main__":
    BaselineApp().run()
