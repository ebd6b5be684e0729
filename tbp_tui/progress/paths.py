"""Where progress lives, which profile names are allowed, and whether a data dir is safe.

Layout: ``<data>/profiles/<name>/progress.toml`` with ``progress.lock`` beside it. Profile
names become folder names, so they are validated strictly: a name must never be able to point
outside ``profiles/`` or hide as a dot-file. On shared machines a data dir that other users can
write to would let them read or plant a learner's answers, so such a dir is refused.
"""

from __future__ import annotations

import grp
import os
import pwd
import stat
import unicodedata
from collections.abc import Mapping
from pathlib import Path

import platformdirs

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
    "validate_profile_name",
]

APP_NAME = "tbp-tui"
ENV_DATA_DIR = "TBP_DATA_DIR"
DEFAULT_PROFILE = "standard"
MAX_PROFILE_NAME = 40
PROGRESS_FILE_NAME = "progress.toml"
LOCK_FILE_NAME = "progress.lock"
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
    if not isinstance(name, str) or name == "":
        return NameProblem("empty")
    if len(name) > MAX_PROFILE_NAME:
        return NameProblem("too-long", {"max": str(MAX_PROFILE_NAME)})
    if name in (".", ".."):
        return NameProblem("dots")
    separators = {"/", "\\", os.sep} | ({os.altsep} if os.altsep else set())
    if any(sep in name for sep in separators):
        return NameProblem("slash")
    if name.startswith("."):
        return NameProblem("leading-dot")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") for ch in name):
        return NameProblem("control")
    if name != name.strip():
        return NameProblem("spaces")
    return None


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


def _is_private_group(gid: int) -> bool:
    """True for a user-private group (Debian/Ubuntu/Fedora "UPG" convention).

    With UPG the umask is often 002, so ``~/.local/share`` may be group-writable; that is
    harmless when the group is ours alone (same name as our user and no other members).
    """
    if gid != os.getegid():
        return False
    try:
        group = grp.getgrgid(gid)
        user = pwd.getpwuid(os.geteuid()).pw_name
    except KeyError:
        return False
    return group.gr_name == user and set(group.gr_mem) <= {user}


def check_data_dir_safe(path: Path) -> DirProblem | None:
    """What makes ``path`` unsafe for private data (a code and the folder), else None.

    Checks the folder (if it exists) and every existing parent: none may be writable by group
    or others unless it has the sticky bit (like /tmp) or the group is our private group; the
    folder itself must be ours, and parents must be ours or root's. Missing parts are fine:
    they will be created 0700 by us.
    """
    path = Path(os.path.abspath(Path(path).expanduser()))
    euid = os.geteuid()
    current = path
    while True:
        try:
            os.lstat(current)
            break
        except FileNotFoundError:
            parent = current.parent
            if parent == current:
                return None
            current = parent
        except OSError:
            break  # e.g. a regular file in the way: not a safety matter, saving will fail
    real = Path(os.path.realpath(current))
    for index, folder in enumerate([real, *real.parents]):
        try:
            st = os.stat(folder)
        except OSError:
            continue
        if index == 0 and not stat.S_ISDIR(st.st_mode):
            continue  # not a folder: creating the data dir will fail and be reported then
        is_target = folder == real and current == path
        if is_target and st.st_uid != euid:
            return DirProblem("not-owner", {"folder": str(folder)})
        if not is_target and st.st_uid not in (euid, 0):
            return DirProblem("parent-not-owner", {"folder": str(folder)})
        sticky = bool(st.st_mode & stat.S_ISVTX)
        others_write = bool(st.st_mode & stat.S_IWOTH)
        group_write = bool(st.st_mode & stat.S_IWGRP) and not _is_private_group(st.st_gid)
        if (others_write or group_write) and not sticky:
            return DirProblem("others-write" if others_write else "group-write",
                              {"folder": str(folder)})
    return None
