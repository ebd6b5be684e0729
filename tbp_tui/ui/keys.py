"""How a key is named on screen: one naming for the footer, the help screen and the texts.

Textual names keys as it reads them (`esc`, `f12`, `^q`, `super+c`); a learner reads the key
caps instead: Esc, F12, Ctrl+Q. Keys that a terminal never sends (super) are not named at all.
"""

from __future__ import annotations

NAMES = {
    "escape": "Esc",
    "enter": "Enter",
    "tab": "Tab",
    "space": "␣",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "home": "Home",
    "end": "End",
    "backspace": "Backspace",
    "delete": "Del",
    "insert": "Ins",
    "question_mark": "?",
    "plus": "+",
    "minus": "-",
}
MODIFIERS = {"ctrl": "Ctrl", "shift": "Shift", "alt": "Alt", "meta": "Alt"}


def key_name(key: str) -> str | None:
    """`ctrl+q` → `Ctrl+Q`, `f12` → `F12`, `escape` → `Esc`; None for a key no terminal sends."""
    *mods, base = key.split("+") if key != "+" else ["+"]
    if any(m not in MODIFIERS for m in mods):
        return None
    if base in NAMES:
        name = NAMES[base]
    elif len(base) > 1 and base[0] == "f" and base[1:].isdigit():
        name = base.upper()
    elif len(base) == 1:
        name = base.upper() if mods else base
    else:
        name = base.replace("_", " ").capitalize()
    return "+".join([*(MODIFIERS[m] for m in mods), name])
