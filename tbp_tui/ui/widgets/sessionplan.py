"""The facilitator's session plan: each step's planned minutes beside the time spent on it today.

`SessionLog` keeps the time per step for this run of the app (never stored: it is the
facilitator's stopwatch, not the learner's progress). The widget shows one line per step and
redraws only the lines whose text changed, so a running session costs two lines a second over SSH.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tbp_tui.clock import Clock, mmss
from tbp_tui.course.model import Step
from tbp_tui.ui.base import catalog_of

StepKey = tuple[str, str]
"""(module id, step id)."""


class SessionLog:
    """Seconds spent on each step in this session, from the injected monotonic clock."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._spent: dict[StepKey, float] = {}
        self._current: StepKey | None = None
        self._since = clock.monotonic()

    @property
    def current(self) -> StepKey | None:
        return self._current

    def enter(self, key: StepKey | None) -> None:
        """The facilitator now shows `key` (None: no step, e.g. the overview or home)."""
        if key == self._current:
            return
        now = self._clock.monotonic()
        if self._current is not None:
            self._spent[self._current] = self._spent.get(self._current, 0.0) + now - self._since
        self._current = key
        self._since = now
        if key is not None:
            self._spent.setdefault(key, 0.0)

    def elapsed(self, key: StepKey) -> float | None:
        """Seconds on the step so far; None for a step not visited in this session."""
        if key not in self._spent:
            return None
        running = self._clock.monotonic() - self._since if key == self._current else 0.0
        return self._spent[key] + running


def _row(mark: str, title: str, planned: str, elapsed: str, *, bold: bool = False) -> Table:
    """One line of the plan; every line uses the same column widths, so they line up."""
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(width=1, no_wrap=True)
    table.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column(width=6, justify="right", no_wrap=True)
    table.add_column(width=7, justify="right", no_wrap=True)
    style = "bold" if bold else ""
    table.add_row(Text(mark), Text(title, style=style), Text(planned, style=style),
                  Text(elapsed, style=style))
    return table


class SessionPlan(Vertical):
    DEFAULT_CLASSES = "session-plan"

    def __init__(self, log: SessionLog, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = log
        self.module_id = ""
        self.steps: tuple[Step, ...] = ()
        self.current: int | None = None
        self._shown: dict[int, str] = {}

    def compose(self) -> ComposeResult:
        t = catalog_of(self)
        yield Static(_row(" ", t("fac.plan_step"), t("fac.plan_planned"), t("fac.plan_spent")),
                     classes="plan-head")
        yield Vertical(id="plan-rows")

    def lines(self) -> list[tuple[str, str, str, str]]:
        """(mark, title, planned, elapsed) for each step, then the total line."""
        t = catalog_of(self)
        out: list[tuple[str, str, str, str]] = []
        planned_total = 0.0
        spent_total = 0.0
        for i, step in enumerate(self.steps):
            spent = self.session.elapsed((self.module_id, step.id))
            planned_total += step.minutes or 0
            spent_total += spent or 0.0
            out.append((
                "▶" if i == self.current else " ",
                f"{i + 1}. {step.title}",
                t("common.minutes", n=f"{step.minutes:g}") if step.minutes else "–",
                mmss(spent) if spent is not None else "–",
            ))
        out.append(("Σ", t("fac.plan_total"), t("common.minutes", n=f"{planned_total:g}"),
                    mmss(spent_total)))
        return out

    async def set_plan(self, module_id: str, steps: Sequence[Step], current: int | None) -> None:
        """A new module, approach or step: rebuild the rows when the steps changed, else redraw."""
        steps = tuple(steps)
        rebuild = steps != self.steps or module_id != self.module_id
        self.module_id, self.steps, self.current = module_id, steps, current
        if rebuild:
            rows = self.query_one("#plan-rows", Vertical)
            await rows.remove_children()
            self._shown = {}
            await rows.mount_all(
                Static("", classes="plan-row plan-total" if i == len(steps) else "plan-row")
                for i in range(len(steps) + 1)
            )
        self.tick()

    def tick(self) -> None:
        """Redraw the lines whose text changed (the current step and the total, once a second)."""
        found = self.query("#plan-rows")
        if not found:
            return
        rows = list(found.first().query(".plan-row").results(Static))
        for i, (line, row) in enumerate(zip(self.lines(), rows, strict=False)):
            key = "\t".join(line)
            if self._shown.get(i) == key:
                continue
            self._shown[i] = key
            total = i == len(self.steps)
            row.update(_row(*line, bold=total or i == self.current))
