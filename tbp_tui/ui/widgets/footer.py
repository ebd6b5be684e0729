"""The key line at the bottom of every screen: one widget that draws its keys, redrawn only when
the keys it shows change.

Textual's Footer is a container of one widget per key, each with two component-class nodes for
its styles, rebuilt (every key mounted and restyled) on every bindings signal. The module screen
shows 13 keys: 13 widgets and 26 style nodes kept for as long as the screen is open, in every
session of a workshop (issue 22: memory). Here the line is one widget: a key is a span of the
line, drawn with the same styles Textual's footer keys have, and a click finds its key by column.

On a narrow terminal (the app runs down to 60 columns) the keys do not all fit, and Textual cuts
the line at the right, where the app's own keys stand: F1 help, F2 pause, q quit. Here the
screen's keys give way instead, from the right, so a learner can always see how to stop.
"""

from __future__ import annotations

from typing import ClassVar, Literal, NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

from tbp_tui.ui.base import typing


class Key(NamedTuple):
    """One key the line offers: as the screen's active bindings give it."""

    key: str
    description: str
    action: str
    enabled: bool
    tooltip: str
    display: str
    """The key as the line names it (the app's key names)."""
    apps: bool
    """One of the app's own keys (help, pause, quit): never hidden to make room."""


class KeyFooter(Widget):
    """The screen's usable keys on one line, each «key description», as Textual's footer draws them."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "footer-key--key",
        "footer-key--description",
        "footer-key--hover",
    }
    # The rules Textual's Footer and FooterKey give what tbp shows (no binding groups, command
    # palette key or compact variant); a key's own background and hover are component classes
    # here, as the key is no widget.
    DEFAULT_CSS = """
    KeyFooter {
        width: 1fr;
        height: 1;
        dock: bottom;
        text-wrap: nowrap;
        color: $footer-foreground;
        background: $footer-background;
        .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .footer-key--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple[Key, ...] | None = None
        self._hover: int | None = None

    @property
    def settled(self) -> bool:
        """The keys shown are the screen's keys now."""
        return self.is_attached and self._shown == self.keys()

    @property
    def shown(self) -> tuple[Key, ...]:
        """The keys on the line now (before any give way to a narrow terminal)."""
        return self._shown or ()

    def keys(self) -> tuple[Key, ...]:
        """What the line would show.

        While the focus is in a text field a letter is text, not a key (q writes a q there):
        single-letter keys are left out then, so the line offers only what works.
        """
        screen = self.screen
        letters_are_text = typing(screen)
        app = self.app
        keys: dict[str, Key] = {}  # one key per action, the first bound to it, as Textual's footer
        for node, binding, enabled, tooltip in screen.active_bindings.values():
            if binding.show and not (letters_are_text and len(binding.key) == 1):
                keys.setdefault(binding.action, Key(binding.key, binding.description, binding.action,
                                                    enabled, tooltip, app.get_key_display(binding),
                                                    node is app))
        return tuple(keys.values())

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[object]) -> None:
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.call_after_refresh(self._show_if_changed)

    def _show_if_changed(self) -> None:
        if not self.is_attached:
            return
        keys = self.keys()
        if keys != self._shown:
            self._show(keys)

    def _show(self, keys: tuple[Key, ...]) -> None:
        """Draw `keys` from now on (the one place the line changes what it offers)."""
        self._shown = keys
        self._hover = None
        self.tooltip = None
        self._point_at(None)
        self.refresh()

    def _labels(self) -> list[tuple[Key, str, str]]:
        """(key, its key part, its description part) of each key that fits, left to right."""
        labels = [(key, f" {key.display} ", f"{key.description} " if key.description else "")
                  for key in self.shown]
        widths = [cell_len(text + description) for _, text, description in labels]
        if not labels:
            return labels
        # the last key's trailing padding may fall off the edge: nothing readable is lost
        last = labels[-1][1] + labels[-1][2]
        over = sum(widths) - (len(last) - len(last.rstrip())) - self.size.width
        hidden: set[int] = set()
        for i in range(len(labels) - 1, -1, -1):
            if over <= 0:
                break
            if not labels[i][0].apps:
                hidden.add(i)
                over -= widths[i]
        return [label for i, label in enumerate(labels) if i not in hidden]

    def render(self) -> Text:
        key_style = self.get_component_rich_style("footer-key--key", partial=True)
        description_style = self.get_component_rich_style("footer-key--description", partial=True)
        line = Text(no_wrap=True, overflow="crop", end="")
        for i, (key, text, description) in enumerate(self._labels()):
            base = self.get_component_rich_style("footer-key--hover") if i == self._hover else Style()
            if not key.enabled:
                base += Style(dim=True)
            line.append(text, base + key_style)
            if description:
                line.append(description, base + description_style)
        return line

    def _key_at(self, x: int) -> int | None:
        """Index (among the keys that fit) of the key drawn at column `x`."""
        right = 0
        for i, (_, text, description) in enumerate(self._labels()):
            right += cell_len(text + description)
            if x < right:
                return i
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hover = self._key_at(event.x)
        if hover != self._hover:
            self._hover = hover
            labels = self._labels()
            self.tooltip = labels[hover][0].tooltip or None if hover is not None else None
            self._point_at(None if hover is None else labels[hover][0])
            self.refresh()

    def on_leave(self) -> None:
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self._point_at(None)
            self.refresh()

    def _point_at(self, key: Key | None) -> None:
        """A hand over a key that can be pressed, as over Textual's footer keys (in a browser
        under `tbp serve`, and in terminals that take pointer shapes); else the usual pointer."""
        shape: Literal["pointer", "default"] = "pointer" if key is not None and key.enabled else "default"
        if self.styles.pointer != shape:
            self.styles.pointer = shape
            if self.is_attached:
                self.screen.update_pointer_shape()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        index = self._key_at(event.x)
        if index is None:
            return
        key = self._labels()[index][0]
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()
