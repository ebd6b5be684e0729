"""A step's content note (`innholdsnotis`), shown in place of the step until the learner chooses.

The learner sees plainly what the step is about before reading it, and chooses: continue to the
step, skip it (it stays in the step list, marked, and can be opened later) or take a pause.
Like the step views, this widget only reports the choice; the module screen decides what happens.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tbp_tui.course.model import Step
from tbp_tui.ui.base import catalog_of, localize_bindings
from tbp_tui.ui.widgets.choices import Choices
from tbp_tui.ui.widgets.steps import step_title

NoteChoice = Literal["continue", "skip", "pause"]
CHOICES: tuple[NoteChoice, ...] = ("continue", "skip", "pause")
SKIPPED_MARK = "↷"
"""The step list's and position line's mark for a skipped step (always explained in words nearby)."""


class ContentNote(Vertical):
    """The note and three numbered choices; Enter takes the highlighted one (Fortsett at first)."""

    DEFAULT_CLASSES = "step content-note"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "choose('continue')", "b.content_note_continue", id="note-continue", show=False),
        Binding("2,s", "choose('skip')", "b.content_note_skip", id="note-skip", key_display="2/s",
                show=False),
        Binding("3", "choose('pause')", "b.content_note_pause", id="note-pause", show=False),
    ]

    class Chosen(Message):
        """The learner chose what to do with the noted step."""

        def __init__(self, note: ContentNote, choice: NoteChoice) -> None:
            super().__init__()
            self.note = note
            self.choice = choice

    def __init__(self, step: Step, *, skipped: bool) -> None:
        super().__init__()
        self.step = step
        self.skipped = skipped
        localize_bindings(self, catalog_of(self))

    def compose(self) -> ComposeResult:
        t = catalog_of(self)
        yield Static(step_title(t, self.step), classes="step-title", markup=False)
        yield Static(Text(t("reader.note_title"), style="bold"), classes="note-title", markup=False)
        yield Static(Text(self.step.innholdsnotis or ""), classes="note-text", markup=False)
        skipped = Static(Text(f"{SKIPPED_MARK} {t('reader.note_skipped_before')}", style="dim"),
                         classes="hint note-skipped", markup=False)
        skipped.display = self.skipped  # hidden, not left out, so another step's note can use it
        yield skipped
        yield Choices(*[Option(self._row(i, i == 0), id=c) for i, c in enumerate(CHOICES)], id="note-choices")
        yield Static(Text(t("reader.note_hint"), style="dim"), classes="hint", markup=False)

    def reuse(self, step: Step, *, skipped: bool) -> bool:
        """Show another step's note here instead of in a new widget (a room's «go to step» to a
        noted step, on every participant at once), with Fortsett highlighted again."""
        if not self.is_mounted:
            return False
        t = catalog_of(self)
        self.step, self.skipped = step, skipped
        self.query_one(".step-title", Static).update(step_title(t, step))
        self.query_one(".note-text", Static).update(Text(step.innholdsnotis or ""))
        self.query_one(".note-skipped", Static).display = skipped
        self.choices.highlighted = 0
        return True

    def _row(self, index: int, highlighted: bool) -> Text:
        """One choice; the highlighted one (what Enter takes) has ▶, not only a colour."""
        t = catalog_of(self)
        label = t(("reader.note_continue", "reader.note_skip", "reader.note_pause")[index])
        return Text(f"{'▶' if highlighted else ' '} {index + 1}. {label}")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        for i in range(len(CHOICES)):
            event.option_list.replace_option_prompt_at_index(i, self._row(i, i == event.option_index))

    @property
    def choices(self) -> Choices:
        return self.query_one("#note-choices", Choices)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_choose(CHOICES[event.option_index])

    def action_choose(self, choice: str) -> None:
        chosen = next((c for c in CHOICES if c == choice), None)
        if chosen is not None:
            self.post_message(self.Chosen(self, chosen))
