"""The key line at the bottom of every screen, rebuilt only when the keys it shows change.

Textual's Footer rebuilds itself on every bindings signal: three times while home first appears
(mount, focus, app focus) and again on focus moves, and every rebuild mounts and restyles each
key, which was about a fifth of what tbp added to Textual's own start before home painted.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    def __init__(self) -> None:
        super().__init__(show_command_palette=False)
        self._shown: tuple[tuple[str, str, str, bool, str], ...] | None = None

    def keys(self) -> tuple[tuple[str, str, str, bool, str], ...]:
        """What the footer would show: key, its label, action, usable, tooltip."""
        return tuple(
            (binding.key, binding.description, binding.action, enabled, tooltip)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        )

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.call_after_refresh(self._rebuild_if_changed)

    async def _rebuild_if_changed(self) -> None:
        if not self.is_attached:
            return
        keys = self.keys()
        if keys != self._shown:
            self._shown = keys
            await self.recompose()
