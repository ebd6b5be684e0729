"""The key line at the bottom of every screen, rebuilt only when the keys it shows change.

Textual's Footer rebuilds itself on every bindings signal: three times while home first appears
(mount, focus, app focus) and again on focus moves, and every rebuild mounts and restyles each
key, which was about a fifth of what tbp added to Textual's own start before home painted.

On a narrow terminal (the app runs down to 60 columns) the keys do not all fit, and Textual cuts
the line at the right, where the app's own keys stand: F1 help, F2 pause, q quit. Here the
screen's keys give way instead, from the right, so a learner can always see how to stop.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer

from tbp_tui.ui.base import typing
from tbp_tui.ui.compat import FooterKey


class KeyFooter(Footer, inherit_css=False):
    # Textual's Footer styles are mostly for what tbp never shows (binding groups, the command
    # palette key, the compact variant) and were parsed at every start before home painted
    # (issue 22): `inherit_css=False` leaves them, and ScrollableContainer's, out; what they
    # gave this line is here.
    DEFAULT_CSS = """
    KeyFooter {
        width: 1fr;
        layout: horizontal;
        overflow: auto auto;
        scrollbar-size: 0 0;
        color: $footer-foreground;
        background: $footer-background;
        dock: bottom;
        height: 1;
    }
    """

    def __init__(self) -> None:
        super().__init__(show_command_palette=False)
        self._shown: tuple[tuple[str, str, str, bool, str], ...] | None = None
        self._building = False

    @property
    def settled(self) -> bool:
        """The keys shown are the screen's keys now, and no rebuild is under way."""
        return not self._building and self.is_attached and self._shown == self.keys()

    def keys(self) -> tuple[tuple[str, str, str, bool, str], ...]:
        """What the footer would show: key, its label, action, usable, tooltip.

        While the focus is in a text field a letter is text, not a key (q writes a q there):
        single-letter keys are left out then, so the line offers only what works.
        """
        letters_are_text = typing(self.screen)
        return tuple(
            (binding.key, binding.description, binding.action, enabled, tooltip)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show and not (letters_are_text and len(binding.key) == 1)
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
            self._building = True
            try:
                await self.recompose()
            finally:
                self._building = False
            self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """Hide the screen's keys, rightmost first, until the line fits; never the app's own."""
        app_keys = {
            (binding.key, binding.action)
            for (node, binding, _, _) in self.screen.active_bindings.values()
            if node is self.app
        }
        keys = list(self.query(FooterKey))
        if not keys:
            return
        texts = [key.render() for key in keys]
        widths = [text.cell_len for text in texts]
        last = texts[-1].plain
        # the last key's trailing padding may fall off the edge: nothing readable is lost
        over = sum(widths) - (len(last) - len(last.rstrip())) - self.size.width
        hidden: set[FooterKey] = set()
        for key, width in reversed(list(zip(keys, widths, strict=True))):
            if over <= 0:
                break
            if (key.key, key.action) not in app_keys:
                hidden.add(key)
                over -= width
        for key in keys:
            show = key not in hidden
            if key.display != show:  # only real changes: setting display asks for a new layout
                key.display = show
