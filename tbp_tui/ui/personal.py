"""A browser tab's guest becomes a personal profile without leaving the running app.

Each tab of `tbp serve` starts as a guest. The profile screen (the shared SSH account's, in its
browser form: a passphrase is required) returns a name and seal; here the store is opened through
the session layer and the app carries on with it. A new profile takes over what the guest has
done so far, so nothing typed before it was made is lost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tbp_tui.record import replace
from tbp_tui.session.learner import Learner
from tbp_tui.session.passphrase import Choice
from tbp_tui.session.personal import carry_over, open_personal
from tbp_tui.textsafe import visible

if TYPE_CHECKING:
    from tbp_tui.ui.app import TbpApp


def can_choose(app: TbpApp) -> bool:
    """Only a browser tab that is still a guest offers it."""
    return app.options.browser and app.learner.guest


def choose_personal_profile(app: TbpApp) -> None:
    from tbp_tui.ui.screens.profile import BrowserProfileScreen

    if can_choose(app) and not isinstance(app.screen, BrowserProfileScreen):
        app.commit_all()
        app.push_screen(BrowserProfileScreen(app.options.data_dir, app.t),
                        lambda choice: _chosen(app, choice))


def _chosen(app: TbpApp, choice: Choice | None) -> None:
    if choice is None:  # Esc: still a guest
        return
    name, seal = choice
    if seal is None:  # the browser's screen never returns one without a passphrase
        return
    opened = open_personal(app.options.data_dir, name, seal)
    if isinstance(opened, str):
        app.notify(app.t(f"profiles.browser.{opened}", name=visible(name)), severity="warning",
                   timeout=10, markup=False)
        return
    guest = app.learner
    learner = Learner(opened, app.course, app._schedule_save)
    new = not learner.progress_snapshot().modules
    if new:
        carry_over(guest, opened, app.course)
        learner.dirty = True
    app.learner = learner
    app.options = replace(app.options, guest=False, profile=name, seal=seal)
    app.go_home()
    app.save_now()
    said = "profiles.browser.created" if new else "profiles.browser.opened"
    app.notify(app.t(said, name=visible(name)), timeout=8, markup=False)
