"""The learner app: builds screens over a finished Course and a progress store.

`run_app` is what `tbp` calls; tests build `TbpApp` directly with a fake clock. The app owns
the debounced saving (writes happen on the UI thread, at most about once a second, plus on
leaving a module and on quitting), the theme, and the "too small" guard.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, ClassVar

from textual.app import SystemCommand, get_system_commands_provider
from textual.binding import Binding, BindingType
from textual.command import CommandPalette, Provider
from textual.driver import Driver
from textual.events import Resize
from textual.geometry import Size
from textual.screen import Screen
from textual.timer import Timer

from tbp_tui import gcpause
from tbp_tui.clock import Clock, SystemClock
from tbp_tui.course.model import APPROACHES, Approach, Course
from tbp_tui.options import AppOptions
from tbp_tui.session.learner import Learner
from tbp_tui.session.store import Notice, ProgressStoreLike
from tbp_tui.ui.appbase import MIN_HEIGHT, MIN_WIDTH
from tbp_tui.ui.base import TbpMixin
from tbp_tui.ui.commands import ModuleCommands
from tbp_tui.ui.keys import key_name
from tbp_tui.ui.privacy import PrivacyGuard
from tbp_tui.ui.screens.home import HomeScreen
from tbp_tui.ui.themes import LABELS, THEMES, theme_key
from tbp_tui.ui.widgets.scrollbar import use_gutter_scrollbars

if TYPE_CHECKING:
    from tbp_tui.ui.hangup import HangupGuard
    from tbp_tui.ui.room import RoomUi
    from tbp_tui.ui.stylecache import StyleCache

SAVE_DEBOUNCE = 1.0


class TbpApp(PrivacyGuard, inherit_bindings=False):
    CSS_PATH: ClassVar[list[str | PurePath]] = ["app.tcss", "screens/home.tcss"]
    """Styles the first paint needs (a screen's own CSS_PATH is skipped for the default screen).

    Every other screen carries its own CSS_PATH, read when it is first shown: parsing all of them
    at start was about 40 % of the CSS work before home could paint.
    """
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 - Textual declares it without ClassVar
        (0, "-narrow"),
        (100, "-wide"),
    ]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]  # noqa: RUF012
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {
        get_system_commands_provider,
        ModuleCommands,
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        # Skjul: one key from every screen, even inside a text field (F-keys are never typed).
        Binding("f12", "toggle_hide", "b.hide", id="hide", priority=True, key_display="F12",
                show=False),
        Binding("f1", "help", "b.help", id="help", priority=True, key_display="F1"),
        Binding("f2", "pause", "b.pause", id="pause", priority=True, key_display="F2"),
        Binding("f3", "helpnumbers", "b.helpnumbers", id="helpnumbers", priority=True, key_display="F3",
                show=False),
        Binding("f4", "room_follow", "b.room_follow", id="room-follow", priority=True, key_display="F4",
                show=False),
        Binding("question_mark", "help", "b.help", id="help-key", show=False),
        Binding("q", "request_quit", "b.quit", id="quit"),
        Binding("ctrl+q", "request_quit", "b.quit", id="quit-ctrl", show=False, priority=True),
        Binding("ctrl+p", "command_palette", "b.palette", id="palette", show=False, priority=True),
        Binding("o", "command_palette", "b.palette", id="palette-key", show=False),
    ]

    def __init__(
        self,
        course: Course,
        store: ProgressStoreLike,
        options: AppOptions,
        clock: Clock | None = None,
        *,
        first_start: bool = False,
        style_cache: StyleCache | None = None,
    ) -> None:
        self.course = course
        # `tbp` offers the first-start page (when the store says it was never shown); tests opt in.
        self.first_start = first_start
        self.clock: Clock = clock or SystemClock()
        self.learner = Learner(store, course, self._schedule_save)
        self.room_ui: RoomUi | None = None
        self.hangup: HangupGuard | None = None
        """Set once the app runs in a real terminal (tbp_tui/ui/hangup.py)."""
        """The facilitator's session and the room link (tbp_tui/ui/room.py), when asked for."""
        self._save_timer: Timer | None = None
        self.style_cache = style_cache
        use_gutter_scrollbars()
        super().__init__(options, theme=self.learner.theme)
        self.title = course.title

    def refresh_css(self, animate: bool = True) -> None:
        """Before the first screen there is nothing to restyle: setting the theme in __init__
        only needs its colours, since the stylesheet is parsed with the first screen anyway.

        Textual would parse all of it an extra time here, about 6 ms of every start.
        """
        if not self.screen_stack:
            self.stylesheet.set_variables(self.get_css_variables())
            return
        super().refresh_css(animate)

    # ---------------------------------------------------------------- start

    def get_default_screen(self) -> Screen[None]:
        return HomeScreen()

    def on_mount(self) -> None:
        self.call_after_refresh(gcpause.release, settle=True)  # the first frame is out: gcpause.py
        if self.style_cache is not None:  # written once the first frame is out, never before it
            self.call_after_refresh(self.style_cache.save_in_background)
        if self.options.facilitator or self.options.room:
            from tbp_tui.ui.room import RoomUi

            self.room_ui = RoomUi(self)
            self.room_ui.start()
        # The store's notices, worded in the UI language. The page about a damaged file is imported
        # only when there are notices at all: most starts have none.
        about_file: list[Notice] = []
        if self.learner.notices:
            from tbp_tui.ui.screens.damaged import PAGE_CODES

            about_file = [n for n in self.learner.notices if n.code in PAGE_CODES]
            for notice in self.learner.notices:
                if notice not in about_file:
                    self.notify(notice.words(self.t), timeout=10, markup=False)
        if self.first_start and not self.learner.first_run_done:
            self.show_welcome()
        if about_file:  # on top, so it is read first; it stays until Enter or Esc
            from tbp_tui.ui.screens.damaged import DamagedScreen

            self.push_screen(DamagedScreen(about_file))
        self._check_size()
        if not self.is_headless:
            self._catch_hangup()

    def _catch_hangup(self) -> None:
        """A dropped SSH connection (SIGHUP), a kill (SIGTERM) or the end of the terminal's input
        saves typed text and ends the app within two seconds, however much output is backed up.

        Without this the process dies at once and loses up to a second of typing (the save
        debounce) and the position, or (with output backed up) never ends at all.
        """
        from tbp_tui.ui.compat import hangup_driver
        from tbp_tui.ui.hangup import HangupGuard

        self.hangup = HangupGuard(hangup_driver(self), self.hang_up)
        self.hangup.install()

    def hang_up(self) -> None:
        """Keep what can be kept, then end: the terminal may be gone, so nothing is asked."""
        with contextlib.suppress(Exception):
            self.commit_all()
        self.learner.save()
        if self.room_ui is not None:
            self.room_ui.close()  # before the exit, which a dead terminal may slow down
        self.exit(0)

    def get_driver_class(self) -> type[Driver]:
        """Textual's Linux driver, made safe for a terminal that dies (see ui/compat.py)."""
        driver = super().get_driver_class()
        from textual.drivers.linux_driver import LinuxDriver

        if driver is LinuxDriver:
            from tbp_tui.ui.compat import HangupSafeDriver

            return HangupSafeDriver
        return driver

    def on_resize(self, event: Resize) -> None:
        self._check_size(event.size)

    def cover_if_small(self) -> None:
        self._check_size()

    def _check_size(self, size: Size | None = None) -> None:
        """Cover the app with a plain message while the window is too small; uncover on growth."""
        size = size or self.size
        small = size.width < MIN_WIDTH or size.height < MIN_HEIGHT
        top = self.screen
        if self.hidden:
            return  # the neutral page fits any size; looked at again when it is taken away
        if small:
            from tbp_tui.ui.screens.dialogs import TooSmallScreen

            if isinstance(top, TooSmallScreen):
                top.update_size(size)
            else:
                self.push_screen(TooSmallScreen(size))
        elif getattr(top, "covers_small_window", False):
            self.pop_screen()

    # ---------------------------------------------------------------- saving

    def _schedule_save(self) -> None:
        """Debounce: save once things have been quiet for a second."""
        if not self.is_running:
            return
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DEBOUNCE, self.save_now)

    def save_now(self) -> bool:
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if not self.learner.dirty:
            return True
        before = len(self.learner.notices)
        ok = self.learner.save()
        fresh = self.learner.notices[before:]  # saving failed (retried later) or works again
        for notice in fresh:
            self.notify(notice.words(self.t), severity="information" if ok else "warning",
                        timeout=6, markup=False)
        if not ok and not fresh and self.learner.saving:
            self.notify(self.t("notice.save_failed"), severity="warning", timeout=6)
        return ok

    def commit_all(self) -> None:
        """Every screen hands over what is typed but not yet stored."""
        for screen in self.screen_stack:
            if isinstance(screen, TbpMixin):
                screen.commit()

    # ---------------------------------------------------------------- navigation

    def open_module(self, module_id: str, step_id: str | None = None) -> None:
        """Open a module from anywhere, going back to the home screen first.

        A safety-plan checklist gets its own screen, which keeps its form in memory only.
        """
        module = self.course.module(module_id)
        if module is None:
            return

        def go() -> None:
            # Each screen imported on first use: home needs neither, and a module's reader needs
            # nothing of the checklist's (its widgets, ctypes for core dumps: about 1 MiB).
            self._pop_to_home()
            if module.kind == "checklist":
                from tbp_tui.ui.screens.safety import SafetyScreen

                self.push_screen(SafetyScreen(module, step_id))
            elif self.room_ui is not None:
                self.push_screen(self.room_ui.reader(module, step_id))
            else:
                from tbp_tui.ui.screens.module import ModuleScreen

                self.push_screen(ModuleScreen(module, step_id))

        self.confirm_discard(go)

    def go_home(self) -> None:
        self.confirm_discard(self._pop_to_home)

    def _pop_to_home(self) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            screen = self.screen
            if isinstance(screen, TbpMixin):
                screen.commit()
            self.pop_screen()
        self.save_now()

    def choose_approach(self) -> None:
        from tbp_tui.ui.screens.dialogs import ApproachScreen  # not before home

        def chosen(value: str | None) -> None:
            if value is None:
                return
            new: Approach | None = next((a for a in APPROACHES if a == value), None)
            if new != self.learner.approach:
                self.learner.set_approach(new)
            self.notify(self.t("approach.changed", name=self.t.approach(new)), timeout=3)
            screen = self.screen
            approach_changed = getattr(screen, "approach_changed", None)
            if approach_changed is not None:
                self.call_later(approach_changed)
            elif isinstance(screen, HomeScreen):
                screen.refresh_menu()

        self.push_screen(ApproachScreen(), chosen)

    def show_glossary(self) -> None:
        from tbp_tui.ui.screens.dialogs import ListingScreen  # not before home

        t = self.t
        entries = [(term.term, term.definition) for term in self.course.glossary]
        self.push_screen(ListingScreen(t("glossary.title"), entries, "" if entries else t("glossary.empty")))

    def show_helpnumbers(self) -> None:
        from tbp_tui.ui.screens.dialogs import ListingScreen  # not before home

        t = self.t
        if isinstance(self.screen, ListingScreen) and self.screen.title_text == t("helpnumbers.title"):
            return  # already open: F3 again does not stack copies
        numbers = self.course.help_numbers
        if numbers is None:
            self.push_screen(ListingScreen(t("helpnumbers.title"), [], t("helpnumbers.empty")))
            return
        entries = [
            (n.contact, "\n".join(part for part in (n.name if n.name != n.contact else "", n.detail) if part))
            for n in numbers.numbers
        ]
        self.push_screen(ListingScreen(t("helpnumbers.title"), entries, numbers.note, columns=True))

    # ---------------------------------------------------------------- actions

    def get_key_display(self, binding: Binding) -> str:
        """Keys named as on the key caps (Esc, F12, Ctrl+Q), the same in the footer and in F1."""
        if binding.key_display:
            return binding.key_display
        return key_name(binding.key) or ""

    def help_rows(self, screen: Screen[object]) -> list[tuple[str, str]]:
        """(keys, what they do) for every binding active on `screen`, in the learner's language.

        The app's and screen's own bindings come first; keys of Textual's widgets follow when the
        catalog knows their action (text-editing keys of the answer field are left out).
        """
        groups: dict[str, list[str]] = {}
        ours: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not active.enabled:
                continue
            if binding.id is not None and binding.description:
                does = binding.description
                ours.add(does)
            else:
                key = "a." + binding.action.rsplit(".", 1)[-1]
                if not self.t.has(key):
                    continue
                does = self.t(key)
            keys = groups.setdefault(does, [])
            shown = self.get_key_display(binding)
            if shown and shown not in keys:
                keys.append(shown)
        rows = [(" / ".join(keys), does) for does, keys in groups.items() if keys]
        return [r for r in rows if r[1] in ours] + [r for r in rows if r[1] not in ours]

    def action_pause(self) -> None:
        """Pause from anywhere; the screen below stays as it was, so going back is a plain pop."""
        from tbp_tui.ui.screens.pause import PauseScreen

        if isinstance(self.screen, PauseScreen):
            self.screen.dismiss()
            return
        self.push_screen(PauseScreen())

    def action_helpnumbers(self) -> None:
        self.show_helpnumbers()

    def show_your_data(self) -> None:
        from tbp_tui.ui.screens.data import YourDataScreen

        if not isinstance(self.screen, YourDataScreen):
            self.push_screen(YourDataScreen())

    def show_welcome(self) -> None:
        from tbp_tui.ui.screens.welcome import WelcomeScreen

        if not isinstance(self.screen, WelcomeScreen):
            self.push_screen(WelcomeScreen())

    def action_room_follow(self) -> None:
        if self.room_ui is not None:
            self.room_ui.toggle_follow()

    def on_unmount(self) -> None:
        if self.room_ui is not None:
            self.room_ui.close()

    def action_help(self) -> None:
        from tbp_tui.ui.screens.dialogs import HelpScreen  # not before home

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(HelpScreen(self.help_rows(self.screen)))

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(
                CommandPalette(id="--command-palette", placeholder=self.t("palette.placeholder"))
            )

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The app's commands; a help line only where it adds to the title (never the title twice)."""
        t = self.t
        yield SystemCommand(t("cmd.home"), "", self.go_home)
        yield SystemCommand(t("cmd.approach"), "", self.choose_approach)
        yield SystemCommand(t("cmd.glossary"), "", self.show_glossary)
        yield SystemCommand(t("cmd.helpnumbers"), "", self.show_helpnumbers)
        yield SystemCommand(t("cmd.your_data"), "", self.show_your_data)
        yield SystemCommand(t("cmd.about"), "", self.show_welcome)
        yield SystemCommand(t("cmd.help"), "", self.action_help)
        for key, label in LABELS.items():
            yield SystemCommand(t(label), t("cmd.theme_help"), lambda k=key: self.set_theme(k))
        yield SystemCommand(t("cmd.quit"), "", self.action_request_quit)

    # ---------------------------------------------------------------- privacy

    def confirm_discard(self, then: Callable[[], None]) -> None:
        """Run `then` (which leaves the checklist), asking first when ticks or notes would be lost."""
        filled = [s for s in self._safety_screens() if not s.form.is_empty]
        if not filled:
            for screen in self._safety_screens():
                screen.discard()
            then()
            return
        from tbp_tui.ui.screens.dialogs import ConfirmScreen  # only to ask: not with every module
        t = self.t

        def answered(yes: bool | None) -> None:
            if yes:
                for screen in self._safety_screens():
                    screen.discard()
                then()

        self.push_screen(
            ConfirmScreen(t("discard.title"), filled[0].leave_words(), t("discard.yes"), t("discard.no"),
                          deliberate=True),
            answered,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While hidden, the app's own keys do nothing but bring it back. F4 exists only in a room."""
        if action == "room_follow" and (self.room_ui is None or not self.room_ui.can_follow):
            return False
        return not (self.hidden and action != "toggle_hide")

    def set_theme(self, key: str) -> None:
        self.theme = THEMES[theme_key(key)]
        self.learner.set_setting("theme", theme_key(key))

    def action_next_theme(self) -> None:
        """One key through the three looks, for a terminal where the current one reads badly."""
        keys = list(THEMES)
        now = next((key for key, name in THEMES.items() if name == self.theme), keys[0])
        new = keys[(keys.index(now) + 1) % len(keys)]
        self.set_theme(new)
        self.notify(self.t(LABELS[new]), timeout=3)

    def action_request_quit(self) -> None:
        """Quit at once when everything is stored; ask only if something would be lost."""
        self.confirm_discard(self._quit)

    def _quit(self) -> None:
        from tbp_tui.ui.screens.dialogs import ConfirmQuitScreen  # not before home

        self.commit_all()
        ok = self.save_now()
        if ok or self.options.guest or not self.learner.saving:
            self.exit(0)
            return

        def answered(quit_: bool | None) -> None:
            if quit_:
                self.exit(0)

        self.push_screen(ConfirmQuitScreen(), answered)


def run_app(
    course: Course,
    store: ProgressStoreLike,
    options: AppOptions,
    clock: Clock | None = None,
    *,
    styles: Path | None = None,
) -> int:
    """Run the full-screen app; returns the process exit status.

    `styles` is the folder for the kept copy of Textual's parsed styles (ui/stylecache.py).
    """
    cache = None
    if styles is not None:
        from tbp_tui.ui.compat import keep_parsed_rules
        from tbp_tui.ui.stylecache import StyleCache

        cache = StyleCache(styles, keep=not options.guest)
        keep_parsed_rules(cache)
    app = TbpApp(course, store, options, clock, first_start=True, style_cache=cache)
    result = app.run()
    app.learner.save()
    if cache is not None:
        cache.save_now()  # what later screens parsed, for their next start
    if app.hangup is not None and app.hangup.started.is_set():
        os._exit(0)  # saved; ending normally could still wait on the dead terminal's output
    if app.return_code:  # an unexpected error ended the app: the shell must see a failure
        return app.return_code
    return result if isinstance(result, int) else 0
