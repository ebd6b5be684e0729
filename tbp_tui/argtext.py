"""argparse's own words («usage:», «options», «invalid choice» …) in the app's catalog.

argparse words its help and errors through gettext (``argparse._`` and ``argparse.ngettext``,
looked up when a parser is built and when it parses). `speaking` swaps those two names for
catalog lookups while the `tbp` parser is built and used, so `tbp --help` and its errors are in
one language. This module is the only place that touches argparse's module internals.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from tbp_tui.translate import Translate

__all__ = ["MESSAGES", "PROGRAMMER_ERRORS", "speaking"]

#: argparse's message ids a user can meet, and the catalog key that words each.
MESSAGES: dict[str, str] = {
    "usage: ": "argparse.usage",
    "positional arguments": "argparse.positionals",
    "options": "argparse.options",
    "show this help message and exit": "argparse.help",
    "%(prog)s: error: %(message)s\n": "argparse.error",
    "argument %(argument_name)s: %(message)s": "argparse.argument",
    "unrecognized arguments: %s": "argparse.unrecognized",
    "ambiguous option: %(option)s could match %(matches)s": "argparse.ambiguous",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse.invalid_choice",
    "invalid %(type)s value: %(value)r": "argparse.invalid_value",
    "the following arguments are required: %s": "argparse.required",
    "one of the arguments %s is required": "argparse.one_required",
    "expected one argument": "argparse.expected_one",
    "expected at most one argument": "argparse.expected_at_most_one",
    "expected at least one argument": "argparse.expected_at_least_one",
    "expected %s argument": "argparse.expected_n.one",
    "expected %s arguments": "argparse.expected_n.other",
    "not allowed with argument %s": "argparse.not_allowed_with",
    "ignored explicit argument %r": "argparse.ignored_explicit",
    "unexpected option string: %s": "argparse.unexpected_option",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "argparse.unknown_parser",
    "can't open '%(filename)s': %(error)s": "argparse.cant_open",
    'argument "-" with mode %r': "argparse.dash_mode",
}

#: Messages only a mistake in our own parser definition can raise: they stay argparse's English.
PROGRAMMER_ERRORS = frozenset({
    ".__call__() not defined",
    "'required' is an invalid argument for positionals",
    "mutually exclusive arguments must be optional",
    "%r is not callable",
    "cannot merge actions - two groups are named %r",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r",
    "dest= is required for options like %r",
    "invalid conflict_resolution value: %r",
    "cannot have multiple subparser arguments",
    "conflicting subparser: %s",
    "conflicting subparser alias: %s",
    "conflicting option string: %s",
    "conflicting option strings: %s",
})


@contextmanager
def speaking(t: Translate) -> Iterator[None]:
    """While inside, argparse words what it says through `t` (build the parser and parse here)."""

    def gettext(message: str) -> str:
        key = MESSAGES.get(message)
        return t(key) if key is not None else message

    def ngettext(singular: str, plural: str, n: int) -> str:
        return gettext(singular if n == 1 else plural)

    module: Any = argparse
    saved: tuple[Callable[[str], str], Callable[[str, str, int], str]] = (module._, module.ngettext)
    module._, module.ngettext = gettext, ngettext
    try:
        yield
    finally:
        module._, module.ngettext = saved
