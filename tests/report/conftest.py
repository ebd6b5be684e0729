"""Fixtures for the reporting tests: a real Ralph LRS on loopback and a config pointing at it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tbp_tui.course import bundled_course_dir
from tbp_tui.course.loader import load_course
from tbp_tui.course.model import Course
from tests.ports import free_port

from .lrs_server import PASSWORD, USER, Lrs, ralph_python


@pytest.fixture(autouse=True)
def _isolate(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Never read the machine's /etc/tbp-tui or the developer's own data folder."""
    monkeypatch.setenv("TBP_SYSTEM_CONFIG_DIR", str(tmp_path / "etc-tbp-tui"))
    monkeypatch.setenv("TBP_DATA_DIR", str(tmp_path / "env-data"))


@pytest.fixture(scope="session")
def bundled() -> Course:
    return load_course(bundled_course_dir())


@pytest.fixture
def lrs(tmp_path: Path) -> Iterator[Lrs]:
    python = ralph_python()
    if python is None:
        pytest.skip("Ralph LRS not installed (python3 tasks.py setup puts it in .venv-ralph)")
    server = Lrs(python, tmp_path / "lrs", free_port())
    server.start()
    try:
        yield server
    finally:
        server.remove()


def write_config(folder: Path, endpoint: str, **extra: object) -> Path:
    """A learner's (or, with folder = the system dir, an administrator's) report.toml."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    secret = folder / "lrs-password"
    secret.write_text(PASSWORD + "\n")
    secret.chmod(0o600)
    values: dict[str, object] = {"enabled": True, "endpoint": endpoint, "home_page": "https://id.example.test",
                                 "username": USER, "password_file": secret, "timeout": 3, **extra}
    lines = ["[report]"]
    for key, value in values.items():
        text = f'"{value}"' if isinstance(value, str | Path) else str(value).lower()
        lines.append(f"{key} = {text}")
    path = folder / "report.toml"
    path.write_text("\n".join(lines) + "\n")
    return path
