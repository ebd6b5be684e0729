"""Three looks: a calm dark default, a light one, and the terminal's own ANSI colours.

Meaning never rests on colour alone (symbols and words carry it), so monochrome loses nothing.
"""

from __future__ import annotations

from textual.theme import Theme

CALM = Theme(
    name="tbp-calm",
    primary="#8FB8B2",
    secondary="#A3B4C8",
    accent="#D8C29D",
    warning="#E0A96D",
    error="#D98C8C",
    success="#9CC59A",
    foreground="#DAD7CF",
    background="#1F2428",
    surface="#272D32",
    panel="#2E353B",
    dark=True,
)

LIGHT = Theme(
    name="tbp-light",
    primary="#2F6F73",
    secondary="#4A6A8A",
    accent="#8A5A1F",
    warning="#9A5A00",
    error="#A33A3A",
    success="#2E6B30",
    foreground="#2A2A28",
    background="#F5F3EE",
    surface="#ECE9E1",
    panel="#E2DED4",
    dark=False,
)

ANSI_THEME = "ansi-dark"
"""Textual's built-in theme that uses the terminal's own palette."""

THEMES: dict[str, str] = {"standard": CALM.name, "light": LIGHT.name, "ansi": ANSI_THEME}
"""Stored setting or --theme value -> Textual theme name, in the order the c key steps through."""

LABELS: dict[str, str] = {"standard": "cmd.theme_calm", "light": "cmd.theme_light", "ansi": "cmd.theme_ansi"}
"""Each theme's name in the catalog (palette and the notice after c)."""

ALIASES: dict[str, str] = {
    "calm": "standard",
    "rolig": "standard",
    "default": "standard",
    "lys": "light",
    "terminal": "ansi",
}


def theme_key(value: str | None) -> str:
    """Normalise a setting to one of THEMES' keys (unknown values fall back to the default)."""
    key = ALIASES.get((value or "").lower(), (value or "").lower())
    return key if key in THEMES else "standard"
