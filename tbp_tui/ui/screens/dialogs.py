"""Small screens over the page: approach picker, help, lists, quit confirmation, too small.

Each closes with Esc and never changes anything the learner did not choose.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.geometry import Size
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tbp_tui.course.model import APPROACHES, Approach
from tbp_tui.ui.appbase import MIN_HEIGHT, MIN_WIDTH
from tbp_tui.ui.base import TbpModal, TbpScreen, styles
from tbp_tui.ui.widgets.footer import KeyFooter


class ApproachScreen(TbpModal):
    """Kunnskap, Praksis, Erfaring or all; dismisses with the choice, or with nothing on Esc."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "b.back", id="back", key_display="Esc")
    ]

    def compose(self) -> ComposeResult:
        t = self.t
        current = self.learner.approach
        choices: list[Approach | None] = [*APPROACHES, None]
        options = []
        for value in choices:
            key = "all" if value is None else value
            label = Text(t.approach(value), style="bold")
            if value == current:
                label.append(f"  ({t('approach.now')})", style="italic")
            label.append("\n   " + t(f"approach.{key}.about"), style="dim")
            options.append(Option(label, id=key))
        with Vertical(id="dialog"):
            yield Static(Text(t("approach.title"), style="bold"), classes="dialog-title")
            yield Static(Text(t("approach.intro")), classes="dialog-intro")
            menu = OptionList(*options, id="approaches")
            yield menu
        yield KeyFooter()

    def on_mount(self) -> None:
        menu = self.query_one("#approaches", OptionList)
        current = self.learner.approach
        menu.highlighted = 3 if current is None else APPROACHES.index(current)
        menu.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        value = event.option.id
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class HelpScreen(TbpModal):
    """Every key of the screen below, generated from its bindings so it can never drift."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,f1,question_mark", "close", "b.close", id="close", key_display="Esc"),
        Binding("j,down", "scroll_down", "a.scroll_down", id="down", show=False),
        Binding("k,up", "scroll_up", "a.scroll_up", id="up", show=False),
    ]

    def __init__(self, rows: Iterable[tuple[str, str]]) -> None:
        super().__init__()
        self.rows = list(rows)

    def compose(self) -> ComposeResult:
        t = self.t
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for keys, does in self.rows:
            table.add_row(Text(keys), Text(does))
        with Vertical(id="dialog", classes="help"):
            yield Static(Text(t("help.title"), style="bold"), classes="dialog-title")
            with VerticalScroll(id="help-body"):
                yield Static(table, id="help-table")
                yield Static(Text(t("hide.explain"), style="dim"), id="help-hide", markup=False)
            yield Static(Text(t("help.close"), style="dim"), classes="dialog-foot")

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll_down(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_up()


class ListingScreen(TbpScreen):
    """A read-only list (glossary, help numbers): title, optional note, entries."""

    CSS_PATH: ClassVar[list[str | PurePath]] = styles("dialogs.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "b.back", id="back", key_display="Esc"),
        Binding("j", "scroll_down", "a.scroll_down", id="scroll-down", show=False),
        Binding("k", "scroll_up", "a.scroll_up", id="scroll-up", show=False),
    ]

    def __init__(
        self, title: str, entries: list[tuple[str, str]], note: str = "", *, columns: bool = False
    ) -> None:
        super().__init__()
        self.title_text = title
        self.entries = entries
        self.note = note
        self.columns = columns
        """Heads in a column of their own, never wrapped (help numbers: the number, then who)."""

    def compose(self) -> ComposeResult:
        yield Static(Text(self.title_text, style="bold"), id="listing-title", markup=False)
        with VerticalScroll(id="listing", can_focus=True):
            if self.note:
                yield Static(Text(self.note, style="italic"), classes="listing-note")
            if self.columns:
                table = Table.grid(padding=(0, 2))
                table.add_column(no_wrap=True, style="bold")
                table.add_column(ratio=1)
                for i, (head, body) in enumerate(self.entries):
                    if i:
                        table.add_row("", "")
                    table.add_row(Text(head), Text(body))
                yield Static(table, classes="entry", id="listing-table")
                return
            for head, body in self.entries:
                entry = Text(head, style="bold")
                if body:
                    entry.append("\n" + body)
                yield Static(entry, classes="entry", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#listing").focus()

    def action_back(self) -> None:
        self.dismiss()

    def action_scroll_down(self) -> None:
        self.query_one("#listing", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#listing", VerticalScroll).scroll_up()


class ConfirmQuitScreen(TbpModal):
    """Asked only when quitting would lose something; dismisses True to quit."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "quit.anyway", id="quit-yes"),
        Binding("escape,n", "answer(False)", "quit.stay", id="quit-no", key_display="Esc"),
    ]

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="dialog"):
            yield Static(Text(t("quit.title"), style="bold"), classes="dialog-title")
            yield Static(Text(t("quit.unsaved")), classes="dialog-intro")
        yield KeyFooter()

    def action_answer(self, quit_: bool) -> None:
        self.dismiss(quit_)


