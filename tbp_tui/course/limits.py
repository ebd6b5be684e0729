"""How large and how deeply nested course text may be: the validator refuses more, the renderer
never draws more. One place, so what `tbp validate` accepts is what the app can show in time."""

from __future__ import annotations

import re

__all__ = ["MAX_BODY_CHARS", "MAX_NESTING", "MAX_TEXT_CHARS", "nesting", "too_deep"]

#: A Markdown body (text, instructions, explanation, manus): the longest in the course is 1.3 kB.
MAX_BODY_CHARS = 50_000
#: One-paragraph text (titles, prompts, options, ids): a title of 10 MB froze navigation.
MAX_TEXT_CHARS = 2_000
#: Quotes inside quotes, lists inside lists: the course uses 2; 300 crashed the renderer.
MAX_NESTING = 8

_LEAD = re.compile(r"[ >]*")
_ITEM = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?: |$)")
_DEEP_LEAD = " " * MAX_NESTING


def nesting(markdown: str) -> tuple[int, int]:
    """(deepest nesting, its 1-based line in ``markdown``): quote markers plus list indentation."""
    deepest, where = 0, 1
    for number, line in enumerate(markdown.expandtabs(4).splitlines(), 1):
        lead = _LEAD.match(line)
        prefix = lead.group() if lead else ""
        depth = prefix.count(">")
        rest = line[len(prefix):]
        if _ITEM.match(rest):
            depth += 1 + len(prefix.rsplit(">", 1)[-1]) // 2
        if depth > deepest:
            deepest, where = depth, number
    return deepest, where


def too_deep(markdown: str) -> tuple[int, int] | None:
    """(depth, line) as `nesting` gives them when deeper than MAX_NESTING, else None.

    A line nested deeper than MAX_NESTING starts with at least MAX_NESTING spaces and '>' (each
    '>' is a level, a list item one more, each two spaces of indent after the last '>' another).
    Without such a run and without a tab, two searches in C answer, and the line-by-line walk,
    about 6 µs for a body of 300 characters, is skipped: every body of the bundled course is.
    """
    if "\t" not in markdown and _DEEP_LEAD not in markdown.replace(">", " "):
        return None
    depth, line = nesting(markdown)
    return (depth, line) if depth > MAX_NESTING else None
