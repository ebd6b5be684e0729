"""Courses and progress files with escape codes in them, built in temporary folders."""

from __future__ import annotations

import shutil
from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[1] / "ui" / "fixtures" / "course"

#: What a hostile author plants, as TOML escapes: an OSC 52 clipboard write, a window-title
#: change, a screen clear, a C1 CSI and a bidi override.
OSC52 = r"\u001b]52;c;cm0gLXJmIH4=\u0007"
TITLE = r"\u001b]0;pwned\u0007"
CLEAR = r"\u001b[2J\u001b[H"
C1 = r"\u009b31m"
BIDI = r"\u202e"
ALL = OSC52 + TITLE + CLEAR + C1 + BIDI
#: Bytes that must never reach the terminal from a file.
RAW = ("\x1b", "\x07", "\x9b", "\u202e")


def hostile_course(folder: Path) -> Path:
    """The fixture course with escape codes in a module title, a step title and a body."""
    root = folder / "kurs"
    shutil.copytree(FIXTURE, root)
    intro = root / "kort-intro.toml"
    text = intro.read_text(encoding="utf-8")
    text = text.replace('title = "Kort introduksjon"', f'title = "Kort {ALL}introduksjon"')
    text = text.replace('title = "Velkommen"', f'title = "Vel{ALL}kommen"')
    text = text.replace("Velkommen til **testkurset**.", f"Velkommen {ALL} til **testkurset**.")
    intro.write_text(text, encoding="utf-8")
    return root


def clean(output: str) -> bool:
    return not any(c in output for c in RAW)