class ConfirmScreen(TbpModal):
    """A yes/no question in plain words; dismisses True only on an explicit yes.

    The yes is `y` (never `j`, which moves down a list on the screens below). For what cannot be
    undone, `deliberate=True` asks for the word «ja» typed and Enter, as `tbp forget` does: a key
    pressed out of habit then changes nothing.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "b.confirm_yes", id="confirm-yes"),
        Binding("escape,n", "answer(False)", "b.confirm_no", id="confirm-no", key_display="Esc"),
    ]

    def __init__(self, title: str, body: str, yes: str, no: str, *, deliberate: bool = False) -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.yes = yes
        self.no = no
        self.deliberate = deliberate

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="dialog"):
            yield Static(Text(self.title_text, style="bold"), classes="dialog-title", markup=False)
            yield Static(Text(self.body), classes="dialog-intro", markup=False)
            if self.deliberate:
                word = t("confirm.word")
                yield Static(Text(t("confirm.type_word", word=word, yes=self.yes, no=self.no), style="bold"),
                             classes="dialog-foot", markup=False)
                yield Input(id="confirm-word", max_length=20)
                yield Static("", id="confirm-said", markup=False)
            else:
                yield Static(
                    Text(t("confirm.keys", yes=self.yes, no=self.no), style="bold"),
                    classes="dialog-foot",
                    markup=False,
                )
        yield KeyFooter()

    def on_mount(self) -> None:
        if self.deliberate:
            self.query_one("#confirm-word", Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """With a typed answer, y is a letter in the field and never a yes."""
        return not (self.deliberate and action == "answer" and parameters == (True,))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        word = self.t("confirm.word")
        if event.value.strip().casefold() == word.casefold():
            self.dismiss(True)
            return
        event.input.clear()
        said = Text(self.t("confirm.wrong_word", word=word, no=self.no))
        self.query_one("#confirm-said", Static).update(said)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class TooSmallScreen(TbpModal):
    """Covers everything while the terminal is below the minimum; the app removes it on resize.

    q (and Ctrl+Q) still quit from here, asking first as anywhere else when something would be lost.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "app.request_quit", "b.quit", id="small-quit"),
    ]
    covers_small_window: ClassVar[bool] = True
    """What the app looks for to take it away on growth (without importing this module before)."""

    def __init__(self, size: Size) -> None:
        super().__init__()
        self.terminal_size = size

    def compose(self) -> ComposeResult:
        with Vertical(id="small"):
            yield Static("", id="small-text", markup=False)

    def on_mount(self) -> None:
        self.update_size(self.terminal_size)

    def update_size(self, size: Size) -> None:
        t = self.t
        self.terminal_size = size
        text = Text(t("small.title"), style="bold")
        text.append("\n\n")
        text.append(t("small.body", w=MIN_WIDTH, h=MIN_HEIGHT, cw=size.width, ch=size.height))
        text.append("\n\n" + t("small.quit"))
        self.query_one("#small-text", Static).update(text)
