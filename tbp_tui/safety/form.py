"""The checklist's state: ticks and notes, held in memory and nowhere else."""

from __future__ import annotations

from dataclasses import dataclass, field

from tbp_tui.course.model import ChecklistStep, Module

ItemKey = tuple[str, str]
"""(step id, item id)."""


@dataclass
class ChecklistForm:
    """Deliberately a plain in-memory object: no save method, no path, no store."""

    module: Module
    ticks: set[ItemKey] = field(default_factory=set)
    notes: dict[ItemKey, str] = field(default_factory=dict)

    def __repr__(self) -> str:
        # Never show patient notes in a log line or a crash report.
        return f"ChecklistForm({self.module.id!r}, {len(self.ticks)} ticked, {len(self.notes)} notes)"

    @property
    def steps(self) -> tuple[ChecklistStep, ...]:
        return tuple(s for s in self.module.steps if isinstance(s, ChecklistStep))

    def toggle(self, key: ItemKey) -> bool:
        """Flip a tick; returns the new state."""
        if key in self.ticks:
            self.ticks.discard(key)
            return False
        self.ticks.add(key)
        return True

    def set_note(self, key: ItemKey, text: str) -> None:
        if text:
            self.notes[key] = text
        else:
            self.notes.pop(key, None)

    def clear(self) -> None:
        self.ticks.clear()
        self.notes.clear()

    @property
    def is_empty(self) -> bool:
        return not self.ticks and not any(n.strip() for n in self.notes.values())
