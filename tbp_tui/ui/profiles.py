"""The full-screen profile picker: a tiny app that runs before the course app opens a store.

It shows the one profile screen (`ui/screens/profile.py`, also used by a browser tab) and
returns what it chose: a name and, for a protected profile, the seal its passphrase opened; the
caller opens that profile's own store.
"""

from __future__ import annotations

from tbp_tui.options import AppOptions
from tbp_tui.session.passphrase import Choice
from tbp_tui.ui.appbase import TbpAppBase
from tbp_tui.ui.screens.profile import ProfileScreen


class ProfilePickerApp(TbpAppBase[Choice | None], inherit_bindings=False):
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, options: AppOptions) -> None:
        super().__init__(options)
        self.title = self.t("profiles.title")

    def get_default_screen(self) -> ProfileScreen:
        return ProfileScreen(self.options.data_dir, self.t, done=self.exit)


def pick_profile(options: AppOptions) -> Choice | None:
    """Run the picker; the chosen or new name with its seal, or None when the learner left."""
    return ProfilePickerApp(options).run()
