"""Asking for a profile's passphrase: the rules shared by both pickers and the commands.

One place for what a new passphrase must be, how long a wrong one makes the next try wait, and
how a passphrase is read from a line-based terminal without echo. The cryptography itself is in
``tbp_tui.progress.sealed``; this is the session layer's door to it for the front-ends.
"""

from __future__ import annotations

import contextlib
import os
import termios
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Literal, TextIO

from tbp_tui.progress.attempts import UnlockTurns, failure_delay
from tbp_tui.progress.model import SchemaError
from tbp_tui.progress.paths import default_data_dir, profile_dir
from tbp_tui.progress.sealed import Seal, WrongPassphrase, new_seal, unlock
from tbp_tui.progress.store import InvalidProfileName, UnsafeDataDir, protection

__all__ = [
    "MAX_TRIES",
    "MIN_LENGTH",
    "Choice",
    "Seal",
    "UnlockTurns",
    "check_passphrase",
    "failure_delay",
    "new_problem",
    "new_seal",
    "profile_lock",
    "read_secret",
    "try_unlock",
]

#: Shortest passphrase accepted for a new protected profile.
MIN_LENGTH = 8
#: Wrong passphrases in a row before a line prompt gives up (the full app keeps waiting longer).
MAX_TRIES = 5

NewProblem = Literal["too_short", "mismatch"]
Choice = tuple[str, Seal | None]
"""What a picker returns: a profile name and, for a protected profile, the seal its passphrase opened."""


def profile_lock(data_dir: Path | None, name: str) -> tuple[bool, object | None]:
    """(whether the profile exists, its seal header or None when unprotected).

    A name or folder the store refuses counts as "not there" here; the store refuses it with
    its reason when it opens it.
    """
    data_dir = default_data_dir() if data_dir is None else data_dir
    try:
        return profile_dir(data_dir, name).is_dir(), protection(data_dir, name)
    except (InvalidProfileName, UnsafeDataDir):
        return False, None


def new_problem(passphrase: str, repeat: str) -> NewProblem | None:
    """What is wrong with a new passphrase and its repetition (a catalog code), or None."""
    if len(passphrase) < MIN_LENGTH:
        return "too_short"
    if passphrase != repeat:
        return "mismatch"
    return None


def check_passphrase(header: object, passphrase: str) -> Seal | None:
    """The profile's seal for its own passphrase, None for any other (takes a scrypt's time).

    A damaged or planted ``[seal]`` table opens with no passphrase either (at once, without
    running scrypt at whatever cost it asks for).
    """
    try:
        return unlock(header, passphrase)
    except (WrongPassphrase, SchemaError):
        return None


def try_unlock(
    header: object, passphrase: str, failures: int, sleep: Callable[[float], None],
    turns: UnlockTurns | None = None,
) -> tuple[Seal | None, int]:
    """(seal, 0) for the right passphrase; (None, wrong tries in a row) for a wrong one.

    With the profile's `turns` the try first waits its turn, shared with every other process
    trying this profile (the count is theirs too); without, it waits after a wrong one, counting
    `failures` in this process only (a profile with no folder to keep turns in)."""
    if turns is not None:
        wait, failures = turns.take()
        if wait > 0:
            sleep(wait)
        seal = check_passphrase(header, passphrase)
        if seal is not None:
            turns.clear()
            return seal, 0
        return None, failures
    seal = check_passphrase(header, passphrase)
    if seal is not None:
        return seal, 0
    failures += 1
    sleep(failure_delay(failures))
    return None, failures


@contextlib.contextmanager
def _no_echo(inp: TextIO) -> Iterator[bool]:
    """Turn the terminal's echo off while a passphrase is typed; True when ``inp`` is a terminal."""
    try:
        fd = inp.fileno()
        old = termios.tcgetattr(fd) if os.isatty(fd) else None
    except (OSError, ValueError, termios.error):
        old = None
    if old is None:
        yield False
        return
    quiet = list(old)
    quiet[3] = quiet[3] & ~termios.ECHO
    termios.tcsetattr(fd, termios.TCSADRAIN, quiet)
    try:
        yield True
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, old)


def read_secret(prompt: str, inp: TextIO, out: TextIO) -> str | None:
    """One line typed without echo at a terminal (as typed elsewhere); None when input ends."""
    with _no_echo(inp) as hidden:  # echo off before the prompt, so nothing typed is shown
        out.write(prompt + " ")
        out.flush()
        line = inp.readline()
    if hidden:  # the Enter was not echoed either
        out.write("\n")
        out.flush()
    return line.rstrip("\r\n") if line else None
