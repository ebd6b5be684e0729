"""Choosing a profile before the store opens, for one Unix account shared by a workshop (#8).

The choice is offered when no ``--profile`` is given and either the data dir already holds more
than one profile, or ``--choose-profile`` / ``TBP_CHOOSE_PROFILE=1`` asks for it (for an sshd
``ForceCommand``). Each profile has its own store, so the app never shows one profile's
reflections to another; but profiles have no password, which the picker says plainly.

Plain Python: the line prompt for plain mode lives here, the full-screen picker is imported from
``tbp_tui.ui.profiles`` only when it is used.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TextIO

from tbp_tui.i18n import Catalog
from tbp_tui.options import AppOptions
from tbp_tui.progress.paths import default_data_dir, list_profiles, validate_profile_name
from tbp_tui.textsafe import visible

ENV_CHOOSE = "TBP_CHOOSE_PROFILE"


def wants_choice(options: AppOptions, profile_given: bool, asked: bool, environ: Mapping[str, str]) -> bool:
    if profile_given or options.guest:
        return False
    if asked or environ.get(ENV_CHOOSE, "").strip() not in ("", "0"):
        return True
    return len(list_profiles(options.data_dir or default_data_dir())) > 1


def name_problem(name: str, t: Catalog) -> str | None:
    """What is wrong with a new profile name, in the learner's language; None when it is fine."""
    problem = validate_profile_name(name)
    if problem is None:
        return None
    return t("profiles.bad_name", name=visible(name), reason=problem.words(t))


def ask_profile_lines(existing: list[str], t: Catalog, inp: TextIO, out: TextIO) -> str | None:
    """The numbered line prompt of plain mode; None when the learner quits or input ends."""

    def say(text: str = "") -> None:
        out.write(text + "\n")
        out.flush()

    say(t("profiles.title"))
    say(t("profiles.shared"))
    for number, name in enumerate(existing, 1):
        say(f"{number}. {name}")
    while True:
        out.write(t("profiles.ask_plain" if existing else "profiles.ask_plain_new") + " ")
        out.flush()
        line = inp.readline()
        if not line:
            say()
            return None
        answer = line.rstrip("\r\n")
        if answer.strip().lower() == "q":
            return None
        if answer.strip().isdigit() and 1 <= int(answer.strip()) <= len(existing):
            return existing[int(answer.strip()) - 1]
        if not answer.strip():
            continue
        problem = name_problem(answer, t)
        if problem is not None:
            say(problem)
            continue
        if answer not in existing:
            say(t("profiles.created", name=answer))
        return answer


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
    """The options with the chosen profile; unchanged when no choice is needed; None to quit."""
    if not wants_choice(options, profile_given, asked, environ):
        return options
    t = Catalog(options.lang)
    existing = list_profiles(options.data_dir or default_data_dir())
    if plain:
        name = ask_profile_lines(existing, t, inp, out)
    else:
        from tbp_tui.ui.profiles import pick_profile  # Textual only when the picker is shown

        name = pick_profile(existing, options)
    return None if name is None else replace(options, profile=name)
