"""Choosing a profile by typing its name: one screen for the shared SSH account and the browser.

It dismisses with a name and, for a protected profile, the seal its passphrase opened; the caller
opens that profile's store. Nobody else's profile is listed: the learner types their name. An
existing protected profile asks for its passphrase (each wrong one makes the next try wait
longer, `passphrase.failure_delay`, counted for the profile across every process and tab:
`passphrase.UnlockTurns`); an unknown name is offered as a new profile and, before it
is made, the plain warning that a forgotten passphrase cannot be recovered.

`browser`: a tab of `tbp serve`, where every participant is the server's one Unix user. There a
profile must have a passphrase: a new one cannot be made without, and one without cannot be opened.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input, Static

from tbp_tui.i18n import Catalog
from tbp_tui.session.passphrase import (
    MIN_LENGTH,
    Choice,
    Seal,
    UnlockTurns,
    check_passphrase,
    failure_delay,
    new_problem,
    new_seal,
    profile_lock,
)
from tbp_tui.session.profiles import name_problem
from tbp_tui.textsafe import visible
from tbp_tui.ui.base import localize_bindings, styles
from tbp_tui.ui.widgets.footer import KeyFooter

Mode = Literal["name", "unlock", "create"]


class ProfileScreen(Screen[Choice | None], inherit_bindings=False):
    CSS_PATH = styles("profile.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "b.quit", id="picker-quit", key_display="Esc"),
        Binding("ctrl+q", "leave", "b.quit", id="picker-quit-ctrl", show=False, priority=True),
        Binding("tab", "app.focus_next", "a.focus_next", id="picker-next", show=False),
    ]

    def __init__(self, data_dir: Path | None, t: Catalog, *, browser: bool = False,
                 done: Callable[[Choice | None], object] | None = None) -> None:
        """`done`: what receives the choice when this is an app's only screen (else dismissed)."""
        super().__init__()
        self._done = done
        self.data_dir = data_dir
        self.t = t
        self.browser = browser
        self.mode: Mode = "name"
        self.target = ""
        self.header: object | None = None
        self.failures = 0
        localize_bindings(self, t)

    def _words(self, shared: str, browser: str) -> str:
        """The browser's wording where it differs, else the shared account's."""
        return self.t(browser if self.browser else shared)

    def compose(self) -> ComposeResult:
        t = self.t
        title = self._words("profiles.title", "profiles.browser.title")
        yield Static(Text(title, style="bold"), id="picker-title", markup=False)
        note = self._words("profiles.shared", "profiles.browser.shared")
        yield Static(Text(note), id="picker-note", markup=False)
        name = Input(id="picker-name", placeholder=t("profiles.name_placeholder"))
        name.border_title = t("profiles.name")
        yield name
        yield Static("", id="picker-about", markup=False)
        yield Input(id="picker-pass", password=True)
        repeat = Input(id="picker-repeat", password=True)
        repeat.border_title = t("profiles.repeat")
        yield repeat
        yield Static("", id="picker-message", markup=False)
        keys = self._words("profiles.keys", "profiles.browser.keys")
        yield Static(Text(keys, style="dim"), id="picker-keys", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self._show("name")

    # ------------------------------------------------------------ states

    def _show(self, mode: Mode) -> None:
        """Show the fields of one step: the name; a passphrase; or a new profile's two fields."""
        self.mode = mode
        about = self.query_one("#picker-about", Static)
        secret = self.query_one("#picker-pass", Input)
        repeat = self.query_one("#picker-repeat", Input)
        about.display = mode == "create"
        secret.display = mode != "name"
        repeat.display = mode == "create"
        secret.value = repeat.value = ""
        secret.disabled = False
        shown = visible(self.target)
        if mode == "create":
            intro = self._words("profiles.protect_intro", "profiles.browser.protect_intro")
            about.update(Text("\n\n".join([self.t("profiles.unknown", name=shown), intro]))
                         .append("\n\n").append(self.t("profiles.forget_warning"), style="bold"))
            secret.border_title = self._words("profiles.new_passphrase", "profiles.browser.new_passphrase")
        elif mode == "unlock":
            secret.border_title = self.t("profiles.passphrase", name=shown)
        self._say("")
        (secret if mode != "name" else self.query_one("#picker-name", Input)).focus()

    def _say(self, text: str) -> None:
        self.query_one("#picker-message", Static).update(Text(text, style="bold") if text else "")

    # ------------------------------------------------------------ input

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        field = event.input.id
        if field == "picker-name":
            self._name_given(event.value)
        elif field == "picker-pass" and self.mode == "unlock":
            self._try(event.value)
        elif field == "picker-pass":
            if not event.value and not self.query_one("#picker-repeat", Input).value and not self.browser:
                self._finish((self.target, None))  # a new profile without a passphrase
            elif not event.value:
                self._say("✗ " + self.t("profiles.too_short", n=str(MIN_LENGTH)))
            else:
                self.query_one("#picker-repeat", Input).focus()
        elif field == "picker-repeat":
            self._create(self.query_one("#picker-pass", Input).value, event.value)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.input.id == "picker-name":
            self._say("")

    def _name_given(self, name: str) -> None:
        if not name.strip():
            return
        problem = name_problem(name, self.t)
        if problem is not None:
            self._say("✗ " + problem)
            return
        exists, header = profile_lock(self.data_dir, name)
        if exists and header is None and self.browser:
            self._say("✗ " + self.t("profiles.browser.unprotected", name=visible(name)))
            return
        self.target, self.header, self.failures = name, header, 0
        if exists and header is None:
            self._finish((name, None))
        else:
            self._show("unlock" if exists else "create")

    def _try(self, secret: str) -> None:
        """Derive the key in a worker (scrypt takes a moment), then open or wait."""
        field = self.query_one("#picker-pass", Input)
        if field.disabled:
            return
        field.disabled = True
        self._say(self.t("profiles.opening"))
        header, name = self.header, self.target
        turns = UnlockTurns(self.data_dir, name)

        def work() -> None:
            # the turn is shared with every process trying this profile (another login or tab guessing)
            wait, failures = turns.take()
            if wait > 0:
                waiting = self.t("profiles.turn_wait", seconds=f"{math.ceil(wait)}")
                self.app.call_from_thread(self._say, waiting)
                time.sleep(wait)
            seal = check_passphrase(header, secret)
            if seal is not None:
                turns.clear()
            self.app.call_from_thread(self._tried, name, seal, failures)

        self.run_worker(work, thread=True, group="picker-unlock", exit_on_error=False)

    def _tried(self, name: str, seal: Seal | None, failures: int) -> None:
        if seal is not None:
            self._finish((name, seal))
            return
        field = self.query_one("#picker-pass", Input)
        field.value = ""
        self.failures = failures
        delay = failure_delay(failures)
        if delay <= 0:
            self._say("✗ " + self.t("profiles.wrong"))
            field.disabled = False
            field.focus()
            return
        self._say("✗ " + self.t("profiles.wait", seconds=f"{delay:g}"))

        def again() -> None:
            field.disabled = False
            field.focus()

        self.set_timer(delay, again)

    def _create(self, secret: str, repeat: str) -> None:
        problem = new_problem(secret, repeat)
        if problem is not None:
            self._say("✗ " + self.t(f"profiles.{problem}", n=str(MIN_LENGTH)))
            return
        self._say(self.t("profiles.opening"))
        name = self.target

        def work() -> None:
            seal = new_seal(secret)
            self.app.call_from_thread(self._finish, (name, seal))

        self.run_worker(work, thread=True, group="picker-create", exit_on_error=False)

    def _finish(self, choice: Choice | None) -> None:
        if self._done is not None:
            self._done(choice)
        else:
            self.dismiss(choice)

    def action_leave(self) -> None:
        """Esc: back to the name from a passphrase step; from the name, leave."""
        if self.mode == "name":
            self._finish(None)
        else:
            self.target, self.header = "", None
            self._show("name")


class BrowserProfileScreen(ProfileScreen, inherit_bindings=False):
    """In a browser tab Esc from the name goes back to the course as a guest."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "b.back", id="picker-quit", key_display="Esc"),
        Binding("tab", "app.focus_next", "a.focus_next", id="picker-next", show=False),
    ]

    def __init__(self, data_dir: Path | None, t: Catalog) -> None:
        super().__init__(data_dir, t, browser=True)
