"""Where progress lives, which profile names are allowed, and whether a data dir is safe.

Layout: ``<data>/profiles/<name>/progress.toml`` with ``progress.lock`` beside it. Profile
names become folder names, so they are validated strictly: a name must never be able to point
outside ``profiles/`` or hide as a dot-file. On shared machines a data dir that other users can
write to would let them read or plant a learner's answers, so such a dir is refused.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import platformdirs

from tbp_tui.files.folders import unsafe_folder
from tbp_tui.files.names import DEFAULT_PROFILE, MAX_NAME, name_problem

from .messages import DirProblem, NameProblem

__all__ = [
    "APP_NAME",
    "CACHE_DIR_NAME",
    "DEFAULT_PROFILE",
    "ENV_DATA_DIR",
    "MAX_PROFILE_NAME",
    "cache_dir",
    "check_data_dir_safe",
    "default_data_dir",
    "list_profiles",
    "lock_file",
    "profile_dir",
    "profile_paths",
    "profiles_dir",
    "progress_file",
    "resolve_data_dir",
    "unlock_file",
    "validate_profile_name",
]

APP_NAME = "tbp-tui"
ENV_DATA_DIR = "TBP_DATA_DIR"
MAX_PROFILE_NAME = MAX_NAME
PROGRESS_FILE_NAME = "progress.toml"
LOCK_FILE_NAME = "progress.lock"
UNLOCK_FILE_NAME = "unlock.toml"
CACHE_DIR_NAME = "cache"


def default_data_dir() -> Path:
    """The per-user data dir (``~/.local/share/tbp-tui`` on Linux), via platformdirs."""
    return Path(platformdirs.user_data_dir(APP_NAME))


def resolve_data_dir(flag: str | os.PathLike[str] | None, environ: Mapping[str, str]) -> Path:
    """``--data-dir`` beats ``TBP_DATA_DIR`` beats the platform default; ``~`` is expanded."""
    if flag is not None and os.fspath(flag) != "":
        return Path(flag).expanduser()
    from_env = environ.get(ENV_DATA_DIR)
    if from_env:
        return Path(from_env).expanduser()
    return default_data_dir()


def validate_profile_name(name: str) -> NameProblem | None:
    """What is wrong with ``name`` (a code for the catalog), or None if it is fine."""
    code = name_problem(name)
    if code is None:
        return None
    return NameProblem(code, {"max": str(MAX_PROFILE_NAME)} if code == "too-long" else None)


def profiles_dir(data_dir: Path) -> Path:
    """The folder holding one sub-folder per profile."""
    return Path(data_dir) / "profiles"


def profile_dir(data_dir: Path, profile: str) -> Path:
    """The folder of one profile; the name must already be validated."""
    return profiles_dir(data_dir) / profile


def progress_file(data_dir: Path, profile: str) -> Path:
    """The TOML file with the learner's progress."""
    return profile_dir(data_dir, profile) / PROGRESS_FILE_NAME


def lock_file(data_dir: Path, profile: str) -> Path:
    """The (empty) file that writers flock while they merge and save."""
    return profile_dir(data_dir, profile) / LOCK_FILE_NAME


def unlock_file(data_dir: Path, profile: str) -> Path:
    """Wrong passphrase tries on a protected profile, shared by every process (attempts.py)."""
    return profile_dir(data_dir, profile) / UNLOCK_FILE_NAME


def cache_dir(data_dir: Path) -> Path:
    """Copies of courses already read (course text only), shared by the account's profiles."""
    return Path(data_dir) / CACHE_DIR_NAME


def profile_paths(data_dir: Path, profile: str) -> dict[str, Path]:
    """Every path used for one profile, by name (for ``tbp where``)."""
    return {
        "data_dir": Path(data_dir),
        "profiles_dir": profiles_dir(data_dir),
        "profile_dir": profile_dir(data_dir, profile),
        "progress_file": progress_file(data_dir, profile),
        "lock_file": lock_file(data_dir, profile),
    }


def list_profiles(data_dir: Path) -> list[str]:
    """Names of the profiles that exist in ``data_dir`` (valid names only), sorted."""
    try:
        entries = list(os.scandir(profiles_dir(data_dir)))
    except OSError:
        return []
    names = [
        e.name
        for e in entries
        if validate_profile_name(e.name) is None and e.is_dir(follow_symlinks=False)
    ]
    return sorted(names, key=lambda n: (n.casefold(), n))


def check_data_dir_safe(path: Path) -> DirProblem | None:
    """What makes ``path`` unsafe for private data (a code and the folder), else None; the rule
    itself is the files ground floor's (`tbp_tui.files.folders`)."""
    found = unsafe_folder(path)
    return None if found is None else DirProblem(found[0], {"folder": str(found[1])})
