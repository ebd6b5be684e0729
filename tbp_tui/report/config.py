"""Where reporting is configured, and what a valid configuration is.

An administrator's ``/etc/tbp-tui/report.toml`` (``TBP_SYSTEM_CONFIG_DIR`` moves the folder)
rules when it exists; otherwise the learner's own ``report.toml`` in the data folder. Neither
file existing means reporting is off. Unknown keys and wrong types are refused with the file and
key named, never guessed around: a typo must not silently send data somewhere else.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tbp_tui.files import read_regular

__all__ = ["ConfigProblem", "ReportConfig", "config_paths", "load_config", "read_secret"]

SYSTEM_DIR = Path("/etc/tbp-tui")
ENV_SYSTEM_DIR = "TBP_SYSTEM_CONFIG_DIR"
FILE_NAME = "report.toml"
MAX_CONFIG_BYTES = 64 * 1024
MAX_SECRET_BYTES = 4096
DEFAULT_ACTIVITY_BASE = "urn:tbp-tui"

_KEYS: Mapping[str, type] = {
    "enabled": bool,
    "endpoint": str,
    "home_page": str,
    "activity_base": str,
    "username": str,
    "password_file": str,
    "actor_key_file": str,
    "spool": str,
    "timeout": float,
    "batch": int,
}


class ConfigProblem(Exception):
    """The configuration file is there but wrong: ``where`` (file and key) and ``what``."""

    def __init__(self, where: str, what: str) -> None:
        super().__init__(f"{where}: {what}")
        self.where = where
        self.what = what


@dataclass(frozen=True)
class ReportConfig:
    """A configuration that turns reporting on (a disabled one is represented by ``None``)."""

    source: Path
    system: bool
    endpoint: str
    home_page: str
    activity_base: str = DEFAULT_ACTIVITY_BASE
    username: str | None = None
    password_file: Path | None = None
    actor_key_file: Path | None = None
    spool: Path | None = None
    timeout: float = 10.0
    batch: int = 100

    @property
    def statements_url(self) -> str:
        return self.endpoint.rstrip("/") + "/statements"



def system_dir(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    return Path(env.get(ENV_SYSTEM_DIR) or SYSTEM_DIR)


def config_paths(data_dir: Path, environ: Mapping[str, str] | None = None) -> tuple[Path, Path]:
    """(the administrator's file, the learner's file)."""
    return system_dir(environ) / FILE_NAME, data_dir / FILE_NAME


def _read_small(path: Path, limit: int) -> bytes | None:
    """A regular file's bytes (never a FIFO, device or link), or None when it does not exist."""
    try:
        return read_regular(path, limit, follow=False)
    except FileNotFoundError:
        return None
    except OSError as exc:  # FileRefused too: a link, a special file, too large
        raise ConfigProblem(str(path), f"cannot be read ({exc.strerror or exc})") from None


def _parse(path: Path, data: bytes, *, system: bool) -> ReportConfig | None:
    import tomllib  # only when a file exists: most starts have none

    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigProblem(str(path), f"not valid TOML ({exc})") from None
    table = raw.get("report")
    extra = sorted(set(raw) - {"report"})
    if extra:
        raise ConfigProblem(f"{path}: {extra[0]}", "unknown table or key (only [report] is read)")
    if not isinstance(table, dict):
        raise ConfigProblem(f"{path}: report", "the [report] table is missing")
    values: dict[str, Any] = {}
    for key, value in table.items():
        wanted = _KEYS.get(key)
        if wanted is None:
            raise ConfigProblem(f"{path}: report.{key}", "unknown key")
        if wanted is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, wanted) or (wanted is int and isinstance(value, bool)):
            raise ConfigProblem(f"{path}: report.{key}", f"must be {wanted.__name__}")
        values[key] = value
    if not values.get("enabled", False):
        return None
    for needed in ("endpoint", "home_page"):
        if not values.get(needed):
            raise ConfigProblem(f"{path}: report.{needed}", "is required when enabled = true")
    endpoint = values["endpoint"]
    if not endpoint.startswith(("https://", "http://")):
        raise ConfigProblem(f"{path}: report.endpoint", "must start with https:// (or http:// on loopback)")
    if endpoint.startswith("http://") and not endpoint.startswith(("http://127.", "http://localhost", "http://[::1]")):
        raise ConfigProblem(f"{path}: report.endpoint", "plain http:// is allowed only to this machine; use https://")
    timeout = values.get("timeout", 10.0)
    batch = values.get("batch", 100)
    if not 0.5 <= timeout <= 120:
        raise ConfigProblem(f"{path}: report.timeout", "must be between 0.5 and 120 seconds")
    if not 1 <= batch <= 1000:
        raise ConfigProblem(f"{path}: report.batch", "must be between 1 and 1000")

    def opt_path(key: str) -> Path | None:
        return Path(values[key]) if values.get(key) else None

    return ReportConfig(
        source=path,
        system=system,
        endpoint=endpoint,
        home_page=values["home_page"],
        activity_base=values.get("activity_base", DEFAULT_ACTIVITY_BASE),
        username=values.get("username"),
        password_file=opt_path("password_file"),
        actor_key_file=opt_path("actor_key_file"),
        spool=opt_path("spool"),
        timeout=timeout,
        batch=batch,
    )


def load_config(data_dir: Path, environ: Mapping[str, str] | None = None) -> ReportConfig | None:
    """The configuration in force, or None when reporting is off; raises :class:`ConfigProblem`."""
    system, own = config_paths(data_dir, environ)
    data = _read_small(system, MAX_CONFIG_BYTES)
    if data is not None:
        return _parse(system, data, system=True)
    data = _read_small(own, MAX_CONFIG_BYTES)
    return None if data is None else _parse(own, data, system=False)


def read_secret(path: Path) -> bytes:
    """A password or key file's bytes, trailing newline removed; raises ConfigProblem."""
    data = _read_small(path, MAX_SECRET_BYTES)
    if data is None:
        raise ConfigProblem(str(path), "does not exist")
    return data.rstrip(b"\r\n")
