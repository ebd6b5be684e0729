"""Choosing a profile before the store opens, for one Unix account shared by a workshop (#8, #17).

The choice is offered when no ``--profile`` is given and either the data dir already holds more
than one profile, or ``--choose-profile`` / ``TBP_CHOOSE_PROFILE=1`` asks for it (for an sshd
``ForceCommand``). Nobody is shown who else attended: the learner types their own profile name.
An unknown name is offered as a new profile, which may be protected by a personal passphrase
(its reflections are then sealed at rest, see ``tbp_tui.progress.sealed``); a protected profile
opens only with its passphrase, also when it is named with ``--profile``.

Plain Python: the line prompts for plain mode live here, the full-screen picker is imported from
``tbp_tui.ui.profiles`` only when it is used.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TextIO

from tbp_tui.i18n import Catalog
from tbp_tui.options import AppOptions
from tbp_tui.progress.paths import default_data_dir, list_profiles
from tbp_tui.record import replace
from tbp_tui.session.passphrase import (
    MAX_TRIES,
    MIN_LENGTH,
    Choice,
    Seal,
    UnlockTurns,
    new_problem,
    new_seal,
    profile_lock,
    read_secret,
    try_unlock,
)
from tbp_tui.session.profiles import name_problem
from tbp_tui.textsafe import visible

ENV_CHOOSE = "TBP_CHOOSE_PROFILE"


def wants_choice(options: AppOptions, profile_given: bool, asked: bool, environ: Mapping[str, str]) -> bool:
    if profile_given or options.guest:
        return False
    if asked or environ.get(ENV_CHOOSE, "").strip() not in ("", "0"):
        return True
    return len(list_profiles(options.data_dir or default_data_dir())) > 1


def ask_passphrase_lines(
    name: str, header: object, t: Catalog, inp: TextIO, out: TextIO,
    sleep: Callable[[float], None] = time.sleep, *, data_dir: Path | None = None,
) -> Seal | None:
    """Ask for a protected profile's passphrase (a few tries, each wrong one waits longer, in
    turns shared with every other process trying this profile)."""
    turns = UnlockTurns(data_dir, name)

    def wait(seconds: float) -> None:
        out.write(t("profiles.turn_wait", seconds=f"{math.ceil(seconds)}") + "\n")
        out.flush()
        sleep(seconds)

    tries = 0
    while tries < MAX_TRIES:
        secret = read_secret(t("profiles.ask_passphrase", name=visible(name)), inp, out)
        if secret is None:
            return None
        tries += 1
        seal, _ = try_unlock(header, secret, 0, wait, turns)
        if seal is not None:
            return seal
        out.write(t("profiles.wrong") + "\n")
    out.write(t("profiles.too_many") + "\n")
    out.flush()
    return None


def new_profile_lines(name: str, t: Catalog, inp: TextIO, out: TextIO) -> Choice | None:
    """Offer to create ``name``, with an optional passphrase; None when the learner declines."""

    def say(text: str = "") -> None:
        out.write(text + "\n")
        out.flush()

    out.write(t("profiles.ask_create_plain", name=visible(name)) + " ")
    out.flush()
    line = inp.readline()
    if not line or line.strip().lower() not in ("j", "ja", "y", "yes"):
        return None
    say(t("profiles.protect_intro"))
    say(t("profiles.forget_warning"))
    while True:
        secret = read_secret(t("profiles.ask_new_passphrase"), inp, out)
        if secret is None:
            return None
        if not secret:
            say(t("profiles.created", name=visible(name)))
            return name, None
        repeat = read_secret(t("profiles.ask_repeat"), inp, out)
        if repeat is None:
            return None
        problem = new_problem(secret, repeat)
        if problem is None:
            say(t("profiles.created_protected", name=visible(name)))
            return name, new_seal(secret)
        say(t(f"profiles.{problem}", n=str(MIN_LENGTH)))


def ask_profile_lines(data_dir: Path, t: Catalog, inp: TextIO, out: TextIO) -> Choice | None:
    """The line prompt of plain mode: a typed name, never a list; None when the learner quits."""

    def say(text: str = "") -> None:
        out.write(text + "\n")
        out.flush()

    say(t("profiles.title"))
    say(t("profiles.shared"))
    while True:
        out.write(t("profiles.ask_plain") + " ")
        out.flush()
        line = inp.readline()
        if not line:
            say()
            return None
        answer = line.rstrip("\r\n")
        if answer.strip().lower() == "q":
            return None
        if not answer.strip():
            continue
        problem = name_problem(answer, t)
        if problem is not None:
            say(problem)
            continue
        exists, header = profile_lock(data_dir, answer)
        if not exists:
            choice = new_profile_lines(answer, t, inp, out)
            if choice is not None:
                return choice
            continue
        if header is None:
            return answer, None
        seal = ask_passphrase_lines(answer, header, t, inp, out, data_dir=data_dir)
        return None if seal is None else (answer, seal)


def choose_profile(
    options: AppOptions,
    *,
    profile_given: bool,
    asked: bool,
    plain: bool,
    environ: Mapping[str, str],
    inp: TextIO,
    out: TextIO,
) -> AppOptions | None:
    """The options with the chosen profile (and its seal); None to quit.

    Unchanged when no choice is needed and the profile is not protected; a protected profile
    named with ``--profile`` asks for its passphrase on the terminal first.
    """
    t = Catalog(options.lang)
    data_dir = options.data_dir or default_data_dir()
    if wants_choice(options, profile_given, asked, environ):
        if plain:
            choice = ask_profile_lines(data_dir, t, inp, out)
        else:
            from tbp_tui.ui.profiles import pick_profile  # Textual only when the picker is shown

            choice = pick_profile(options)
        return None if choice is None else replace(options, profile=choice[0], seal=choice[1])
    if options.guest or options.seal is not None:
        return options
    _, header = profile_lock(data_dir, options.profile)
    if header is None:
        return options
    seal = ask_passphrase_lines(options.profile, header, t, inp, out, data_dir=data_dir)
    return None if seal is None else replace(options, seal=seal)


def seal_for_command(options: AppOptions, t: Catalog, inp: TextIO, out: TextIO) -> tuple[bool, Seal | None]:
    """(go on?, seal) for ``tbp progress/export/forget``: a protected profile's passphrase is
    asked for at a terminal only; without one the command is refused with the reason."""
    _, header = profile_lock(options.data_dir, options.profile)
    if header is None:
        return True, None
    if not inp.isatty():
        out.write(f"tbp: {t('cli.locked_no_terminal', profile=visible(options.profile))}\n")
        out.flush()
        return False, None
    seal = ask_passphrase_lines(options.profile, header, t, inp, out, data_dir=options.data_dir)
    return seal is not None, seal
