"""A new profile name in words: the same check and message for the plain prompt and the picker."""

from __future__ import annotations

from tbp_tui.progress.paths import validate_profile_name
from tbp_tui.textsafe import visible
from tbp_tui.translate import Translate


def name_problem(name: str, t: Translate) -> str | None:
    """What is wrong with a new profile name, in the learner's language; None when it is fine."""
    problem = validate_profile_name(name)
    if problem is None:
        return None
    return t("profiles.bad_name", name=visible(name), reason=problem.words(t))
