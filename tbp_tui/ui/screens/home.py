"""The course at a glance: Fortsett first, then every module in the recommended order.

What the learner has explored is shown as a plain count and a bar; nothing here ever says
"failed" or "incomplete". One list, so arrows/j/k and Enter reach everything.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tbp_tui.course.model import Module
from tbp_tui.ui.base import TbpScreen
from tbp_tui.ui.personal import can_choose, choose_personal_profile
from tbp_tui.ui.widgets.bar import bar
from tbp_tui.ui.widgets.footer import KeyFooter
from tbp_tui.ui.widgets.homemenu import HomeMenu, Row
from tbp_tui.ui.widgets.indented import hanging


class TitleLine:
    """A title cut with … to fit, its minutes at the right edge; drawn directly because a Rich
    table per module doubled the cost of drawing the home list."""

    def __init__(self, title: Text, right: Text) -> None:
        self.title = title
        self.right = right

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        title = self.title.copy()
        title.truncate(max(options.max_width - self.right.cell_len - 1, 1), overflow="ellipsis", pad=True)
        yield Text.assemble(title, " ", self.right, no_wrap=True, overflow="ellipsis")


class HomeScreen(TbpScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        # One key, named for what it does now: «Start» before anything can be continued.
        Binding("f", "resume", "b.resume", id="resume"),
        Binding("f", "start", "b.start_course", id="start"),
        # a, b and c stay out of the footer (the approach line names a; the list has Begrepsliste), so
        # F2 Pause and q Avslutt fit at 80 columns.
        Binding("a", "approach", "b.approach", id="approach", show=False),
        Binding("b", "glossary", "b.glossary", id="glossary", show=False),
        Binding("c", "app.next_theme", "b.theme", id="theme", show=False),
        Binding("h", "helpnumbers", "b.helpnumbers", id="helpnumbers-key"),
        Binding("d", "your_data", "b.your_data", id="your-data"),
        Binding("p", "personal", "b.personal", id="personal"),  # a browser tab's guest only
        Binding("j", "down", "a.cursor_down", id="down", show=False),
        Binding("k", "up", "a.cursor_up", id="up", show=False),
    ]

    _built_on_mount = False

    def compose(self) -> ComposeResult:
        course = self.tbp.course
        yield Static(Text(course.title, style="bold"), id="title", markup=False)
        if course.description:
            yield Static(Text(" ".join(course.description.split())), id="description")
        yield Static("", id="approach-line", markup=False)
        yield HomeMenu(id="menu")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.refresh_menu()
        self._built_on_mount = True
        self.query_one("#menu", OptionList).focus()

    def on_screen_resume(self) -> None:
        # The first resume follows the mount at once: the list was just built, for the first frame.
        if not self._built_on_mount:
            self.refresh_menu()
        self._built_on_mount = False
        self.refresh_bindings()  # f reads «Start» or «Fortsett»

    def on_screen_suspend(self) -> None:
        self._built_on_mount = False  # covered before its first resume: build again when back

    def refresh_menu(self) -> None:
        """Rebuild the list from the learner's current state, keeping the highlight."""
        t = self.t
        learner = self.learner
        course = self.tbp.course
        self.query_one("#approach-line", Static).update(
            Text(t("home.approach", name=t.approach(learner.approach)), style="dim")
        )
        menu = self.query_one("#menu", OptionList)
        keep = menu.highlighted
        options: list[Option | None] = [Option(self._resume_prompt(menu), id="resume")]
        options.append(None)
        for module in course.modules:
            options.append(Option(self._module_prompt(menu, module), id=f"m:{module.id}"))
        options.append(None)
        options.append(Option(Text("  " + t("home.glossary")), id="glossary"))
        options.append(Option(Text("  " + t("home.helpnumbers")), id="helpnumbers"))
        options.append(Option(Text("  " + t("home.your_data")), id="your-data"))
        if can_choose(self.tbp):
            options.append(Option(Text("  " + t("home.personal")), id="personal"))
        menu.clear_options()
        menu.add_options(options)
        menu.highlighted = keep if keep is not None else 0

    def _resume_prompt(self, menu: OptionList) -> RenderableType | Row:
        """«▶ Fortsett: …», «▶ Neste: …» or «✓ …»: a wrapped line goes on under the text."""
        label = self._resume_label()
        marker, space, rest = label.partition(" ")
        if len(marker) != 1 or not space:
            return Text(label, style="bold")
        text = Text(rest, style="bold")
        return Row(menu, hanging(marker + space, text), 0, text, Text(marker + space).cell_len)

    def _resume_label(self) -> str:
        t = self.t
        up = self.learner.next_up(self.tbp.course)
        title = up.module.title if up.module else ""
        if up.kind == "resume" and up.step is not None:
            return t("home.resume", module=title, step=up.step.title)
        key = {"start": "home.start", "resume": "home.resume_module", "next": "home.next",
               "done": "home.course_done"}[up.kind]
        return t(key, module=title)

    def _module_prompt(self, menu: OptionList, module: Module) -> Row:
        """The module's title and minutes on one line; under it what was explored, as words."""
        t = self.t
        head = TitleLine(Text(module.title, style="bold"), Text(t("common.minutes", n=module.minutes)))
        words = " · ".join(self.learner.progress_words(module, t))
        if self.learner.private(module):
            prefix, detail = "   🔒 ", Text(words, style="dim")
        else:
            seen, total, _skipped = self.learner.explored(module)
            prefix, detail = "   ", Text()
            detail.append(bar(seen, total, 10))
            detail.append("  " + words)
            detail.stylize("dim")
        return Row(menu, Group(head, hanging(prefix, detail)), 1, detail, Text(prefix).cell_len)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        choice = event.option.id or ""
        if choice == "resume":
            self.action_resume()
        elif choice.startswith("m:"):
            self.tbp.open_module(choice[2:])
        elif choice == "glossary":
            self.action_glossary()
        elif choice == "helpnumbers":
            self.action_helpnumbers()
        elif choice == "your-data":
            self.action_your_data()
        elif choice == "personal":
            self.action_personal()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("resume", "start"):
            fresh = self.learner.resume_point(self.tbp.course) is None
            return fresh == (action == "start")
        if action == "personal":
            return can_choose(self.tbp)
        return True

    def action_start(self) -> None:
        self.action_resume()

    def action_resume(self) -> None:
        up = self.learner.next_up(self.tbp.course)
        if up.kind == "done":
            self.tbp.show_your_data()  # the end of the course: what is stored, and the export
        elif up.module is not None:
            self.tbp.open_module(up.module.id, up.step.id if up.step else None)

    def action_approach(self) -> None:
        self.tbp.choose_approach()

    def action_glossary(self) -> None:
        self.tbp.show_glossary()

    def action_helpnumbers(self) -> None:
        self.tbp.show_helpnumbers()

    def action_your_data(self) -> None:
        self.tbp.show_your_data()

    def action_personal(self) -> None:
        choose_personal_profile(self.tbp)

    def action_down(self) -> None:
        self.query_one("#menu", OptionList).action_cursor_down()

    def action_up(self) -> None:
        self.query_one("#menu", OptionList).action_cursor_up()
